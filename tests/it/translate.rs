//! Translators in the loop (issue 21): XLIFF 2.1 out and back, the state of each translation,
//! and only what changed.
//!
//! A CAT tool is played by [`fill`], which writes a `<target>` for every unit holding its
//! source's inline codes and text marked as translated, as a translation tool's XML library
//! does.

use std::path::Path;

use crate::common::{self, TempProject, ooxml, pdftotext, readers};
use crate::languages::{country_names, numbers_in_docx, numbers_in_pdf};

const KAZ_EN: &str = "sources/countries/kaz.en.md";
const KAZ_RU: &str = "sources/countries/kaz.ru.md";
const XLF: &str = "output/translate/kaz.en-ru.xlf";

const EF_INTRO: &str = "sources/documents/ef-2022-digital/introduction.md";
const EF_INTRO_RU: &str = "sources/documents/ef-2022-digital/introduction.ru.md";
const GC_INTRO: &str = "sources/documents/gc-2022-innovation/introduction.md";
const GC_INTRO_RU: &str = "sources/documents/gc-2022-innovation/introduction.ru.md";

/// The files under output/translate/, sorted.
fn exported(project: &TempProject) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.root.join("output/translate"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One row of `status --format json`'s translations.
fn translation_row(project: &TempProject, id: &str, lang: &str) -> serde_json::Value {
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    status["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id && t["language"] == lang)
        .unwrap_or_else(|| panic!("no {id} ({lang}) in {json}"))
        .clone()
}

/// Every segment given a target: its source's content, its first text marked "RU " (unless it
/// opens with a code, as "*Source:*" under a table does, which a translator keeps first).
fn fill(xliff: &str) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(at) = rest.find("<source>") {
        let end = rest[at..].find("</source>").unwrap() + at;
        let inner = &rest[at + "<source>".len()..end];
        let after = &rest[end + "</source>".len()..];
        // A previous target (an out-of-date unit's) is replaced.
        let after = match after.strip_prefix("<target>") {
            Some(target) => &target[target.find("</target>").unwrap() + "</target>".len()..],
            None => after,
        };
        out.push_str(&rest[..end + "</source>".len()]);
        out.push_str("<target>");
        if !inner.starts_with('<') {
            out.push_str("RU ");
        }
        out.push_str(inner);
        out.push_str("</target>");
        rest = after;
    }
    out.push_str(rest);
    out
}

fn export(project: &TempProject, args: &[&str]) -> String {
    let mut all = vec!["translate", "export"];
    all.extend(args);
    let (code, _, stderr) = project.run(&all);
    assert_eq!(code, 0, "{stderr}");
    String::from_utf8(project.read(XLF)).unwrap()
}

fn import(project: &TempProject, xliff: &str) -> (i32, String) {
    project.write("returned.xlf", xliff);
    let (code, _, stderr) = project.run(&["translate", "import", "returned.xlf"]);
    (code, stderr)
}

/// The independent readers' view of an XLIFF file: the schema check and translate-toolkit's
/// units, `(id, source)`.
fn read_independently(path: &Path) -> Option<Vec<(String, String)>> {
    if !readers::xliff_readers() {
        return None;
    }
    Some(
        run_script("xliff_readers.py", path)
            .lines()
            .skip(1)
            .map(|line| {
                let (id, source) = line.split_once('\t').unwrap();
                (id.to_string(), source.to_string())
            })
            .collect(),
    )
}

/// The sample with Kazakhstan's input in English only.
fn english_only() -> TempProject {
    let project = TempProject::fixture("sample");
    project.remove(KAZ_RU);
    project
}

#[test]
fn an_english_only_input_goes_out_as_xliff_and_comes_back_russian() {
    let project = english_only();
    let xliff = export(&project, &["--to", "ru"]);
    // Kazakhstan's, and the Economic Forum document's two files, which have no Russian yet:
    // every other Russian version exists.
    assert_eq!(
        exported(&project),
        [
            "ef-2022-digital.conclusions.en-ru.xlf",
            "ef-2022-digital.introduction.en-ru.xlf",
            "kaz.en-ru.xlf"
        ]
    );
    assert!(xliff.contains("srcLang=\"en\" trgLang=\"ru\""));
    assert!(xliff.contains(
        "The state programme <pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">Digital Kazakhstan</pc> (2018–2022)"
    ));
    assert!(xliff.contains("acceleration programmes.<ph id=\"2\" dataRef=\"d2\"/>"));
    if let Some(units) = read_independently(&project.root.join(XLF)) {
        assert_eq!(units.len(), xliff.matches("<unit ").count());
        assert!(
            units.contains(&("u6".to_string(), "Priorities".to_string())),
            "{units:?}"
        );
    }

    let (code, stderr) = import(&project, &fill(&xliff));
    assert_eq!(code, 0, "{stderr}");
    let russian = String::from_utf8(project.read(KAZ_RU)).unwrap();
    assert!(russian.contains("\nlanguage: ru\n"), "{russian}");
    assert!(russian.contains("## RU Priorities\n"), "{russian}");
    assert!(
        russian.contains("accelerators. {#kaz-fibre}\n"),
        "the label kept: {russian}"
    );
    assert!(
        russian.contains("RU The state programme **Digital Kazakhstan**"),
        "{russian}"
    );
    assert!(russian.contains("programmes.[^kaz-hub]"), "{russian}");
    // The translation passes check, and is recorded as up to date.
    let errors = project.errors();
    assert!(errors.is_empty(), "{}", common::render(&errors));
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    assert!(
        json.contains(
            "\"id\": \"KAZ\",\n      \"language\": \"ru\",\n      \"state\": \"up-to-date\""
        ),
        "{json}"
    );

    // Built: the Russian PDF and DOCX hold the translation, its emphasis, link and footnote,
    // at the English paragraph numbers.
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx", "gc-2022-innovation"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.root.join("output/gc-2022-innovation/draft");
    let docx = ooxml::Docx::open(&dir.join("gc-2022-innovation.ru.docx"));
    let document = docx.xml("word/document.xml");
    assert!(document.contains("RU The state programme "), "the text");
    assert!(
        document
            .contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Digital Kazakhstan</w:t>"),
        "the emphasis"
    );
    assert!(
        docx.xml("word/footnotes.xml")
            .contains("RU A case study on Astana Hub"),
        "the footnote"
    );
    let (en, ru) = (country_names(&project, "en"), country_names(&project, "ru"));
    assert_eq!(
        numbers_in_docx(&dir.join("gc-2022-innovation.en.docx"), &en),
        numbers_in_docx(&dir.join("gc-2022-innovation.ru.docx"), &ru)
    );
    if let (Some(english), Some(russian)) = (
        numbers_in_pdf(&dir.join("gc-2022-innovation.en.pdf"), &en),
        numbers_in_pdf(&dir.join("gc-2022-innovation.ru.pdf"), &ru),
    ) {
        assert_eq!(english, russian);
        let text = pdftotext(&dir.join("gc-2022-innovation.ru.pdf")).unwrap();
        assert!(
            text.contains("RU The state programme Digital Kazakhstan"),
            "{text}"
        );
    }
}

#[test]
fn only_what_changed_goes_out_again_and_comes_back_alone() {
    let project = english_only();
    let xliff = export(&project, &["--to", "ru"]);
    assert_eq!(import(&project, &fill(&xliff)).0, 0);
    let before = String::from_utf8(project.read(KAZ_RU)).unwrap();

    // One paragraph and one footnote of the original edited.
    project.edit(
        KAZ_EN,
        "summarised in the table below.",
        "summarised in the table that follows.",
    );
    project.edit(
        KAZ_EN,
        "submitted separately for this session.",
        "submitted separately to this session.",
    );
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&json).unwrap();
    let kaz = status["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "KAZ" && t["language"] == "ru")
        .unwrap();
    assert_eq!(kaz["state"], "out-of-date", "{kaz}");
    let changed: Vec<(String, String)> = kaz["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["words"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (
                "paragraph".to_string(),
                "The main results of the programme…".to_string()
            ),
            (
                "note".to_string(),
                "A case study on Astana Hub…".to_string()
            ),
        ]
    );
    let (_, _, stderr) = project.run(&["check"]);
    assert!(
        stderr.contains(&format!("{KAZ_RU}:1:1: warning: this translation is out of date: its original changed since in 2 units")),
        "{stderr}"
    );
    let (code, _, _) = project.run(&[
        "build",
        "--deny-warnings",
        "--to",
        "pdf",
        "gc-2022-innovation",
    ]);
    assert_eq!(
        code, 1,
        "--deny-warnings fails on an out-of-date translation"
    );

    // Export: exactly those two, each with the old translation as its starting target and the
    // original as it was in a note.
    let xliff = export(&project, &["--to", "ru"]);
    assert_eq!(xliff.matches("<unit ").count(), 2, "{xliff}");
    assert!(xliff.contains("<note category=\"previous-source\">The main results of the programme period are summarised in the table below.</note>"), "{xliff}");
    assert!(xliff.contains("<segment state=\"initial\"><source>The main results of the programme period are summarised in the table that follows.</source><target>RU The main results of the programme period are summarised in the table below.</target>"), "{xliff}");
    if let Some(units) = read_independently(&project.root.join(XLF)) {
        assert_eq!(units.len(), 2);
    }
    // Import: those two lines change, every other byte stays.
    assert_eq!(import(&project, &fill(&xliff)).0, 0);
    let after = String::from_utf8(project.read(KAZ_RU)).unwrap();
    let differing: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(
        differing,
        [
            (
                "RU The main results of the programme period are summarised in the table below.",
                "RU The main results of the programme period are summarised in the table that follows."
            ),
            (
                "[^kaz-hub]: RU A case study on Astana Hub is submitted separately for this session.",
                "[^kaz-hub]: RU A case study on Astana Hub is submitted separately to this session."
            ),
        ]
    );
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    assert!(json.contains(
        "\"id\": \"KAZ\",\n      \"language\": \"ru\",\n      \"state\": \"up-to-date\""
    ));
}

#[test]
fn a_hand_made_translation_is_unknown_until_marked() {
    // A project that never recorded the state of its translations.
    let project = TempProject::fixture("sample");
    project.remove("translations.lock");
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    assert!(
        json.contains(
            "\"id\": \"KAZ\",\n      \"language\": \"ru\",\n      \"state\": \"unknown\""
        )
    );
    let (code, _, stderr) = project.run(&["translate", "mark", KAZ_RU]);
    assert_eq!(code, 0, "{stderr}");
    let (_, json, _) = project.run(&["status", "--format", "json"]);
    assert!(
        json.contains(
            "\"id\": \"KAZ\",\n      \"language\": \"ru\",\n      \"state\": \"up-to-date\""
        ),
        "{json}"
    );
    // By default no translation that is there goes out, up to date or unknown: only the
    // Economic Forum document's files, which have no Russian version.
    let (code, _, stderr) = project.run(&["translate", "export", "--to", "ru"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        exported(&project),
        [
            "ef-2022-digital.conclusions.en-ru.xlf",
            "ef-2022-digital.introduction.en-ru.xlf"
        ]
    );
}

#[test]
fn returned_files_that_cannot_be_trusted_are_refused_and_nothing_is_written() {
    let project = english_only();
    let xliff = fill(&export(&project, &["--to", "ru"]));
    let lock = project.read("translations.lock");
    let refused = |name: &str, text: &str, expected: &str| {
        let (code, stderr) = import(&project, text);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(
            !project.root.join(KAZ_RU).exists(),
            "{name}: a translation was written"
        );
        assert_eq!(
            project.read("translations.lock"),
            lock,
            "{name}: the lock was written"
        );
    };
    refused(
        "an entity",
        &xliff.replacen(
            "<xliff ",
            "<!DOCTYPE xliff [<!ENTITY boom \"boom\">]><xliff ",
            1,
        ),
        "DTD",
    );
    refused(
        "an unknown unit",
        &xliff.replacen("<unit id=\"u6\"", "<unit id=\"u999\"", 1),
        "the unit \"u999\" is none of this text's",
    );
    refused(
        "a lost inline code",
        &xliff.replacen("RU The state programme <pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">Digital Kazakhstan</pc>", "RU The state programme Digital Kazakhstan", 1),
        "lost its inline code 1 (`**`)",
    );
    refused(
        "another contribution",
        &xliff.replacen(
            "original=\"sources/countries/kaz.en.md\"",
            "original=\"sources/countries/xyz.en.md\"",
            1,
        ),
        "which is no contribution or rapporteur's file of this project",
    );
    refused(
        "another language",
        &xliff.replacen("trgLang=\"ru\"", "trgLang=\"fr\"", 1),
        "no other language of the meeting",
    );
    refused(
        "an untranslated unit",
        &{
            let start = xliff.find("<target>").unwrap();
            let end = xliff[start..].find("</target>").unwrap() + start + "</target>".len();
            format!("{}{}", &xliff[..start], &xliff[end..])
        },
        "1 unit is untranslated",
    );
    // A translation whose structure would differ from its original's: the note under the
    // table, no longer opening with its "Source:", would become a numbered paragraph.
    let note = "<target><pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">Source:</pc>";
    assert!(xliff.contains(note), "{xliff}");
    refused(
        "a changed structure",
        &xliff.replacen(
            note,
            "<target>So: <pc id=\"1\" dataRefStart=\"s1\" dataRefEnd=\"e1\">Source:</pc>",
            1,
        ),
        "the English version has a note under a table here",
    );
    let oversize = format!("{xliff}<!--{}-->", "x".repeat(17 << 20));
    refused(
        "an oversized file",
        &oversize,
        "more than the 16777216 an XLIFF file",
    );
}

/// Every CommonMark and GFM spec example, cut into units and each unit "translated" into
/// itself, comes back as a text the check finds parallel to the original: cutting and
/// writing back lose nothing of the structure, whatever the Markdown.
#[test]
fn every_spec_example_survives_a_round_trip_through_units() {
    use speca_docs::diag::Diagnostics;
    use speca_docs::translate::{apply, units};
    let mut examples = Vec::new();
    for file in ["commonmark-spec.txt", "gfm-spec.txt", "gfm-extensions.txt"] {
        examples.extend(crate::outline::spec_examples(file));
    }
    assert!(examples.len() > 1000);
    let mut differing = Vec::new();
    for (n, example) in examples.iter().enumerate() {
        let original =
            format!("---\ntype: case-study\nlanguage: en\ntitle: Example\n---\n{example}");
        let cut = units::units(&original);
        let same: std::collections::BTreeMap<usize, Vec<units::Piece>> = cut
            .iter()
            .enumerate()
            .map(|(i, u)| (i, u.pieces.clone()))
            .collect();
        let Ok(back) = apply::apply(&original, None, "ru", &same) else {
            differing.push(format!("{n}: not applied"));
            continue;
        };
        let mut diags = Diagnostics::new();
        apply::compare(("o.md", "en", &original), ("t.md", "ru", &back), &mut diags);
        if diags.has_errors() {
            differing.push(format!(
                "example {n}:\n{example}---\n{back}\n{}",
                diags
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "{} of {} examples change structure:\n{}",
        differing.len(),
        examples.len(),
        differing
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

/// The Word route: the sheet a translator overtypes in Word (here python-docx, as Word
/// would), returned through `import`, becomes the translation, and the check passes.
#[test]
fn a_word_sheet_overtyped_comes_back_as_the_translation() {
    let project = english_only();
    let (code, _, stderr) = project.run(&[
        "translate",
        "export",
        KAZ_EN,
        "--to",
        "ru",
        "--format",
        "docx",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let sheet = project.root.join("output/translate/kaz.en-ru.docx");
    let document = ooxml::Docx::open(&sheet).xml("word/document.xml");
    assert!(
        document.contains("<w:tag w:val=\"speca-translation\"/>"),
        "the marker"
    );
    assert!(document.contains("<w:tag w:val=\"u6\"/>"), "a unit's box");
    assert!(
        document.contains("<w:tag w:val=\"code:2\"/>"),
        "a footnote reference kept"
    );
    if !overtype(&sheet) {
        return;
    }
    let (code, _, stderr) = project.run(&["import", "output/translate/kaz.en-ru.docx"]);
    assert_eq!(code, 0, "{stderr}");
    let russian = String::from_utf8(project.read(KAZ_RU)).unwrap();
    assert!(russian.contains("## Priorities RU\n"), "{russian}");
    assert!(russian.contains("**Digital Kazakhstan**"), "{russian}");
    assert!(russian.contains("programmes.[^kaz-hub]"), "{russian}");
    let errors = project.errors();
    assert!(errors.is_empty(), "{}", common::render(&errors));
    let (code, _, stderr) = project.run(&[
        "build",
        "--to",
        "docx",
        "--lang",
        "ru",
        "gc-2022-innovation",
    ]);
    assert_eq!(code, 0, "{stderr}");
}

/// A rapporteur's file (the Economic Forum document's introduction, in English only) goes out
/// as XLIFF, comes back Russian beside its original, passes check and is built.
#[test]
fn a_rapporteurs_file_goes_out_as_xliff_and_comes_back_russian() {
    let project = TempProject::fixture("sample");
    let (code, stdout, stderr) = project.run(&["translate", "export", EF_INTRO, "--to", "ru"]);
    assert_eq!(code, 0, "{stderr}");
    // Named after its document, so another document's introduction cannot take its place.
    let xlf = "output/translate/ef-2022-digital.introduction.en-ru.xlf";
    assert!(stdout.contains(xlf), "{stdout}");
    let xliff = String::from_utf8(project.read(xlf)).unwrap();
    assert!(
        xliff.contains(&format!("original=\"{EF_INTRO}\"")),
        "{xliff}"
    );
    assert!(xliff.contains("<source>Introduction</source>"), "{xliff}");
    if let Some(units) = read_independently(&project.root.join(xlf)) {
        assert_eq!(units.len(), xliff.matches("<unit ").count());
    }

    let (code, stderr) = import(&project, &fill(&xliff));
    assert_eq!(code, 0, "{stderr}");
    let russian = String::from_utf8(project.read(EF_INTRO_RU)).unwrap();
    assert!(
        russian.starts_with("# RU Introduction\n"),
        "no front matter, as its original: {russian}"
    );
    assert!(
        russian.contains("RU The SPECA Economic Forum, held alongside"),
        "{russian}"
    );
    assert!(russian.contains("Council.[^ef-gc]"), "{russian}");
    let errors = project.errors();
    assert!(errors.is_empty(), "{}", common::render(&errors));
    let row = translation_row(&project, "documents/ef-2022-digital/introduction", "ru");
    assert_eq!(row["kind"], "prose", "{row}");
    assert_eq!(row["state"], "up-to-date", "{row}");

    let (code, _, stderr) =
        project.run(&["build", "ef-2022-digital", "--lang", "ru", "--to", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project
        .root
        .join("output/ef-2022-digital/draft/ef-2022-digital.ru.pdf");
    if let Some(text) = pdftotext(&pdf) {
        assert!(
            text.contains("RU The SPECA Economic Forum, held alongside"),
            "{text}"
        );
    }
}

/// The Word route for a rapporteur's file: the sheet overtyped and imported becomes its
/// Russian version.
#[test]
fn a_rapporteurs_file_comes_back_from_a_word_sheet() {
    let project = TempProject::fixture("sample");
    let conclusions = "sources/documents/ef-2022-digital/conclusions.md";
    let (code, _, stderr) = project.run(&[
        "translate",
        "export",
        conclusions,
        "--to",
        "ru",
        "--format",
        "docx",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let sheet = project
        .root
        .join("output/translate/ef-2022-digital.conclusions.en-ru.docx");
    let document = ooxml::Docx::open(&sheet).xml("word/document.xml");
    assert!(
        document.contains("<w:tag w:val=\"speca-translation\"/>"),
        "the marker"
    );
    if !overtype(&sheet) {
        return;
    }
    let (code, _, stderr) = project.run(&[
        "import",
        "output/translate/ef-2022-digital.conclusions.en-ru.docx",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let russian =
        String::from_utf8(project.read("sources/documents/ef-2022-digital/conclusions.ru.md"))
            .unwrap();
    assert!(
        russian.starts_with("# Conclusions and recommendations RU\n"),
        "{russian}"
    );
    let errors = project.errors();
    assert!(errors.is_empty(), "{}", common::render(&errors));
    let row = translation_row(&project, "documents/ef-2022-digital/conclusions", "ru");
    assert_eq!(row["state"], "up-to-date", "{row}");
}

/// A rapporteur's translation made by hand is marked up to date; once its original changes it
/// is out of date (check warns at the translation, status says which unit), and marked again.
#[test]
fn a_rapporteurs_translation_is_marked_and_falls_out_of_date() {
    let project = TempProject::fixture("sample");
    project.remove("translations.lock");
    let id = "documents/gc-2022-innovation/introduction";
    assert_eq!(translation_row(&project, id, "ru")["state"], "unknown");
    assert_eq!(translation_row(&project, id, "en")["state"], "original");
    let (code, stdout, stderr) = project.run(&["translate", "mark", GC_INTRO_RU]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("{GC_INTRO_RU}  up to date with {GC_INTRO}")),
        "{stdout}"
    );
    assert_eq!(translation_row(&project, id, "ru")["state"], "up-to-date");
    let (code, _, stderr) = project.run(&["translate", "mark", GC_INTRO]);
    assert_eq!(code, 1, "the original is not marked: {stderr}");

    project.edit(
        GC_INTRO,
        "Development held its\nthird session",
        "Development convened its\nthird session",
    );
    let (_, _, stderr) = project.run(&["check"]);
    assert!(
        stderr.contains(&format!(
            "{GC_INTRO_RU}:1:1: warning: this translation is out of date: its original changed since in 1 unit"
        )),
        "{stderr}"
    );
    let row = translation_row(&project, id, "ru");
    assert_eq!(row["kind"], "prose", "{row}");
    assert_eq!(row["state"], "out-of-date", "{row}");
    assert_eq!(row["changed"][0]["kind"], "paragraph", "{row}");
    assert_eq!(
        row["changed"][0]["words"], "The SPECA Working Group on Innovation…",
        "{row}"
    );
    let (_, human, _) = project.run(&["status"]);
    assert!(
        human.contains(&format!("prose {id} (ru): changed 3")),
        "{human}"
    );

    let (code, _, stderr) = project.run(&["translate", "mark", GC_INTRO_RU]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(translation_row(&project, id, "ru")["state"], "up-to-date");
    let (_, _, stderr) = project.run(&["check"]);
    assert!(!stderr.contains("out of date"), "{stderr}");
}

/// Overtypes every box of a translation sheet as a translator does in Word
/// (`tests/overtype_sheet.py`, python-docx); `false` when python-docx is missing.
fn overtype(sheet: &Path) -> bool {
    if !readers::python_docx_and_pandoc() {
        return false;
    }
    run_script("overtype_sheet.py", sheet);
    true
}

/// Runs the Python script `tests/<script>` on `file`, which must succeed; its output.
fn run_script(script: &str, file: &Path) -> String {
    let output = std::process::Command::new("python3")
        .arg(common::repo().join("tests").join(script))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
