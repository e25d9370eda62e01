//! One document in two languages (issue 20): a numbered paragraph carries the same number in
//! every language version and is the same contribution's, read back from the PDFs (pdftotext)
//! and the DOCX files; in the UN form for replies from States, each version orders the
//! contributions by its own alphabet and numbers none of their paragraphs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{TempProject, ooxml, pdftotext};

/// The country codes by their names in `lang`, from the project's meeting.
fn country_names(project: &TempProject, lang: &str) -> BTreeMap<String, String> {
    let mut diags = speca_docs::diag::Diagnostics::new();
    let meeting = speca_docs::load::load_meeting(&project.root, &mut diags)
        .unwrap()
        .unwrap();
    meeting
        .countries
        .iter()
        .map(|c| (meeting.country_name(&c.code, lang), c.code.clone()))
        .collect()
}

/// Each paragraph number of a PDF with the country whose input it stands in (`None` outside
/// the country inputs), as pdftotext lays the page out: a paragraph starts with its number,
/// a country's heading is its name (after its letter, when it has one), a chapter starts
/// with its Roman number.
fn numbers_in_pdf(
    pdf: &Path,
    countries: &BTreeMap<String, String>,
) -> Option<Vec<(u32, Option<String>)>> {
    let text = pdftotext(pdf)?;
    let mut current = None;
    let mut out = Vec::new();
    // The contents list names the countries too: the body starts after its page break.
    let body = text.split('\u{c}').skip(1).collect::<Vec<_>>().join("\n");
    for line in body.lines().map(str::trim) {
        let (label, rest) = match line.split_once(char::is_whitespace) {
            Some((label, rest)) if label.ends_with('.') => {
                (label.trim_end_matches('.'), rest.trim())
            }
            _ => ("", line),
        };
        if let Some(code) = countries.get(rest) {
            current = Some(code.clone());
        } else if let Ok(n) = label.parse::<u32>() {
            out.push((n, current.clone()));
        } else if !label.is_empty() && label.chars().all(|c| "IVXL".contains(c)) {
            current = None;
        }
    }
    Some(out)
}

/// Each numbered paragraph of a DOCX (counted as Word numbers them: the paragraphs in the
/// numbered-paragraph style) with the country whose input it stands in.
fn numbers_in_docx(
    docx: &Path,
    countries: &BTreeMap<String, String>,
) -> Vec<(u32, Option<String>)> {
    let xml = ooxml::Docx::open(docx).xml("word/document.xml");
    let tree = ooxml::parse(&xml);
    let mut current = None;
    let mut number = 0;
    let mut out = Vec::new();
    for p in ooxml::paragraphs(&tree) {
        match ooxml::style_of(p) {
            Some("Heading1") => current = None,
            Some("Heading2") => {
                if let Some(code) = countries.get(ooxml::para_text(p).trim()) {
                    current = Some(code.clone());
                }
            }
            Some("NumberedPara") => {
                number += 1;
                out.push((number, current.clone()));
            }
            _ => {}
        }
    }
    out
}

/// Paragraph numbers, each with the country whose input it stands in.
type Numbers = Vec<(u32, Option<String>)>;

/// Builds the project's documents and returns, per document and format, the paragraph
/// numbers of each language version with their countries.
fn numbering(project: &TempProject) -> Vec<(String, Numbers, Numbers)> {
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let (en, ru) = (country_names(project, "en"), country_names(project, "ru"));
    let mut out = Vec::new();
    for doc in ["gc-2022-innovation", "ef-2022-digital"] {
        let dir = project.root.join("output").join(doc).join("draft");
        let file = |lang: &str, ext: &str| dir.join(format!("{doc}.{lang}.{ext}"));
        out.push((
            format!("{doc} DOCX"),
            numbers_in_docx(&file("en", "docx"), &en),
            numbers_in_docx(&file("ru", "docx"), &ru),
        ));
        if let (Some(english), Some(russian)) = (
            numbers_in_pdf(&file("en", "pdf"), &en),
            numbers_in_pdf(&file("ru", "pdf"), &ru),
        ) {
            out.push((format!("{doc} PDF"), english, russian));
        }
    }
    out
}

#[test]
fn a_paragraph_carries_the_same_number_and_contribution_in_both_languages() {
    let project = TempProject::fixture("sample");
    for (what, english, russian) in numbering(&project) {
        assert!(
            english.iter().filter(|(_, c)| c.is_some()).count() > 20,
            "{what}: the country inputs' paragraphs are numbered: {english:?}"
        );
        assert_eq!(
            english, russian,
            "{what}: the numbers differ between the versions"
        );
    }
}

#[test]
fn replies_from_states_order_each_version_by_its_alphabet_and_number_none_of_them() {
    let project = TempProject::fixture("sample");
    project.edit(
        "sources/documents/gc-2022-innovation.yaml",
        "    contributions: country-inputs\n",
        "    contributions: country-inputs\n    order: replies-from-states\n",
    );
    for (what, english, russian) in numbering(&project) {
        if what.starts_with("gc-") {
            assert!(
                english.iter().chain(&russian).all(|(_, c)| c.is_none()),
                "{what}: a reply's paragraph is numbered: {english:?} {russian:?}"
            );
        }
        // The paragraphs around them keep the same numbers in both versions.
        assert_eq!(
            english, russian,
            "{what}: the numbers differ between the versions"
        );
    }
    let dir = project.root.join("output/gc-2022-innovation/draft");
    if let Some(text) = pdftotext(&dir.join("gc-2022-innovation.ru.pdf")) {
        let body = text.split('\u{c}').skip(1).collect::<Vec<_>>().join("\n");
        // Russian order: Азербайджан before Афганистан (the English order has Afghanistan first).
        let line = |name: &str| body.lines().position(|l| l.trim() == name);
        let (azerbaijan, afghanistan) = (line("Азербайджан"), line("Афганистан"));
        assert!(
            azerbaijan.is_some() && azerbaijan < afghanistan,
            "the Russian version orders the replies by the Russian alphabet:\n{body}"
        );
    }
}
