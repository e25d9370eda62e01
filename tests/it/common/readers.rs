//! Whether the real readers that some tests use (poppler, qpdf, LibreOffice, python-docx,
//! pandoc) are installed, and what a test does when one is missing: with
//! `SPECA_REQUIRE_READERS=1` (CI, after `.ci/run` installed them) it fails, so that no check
//! passes there by skipping; otherwise it says on stderr that the check is skipped.
//!
//! Every check that did not run is counted, and when the test binary ends it says how many
//! and for want of what, after libtest's own summary ("7 reader checks did not run: qpdf ×4,
//! pdftotext ×3 missing …"): libtest hides what a passing test prints.
//!
//! The integration tests reach it through `common`; the DOCX writer's unit tests include this
//! file by path, so it uses nothing but the standard library (and, on Unix, libc's `atexit`).
#![allow(dead_code)]

use std::process::Command;
use std::sync::Mutex;

/// The readers whose checks did not run, once per check, with the test that wanted them.
static SKIPPED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Counts a check that did not run for want of `what`; the first one arranges the summary.
fn skipped(what: &str) {
    // libtest runs each test on a thread named after it.
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let mut skipped = SKIPPED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if skipped.is_empty() {
        summary_at_exit();
    }
    skipped.push((what.to_string(), test));
}

/// Prints the summary of the checks that did not run when the process exits, after libtest
/// has printed its own.
#[cfg(unix)]
fn summary_at_exit() {
    extern "C" fn print_at_exit() {
        print_summary();
    }
    // SAFETY: registers a function without arguments that only locks a mutex and prints;
    // atexit fails only when its table is full, and then the summary is merely not printed.
    unsafe {
        libc::atexit(print_at_exit);
    }
}

#[cfg(not(unix))]
fn summary_at_exit() {}

fn print_summary() {
    let skipped = SKIPPED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut by_reader: Vec<(&str, Vec<&str>)> = Vec::new();
    for (what, test) in skipped.iter() {
        match by_reader.iter_mut().find(|(w, _)| w == what) {
            Some((_, tests)) => tests.push(test),
            None => by_reader.push((what, vec![test])),
        }
    }
    let list: Vec<String> = by_reader
        .iter()
        .map(|(what, tests)| format!("{what} ×{}", tests.len()))
        .collect();
    eprintln!(
        "{} reader checks did not run: {} missing (install them as .ci/run does; SPECA_REQUIRE_READERS=1 makes this a failure)",
        skipped.len(),
        list.join(", ")
    );
    for (what, tests) in &by_reader {
        let mut tests = tests.clone();
        tests.sort_unstable();
        tests.dedup();
        eprintln!("  without {what}: {}", tests.join(", "));
    }
}

/// Whether a missing reader is a failure.
pub fn readers_required() -> bool {
    std::env::var("SPECA_REQUIRE_READERS").is_ok_and(|v| v == "1")
}

/// `installed`, after failing when `what` is missing and required, or saying that the check
/// is skipped when it is missing.
#[track_caller]
pub fn available(what: &str, installed: bool) -> bool {
    if installed {
        return true;
    }
    assert!(
        !readers_required(),
        "not installed: {what}, which SPECA_REQUIRE_READERS=1 requires"
    );
    eprintln!("skipped: not installed: {what} (SPECA_REQUIRE_READERS=1 makes this a failure)");
    skipped(what);
    false
}

/// Whether the command-line tool `tool` is installed (see [`available`]).
#[track_caller]
pub fn tool(tool: &str) -> bool {
    // Not every tool knows `--version` (poppler's know `-v`); what matters is that it starts.
    let runs = |flag: &str| Command::new(tool).arg(flag).output().is_ok();
    available(tool, runs("--version") || runs("-v"))
}

/// Whether python-docx and pypandoc-binary (with its pandoc) are importable by the `python3` on
/// `PATH`, the one `tests/docx_readers.sh` runs (see [`available`]).
#[track_caller]
pub fn python_docx_and_pandoc() -> bool {
    let importable = Command::new("python3")
        .args(["-c", "import docx, pypandoc; pypandoc.get_pandoc_version()"])
        .output()
        .is_ok_and(|o| o.status.success());
    available("python-docx and pypandoc-binary (for python3)", importable)
}

/// Whether the PDF/A and PDF/UA validator `page` (PyPI page-validation) is importable by the
/// `python3` on `PATH` (see [`available`]).
#[track_caller]
pub fn pdf_validator() -> bool {
    let importable = Command::new("python3")
        .args(["-c", "import page; page.validate_pdf_bytes"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        "page-validation (the PyPI PDF/A and PDF/UA validator, for python3)",
        importable,
    )
}

/// Whether everything `tests/docx_readers.sh` runs is installed: python-docx, pandoc and
/// LibreOffice (see [`available`]).
#[track_caller]
pub fn docx_readers() -> bool {
    python_docx_and_pandoc() && tool("soffice")
}

/// Whether openpyxl (PyPI), a reader of Excel workbooks, is importable by the `python3` on
/// `PATH` (see [`available`]).
#[track_caller]
pub fn openpyxl() -> bool {
    let importable = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        "openpyxl (PyPI, a reader of .xlsx, for python3)",
        importable,
    )
}

/// Whether lxml and translate-toolkit (PyPI) are importable by the `python3` on `PATH`, which
/// `tests/xliff_readers.py` runs (see [`available`]).
#[track_caller]
pub fn xliff_readers() -> bool {
    let importable = Command::new("python3")
        .args([
            "-c",
            "import lxml.etree; from translate.storage import xliff2",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    available(
        "lxml and translate-toolkit (PyPI, an XLIFF 2 schema check and reader, for python3)",
        importable,
    )
}

/// Whether Chromium and its chromedriver are installed where the status page tests run them
/// (Debian `chromium`, `chromium-driver`; see [`available`]).
#[track_caller]
pub fn chromium() -> bool {
    let runs = |path: &str| {
        Command::new(path)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    available(
        "chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
        runs("/usr/bin/chromium") && runs("/usr/bin/chromedriver"),
    )
}

/// Whether Selenium (PyPI `selenium`) is importable by the `python3` on `PATH`, and axe-core is
/// installed in `tests/browser/` (`npm ci` there; see [`available`]).
#[track_caller]
pub fn selenium_and_axe(axe: &std::path::Path) -> bool {
    let importable = Command::new("python3")
        .args(["-c", "import selenium"])
        .output()
        .is_ok_and(|o| o.status.success());
    available("selenium (PyPI, for python3)", importable)
        && available("axe-core (run `npm ci` in tests/browser/)", axe.is_file())
}
