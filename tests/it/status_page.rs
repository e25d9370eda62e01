//! `status --format html`: the page read by a real browser. Chromium's DOM says which state each
//! cell of the matrix is in; its screenshot is kept for people to look at; axe-core, run inside
//! Chromium through Selenium, finds no serious or critical accessibility problem; and a title
//! written as a script, an image with an `onerror`, and a file name that would close an
//! attribute all stay text: no script element, no event handler, no alert.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;
use crate::common::{TempProject, readers};

/// The title of a case study of the fixture: a script, if the page did not escape it.
const SCRIPT_TITLE: &str = "<script>alert(1)</script>";
/// Part of the meeting's venue: an image whose failure to load sets a sentinel.
const IMAGE_VENUE: &str = "<img src=x onerror=\"window.__pwned=1\">";
/// A case study's file name that ends an attribute's value and starts a handler of its own.
const ATTRIBUTE_FILE: &str =
    "sources/case-studies/kaz-gamma\" onmouseover=\"window.__pwned=1.en.md";
/// A fixed moment for SOURCE_DATE_EPOCH: 2023-05-04T12:00:00Z.
const EPOCH: &str = "1683201600";

/// The minimal fixture (UZB missing, KGZ late and over the word limit, KAZ on time in both
/// languages), built, with the hostile values above added after the build.
fn hostile_project() -> TempProject {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/case-studies/kaz-beta.en.md",
        "title: Beta accelerator",
        &format!("title: \"{SCRIPT_TITLE}\""),
    );
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    project.edit(
        "sources/meeting.yaml",
        "venue: {en: \"Bishkek, Kyrgyzstan\"",
        &format!("venue: {{en: 'Bishkek {IMAGE_VENUE}'"),
    );
    project.write(
        ATTRIBUTE_FILE,
        "---\ntype: case-study\nid: kaz-gamma\ncountry: KAZ\ntitle: Gamma\nthemes: [skills]\n\
         submitted: 2023-04-01\n---\nGAMMA-TEXT <b>raw</b>.\n",
    );
    project
}

/// Writes the page of `project` to `output/status.html` with `args`; returns its path.
fn write_page(project: &TempProject, args: &[&str]) -> PathBuf {
    let mut all = vec!["status", "--format", "html", "-o", "output/status.html"];
    all.extend_from_slice(args);
    let (code, _, stderr) = project.run(&all);
    assert_eq!(code, 0, "{stderr}");
    project.root.join("output/status.html")
}

/// Chromium headless with the flags that keep it from reaching out, and a fresh profile.
fn chromium(profile: &Path) -> Command {
    let mut command = Command::new("timeout");
    command.args(["120", "/usr/bin/chromium"]).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The DOM of `page` after Chromium loaded it, serialized.
fn dump_dom(page: &Path) -> String {
    let profile = common::temp_dir("chromium-profile");
    let output = chromium(profile.path())
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium --dump-dom failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("the DOM is UTF-8")
}

/// The attributes of every start tag of `dom` that has `data-state`, as Chromium serializes
/// them (double-quoted, `&quot;` inside).
fn state_cells(dom: &str) -> Vec<BTreeMap<String, String>> {
    let mut cells = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find("<td ") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        let tag = &rest[at + 4..tag_end];
        rest = &rest[tag_end..];
        let mut attributes = BTreeMap::new();
        let mut parts = tag;
        while let Some(eq) = parts.find("=\"") {
            let name = parts[..eq].trim().to_string();
            let value_start = eq + 2;
            let Some(len) = parts[value_start..].find('"') else {
                break;
            };
            attributes.insert(name, parts[value_start..value_start + len].to_string());
            parts = &parts[value_start + len + 1..];
        }
        if attributes.contains_key("data-state") {
            cells.push(attributes);
        }
    }
    cells
}

#[test]
fn chromium_reads_each_cell_of_the_matrix_in_its_state() {
    if !readers::chromium() {
        return;
    }
    let project = hostile_project();
    let page = write_page(&project, &["--lang", "en"]);
    let dom = dump_dom(&page);

    let states: BTreeMap<(String, String), (String, String)> = state_cells(&dom)
        .into_iter()
        .map(|cell| {
            (
                (cell["data-country"].clone(), cell["data-lang"].clone()),
                (cell["data-state"].clone(), cell["class"].clone()),
            )
        })
        .collect();
    let state = |country: &str, lang: &str| {
        states
            .get(&(country.to_string(), lang.to_string()))
            .map(|(state, _)| state.as_str())
            .unwrap_or_else(|| panic!("no cell for {country} {lang} in {states:?}"))
    };
    assert_eq!(states.len(), 6, "{states:?}");
    assert_eq!(state("KAZ", "en"), "on-time");
    assert_eq!(state("KAZ", "ru"), "on-time");
    assert_eq!(state("KGZ", "en"), "late");
    assert_eq!(state("KGZ", "ru"), "translation-missing");
    assert_eq!(state("UZB", "en"), "missing");
    assert_eq!(state("UZB", "ru"), "missing");
    // The state is said in words, not only in colour.
    common::assert_in_order(
        &dom,
        &[
            "data-state=\"on-time\">Submitted on time",
            "data-state=\"late\">Submitted late",
            "data-state=\"translation-missing\">Translation missing",
            "data-state=\"missing\">Missing",
        ],
    );
    // Over the limit, in words beside the bar.
    assert!(
        dom.contains("63 of 60 words, <strong class=\"over-limit\" data-over-limit=\"true\">over the limit by 3 words</strong>"),
        "{dom}"
    );
    // The problem of the over-long input, at its line and column.
    assert!(dom.contains("<th scope=\"row\">8:1</th>"), "{dom}");
    assert!(dom.contains("the text has 63 words"), "{dom}");
    // The documents built, linked from output/status.html to their files beside it.
    for file in [
        "brief.en.pdf",
        "brief.en.docx",
        "brief.ru.pdf",
        "brief.ru.docx",
    ] {
        let href = format!("href=\"brief/draft/{file}\"");
        assert!(dom.contains(&href), "{href} missing in {dom}");
        assert!(project.root.join("output/brief/draft").join(file).is_file());
    }
    // The script title is text, and the page holds no script.
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{dom}"
    );
    assert!(!dom.to_lowercase().contains("<script"), "{dom}");
    assert!(!dom.contains("<img"), "{dom}");
}

#[test]
fn chromium_screenshots_in_english_and_russian() {
    if !readers::chromium() {
        return;
    }
    let project = hostile_project();
    let kept = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("status-page");
    std::fs::create_dir_all(&kept).unwrap();
    for lang in ["en", "ru"] {
        let page = write_page(&project, &["--lang", lang]);
        let shot = kept.join(format!("status.{lang}.png"));
        let _ = std::fs::remove_file(&shot);
        let profile = common::temp_dir("chromium-profile");
        let output = chromium(profile.path())
            .arg("--window-size=1200,3200")
            .arg(format!("--screenshot={}", shot.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .expect("chromium runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let png = std::fs::read(&shot).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        assert!(png.len() > 20_000, "an empty-looking screenshot");
        eprintln!("screenshot of the {lang} page: {}", shot.display());
    }
}

/// What tests/browser/check_page.py reports of a page.
fn check_in_browser(page: &Path, text: &str) -> Option<serde_json::Value> {
    let browser = common::repo().join("tests/browser");
    let axe = browser.join("node_modules/axe-core/axe.min.js");
    if !readers::chromium() || !readers::selenium_and_axe(&axe) {
        return None;
    }
    let output = Command::new("timeout")
        .arg("180")
        .arg("python3")
        .arg(browser.join("check_page.py"))
        .arg(page)
        .arg(&axe)
        .arg(text)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "check_page.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("check_page.py prints JSON"))
}

#[test]
fn axe_finds_no_serious_problem_and_no_script_runs() {
    let project = hostile_project();
    for lang in ["en", "ru"] {
        // With previews, so that the hostile file name reaches a link's href too.
        let page = write_page(&project, &["--lang", lang, "--previews"]);
        let html = String::from_utf8(project.read("output/status.html")).unwrap();
        assert!(
            html.contains("href=\"preview/kaz-gamma%22%20onmouseover"),
            "{html}"
        );
        let Some(report) = check_in_browser(&page, SCRIPT_TITLE) else {
            return;
        };
        eprintln!("{lang}: {report}");
        assert_eq!(report["lang"], lang);
        // The hostile values: text, not code.
        assert_eq!(report["scripts"], 0, "{report}");
        assert_eq!(report["alert"], serde_json::Value::Null, "{report}");
        assert_eq!(report["pwned"], false, "{report}");
        assert_eq!(report["event_handlers"], serde_json::json!([]), "{report}");
        assert_eq!(report["text_found"], true, "{report}");

        let axe = &report["axe"];
        assert!(axe["error"].is_null(), "axe-core failed: {axe}");
        assert!(
            axe["passes"].as_u64().unwrap_or(0) > 10,
            "axe-core ran no rule: {axe}"
        );
        let violations = axe["violations"].as_array().expect("violations");
        let serious: Vec<&serde_json::Value> = violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        assert!(serious.is_empty(), "axe-core ({lang}): {serious:#?}");
    }
}

#[test]
fn the_page_is_the_same_byte_for_byte_with_source_date_epoch() {
    let project = TempProject::fixture("minimal");
    let run = || {
        let output = Command::new(env!("CARGO_BIN_EXE_speca-docs"))
            .arg("-C")
            .arg(&project.root)
            .args(["status", "--format", "html"])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("the page is UTF-8")
    };
    let first = run();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, run());
    let page = first;
    assert!(page.contains("2023-05-04T12:00:00Z"), "{page}");
    // Printed, not written: links are relative to the project (none here: nothing is built).
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("Not built yet"), "{page}");
}

#[test]
fn the_page_speaks_the_language_asked_for() {
    let project = TempProject::fixture("minimal");
    let (code, page, stderr) = project.run(&["status", "--format", "html", "--lang", "ru"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains("<html lang=\"ru\">"));
    assert!(
        page.contains("data-state=\"late\">Представлен с опозданием"),
        "{page}"
    );
    assert!(page.contains("Кыргызстан (KGZ)"), "{page}");
    assert!(page.contains("превышение на 3 слова"), "{page}");

    // Default: the meeting's first language.
    let (_, page, _) = project.run(&["status", "--format", "html"]);
    assert!(page.contains("<html lang=\"en\">"));

    let (code, _, stderr) = project.run(&["status", "--format", "html", "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("written in en or ru"), "{stderr}");
    let (code, _, stderr) = project.run(&["status", "--lang", "ru"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--format html"), "{stderr}");
}

#[test]
fn links_lead_from_where_the_page_is_written() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--to", "pdf", "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    let href = |page: &str| {
        let html = String::from_utf8(project.read(page)).unwrap();
        let at = html.find("href=\"").expect("a link") + 6;
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    for (page, expected) in [
        ("status.html", "output/brief/draft/brief.en.pdf"),
        ("output/status.html", "brief/draft/brief.en.pdf"),
        (
            "site/a/status.html",
            "../../output/brief/draft/brief.en.pdf",
        ),
    ] {
        let (code, _, stderr) = project.run(&["status", "--format", "html", "-o", page]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(href(page), expected, "{page}");
        // The link leads to the file.
        let folder = project.root.join(page);
        assert!(folder.parent().unwrap().join(expected).is_file(), "{page}");
    }
    // The DOCX was not built: no link to it.
    let html = String::from_utf8(project.read("status.html")).unwrap();
    assert!(!html.contains(".docx\""), "{html}");
}

#[test]
fn previews_are_built_and_each_row_links_to_the_one_in_the_page_language() {
    let project = TempProject::fixture("minimal");
    // A case study with an error is not previewed, and its row has no link.
    project.edit(
        "sources/case-studies/kaz-alpha.en.md",
        "country: [KAZ, KGZ]",
        "country: [KAZ, KZX]",
    );
    let (code, _, stderr) = project.run(&[
        "status",
        "--format",
        "html",
        "--previews",
        "--lang",
        "ru",
        "-o",
        "site/status.html",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let html = String::from_utf8(project.read("site/status.html")).unwrap();
    let mut links: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .filter(|href| href.contains("/preview/"))
        .collect();
    links.sort_unstable();
    // A case study with two themes stands, and is linked, under each.
    links.dedup();
    // KAZ in Russian (the page's language), KGZ in English (its only one); UZB is missing.
    assert_eq!(
        links,
        [
            "../output/preview/kaz-beta.en.pdf",
            "../output/preview/kaz.ru.pdf",
            "../output/preview/kgz.en.pdf",
            "../output/preview/uzb-park.en.pdf",
        ]
    );
    for link in links {
        let pdf = project.root.join("site").join(link);
        assert!(pdf.is_file(), "{link}");
        if let Some(text) = common::pdftotext(&pdf) {
            assert!(
                text.contains("Preview of") || text.contains("Предварительный просмотр"),
                "{link}: {text}"
            );
        }
    }
    assert!(
        !project
            .root
            .join("output/preview/kaz-alpha.en.pdf")
            .exists()
    );

    // Previews belong to the page.
    let (code, _, stderr) = project.run(&["status", "--previews"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--format html"), "{stderr}");
}
