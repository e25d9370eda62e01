//! Arbitrary bytes as one country input of a real project: the fixture
//! `tests/fixtures/minimal`, copied once per process into a temporary folder, with the input
//! written to `sources/countries/uzb.en.md` (UZB has no input in the fixture) before every
//! run of `load::load`. This reaches the field readers (`contribution::read` against the
//! meeting's countries, themes and indicators), the image loader and the checks across
//! files.
//!
//! Invariants besides "no panic":
//! - the project always loads (its meeting.yaml is fine);
//! - every diagnostic about the input is on one of its lines (≤ its line count + 1);
//! - a file that yields no contribution has an error saying why;
//! - a contribution read from it has positions on its lines and a body after its front matter.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use speca_docs_fuzz::diag::{Diagnostics, Severity};

const FILE: &str = "sources/countries/uzb.en.md";

fn project() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
        let root = std::env::temp_dir().join(format!("speca-fuzz-project-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_tree(&fixture.join("sources"), &root.join("sources"));
        root
    })
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let root = project();
    std::fs::write(root.join(FILE), data).unwrap();

    // Lines as the loader counts them: after CRLF and lone CR became LF.
    let lines = match std::str::from_utf8(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)) {
        Ok(text) => text.replace("\r\n", "\n").matches(['\n', '\r']).count() as u32 + 1,
        Err(_) => data.iter().filter(|&&b| b == b'\n').count() as u32 + 1,
    };

    let mut diags = Diagnostics::new();
    let project = speca_docs_fuzz::load::load(root, &mut diags)
        .expect("the fixture is a project")
        .expect("the fixture's meeting.yaml loads");

    let mine: Vec<_> = diags.iter().filter(|d| d.file == FILE).collect();
    for d in &mine {
        assert!(
            d.line <= lines + 1,
            "diagnostic at line {} of a {lines}-line file: {d}",
            d.line
        );
        assert!(!d.message.is_empty());
    }
    match project.contributions.iter().find(|c| c.file == FILE) {
        None => assert!(
            mine.iter().any(|d| d.severity == Severity::Error),
            "the input was dropped without an error; diagnostics: {mine:?}"
        ),
        Some(c) => {
            assert!(
                c.body_line >= 3 && c.body_line <= lines + 1,
                "body line {}",
                c.body_line
            );
            let positions = [c.id.pos, c.language.pos]
                .into_iter()
                .chain(c.countries.iter().map(|l| l.pos))
                .chain(c.themes.iter().map(|l| l.pos))
                .chain(c.indicators.iter().map(|i| i.id.pos))
                .chain(c.title.iter().map(|l| l.pos))
                .chain(c.submitted.iter().map(|l| l.pos));
            for pos in positions {
                assert!(
                    pos.line < c.body_line,
                    "field at {pos:?}, after the front matter"
                );
            }
        }
    }
});
