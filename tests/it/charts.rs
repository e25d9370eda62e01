//! Indicator charts (`chart:` in a document's sections or annexes): drawn in the PDF and read
//! back with pdftotext, a native chart part in the DOCX with its values cached, rendered by
//! LibreOffice; an indicator no country reported is a warning and no figure.

use std::process::Command;

use crate::common;
use crate::common::ooxml::Docx;
use crate::common::{TempProject, assert_diag, assert_in_order, pdftotext};

const DOC: &str = "sources/documents/brief.yaml";

/// The minimal fixture with a chart section after the intro and a chart
/// annex without a title (the indicator's label then).
fn with_charts() -> TempProject {
    let project = TempProject::fixture("minimal");
    project.edit(
        DOC,
        "  - file: documents/brief/intro.md\n",
        "  - file: documents/brief/intro.md\n  - chart: {indicator: users, title: {en: Users online, ru: Пользователи онлайн}}\n",
    );
    project.edit(
        DOC,
        "annexes:\n",
        "annexes:\n  - heading: {en: Chart, ru: Диаграмма}\n    chart: {indicator: users}\n",
    );
    project
}

/// pdftotext's text with runs of spaces (the layout's columns) as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_chart_is_drawn_in_the_pdf_and_a_native_chart_in_the_docx() {
    let project = with_charts();
    assert!(
        project.errors().is_empty(),
        "{}",
        common::render(&project.errors())
    );
    let (code, _, stderr) = project.run(&["build", "--to", "pdf,docx"]);
    assert_eq!(code, 0, "{stderr}");
    let out = project.root.join("output/brief/draft");

    // The PDF: numbered through the document, countries in the language's order, values as
    // the language writes them, with their years, the unit and the source note.
    if let Some(text) = pdftotext(&out.join("brief.en.pdf")) {
        let text = flat(&text);
        assert_in_order(
            &text,
            &[
                "Figure I. Users online",
                "Kazakhstan 90.9 (2021)",
                "Kyrgyzstan 78",
                "%",
                "Source: ITU.",
                "Figure II. Internet users",
            ],
        );
    }
    if let Some(text) = pdftotext(&out.join("brief.ru.pdf")) {
        let text = flat(&text);
        assert_in_order(
            &text,
            &[
                "Рисунок I. Пользователи онлайн",
                "Казахстан 90,9 (2021)",
                "Кыргызстан 78",
                "Источник: ITU.",
                "Рисунок II. Пользователи Интернета",
            ],
        );
    }

    // The DOCX: a chart part with the categories and values cached, related from the document,
    // with its content type, inline with the generated alternative text.
    let docx = Docx::open(&out.join("brief.en.docx"));
    let chart = docx.xml("word/charts/chart1.xml");
    for fragment in [
        "<c:barDir val=\"bar\"/>",
        "<c:v>Kazakhstan (2021)</c:v>",
        "<c:v>Kyrgyzstan</c:v>",
        "<c:v>90.9</c:v>",
        "<c:v>78</c:v>",
        "<a:t>%</a:t>",
    ] {
        assert!(chart.contains(fragment), "{fragment} not in {chart}");
    }
    let tree = common::ooxml::parse(&chart);
    // The cache under the series' categories (`cat`) or values (`val`).
    let cached = |axis: &str, name: &str| {
        tree.descendants()
            .filter(|n| n.tag_name().name() == axis)
            .flat_map(|n| n.descendants())
            .find(|n| n.tag_name().name() == name)
            .map(|cache| {
                cache
                    .descendants()
                    .filter(|n| n.tag_name().name() == "v")
                    .filter_map(|n| n.text())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        cached("cat", "strCache"),
        ["Kazakhstan (2021)", "Kyrgyzstan"],
        "{chart}"
    );
    assert_eq!(cached("val", "numCache"), ["90.9", "78"], "{chart}");

    // Its data as an embedded workbook, which the chart's formulas point at, for Word's
    // "Edit Data"; the workbook itself is checked by a real reader below.
    for fragment in [
        "<c:f>Sheet1!$A$2:$A$3</c:f>",
        "<c:f>Sheet1!$B$2:$B$3</c:f>",
        "<c:f>Sheet1!$B$1</c:f>",
        "<c:externalData r:id=\"rId1\">",
    ] {
        assert!(chart.contains(fragment), "{fragment} not in {chart}");
    }
    // Where the schema wants it: after the text properties, last of the chart space here.
    let children: Vec<&str> = tree
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        children[children.len() - 2..],
        ["txPr", "externalData"],
        "{children:?}"
    );
    let chart_rels = docx.xml("word/charts/_rels/chart1.xml.rels");
    assert!(
        chart_rels.contains("Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet1.xlsx\""),
        "{chart_rels}"
    );
    let workbook = docx.bytes("word/embeddings/Microsoft_Excel_Worksheet1.xlsx");
    if common::readers::openpyxl() {
        let work = common::temp_dir("chart-workbook");
        let path = work.path().join("chart1.xlsx");
        std::fs::write(&path, workbook).unwrap();
        // Every cell of the one sheet, row by row, tab-separated, as openpyxl reads them.
        let script = "import openpyxl, sys\n\
                      book = openpyxl.load_workbook(sys.argv[1])\n\
                      print(book.sheetnames)\n\
                      for row in book['Sheet1'].iter_rows(values_only=True):\n    \
                      print('\\t'.join('' if v is None else repr(v) for v in row))";
        let output = Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "['Sheet1']\n\t'Users online'\n'Kazakhstan (2021)'\t90.9\n'Kyrgyzstan'\t78\n"
        );
    }
    assert!(docx.bytes("word/charts/chart2.xml").len() > 100);
    let types = docx.xml("[Content_Types].xml");
    assert!(types.contains("<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"), "{types}");
    assert!(types.contains("<Override PartName=\"/word/charts/chart1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"), "{types}");
    let rels = docx.xml("word/_rels/document.xml.rels");
    assert!(
        rels.contains("relationships/chart\" Target=\"charts/chart1.xml\""),
        "{rels}"
    );
    let document = docx.xml("word/document.xml");
    assert!(
        document.contains(
            "descr=\"Internet users, %, latest year: Kazakhstan 90.9 (2021), Kyrgyzstan 78\""
        ),
        "no alt text on the chart"
    );
    assert!(document.contains("uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""));
    assert_in_order(
        &document,
        &[
            "Figure I. Users online",
            "c:chart ",
            "Source:",
            "Figure II.",
        ],
    );
    let ru = Docx::open(&out.join("brief.ru.docx"));
    let chart = ru.xml("word/charts/chart1.xml");
    assert!(chart.contains("<c:v>Казахстан (2021)</c:v>"), "{chart}");

    // The PDF with its chart stays PDF/UA-1 and PDF/A-2a.
    for profile in ["ua1", "2a"] {
        common::assert_pdf_compliant(&out.join("brief.en.pdf"), profile);
    }

    // LibreOffice renders the chart: its labels are in the PDF it makes.
    if common::reader("soffice").is_none() {
        return;
    }
    let work = common::temp_dir("chart-soffice");
    let profile = format!("file://{}", work.path().join("profile").display());
    let status = Command::new("timeout")
        .arg("180")
        .arg("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(work.path())
        .arg(out.join("brief.en.docx"))
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let Some(text) = pdftotext(&work.path().join("brief.en.pdf")) else {
        return;
    };
    let text = flat(&text);
    assert_in_order(
        &text,
        &[
            "Figure I. Users online",
            "Kazakhstan (2021) 90.9",
            "Kyrgyzstan 78",
            "Source: ITU.",
        ],
    );
}

#[test]
fn a_chart_of_an_indicator_no_country_reported_is_a_warning_and_no_figure() {
    let project = TempProject::fixture("minimal");
    project.edit(
        "sources/meeting.yaml",
        "  - {id: users,",
        "  - {id: gerd, label: {en: R&D spending}, unit: \"% of GDP\"}\n  - {id: users,",
    );
    project.edit(
        DOC,
        "  - file: documents/brief/intro.md\n",
        "  - file: documents/brief/intro.md\n  - chart: {indicator: gerd}\n",
    );
    let (code, _, stderr) = project.run(&["build", "--to", "pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{DOC}:13:24: warning: no country reported \"gerd\""
        )),
        "{stderr}"
    );
    if let Some(text) = pdftotext(&project.root.join("output/brief/draft/brief.en.pdf")) {
        assert!(!text.contains("Figure"), "{text}");
    }
}

#[test]
fn a_chart_of_an_unknown_indicator_or_with_an_unknown_field_is_an_error_at_its_line() {
    let project = TempProject::fixture("minimal");
    project.edit(
        DOC,
        "  - file: documents/brief/intro.md\n",
        "  - file: documents/brief/intro.md\n  - chart: {indicator: user}\n  - chart: {indicator: users, colour: red}\n",
    );
    let errors = project.errors();
    assert_diag(&errors, DOC, 13, "unknown indicator \"user\"");
    assert!(
        errors
            .iter()
            .any(|d| d.line == 13 && d.hint.as_deref().is_some_and(|h| h.contains("users"))),
        "{}",
        common::render(&errors)
    );
    assert_diag(&errors, DOC, 14, "unknown field \"colour\" in a chart");
}

#[test]
fn a_changed_chart_is_marked_in_the_changes_pdf_with_its_old_values_as_text() {
    let project = with_charts();
    let (code, _, stderr) =
        project.run(&["build", "--lang", "en", "--to", "pdf", "--version", "1.0"]);
    assert_eq!(code, 0, "{stderr}");
    for lang in ["en", "ru"] {
        project.edit(
            &format!("sources/countries/kaz.{lang}.md"),
            "users: {value: 90.9",
            "users: {value: 92.5",
        );
    }
    let (code, _, stderr) = project.run(&[
        "build",
        "--lang",
        "en",
        "--to",
        "pdf",
        "--version",
        "1.1",
        "--compare-to",
        "1.0",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let pdf = project.root.join("output/brief/1.1/brief.en.changes.pdf");
    if let Some(text) = pdftotext(&pdf) {
        assert_in_order(
            &flat(&text),
            &[
                "Figure I. Users online",
                "Kazakhstan 92.5 (2021)",
                "[Internet users, %, latest year: Kazakhstan 90.9 (2021), Kyrgyzstan 78]",
            ],
        );
    }
    for profile in ["ua1", "2a"] {
        common::assert_pdf_compliant(&pdf, profile);
    }
}
