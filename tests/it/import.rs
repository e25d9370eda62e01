//! Word files into the contract: forms out (`speca-docs form`), filled the way Word fills them,
//! and Word files back in (`speca-docs import`), whether our forms or documents made by other
//! programs; then checked and built like any source. And every refusal of a hostile file.

use std::path::Path;
use std::time::Instant;

use crate::common;
use crate::common::word::{
    Filling, esc, fill_form, package, part, parts, set_part, strip_controls,
};
use crate::common::{TempProject, assert_in_order};

/// A PNG that the filled form inserts: 2 × 1 pixels.
fn png() -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/word/chart.png")).unwrap()
}

fn heading(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
        esc(text)
    )
}

fn para(runs: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"SingleTxt\"/></w:pPr>{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

fn item(level: u8, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
        run(text)
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:p>{}</w:p></w:tc>", run(text))
}

/// The text a focal point of Kyrgyzstan types into the Russian form of the minimal fixture.
fn filled_form(form: &[u8]) -> Vec<u8> {
    let body = [
        heading("Приоритеты"),
        para(&format!(
            "{}<w:r><w:rPr><w:b/></w:rPr><w:t>Цифровой Кыргызстан</w:t></w:r>{}<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>{}",
            run("Концепция "),
            run(" на 2019–2023 годы"),
            run(": *звёздочки*, [скобки], # решётка и <тег> остаются текстом.")
        )),
        item(0, "широкополосный доступ;"),
        item(1, "оптоволокно до районов;"),
        item(0, "электронные услуги."),
        heading("Прогресс"),
        format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Услуга"),
            cell("Число"),
            cell("Түндүк | онлайн"),
            cell("1 204")
        ),
        para(concat!(
            "<w:r><w:drawing><wp:inline><wp:extent cx=\"1905000\" cy=\"952500\"/>",
            "<wp:docPr id=\"1\" name=\"Picture 1\" descr=\"Схема системы Түндүк\"/>",
            "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">",
            "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"chart.png\"/><pic:cNvPicPr/></pic:nvPicPr>",
            "<pic:blipFill><a:blip r:embed=\"rIdPic1\"/></pic:blipFill><pic:spPr/></pic:pic>",
            "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )),
        // The guidance under "Проблемы" is left as the form wrote it: import drops it, and the
        // heading with nothing under it.
        heading("Проблемы"),
        "<w:p><w:pPr><w:pStyle w:val=\"FormGuidance\"/></w:pPr><w:r><w:t>Опишите основные проблемы и то, в чем помогло бы региональное сотрудничество или поддержка по линии СПЕКА.</w:t></w:r></w:p>".to_string(),
    ]
    .concat();
    let png = png();
    fill_form(
        form,
        &Filling {
            fields: &[
                ("focal-point.name", "Айгуль Тестова"),
                (
                    "focal-point.organization",
                    "Министерство цифрового развития",
                ),
                ("focal-point.email", "aigul@example.org"),
                ("submitted", "2023-04-28"),
                ("themes", "Навыки; Incubators"),
                ("indicators.users.value", "90,9"),
                ("indicators.users.year", "2022"),
                ("indicators.users.source", "МСЭ"),
            ],
            body,
            footnotes: &[(1, "Постановление № 2 от 14 декабря 2018 года.")],
            pictures: &[("rIdPic1", &png)],
        },
    )
}

/// The words typed into the form, each of which must reach the built documents.
const TYPED: &[&str] = &[
    "Концепция",
    "Цифровой Кыргызстан",
    "на 2019–2023 годы",
    "*звёздочки*, [скобки], # решётка и <тег> остаются текстом.",
    "широкополосный доступ;",
    "оптоволокно до районов;",
    "электронные услуги.",
    "Түндүк | онлайн",
    "Постановление № 2 от 14 декабря 2018 года.",
];

fn form_for(project: &TempProject, country: &str, lang: &str) -> Vec<u8> {
    let (code, _, err) = project.run(&["form", country, "--lang", lang]);
    assert_eq!(code, 0, "{err}");
    project.read(&format!(
        "forms/{}.country-input.{lang}.docx",
        country.to_ascii_lowercase()
    ))
}

#[test]
fn form_has_tagged_controls_labels_and_guidance() {
    let project = TempProject::fixture("minimal");
    let form = form_for(&project, "KGZ", "ru");
    let doc = part(&parts(&form), "word/document.xml");
    for tag in [
        "country",
        "language",
        "type",
        "focal-point.name",
        "focal-point.organization",
        "focal-point.email",
        "submitted",
        "themes",
        "indicators.users.value",
        "indicators.users.year",
        "indicators.users.source",
        "body",
    ] {
        assert!(doc.contains(&format!("<w:tag w:val=\"{tag}\"/>")), "{tag}");
    }
    // Known fields are filled and locked; labels stand beside the controls, in Russian.
    assert!(doc.contains(
        "<w:tag w:val=\"country\"/><w:id w:val=\"1\"/><w:lock w:val=\"sdtContentLocked\"/>"
    ));
    for text in [
        "Координатор: имя",
        "Дата представления",
        "Пользователи Интернета",
        "Приоритеты",
        "Прогресс",
        "Проблемы",
        "30 апреля 2023 года",
        "60",
    ] {
        assert!(doc.contains(text), "{text}");
    }
    assert!(doc.contains("<w:pStyle w:val=\"FormGuidance\"/>"));
    // Case-study forms ask for a title, organization, period, summary and themes.
    let (code, _, err) = project.run(&["form", "kaz", "--type", "case-study", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let doc = part(
        &parts(&project.read("forms/kaz.case-study.en.docx")),
        "word/document.xml",
    );
    for tag in [
        "title",
        "organization",
        "period",
        "summary",
        "themes",
        "submitted",
    ] {
        assert!(doc.contains(&format!("<w:tag w:val=\"{tag}\"/>")), "{tag}");
    }
    assert!(!doc.contains("indicators."));
}

#[test]
fn form_usage_errors() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["form", "Kazakstan"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean KAZ (Kazakhstan)?"), "{err}");
    let (code, _, err) = project.run(&["form", "--lang", "fr"]);
    assert_eq!(code, 2, "{err}");
    assert!(!project.root.join("forms").exists());
}

#[test]
fn filled_form_round_trip_to_pdf_and_docx() {
    let project = TempProject::fixture("minimal");
    // The Russian reply is Kyrgyzstan's only version (its English one says other things).
    project.remove("sources/countries/kgz.en.md");
    let form = form_for(&project, "KGZ", "ru");
    project.write("replies/kgz.docx", filled_form(&form));
    let (code, _, err) = project.run(&["import", "replies/kgz.docx"]);
    assert_eq!(code, 0, "{err}");
    let md = String::from_utf8(project.read("sources/countries/kgz.ru.md")).unwrap();
    for line in [
        "type: country-input\n",
        "country: \"KGZ\"\n",
        "language: \"ru\"\n",
        "  name: \"Айгуль Тестова\"\n",
        "  email: \"aigul@example.org\"\n",
        "submitted: 2023-04-28\n",
        "themes: [\"skills\", \"incubators\"]\n",
        "  \"users\": {value: 90.9, year: 2022, source: \"МСЭ\"}\n",
        "## Приоритеты\n",
        "## Прогресс\n",
        "![Схема системы Түндүк](../media/kgz-ru-1.png)",
        "годы[^1]: \\*звёздочки\\*",
        "1. широкополосный доступ;\n   - оптоволокно до районов;\n2. электронные услуги.\n",
        "| Түндүк \\| онлайн | 1 204 |",
        "[^1]: Постановление № 2 от 14 декабря 2018 года.",
    ] {
        assert!(md.contains(line), "{line:?} not in:\n{md}");
    }
    assert!(!md.contains("Проблемы"), "{md}");
    assert!(!md.contains("Опишите"), "{md}");
    assert_eq!(project.read("sources/media/kgz-ru-1.png"), png());

    // The file passes check, and status counts it.
    assert!(
        project.errors().is_empty(),
        "{}",
        common::render(&project.errors())
    );
    let (code, out, err) = project.run(&["status", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let status: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kgz = status["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "KGZ")
        .unwrap();
    assert_eq!(kgz["languages"], serde_json::json!(["ru"]), "{kgz}");

    let (code, _, err) = project.run(&["build", "--lang", "ru", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{err}");
    let docx = common::ooxml::Docx::open(&project.root.join("output/brief/draft/brief.ru.docx"));
    let document = docx.xml("word/document.xml");
    let notes = docx.xml("word/footnotes.xml");
    let doc_text = common::ooxml::text(common::ooxml::parse(&document).root_element());
    let note_text = common::ooxml::text(common::ooxml::parse(&notes).root_element());
    // The footnote stays a footnote; everything else is in the body.
    let (note, body) = TYPED.split_last().unwrap();
    for typed in body {
        assert!(
            doc_text.contains(typed),
            "{typed:?} is not in the DOCX's body"
        );
    }
    assert!(
        note_text.contains(note),
        "{note:?} is not a footnote of the DOCX"
    );
    assert!(!doc_text.contains(note));
    assert!(
        doc_text.contains("90,9"),
        "the indicator, as Russian writes it"
    );
    assert!(doc_text.contains("1 204"));
    if let Some(pdf) = common::pdftotext(&project.root.join("output/brief/draft/brief.ru.pdf")) {
        let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
        for typed in TYPED {
            let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&typed),
                "{typed:?} is not in the PDF:\n{flat}"
            );
        }
        assert!(flat.contains("90,9"));
    }
}

#[test]
fn a_form_whose_controls_were_lost_imports_by_its_labels() {
    let project = TempProject::fixture("minimal");
    let form = form_for(&project, "KGZ", "ru");
    let filled = filled_form(&form);
    project.write("replies/with.docx", &filled);
    project.write("replies/without.docx", strip_controls(&filled));
    let (code, with, err) = project.run(&["import", "--dry-run", "replies/with.docx"]);
    assert_eq!(code, 0, "{err}");
    let (code, without, err) = project.run(&["import", "--dry-run", "replies/without.docx"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        with.replace("with.docx", "X"),
        without.replace("without.docx", "X")
    );
    // A dry run writes nothing.
    assert!(!project.root.join("sources/countries/kgz.ru.md").exists());
}

#[test]
fn an_indicator_that_is_not_a_number_names_table_row_and_column() {
    let project = TempProject::fixture("minimal");
    let form = form_for(&project, "UZB", "en");
    let filled = fill_form(
        &form,
        &Filling {
            fields: &[
                ("indicators.users.value", "9O.9"),
                ("indicators.users.year", "2022"),
            ],
            body: heading("Priorities") + &para(&run("Text.")),
            footnotes: &[],
            pictures: &[],
        },
    );
    project.write("uzb.docx", filled);
    let (code, _, err) = project.run(&["import", "uzb.docx"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("uzb.docx: error: indicators table, row 2 (Internet users), column Value: \"9O.9\" is not a number"),
        "{err}"
    );
    assert!(!project.root.join("sources/countries/uzb.en.md").exists());
}

#[test]
fn import_never_overwrites_without_force() {
    let project = TempProject::fixture("minimal");
    // The English input alone: a new text for it would leave its translation behind.
    project.remove("sources/countries/kaz.ru.md");
    let form = form_for(&project, "KAZ", "en");
    let filled = fill_form(
        &form,
        &Filling {
            fields: &[],
            body: heading("Priorities") + &para(&run("New text.")),
            footnotes: &[],
            pictures: &[],
        },
    );
    project.write("kaz.docx", filled);
    let before = project.read("sources/countries/kaz.en.md");
    let (code, _, err) = project.run(&["import", "kaz.docx"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("exists already") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(project.read("sources/countries/kaz.en.md"), before);
    let (code, _, err) = project.run(&["import", "kaz.docx", "--force"]);
    assert_eq!(code, 0, "{err}");
    let after = String::from_utf8(project.read("sources/countries/kaz.en.md")).unwrap();
    assert!(after.contains("New text."), "{after}");
}

/// Imports a Word file made by another program into the minimal fixture as Uzbekistan's Russian
/// input, builds the Russian brief, and returns its DOCX text and PDF text (if poppler is here).
fn import_and_build(word_file: &str) -> (String, String, Option<String>) {
    let project = TempProject::fixture("minimal");
    let source = common::repo().join("tests/fixtures/word").join(word_file);
    let (code, _, err) = project.run(&[
        "import",
        source.to_str().unwrap(),
        "--country",
        "UZB",
        "--lang",
        "ru",
        "--type",
        "country-input",
    ]);
    assert_eq!(code, 0, "{err}");
    let md = String::from_utf8(project.read("sources/countries/uzb.ru.md")).unwrap();
    assert!(
        project.errors().is_empty(),
        "{}\n{md}",
        common::render(&project.errors())
    );
    let (code, _, err) = project.run(&["build", "--lang", "ru"]);
    assert_eq!(code, 0, "{err}");
    let docx = common::ooxml::Docx::open(&project.root.join("output/brief/draft/brief.ru.docx"));
    let doc =
        common::ooxml::text(common::ooxml::parse(&docx.xml("word/document.xml")).root_element())
            + "\n"
            + &common::ooxml::text(
                common::ooxml::parse(&docx.xml("word/footnotes.xml")).root_element(),
            );
    let pdf = common::pdftotext(&project.root.join("output/brief/draft/brief.ru.pdf"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    (md, doc, pdf)
}

#[test]
fn a_libreoffice_document_arrives_in_order() {
    let (md, docx, pdf) = import_and_build("libreoffice.docx");
    assert!(md.contains("## Приоритеты"), "{md}");
    assert!(
        md.contains("![Схема сети инкубаторов Таджикистана]("),
        "{md}"
    );
    let expected = [
        "Правительство Таджикистана приняло",
        "Концепцию цифровой экономики",
        "развитие инфраструктуры;",
        "оптоволоконные линии;",
        "цифровые навыки",
        "Открыто пять бизнес-инкубаторов.",
        "Душанбе",
        "1 204",
        "Худжанд | Бохтар",
        "48,5",
        "Стоимость доступа остается высокой: 1 Мбит/с стоит *дороже*, чем в соседних странах [по данным МСЭ].",
    ];
    assert_in_order(&docx, &expected);
    assert!(docx.contains("Постановление Правительства № 642 от 30 декабря 2019 года."));
    if let Some(pdf) = pdf {
        assert_in_order(&pdf, &expected[..6]);
        assert!(pdf.contains("Постановление Правительства № 642"));
    }
}

#[test]
fn a_pandoc_document_arrives_in_order() {
    let (md, docx, pdf) = import_and_build("pandoc.docx");
    assert!(md.contains("## Приоритеты"), "{md}");
    let expected = [
        "Правительство Кыргызстана утвердило",
        "Концепцию цифровой трансформации",
        "широкополосный доступ в селах;",
        "оптоволокно до районных центров;",
        "4G вдоль дорог;",
        "электронные услуги",
        "Түндүк",
        "Услуги онлайн",
        "1 204",
        "48,5",
        "90,9",
        "сайт министерства",
    ];
    assert_in_order(&docx, &expected);
    assert!(docx.contains("Постановление Правительства от 14 декабря 2018 года № 2."));
    assert!(docx.contains("Второй абзац сноски."));
    if let Some(pdf) = pdf {
        assert_in_order(&pdf, &expected[..5]);
    }
}

/// Imports `bytes` as `name` into the minimal fixture with every flag a plain document needs;
/// asserts exit 1, a message holding `fragment`, nothing written, and a quick refusal.
fn assert_refused(name: &str, bytes: &[u8], fragment: &str) {
    let project = TempProject::fixture("minimal");
    project.write(name, bytes);
    let before = tree(&project.root.join("sources"));
    let started = Instant::now();
    let (code, _, err) = project.run(&[
        "import",
        name,
        "--country",
        "UZB",
        "--lang",
        "en",
        "--type",
        "country-input",
    ]);
    let took = started.elapsed();
    assert_eq!(code, 1, "{name}: {err}");
    assert!(
        err.contains(fragment),
        "{name}: {fragment:?} not in:\n{err}"
    );
    assert_eq!(
        tree(&project.root.join("sources")),
        before,
        "{name}: sources/ changed"
    );
    eprintln!("{name}: refused in {took:?}");
    // A refusal reads no more than it must; far below this bound, which only catches a hang.
    assert!(took.as_secs() < 20, "{name}: took {took:?}");
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            out.extend(tree(&entry.path()));
        } else {
            out.push((
                entry.path().display().to_string(),
                std::fs::read(entry.path()).unwrap(),
            ));
        }
    }
    out.sort();
    out
}

fn pandoc_parts() -> Vec<(String, Vec<u8>)> {
    parts(&std::fs::read(common::repo().join("tests/fixtures/word/pandoc.docx")).unwrap())
}

#[test]
fn refuses_unaccepted_tracked_changes() {
    let mut parts = pandoc_parts();
    let doc = part(&parts, "word/document.xml").replacen(
        "<w:r>",
        "<w:ins w:id=\"901\" w:author=\"Editor\" w:date=\"2023-01-01T00:00:00Z\"><w:r><w:t>inserted</w:t></w:r></w:ins><w:r>",
        1,
    );
    set_part(&mut parts, "word/document.xml", doc);
    assert_refused("changes.docx", &package(&parts), "tracked change");
}

#[test]
fn refuses_a_zip_bomb() {
    // 300 MB of one byte deflates to about 300 kB: far beyond any part's bound and ratio.
    let mut parts = pandoc_parts();
    let mut doc = part(&parts, "word/document.xml").into_bytes();
    doc.extend(std::iter::repeat_n(b' ', 300 << 20));
    set_part(&mut parts, "word/document.xml", doc);
    assert_refused("bomb.docx", &package(&parts), "the file is refused");
}

#[test]
fn refuses_a_dtd_with_an_external_entity() {
    let mut parts = pandoc_parts();
    let doc = part(&parts, "word/document.xml").replacen(
        "?>",
        "?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        1,
    );
    let doc = doc.replacen("<w:t>", "<w:t>&xxe;", 1);
    set_part(&mut parts, "word/document.xml", doc);
    assert_refused("dtd.docx", &package(&parts), "DTD");
}

#[test]
fn refuses_a_macro_enabled_file() {
    let bytes = std::fs::read(common::repo().join("tests/fixtures/word/pandoc.docx")).unwrap();
    assert_refused("macros.docm", &bytes, "macro");
    let mut parts = pandoc_parts();
    set_part(
        &mut parts,
        "word/vbaProject.bin",
        b"not really VBA".to_vec(),
    );
    assert_refused("hidden-macros.docx", &package(&parts), "macro");
}

#[test]
fn refuses_a_package_path_with_dot_dot() {
    // A relationship that points out of the package…
    let mut parts = pandoc_parts();
    let rels = part(&parts, "word/_rels/document.xml.rels");
    let rels = rels.replace("Target=\"media/", "Target=\"../../../../media/");
    set_part(&mut parts, "word/_rels/document.xml.rels", rels);
    assert_refused("dots.docx", &package(&parts), "outside the Word file");
    // …and an entry whose name climbs out of it.
    let mut parts = pandoc_parts();
    set_part(&mut parts, "../../evil.png", b"not a picture".to_vec());
    assert_refused("entry.docx", &package(&parts), "outside the Word file");
}

#[test]
fn a_plain_document_needs_the_flags_that_say_what_it_is() {
    let project = TempProject::fixture("minimal");
    let source = common::repo().join("tests/fixtures/word/pandoc.docx");
    let (code, _, err) = project.run(&["import", source.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for flag in ["--country", "--lang ru", "--type"] {
        assert!(err.contains(flag), "{flag} not in:\n{err}");
    }
    let (code, _, err) = project.run(&[
        "import",
        source.to_str().unwrap(),
        "--country",
        "Tajikistan",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn forms_open_in_python_docx_pandoc_and_libreoffice() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["form", "KGZ"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = project.run(&["form", "UZB", "--type", "case-study", "--lang", "ru"]);
    assert_eq!(code, 0, "{err}");
    let Some(texts) = common::run_docx_readers(&project.root.join("forms"), &[]) else {
        return;
    };
    // The first line is the form's title, which pandoc takes for metadata and does not print
    // as text: it is looked for in LibreOffice's rendering only.
    let expect = |name: &str, lines: &[&str]| {
        let flat = |reader: &str| {
            texts[reader]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_in_order(&flat(&format!("{name}.pdf")), lines);
        assert_in_order(&flat(name), &lines[1..]);
    };
    expect(
        "kgz.country-input.en",
        &[
            "Submission form: country input",
            "Kyrgyzstan",
            "30 April 2023",
            "60 words",
            "Country",
            "KGZ (Kyrgyzstan)",
            "Focal point: e-mail",
            "Date of submission",
            "Internet users",
            "Text of the contribution",
            "Priorities",
            "Progress",
            "Challenges",
        ],
    );
    expect(
        "kgz.country-input.ru",
        &[
            "Форма представления материалов: страновой вклад",
            "30 апреля 2023 года",
            "KGZ (Кыргызстан)",
            "Координатор: имя",
            "Пользователи Интернета",
            "Текст материала",
            "Приоритеты",
        ],
    );
    expect(
        "uzb.case-study.ru",
        &[
            "Форма представления материалов: тематическое исследование",
            "Название",
            "Резюме",
            "Темы",
            "Навыки; Инкубаторы",
            "Предыстория",
            "Выводы",
        ],
    );
}

#[test]
fn a_case_study_form_becomes_a_case_study() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["form", "KGZ", "--type", "case-study", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let form = project.read("forms/kgz.case-study.en.docx");
    let filled = fill_form(
        &form,
        &Filling {
            fields: &[
                ("title", "Bishkek Startup Hub"),
                ("organization", "Hub: \"Bishkek\" #1"),
                ("period", "2019–2023"),
                ("summary", "A hub for start-ups in Bishkek."),
                ("themes", "Incubators"),
                ("submitted", "28.04.2023"),
            ],
            body: heading("Background") + &para(&run("It began in 2019.")),
            footnotes: &[],
            pictures: &[],
        },
    );
    project.write("hub.docx", filled);
    let (code, _, err) = project.run(&["import", "hub.docx"]);
    assert_eq!(code, 0, "{err}");
    // The id is made from the title, and says so.
    assert!(
        err.contains("\"kgz-bishkek-startup-hub\", made from its title"),
        "{err}"
    );
    let md = String::from_utf8(project.read("sources/case-studies/kgz-bishkek-startup-hub.en.md"))
        .unwrap();
    for line in [
        "type: case-study\n",
        "id: \"kgz-bishkek-startup-hub\"\n",
        "title: \"Bishkek Startup Hub\"\n",
        "organization: \"Hub: \\\"Bishkek\\\" #1\"\n",
        "period: \"2019–2023\"\n",
        "summary: \"A hub for start-ups in Bishkek.\"\n",
        "submitted: 2023-04-28\n",
        "themes: [\"incubators\"]\n",
        "## Background\n\nIt began in 2019.\n",
    ] {
        assert!(md.contains(line), "{line:?} not in:\n{md}");
    }
    assert!(
        project.errors().is_empty(),
        "{}",
        common::render(&project.errors())
    );
}

#[test]
fn json_names_the_files_written_and_every_problem() {
    let project = TempProject::fixture("minimal");
    let source = common::repo().join("tests/fixtures/word/pandoc.docx");
    let source = source.to_str().unwrap();
    let (code, out, err) = project.run(&[
        "import",
        source,
        "--country",
        "UZB",
        "--lang",
        "ru",
        "--type",
        "country-input",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        report["files"][0]["file"], "sources/countries/uzb.ru.md",
        "{report}"
    );
    assert_eq!(report["files"][0]["written"], true);
    // Broken: the same file again, without --force.
    let (code, out, _) = project.run(&[
        "import",
        source,
        "--country",
        "UZB",
        "--lang",
        "ru",
        "--type",
        "country-input",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["files"], serde_json::json!([]), "{report}");
    let problem = &report["diagnostics"][0];
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("exists already"),
        "{report}"
    );
}

/// A plain Word document of the given body paragraphs and tables (WordprocessingML), with
/// the pandoc fixture's package around it.
fn plain_document(body: &str) -> Vec<u8> {
    let mut parts = pandoc_parts();
    let doc = part(&parts, "word/document.xml");
    let start = doc.find("<w:body>").unwrap() + "<w:body>".len();
    let end = doc
        .find("<w:sectPr")
        .unwrap_or_else(|| doc.find("</w:body>").unwrap());
    let doc = format!("{}{}{}", &doc[..start], body, &doc[end..]);
    set_part(&mut parts, "word/document.xml", doc);
    package(&parts)
}

#[test]
fn a_table_in_the_text_is_never_taken_for_the_forms_fields() {
    let project = TempProject::fixture("minimal");
    let body = [
        para(&run("Figures by country:")),
        format!(
            "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Country"),
            cell("Value"),
            cell("Title"),
            cell("Not a title")
        ),
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Kept as text</w:t></w:r></w:p>".into(),
    ]
    .concat();
    project.write("plain.docx", plain_document(&body));
    let (code, md, err) = project.run(&[
        "import",
        "--dry-run",
        "plain.docx",
        "--country",
        "UZB",
        "--lang",
        "en",
        "--type",
        "country-input",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("country: \"UZB\""), "{md}");
    assert!(!md.contains("title:"), "{md}");
    assert!(md.contains("| Title | Not a title |"), "{md}");
    // A country input keeps a paragraph in Word's Title style as text.
    assert!(md.contains("Kept as text"), "{md}");
}

#[test]
fn text_typed_after_the_forms_box_is_imported_with_a_warning() {
    let project = TempProject::fixture("minimal");
    let form = form_for(&project, "UZB", "en");
    let filled = fill_form(
        &form,
        &Filling {
            fields: &[],
            body: heading("Priorities") + &para(&run("Inside the box.")),
            footnotes: &[],
            pictures: &[],
        },
    );
    // Word puts text typed below the box into the empty paragraph the form leaves there.
    let mut parts = parts(&filled);
    let doc = part(&parts, "word/document.xml");
    let at = doc.rfind("</w:sdt>").unwrap() + "</w:sdt>".len();
    let doc = format!(
        "{}{}{}",
        &doc[..at],
        para(&run("After the box.")),
        &doc[at..]
    );
    set_part(&mut parts, "word/document.xml", doc);
    project.write("uzb.docx", package(&parts));
    let (code, md, err) = project.run(&["import", "--dry-run", "uzb.docx"]);
    assert_eq!(code, 0, "{err}");
    assert_in_order(&md, &["Inside the box.", "After the box."]);
    assert!(
        err.contains("1 paragraph(s) stood after the form's box"),
        "{err}"
    );
}

#[test]
fn problems_the_import_causes_elsewhere_are_reported() {
    let project = TempProject::fixture("minimal");
    // Kazakhstan's Russian input exists under another name: the import makes a second one.
    let text = project.read("sources/countries/kaz.ru.md");
    project.remove("sources/countries/kaz.ru.md");
    project.write("sources/countries/kazakhstan.ru.md", text);
    let source = common::repo().join("tests/fixtures/word/pandoc.docx");
    let (code, _, err) = project.run(&[
        "import",
        source.to_str().unwrap(),
        "--country",
        "KAZ",
        "--lang",
        "ru",
        "--type",
        "country-input",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("kazakhstan.ru.md") && err.contains("kaz.ru.md"),
        "{err}"
    );
    assert!(err.contains("pandoc.docx"), "the Word file is named: {err}");
}

#[test]
fn two_files_for_one_contribution_and_a_missing_file() {
    let project = TempProject::fixture("minimal");
    let source = common::repo().join("tests/fixtures/word/pandoc.docx");
    let source = source.to_str().unwrap();
    let args = [
        "--country",
        "UZB",
        "--lang",
        "ru",
        "--type",
        "country-input",
    ];
    let (code, _, err) = project.run(&[&["import", source, source][..], &args].concat());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("would become sources/countries/uzb.ru.md too"),
        "{err}"
    );
    assert!(project.root.join("sources/countries/uzb.ru.md").exists());
    // A file that is not there is a usage error, and nothing is imported.
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&[&["import", source, "missing.docx"][..], &args].concat());
    assert_eq!(code, 2, "{err}");
    assert!(!project.root.join("sources/countries/uzb.ru.md").exists());
}
