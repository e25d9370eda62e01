//! Golden tests: what the writers make of the fixture projects, compared exactly with the
//! expected files under `tests/golden/<fixture>/`.
//!
//! - The generated Typst source of every language, as written by `build --to typ`.
//! - The DOCX of every language, part by part: each XML part pretty-printed (one element a
//!   line, indented, text and attributes exactly as written) so that a change to the writer
//!   shows in review as a readable diff; the package's entries in order with their compression,
//!   and the other parts (images) by size and SHA-256.
//!
//! A change to a template or a writer makes these tests fail with the first differing lines of
//! every file. When the change is intended, rewrite the expected files and review their diff:
//!
//! ```sh
//! SPECA_BLESS=1 cargo test --test it golden::
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common;
use crate::common::{TempProject, ooxml};

/// The switch that rewrites the expected files instead of comparing.
const BLESS: &str = "SPECA_BLESS";

#[test]
fn minimal_fixture_matches_its_golden_files() {
    golden("minimal", "brief", &["en", "ru"]);
}

#[test]
fn features_fixture_matches_its_golden_files() {
    golden("features", "features", &["en", "ru"]);
}

/// Builds `doc` of `fixture` as Typst source and DOCX and compares every file with
/// `tests/golden/<fixture>/`.
fn golden(fixture: &str, doc: &str, langs: &[&str]) {
    let project = TempProject::fixture(fixture);
    let (code, _, stderr) = project.run(&["build", doc, "--to", "typ,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let mut actual: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for lang in langs {
        let stem = format!("{doc}.{lang}");
        let folder = format!("output/{doc}/draft");
        actual.insert(
            format!("{stem}.typ"),
            project.read(&format!("{folder}/{stem}.typ")),
        );
        let docx = project.read(&format!("{folder}/{stem}.docx"));
        for (name, bytes) in docx_files(&docx) {
            actual.insert(format!("{stem}.docx/{name}"), bytes);
        }
    }
    compare(fixture, &actual);
}

/// A preview of a country input in its second language and of a case study: the banner, no
/// contents, the headings the document puts above each.
#[test]
fn previews_of_the_minimal_fixture_match_their_golden_files() {
    let project = TempProject::fixture("minimal");
    let files = [
        "sources/countries/kaz.ru.md",
        "sources/case-studies/uzb-park.en.md",
    ];
    let mut args = vec!["preview", "--to", "typ,docx"];
    args.extend(files);
    let (code, _, stderr) = project.run(&args);
    assert_eq!(code, 0, "{stderr}");
    let mut actual: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for stem in ["kaz.ru", "uzb-park.en"] {
        let folder = "output/preview";
        actual.insert(
            format!("{stem}.typ"),
            project.read(&format!("{folder}/{stem}.typ")),
        );
        let docx = project.read(&format!("{folder}/{stem}.docx"));
        for (name, bytes) in docx_files(&docx) {
            actual.insert(format!("{stem}.docx/{name}"), bytes);
        }
    }
    compare("minimal-preview", &actual);
}

/// Compares `actual` with `tests/golden/<golden>/`, or rewrites it with the switch.
fn compare(fixture: &str, actual: &BTreeMap<String, Vec<u8>>) {
    let expected_dir = common::repo().join("tests/golden").join(fixture);
    if std::env::var(BLESS).is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for (name, bytes) in actual {
            let path = expected_dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        eprintln!("rewrote {}", expected_dir.display());
        return;
    }
    let expected = read_tree(&expected_dir);
    let mut problems = Vec::new();
    for (name, bytes) in actual {
        match expected.get(name) {
            None => problems.push(format!("{name}: new file, not in the golden files")),
            Some(want) if want != bytes => problems.push(first_difference(name, want, bytes)),
            Some(_) => {}
        }
    }
    for name in expected.keys().filter(|n| !actual.contains_key(*n)) {
        problems.push(format!("{name}: in the golden files, no longer written"));
    }
    assert!(
        problems.is_empty(),
        "{} of {} files differ from tests/golden/{fixture}/:\n\n{}\n\nIf the change is intended, \
         rewrite the expected files with `{BLESS}=1 cargo test --test it golden::` and review their diff.",
        problems.len(),
        actual.len().max(expected.len()),
        problems.join("\n\n")
    );
}

/// Every file under `dir`, by its path relative to `dir` with `/` separators.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel: PathBuf = path.strip_prefix(root).unwrap().into();
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The first line where `want` and `got` differ, with a few lines around it.
fn first_difference(name: &str, want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let want_lines: Vec<&str> = want.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let at = want_lines
        .iter()
        .zip(&got_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(want_lines.len().min(got_lines.len()));
    let from = at.saturating_sub(2);
    let show = |lines: &[&str], sign: char| -> String {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(at - from + 3)
            .map(|(i, l)| {
                let mark = if i == at { sign } else { ' ' };
                format!("  {mark}{:>5} {l}", i + 1)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "{name}: differs from line {} ({} lines expected, {} written)\n expected:\n{}\n written:\n{}",
        at + 1,
        want_lines.len(),
        got_lines.len(),
        show(&want_lines, '-'),
        show(&got_lines, '+')
    )
}

/// A DOCX as golden files: `_package.txt` (the entries in order, how each is stored, and the
/// size and SHA-256 of every part that is not XML) and every XML part pretty-printed.
fn docx_files(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    use sha2::Digest;
    let package = ooxml::Docx::read("the DOCX", docx);
    let mut listing = String::new();
    let mut files = Vec::new();
    for name in &package.order {
        let bytes = package.bytes(name);
        let method = &package.compression[name];
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = package.xml(name);
            listing.push_str(&format!("{name}  {method}\n"));
            files.push((name.clone(), pretty_xml(&text).into_bytes()));
        } else {
            let sha: String = sha2::Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            listing.push_str(&format!(
                "{name}  {method}  {} bytes  sha256 {sha}\n",
                bytes.len()
            ));
        }
    }
    files.push(("_package.txt".to_string(), listing.into_bytes()));
    files
}

/// One XML token: a tag (start, end, empty, declaration, comment) or text between tags.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Start(&'a str),
    End(&'a str),
    /// An empty element, a declaration, a processing instruction or a comment.
    Whole(&'a str),
    Text(&'a str),
}

fn tokens(xml: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push(Token::Text(&rest[..end]));
            rest = &rest[end..];
            continue;
        }
        let close = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<![CDATA[") {
            rest.find("]]>").map(|i| i + 3)
        } else {
            // Attribute values may hold '>' only in input we did not write; be exact anyway.
            let mut quote = None;
            rest.char_indices().find_map(|(i, c)| match (quote, c) {
                (None, '"' | '\'') => {
                    quote = Some(c);
                    None
                }
                (Some(q), c) if c == q => {
                    quote = None;
                    None
                }
                (None, '>') => Some(i + 1),
                _ => None,
            })
        };
        let end = close.unwrap_or(rest.len());
        let tag = &rest[..end];
        out.push(if tag.starts_with("</") {
            Token::End(tag)
        } else if tag.ends_with("/>") || tag.starts_with("<?") || tag.starts_with("<!") {
            Token::Whole(tag)
        } else {
            Token::Start(tag)
        });
        rest = &rest[end..];
    }
    out
}

/// XML with one element a line, indented by depth. An element holding only text stays on one
/// line, its text exactly as written; whitespace between elements is dropped.
fn pretty_xml(xml: &str) -> String {
    let tokens = tokens(xml);
    let mut out = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    let line = |out: &mut String, depth: usize, text: &str| {
        out.push_str(&"  ".repeat(depth));
        out.push_str(text);
        out.push('\n');
    };
    while i < tokens.len() {
        match (&tokens[i], tokens.get(i + 1), tokens.get(i + 2)) {
            (Token::Start(start), Some(Token::Text(text)), Some(Token::End(end))) => {
                line(&mut out, depth, &format!("{start}{text}{end}"));
                i += 3;
                continue;
            }
            (Token::Start(start), Some(Token::End(end)), _) => {
                line(&mut out, depth, &format!("{start}{end}"));
                i += 2;
                continue;
            }
            (Token::Start(start), _, _) => {
                line(&mut out, depth, start);
                depth += 1;
            }
            (Token::End(end), _, _) => {
                depth = depth.saturating_sub(1);
                line(&mut out, depth, end);
            }
            (Token::Whole(tag), _, _) => line(&mut out, depth, tag),
            (Token::Text(text), _, _) => {
                if !text.trim().is_empty() {
                    line(&mut out, depth, text);
                }
            }
        }
        i += 1;
    }
    out
}

#[test]
fn pretty_xml_keeps_text_exact_and_nests_elements() {
    let xml = "<?xml version=\"1.0\"?>\n<a x=\"1>2\"><b> two  spaces </b><c/>\n  <d><e>t</e></d><f></f></a>";
    assert_eq!(
        pretty_xml(xml),
        "<?xml version=\"1.0\"?>\n<a x=\"1>2\">\n  <b> two  spaces </b>\n  <c/>\n  <d>\n    <e>t</e>\n  </d>\n  <f></f>\n</a>\n"
    );
}
