//! Revisions: a build compared with an earlier version (`build --compare-to`) marks exactly
//! what changed, as Word revisions and in a marked-up PDF; `diff` summarizes it; an earlier
//! version that cannot be read stops the build with nothing written.

use crate::common;
use crate::common::TempProject;
use crate::common::ooxml::{Docx, W, parse};

/// The first version: the minimal fixture with an introduction of three paragraphs and a table.
fn first_version() -> TempProject {
    let project = TempProject::fixture("minimal");
    // The English introduction alone: its translation would have to follow every change.
    project.remove("sources/documents/brief/intro.ru.md");
    project.write(
        "sources/documents/brief/intro.md",
        "# Introduction\n\nThe programme began in 2019 with five countries.\n\n\
         This paragraph is deleted in the second version.\n\n\
         | Year | Members |\n|---|--:|\n| 2019 | 12 |\n| 2022 | 20 |\n",
    );
    let (code, _, err) = project.run(&["build", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    project
}

/// The second version: one word changed, a paragraph deleted, a table cell and a footnote
/// edited, a case study added, and Kyrgyzstan renamed so that its input moves before
/// Kazakhstan's.
fn second_version(project: &TempProject) {
    project.write(
        "sources/documents/brief/intro.md",
        "# Introduction\n\nThe programme began in 2020 with five countries.\n\n\
         | Year | Members |\n|---|--:|\n| 2019 | 14 |\n| 2022 | 20 |\n",
    );
    project.edit(
        "sources/countries/kaz.en.md",
        "KAZ-EN-FOOTNOTE text.",
        "KAZ-EN-FOOTNOTE edited text.",
    );
    project.write(
        "sources/case-studies/kaz-gamma.en.md",
        "---\ntype: case-study\nid: kaz-gamma\ncountry: KAZ\ntitle: Gamma lab\norganization: Gamma Org\n\
         themes: [skills]\nsubmitted: 2023-04-02\n---\nGAMMA-LAB-TEXT.\n",
    );
    project.edit(
        "sources/meeting.yaml",
        "{en: Kyrgyzstan, ru: Кыргызстан}",
        "{en: Ala-Too Kyrgyzstan, ru: Кыргызстан}",
    );
}

/// Every revision of a DOCX part as (kind, text), adjacent ones of a kind in one paragraph
/// joined: what Word's Review pane lists.
fn revisions(xml: &str) -> Vec<(String, String)> {
    let tree = parse(xml);
    let mut out: Vec<(String, String)> = Vec::new();
    for p in tree.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let mut last: Option<String> = None;
        for node in p.children() {
            let kind = node.tag_name().name();
            if node.tag_name().namespace() != Some(W) || !(kind == "ins" || kind == "del") {
                last = None;
                continue;
            }
            let text: String = node
                .descendants()
                .filter(|n| matches!(n.tag_name().name(), "t" | "delText"))
                .filter_map(|n| n.text())
                .collect();
            let refs = node
                .descendants()
                .filter(|n| n.tag_name().name() == "footnoteReference")
                .count();
            let text = text + &"[note]".repeat(refs);
            match (&last, out.last_mut()) {
                (Some(k), Some((_, joined))) if k == kind => joined.push_str(&text),
                _ => out.push((kind.to_string(), text)),
            }
            last = Some(kind.to_string());
        }
    }
    out.retain(|(_, text)| !text.is_empty());
    out
}

/// Each paragraph's mark revision (`ins`, `del` or empty) and its text, old and new.
fn paragraph_marks(xml: &str) -> Vec<(String, String)> {
    let tree = parse(xml);
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let mark = p
                .children()
                .find(|n| n.has_tag_name((W, "pPr")))
                .and_then(|ppr| ppr.children().find(|n| n.has_tag_name((W, "rPr"))))
                .and_then(|rpr| {
                    rpr.children()
                        .find(|n| n.has_tag_name((W, "ins")) || n.has_tag_name((W, "del")))
                })
                .map(|n| n.tag_name().name().to_string())
                .unwrap_or_default();
            let text: String = p
                .descendants()
                .filter(|n| matches!(n.tag_name().name(), "t" | "delText"))
                .filter_map(|n| n.text())
                .collect();
            (mark, text)
        })
        .collect()
}

/// The second version built in English, its changes from the first marked.
fn compared_versions() -> TempProject {
    let project = first_version();
    second_version(&project);
    let (code, _, err) = project.run(&[
        "build",
        "--lang",
        "en",
        "--version",
        "v2",
        "--compare-to",
        "draft",
    ]);
    assert_eq!(code, 0, "{err}");
    project
}

fn changes_docx(project: &TempProject) -> Docx {
    Docx::open(&project.root.join("output/brief/v2/brief.en.changes.docx"))
}

#[test]
fn the_changes_docx_holds_exactly_the_revisions() {
    let project = compared_versions();
    let docx = changes_docx(&project);
    let body = revisions(&docx.xml("word/document.xml"));
    let expected: Vec<(&str, &str)> = vec![
        ("del", "2019"),
        ("ins", "2020"),
        ("del", "This paragraph is deleted in the second version."),
        ("del", "12"),
        ("ins", "14"),
        // Kyrgyzstan renamed: its input now stands before Kazakhstan's.
        ("ins", "Ala-Too Kyrgyzstan"),
        ("ins", "Priorities"),
        ("ins", "KGZ-EN-PARAGRAPH"),
    ];
    for (kind, text) in &expected {
        assert!(
            body.iter().any(|(k, t)| k == kind && t.starts_with(text)),
            "no {kind} {text:?} in {body:#?}"
        );
    }
    let joined: String = body.iter().map(|(k, t)| format!("{k}:{t}\n")).collect();
    assert!(joined.contains("ins:Gamma lab"), "{joined}");
    assert!(joined.contains("ins:GAMMA-LAB-TEXT."), "{joined}");
    assert!(joined.contains("del:Kyrgyzstan"), "{joined}");
    // Nothing else: no revision mentions text that did not change.
    for unchanged in [
        "The programme began",
        "INTRO",
        "KAZ-EN-PARAGRAPH-ONE",
        "Alpha hub",
        "Zeta park",
    ] {
        assert!(!joined.contains(unchanged), "{unchanged} marked:\n{joined}");
    }
    // Whole paragraphs inserted or deleted carry a revised paragraph mark, so that accepting or
    // rejecting removes the paragraph itself; an edited paragraph does not.
    let marks = paragraph_marks(&docx.xml("word/document.xml"));
    let mark_of = |start: &str| {
        marks
            .iter()
            .find(|(_, text)| text.starts_with(start))
            .map(|(mark, _)| mark.as_str())
            .unwrap_or_else(|| panic!("no paragraph {start:?}: {marks:#?}"))
    };
    assert_eq!(mark_of("This paragraph is deleted"), "del");
    assert_eq!(mark_of("GAMMA-LAB-TEXT."), "ins");
    assert_eq!(mark_of("The programme began in"), "");
    // The footnote changed inside the footnote.
    let notes = revisions(&docx.xml("word/footnotes.xml"));
    assert!(
        notes.contains(&("ins".into(), "edited ".into())),
        "{notes:?}"
    );
    // Author and date on every revision.
    let xml = docx.xml("word/document.xml");
    assert!(xml.contains("w:author=\"speca-docs\" w:date=\"2023-06-01T00:00:00Z\""));
    // The note on the first page.
    assert!(
        xml.contains("Changes from version draft of 1 June 2023 are marked"),
        "note"
    );

    // The PDF holds the old and new text of each change.
    if let Some(pdf) = common::pdftotext(&project.root.join("output/brief/v2/brief.en.changes.pdf"))
    {
        let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
        for text in [
            "2019",
            "2020",
            "This paragraph is deleted in the second version.",
            "12",
            "14",
            "GAMMA-LAB-TEXT.",
            "KAZ-EN-FOOTNOTE edited text.",
            "Ala-Too Kyrgyzstan",
            "Changes from version draft of 1 June 2023 are marked",
        ] {
            assert!(
                flat.contains(text),
                "{text:?} not in the changes PDF:\n{flat}"
            );
        }
    }
    // The manifest records what was compared against.
    let manifest: serde_json::Value =
        serde_json::from_slice(&project.read("output/brief/v2/manifest.json")).unwrap();
    assert_eq!(manifest["compared_to"]["version"], "draft");
    assert_eq!(
        manifest["compared_to"]["snapshots"][0]["path"],
        "output/brief/draft/brief.en.model.json"
    );
}

#[test]
fn libreoffice_accepting_gives_the_new_document_and_rejecting_the_old() {
    if !common::readers::python_docx_and_pandoc() {
        return;
    }
    let project = compared_versions();
    let text = |file: &str, changes: &str| -> String {
        let output = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, pypandoc; sys.stdout.write(pypandoc.convert_file(sys.argv[1], 'plain', format='docx', extra_args=['--track-changes=' + sys.argv[2], '--wrap=none']))",
                file,
                changes,
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        normalize(&String::from_utf8_lossy(&output.stdout))
    };
    let out = |p: &str| {
        project
            .root
            .join("output/brief")
            .join(p)
            .display()
            .to_string()
    };
    let changes = out("v2/brief.en.changes.docx");
    // From the body's first heading: the contents before it list the new headings.
    let skip_front = |s: String| s[s.rfind("Introduction").unwrap_or(0)..].to_string();
    assert_eq!(
        skip_front(text(&changes, "accept")),
        skip_front(text(&out("v2/brief.en.docx"), "accept")),
        "accepting every revision gives the new document"
    );
    assert_eq!(
        skip_front(text(&changes, "reject")),
        skip_front(text(&out("draft/brief.en.docx"), "accept")),
        "rejecting every revision gives the old document"
    );
    // LibreOffice renders it.
    if common::reader("soffice").is_some() {
        let work = common::temp_dir("changes-lo");
        let status = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}/profile",
                work.path().display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(work.path())
            .arg(&changes)
            .output()
            .unwrap();
        assert!(status.status.success());
        let pdf = work.path().join("brief.en.changes.pdf");
        let rendered = common::pdftotext(&pdf).unwrap_or_default();
        assert!(rendered.contains("GAMMA-LAB-TEXT"), "{rendered}");
    }
}

/// Text compared as a reader reads it: paragraph numbers, which pandoc prints for Word's
/// numbered paragraphs (and keeps for a rejected inserted one, as an empty item), and
/// whitespace aside.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| {
            !(w.ends_with('.')
                && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
                && w.len() > 1)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn identical_versions_give_no_revision_at_all() {
    let project = first_version();
    let (code, _, err) = project.run(&[
        "build",
        "--lang",
        "en",
        "--version",
        "v2",
        "--compare-to",
        "draft",
    ]);
    assert_eq!(code, 0, "{err}");
    let xml = changes_docx(&project).xml("word/document.xml");
    assert!(
        !xml.contains("<w:ins ") && !xml.contains("<w:del "),
        "revisions in identical versions"
    );
    let (code, out, err) = project.run(&["diff", "draft", "v2"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("brief (en): no changes from draft to v2"),
        "{out}"
    );
    // A snapshot is the same bytes for the same sources and version.
    let first = project.read("output/brief/draft/brief.en.model.json");
    let (code, _, err) = project.run(&["build", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        first,
        project.read("output/brief/draft/brief.en.model.json")
    );
}

#[test]
fn diff_summarizes_per_section() {
    let project = first_version();
    second_version(&project);
    let (code, _, err) = project.run(&["build", "--lang", "en", "--version", "v2"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = project.run(&["diff", "draft", "v2"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("brief (en), draft to v2: 6 paragraphs changed, 6 inserted, 4 deleted"),
        "{out}"
    );
    assert!(
        out.contains("  I Introduction: 2 paragraphs changed, 1 deleted"),
        "{out}"
    );
    let (code, out, _) = project.run(&["diff", "draft", "v2", "brief", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["document"], "brief");
    assert_eq!(json[0]["sections"][0]["number"], "I");
    assert_eq!(json[0]["sections"][0]["deleted"], 1);
    // Every country has a "Priorities": the summary names whose.
    let whose: Vec<_> = json[0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["title"] == "Priorities")
        .map(|s| s["within"].clone())
        .collect();
    assert_eq!(
        whose,
        [
            serde_json::json!(["Ala-Too Kyrgyzstan"]),
            serde_json::json!(["Kazakhstan"])
        ],
        "{json}"
    );
    assert!(out_text_names(&project, "Kazakhstan / Priorities"));
}

fn out_text_names(project: &TempProject, name: &str) -> bool {
    let (_, out, _) = project.run(&["diff", "draft", "v2"]);
    out.lines().any(|line| line.contains(name)) || panic!("{name:?} not in:\n{out}")
}

#[test]
fn an_earlier_version_that_cannot_be_read_stops_the_build() {
    let project = first_version();
    let draft = project.root.join("output/brief/draft");
    let refused = |args: &[&str], fragment: &str| {
        let (code, _, err) =
            project.run(&[&["build", "--lang", "en", "--version", "v2"][..], args].concat());
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(fragment), "{fragment:?} not in:\n{err}");
        assert!(
            !project.root.join("output/brief/v2").exists(),
            "something was written"
        );
    };
    refused(&["--compare-to", "1.0"], "was never built");
    // A snapshot changed after the build is refused by its hash.
    let snapshot = draft.join("brief.en.model.json");
    let good = std::fs::read(&snapshot).unwrap();
    let mut bad = good.clone();
    let at = bad.iter().position(|&b| b == b'I').unwrap();
    bad[at] = b'J';
    std::fs::write(&snapshot, &bad).unwrap();
    refused(
        &["--compare-to", "draft"],
        "SHA-256 differs from the manifest's",
    );
    std::fs::write(&snapshot, &good).unwrap();
    // A version built without snapshots (an older speca-docs).
    let manifest = std::fs::read_to_string(draft.join("manifest.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    json["outputs"]
        .as_array_mut()
        .unwrap()
        .retain(|o| !o["path"].as_str().unwrap().ends_with(".model.json"));
    std::fs::write(
        draft.join("manifest.json"),
        serde_json::to_string(&json).unwrap(),
    )
    .unwrap();
    refused(&["--compare-to", "draft"], "has no snapshot");
    std::fs::write(draft.join("manifest.json"), manifest).unwrap();
    // A usage error for a name that cannot be a version.
    let (code, _, err) = project.run(&["build", "--compare-to", "../x"]);
    assert_eq!(code, 2, "{err}");
}
