//! Cross-references that the tool numbers (issue 20): `{#name}` on a paragraph or heading and
//! `label:` on a section, chart or annex; `[](#name)` prints the number in every language
//! version, in the PDF (a link), in the DOCX (a bookmark and a `REF` field with the number as
//! its result) and in LibreOffice's rendering of it; a new paragraph before the target
//! renumbers the reference; a reference to no label, a label used twice and labels that differ
//! between versions are errors where they stand.

use crate::common::{self, TempProject, ooxml, pdftotext};

const INTRO_EN: &str = "sources/documents/gc-2022-innovation/introduction.md";

/// The PDF's text with its lines joined, words split at line ends rejoined.
fn flat(text: &str) -> String {
    text.replace("\u{AD}\n", "")
        .replace('\u{AD}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the sample's introduction says of its parts, as each version prints it.
fn references(paragraph: u32) -> [(&'static str, Vec<String>); 2] {
    [
        (
            "en",
            vec![
                "reproduced in chapters II and III as submitted".into(),
                "summarized in figure I and in annex I, and the case studies are listed in annex II."
                    .into(),
                format!("accelerators (paragraph {paragraph})."),
                "Chapter IV sets out conclusions".into(),
            ],
        ),
        (
            "ru",
            vec![
                "воспроизводятся в главах II и III".into(),
                "приводятся на рисунке I и сведены в приложении I".into(),
                "приводится в приложении II.".into(),
                format!("СПЕКА (пункт {paragraph})."),
                "В главе IV изложены".into(),
            ],
        ),
    ]
}

/// The number Word gives the paragraph holding the bookmark `name` (its place among the
/// numbered paragraphs), and the text of that paragraph.
fn bookmarked_paragraph(document: &str, name: &str) -> (u32, String) {
    let tree = ooxml::parse(document);
    let mut number = 0;
    for p in ooxml::paragraphs(&tree) {
        if ooxml::style_of(p) == Some("NumberedPara") {
            number += 1;
        }
        let holds = p.descendants().any(|n| {
            n.tag_name().name() == "bookmarkStart" && ooxml::w_attr(n, "name") == Some(name)
        });
        if holds {
            return (number, ooxml::para_text(p));
        }
    }
    panic!("no bookmark {name}");
}

#[test]
fn references_print_the_same_numbers_in_the_pdf_the_docx_and_libreoffice() {
    let project = TempProject::fixture("sample");
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.root.join("output/gc-2022-innovation/draft");
    for (lang, expected) in references(18) {
        if let Some(text) = pdftotext(&dir.join(format!("gc-2022-innovation.{lang}.pdf"))) {
            let text = flat(&text);
            for line in &expected {
                assert!(
                    text.contains(line.as_str()),
                    "{lang} PDF lacks {line:?}:\n{text}"
                );
            }
        }
        // The DOCX: a REF field to the bookmark of the paragraph it numbers, its result the
        // number; the bookmark stands in the 18th numbered paragraph, Kazakhstan's on fibre.
        let document = ooxml::Docx::open(&dir.join(format!("gc-2022-innovation.{lang}.docx")))
            .xml("word/document.xml");
        let tree = ooxml::parse(&document);
        let instr: Vec<String> = tree
            .descendants()
            .filter(|n| n.tag_name().name() == "instrText")
            .filter_map(|n| n.text())
            .filter(|t| t.contains("REF"))
            .map(|t| t.trim().to_string())
            .collect();
        assert_eq!(instr.len(), 7, "{instr:?}");
        let paragraph_ref = instr
            .iter()
            .find(|t| {
                t.ends_with("\\n \\t \\h") && {
                    let name = t.split_whitespace().nth(1).unwrap();
                    bookmarked_paragraph(&document, name).0 == 18
                }
            })
            .unwrap_or_else(|| panic!("{lang}: no REF to paragraph 18 among {instr:?}"));
        let name = paragraph_ref.split_whitespace().nth(1).unwrap();
        let (_, text) = bookmarked_paragraph(&document, name);
        assert!(
            text.starts_with("Kazakhstan supports closer")
                || text.starts_with("Казахстан поддерживает"),
            "{lang}: {text}"
        );
        let words = ooxml::text(tree.root_element());
        for line in &expected {
            assert!(
                flat(&words).contains(&flat(line)),
                "{lang} DOCX lacks {line:?}"
            );
        }
    }
    // LibreOffice shows the numbers too (it reads the fields' results, or works them out).
    if let Some(texts) = common::run_docx_readers(&dir, &[]) {
        for (lang, expected) in references(18) {
            let text = flat(&texts[&format!("gc-2022-innovation.{lang}.pdf")]);
            for line in &expected {
                assert!(
                    text.contains(line.as_str()),
                    "LibreOffice, {lang}: lacks {line:?}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_paragraph_added_before_the_target_renumbers_the_reference() {
    let project = TempProject::fixture("sample");
    for (file, added) in [
        (
            "sources/countries/afg.en.md",
            "## Priorities\n\nA new first paragraph.\n",
        ),
        (
            "sources/countries/afg.ru.md",
            "## Приоритеты\n\nНовый первый абзац.\n",
        ),
    ] {
        let heading = added.lines().next().unwrap();
        project.edit(file, &format!("{heading}\n"), added);
    }
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx", "gc-2022-innovation"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.root.join("output/gc-2022-innovation/draft");
    for (lang, expected) in references(19) {
        if let Some(text) = pdftotext(&dir.join(format!("gc-2022-innovation.{lang}.pdf"))) {
            let text = flat(&text);
            assert!(
                text.contains(expected[expected.len() - 2].as_str()),
                "{lang}: {text}"
            );
        }
        let document = ooxml::Docx::open(&dir.join(format!("gc-2022-innovation.{lang}.docx")))
            .xml("word/document.xml");
        let words = flat(&ooxml::text(ooxml::parse(&document).root_element()));
        assert!(
            words.contains(&flat(&expected[expected.len() - 2])),
            "{lang}: {words}"
        );
    }
}

#[test]
fn references_and_labels_that_cannot_work_are_errors_where_they_stand() {
    let project = TempProject::fixture("sample");
    project.edit(INTRO_EN, "[](#kaz-fibre)", "[](#kaz-fiber)");
    project.edit(
        "sources/countries/kgz.en.md",
        "## Priorities\n",
        "## Priorities {#kaz-fibre}\n",
    );
    let errors: Vec<String> = project
        .errors()
        .iter()
        .map(|d| d.to_string().replace('\n', " | "))
        .collect();
    assert!(
        errors.iter().any(|e| e.starts_with(&format!(
            "{INTRO_EN}:28:25: error: there is no label #kaz-fiber"
        )) && e.contains("did you mean [](#kaz-fibre)?")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("sources/countries/kgz.en.md:")
            && e.contains("the label #kaz-fibre is used twice; the first is at sources/countries/kaz.en.md:")),
        "{errors:#?}"
    );
    // The Russian version of Kyrgyzstan's input lacks the label its original has.
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("sources/countries/kgz.ru.md:")
                && e.contains("this heading has no label; its counterpart in the English version")
                && e.contains("has the label #kaz-fibre")),
        "{errors:#?}"
    );
}
