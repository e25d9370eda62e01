//! Building whole projects through the binary, read back with real readers (poppler's
//! pdftotext and pdfinfo where installed).

use crate::common;
use crate::common::{TempProject, assert_in_order, pdftotext};

fn pages_in_summary(stderr: &str, file: &str) -> usize {
    let line = stderr
        .lines()
        .find(|l| l.contains(file))
        .unwrap_or_else(|| panic!("no summary line for {file} in:\n{stderr}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| *w == "pages")
        .expect("a page count");
    words[at - 1].parse().unwrap()
}

/// The page count of a PDF as poppler's pdfinfo reads it; `None` (the check is skipped, saying
/// so) when pdfinfo is not installed, a failure then with `SPECA_REQUIRE_READERS=1`.
fn pdfinfo_pages(pdf: &std::path::Path) -> Option<usize> {
    common::reader("pdfinfo")?;
    let output = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "pdfinfo failed on {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let pages = text
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok());
    Some(pages.unwrap_or_else(|| panic!("pdfinfo gives no page count:\n{text}")))
}

#[test]
fn builds_the_fixture_in_both_languages_in_contract_order() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,typ"]);
    assert_eq!(code, 0, "{stderr}");
    let en = project.root.join("output/brief/draft/brief.en.pdf");
    let ru = project.root.join("output/brief/draft/brief.ru.pdf");
    assert!(
        project
            .root
            .join("output/brief/draft/brief.en.typ")
            .is_file()
    );
    let en_pages = pages_in_summary(&stderr, "brief.en.pdf");
    assert!((3..=8).contains(&en_pages), "{en_pages} pages");
    if let Some(pages) = pdfinfo_pages(&en) {
        assert_eq!(pages, en_pages);
    }
    // The KGZ input is English only and the intro has a Russian version.
    assert!(
        stderr.contains(
            "sources/countries/kgz.en.md:1:1: warning: no \"ru\" version of this country-input"
        ),
        "{stderr}"
    );

    let Some(text) = pdftotext(&en) else { return };
    assert_in_order(
        &text,
        &[
            "ECE/TEST/2023/1/Rev.1",
            "Distr.: General",
            "1 June 2023",
            "Bishkek, Kyrgyzstan, 10–11 May 2023",
            "Test brief",
            "SUMMARY-EN",
            "Contents",
            "I.",
            "INTRO-EN-PARAGRAPH",
            "Country inputs",
            "Kazakhstan",
            "KAZ-EN-PARAGRAPH-ONE",
            "Kyrgyzstan",
            "KGZ-EN-PARAGRAPH",
            "Case studies",
            "Skills",
            "Alpha hub",
            "KAZ-ALPHA-TEXT",
            "Incubators",
            "Beta accelerator",
            "KAZ-BETA-TEXT",
            "Zeta park",
            "UZB-PARK-TEXT",
            "Annex I",
            "Internet users",
            "90.9 (2021)",
            "Annex II",
            "Alpha hub",
        ],
    );
    assert!(text.contains("KAZ-EN-FOOTNOTE"), "footnote text missing");

    let text = pdftotext(&ru).unwrap();
    assert_in_order(
        &text,
        &[
            // UN mastheads give the date in English in every language version.
            "1 June 2023",
            "10–11 мая 2023 года",
            "Тестовая записка",
            "SUMMARY-RU",
            "Содержание",
            "INTRO-RU-ABZATS",
            "Казахстан",
            "KAZ-RU-ABZATS",
            "Кыргызстан",
            "KGZ-EN-PARAGRAPH",
            "Навыки",
            "Alpha hub",
            "Инкубаторы",
            "Приложение I",
        ],
    );
    assert!(!text.contains("INTRO-EN-PARAGRAPH"));
    // The English fallback text is set in English inside the Russian document.
    let typ = String::from_utf8(project.read("output/brief/draft/brief.ru.typ")).unwrap();
    let at = typ
        .find("#[#set text(lang: \"en\")")
        .expect("an English part");
    assert!(
        typ[at..].find("KGZ-EN-PARAGRAPH").is_some_and(|i| i < 2000),
        "KGZ's text is in it"
    );
}

#[test]
fn builds_the_sample_with_every_contribution_in_order() {
    let project = TempProject::fixture("sample");
    let (code, _, stderr) = project.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    for (doc, min_pages) in [("gc-2022-innovation", 10), ("ef-2022-digital", 8)] {
        for lang in ["en", "ru"] {
            let name = format!("{doc}.{lang}.pdf");
            let pages = pages_in_summary(&stderr, &name);
            assert!(pages >= min_pages && pages <= 60, "{name}: {pages} pages");
        }
    }
    let pdf = project
        .root
        .join("output/gc-2022-innovation/draft/gc-2022-innovation.en.pdf");
    let Some(text) = pdftotext(&pdf) else { return };
    // Country inputs in alphabetical order of their English names, after the introduction.
    // The body starts at the introduction's section "Mandate"; its last occurrence, past the
    // contents, which list it too.
    let body_start = text.rfind("Mandate").map(|i| &text[i..]);
    let body_start = body_start.expect("the English body has its section \"Mandate\"");
    assert_in_order(
        body_start,
        &[
            "Country inputs",
            "Afghanistan",
            "Azerbaijan",
            "Kazakhstan",
            "Kyrgyzstan",
            "Tajikistan",
            "Turkmenistan",
            "Uzbekistan",
            "Case studies",
            "Astana Hub technopark",
            "Conclusions",
            "Annex I",
            "Annex II",
        ],
    );
    let ru = project
        .root
        .join("output/gc-2022-innovation/draft/gc-2022-innovation.ru.pdf");
    let text = pdftotext(&ru).unwrap();
    let body_start = text.rfind("Мандат").map(|i| &text[i..]);
    let body_start = body_start.expect("the Russian body has its section «Мандат»");
    // In the English order, so that every paragraph has the same number in both versions.
    assert_in_order(
        body_start,
        &[
            "Афганистан",
            "Азербайджан",
            "Казахстан",
            "Кыргызстан",
            "Таджикистан",
            "Туркменистан",
            "Узбекистан",
        ],
    );
}

#[test]
fn typst_and_markup_in_contributions_print_literally() {
    let project = TempProject::fixture("minimal");
    let hostile = concat!(
        "HOSTILE-START #read(\"/etc/passwd\") $x^2$ <label> @ref *no* _no_ `code` \\ [b] = eq -- ~ ",
        "#set page(width: 1cm) #import \"/template/un-document.typ\": * ",
        "{{front}} ]; #panic(\"boom\") HOSTILE-END\n\n",
        "= not a heading\n\n+ not an enum\n\n",
        "```typst\n#panic(\"in raw\")\n```\n\n",
        "<w:p>OOXML</w:p> { PAGE }\n",
    );
    project.write(
        "sources/countries/uzb.en.md",
        format!("---\ntype: country-input\ncountry: UZB\n---\n{hostile}"),
    );
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,typ", "--lang", "en"]);
    assert_eq!(code, 0, "{stderr}");
    // `<label>` reads as raw HTML to Markdown: the contract drops it, with a warning.
    assert!(
        stderr.contains("sources/countries/uzb.en.md:5:")
            && stderr.contains("raw HTML is left out"),
        "{stderr}"
    );
    let typ = String::from_utf8(project.read("output/brief/draft/brief.en.typ")).unwrap();
    assert!(
        typ.contains(r#"#read(\"/etc/passwd\")"#),
        "the text is kept inside a string literal"
    );
    let Some(text) = pdftotext(&project.root.join("output/brief/draft/brief.en.pdf")) else {
        return;
    };
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for literal in [
        "#read(\"/etc/passwd\")",
        "$x^2$",
        "@ref",
        "#set page(width: 1cm)",
        "#panic(\"boom\")",
        "= not a heading",
        "#panic(\"in raw\")",
        "{ PAGE }",
    ] {
        assert!(
            flat.contains(literal),
            "{literal:?} is not printed literally in:\n{flat}"
        );
    }
    assert!(
        !flat.contains("root:x:0"),
        "a file outside the project was read"
    );
}

#[test]
fn pdf_passes_qpdf_and_embeds_every_font() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--lang", "ru"]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.root.join("output/brief/draft/brief.ru.pdf");
    if common::reader("qpdf").is_some() {
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if common::reader("pdffonts").is_some() {
        let out = std::process::Command::new("pdffonts")
            .arg(&pdf)
            .output()
            .unwrap();
        let table = String::from_utf8_lossy(&out.stdout).into_owned();
        let fonts: Vec<&str> = table.lines().skip(2).collect();
        assert!(!fonts.is_empty(), "{table}");
        // Columns: name type encoding emb sub uni object ID; every font embedded.
        for font in fonts {
            let cols: Vec<&str> = font.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "font not embedded: {font}");
        }
        assert!(table.contains("Libertinus"), "{table}");
    }
}

#[test]
fn build_and_watch_refuse_a_language_or_document_the_project_lacks_alike() {
    let project = TempProject::fixture("minimal");
    for command in ["build", "watch"] {
        let (code, _, stderr) = project.run(&[command, "--lang", "fr"]);
        assert_eq!(code, 2, "{command} --lang fr: {stderr}");
        assert!(
            stderr.contains("\"fr\" is not a language of the meeting"),
            "{command}: {stderr}"
        );
        let (code, _, stderr) = project.run(&[command, "brif"]);
        assert_eq!(code, 2, "{command} brif: {stderr}");
        assert!(
            stderr.contains("did you mean \"brief\"?"),
            "{command}: {stderr}"
        );
    }
    assert!(!project.root.join("output").exists(), "nothing was built");
}

#[test]
fn keep_going_builds_drafts_without_the_broken_contribution_and_names_it() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/countries/kgz.en.md",
        "country: KGZ",
        "country: KGX",
    );
    // Without --keep-going nothing is built.
    let (code, _, _) = project.run(&["build", "--to", "pdf"]);
    assert_eq!(code, 1);
    assert!(!project.root.join("output/brief").exists());
    // A final build never leaves anything out.
    let (code, _, stderr) = project.run(&["build", "--keep-going", "--final"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = project.run(&["build", "--keep-going", "--to", "pdf,docx"]);
    assert_eq!(code, 1, "the build still fails:\n{stderr}");
    assert!(
        stderr.contains("sources/countries/kgz.en.md:3:10: error"),
        "{stderr}"
    );
    let dir = project.root.join("output/brief/draft");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["left_out"],
        serde_json::json!(["sources/countries/kgz.en.md"])
    );
    if let Some(first_page) = common::pdftotext_pages(&dir.join("brief.en.pdf"), 1, 1) {
        let first_page = first_page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            first_page.contains(
                "Left out of this draft because their files have errors: sources/countries/kgz.en.md."
            ),
            "{first_page}"
        );
    }
    if let Some(text) = pdftotext(&dir.join("brief.en.pdf")) {
        assert!(text.contains("KAZ-EN-PARAGRAPH-ONE"), "the others are in");
        assert!(!text.contains("KGZ-EN-PARAGRAPH"), "the broken one is not");
    }
    let docx = common::ooxml::Docx::open(&dir.join("brief.ru.docx")).xml("word/document.xml");
    assert!(docx.contains("В этот проект не вошли материалы, в файлах которых есть ошибки: sources/countries/kgz.en.md."));
    assert!(docx.contains("KAZ-RU-ABZATS"), "the others are in");
    assert!(!docx.contains("KGZ-EN-PARAGRAPH"));
}

/// A typesetting error is reported where the sources hold the text it concerns, naming the
/// template's place too (the template may be at fault); one whose text the sources do not
/// hold is reported at the document, with the template's file as the project has it.
#[test]
fn typesetting_errors_are_reported_at_the_text_they_concern() {
    let project = TempProject::fixture("minimal");
    let template =
        std::fs::read_to_string(common::repo().join("templates/un-document/un-document.typ"))
            .unwrap();
    // A template that refuses one heading's text (Typst stops at the first such error).
    let refusing = format!(
        "{template}\n#let un-heading-as-built = un-heading\n\
         #let un-heading(level, number, body) = {{\n  \
           if repr(body).contains(\"Beta\") {{ panic(\"no Beta\") }}\n  \
           un-heading-as-built(level, number, body)\n}}\n"
    );
    project.write("templates/un-document/un-document.typ", &refusing);
    let (code, _, stderr) = project.run(&["build", "--lang", "en", "--to", "pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "sources/case-studies/kaz-beta.en.md:4:8: error: typesetting this text failed: templates/un-document/un-document.typ:"
        ) && stderr.contains("panicked with: no Beta"),
        "{stderr}"
    );
    assert!(!stderr.contains("/template/"), "{stderr}");
    // A byline is made of several fields: no one line of the sources holds it.
    project.write(
        "templates/un-document/un-document.typ",
        format!("{template}\n#let un-byline(body) = panic(\"no bylines\")\n"),
    );
    let (code, _, stderr) = project.run(&["build", "--lang", "en", "--to", "pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "sources/documents/brief.yaml: error: templates/un-document/un-document.typ:"
        ) && stderr.contains("panicked with: no bylines"),
        "{stderr}"
    );
    assert!(!stderr.contains("/template/"), "{stderr}");
    assert!(
        stderr.contains("sources/documents/brief.yaml: error: typesetting brief.en.pdf failed: see the problems above"),
        "{stderr}"
    );
}

/// `template export` writes the built-in template; used as the project's own, it gives the
/// same bytes (the manifest then names the project's files instead of the built-in ones). A
/// second export writes nothing over the first.
#[test]
fn an_exported_template_builds_the_same_bytes() {
    let project = TempProject::fixture("minimal");
    // The version is printed in the documents: every build is of the same one.
    let build = || {
        let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx,typ"]);
        assert_eq!(code, 0, "{stderr}");
        let path = project.root.join("output/brief/draft/manifest.json");
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(path).unwrap()).unwrap()
    };
    let before = build();
    let (code, stdout, stderr) = project.run(&["template", "export"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("templates/un-document/un-document.typ"),
        "{stdout}"
    );
    let exported = project.root.join("templates/un-document/un-document.typ");
    assert_eq!(
        std::fs::read(&exported).unwrap(),
        std::fs::read(common::repo().join("templates/un-document/un-document.typ")).unwrap()
    );
    let after = build();
    assert_eq!(before["outputs"], after["outputs"], "the same bytes");
    // PDF, DOCX, Typst source and model snapshot in both languages.
    assert_eq!(before["outputs"].as_array().unwrap().len(), 8);
    let inputs = after["inputs"].to_string();
    assert!(
        inputs.contains("\"templates/un-document/un-document.typ\""),
        "{inputs}"
    );
    assert!(!inputs.contains("builtin:"), "{inputs}");
    // A change to the exported file is what the next build uses.
    project.edit(
        "templates/un-document/labels.yaml",
        "contents: Contents",
        "contents: Table of contents",
    );
    assert_ne!(build()["outputs"], after["outputs"]);
    let (code, _, stderr) = project.run(&["template", "export"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the file exists; nothing was written"),
        "{stderr}"
    );
    assert!(
        std::fs::read_to_string(project.root.join("templates/un-document/labels.yaml"))
            .unwrap()
            .contains("Table of contents")
    );
}

/// The page is declared once, in the template's `page.yaml`, and both writers take it: a
/// project's US Letter page with 3 cm margins is the PDF's page size and the DOCX's section.
/// A page that leaves no room for text is an error at the file.
#[test]
fn both_writers_take_the_page_of_page_yaml() {
    let project = TempProject::fixture("minimal");
    project.write(
        "templates/un-document/page.yaml",
        "width: 21.59\nheight: 27.94\nmargin-top: 3\nmargin-bottom: 3\nmargin-left: 3\nmargin-right: 3\nheader: 1.5\nfooter: 1.5\n",
    );
    let (code, _, stderr) = project.run(&["build", "--lang", "en", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let dir = project.root.join("output/brief/draft");
    let xml = common::ooxml::Docx::open(&dir.join("brief.en.docx")).xml("word/document.xml");
    assert!(
        xml.contains("<w:pgSz w:w=\"12240\" w:h=\"15840\"/>"),
        "{xml}"
    );
    assert!(
        xml.contains("<w:pgMar w:top=\"1701\" w:right=\"1701\" w:bottom=\"1701\" w:left=\"1701\" w:header=\"850\" w:footer=\"850\""),
        "{xml}"
    );
    if common::reader("pdfinfo").is_some() {
        let output = std::process::Command::new("pdfinfo")
            .arg(dir.join("brief.en.pdf"))
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&output.stdout);
        // 21.59 cm × 27.94 cm is 612 × 792 points.
        assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    }
    project.write(
        "templates/un-document/page.yaml",
        "width: 10\nheight: 29.7\nmargin-top: 2\nmargin-bottom: 2\nmargin-left: 5\nmargin-right: 5\nheader: 1\nfooter: 1\n",
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/un-document/page.yaml: error: the page's lengths must be positive, and the margins must leave room for the text"),
        "{stderr}"
    );
}

/// A language is added with data alone: the meeting lists Kazakh, the project's labels.yaml
/// gives the document's words, its templates/messages/kk.yaml some of the tool's own (the rest
/// falls back to English), and the table of languages already knows its Word tag and decimal
/// comma. Texts nobody translated yet stand in their original language, with warnings.
#[test]
fn a_language_is_added_with_data_alone() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/meeting.yaml",
        "languages: [en, ru]",
        "languages: [en, ru, kk]",
    );
    let builtin =
        std::fs::read_to_string(common::repo().join("templates/un-document/labels.yaml")).unwrap();
    let kazakh = "kk:
  united-nations: Біріккен Ұлттар Ұйымы
  distr: \"Distr.:\"
  distribution: {General: General, Limited: Limited, Restricted: Restricted}
  original: \"Original:\"
  languages: {en: English, ru: Russian, kk: Kazakh}
  contents: Мазмұны
  summary: Түйіндеме
  annex: Қосымша
  draft: Жоба
  version: Нұсқа
  page: Бет
  country: Ел
  title: Атауы
  organization: Ұйым
  themes: Тақырыптар
  source: Дереккөз
  sources: Дереккөздер
  not-available: \"деректер жоқ\"
  other: Басқа
  months: [қаңтар, ақпан, наурыз, сәуір, мамыр, маусым, шілде, тамыз, қыркүйек, қазан, қараша, желтоқсан]
  date-format: \"{year} жылғы {day} {month}\"
";
    project.write(
        "templates/un-document/labels.yaml",
        format!("{builtin}{kazakh}"),
    );
    project.write(
        "templates/messages/kk.yaml",
        "status:
  title: Материалдарды ұсыну барысы
  errors: {one: қате, other: қате}
form:
  fields-heading: Материал туралы
  labels: {country: Ел}
skeleton:
  fill-in: Бұрыштық жақшадағы әр мәтінді өзіңіздікімен ауыстырыңыз.
",
    );
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = project.run(&["build", "--lang", "kk", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");

    // The tool's own words: the status page, a form and a skeleton in Kazakh.
    let (code, page, stderr) = project.run(&["status", "--format", "html", "--lang", "kk"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(page.contains("<html lang=\"kk\">"), "{page}");
    assert!(
        page.contains("<h1>Материалдарды ұсыну барысы</h1>"),
        "{page}"
    );
    assert!(
        page.contains("Country inputs by language"),
        "English where kk.yaml is silent"
    );
    let (code, _, stderr) = project.run(&["form", "KGZ", "--lang", "kk"]);
    assert_eq!(code, 0, "{stderr}");
    let form = common::ooxml::Docx::open(&project.root.join("forms/kgz.country-input.kk.docx"))
        .xml("word/document.xml");
    assert!(
        form.contains("Материал туралы") && form.contains(">Ел<"),
        "{form}"
    );
    assert!(
        form.contains("Type of contribution"),
        "English where kk.yaml is silent"
    );
    let (code, _, stderr) = project.run(&["new", "country-input", "KAZ", "--lang", "kk"]);
    assert_eq!(code, 0, "{stderr}");
    let skeleton = String::from_utf8(project.read("sources/countries/kaz.kk.md")).unwrap();
    assert!(skeleton.contains("Бұрыштық жақшадағы"), "{skeleton}");

    // A catalog's mistake is reported where it is, by every command that loads the project.
    project.write("templates/messages/kk.yaml", "status:\n  titel: x\n");
    let (code, _, stderr) = project.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("templates/messages/kk.yaml:2:3: error: there is no message status.titel"),
        "{stderr}"
    );
    let dir = project.root.join("output/brief/draft");
    let xml = common::ooxml::Docx::open(&dir.join("brief.kk.docx")).xml("word/document.xml");
    assert!(xml.contains("Біріккен Ұлттар Ұйымы"), "the labels");
    assert!(xml.contains("90,9"), "the decimal comma");
    let styles = common::ooxml::Docx::open(&dir.join("brief.kk.docx")).xml("word/styles.xml");
    assert!(styles.contains("w:val=\"kk-KZ\""), "Word's language tag");
    if let Some(text) = pdftotext(&dir.join("brief.kk.pdf")) {
        assert!(text.contains("Мазмұны") && text.contains("90,9"), "{text}");
    }
}
