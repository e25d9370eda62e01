//! What a user who never compiles gets (issue 22): the version and the commit it was built
//! from, shell completions that bash takes, and a manual page that man renders.

use std::process::Command;

use crate::common::{self, TempProject, readers};

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_speca-docs")
}

#[test]
fn the_version_names_the_commit_and_the_manifest_records_it() {
    let output = Command::new(binary()).arg("--version").output().unwrap();
    let version = String::from_utf8(output.stdout).unwrap();
    let commit = version
        .trim()
        .strip_prefix(concat!(
            "speca-docs ",
            env!("CARGO_PKG_VERSION"),
            " (commit "
        ))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{version}"));
    assert!(
        !commit.is_empty()
            && commit
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
    );
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--to", "typ"]);
    assert_eq!(code, 0, "{stderr}");
    let manifest = String::from_utf8(project.read("output/brief/draft/manifest.json")).unwrap();
    assert!(
        manifest.contains(&format!("\"commit\": \"{commit}\"")),
        "{manifest}"
    );
}

#[test]
fn bash_sources_the_completions_and_completes_the_commands_and_the_projects_values() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = Command::new(binary())
            .args(["completions", shell])
            .output()
            .unwrap();
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(
            output.status.success() && script.contains("SPECA_DOCS_COMPLETE"),
            "{shell}: {script}"
        );
    }
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["build", "--to", "docx", "--version", "1.0"]);
    assert_eq!(code, 0, "{err}");
    let script = project.root.join("speca-docs.bash");
    let output = Command::new(binary())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    std::fs::write(&script, output.stdout).unwrap();
    // The script asks speca-docs on PATH, as an installed one is.
    let bin_dir = std::path::Path::new(binary()).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let complete = |cwd: &std::path::Path, line: &str| -> String {
        let words: Vec<&str> = line.split(' ').collect();
        let probe = format!(
            "set -e; source '{}'; complete -p speca-docs >/dev/null; \
             COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT={}; \
             _clap_complete_speca_docs speca-docs '{}' '{}'; echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.join(" "),
            words.len() - 1,
            line.len(),
            words.last().unwrap(),
            words[words.len() - 2],
        );
        let output = Command::new("bash")
            .args(["-c", &probe])
            .current_dir(cwd)
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut words: Vec<String> = String::from_utf8(output.stdout)
            .unwrap()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        words.sort();
        words.join(" ")
    };
    let root = &project.root;
    assert_eq!(complete(root, "speca-docs tr"), "translate");
    assert_eq!(complete(root, "speca-docs translate ex"), "export");
    assert!(complete(root, "speca-docs build --t").contains("--to"));
    // What only the project knows: its documents, countries, languages and built versions,
    // also from a folder inside it.
    let offered = |cwd: &std::path::Path, line: &str, value: &str| {
        let words = complete(cwd, line);
        assert!(words.split(' ').any(|w| w == value), "{line}: {words}");
    };
    offered(root, "speca-docs build ", "brief");
    let countries = root.join("sources/countries");
    assert_eq!(complete(&countries, "speca-docs build b"), "brief");
    assert_eq!(complete(root, "speca-docs form K"), "KAZ KGZ");
    // Codes and names in any case, as the commands take them.
    assert_eq!(complete(root, "speca-docs form kaz"), "KAZ");
    assert_eq!(complete(root, "speca-docs form Кыр"), "KGZ");
    // The project -C names, from anywhere.
    let elsewhere = common::temp_dir("elsewhere");
    let dir = root.to_str().unwrap();
    assert_eq!(
        complete(elsewhere.path(), &format!("speca-docs -C {dir} build b")),
        "brief"
    );
    assert_eq!(complete(root, "speca-docs new case-study U"), "UZB");
    assert_eq!(complete(root, "speca-docs build --lang "), "en ru");
    offered(root, "speca-docs diff ", "1.0");
    offered(root, "speca-docs diff 1.0 ", "1.0");
    assert_eq!(complete(root, "speca-docs diff dr"), "");
    // Outside any project there is nothing to offer, and nothing fails.
    let outside = common::temp_dir("no-project");
    assert!(!complete(outside.path(), "speca-docs build ").contains("brief"));
    assert_eq!(complete(outside.path(), "speca-docs form K"), "");
}

#[test]
fn man_renders_the_manual_page() {
    let output = Command::new(binary()).arg("man").output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.contains(".TH speca-docs 1") && page.contains("translate"),
        "{page}"
    );
    if !readers::tool("man") {
        return;
    }
    let file = common::temp_dir("man").keep().join("speca-docs.1");
    std::fs::write(&file, &page).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert!(
        text.contains("speca-docs - Consolidates SPECA")
            || text.contains("speca-docs — Consolidates")
            || text.contains("Consolidates SPECA"),
        "{text}"
    );
    assert!(text.contains("translate"), "{text}");
}
