//! Consolidation through the library: order, grouping, filters and language fallback, read
//! from the document model.

use crate::common;
use crate::common::TempProject;
use speca_docs::consolidate::{Options, consolidate};
use speca_docs::diag::Diagnostics;
use speca_docs::model::{Block, Document, Inline};

fn build(project: &TempProject, lang: &str) -> (Document, Diagnostics) {
    let mut diags = Diagnostics::new();
    let loaded = speca_docs::load::load(&project.root, &mut diags)
        .unwrap()
        .unwrap();
    let template = speca_docs::template::load(&project.root, "un-document", &mut diags).unwrap();
    let spec = loaded.document("brief").unwrap();
    let options = Options {
        version: "draft".into(),
        is_final: false,
        left_out: Vec::new(),
    };
    let doc = consolidate(
        &loaded,
        spec,
        lang,
        &template.labels[lang],
        &options,
        &mut diags,
    );
    (doc, diags)
}

/// `level:text` for every heading of the body.
fn headings(doc: &Document) -> Vec<String> {
    doc.body
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(format!("{}:{}", h.level, Inline::plain_text(&h.content))),
            _ => None,
        })
        .collect()
}

#[test]
fn orders_countries_by_name_and_groups_case_studies_under_their_first_theme() {
    let project = TempProject::fixture("minimal");
    let (doc, _) = build(&project, "en");
    assert_eq!(headings(&doc), common::FIXTURE_EN_HEADINGS);
    assert_eq!(doc.annexes.len(), 2);
    assert_eq!(doc.front.symbol.as_deref(), Some("ECE/TEST/2023/1/Rev.1"));
}

#[test]
fn numbers_only_top_level_body_paragraphs() {
    let project = TempProject::fixture("minimal");
    let (doc, _) = build(&project, "en");
    let numbered = doc
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { numbered: true, .. }))
        .count();
    assert_eq!(numbered, 6, "intro, KAZ, KGZ and three case studies");
    assert!(doc.body.iter().any(|b| matches!(b, Block::Byline(_))));
}

#[test]
fn theme_filters_keep_matching_case_studies_and_group_by_the_first_kept_theme() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/documents/brief.yaml",
        "    group-by: theme\n",
        "    group-by: theme\n    themes: [skills]\n",
    );
    let (doc, _) = build(&project, "en");
    let all = headings(&doc);
    let case_studies: Vec<&String> = all.iter().skip_while(|h| *h != "1:Case studies").collect();
    // Zeta park's first theme (incubators) is filtered out: it stands under skills.
    assert_eq!(
        case_studies,
        vec!["1:Case studies", "2:Skills", "3:Alpha hub", "3:Zeta park"]
    );
}

#[test]
fn falls_back_to_the_original_language_with_a_warning() {
    let project = TempProject::fixture("minimal");
    let (doc, diags) = build(&project, "ru");
    let text = format!("{:?}", doc.body);
    assert!(text.contains("KAZ-RU-ABZATS") && !text.contains("KAZ-EN-PARAGRAPH"));
    assert!(
        text.contains("KGZ-EN-PARAGRAPH"),
        "KGZ has no Russian text: its English is used"
    );
    assert!(text.contains("INTRO-RU-ABZATS"));
    let warnings: Vec<String> = diags.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("sources/countries/kgz.en.md:1:1: warning: no \"ru\" version")),
        "{warnings:#?}"
    );
    // The English text is marked as English, for hyphenation and Word's proofing.
    let english: Vec<&Block> = doc
        .body
        .iter()
        .filter(|b| matches!(b, Block::Lang { lang, .. } if lang == "en"))
        .collect();
    // KGZ's input and the three case studies have no Russian text.
    assert_eq!(english.len(), 4);
    assert!(format!("{:?}", english[0]).contains("KGZ-EN-PARAGRAPH"));
    assert!(!format!("{english:?}").contains("KAZ-RU"));
    assert_eq!(headings(&doc)[2], "2:Казахстан");
    assert_eq!(doc.front.title, "Тестовая записка");
}

#[test]
fn case_studies_sort_by_title_as_icu_collates_the_meetings_first_language() {
    let project = TempProject::fixture("minimal");
    // Kazakh titles: a hand-written order of code points puts ә and қ after every Russian
    // letter; ICU puts them beside а and к. Every language version (here the Russian one)
    // takes the order of the meeting's first language, English, so that its paragraphs
    // carry the same numbers.
    for (id, title, organization) in [
        ("kaz-c1", "Қала технопаркі", "Қазақтелеком"),
        ("kaz-c2", "Әлем инкубаторы", "Әлем қоры"),
        ("kaz-c3", "Бизнес-парк «Ұлы дала»", "Ұлттық агенттік"),
        ("kaz-c4", "Ақпарат хабы", "Ақпарат орталығы"),
    ] {
        project.write(
            &format!("sources/case-studies/{id}.en.md"),
            format!(
                "---\ntype: case-study\ncountry: KAZ\ntitle: {title}\norganization: {organization}\n\
                 themes: [incubators]\n---\nText of {id}.\n"
            ),
        );
    }
    let (doc, _) = build(&project, "ru");
    let case_studies: Vec<String> = headings(&doc)
        .into_iter()
        .skip_while(|h| h != "1:Тематические исследования")
        .filter(|h| h.starts_with("3:"))
        .map(|h| h[2..].to_string())
        .collect();
    assert_eq!(
        case_studies,
        [
            // Навыки (skills)
            "Alpha hub",
            // Инкубаторы: Kazakhstan's by title, Latin before Cyrillic as English collation
            // orders scripts; then Uzbekistan's.
            "Beta accelerator",
            "Ақпарат хабы",
            "Әлем инкубаторы",
            "Бизнес-парк «Ұлы дала»",
            "Қала технопаркі",
            "Zeta park",
        ]
    );
}
