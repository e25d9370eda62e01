//! The shape of the tree, checked: stages depend only on the stages before them, and the
//! modules of the DOCX writer import each other without a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The Rust files under `src/<dir>` with their text, by path relative to `src/`.
fn sources(dir: &str) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&root, &root.join(dir), &mut out);
    out
}

/// The code of a file without its `#[cfg(test)] mod tests` (tests may reach anywhere).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |at| &text[..at])
}

/// Asserts that no file under `src/<dir>` (tests aside) names any of `forbidden`.
#[track_caller]
fn assert_never_named(dir: &str, forbidden: &[&str], why: &str) {
    for (file, text) in sources(dir) {
        for name in forbidden {
            assert!(
                !without_tests(&text).contains(name),
                "src/{file} uses {name}: {why}"
            );
        }
    }
}

#[test]
fn office_open_xml_is_named_and_parsed_in_one_place() {
    // The Word reader, the DOCX writer and everything else reach WordprocessingML and the
    // package through src/ooxml: a namespace spelled out, a zip opened or a part parsed
    // elsewhere is a second copy of what the layer does (the unit tests' files of
    // hand-made Word files aside).
    for (file, text) in sources("") {
        if file.starts_with("ooxml/") || file.ends_with("/tests.rs") {
            continue;
        }
        // SVG pictures are XML too, parsed as usvg (Typst's SVG library) parses them.
        let text = without_tests(&text).replace("usvg::roxmltree", "usvg");
        for name in [
            "schemas.openxmlformats.org/wordprocessingml",
            "purl.oclc.org/ooxml/wordprocessingml",
            "ZipArchive",
            "roxmltree::Document::parse",
        ] {
            assert!(
                !text.contains(name),
                "src/{file} names {name}: Office Open XML goes through src/ooxml"
            );
        }
    }
}

#[test]
fn loaders_know_no_writer_and_writers_read_no_sources() {
    assert_never_named(
        "load",
        &[
            "crate::write",
            "crate::build",
            "crate::publish",
            "crate::consolidate",
        ],
        "loaders know nothing of later stages",
    );
    assert_never_named(
        "write",
        &[
            "crate::load",
            "crate::consolidate",
            "serde_saphyr",
            "comrak",
        ],
        "writers read only the model and their template",
    );
}

#[test]
fn word_files_come_in_as_sources_and_forms_go_out_through_the_writer() {
    // Import is a loader of Word files: it writes the contract's Markdown, never an output.
    assert_never_named(
        "import",
        &[
            "crate::write",
            "crate::build",
            "crate::consolidate",
            "typst",
        ],
        "import turns Word files into sources; it knows no writer",
    );
    // Forms are made from the meeting as documents are: a model the DOCX writer reads.
    assert_never_named(
        "forms",
        &["crate::write", "crate::build", "serde_saphyr", "comrak"],
        "a form is a model; the DOCX writer writes it",
    );
}

#[test]
fn versions_are_compared_on_the_model() {
    // Comparing reads two models and writes a third; it knows no sources and no writer.
    assert_never_named(
        "compare",
        &[
            "crate::load",
            "crate::write",
            "crate::consolidate",
            "serde_saphyr",
            "comrak",
        ],
        "compare reads and marks the model only",
    );
}

#[test]
fn docx_modules_import_each_other_without_a_circle() {
    let files = sources("write/docx");
    let modules: BTreeSet<String> = files
        .keys()
        .filter_map(|f| f.strip_prefix("write/docx/")?.strip_suffix(".rs"))
        .filter(|m| *m != "mod" && *m != "tests")
        .map(str::to_string)
        .collect();
    assert!(modules.len() > 5, "{modules:?}");
    // Which sibling modules each module names (`use super::x::…`, `super::x::…`, `super::{x, …}`).
    let mut imports: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for module in &modules {
        let text = without_tests(&files[&format!("write/docx/{module}.rs")]);
        let mut named = BTreeSet::new();
        for (at, _) in text.match_indices("super::") {
            let rest = &text[at + "super::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or(""))
                    .collect()
            } else {
                vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ]
            };
            for name in names {
                if let Some(sibling) = modules.get(name) {
                    named.insert(sibling.as_str());
                } else if !name.is_empty() && name != "super" && name != "self" {
                    panic!(
                        "src/write/docx/{module}.rs uses super::{name}: modules import their \
                         siblings, not the parent module"
                    );
                }
            }
        }
        named.remove(module.as_str());
        imports.insert(module, named);
    }
    // A depth-first search for a circle.
    fn visit<'a>(
        module: &'a str,
        imports: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if let Some(at) = path.iter().position(|m| *m == module) {
            panic!("the docx modules import each other in a circle: {}", {
                let mut circle = path[at..].to_vec();
                circle.push(module);
                circle.join(" -> ")
            });
        }
        if done.contains(module) {
            return;
        }
        path.push(module);
        for next in &imports[module] {
            visit(next, imports, path, done);
        }
        path.pop();
        done.insert(module);
    }
    let mut done = BTreeSet::new();
    for module in imports.keys() {
        visit(module, &imports, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_status_page_reads_the_status_only() {
    // The page writer is a function of the `Status`: it reads no sources and no files, so what
    // the page shows is what `status --format json` shows.
    for file in ["status/html.rs", "status/wording.rs"] {
        let text = &sources("status")[file];
        for name in [
            "crate::load",
            "serde_saphyr",
            "comrak",
            "std::fs",
            "crate::consolidate",
        ] {
            assert!(
                !without_tests(text).contains(name),
                "src/{file} uses {name}: the page is written from the Status alone"
            );
        }
    }
}
