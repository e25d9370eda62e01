//! Accessible, archival PDFs: every PDF of the sample and the fixtures is PDF/A-2a and
//! PDF/UA-1, as a real validator (PyPI page-validation) finds; `--pdf-standard` chooses
//! otherwise; every picture has alternative text or is marked decorative.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;
use crate::common::TempProject;

/// Every PDF below `dir`.
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(pdfs(&path));
        } else if path.extension().is_some_and(|e| e == "pdf") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The validator's findings for `pdf` under `profile`: empty when it is compliant.
///
/// page 0.11 reports a stream whose compressed data happens to end with a carriage return
/// (the byte 0x0D, then the line feed before `endstream`) as having a wrong `/Length`: it
/// takes the data's last byte for part of the end-of-line marker. Such a finding is checked
/// here against the file itself (the `/Length` counts exactly the bytes up to the line feed,
/// the last of which is 0x0D) and only then set aside; any other stream-length finding stands.
fn findings(pdf: &Path, profile: &str) -> String {
    const SCRIPT: &str = r#"
import re, sys, page
data = open(sys.argv[1], 'rb').read()
def cr_at_end(number):
    m = re.search(rb'(?:^|[\r\n])' + str(number).encode() + rb' 0 obj\s*<<(.*?)>>\s*stream(\r\n|\n)', data, re.S)
    if not m:
        return False
    length = re.search(rb'/Length (\d+)', m.group(1))
    if not length:
        return False
    start, n = m.end(), int(length.group(1))
    return data[start + n - 1:start + n] == b'\r' and data[start + n:start + n + 10] == b'\nendstream'
r = page.validate_pdf(sys.argv[1], profile=sys.argv[2])
left = [f for f in r.failures
        if not (f.rule_id.endswith('STREAM-LENGTH-001') and f.object_id and cr_at_end(f.object_id.object_number))]
print('; '.join(f.rule_id + ': ' + f.message for f in left))
"#;
    let output = Command::new("python3")
        .args(["-c", SCRIPT])
        .arg(pdf)
        .arg(profile)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn every_pdf_of_the_sample_and_the_fixtures_is_pdf_a_2a_and_pdf_ua_1() {
    if !common::readers::pdf_validator() {
        return;
    }
    let mut checked = 0;
    for name in ["sample", "minimal", "features"] {
        let project = TempProject::fixture(name);
        let (code, _, err) = project.run(&["build", "--to", "pdf"]);
        assert_eq!(code, 0, "{name}: {err}");
        for pdf in pdfs(&project.root.join("output")) {
            for profile in ["ua1", "2a"] {
                let found = findings(&pdf, profile);
                assert!(found.is_empty(), "{}: {profile}: {found}", pdf.display());
            }
            checked += 1;
        }
    }
    // The sample's two documents, the fixtures' one each, in two languages.
    assert_eq!(checked, 8);
}

#[test]
fn pdf_standard_none_claims_nothing() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&[
        "build",
        "--to",
        "pdf",
        "--lang",
        "en",
        "--pdf-standard",
        "none",
    ]);
    assert_eq!(code, 0, "{err}");
    let pdf = project.root.join("output/brief/draft/brief.en.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"pdfaid:part") && !has(b"pdfuaid:part"),
        "a standard is claimed"
    );
    let (code, _, err) = project.run(&["build", "--to", "pdf", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"pdfaid:part") && has(b"pdfuaid:part"),
        "the default claims PDF/A and PDF/UA"
    );
    if common::readers::pdf_validator() {
        let project = TempProject::fixture("minimal");
        let (code, _, _) = project.run(&[
            "build",
            "--to",
            "pdf",
            "--lang",
            "en",
            "--pdf-standard",
            "none",
        ]);
        assert_eq!(code, 0);
        assert!(!findings(&project.root.join("output/brief/draft/brief.en.pdf"), "2a").is_empty());
    }
    for bad in ["a-9", "a-2b,a-3b"] {
        let (code, _, err) = project.run(&["build", "--pdf-standard", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("--pdf-standard"), "{err}");
    }
}

#[test]
fn a_picture_without_alternative_text_is_an_error_unless_decorative() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "![A bar chart](chart.png)",
        "![](chart.png)\n\n![](chart.png \"decorative\")",
    );
    let (code, _, err) = project.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    common::assert_diag(
        &project.errors(),
        "sources/case-studies/uzb-park.en.md",
        12,
        "the picture chart.png has no alternative text",
    );
    assert!(
        err.contains("![](chart.png \"decorative\")"),
        "the hint shows how: {err}"
    );
    assert_eq!(project.errors().len(), 1, "the decorative one is no error");
    // Decorative alone builds, as an artifact in the PDF and marked decorative in Word.
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "![](chart.png)\n\n",
        "",
    );
    let (code, _, err) = project.run(&["build", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let docx = common::ooxml::Docx::open(&project.root.join("output/brief/draft/brief.en.docx"));
    assert!(docx.xml("word/document.xml").contains("<adec:decorative "));
    if common::readers::pdf_validator() {
        let found = findings(&project.root.join("output/brief/draft/brief.en.pdf"), "ua1");
        assert!(found.is_empty(), "{found}");
    }
}

#[test]
fn a_character_no_font_has_is_reported_where_it_was_typed() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "UZB-PARK-TEXT with an image:",
        "UZB-PARK-TEXT with an image \u{2E2F}:",
    );
    // `check` finds it first, from the fonts' character maps, and `build` says the same.
    for command in [&["check"][..], &["build", "--to", "pdf", "--lang", "en"]] {
        let (code, _, err) = project.run(command);
        assert_eq!(code, 1, "{command:?}: {err}");
        assert!(
            err.contains("sources/case-studies/uzb-park.en.md:10:29: error: the character \"\u{2E2F}\" (U+2E2F) has no glyph"),
            "{command:?}: {err}"
        );
    }
    let (code, _, err) = project.run(&["check", "--pdf-standard", "none"]);
    assert_eq!(code, 0, "{err}");
    // Without a standard to meet, the PDF is made (the character shows as a blank).
    let (code, _, err) = project.run(&[
        "build",
        "--to",
        "pdf",
        "--lang",
        "en",
        "--pdf-standard",
        "none",
    ]);
    assert_eq!(code, 0, "{err}");
}

/// What `check` refuses, `build` refuses at the same place, and what `check` accepts builds:
/// a private-use character (in an embedded font, but refused by PDF/A-2a), Kannada with its
/// combining marks (in no embedded font), and invisible marks Typst drops (a variation
/// selector after a check mark, bidi isolates around a name).
#[test]
fn characters_the_standards_refuse_are_found_by_check_where_build_fails() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "UZB-PARK-TEXT with an image:",
        "UZB-PARK-TEXT \u{E000} and ಕನ್ನಡ with an image:",
    );
    let expected = [
        "sources/case-studies/uzb-park.en.md:10:15: error: the character U+E000 is from a private use area",
        "sources/case-studies/uzb-park.en.md:10:21: error: the character \"ಕ\" (U+0C95) has no glyph",
        "sources/case-studies/uzb-park.en.md:10:23: error: the character \"್\" (U+0CCD) has no glyph",
    ];
    for command in [&["check"][..], &["build", "--to", "pdf", "--lang", "en"]] {
        let (code, _, err) = project.run(command);
        assert_eq!(code, 1, "{command:?}: {err}");
        for line in expected {
            assert!(err.contains(line), "{command:?}: {line}\n{err}");
        }
        // No letter of Typst's escaped message is taken for a missing character.
        assert!(!err.contains("\"u\" (U+0075)"), "{command:?}: {err}");
    }
    // Under standards that allow both, both build.
    let (code, _, err) = project.run(&["check", "--pdf-standard", "1.7"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = project.run(&[
        "build",
        "--to",
        "pdf",
        "--lang",
        "en",
        "--pdf-standard",
        "1.7",
    ]);
    assert_eq!(code, 0, "{err}");
    // Marks that Typst drops before it shapes need no glyph.
    project.edit(
        "sources/case-studies/uzb-park.en.md",
        "UZB-PARK-TEXT \u{E000} and ಕನ್ನಡ with an image:",
        "UZB-PARK-TEXT ✔\u{FE0F} done by \u{2068}Park Org\u{2069} with an image:",
    );
    let (code, _, err) = project.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = project.run(&["build", "--to", "pdf", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
}
