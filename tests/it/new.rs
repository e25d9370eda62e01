//! `speca-docs new`: skeletons that parse, that `check` says what is left to fill in, that pass
//! once filled, and that never replace an expert's file.

use crate::common;
use crate::common::{TempProject, render};
use speca_docs::diag::Severity;

const CODES: [&str; 7] = ["AFG", "AZE", "KAZ", "KGZ", "TJK", "TKM", "UZB"];

/// The sample without its country inputs, so that every country can be given a new one (and
/// without the introduction's reference to a paragraph of one of them).
fn sample_without_country_inputs() -> TempProject {
    let project = TempProject::fixture("sample");
    // New texts in both languages are no translations of the old ones: their states go too.
    project.remove("translations.lock");
    for entry in std::fs::read_dir(project.root.join("sources/countries")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    project
        .edit(
            "sources/documents/gc-2022-innovation/introduction.md",
            " (paragraph [](#kaz-fibre))",
            "",
        )
        .edit(
            "sources/documents/gc-2022-innovation/introduction.ru.md",
            "\n(пункт [](#kaz-fibre))",
            "",
        );
    project
}

/// Runs `new`, expects success, and returns the file it says it wrote.
#[track_caller]
fn new_file(project: &TempProject, args: &[&str]) -> String {
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    let file = stdout
        .lines()
        .find_map(|l| l.strip_prefix("wrote "))
        .unwrap_or_else(|| panic!("no path in {stdout:?}"))
        .to_string();
    assert!(stdout.contains("then run `speca-docs -C "), "{stdout}");
    assert!(project.root.join(&file).is_file(), "{file}");
    file
}

/// What an expert writes: each placeholder replaced, and a paragraph under every heading.
fn fill_in(text: &str) -> String {
    let mut filled = String::new();
    for line in text.lines() {
        let line = match line.split_once(": <") {
            Some((key, _)) if line.ends_with('>') => {
                let value = match key.trim() {
                    "submitted" => "2022-06-28",
                    "email" => "focal.point@example.org",
                    _ => "Filled in by the expert",
                };
                format!("{key}: {value}")
            }
            _ => line.to_string(),
        };
        filled.push_str(&line);
        filled.push('\n');
        if line.starts_with("<!--") {
            filled.push_str("\nWritten by the expert.\n");
        }
    }
    filled
}

#[test]
fn skeletons_of_every_country_kind_and_language_parse_and_pass_check_once_filled() {
    let project = sample_without_country_inputs();
    let mut files = Vec::new();
    for (i, code) in CODES.iter().enumerate() {
        for lang in ["en", "ru"] {
            // The country by code, by code in lowercase, by name: all are accepted.
            let country = match i % 3 {
                0 => code.to_string(),
                1 => code.to_lowercase(),
                _ => String::new(),
            };
            let country = if country.is_empty() {
                let meeting =
                    std::fs::read_to_string(project.root.join("sources/meeting.yaml")).unwrap();
                // `{code: TJK, name: {en: Tajikistan, ru: Таджикистан}}`: the name in `lang`.
                let line = meeting.lines().find(|l| l.contains(code)).unwrap();
                let after = line.split(&format!("{lang}: ")).nth(1).unwrap();
                after.split([',', '}']).next().unwrap().to_string()
            } else {
                country
            };
            let file = new_file(
                &project,
                &["new", "country-input", &country, "--lang", lang],
            );
            assert_eq!(
                file,
                format!("sources/countries/{}.{lang}.md", code.to_lowercase())
            );
            files.push(file);
            let id = format!("{}-skeleton", code.to_lowercase());
            let file = new_file(
                &project,
                &["new", "case-study", code, "--id", &id, "--lang", lang],
            );
            assert_eq!(file, format!("sources/case-studies/{id}.{lang}.md"));
            files.push(file);
        }
    }

    // As written: only what is left to fill in, at the placeholders, and the empty headings.
    let diagnostics = project.diagnostics();
    for file in &files {
        let text = String::from_utf8(project.read(file)).unwrap();
        let placeholders = text
            .lines()
            .filter(|l| l.contains(": <") && l.ends_with('>'))
            .count();
        assert!(placeholders >= 4, "{file}:\n{text}");
        let mine: Vec<_> = diagnostics
            .iter()
            .filter(|d| &d.file == file)
            .cloned()
            .collect();
        let errors: Vec<_> = mine
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), placeholders, "{file}:\n{}", render(&mine));
        for d in &errors {
            assert!(d.message.contains("is still to fill: <"), "{d}");
            let line = text.lines().nth(d.line as usize - 1).unwrap();
            assert_eq!(
                line.chars().nth(d.column as usize - 1),
                Some('<'),
                "{d} is not at the placeholder of {line:?}"
            );
        }
        let warnings: Vec<_> = mine
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        assert_eq!(warnings.len(), 1, "{}", render(&mine));
        assert!(
            warnings[0].message.starts_with("nothing is written under"),
            "{}",
            warnings[0]
        );
        // The text is in the file's language.
        let heading = if file.ends_with(".ru.md") {
            "## Пр"
        } else {
            "## "
        };
        assert!(text.contains(heading), "{text}");
    }

    // Filled in as an expert would: check passes, and says nothing of the new files.
    for file in &files {
        let text = String::from_utf8(project.read(file)).unwrap();
        project.write(file, fill_in(&text));
    }
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    for file in &files {
        assert!(!stderr.contains(file.as_str()), "{file}: {stderr}");
    }
}

#[test]
fn the_default_language_is_the_meetings_first() {
    let project = sample_without_country_inputs();
    let file = new_file(&project, &["new", "country-input", "Kazakhstan"]);
    assert_eq!(file, "sources/countries/kaz.en.md");
    let text = String::from_utf8(project.read(&file)).unwrap();
    assert!(
        text.contains("\nlanguage: en\n") && text.contains("## Priorities"),
        "{text}"
    );
    assert!(
        text.contains("  # internet_users_pct:"),
        "indicators are listed, commented out: {text}"
    );
}

#[test]
fn an_existing_file_is_never_replaced() {
    let project = TempProject::fixture("sample");
    let before = project.read("sources/countries/kaz.en.md");
    let (code, stdout, stderr) = project.run(&["new", "country-input", "KAZ"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("sources/countries/kaz.en.md already exists; nothing was written"),
        "{stderr}"
    );
    assert_eq!(project.read("sources/countries/kaz.en.md"), before);
    let (code, _, stderr) = project.run(&["new", "case-study", "KAZ", "--id", "kaz-astana-hub"]);
    assert_eq!(code, 1, "{stderr}");
    // No temporary file is left beside them.
    for folder in ["sources/countries", "sources/case-studies"] {
        for entry in std::fs::read_dir(project.root.join(folder)).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(
                !name.to_string_lossy().starts_with('.'),
                "{name:?} left in {folder}"
            );
        }
    }
}

/// Runs `new`, expects a usage error (exit 2) holding `fragment`, and that nothing was written.
#[track_caller]
fn refused(args: &[&str], fragment: &str) {
    let project = sample_without_country_inputs();
    let (code, stdout, stderr) = project.run(args);
    assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
    assert!(
        stderr.contains(fragment),
        "{args:?}: no {fragment:?} in {stderr}"
    );
    assert_eq!(
        std::fs::read_dir(project.root.join("sources/countries"))
            .unwrap()
            .count(),
        0,
        "{args:?} wrote a file"
    );
}

#[test]
fn an_unknown_country_is_a_usage_error_with_the_likely_one() {
    refused(
        &["new", "country-input", "Kazakstan"],
        "\"Kazakstan\" is not a country of meeting.yaml; did you mean KAZ (Kazakhstan)?",
    );
    refused(
        &["new", "country-input", "Таджикистн"],
        "did you mean TJK (Таджикистан)?",
    );
    refused(
        &["new", "country-input", "FRA"],
        "its countries are: AFG, AZE, KAZ, KGZ, TJK, TKM, UZB",
    );
    refused(
        &["new", "case-study", "KZX", "--id", "kzx-a"],
        "is not a country",
    );
}

#[test]
fn a_language_outside_the_meeting_is_a_usage_error() {
    refused(
        &["new", "country-input", "KAZ", "--lang", "fr"],
        "\"fr\" is not a language of the meeting; meeting.yaml lists: en, ru",
    );
    refused(
        &["new", "country-input", "KAZ", "--lang", "ry"],
        "did you mean \"ru\"?",
    );
}

#[test]
fn a_case_study_needs_a_usable_id() {
    refused(
        &["new", "case-study", "KAZ"],
        "a case study needs an id: add --id kaz-…",
    );
    refused(
        &["new", "case-study", "KAZ", "--id", "Astana Hub"],
        "\"Astana Hub\" cannot be an id: use lowercase letters, digits and hyphens, e.g. --id kaz-astana-hub",
    );
}

#[test]
fn a_folder_without_a_project_is_a_usage_error() {
    let folder = common::temp_dir("not-a-project");
    let (code, _, stderr) = common::run_in(folder.path(), &["new", "country-input", "KAZ"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a speca-docs project"), "{stderr}");
}
