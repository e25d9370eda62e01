//! `speca-docs preview`: each contribution alone, typeset in the real template as it will stand
//! in its document, read back with real readers (pdftotext, qpdf, the PDF/UA validator, and
//! LibreOffice for the DOCX); a broken file is reported at its line and not previewed; paths
//! outside sources/ and files that are not contributions are usage errors.

use std::path::Path;
use std::process::Command;

use crate::common;
use crate::common::ooxml::Docx;
use crate::common::{TempProject, assert_in_order, pdftotext};

/// Whitespace runs as one space, and a line broken after a hyphen joined again.
fn flat(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\u{ad} ", "")
}

/// The contribution files of a project, as the loader names them.
fn contribution_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for dir in ["sources/countries", "sources/case-studies"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".md") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_contribution_of_the_sample_previews_in_its_own_language() {
    let project = TempProject::fixture("sample");
    let files = contribution_files(&project.root);
    assert!(files.len() >= 20, "{files:?}");
    let mut args = vec!["preview", "--to", "pdf,docx"];
    args.extend(files.iter().map(String::as_str));
    let (code, _, stderr) = project.run(&args);
    assert_eq!(code, 0, "{stderr}");
    for file in &files {
        let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
        let russian = stem.ends_with(".ru");
        let pdf = project.root.join(format!("output/preview/{stem}.pdf"));
        let docx = Docx::open(&project.root.join(format!("output/preview/{stem}.docx")));
        // The banner names the file, in the file's language, in the DOCX exactly.
        let banner = if russian {
            format!("Предварительный просмотр файла {file} в том виде")
        } else {
            format!("Preview of {file}, as it will stand in")
        };
        let document = docx.xml("word/document.xml");
        assert!(document.contains(&banner), "{stem}: no banner in the DOCX");
        assert!(!document.contains("TOC \\o"), "{stem}: a contents list");
        if let Some(text) = pdftotext(&pdf) {
            let text = flat(&text);
            let (banner, contents, number) = if russian {
                ("Предварительный просмотр файла", "Содержание", "1. ")
            } else {
                ("Preview of", "Contents", "1. ")
            };
            assert_in_order(&text, &[banner, "I. ", number]);
            assert!(!text.contains(contents), "{stem}: a contents list");
        }
    }

    // One country input and one case study, read closely: the headings the document puts
    // above each, numbered paragraphs, the footnote, and nothing of another contribution.
    if let Some(text) = pdftotext(&project.root.join("output/preview/kaz.en.pdf")) {
        let text = flat(&text);
        assert_in_order(
            &text,
            &[
                "Preview of",
                "I. Country inputs",
                "A. Kazakhstan",
                "Priorities",
                "1. ",
                "Digital Kazakhstan (2018–2022)",
                "2. ",
                "A case study on Astana Hub is submitted separately",
            ],
        );
        assert!(!text.contains("Digital Kyrgyzstan 2019"), "{text}");
    }
    if let Some(text) = pdftotext(&project.root.join("output/preview/kgz-tunduk.ru.pdf")) {
        let text = flat(&text);
        assert_in_order(
            &text,
            &[
                "Предварительный просмотр файла",
                "I. Отдельные тематические исследования",
                "A. Цифровое правительство",
                "1. Система межведомственного электронного взаимодействия «Тундук»",
                "Кыргызстан",
                "1. ",
            ],
        );
    }

    // A preview is a real document: a sound PDF that claims and meets PDF/UA-1.
    let pdf = project.root.join("output/preview/kaz.ru.pdf");
    if common::reader("qpdf").is_some() {
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(check.status.success(), "{check:?}");
    }
    common::assert_pdf_compliant(&pdf, "ua1");
}

#[test]
fn libreoffice_renders_the_docx_preview() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&[
        "preview",
        "--to",
        "docx",
        "sources/countries/kaz.ru.md",
        "sources/case-studies/uzb-park.en.md",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!project.root.join("output/preview/kaz.ru.pdf").exists());
    let Some(texts) = common::run_docx_readers(&project.root.join("output/preview"), &[]) else {
        return;
    };
    let russian = flat(&texts["kaz.ru.pdf"]);
    assert_in_order(
        &russian,
        &["Предварительный просмотр файла", "Казахстан", "1."],
    );
    let english = flat(&texts["uzb-park.en.pdf"]);
    assert_in_order(
        &english,
        &["Preview of", "Case studies", "Zeta park", "UZB-PARK-TEXT"],
    );
}

#[test]
fn a_broken_file_is_reported_at_its_line_and_not_previewed_while_others_are() {
    let project = TempProject::fixture("minimal");
    // Another country's broken file does not stop this preview, nor is it reported here.
    project.edit(
        "sources/countries/kgz.en.md",
        "country: KGZ",
        "country: XXX",
    );
    let (code, _, stderr) = project.run(&["preview", "sources/countries/kaz.en.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("kgz.en.md"), "{stderr}");
    assert!(project.root.join("output/preview/kaz.en.pdf").exists());
    project.remove("output/preview/kaz.en.pdf");

    // Named, it is reported at its line, and nothing is written for it; the good file named
    // beside it is still previewed.
    let (code, stdout, stderr) = project.run(&[
        "preview",
        "--format",
        "json",
        "sources/countries/kgz.en.md",
        "sources/countries/kaz.en.md",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect(&stdout);
    let diagnostics = report.as_array().expect(&stdout);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["file"] == "sources/countries/kgz.en.md"
                && d["severity"] == "error"
                && d["line"] == 3),
        "{stdout}"
    );
    assert!(!project.root.join("output/preview/kgz.en.pdf").exists());
    assert!(project.root.join("output/preview/kaz.en.pdf").exists());
    assert!(stderr.contains("output/preview/kaz.en.pdf"), "{stderr}");
}

#[test]
fn a_preview_that_cannot_be_typeset_is_reported_at_its_line_and_holds_back_no_other() {
    let project = TempProject::fixture("minimal");
    // A character no embedded font has: PDF/A refuses it.
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "UZB-PARK-TEXT",
        "UZB-PARK-TEXT \u{2E2F}",
    );
    let (code, _, stderr) = project.run(&[
        "preview",
        "sources/case-studies/uzb-park.en.md",
        "sources/countries/kaz.en.md",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("sources/case-studies/uzb-park.en.md:") && stderr.contains("U+2E2F"),
        "{stderr}"
    );
    assert!(!project.root.join("output/preview/uzb-park.en.pdf").exists());
    assert!(project.root.join("output/preview/kaz.en.pdf").exists());
}

#[test]
fn a_case_study_named_like_a_country_input_gets_a_preview_of_its_own() {
    let project = TempProject::fixture("minimal");
    // Its id comes from its file's name.
    let study = project.read("sources/case-studies/kaz-beta.en.md");
    project.remove("sources/case-studies/kaz-beta.en.md");
    project.write("sources/case-studies/kaz.en.md", study);
    assert!(
        project.errors().is_empty(),
        "{}",
        common::render(&project.errors())
    );
    let (code, _, stderr) = project.run(&[
        "preview",
        "sources/case-studies/kaz.en.md",
        "sources/countries/kaz.en.md",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let country = pdftotext(&project.root.join("output/preview/kaz.en.pdf"));
    let study = pdftotext(&project.root.join("output/preview/case-study-kaz.en.pdf"));
    if let (Some(country), Some(study)) = (country, study) {
        assert!(country.contains("KAZ-EN"), "{country}");
        let study = flat(&study);
        assert!(study.contains("sources/case-studies/kaz.en.md"), "{study}");
        assert!(study.contains("KAZ-BETA-TEXT"), "{study}");
    }
}

#[test]
fn paths_outside_sources_and_files_that_are_not_contributions_are_usage_errors() {
    let project = TempProject::fixture("minimal");
    let outside = common::temp_dir("outside");
    std::fs::write(
        outside.path().join("x.en.md"),
        "---\ntype: country-input\n---\n",
    )
    .unwrap();
    let outside_path = outside.path().join("x.en.md");
    // Inside the project, but not in sources/; and a link in sources/ that leads out of it.
    project.write("notes.en.md", "---\ntype: country-input\n---\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        &outside_path,
        project.root.join("sources/countries/link.en.md"),
    )
    .unwrap();
    for (args, fragment) in [
        (
            vec!["preview", outside_path.to_str().unwrap()],
            "not under sources/",
        ),
        (
            vec!["preview", "sources/../notes.en.md"],
            "not under sources/",
        ),
        (
            vec!["preview", "sources/meeting.yaml"],
            "not a country input or a case study",
        ),
        (
            vec!["preview", "sources/documents/brief/intro.md"],
            "not a country input or a case study",
        ),
        (
            vec!["preview", "sources/countries/nope.en.md"],
            "cannot read it",
        ),
        (
            vec!["preview", "--to", "pdf,html", "sources/countries/kaz.en.md"],
            "html",
        ),
    ] {
        let (code, _, stderr) = project.run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(fragment), "{args:?}: {stderr}");
    }
    assert!(!project.root.join("output/preview").exists());

    // The link is named as written, and the loader, which refuses it, says why.
    #[cfg(unix)]
    {
        let (code, _, stderr) = project.run(&["preview", "sources/countries/link.en.md"]);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stderr.contains(
                "sources/countries/link.en.md:1:1: error: the file leads outside sources/"
            ),
            "{stderr}"
        );
    }
}
