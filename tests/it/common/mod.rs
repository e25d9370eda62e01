//! Helpers shared by the integration tests: fixture projects copied to temporary folders, the
//! library's checks and the binary's runs.
#![allow(dead_code)]

pub mod ooxml;
pub mod readers;
pub mod word;

use std::path::{Path, PathBuf};
use std::process::Command;

use speca_docs::diag::{Diagnostic, Diagnostics};

/// The headings of the fixture's English document as `level:text`, in the order the contract
/// gives: the introduction, country inputs by name, case studies under their first theme (in
/// meeting.yaml order), by country name, then title. The model, the PDF and the DOCX all hold it.
pub const FIXTURE_EN_HEADINGS: [&str; 12] = [
    "1:Introduction",
    "1:Country inputs",
    "2:Kazakhstan",
    "3:Priorities",
    "2:Kyrgyzstan",
    "3:Priorities",
    "1:Case studies",
    "2:Skills",
    "3:Alpha hub",
    "2:Incubators",
    "3:Beta accelerator",
    "3:Zeta park",
];

/// A project in a temporary folder, removed when dropped.
pub struct TempProject {
    pub root: PathBuf,
    /// Owns the folder: removes it when the project is dropped.
    _folder: tempfile::TempDir,
}

/// The repository's folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A new temporary folder of a unique name, removed when dropped.
pub fn temp_dir(tag: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("speca-test-{tag}-"))
        .tempdir()
        .expect("a temporary folder")
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_name() == "output" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl TempProject {
    /// A copy of `tests/fixtures/<name>` (or of the repository's sample project with
    /// `"sample"`).
    pub fn fixture(name: &str) -> TempProject {
        let folder = temp_dir(name);
        let root = folder.path().to_path_buf();
        if name == "sample" {
            copy_tree(&repo().join("sources"), &root.join("sources"));
            std::fs::copy(
                repo().join("translations.lock"),
                root.join("translations.lock"),
            )
            .unwrap();
        } else {
            copy_tree(&repo().join("tests/fixtures").join(name), &root);
        }
        TempProject {
            root,
            _folder: folder,
        }
    }

    /// Writes (or replaces) a file of the project.
    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) -> &Self {
        let full = self.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, content).unwrap();
        self
    }

    /// Replaces `from` by `to` in a file of the project; the text must be there.
    pub fn edit(&self, path: &str, from: &str, to: &str) -> &Self {
        let full = self.root.join(path);
        let text = std::fs::read_to_string(&full).unwrap();
        assert!(text.contains(from), "{path} does not contain {from:?}");
        std::fs::write(full, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn remove(&self, path: &str) -> &Self {
        std::fs::remove_file(self.root.join(path)).unwrap();
        self
    }

    pub fn read(&self, path: &str) -> Vec<u8> {
        std::fs::read(self.root.join(path)).unwrap()
    }

    /// Loads the project through the library and returns its problems, sorted.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        speca_docs::load::load(&self.root, &mut diags).expect("a project");
        diags.sorted()
    }

    /// Only the errors.
    pub fn errors(&self) -> Vec<Diagnostic> {
        self.diagnostics()
            .into_iter()
            .filter(|d| d.severity == speca_docs::diag::Severity::Error)
            .collect()
    }

    /// Runs the binary in the project with `args`; returns exit code, stdout and stderr.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        run_in(&self.root, args)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let dir = dir.to_str().expect("a UTF-8 temporary path");
    run_from(Path::new("."), &[&["-C", dir][..], args].concat())
}

/// Runs the binary in the folder `cwd` with `args` and no `-C`, as a user types it there.
pub fn run_from(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_speca-docs"))
        // What the tests expect (version `draft`, dates from the sources) is not changed by
        // the environment they happen to run in.
        .env_remove("SPECA_DOCS_VERSION")
        .env_remove("SOURCE_DATE_EPOCH")
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `None` (the check is skipped, saying so) when `tool` is missing on a developer's machine; a
/// failure with `SPECA_REQUIRE_READERS=1`.
#[track_caller]
pub fn reader(tool: &str) -> Option<()> {
    readers::tool(tool).then_some(())
}

/// The text of a PDF through poppler's pdftotext, or `None` when it is not installed.
pub fn pdftotext(pdf: &Path) -> Option<String> {
    pdftotext_of(pdf, &[])
}

/// The text of pages `first` to `last` of a PDF, as [`pdftotext`].
pub fn pdftotext_pages(pdf: &Path, first: u32, last: u32) -> Option<String> {
    pdftotext_of(pdf, &["-f", &first.to_string(), "-l", &last.to_string()])
}

fn pdftotext_of(pdf: &Path, pages: &[&str]) -> Option<String> {
    reader("pdftotext")?;
    let output = Command::new("pdftotext")
        .arg("-layout")
        .args(pages)
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Asserts that `needles` appear in `haystack` in this order.
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{needle:?} not found (in order) after byte {from} of:\n{haystack}"),
        }
    }
}

/// Asserts that exactly one diagnostic matches file, line and a message fragment.
#[track_caller]
pub fn assert_diag(diags: &[Diagnostic], file: &str, line: u32, fragment: &str) {
    let found = diags
        .iter()
        .any(|d| d.file == file && d.line == line && d.message.contains(fragment));
    assert!(
        found,
        "no diagnostic at {file}:{line} containing {fragment:?}; got:\n{}",
        render(diags)
    );
}

pub fn render(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

/// Runs `tests/docx_readers.sh` once on every .docx below `dir`, with `expected` lines that
/// each file's pandoc text must hold in order. Returns pandoc's text of each file by its name
/// without `.docx` (e.g. `brief.en`), and the text of LibreOffice's rendering through pdftotext
/// (e.g. `brief.en.pdf`), or `None` when the readers are not installed.
pub fn run_docx_readers(
    dir: &Path,
    expected: &[&str],
) -> Option<std::collections::BTreeMap<String, String>> {
    if !readers::docx_readers() {
        return None;
    }
    let mut work = temp_dir("docx-readers");
    let expected_file = work.path().join("expected.txt");
    std::fs::write(&expected_file, expected.join("\n") + "\n").unwrap();
    let keep = work.path().join("out");
    let output = Command::new("bash")
        .arg(repo().join("tests/docx_readers.sh"))
        .arg(dir)
        .arg(&expected_file)
        .env("DOCX_READERS_OUT", &keep)
        .output()
        .expect("bash runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    // On failure the PDFs and texts stay in `keep`, to be looked at.
    work.disable_cleanup(!output.status.success());
    assert!(
        output.status.success(),
        "docx_readers.sh failed (outputs kept in {}):\n{report}",
        keep.display()
    );
    eprintln!("{report}");
    let mut texts = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(&keep).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(stem) = file.strip_suffix(".pandoc.txt") {
            let name = stem.rsplit("__").next().unwrap().to_string();
            texts.insert(name, std::fs::read_to_string(&path).unwrap());
        } else if let Some(stem) = file.strip_suffix(".pdf")
            && let Some(text) = pdftotext(&path)
        {
            let name = stem.rsplit("__").next().unwrap().to_string();
            texts.insert(format!("{name}.pdf"), text);
        }
    }
    Some(texts)
}

/// Asserts that page-validation finds `pdf` compliant with `profile` (`ua1`, `2a`), naming its
/// failures when not; skipped (see [`readers::available`]) when the validator is missing.
#[track_caller]
pub fn assert_pdf_compliant(pdf: &Path, profile: &str) {
    if !readers::pdf_validator() {
        return;
    }
    let script = "import page, sys; r = page.validate_pdf(sys.argv[1], profile=sys.argv[2]); \
                  print([f.message for f in r.failures]); sys.exit(0 if r.is_compliant else 1)";
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(pdf)
        .arg(profile)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}: {profile}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stdout)
    );
}
