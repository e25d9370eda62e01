//! Files behind symbolic links that change while they are read: what is read is what was
//! checked to be inside `sources/`, and a file that cannot be resolved is never read.
//!
//! A thread keeps pointing a link at a file inside `sources/` and at a secret outside, removing
//! the link in between (so that for moments it resolves to nothing), while the file is read
//! through the link again and again: a contribution through `load::load` (which records the
//! SHA-256 of every file it read) and an image through the image loader. The secret's bytes
//! must never be read.

#![cfg(unix)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::common::TempProject;
use speca_docs::diag::{Diagnostics, Pos};
use speca_docs::load::images::ImageLoader;
use speca_docs::load::text::sha256_hex;

/// How long each race runs.
const RACE: Duration = Duration::from_secs(2);

/// A thread that points `link` at `inside` and at `outside` in turn, removing it in between,
/// until the returned flag is set.
fn flipper(link: PathBuf, inside: PathBuf, outside: PathBuf) -> (Arc<AtomicBool>, JoinHandle<()>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let handle = std::thread::spawn(move || {
        let spare = link.with_extension("flipping");
        while !flag.load(Ordering::Relaxed) {
            // Swapped at once (a new link renamed over the old), and removed and made again.
            for target in [&inside, &outside] {
                let _ = std::fs::remove_file(&spare);
                std::os::unix::fs::symlink(target, &spare).unwrap();
                std::fs::rename(&spare, &link).unwrap();
            }
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&outside, &link).unwrap();
        }
    });
    (stop, handle)
}

/// A project with only a meeting and the country input `link`, so that it loads quickly.
fn small_project() -> TempProject {
    let project = TempProject::fixture("minimal");
    for dir in ["case-studies", "countries", "documents"] {
        std::fs::remove_dir_all(project.root.join("sources").join(dir)).unwrap();
        std::fs::create_dir(project.root.join("sources").join(dir)).unwrap();
    }
    project
}

#[test]
fn a_contribution_behind_a_swapped_link_is_never_read_from_outside() {
    let project = small_project();
    let root = project.root.clone();
    let outside = tempfile::tempdir().unwrap();
    let input = |text: &str| format!("---\ntype: country-input\ncountry: UZB\n---\n{text}\n");
    project.write("sources/media/uzb-inside.md", input("Inside."));
    let secret = input("SECRET.");
    std::fs::write(outside.path().join("secret.md"), &secret).unwrap();
    let secret_sha = sha256_hex(secret.as_bytes());

    let (stop, handle) = flipper(
        root.join("sources/countries/uzb.en.md"),
        root.join("sources/media/uzb-inside.md"),
        outside.path().join("secret.md"),
    );
    let start = Instant::now();
    let (mut loads, mut reads, mut leaked) = (0, 0, None);
    while start.elapsed() < RACE && leaked.is_none() {
        let mut diags = Diagnostics::new();
        let loaded = speca_docs::load::load(&root, &mut diags).unwrap().unwrap();
        loads += 1;
        for (file, sha) in &loaded.inputs {
            if file.starts_with("sources/countries/") {
                reads += 1;
                if *sha == secret_sha {
                    leaked = Some(loads);
                }
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    handle.join().unwrap();
    assert_eq!(
        leaked, None,
        "the secret was read through the link (at load {leaked:?})"
    );
    assert!(
        loads >= 50 && reads >= 10,
        "the race hardly ran: {loads} loads, {reads} reads"
    );
}

#[test]
fn an_image_behind_a_swapped_link_is_never_read_from_outside() {
    let project = TempProject::fixture("minimal");
    let root = project.root.clone();
    let outside = tempfile::tempdir().unwrap();
    let chart = project.read("sources/media/chart.png");
    // Another valid PNG: the chart with a byte of its header's CRC changed (not checked).
    let mut secret = chart.clone();
    secret[8 + 4 + 4 + 13] ^= 0xFF;
    std::fs::write(outside.path().join("secret.png"), &secret).unwrap();

    let (stop, handle) = flipper(
        root.join("sources/media/flip.png"),
        root.join("sources/media/chart.png"),
        outside.path().join("secret.png"),
    );
    let start = Instant::now();
    let (mut tries, mut reads, mut leaked) = (0, 0, None);
    while start.elapsed() < RACE && leaked.is_none() {
        // A new loader each time: a loader reads each file once.
        let mut images = ImageLoader::new(&root);
        let mut diags = Diagnostics::new();
        tries += 1;
        let file = "sources/countries/uzb.en.md";
        if let Some(image) = images.resolve("flip.png", "", file, Pos::new(1, 1), &mut diags) {
            reads += 1;
            if *image.data == *secret {
                leaked = Some(tries);
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    handle.join().unwrap();
    assert_eq!(
        leaked, None,
        "the secret was read through the link (at try {leaked:?})"
    );
    assert!(
        tries >= 1000 && reads >= 100,
        "the race hardly ran: {tries} tries, {reads} reads"
    );
}
