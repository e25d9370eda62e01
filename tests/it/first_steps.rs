//! What a new user tripped on (issue 22): each case as they met it.

use crate::common::{TempProject, run_from};

#[test]
fn run_from_inside_a_project_it_works_on_the_project_above() {
    let project = TempProject::fixture("minimal");
    let countries = project.root.join("sources/countries");
    let (code, out, err) = run_from(&countries, &["status", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"code\": \"KAZ\""), "{out}");
    // A file named from there is the file next to the user, not one under the project's root.
    let (code, _, err) = run_from(&countries, &["preview", "kaz.en.md", "--to", "typ"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        project.root.join("output/preview/kaz.en.typ").is_file(),
        "{err}"
    );
    // Outside any project it still says what a project is.
    let outside = crate::common::temp_dir("no-project");
    let (code, _, err) = run_from(outside.path(), &["status"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a speca-docs project"), "{err}");
}

#[test]
fn a_path_not_found_under_c_says_where_it_was_looked_for() {
    let project = TempProject::fixture("minimal");
    let parent = project.root.parent().unwrap();
    let name = project.root.file_name().unwrap().to_str().unwrap();
    let typed = format!("{name}/replies/x.docx");
    let (code, _, err) = run_from(parent, &["-C", name, "import", &typed]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("a relative path is taken from the project folder")
            && err.contains(
                &std::path::Path::new(name)
                    .join(&typed)
                    .display()
                    .to_string()
            ),
        "{err}"
    );
}

#[test]
fn a_word_file_among_the_contributions_is_pointed_to_import() {
    let project = TempProject::fixture("minimal");
    project.write("sources/countries/tjk.docx", b"PK");
    let (_, _, err) = project.run(&["check"]);
    assert!(
        err.contains("speca-docs import sources/countries/tjk.docx"),
        "{err}"
    );
}

#[test]
fn languages_are_named_in_any_case() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["build", "--lang", "RU", "--to", "typ"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        project
            .root
            .join("output/brief/draft/brief.ru.typ")
            .is_file()
    );
    assert!(
        !project
            .root
            .join("output/brief/draft/brief.en.typ")
            .exists()
    );
}

#[test]
fn a_translation_without_a_date_is_not_given_its_originals() {
    let project = TempProject::fixture("minimal");
    project.edit("sources/countries/kaz.ru.md", "submitted: 2023-04-20\n", "");
    let (code, out, err) = project.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let status: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kaz = status["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "KAZ")
        .unwrap();
    let versions = kaz["versions"].as_array().unwrap();
    assert_eq!(versions[0]["submitted_on"], "2023-04-20", "{kaz}");
    assert_eq!(versions[1]["language"], "ru");
    assert!(versions[1]["submitted_on"].is_null(), "{kaz}");
}
