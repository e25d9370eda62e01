//! Versioned, reproducible builds, manifests, the nothing-lost guarantee, the submission
//! tracker and the machine-readable diagnostics.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common;
use crate::common::TempProject;
use speca_docs::publish::manifest::{Manifest, sha256_hex};

/// Every file of a folder with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn two_builds_in_two_folders_are_byte_identical() {
    let first = TempProject::fixture("minimal");
    let second = TempProject::fixture("minimal");
    let (code, _, stderr) = first.run(&["build", "--to", "pdf,docx", "--version", "v1"]);
    assert_eq!(code, 0, "{stderr}");
    // Another folder, another time zone, another clock reading.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_speca-docs"))
        .arg("-C")
        .arg(&second.root)
        .args(["build", "--to", "pdf,docx", "--version", "v1"])
        .env("TZ", "Asia/Almaty")
        .output()
        .unwrap();
    assert!(output.status.success());
    let a = files(&first.root.join("output/brief/v1"));
    let b = files(&second.root.join("output/brief/v1"));
    let names: Vec<&String> = a.keys().collect();
    assert_eq!(
        names,
        [
            "brief.en.docx",
            "brief.en.model.json",
            "brief.en.pdf",
            "brief.ru.docx",
            "brief.ru.model.json",
            "brief.ru.pdf",
            "manifest.json"
        ]
    );
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between the two builds");
    }
    let manifest = String::from_utf8(a["manifest.json"].clone()).unwrap();
    assert!(
        !manifest.contains(&*first.root.to_string_lossy()),
        "an absolute path entered the manifest"
    );
}

#[test]
fn the_manifest_describes_inputs_and_outputs() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--version", "2023-06-01"]);
    assert_eq!(code, 0, "{stderr}");
    let folder = project.root.join("output/brief/2023-06-01");
    let manifest =
        Manifest::from_json(&std::fs::read_to_string(folder.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest.document, "brief");
    assert_eq!(manifest.version, "2023-06-01");
    assert_eq!(manifest.symbol.as_deref(), Some("ECE/TEST/2023/1/Rev.1"));
    assert_eq!(manifest.languages, ["en", "ru"]);
    assert_eq!(manifest.build_date, "2023-06-01");
    assert!(manifest.tool.starts_with("speca-docs "));
    assert!(!manifest.is_final);
    for output in &manifest.outputs {
        let bytes = std::fs::read(folder.join(&output.path)).unwrap();
        assert_eq!(output.sha256, sha256_hex(&bytes), "{}", output.path);
        assert_eq!(output.size, bytes.len() as u64);
        assert_eq!(output.pages.is_some(), output.path.ends_with(".pdf"));
    }
    // PDF, DOCX and the snapshot of each language.
    assert_eq!(manifest.outputs.len(), 6);
    for input in &manifest.inputs {
        if let Some(path) = input.path.strip_prefix("builtin:") {
            assert!(path.starts_with("templates/un-document/"), "{path}");
            continue;
        }
        assert_eq!(
            input.sha256,
            sha256_hex(&project.read(&input.path)),
            "{}",
            input.path
        );
    }
    let paths: Vec<&str> = manifest.inputs.iter().map(|i| i.path.as_str()).collect();
    for expected in [
        "sources/meeting.yaml",
        "sources/documents/brief.yaml",
        "sources/countries/kaz.ru.md",
        "sources/media/chart.png",
        "builtin:templates/un-document/labels.yaml",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
}

#[test]
fn a_build_that_fails_half_way_leaves_the_previous_outputs_untouched() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--version", "v1"]);
    assert_eq!(code, 0, "{stderr}");
    let folder = project.root.join("output/brief/v1");
    let before = files(&folder);

    // A project template whose Typst breaks only when the Russian text is laid out: the English
    // outputs are made in memory, then the Russian one fails.
    let layout =
        std::fs::read_to_string(common::repo().join("templates/un-document/un-document.typ"))
            .unwrap();
    project.write(
        "templates/un-document/un-document.typ",
        layout.replace("  un-masthead(front, labels, lang)", "  if lang == \"ru\" { panic(\"broken template\") }\n  un-masthead(front, labels, lang)"),
    );
    project.edit(
        "sources/countries/kaz.en.md",
        "KAZ-EN-PARAGRAPH-ONE",
        "KAZ-EN-CHANGED",
    );
    let (code, _, stderr) = project.run(&["build", "--version", "v1"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("broken template"), "{stderr}");
    assert_eq!(
        files(&folder),
        before,
        "the version folder changed after a failed build"
    );
}

#[test]
fn a_different_final_build_is_not_overwritten_without_force() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--final", "--version", "1.0"]);
    assert_eq!(code, 0, "{stderr}");
    // The same sources again: the same bytes, so nothing is lost by writing them.
    let (code, _, stderr) = project.run(&["build", "--final", "--version", "1.0"]);
    assert_eq!(code, 0, "{stderr}");
    let before = files(&project.root.join("output/brief/1.0"));
    project.edit(
        "sources/countries/kaz.en.md",
        "KAZ-EN-PARAGRAPH-ONE",
        "KAZ-EN-CHANGED",
    );
    let (code, _, stderr) = project.run(&["build", "--final", "--version", "1.0"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("holds a different final build"), "{stderr}");
    assert_eq!(files(&project.root.join("output/brief/1.0")), before);
    let (code, _, stderr) = project.run(&["build", "--final", "--version", "1.0", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(files(&project.root.join("output/brief/1.0")), before);
}

#[test]
fn the_version_comes_from_the_environment_too() {
    let project = TempProject::fixture("minimal");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_speca-docs"))
        .arg("-C")
        .arg(&project.root)
        .args(["build", "--to", "typ", "--lang", "en"])
        .env("SPECA_DOCS_VERSION", "ci-1234")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let typ = String::from_utf8(project.read("output/brief/ci-1234/brief.en.typ")).unwrap();
    assert!(
        typ.contains("version: \"ci-1234\""),
        "drafts carry their version"
    );
    let (code, _, stderr) = project.run(&["build", "--version", "../escape"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn status_reports_missing_late_and_over_limit_countries() {
    let project = TempProject::fixture("minimal");
    let (code, stdout, stderr) = project.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let status: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let countries = status["countries"].as_array().unwrap();
    let by_code = |code: &str| {
        countries
            .iter()
            .find(|c| c["code"] == code)
            .unwrap()
            .clone()
    };
    let kaz = by_code("KAZ");
    assert_eq!(kaz["submitted"], true);
    assert_eq!(kaz["late"], false);
    assert_eq!(kaz["languages"], serde_json::json!(["en", "ru"]));
    assert_eq!(kaz["words"], 5);
    let kgz = by_code("KGZ");
    assert_eq!(
        (kgz["submitted"].clone(), kgz["late"].clone()),
        (true.into(), true.into())
    );
    assert_eq!(kgz["words"], 63);
    assert_eq!(kgz["over_limit"], true);
    let uzb = by_code("UZB");
    assert_eq!(
        (
            uzb["submitted"].clone(),
            uzb["late"].clone(),
            uzb["words"].clone()
        ),
        (false.into(), false.into(), 0.into())
    );
    assert_eq!(uzb["languages"], serde_json::json!([]));
    // Alphabetical by name.
    let names: Vec<&str> = countries
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Kazakhstan", "Kyrgyzstan", "Uzbekistan"]);
    assert_eq!(status["case_studies"].as_array().unwrap().len(), 3);
    let missing = status["missing_translations"].as_array().unwrap();
    assert!(
        missing
            .iter()
            .any(|m| m["file"] == "sources/countries/kgz.en.md"
                && m["missing"] == serde_json::json!(["ru"]))
    );
    let problems = status["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["file"] == "sources/countries/kgz.en.md" && p["warnings"] == 1)
    );

    let (_, human, _) = project.run(&["status"]);
    assert!(human.lines().all(|l| l.chars().count() <= 100), "{human}");
    assert!(
        human.contains("MISSING") && human.contains("LATE") && human.contains("63/60 OVER"),
        "{human}"
    );
}

#[test]
fn every_diagnostics_format_parses_back() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/countries/kaz.en.md",
        "country: KAZ",
        "country: KZX",
    );

    let (code, stdout, _) = project.run(&["check", "--format", "json"]);
    assert_eq!(code, 1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    let error = items.iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!(error["file"], "sources/countries/kaz.en.md");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(3), Some(10))
    );
    assert!(error["message"].as_str().unwrap().contains("KZX"));
    assert!(error["hint"].as_str().is_some());
    assert!(items.iter().any(|d| d["severity"] == "warning"));

    let (code, stdout, _) = project.run(&["check", "--format", "github"]);
    assert_eq!(code, 1);
    let line = stdout.lines().find(|l| l.starts_with("::error ")).unwrap();
    let (props, message) = line["::error ".len()..].split_once("::").unwrap();
    let props: BTreeMap<&str, &str> = props
        .split(',')
        .map(|p| p.split_once('=').unwrap())
        .collect();
    assert_eq!(props["file"], "sources/countries/kaz.en.md");
    assert_eq!((props["line"], props["col"]), ("3", "10"));
    assert!(
        message.contains("KZX") && message.contains("%0Ahint: "),
        "{message}"
    );

    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1);
    let first = stderr.lines().find(|l| l.contains(": error: ")).unwrap();
    let mut parts = first.splitn(4, ':');
    assert_eq!(parts.next(), Some("sources/countries/kaz.en.md"));
    assert_eq!(parts.next(), Some("3"));
    assert_eq!(parts.next(), Some("10"));

    let (code, _, _) = project.run(&["build", "--format", "json"]);
    assert_eq!(code, 1, "a broken contribution fails the build too");
}

#[test]
fn deny_warnings_fails_on_warnings_only_when_asked() {
    let project = TempProject::fixture("minimal");
    assert_eq!(project.run(&["check"]).0, 0);
    assert_eq!(project.run(&["check", "--deny-warnings"]).0, 1);
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "brif"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("no document \"brif\"") && stderr.contains("did you mean \"brief\"?"),
        "{stderr}"
    );
    let (code, _, stderr) = project.run(&["build", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("\"fr\" is not a language of the meeting"),
        "{stderr}"
    );
    assert_eq!(project.run(&["build", "--to", "odt"]).0, 2);
    assert_eq!(project.run(&["frobnicate"]).0, 2);
    let empty = common::temp_dir("empty");
    let (code, _, stderr) = common::run_in(empty.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("has no sources/meeting.yaml"), "{stderr}");
}
