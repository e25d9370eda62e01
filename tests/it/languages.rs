//! One document in two languages (issue 20): a numbered paragraph carries the same number in
//! every language version and is the same contribution's, read back from the PDFs (pdftotext)
//! and the DOCX files; in the UN form for replies from States, each version orders the
//! contributions by its own alphabet and numbers none of their paragraphs.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{TempProject, ooxml, pdftotext};

/// The country codes by their names in `lang`, from the project's meeting.
pub(crate) fn country_names(project: &TempProject, lang: &str) -> BTreeMap<String, String> {
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
pub(crate) fn numbers_in_pdf(
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
pub(crate) fn numbers_in_docx(
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
    // A reference into a reply is an error there, at the reference: its paragraph has no
    // number, and its place differs between the versions.
    let errors: Vec<String> = project.errors().iter().map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "sources/documents/gc-2022-innovation/introduction.md:28:25: error: #kaz-fibre stands in sources/countries/kaz.en.md, which sources/documents/gc-2022-innovation.yaml shows in the form for replies from States"
        ),
        "{errors:#?}"
    );
    project.edit(
        "sources/documents/gc-2022-innovation/introduction.md",
        " (paragraph [](#kaz-fibre))",
        "",
    );
    project.edit(
        "sources/documents/gc-2022-innovation/introduction.ru.md",
        "\n(пункт [](#kaz-fibre))",
        "",
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

// The drift check: the versions of one text compared as documents.

const KAZ_EN: &str = "sources/countries/kaz.en.md";
const KAZ_RU: &str = "sources/countries/kaz.ru.md";

/// The problems of the sample with `kaz.ru.md` edited from `from` to `to`, as
/// `file:line:col: severity: message` lines, those of the two Kazakh files only.
fn drift(from: &str, to: &str) -> Vec<String> {
    let project = TempProject::fixture("sample");
    project.edit(KAZ_RU, from, to);
    project
        .diagnostics()
        .iter()
        .filter(|d| d.file == KAZ_RU || d.file == KAZ_EN)
        .map(|d| d.to_string().lines().next().unwrap().to_string())
        .collect()
}

#[test]
fn the_sample_versions_agree_and_equal_numbers_in_two_notations_are_not_reported() {
    // Its Russian texts write 90,9 and 1 200 where the English write 90.9 and 1,200.
    let project = TempProject::fixture("sample");
    let drifts: Vec<String> = project
        .diagnostics()
        .iter()
        .filter(|d| d.message.contains("version"))
        .filter(|d| !d.message.contains("has no \"ru\" version"))
        .map(|d| d.to_string())
        .collect();
    assert!(drifts.is_empty(), "{drifts:#?}");
}

#[test]
fn a_dropped_paragraph_is_reported_where_it_is_missing_naming_the_original() {
    let found = drift(
        "Основные результаты программного периода приведены в таблице ниже.\n\n",
        "",
    );
    assert_eq!(
        found,
        [format!(
            "{KAZ_RU}:33:1: error: the English version has a paragraph here \
             ({KAZ_EN}:32:1, \"The main results of the programme period…\") that this version lacks"
        )]
    );
}

#[test]
fn a_footnote_moved_to_another_paragraph_is_reported_at_both() {
    let found = drift(
        "программы акселерации.[^kaz-hub] Региональные",
        "программы акселерации. Региональные",
    );
    assert_eq!(
        found,
        [format!(
            "{KAZ_RU}:45:1: error: this paragraph has no footnotes; its counterpart in the \
             English version ({KAZ_EN}:44:1, \"The international technopark Astana Hub,…\") has 1 footnote"
        )],
        "a footnote dropped"
    );
    let project = TempProject::fixture("sample");
    project.edit(
        KAZ_RU,
        "программы акселерации.[^kaz-hub] Региональные",
        "программы акселерации. Региональные",
    );
    project.edit(KAZ_RU, "отдаленных селах", "отдаленных селах[^kaz-hub]");
    let found: Vec<String> = project
        .errors()
        .iter()
        .filter(|d| d.file == KAZ_RU)
        .map(|d| format!("{}:{}", d.line, d.message))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("45:this paragraph has no footnotes"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("52:this paragraph has 1 footnote"),
        "{found:#?}"
    );
}

#[test]
fn a_table_with_a_row_fewer_is_reported() {
    let found = drift("| Компании — участники Astana Hub | 120 | 830 |\n", "");
    assert_eq!(
        found,
        [format!(
            "{KAZ_RU}:35:1: error: this table has 4 rows and 3 columns; its counterpart in the \
             English version ({KAZ_EN}:34:1) has 5 rows and 3 columns"
        )]
    );
}

#[test]
fn a_different_figure_is_a_warning_at_its_cell() {
    let found = drift("| 81,9 | 90,9 |", "| 81,9 | 80.9 |");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with(&format!("{KAZ_RU}:37:"))
            && found[0].contains(": warning: this text lacks 90.9 that the English version has")
            && found[0].contains(&format!("({KAZ_EN}:36:"))
            && found[0].ends_with("and has 80.9 that the English version lacks"),
        "{found:#?}"
    );
}

#[test]
fn a_number_copied_in_the_originals_notation_is_named_as_misread() {
    // `1,200` copied from the English table: in Russian the comma makes a fraction.
    let found = drift("| 1\u{a0}200 | 3\u{a0}300 |", "| 1,200 | 3\u{a0}300 |");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains(
            ": warning: this text writes 1,200, which reads as 1.2 in this language and 1200 \
             in the English version (write numbers as this language writes them)"
        ),
        "{found:#?}"
    );
}

#[test]
fn language_independent_data_must_agree() {
    let found = drift(
        "internet_users_pct: {value: 90.9, year: 2021",
        "internet_users_pct: {value: 80.9, year: 2020",
    );
    assert_eq!(
        found,
        [
            format!(
                "{KAZ_RU}:12:3: error: internet_users_pct is 80.9 here and 90.9 in the English \
                 version ({KAZ_EN}:12:3)"
            ),
            format!(
                "{KAZ_RU}:12:3: error: the year of internet_users_pct is 2020 here and 2021 in \
                 the English version ({KAZ_EN}:12:3)"
            ),
        ]
    );
    // The same value written otherwise is the same value.
    assert!(drift("{value: 90.9, year: 2021", "{value: 90.90, year: 2021").is_empty());
    let found = drift(
        "themes: [connectivity, digital-government, ",
        "themes: [digital-government, ",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`themes` are [digital-government, incubators, innovation-policy] here and [connectivity, digital-government, incubators, innovation-policy] in the English version"), "{found:#?}");
}

#[test]
fn status_counts_the_contributions_whose_versions_disagree() {
    let project = TempProject::fixture("sample");
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    assert!(json.contains("\"disagreeing_versions\": []"), "{json}");
    project.edit(KAZ_RU, "| 81,9 | 90,9 |", "| 81,9 | 80,9 |");
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        status["disagreeing_versions"],
        serde_json::json!([{
            "kind": "country-input",
            "id": "KAZ",
            "files": [KAZ_EN, KAZ_RU]
        }])
    );
    let (_, human, _) = project.run(&["status"]);
    assert!(
        human.contains(&format!(
            "Language versions that disagree: 1\n  {KAZ_EN} ~ {KAZ_RU}"
        )),
        "{human}"
    );
    let (_, page, _) = project.run(&["status", "--format", "html", "--lang", "ru"]);
    assert!(
        page.contains("Языковые версии расходятся у 1 материала"),
        "{page}"
    );
}

#[test]
fn a_rapporteurs_file_and_its_translation_are_compared_too() {
    let project = TempProject::fixture("sample");
    let file = "sources/documents/gc-2022-innovation/conclusions.ru.md";
    let text = String::from_utf8(project.read(file)).unwrap();
    // Its second paragraph dropped.
    let start = text.find("Тематические исследования позволяют").unwrap();
    let end = start + text[start..].find("\n\n").unwrap() + 2;
    project.write(file, format!("{}{}", &text[..start], &text[end..]));
    let found: Vec<String> = project
        .errors()
        .iter()
        .filter(|d| d.file == file)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with(
            "the English version has a paragraph here (sources/documents/gc-2022-innovation/conclusions.md:"
        ),
        "{found:#?}"
    );
}
