//! `watch`: every change under sources/ is rebuilt, even an edit that keeps the file's size and
//! modification time; a broken change is reported and keeps the last good output.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::TempProject;

/// How long a change may take to show: generous for slow machines, short of a hang.
const BOUND: Duration = Duration::from_secs(60);

#[track_caller]
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < BOUND, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replaces `from` by `to` (of the same length) in the file, and gives it back its modification
/// time: an edit that a watcher comparing sizes and modification times cannot see, as when an
/// editor saves twice within one tick of the file system's clock.
fn edit_keeping_size_and_time(path: &Path, edits: &[(&str, &str)]) {
    let before = std::fs::metadata(path).unwrap();
    let mut text = std::fs::read_to_string(path).unwrap();
    for (from, to) in edits {
        assert_eq!(from.len(), to.len(), "{from:?} and {to:?} differ in length");
        assert!(text.contains(from), "{} lacks {from:?}", path.display());
        text = text.replacen(from, to, 1);
    }
    std::fs::write(path, &text).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(before.modified().unwrap()).unwrap();
    drop(file);
    let after = std::fs::metadata(path).unwrap();
    assert_eq!(
        (after.len(), after.modified().unwrap()),
        (before.len(), before.modified().unwrap())
    );
}

/// A `watch` process, ended when dropped (a test that fails must not leave it running), with
/// its stderr collected as it comes.
struct Watch {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Watch {
    fn start(project: &TempProject, polling: bool) -> Watch {
        let mut command = Command::new(env!("CARGO_BIN_EXE_speca-docs"));
        command
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
            .stderr(Stdio::piped());
        if polling {
            command.env("SPECA_WATCH_POLL", "1");
        } else {
            command.env_remove("SPECA_WATCH_POLL");
        }
        let mut child = command.spawn().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
                collected.lock().unwrap().push_str(&text);
            }
        });
        Watch { child, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Three builds: the first; a broken edit, reported, the output kept; the mended edit with new
/// text, rebuilt. Both edits keep the file's size and modification time.
fn rebuilds_every_change(polling: bool) {
    let project = TempProject::fixture("minimal");
    let input = project.root.join("sources/countries/kaz.en.md");
    let typ = project.root.join("output/brief/draft/brief.en.typ");
    let read = || std::fs::read_to_string(&typ).unwrap_or_default();
    let mut watch = Watch::start(&project, polling);
    wait_for("the first build", || {
        read().contains("KAZ-EN-PARAGRAPH-ONE")
    });
    if polling {
        assert!(
            watch.stderr().contains("looking for changes every 0.2 s"),
            "{}",
            watch.stderr()
        );
    }

    edit_keeping_size_and_time(&input, &[("country: KAZ", "country: KZX")]);
    wait_for("the broken edit to be reported", || {
        watch
            .stderr()
            .contains("not rebuilt: the last good outputs stay")
    });
    assert!(
        watch.stderr().contains("unknown country code \"KZX\""),
        "{}",
        watch.stderr()
    );
    assert!(read().contains("KAZ-EN-PARAGRAPH-ONE"));

    edit_keeping_size_and_time(
        &input,
        &[
            ("country: KZX", "country: KAZ"),
            ("KAZ-EN-PARAGRAPH-ONE", "KAZ-EN-PARAGRAPH-TWO"),
        ],
    );
    wait_for("the new text", || read().contains("KAZ-EN-PARAGRAPH-TWO"));
    let start = Instant::now();
    while watch.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < BOUND, "watch did not stop after 3 builds");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(watch.child.wait().unwrap().success(), "{}", watch.stderr());
    assert!(
        project
            .root
            .join("output/brief/draft/brief.en.pdf")
            .is_file()
    );
}

#[test]
fn rebuilds_on_edits_that_keep_size_and_time_and_keeps_the_last_good_output() {
    rebuilds_every_change(false);
}

#[test]
fn the_polling_fallback_sees_the_same_edits() {
    rebuilds_every_change(true);
}
