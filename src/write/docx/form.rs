//! A submission form ([`Form`]) as a Word file: the fields as content controls (`w:sdt`)
//! tagged with their path in the contract, each beside a visible label; the indicators table;
//! the text in one block-level control tagged `body`, pre-filled with headings and guidance.
//!
//! Word, LibreOffice and python-docx open it. The importer reads it back by the tags, or by the
//! labels when a program dropped the controls. The styles are the template's (as a document's
//! are), without the headings' numbering, plus the three styles only a form uses.

use crate::model::{Date, FieldKind, Form, FormField};

use super::error::DocxError;
use super::package;
use super::styles::word_lang;
use super::template::DocxTemplate;
use super::xml::escape;

/// The style of the guidance under each heading of the text: import drops a paragraph in it
/// whose text is still the guidance.
pub(super) const GUIDANCE_STYLE: &str = "FormGuidance";

/// Styles a form uses that a document does not. Appended unless the template defines them.
const FORM_STYLES: &[(&str, &str)] = &[
    (
        GUIDANCE_STYLE,
        concat!(
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"FormGuidance\">",
            "<w:name w:val=\"Form Guidance\"/><w:basedOn w:val=\"SingleTxt\"/>",
            "<w:next w:val=\"SingleTxt\"/><w:qFormat/>",
            "<w:rPr><w:i/><w:iCs/><w:color w:val=\"595959\"/></w:rPr></w:style>"
        ),
    ),
    (
        "FormHeading",
        concat!(
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"FormHeading\">",
            "<w:name w:val=\"Form Heading\"/><w:basedOn w:val=\"Normal\"/>",
            "<w:next w:val=\"SingleTxt\"/>",
            "<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/></w:pPr>",
            "<w:rPr><w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>"
        ),
    ),
    (
        "PlaceholderText",
        concat!(
            "<w:style w:type=\"character\" w:styleId=\"PlaceholderText\">",
            "<w:name w:val=\"Placeholder Text\"/><w:basedOn w:val=\"DefaultParagraphFont\"/>",
            "<w:uiPriority w:val=\"99\"/><w:semiHidden/>",
            "<w:rPr><w:color w:val=\"808080\"/></w:rPr></w:style>"
        ),
    ),
];

/// The fill of the cells an expert writes in: the "grey boxes" the instructions speak of.
const FILL: &str = "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EDEDED\"/>";

/// The bytes of `form` as a `.docx` file, with the template's styles.
pub(super) fn form_docx(
    form: &Form,
    template: &DocxTemplate,
    build_date: Date,
    generator: &str,
) -> Result<Vec<u8>, DocxError> {
    let lang = word_lang(&form.lang);
    let numbering = template.numbering();
    let resolved = template.resolve_styles(&lang, numbering.num_base())?;
    let styles_xml = form_styles(&resolved.xml);
    let page = template
        .reference
        .as_ref()
        .and_then(|r| r.page)
        .unwrap_or_default();
    let style = |ours: &'static str| resolved.map.id(ours).to_string();

    let mut ids = 0u32;
    let mut body = String::new();
    body.push_str(&paragraph(&style("Title"), &run(&form.title)));
    body.push_str(&paragraph(&style("Subtitle"), &run(&form.subtitle)));
    for text in &form.instructions {
        body.push_str(&paragraph(&style("SingleTxt"), &run(text)));
    }

    body.push_str(&paragraph("FormHeading", &run(&form.fields_heading)));
    let text_width = page.text_width_twips();
    let label_width = text_width * 2 / 5;
    body.push_str(&table_start(
        &style("TableGrid"),
        &[label_width, text_width - label_width],
    ));
    for field in &form.fields {
        ids += 1;
        body.push_str("<w:tr>");
        body.push_str(&cell(
            label_width,
            "",
            &paragraph(&style("Normal"), &bold_run(&field.label)),
        ));
        body.push_str(&cell(
            text_width - label_width,
            FILL,
            &paragraph(&style("Normal"), &field_control(field, ids, &lang)),
        ));
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");

    if let Some(indicators) = &form.indicators {
        body.push_str(&paragraph("FormHeading", &run(&indicators.heading)));
        body.push_str(&paragraph(&style("SingleTxt"), &run(&indicators.note)));
        // Indicator, unit, value, year, source, in hundredths of the text width.
        let widths = [34, 18, 14, 10, 24].map(|share: i64| text_width * share / 100);
        body.push_str(&table_start(&style("TableGrid"), &widths));
        body.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
        for (column, width) in indicators.columns.iter().zip(widths) {
            body.push_str(&cell(
                width,
                "",
                &paragraph(&style("Normal"), &bold_run(column)),
            ));
        }
        body.push_str("</w:tr>");
        for row in &indicators.rows {
            body.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            body.push_str(&cell(
                widths[0],
                "",
                &paragraph(&style("Normal"), &run(&row.label)),
            ));
            body.push_str(&cell(
                widths[1],
                "",
                &paragraph(&style("Normal"), &run(&row.unit)),
            ));
            for (part, width) in ["value", "year", "source"].iter().zip(&widths[2..]) {
                ids += 1;
                let tag = format!("indicators.{}.{part}", row.id);
                let alias = format!("{}: {}", row.label, part);
                body.push_str(&cell(
                    *width,
                    FILL,
                    &paragraph(&style("Normal"), &empty_control(&tag, &alias, ids)),
                ));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }

    body.push_str(&paragraph("FormHeading", &run(&form.body_heading)));
    ids += 1;
    let mut text = String::new();
    for section in &form.sections {
        // Word's own Heading 1, its numbering switched off: the expert's headings are not
        // numbered in a form; the document numbers them.
        text.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr><w:ind w:left=\"0\" w:firstLine=\"0\"/></w:pPr>{}</w:p>",
            escape(&style("Heading1")),
            run(&section.heading)
        ));
        text.push_str(&paragraph(GUIDANCE_STYLE, &run(&section.guidance)));
    }
    body.push_str(&format!(
        concat!(
            "<w:sdt><w:sdtPr><w:alias w:val=\"{alias}\"/><w:tag w:val=\"body\"/><w:id w:val=\"{id}\"/>",
            "<w:richText/></w:sdtPr><w:sdtContent>{text}</w:sdtContent></w:sdt>"
        ),
        alias = escape(&form.body_heading),
        id = ids,
        text = text,
    ));
    // A paragraph after the control, so that Word lets the cursor leave it.
    body.push_str(&paragraph(&style("SingleTxt"), ""));

    let parts = package::FormParts {
        title: &form.title,
        identifier: &form.id,
        lang: &lang,
        build_date,
        generator,
        styles_xml,
        theme: template.reference.as_ref().and_then(|r| r.theme.clone()),
        body,
        page: &page,
    };
    package::assemble_form(&parts)
}

/// The template's styles for a form: numbering links removed (a form writes no numbering
/// part, and its headings are not numbered), the form's own styles appended.
fn form_styles(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() + 1024);
    let mut rest = xml;
    while let Some(start) = rest.find("<w:numPr>") {
        let Some(len) = rest[start..].find("</w:numPr>") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + "</w:numPr>".len()..];
    }
    out.push_str(rest);
    let mut extra = String::new();
    for (id, definition) in FORM_STYLES {
        if !out.contains(&format!("w:styleId=\"{id}\"")) {
            extra.push_str(definition);
        }
    }
    match out.rfind("</w:styles>") {
        Some(end) => out.insert_str(end, &extra),
        None => out.push_str(&extra),
    }
    out
}

fn paragraph(style: &str, content: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>{content}</w:p>",
        escape(style)
    )
}

fn run(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

fn bold_run(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

fn placeholder_run(text: &str) -> String {
    format!(
        "<w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

fn table_start(style: &str, widths: &[i64]) -> String {
    let mut out = format!(
        concat!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/>",
            "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" ",
            "w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        ),
        escape(style),
        widths.iter().sum::<i64>()
    );
    for width in widths {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    out
}

fn cell(width: i64, shading: &str, content: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shading}</w:tcPr>{content}</w:tc>"
    )
}

/// A field's run-level content control: the known value locked, or a placeholder to replace.
fn field_control(field: &FormField, id: u32, word_lang: &str) -> String {
    let mut pr = format!(
        "<w:alias w:val=\"{}\"/><w:tag w:val=\"{}\"/><w:id w:val=\"{id}\"/>",
        escape(&field.label),
        escape(&field.tag)
    );
    let content = match &field.value {
        Some(value) => {
            pr.push_str("<w:lock w:val=\"sdtContentLocked\"/>");
            run(value)
        }
        None => {
            pr.push_str("<w:showingPlcHdr/>");
            placeholder_run(&field.placeholder)
        }
    };
    pr.push_str(&match field.kind {
        FieldKind::Text => "<w:text/>".to_string(),
        FieldKind::Paragraph => "<w:text w:multiLine=\"1\"/>".to_string(),
        // Word's date picker, writing the date as the contract does.
        FieldKind::Date => format!(
            concat!(
                "<w:date><w:dateFormat w:val=\"yyyy-MM-dd\"/><w:lid w:val=\"{}\"/>",
                "<w:storeMappedDataAs w:val=\"dateTime\"/><w:calendar w:val=\"gregorian\"/></w:date>"
            ),
            escape(word_lang)
        ),
    });
    let after = match &field.after {
        Some(after) => run(&format!(" {after}")),
        None => String::new(),
    };
    format!("<w:sdt><w:sdtPr>{pr}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>{after}")
}

/// An empty run-level control of the indicators table.
fn empty_control(tag: &str, alias: &str, id: u32) -> String {
    format!(
        concat!(
            "<w:sdt><w:sdtPr><w:alias w:val=\"{}\"/><w:tag w:val=\"{}\"/><w:id w:val=\"{}\"/>",
            "<w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
        ),
        escape(alias),
        escape(tag),
        id,
        placeholder_run("\u{2002}\u{2002}\u{2002}")
    )
}
