//! One failing input per rule of the sources contract: each asserts the file, the line and the
//! gist of the message, so an expert is pointed at the exact place.

use crate::common;
use crate::common::{TempProject, assert_diag, render};

const KAZ: &str = "sources/countries/kaz.en.md";
const DOC: &str = "sources/documents/brief.yaml";

#[test]
fn the_fixture_is_clean() {
    let project = TempProject::fixture("minimal");
    let errors = project.errors();
    assert!(errors.is_empty(), "{}", render(&errors));
}

#[test]
fn unknown_country_code_points_at_the_value_with_the_codes() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "country: KAZ", "country: KZX");
    let errors = project.errors();
    assert_diag(&errors, KAZ, 3, "unknown country code \"KZX\"");
    let d = errors.iter().find(|d| d.message.contains("KZX")).unwrap();
    assert_eq!(d.column, 10);
    assert!(
        d.hint.as_deref().unwrap().contains("KAZ, KGZ, UZB")
            || d.hint.as_deref().unwrap().contains("UZB"),
        "{d}"
    );
}

#[test]
fn unknown_theme_and_indicator() {
    let project = TempProject::fixture("minimal");
    project
        .edit(KAZ, "themes: [skills]", "themes: [skils]")
        .edit(KAZ, "  users: {", "  userz: {");
    let errors = project.errors();
    assert_diag(&errors, KAZ, 7, "unknown theme \"skils\"");
    assert_diag(&errors, KAZ, 9, "unknown indicator \"userz\"");
    assert!(
        errors.iter().any(|d| d.hint.as_deref()
            == Some("did you mean \"skills\"? the themes of meeting.yaml are: skills, incubators")),
        "{}",
        render(&errors)
    );
}

#[test]
fn impossible_and_malformed_dates() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "submitted: 2023-04-20", "submitted: 2022-13-45");
    project.edit(
        "sources/meeting.yaml",
        "deadline: 2023-04-30",
        "deadline: 30/04/2023",
    );
    let errors = project.errors();
    assert_diag(&errors, KAZ, 6, "is not a date that exists");
    assert_diag(
        &errors,
        "sources/meeting.yaml",
        9,
        "is not a date in the form YYYY-MM-DD",
    );
}

#[test]
fn wrong_types_are_named() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "{value: 90.9,", "{value: many,");
    project.edit(
        "sources/case-studies/kaz-alpha.en.md",
        "themes: [skills]",
        "themes: {a: b}",
    );
    let errors = project.errors();
    assert_diag(&errors, KAZ, 9, "must be a number, not \"many\"");
    assert_diag(
        &errors,
        "sources/case-studies/kaz-alpha.en.md",
        7,
        "must be text, not a mapping",
    );
}

#[test]
fn unknown_fields_suggest_the_right_one() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "submitted:", "submited:");
    let errors = project.errors();
    assert_diag(&errors, KAZ, 6, "unknown field \"submited\"");
    let d = errors
        .iter()
        .find(|d| d.message.contains("submited"))
        .unwrap();
    assert_eq!(d.hint.as_deref(), Some("did you mean \"submitted\"?"));
}

#[test]
fn missing_required_fields() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/kaz-beta.en.md",
        "title: Beta accelerator\n",
        "",
    );
    let errors = project.errors();
    assert_diag(
        &errors,
        "sources/case-studies/kaz-beta.en.md",
        2,
        "missing field \"title\"",
    );
}

#[test]
fn two_inputs_for_one_country_and_language_name_both_files() {
    let project = TempProject::fixture("minimal");
    project.write(
        "sources/countries/kaz-second.en.md",
        std::fs::read(project.root.join(KAZ)).unwrap(),
    );
    let errors = project.errors();
    // Files are read in name order: kaz-second.en.md comes before kaz.en.md.
    let d = errors
        .iter()
        .find(|d| d.message.contains("second country input"))
        .unwrap_or_else(|| panic!("{}", render(&errors)));
    assert!(
        d.message.contains("sources/countries/kaz-second.en.md"),
        "{d}"
    );
    assert_eq!(d.file, KAZ);
    assert_eq!(d.line, 3);
}

#[test]
fn two_case_studies_with_one_id() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/kaz-beta.en.md",
        "type: case-study\n",
        "type: case-study\nid: kaz-alpha\n",
    );
    let errors = project.errors();
    assert_diag(
        &errors,
        "sources/case-studies/kaz-beta.en.md",
        3,
        "a second case study with id \"kaz-alpha\"",
    );
    assert!(errors.iter().any(|d| d.message.contains("kaz-alpha.en.md")));
}

#[test]
fn documents_naming_missing_files_or_unknown_sections() {
    let project = TempProject::fixture("minimal");
    project.edit(
        DOC,
        "file: documents/brief/intro.md",
        "file: documents/brief/missing.md",
    );
    project.edit(
        DOC,
        "contributions: country-inputs",
        "contributions: country-input",
    );
    project.edit(
        DOC,
        "  - heading: {en: Case studies",
        "  - kind: x\n  - heading: {en: Case studies",
    );
    let errors = project.errors();
    assert_diag(
        &errors,
        DOC,
        12,
        "the file \"documents/brief/missing.md\" does not exist",
    );
    assert_diag(&errors, DOC, 14, "unknown contributions \"country-input\"");
    assert_diag(&errors, DOC, 15, "unknown field \"kind\" in a section");
    assert_diag(&errors, DOC, 15, "a section needs `file`");
}

#[test]
fn section_files_stay_inside_sources() {
    let project = TempProject::fixture("minimal");
    project.edit(
        DOC,
        "file: documents/brief/intro.md",
        "file: ../../etc/passwd",
    );
    assert_diag(&project.errors(), DOC, 12, "points outside sources/");
}

#[test]
fn document_id_must_equal_the_file_stem() {
    let project = TempProject::fixture("minimal");
    project.edit(DOC, "id: brief", "id: brief-2023");
    let errors = project.errors();
    assert_diag(
        &errors,
        DOC,
        1,
        "the id \"brief-2023\" differs from the file name \"brief.yaml\"",
    );
}

#[test]
fn images_missing_outside_absolute_or_not_images() {
    let project = TempProject::fixture("minimal");
    let file = "sources/case-studies/uzb-park.en.md";
    project.edit(file, "![A bar chart](chart.png)", "![a](nothere.png)\n\n![b](../../../etc/passwd)\n\n![c](/etc/passwd)\n\n![d](notes.png)\n\n![e](https://example.org/x.png)");
    project.write("sources/media/notes.png", "this is text, not a PNG");
    let errors = project.errors();
    assert_diag(&errors, file, 12, "image \"nothere.png\" not found");
    assert_diag(&errors, file, 14, "points outside sources/");
    assert_diag(&errors, file, 16, "is an absolute path");
    assert_diag(&errors, file, 18, "is not a PNG, JPEG or SVG image");
    assert_diag(&errors, file, 20, "is not a file in the project");
}

#[cfg(unix)]
#[test]
fn images_behind_symbolic_links_that_leave_sources_are_refused() {
    let project = TempProject::fixture("minimal");
    let outside = common::temp_dir("outside");
    std::fs::copy(
        project.root.join("sources/media/chart.png"),
        outside.path().join("secret.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        project.root.join("sources/media/link.png"),
    )
    .unwrap();
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "(chart.png)",
        "(link.png)",
    );
    assert_diag(
        &project.errors(),
        "sources/case-studies/uzb-park.en.md",
        12,
        "leads outside sources/",
    );
}

#[test]
fn word_limits_are_warnings_at_the_body() {
    let project = TempProject::fixture("minimal");
    let diags = project.diagnostics();
    let d = diags
        .iter()
        .find(|d| d.message.contains("words; the limit"))
        .unwrap_or_else(|| panic!("{}", render(&diags)));
    assert_eq!(
        (d.file.as_str(), d.line),
        ("sources/countries/kgz.en.md", 8)
    );
    assert_eq!(d.severity, speca_docs::diag::Severity::Warning);
    assert!(
        d.message.contains("63 words") && d.message.contains("limit for a country-input is 60"),
        "{d}"
    );
}

#[test]
fn yaml_syntax_errors_give_the_line_of_the_file() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "themes: [skills]", "themes: [skills");
    let errors = project.errors();
    let d = errors
        .iter()
        .find(|d| d.file == KAZ)
        .unwrap_or_else(|| panic!("{}", render(&errors)));
    assert!(d.message.starts_with("invalid YAML"), "{d}");
    assert!(
        (7..=9).contains(&d.line),
        "line {} should be a line of the file, in the front matter: {d}",
        d.line
    );
}

#[test]
fn front_matter_absent_unclosed_or_empty_file() {
    let project = TempProject::fixture("minimal");
    project.write("sources/countries/a.en.md", "# Just text\n");
    project.write(
        "sources/countries/b.en.md",
        "---\ntype: country-input\ncountry: UZB\n\nText\n",
    );
    project.write("sources/countries/c.en.md", "");
    let errors = project.errors();
    assert_diag(&errors, "sources/countries/a.en.md", 1, "no front matter");
    assert_diag(&errors, "sources/countries/b.en.md", 1, "never closed");
    assert_diag(&errors, "sources/countries/c.en.md", 1, "the file is empty");
}

#[test]
fn files_that_are_not_utf8_name_the_place() {
    let project = TempProject::fixture("minimal");
    project.write(
        "sources/countries/uzb.en.md",
        b"---\ntype: country-input\ncountry: UZB\n---\nCaf\xe9\n".as_slice(),
    );
    let errors = project.errors();
    assert_diag(&errors, "sources/countries/uzb.en.md", 5, "not UTF-8");
    assert!(
        errors
            .iter()
            .any(|d| d.column == 4 && d.message.contains("byte offset")),
        "{}",
        render(&errors)
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let project = TempProject::fixture("minimal");
    let text = String::from_utf8(project.read(KAZ))
        .unwrap()
        .replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    project.write(KAZ, bytes);
    project.edit(KAZ, "country: KAZ", "country: KZX");
    let errors = project.errors();
    assert_eq!(errors.len(), 1, "{}", render(&errors));
    assert_diag(&errors, KAZ, 3, "KZX");
    assert_eq!(errors[0].column, 10);
}

#[test]
fn contribution_language_must_be_a_meeting_language() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/countries/kaz.ru.md",
        "language: ru",
        "language: fr",
    );
    assert_diag(
        &project.errors(),
        "sources/countries/kaz.ru.md",
        4,
        "not a language of the meeting",
    );
}

#[test]
fn unknown_templates_are_errors() {
    let project = TempProject::fixture("minimal");
    project.edit(DOC, "template: un-document", "template: un-documnet");
    assert_diag(
        &project.errors(),
        DOC,
        2,
        "unknown template \"un-documnet\"",
    );
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "country: KAZ", "country: KZX");
    project.edit(
        "sources/case-studies/kaz-alpha.en.md",
        "themes: [skills]",
        "themes: [nope]",
    );
    project.edit(DOC, "id: brief", "id: other");
    let errors = project.errors();
    assert_eq!(errors.len(), 3, "{}", render(&errors));
}

#[test]
fn check_reports_a_template_that_a_writer_cannot_use_at_its_file() {
    let project = TempProject::fixture("minimal");
    // A project override of the built-in template: Handlebars that does not parse, and Word
    // styles that are not XML.
    project.write(
        "templates/un-document/document.typ.hbs",
        "// {{id}}\n#let x = {{#if lang}}\n",
    );
    project.write("templates/un-document/docx/styles.xml", "<w:styles");
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/un-document/document.typ.hbs:")
            && stderr.contains("invalid Handlebars"),
        "{stderr}"
    );
    assert!(
        stderr.contains("templates/un-document/docx/styles.xml: error:")
            && stderr.contains("not well-formed XML"),
        "{stderr}"
    );
    // build stops at the same problems, before writing anything.
    let (code, _, stderr) = project.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!project.root.join("output").exists(), "{stderr}");
}

const ALPHA: &str = "sources/case-studies/kaz-alpha.en.md";

/// The one diagnostic at `file:line:col`, with its hint; fails naming all of them otherwise.
#[track_caller]
fn diag_at(
    diags: &[speca_docs::diag::Diagnostic],
    file: &str,
    line: u32,
    col: u32,
) -> speca_docs::diag::Diagnostic {
    let at: Vec<_> = diags
        .iter()
        .filter(|d| d.file == file && d.line == line && d.column == col)
        .collect();
    assert_eq!(
        at.len(),
        1,
        "expected one diagnostic at {file}:{line}:{col}; got:\n{}",
        render(diags)
    );
    at[0].clone()
}

/// `check` exits 1 and prints `file:line:col: error: …` with the hint under it.
#[track_caller]
fn check_fails_with(project: &TempProject, place: &str, hint: &str) {
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(place), "no {place:?} in:\n{stderr}");
    assert!(
        stderr.contains(&format!("hint: {hint}")),
        "no hint {hint:?} in:\n{stderr}"
    );
}

#[test]
fn a_colon_in_a_plain_value_asks_for_quotes_with_the_corrected_line() {
    let project = TempProject::fixture("minimal");
    project.edit(ALPHA, "title: Alpha hub", "title: Alpha \"hub\": results");
    let d = diag_at(&project.errors(), ALPHA, 5, 8);
    assert!(d.message.contains("holds \": \""), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some(r#"put the value in quotes: title: "Alpha \"hub\": results""#)
    );
    check_fails_with(
        &project,
        &format!("{ALPHA}:5:8: error: invalid YAML"),
        "put the value in quotes: title:",
    );
}

#[test]
fn a_colon_in_meeting_yaml_gets_the_same_hint() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/meeting.yaml",
        "organizers: [ECE]",
        "organizers: ECE: Economic Commission for Europe",
    );
    let d = diag_at(&project.errors(), "sources/meeting.yaml", 7, 13);
    assert_eq!(
        d.hint.as_deref(),
        Some(r#"put the value in quotes: organizers: "ECE: Economic Commission for Europe""#)
    );
}

#[test]
fn a_tab_in_the_indentation_is_named_at_the_tab() {
    let project = TempProject::fixture("minimal");
    project.edit(
        KAZ,
        "focal-point: {name: Test Person, organization: Test Ministry, email: kaz@example.org}",
        "focal-point:\n\tname: Test Person\n\temail: kaz@example.org",
    );
    let d = diag_at(&project.errors(), KAZ, 6, 1);
    assert!(
        d.message.contains("YAML indentation uses spaces, not tabs"),
        "{d}"
    );
    check_fails_with(
        &project,
        &format!("{KAZ}:6:1: error: invalid YAML: YAML indentation uses spaces, not tabs"),
        "replace the tab",
    );
}

#[test]
fn typographic_quotes_are_a_warning_or_an_error_with_straight_ones() {
    let project = TempProject::fixture("minimal");
    // YAML reads “Alpha hub” as text with the quotes in it: legal, so a warning with the fix.
    project.edit(ALPHA, "title: Alpha hub", "title: “Alpha hub”");
    let d = diag_at(&project.diagnostics(), ALPHA, 5, 8);
    assert_eq!(d.severity, speca_docs::diag::Severity::Warning);
    assert!(d.message.contains("typographic quotes"), "{d}");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with(r#"use straight quotes "…": title: "Alpha hub";"#),
        "{d}"
    );
    assert_eq!(project.run(&["check", "--deny-warnings"]).0, 1);

    // With a colon inside, the quotes do not protect it: an error, mended by straight quotes.
    project.edit(ALPHA, "title: “Alpha hub”", "title: «Alpha: hub»");
    let d = diag_at(&project.errors(), ALPHA, 5, 8);
    assert_eq!(
        d.hint.as_deref(),
        Some(r#"use straight quotes "…": title: "Alpha: hub""#)
    );
    check_fails_with(
        &project,
        &format!("{ALPHA}:5:8: error:"),
        r#"use straight quotes "…": title: "Alpha: hub""#,
    );
}

#[test]
fn every_yaml_mistake_of_a_file_is_reported_in_one_run() {
    let project = TempProject::fixture("minimal");
    // A colon in a flow mapping, typographic quotes around a colon and a tab: the parser stops
    // at the first, but the line scan finds all three, each once and in words.
    project.edit(
        ALPHA,
        "title: Alpha hub",
        "title: {en: Alpha: hub, ru: Альфа}",
    );
    project.edit(
        ALPHA,
        "organization: Alpha Org",
        "organization: “Alpha: Org”\nfocal-point:\n\tname: Test Person",
    );
    let errors = project.errors();
    // And, read from the text with those lines mended, its fields' errors: a title that is no
    // text, a field a case study does not have.
    assert_eq!(errors.len(), 5, "{}", render(&errors));
    assert!(
        diag_at(&errors, ALPHA, 5, 8)
            .message
            .contains("must be text")
    );
    assert!(
        diag_at(&errors, ALPHA, 7, 1)
            .message
            .contains("unknown field \"focal-point\"")
    );
    let d = diag_at(&errors, ALPHA, 5, 13);
    assert!(
        d.message
            .contains("the value of \"en\" in \"title\" holds \": \""),
        "{d}"
    );
    assert_eq!(
        d.hint.as_deref(),
        Some(r#"put the value in quotes: title: {en: "Alpha: hub", ru: Альфа}"#)
    );
    let d = diag_at(&errors, ALPHA, 6, 15);
    assert!(d.message.contains("typographic quotes"), "{d}");
    let d = diag_at(&errors, ALPHA, 8, 1);
    assert!(d.message.contains("indentation uses spaces"), "{d}");
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("while parsing"), "{stderr}");

    // A file that parses: its accepted mistakes and its fields' errors, in one run too.
    project.edit(
        KAZ,
        "focal-point: {name: Test Person,",
        "focal-point: {name: “Test Person”,",
    );
    project.edit(KAZ, "country: KAZ", "country: Kazakhstan");
    project.edit(KAZ, "submitted: 2023-04-20", "submitted: 20.04.2023");
    let diagnostics = project.diagnostics();
    let d = diag_at(&diagnostics, KAZ, 5, 21);
    assert_eq!(d.severity, speca_docs::diag::Severity::Warning);
    assert!(d.message.contains("typographic quotes"), "{d}");
    diag_at(&diagnostics, KAZ, 3, 10);
    diag_at(&diagnostics, KAZ, 6, 12);
}

#[test]
fn a_country_name_or_lowercase_code_points_at_the_code() {
    for (written, meant) in [
        ("Kazakhstan", "KAZ (Kazakhstan)"),
        ("казахстан", "KAZ (Казахстан)"),
        ("kaz", "KAZ (Kazakhstan)"),
        ("Kazahstan", "KAZ (Kazakhstan)"),
    ] {
        let project = TempProject::fixture("minimal");
        project.edit(KAZ, "country: KAZ", &format!("country: {written}"));
        let d = diag_at(&project.errors(), KAZ, 3, 10);
        assert!(d.message.contains(&format!("\"{written}\"")), "{d}");
        let hint = format!("did you mean {meant}?");
        assert!(d.hint.as_deref().unwrap().starts_with(&hint), "{d}");
        if written == "Kazakhstan" {
            check_fails_with(&project, &format!("{KAZ}:3:10: error:"), &hint);
        }
    }
}

#[test]
fn dates_written_day_first_get_the_iso_date() {
    let project = TempProject::fixture("minimal");
    project.edit(KAZ, "submitted: 2023-04-20", "submitted: 20.04.2023");
    project.edit(ALPHA, "submitted: 2023-04-01", "submitted: 2023/04/01");
    project.edit(
        "sources/meeting.yaml",
        "deadline: 2023-04-30",
        "deadline: 30/04/2023",
    );
    let errors = project.errors();
    let d = diag_at(&errors, KAZ, 6, 12);
    assert_eq!(
        d.hint.as_deref(),
        Some("dates are written YYYY-MM-DD: 2023-04-20")
    );
    let d = diag_at(&errors, ALPHA, 8, 12);
    assert_eq!(
        d.hint.as_deref(),
        Some("dates are written YYYY-MM-DD: 2023-04-01")
    );
    let d = diag_at(&errors, "sources/meeting.yaml", 9, 11);
    assert_eq!(
        d.hint.as_deref(),
        Some("dates are written YYYY-MM-DD: 2023-04-30")
    );
    check_fails_with(
        &project,
        &format!("{KAZ}:6:12: error:"),
        "dates are written YYYY-MM-DD: 2023-04-20",
    );
}

/// `check --deny-warnings` and `build --deny-warnings` agree, on the sample and on the
/// fixtures: every warning a build reports, check reports too.
#[test]
fn check_reports_every_warning_a_build_reports() {
    for name in ["sample", "minimal", "features"] {
        let project = TempProject::fixture(name);
        let (check_code, check_json, _) = project.run(&["check", "--format", "json"]);
        let (build_code, build_json, _) =
            project.run(&["build", "--to", "pdf,docx", "--format", "json"]);
        let parse = |json: &str| -> Vec<serde_json::Value> { serde_json::from_str(json).unwrap() };
        let (checked, built) = (parse(&check_json), parse(&build_json));
        for problem in &built {
            assert!(
                checked.contains(problem),
                "{name}: build reports what check does not: {problem}"
            );
        }
        assert_eq!((check_code, build_code), (0, 0), "{name}");
        let (check_code, _, check_err) = project.run(&["check", "--deny-warnings"]);
        let (build_code, _, build_err) = project.run(&["build", "--deny-warnings"]);
        assert_eq!(
            check_code, build_code,
            "{name}: check --deny-warnings says {check_code}, build {build_code}:\n{check_err}\n{build_err}"
        );
    }
}

/// A picture whose header is sound but whose data is damaged cannot be typeset: `check` finds
/// it at the line that shows it, by decoding it as Typst does, and `build` says the same.
#[test]
fn a_picture_with_damaged_data_is_found_by_check_at_its_line() {
    let project = TempProject::fixture("minimal");
    let png = project.read("sources/media/chart.png");
    // The header and the size survive; the compressed pixels are cut short.
    project.write("sources/media/chart.png", &png[..png.len() / 2]);
    // A second file showing it has the error too (so --keep-going leaves out both).
    project.edit(
        "sources/case-studies/kaz-beta.en.md",
        "KAZ-BETA-TEXT.",
        "KAZ-BETA-TEXT.\n\n![A bar chart](../media/chart.png)",
    );
    let errors = project.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.file == "sources/case-studies/kaz-beta.en.md"
                && d.message.contains("its data is damaged")),
        "{}",
        render(&errors)
    );
    for command in [&["check"][..], &["build", "--lang", "en", "--to", "pdf"]] {
        let (code, _, stderr) = project.run(command);
        assert_eq!(code, 1, "{command:?}: {stderr}");
        assert!(
            stderr.contains(
                "sources/case-studies/uzb-park.en.md:12:1: error: image \"sources/media/chart.png\" cannot be read as PNG: its data is damaged"
            ),
            "{command:?}: {stderr}"
        );
    }
}
