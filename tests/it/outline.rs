//! The outline is the tool's job, and what `check` accepts, `build` builds:
//! - whatever heading levels authors write, the PDF's outline and Word's heading styles are
//!   consecutive and in the authors' order, under PDF/UA-1 and PDF/A-2a;
//! - every example of the CommonMark spec, the GFM spec and cmark-gfm's extension tests
//!   (`tests/spec/`, see its README) builds as a case study with the default standards, or
//!   `check` says why not at its line;
//! - any Markdown of the property test that `check` accepts builds.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::common;
use crate::common::TempProject;
use proptest::prelude::*;

/// Headings as authors pick them by their size: `###`, `#`, `######`, `##`, `####`.
const LEVELS_BODY: &str = "### Three\n\nP-THREE.\n\n# One\n\nP-ONE.\n\n###### Six\n\nP-SIX.\n\n\
                           ## Two\n\nP-TWO.\n\n#### Four\n\nP-FOUR.\n";

/// The minimal fixture with those headings in the introduction (a rapporteur's file), in
/// Kazakhstan's input and in the case study "Alpha hub".
fn levels_project() -> TempProject {
    let project = TempProject::fixture("minimal");
    // The English texts only: their translations would have to follow every heading.
    project
        .remove("sources/countries/kaz.ru.md")
        .remove("sources/documents/brief/intro.ru.md")
        .write("sources/documents/brief/intro.md", LEVELS_BODY)
        .edit(
            "sources/countries/kaz.en.md",
            "## Priorities\n",
            &format!("{LEVELS_BODY}\n"),
        )
        .edit(
            "sources/case-studies/kaz-alpha.en.md",
            "KAZ-ALPHA-TEXT.\n",
            LEVELS_BODY,
        );
    project
}

/// The English document's outline: the rapporteur's file from chapter level, the country
/// input's headings under "Kazakhstan" (the fourth level is the last; `####` runs in), the
/// case study's under "Alpha hub" (from `######` on, run-in headings), then the annexes.
const LEVELS_EN: [&str; 23] = [
    "1:Three",
    "1:One",
    "2:Six",
    "2:Two",
    "3:Four",
    "1:Country inputs",
    "2:Kazakhstan",
    "3:Three",
    "3:One",
    "4:Six",
    "4:Two",
    "2:Kyrgyzstan",
    "3:Priorities",
    "1:Case studies",
    "2:Skills",
    "3:Alpha hub",
    "4:Three",
    "4:One",
    "2:Incubators",
    "3:Beta accelerator",
    "3:Zeta park",
    "1:Annex I. Indicators",
    "1:Annex II. Index",
];

/// The PDF's bookmarks as `level:title`, the number before a heading's title left out, read
/// by qpdf.
fn bookmarks(pdf: &Path) -> Option<Vec<String>> {
    common::reader("qpdf")?;
    let output = Command::new("qpdf")
        .args(["--json=2", "--json-key=outlines"])
        .arg(pdf)
        .output()
        .unwrap();
    assert!(output.status.success(), "qpdf --json failed");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    fn walk(items: &serde_json::Value, level: usize, out: &mut Vec<String>) {
        for item in items.as_array().into_iter().flatten() {
            let title = item["title"].as_str().unwrap_or_default();
            // "I.\u{a0}Three" → "Three"; annexes have no number box.
            let title = title.split_once('\u{a0}').map_or(title, |(_, t)| t).trim();
            out.push(format!("{level}:{title}"));
            walk(&item["kids"], level + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&json["outlines"], 1, &mut out);
    Some(out)
}

/// The DOCX's headings as `level:text` from their `Heading N` styles, the annexes' own style
/// left out.
fn docx_headings(docx: &Path) -> Vec<String> {
    let package = common::ooxml::Docx::open(docx);
    let xml = package.xml("word/document.xml");
    let tree = common::ooxml::parse(&xml);
    common::ooxml::paragraphs(&tree)
        .into_iter()
        .filter_map(|p| {
            let level = common::ooxml::style_of(p)?
                .strip_prefix("Heading")?
                .to_string();
            Some(format!("{level}:{}", common::ooxml::para_text(p).trim()))
        })
        .collect()
}

/// Asserts that no level of `outline` (`level:title`) is more than one below the one before,
/// and that the first is 1.
fn assert_consecutive(outline: &[String]) {
    let mut previous = 0;
    for entry in outline {
        let level: usize = entry.split(':').next().unwrap().parse().unwrap();
        assert!(
            level <= previous + 1,
            "{entry} skips a level after {previous}: {outline:#?}"
        );
        previous = level;
    }
}

#[test]
fn headings_at_any_depth_build_under_pdf_ua_in_the_authors_order() {
    let project = levels_project();
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.root.join("output/brief/draft");
    for lang in ["en", "ru"] {
        let pdf = dir.join(format!("brief.{lang}.pdf"));
        common::assert_pdf_compliant(&pdf, "ua1");
        common::assert_pdf_compliant(&pdf, "2a");
        if let Some(outline) = bookmarks(&pdf) {
            assert_consecutive(&outline);
            if lang == "en" {
                assert_eq!(outline, LEVELS_EN);
            }
        }
        let headings = docx_headings(&dir.join(format!("brief.{lang}.docx")));
        assert_consecutive(&headings);
        if lang == "en" {
            // Word's headings carry their numbers as list numbering, not as text.
            let expected: Vec<&str> = LEVELS_EN
                .iter()
                .copied()
                .filter(|h| !h.contains("Annex"))
                .collect();
            assert_eq!(headings, expected);
        }
    }
    // The headings deeper than the outline run into their paragraphs, in both formats.
    if let Some(text) = common::pdftotext(&dir.join("brief.en.pdf")) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        common::assert_in_order(
            &text,
            &[
                "Four. P-FOUR.",
                "Alpha hub",
                "Six. P-SIX.",
                "Two. P-TWO.",
                "Four. P-FOUR.",
            ],
        );
    }
    let xml = common::ooxml::Docx::open(&dir.join("brief.en.docx")).xml("word/document.xml");
    assert!(
        xml.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Six.</w:t>"),
        "the run-in heading is bold in Word"
    );
}

/// The Markdown of every example in a spec file of `tests/spec/` (`→` stands for a tab),
/// `example disabled` ones left out.
pub(crate) fn spec_examples(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join("tests/spec").join(file)).unwrap();
    let fence = "`".repeat(32);
    let mut examples = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix(&fence) else {
            continue;
        };
        let info = rest.trim();
        if !info.starts_with("example") {
            continue;
        }
        let mut markdown = String::new();
        for line in lines.by_ref() {
            if line == "." {
                break;
            }
            markdown.push_str(line);
            markdown.push('\n');
        }
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
        }
        if !info.contains("disabled") {
            examples.push(markdown.replace('→', "\t"));
        }
    }
    examples
}

/// A project with one document per spec file, each example a case study of that file's
/// theme titled `Example <TAG>-<n>`. Examples with images are left out (their pictures do
/// not exist). Returns the project and each case study's file by its title.
fn spec_project(files: &[(&str, &str)]) -> (TempProject, BTreeMap<String, String>) {
    let project = TempProject::fixture("minimal");
    let mut themes = String::new();
    let mut titles = BTreeMap::new();
    for (file, tag) in files {
        let theme = tag.to_lowercase();
        themes.push_str(&format!(
            "  - {{id: {theme}, title: {{en: {tag} examples}}}}\n"
        ));
        project.write(
            &format!("sources/documents/spec-{theme}.yaml"),
            format!(
                "id: spec-{theme}\ntemplate: un-document\ntitle: {{en: {tag} examples}}\n\
                 distribution: General\ndate: 2023-06-01\nsections:\n  - heading: {{en: Examples}}\n    \
                 contributions: case-studies\n    themes: [{theme}]\n"
            ),
        );
        for (n, markdown) in spec_examples(file).iter().enumerate() {
            if markdown.contains("![") {
                continue;
            }
            let id = format!("{theme}-{:04}", n + 1);
            let title = format!("Example {tag}-{:04}", n + 1);
            let path = format!("sources/case-studies/{id}.en.md");
            project.write(
                &path,
                format!(
                    "---\ntype: case-study\nid: {id}\ncountry: KAZ\ntitle: {title}\n\
                     organization: Spec\nthemes: [{theme}]\nsubmitted: 2023-04-01\n---\n{markdown}"
                ),
            );
            titles.insert(title, path);
        }
    }
    project.edit(
        "sources/meeting.yaml",
        "themes:\n",
        &format!("themes:\n{themes}"),
    );
    (project, titles)
}

#[test]
fn every_commonmark_and_gfm_example_builds_with_the_default_standards() {
    let (project, titles) = spec_project(&[
        ("commonmark-spec.txt", "CM"),
        ("gfm-spec.txt", "GFM"),
        ("gfm-extensions.txt", "EXT"),
    ]);
    // What `check` refuses is said at a line of the example's file; those examples are left
    // out of the build, and there must be few of them, each for a reason a person can act on.
    let (_, stdout, _) = project.run(&["check", "--format", "json"]);
    let diags: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    for d in diags.iter().filter(|d| d["severity"] == "error") {
        let file = d["file"].as_str().unwrap();
        assert!(
            file.starts_with("sources/case-studies/") && d["line"].as_u64().unwrap() > 0,
            "an error not at an example's line: {d}"
        );
        // The only content a build cannot take: a character no embedded font has (Kannada,
        // Malayalam, Japanese, a Wancho sign), which PDF/A refuses.
        assert!(
            d["message"].as_str().unwrap().contains("has no glyph"),
            "{d}"
        );
        refused.insert(file.to_string(), d["message"].as_str().unwrap().to_string());
    }
    eprintln!(
        "{} examples, {} refused by check: {refused:#?}",
        titles.len(),
        refused.len()
    );
    assert!(refused.len() <= 5, "{refused:#?}");
    for file in refused.keys() {
        project.remove(file);
    }
    let (code, _, stderr) = project.run(&["build", "--lang", "en", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "what check accepts, build builds:\n{stderr}");
    let built: Vec<(&String, &String)> = titles
        .iter()
        .filter(|(_, file)| !refused.contains_key(*file))
        .collect();
    let mut pdf_text = String::new();
    let mut docx_text = String::new();
    for theme in ["cm", "gfm", "ext"] {
        let dir = project.root.join(format!("output/spec-{theme}/draft"));
        if let Some(text) = common::pdftotext(&dir.join(format!("spec-{theme}.en.pdf"))) {
            pdf_text.push_str(&text);
        }
        let docx = common::ooxml::Docx::open(&dir.join(format!("spec-{theme}.en.docx")));
        docx_text.push_str(&docx.xml("word/document.xml"));
    }
    for (title, _) in &built {
        if !pdf_text.is_empty() {
            assert!(
                pdf_text.contains(title.as_str()),
                "{title} is not in the PDF"
            );
        }
        assert!(
            docx_text.contains(title.as_str()),
            "{title} is not in the DOCX"
        );
    }
}

/// Markdown made of the pieces that broke builds: headings of any level, struck text in
/// links, quotes and lists holding headings, footnotes, tables, code.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..=6, "[A-Za-z][a-z ]{0,12}").prop_map(|(n, t)| format!("{} {t}\n", "#".repeat(n))),
        "[A-Za-z ,.]{1,40}".prop_map(|t| format!("{t}\n")),
        "[a-z]{1,8}".prop_map(|t| format!("[a ~~{t}~~ b](https://example.org/{t})\n")),
        "[a-z]{1,8}".prop_map(|t| format!("~~struck [{t}](https://example.org)~~\n")),
        (1usize..=6, "[a-z]{1,8}").prop_map(|(n, t)| format!("> {} {t}\n", "#".repeat(n))),
        (1usize..=6, "[a-z]{1,8}").prop_map(|(n, t)| format!("- {} {t}\n- item\n", "#".repeat(n))),
        "[a-z]{1,8}".prop_map(|t| format!("Noted.[^{t}]\n\n[^{t}]: A note on {t}.\n")),
        "[a-z]{1,8}".prop_map(|t| format!("| A | B |\n|---|--:|\n| {t} | 1 |\n")),
        "[a-z]{1,8}".prop_map(|t| format!("```\n{t}\n```\n")),
        Just("#\n".to_string()),
        Just("***\n".to_string()),
    ]
}

proptest! {
    // Each case typesets a document (about a fifth of a second): 24 cases find a skipped
    // heading level, which most cases hold, in seconds.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_markdown_check_accepts_builds(pieces in prop::collection::vec(markdown_piece(), 1..12)) {
        let project = TempProject::fixture("minimal");
        let body = pieces.join("\n");
        project.edit("sources/case-studies/kaz-alpha.en.md", "KAZ-ALPHA-TEXT.\n", &body);
        let (check, _, check_err) = project.run(&["check"]);
        if check == 0 {
            let (code, _, stderr) = project.run(&["build", "--lang", "en", "--to", "pdf"]);
            prop_assert_eq!(code, 0, "check accepted, build failed on:\n{}\n{}", body, stderr);
        } else {
            prop_assert!(check_err.contains("sources/case-studies/kaz-alpha.en.md:"), "{}", check_err);
        }
    }
}
