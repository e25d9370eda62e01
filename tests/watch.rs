//! `watch`: a change under sources/ is rebuilt; a broken change keeps the last good output.

mod common;

use std::time::{Duration, Instant};

use common::TempProject;

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn rebuilds_on_change_and_keeps_the_last_good_output_on_errors() {
    let project = TempProject::fixture("minimal");
    let typ = project.root.join("output/brief/draft/brief.en.typ");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_speca-docs"))
        .arg("-C")
        .arg(&project.root)
        .args([
            "watch",
            "brief",
            "--lang",
            "en",
            "--to",
            "typ,pdf",
            "--max-builds",
            "3",
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let read = || std::fs::read_to_string(&typ).unwrap_or_default();
    wait_for("the first build", || {
        read().contains("KAZ-EN-PARAGRAPH-ONE")
    });

    // A broken change: reported, and the output stays as it was.
    std::thread::sleep(Duration::from_millis(300));
    project.edit(
        "sources/countries/kaz.en.md",
        "country: KAZ",
        "country: KZX",
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert!(read().contains("KAZ-EN-PARAGRAPH-ONE"));

    // Mended with new text: rebuilt.
    project.edit(
        "sources/countries/kaz.en.md",
        "country: KZX",
        "country: KAZ",
    );
    project.edit(
        "sources/countries/kaz.en.md",
        "KAZ-EN-PARAGRAPH-ONE",
        "KAZ-EN-WATCHED",
    );
    wait_for("the rebuild", || read().contains("KAZ-EN-WATCHED"));
    let status = child.wait().unwrap();
    assert!(status.success());
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains("unknown country code \"KZX\"") && stderr.contains("not rebuilt"),
        "{stderr}"
    );
    assert!(
        project
            .root
            .join("output/brief/draft/brief.en.pdf")
            .is_file()
    );
}
