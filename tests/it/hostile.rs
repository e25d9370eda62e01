//! Broken and hostile contributions through the binary: a clear error at a place, exit 1,
//! never a crash, a hang, a read outside the project or a lost output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common;
use crate::common::TempProject;

const FILE: &str = "sources/countries/uzb.en.md";

/// Writes a country input for UZB with `body` (and optional extra front matter), runs `check`
/// and returns exit code and stderr. Also makes sure the run ends in bounded time.
fn check_with(project: &TempProject, front: &str, body: &str) -> (i32, String) {
    project.write(
        FILE,
        format!("---\ntype: country-input\ncountry: UZB\n{front}---\n{body}"),
    );
    let start = Instant::now();
    let (code, _, stderr) = project.run(&["check"]);
    // A generous bound for slow machines; the point is "no hang", not a benchmark.
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "check took {:?}",
        start.elapsed()
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

#[track_caller]
fn assert_error_at(stderr: &str, file: &str, line: u32, gist: &str) {
    let prefix = format!("{file}:{line}:");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(": error: ") && l.contains(gist)),
        "no error at {prefix} containing {gist:?} in:\n{stderr}"
    );
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let project = TempProject::fixture("minimal");
    let mut big = b"---\ntype: country-input\ncountry: UZB\n---\n".to_vec();
    big.resize(50 * 1024 * 1024, b'a');
    project.write(FILE, big);
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert_error_at(&stderr, FILE, 1, "source files may be at most 4 MiB");
}

#[test]
fn a_line_of_one_megabyte_is_refused() {
    let project = TempProject::fixture("minimal");
    let (code, stderr) = check_with(
        &project,
        "",
        &format!("Intro\n\n{}\n", "word ".repeat(200_000)),
    );
    assert_eq!(code, 1);
    assert_error_at(&stderr, FILE, 7, "longer than 256 KiB");
}

#[test]
fn a_table_of_ten_thousand_rows_is_refused_at_its_limit() {
    let project = TempProject::fixture("minimal");
    let mut table = String::from("| A | B |\n|---|---|\n");
    for i in 0..10_000 {
        table.push_str(&format!("| {i} | x |\n"));
    }
    let (code, stderr) = check_with(&project, "", &table);
    assert_eq!(code, 1);
    // The row after the 5,000th: line 5 (front matter) + 2 header lines + 5,000 rows.
    assert_error_at(&stderr, FILE, 5 + 2 + 5_000, "more than 5000 rows");
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_hit_the_budget() {
    let project = TempProject::fixture("minimal");
    let mut bomb = String::from(
        "themes: &a0 [skills, skills, skills, skills, skills, skills, skills, skills]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (code, stderr) = check_with(&project, &bomb, "Text.\n");
    assert_eq!(code, 1);
    assert!(
        stderr.contains(FILE) && stderr.contains("too large or too deeply nested"),
        "{stderr}"
    );

    let deep = format!("title: {}x{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let (code, stderr) = check_with(&project, &deep, "Text.\n");
    assert_eq!(code, 1);
    assert!(stderr.contains(&format!("{FILE}:4:")), "{stderr}");
}

#[test]
fn deeply_nested_markdown_is_cut_with_an_error() {
    let project = TempProject::fixture("minimal");
    let (code, stderr) = check_with(&project, "", &format!("{}deep\n", "> ".repeat(20_000)));
    assert_eq!(code, 1);
    assert_error_at(&stderr, FILE, 5, "nested more than 48 levels deep");
    let (code, stderr) = check_with(
        &project,
        "",
        &format!("{}deep{}\n", "*a ".repeat(5_000), " a*".repeat(5_000)),
    );
    assert!(code == 0 || stderr.contains("nested"), "{stderr}");
}

#[test]
fn images_too_large_are_refused() {
    let project = TempProject::fixture("minimal");
    let mut png = std::fs::read(project.root.join("sources/media/chart.png")).unwrap();
    png.resize(21 * 1024 * 1024, 0);
    project.write("sources/media/huge.png", png);
    let (code, stderr) = check_with(&project, "", "![huge](huge.png)\n");
    assert_eq!(code, 1);
    assert_error_at(&stderr, FILE, 5, "images may be at most 20 MiB");
}

#[test]
fn wrong_types_and_impossible_dates_through_the_binary() {
    let project = TempProject::fixture("minimal");
    let (code, stderr) = check_with(
        &project,
        "submitted: 2022-13-45\nindicators:\n  users: {value: many}\n",
        "Text.\n",
    );
    assert_eq!(code, 1);
    assert_error_at(&stderr, FILE, 4, "is not a date that exists");
    assert_error_at(&stderr, FILE, 6, "must be a number, not \"many\"");
}

#[test]
fn every_problem_in_every_file_is_reported_sorted() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/countries/kaz.en.md",
        "country: KAZ",
        "country: KZX",
    );
    project.edit(
        "sources/case-studies/kaz-alpha.en.md",
        "themes: [skills]",
        "themes: [nope]",
    );
    project.write("sources/case-studies/zzz.en.md", "no front matter\n");
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    let mut sorted = errors.clone();
    sorted.sort();
    assert_eq!(errors, sorted, "problems are sorted by file");
    assert!(stderr.contains("3 errors"), "{stderr}");
}

#[test]
fn more_problems_than_the_cap_are_counted() {
    let project = TempProject::fixture("minimal");
    // 210 errors and the fixture's warnings (a word limit, four missing translations): every
    // error is shown, and the cut drops only warnings.
    for i in 0..210 {
        project.write(
            &format!("sources/case-studies/bad-{i:03}.en.md"),
            "no front matter\n",
        );
    }
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("… and 5 more warnings"),
        "{}",
        &stderr[stderr.len().saturating_sub(300)..]
    );
    assert_eq!(stderr.matches(": error: ").count(), 210);
    assert!(!stderr.contains(": warning: "));
    let (_, stdout, _) = project.run(&["check", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(all.iter().filter(|d| d["severity"] == "error").count(), 210);
}

#[cfg(unix)]
#[test]
fn contributions_behind_links_that_leave_sources_are_refused() {
    let project = TempProject::fixture("minimal");
    let outside = common::temp_dir("outside-md");
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntype: country-input\ncountry: UZB\n---\nSECRET\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), project.root.join(FILE)).unwrap();
    let (code, _, stderr) = project.run(&["build", "--to", "typ", "--lang", "en"]);
    assert_eq!(code, 1, "{stderr}");
    assert_error_at(&stderr, FILE, 1, "leads outside sources/");
}

/// The sample's documents, whose outputs the Ctrl-C test follows.
const SAMPLE_DOCUMENTS: [&str; 2] = ["gc-2022-innovation", "ef-2022-digital"];

/// Every file below `folder` with its bytes, by its path inside `folder`.
fn files_below(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            } else {
                let relative = entry.path().strip_prefix(folder).unwrap().to_path_buf();
                files.insert(relative, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    files
}

/// The sample's outputs as `build` writes them, by document.
fn sample_outputs(project: &TempProject) -> BTreeMap<&'static str, BTreeMap<PathBuf, Vec<u8>>> {
    SAMPLE_DOCUMENTS
        .into_iter()
        .map(|doc| (doc, files_below(&project.root.join("output").join(doc))))
        .collect()
}

/// Changes text that every output of the sample holds: both languages of a country input.
fn change_the_sample(project: &TempProject) {
    project.edit(
        "sources/countries/kaz.en.md",
        "activities of the SPECA network",
        "activities of the SPECA network (text changed)",
    );
    project.edit(
        "sources/countries/kaz.ru.md",
        "СПЕКА. {#kaz-fibre}\n\n[^kaz-hub]:",
        "СПЕКА (текст изменён). {#kaz-fibre}\n\n[^kaz-hub]:",
    );
}

/// The entry of a publication in flight (a temporary file or an earlier file moved aside):
/// hidden, beside the outputs.
fn in_flight(folder: &Path) -> Option<PathBuf> {
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
}

/// A build interrupted by Ctrl-C (SIGINT) while it publishes a document: the build says it was
/// interrupted and exits with 130, no temporary file or backup is left, and the document being
/// published has every earlier file back, byte for byte. Every other document holds either its
/// earlier files or the complete new ones.
///
/// The signal is sent the moment a publication is seen in flight (a hidden entry in a version
/// folder). The publication may still finish before the signal arrives; then the attempt
/// proves nothing and is made again, on a fresh copy, a bounded number of times.
#[cfg(unix)]
#[test]
fn ctrl_c_during_a_build_leaves_no_half_written_file() {
    const ATTEMPTS: usize = 10;
    // What the changed sources give, built without interruption: builds are reproducible.
    let reference = TempProject::fixture("sample");
    change_the_sample(&reference);
    let (code, _, stderr) = reference.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let changed = sample_outputs(&reference);

    for attempt in 1..=ATTEMPTS {
        let project = TempProject::fixture("sample");
        let (code, _, stderr) = project.run(&["build"]);
        assert_eq!(code, 0, "{stderr}");
        let earlier = sample_outputs(&project);
        for doc in SAMPLE_DOCUMENTS {
            assert_ne!(
                earlier[doc], changed[doc],
                "the change changes {doc}'s outputs"
            );
        }
        change_the_sample(&project);

        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_speca-docs"))
            .arg("-C")
            .arg(&project.root)
            .arg("build")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let folders =
            SAMPLE_DOCUMENTS.map(|doc| (doc, project.root.join("output").join(doc).join("draft")));
        let start = Instant::now();
        let mut interrupted_doc = None;
        while child.try_wait().unwrap().is_none() {
            if let Some((doc, entry)) = folders
                .iter()
                .find_map(|(doc, folder)| Some((*doc, in_flight(folder)?)))
            {
                // SAFETY: kill(2) with a process id of ours and a signal number.
                let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
                assert_eq!(sent, 0, "kill failed");
                eprintln!(
                    "attempt {attempt}: interrupted on seeing {}",
                    entry.display()
                );
                interrupted_doc = Some(doc);
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the build hangs"
            );
            std::thread::sleep(Duration::from_micros(200));
        }
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let Some(interrupted_doc) = interrupted_doc else {
            eprintln!("attempt {attempt}: no publication was seen in flight");
            continue;
        };
        match output.status.code() {
            // The build was done before the signal came.
            Some(0) => {
                eprintln!("attempt {attempt}: the build finished first");
                continue;
            }
            Some(130) => {}
            other => panic!("exit {other:?} after Ctrl-C:\n{stderr}"),
        }
        assert!(stderr.contains("interrupted"), "{stderr}");

        let after = sample_outputs(&project);
        for doc in SAMPLE_DOCUMENTS {
            for name in after[doc].keys() {
                let hidden = name
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                assert!(!hidden, "left behind: output/{doc}/{}", name.display());
            }
            assert!(
                after[doc] == earlier[doc] || after[doc] == changed[doc],
                "output/{doc}/ holds neither its earlier files nor the new ones: {:?}",
                after[doc].keys().collect::<Vec<_>>()
            );
        }
        if after[interrupted_doc] == earlier[interrupted_doc] {
            return;
        }
        eprintln!("attempt {attempt}: {interrupted_doc} was published before the signal came");
    }
    panic!("in {ATTEMPTS} attempts, Ctrl-C never interrupted a publication in flight");
}
