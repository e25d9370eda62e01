//! A submission form ([`Form`]) as a Word file: the fields as content controls (`w:sdt`)
//! tagged with their path in the contract, each beside a visible label; the indicators table;
//! the text in one block-level control tagged `body`, pre-filled with headings and guidance.
//!
//! Word, LibreOffice and python-docx open it. The importer reads it back by the tags, or by the
//! labels when a program dropped the controls. The styles are the template's (as a document's
//! are), without the headings' numbering, plus the three styles only a form uses.

use crate::model::{Date, FieldKind, Form, FormField, SheetPiece, TranslationSheet};

use super::error::DocxError;
use super::package;
use super::styles::word_lang;
use super::template::DocxTemplate;
use crate::ooxml::XmlWriter;

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

/// How a paragraph's runs are written.
enum Runs<'a> {
    Plain(&'a str),
    Bold(&'a str),
    None,
}

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
    let mut body = XmlWriter::new();
    let out = &mut body;
    paragraph(out, &style("Title"), Runs::Plain(&form.title));
    paragraph(out, &style("Subtitle"), Runs::Plain(&form.subtitle));
    for text in &form.instructions {
        paragraph(out, &style("SingleTxt"), Runs::Plain(text));
    }

    paragraph(out, "FormHeading", Runs::Plain(&form.fields_heading));
    let text_width = page.text_width_twips();
    let label_width = text_width * 2 / 5;
    start_table(
        out,
        &style("TableGrid"),
        &[label_width, text_width - label_width],
    );
    for field in &form.fields {
        ids += 1;
        out.start("w:tr");
        start_cell(out, label_width, false);
        paragraph(out, &style("Normal"), Runs::Bold(&field.label));
        out.end();
        start_cell(out, text_width - label_width, true);
        start_paragraph(out, &style("Normal"));
        field_control(out, field, ids, &lang);
        out.end().end();
        out.end();
    }
    out.end();

    if let Some(indicators) = &form.indicators {
        paragraph(out, "FormHeading", Runs::Plain(&indicators.heading));
        paragraph(out, &style("SingleTxt"), Runs::Plain(&indicators.note));
        // Indicator, unit, value, year, source, in hundredths of the text width.
        let widths = [34, 18, 14, 10, 24].map(|share: i64| text_width * share / 100);
        start_table(out, &style("TableGrid"), &widths);
        out.start("w:tr").markup("<w:trPr><w:tblHeader/></w:trPr>");
        for (column, width) in indicators.columns.iter().zip(widths) {
            start_cell(out, width, false);
            paragraph(out, &style("Normal"), Runs::Bold(column));
            out.end();
        }
        out.end();
        for row in &indicators.rows {
            out.start("w:tr").markup("<w:trPr><w:cantSplit/></w:trPr>");
            start_cell(out, widths[0], false);
            paragraph(out, &style("Normal"), Runs::Plain(&row.label));
            out.end();
            start_cell(out, widths[1], false);
            paragraph(out, &style("Normal"), Runs::Plain(&row.unit));
            out.end();
            for (part, width) in ["value", "year", "source"].iter().zip(&widths[2..]) {
                ids += 1;
                let tag = format!("indicators.{}.{part}", row.id);
                let alias = format!("{}: {}", row.label, part);
                start_cell(out, *width, true);
                start_paragraph(out, &style("Normal"));
                empty_control(out, &tag, &alias, ids);
                out.end().end();
            }
            out.end();
        }
        out.end();
    }

    paragraph(out, "FormHeading", Runs::Plain(&form.body_heading));
    ids += 1;
    out.start("w:sdt")
        .start("w:sdtPr")
        .val("w:alias", &form.body_heading)
        .val("w:tag", "body")
        .val("w:id", ids)
        .leaf("w:richText")
        .end()
        .start("w:sdtContent");
    for section in &form.sections {
        // Word's own Heading 1, its numbering switched off: the expert's headings are not
        // numbered in a form; the document numbers them.
        out.start("w:p")
            .start("w:pPr")
            .val("w:pStyle", style("Heading1"))
            .markup(concat!(
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr>",
                "<w:ind w:left=\"0\" w:firstLine=\"0\"/>"
            ))
            .end();
        run(out, &section.heading);
        out.end();
        paragraph(out, GUIDANCE_STYLE, Runs::Plain(&section.guidance));
    }
    out.end().end();
    // A paragraph after the control, so that Word lets the cursor leave it.
    paragraph(out, &style("SingleTxt"), Runs::None);

    let parts = package::FormParts {
        title: &form.title,
        identifier: &form.id,
        lang: &lang,
        build_date,
        generator,
        styles_xml,
        theme: template.reference.as_ref().and_then(|r| r.theme.clone()),
        body: body.finish(),
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

fn start_paragraph(out: &mut XmlWriter, style: &str) {
    out.start("w:p").start("w:pPr").val("w:pStyle", style).end();
}

fn paragraph(out: &mut XmlWriter, style: &str, runs: Runs) {
    start_paragraph(out, style);
    match runs {
        Runs::Plain(text) => run(out, text),
        Runs::Bold(text) => styled_run(out, "<w:rPr><w:b/><w:bCs/></w:rPr>", text),
        Runs::None => {}
    }
    out.end();
}

fn run(out: &mut XmlWriter, text: &str) {
    if !text.is_empty() {
        styled_run(out, "", text);
    }
}

/// A run with fixed run properties (`rpr`, a whole `w:rPr` or nothing).
fn styled_run(out: &mut XmlWriter, rpr: &'static str, text: &str) {
    out.start("w:r")
        .markup(rpr)
        .start("w:t")
        .attr("xml:space", "preserve")
        .text(text)
        .end()
        .end();
}

fn placeholder_run(out: &mut XmlWriter, text: &str) {
    styled_run(
        out,
        "<w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>",
        text,
    );
}

fn start_table(out: &mut XmlWriter, style: &str, widths: &[i64]) {
    out.start("w:tbl")
        .start("w:tblPr")
        .val("w:tblStyle", style)
        .start("w:tblW")
        .attr("w:w", widths.iter().sum::<i64>())
        .attr("w:type", "dxa")
        .end()
        .markup(concat!(
            "<w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" ",
            "w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>"
        ))
        .end()
        .start("w:tblGrid");
    for width in widths {
        out.start("w:gridCol").attr("w:w", width).end();
    }
    out.end();
}

/// Starts a cell of this width; `filled` for the cells an expert writes in.
fn start_cell(out: &mut XmlWriter, width: i64, filled: bool) {
    out.start("w:tc")
        .start("w:tcPr")
        .start("w:tcW")
        .attr("w:w", width)
        .attr("w:type", "dxa")
        .end();
    if filled {
        out.markup(FILL);
    }
    out.end();
}

/// A field's run-level content control: the known value locked, or a placeholder to replace.
fn field_control(out: &mut XmlWriter, field: &FormField, id: u32, word_lang: &str) {
    out.start("w:sdt")
        .start("w:sdtPr")
        .val("w:alias", &field.label)
        .val("w:tag", &field.tag)
        .val("w:id", id);
    if field.value.is_some() {
        out.val("w:lock", "sdtContentLocked");
    } else {
        out.leaf("w:showingPlcHdr");
    }
    match field.kind {
        FieldKind::Text => {
            out.leaf("w:text");
        }
        FieldKind::Paragraph => {
            out.start("w:text").attr("w:multiLine", 1).end();
        }
        // Word's date picker, writing the date as the contract does.
        FieldKind::Date => {
            out.start("w:date")
                .val("w:dateFormat", "yyyy-MM-dd")
                .val("w:lid", word_lang)
                .markup(concat!(
                    "<w:storeMappedDataAs w:val=\"dateTime\"/>",
                    "<w:calendar w:val=\"gregorian\"/>"
                ))
                .end();
        }
    }
    out.end().start("w:sdtContent");
    match &field.value {
        Some(value) => run(out, value),
        None => placeholder_run(out, &field.placeholder),
    }
    out.end().end();
    if let Some(after) = &field.after {
        run(out, &format!(" {after}"));
    }
}

/// An empty run-level control of the indicators table.
fn empty_control(out: &mut XmlWriter, tag: &str, alias: &str, id: u32) {
    out.start("w:sdt")
        .start("w:sdtPr")
        .val("w:alias", alias)
        .val("w:tag", tag)
        .val("w:id", id)
        .markup("<w:showingPlcHdr/><w:text/>")
        .end()
        .start("w:sdtContent");
    placeholder_run(out, "\u{2002}\u{2002}\u{2002}");
    out.end().end();
}

/// The bytes of a translation sheet as a `.docx` file: a title and the instructions, the
/// marker (a locked control saying which original and language the sheet is for), then one
/// block-level control per unit, tagged with its id, holding a paragraph in the unit's style.
pub(super) fn sheet_docx(
    sheet: &TranslationSheet,
    template: &DocxTemplate,
    build_date: Date,
    generator: &str,
) -> Result<Vec<u8>, DocxError> {
    let lang = word_lang(&sheet.lang);
    let numbering = template.numbering();
    let resolved = template.resolve_styles(&lang, numbering.num_base())?;
    let styles_xml = form_styles(&resolved.xml);
    let page = template
        .reference
        .as_ref()
        .and_then(|r| r.page)
        .unwrap_or_default();
    let style = |ours: &'static str| resolved.map.id(ours).to_string();
    let mut body = XmlWriter::new();
    let out = &mut body;
    paragraph(out, &style("Title"), Runs::Plain(&sheet.title));
    for text in &sheet.instructions {
        paragraph(out, &style("SingleTxt"), Runs::Plain(text));
    }
    let mut ids = 0u32;
    ids += 1;
    start_paragraph(out, &style("Normal"));
    out.start("w:sdt")
        .start("w:sdtPr")
        .val("w:alias", "speca-docs translation")
        .val("w:tag", "speca-translation")
        .val("w:id", ids)
        .val("w:lock", "sdtContentLocked")
        .leaf("w:text")
        .end()
        .start("w:sdtContent");
    styled_run(
        out,
        "<w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>",
        &sheet.marker,
    );
    out.end().end().end();
    for unit in &sheet.units {
        ids += 1;
        let paragraph_style = match unit.kind.as_str() {
            "heading" => style("FormHeading"),
            _ => style("SingleTxt"),
        };
        out.start("w:sdt")
            .start("w:sdtPr")
            .val("w:alias", &unit.kind)
            .val("w:tag", &unit.id)
            .val("w:id", ids)
            .leaf("w:richText")
            .end()
            .start("w:sdtContent");
        start_paragraph(out, &paragraph_style);
        sheet_pieces(out, &unit.pieces, &mut ids, &mut Vec::new());
        out.end();
        out.end().end();
    }
    // A paragraph after the last control, so that Word lets the cursor leave it.
    paragraph(out, &style("SingleTxt"), Runs::None);

    let parts = package::FormParts {
        title: &sheet.title,
        identifier: &sheet.id,
        lang: &lang,
        build_date,
        generator,
        styles_xml,
        theme: template.reference.as_ref().and_then(|r| r.theme.clone()),
        body: body.finish(),
        page: &page,
    };
    package::assemble_form(&parts)
}

/// A unit's pieces as runs: a span a rich-text control tagged `span:<id>` with its formatting
/// on its runs, a code a locked control tagged `code:<id>`.
fn sheet_pieces(
    out: &mut XmlWriter,
    pieces: &[SheetPiece],
    ids: &mut u32,
    styles: &mut Vec<&'static str>,
) {
    for piece in pieces {
        match piece {
            SheetPiece::Text(text) => {
                if text.is_empty() {
                    continue;
                }
                out.start("w:r");
                if !styles.is_empty() {
                    out.start("w:rPr");
                    for style in styles.iter() {
                        match *style {
                            "bold" => {
                                out.leaf("w:b");
                            }
                            "italic" => {
                                out.leaf("w:i");
                            }
                            "strike" => {
                                out.leaf("w:strike");
                            }
                            _ => {
                                out.val("w:u", "single");
                            }
                        }
                    }
                    out.end();
                }
                out.start("w:t")
                    .attr("xml:space", "preserve")
                    .text(text)
                    .end()
                    .end();
            }
            SheetPiece::Span { id, style, content } => {
                *ids += 1;
                out.start("w:sdt")
                    .start("w:sdtPr")
                    .val("w:alias", style)
                    .val("w:tag", format_args!("span:{id}"))
                    .val("w:id", *ids)
                    .leaf("w:richText")
                    .end()
                    .start("w:sdtContent");
                styles.push(style);
                sheet_pieces(out, content, ids, styles);
                styles.pop();
                out.end().end();
            }
            SheetPiece::Code { id, shown } => {
                *ids += 1;
                out.start("w:sdt")
                    .start("w:sdtPr")
                    .val("w:alias", "keep")
                    .val("w:tag", format_args!("code:{id}"))
                    .val("w:id", *ids)
                    .val("w:lock", "sdtContentLocked")
                    .leaf("w:text")
                    .end()
                    .start("w:sdtContent");
                styled_run(
                    out,
                    "<w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>",
                    shown,
                );
                out.end().end();
            }
        }
    }
}
