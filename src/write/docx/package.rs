//! The package: one function per part, content types, and the zip ([`super::archive`]).

use crate::model::{Date, Document, ImageFormat};

use super::archive;
use super::charts::{CHART_CONTENT_TYPE, chart_rels, workbook_name};
use super::error::DocxError;
use super::front;
use super::page::PageSetup;
use crate::ooxml::{Fragment, XmlWriter, names};

use super::rels::Rels;
use super::workbook::{WORKBOOK_CONTENT_TYPE, workbook};
use super::writer::Writer;

/// Starts the root of a part that holds text (document, footnotes), with the namespaces its
/// content uses.
fn start_content_part(out: &mut XmlWriter, root: &'static str) {
    out.start(root)
        .attr("xmlns:w", names::W)
        .attr("xmlns:r", names::R)
        .attr("xmlns:wp", names::WP)
        .attr("xmlns:a", names::A)
        .attr("xmlns:pic", names::PIC);
}

/// A zip entry of a part that is deflated (text).
fn part(name: impl Into<String>, xml: impl Into<Vec<u8>>) -> (String, Vec<u8>, bool) {
    (name.into(), xml.into(), true)
}

/// Everything the package is made of.
pub(super) struct Parts<'a> {
    pub doc: &'a Document,
    /// The date written to docProps/core.xml (created/modified); never the clock.
    pub build_date: Date,
    /// The tool's name and version for app.xml, e.g. "speca-docs 0.1.0".
    pub generator: &'a str,
    /// Word's language tag, e.g. `en-GB`.
    pub lang: &'a str,
    pub styles_xml: String,
    /// A reference.docx's theme (its fonts and colours, which its styles may refer to).
    pub theme: Option<String>,
    /// The content of `w:body` before the section properties.
    pub body: Fragment,
    pub writer: &'a Writer<'a>,
}

/// The zip, entries in a fixed order.
pub(super) fn assemble(parts: &Parts) -> Result<Vec<u8>, DocxError> {
    let w = parts.writer;
    let mut entries: Vec<(String, Vec<u8>, bool)> = vec![
        part(
            "[Content_Types].xml",
            content_types_xml(w, parts.theme.is_some()),
        ),
        part("_rels/.rels", root_rels_xml()),
        part("docProps/core.xml", core_xml(parts)),
        part("docProps/app.xml", app_xml(parts.generator)),
        part("word/document.xml", document_xml(parts)),
        part("word/_rels/document.xml.rels", w.doc_rels.xml()),
        part("word/styles.xml", parts.styles_xml.clone()),
        part("word/numbering.xml", w.numbering.xml(&w.styles)),
        part("word/settings.xml", settings_xml(parts.lang, true)),
        part("word/footnotes.xml", footnotes_xml(w)),
    ];
    if !w.note_rels.is_empty() {
        entries.push(part("word/_rels/footnotes.xml.rels", w.note_rels.xml()));
    }
    if let Some(theme) = &parts.theme {
        entries.push(part("word/theme/theme1.xml", theme.clone()));
    }
    entries.push(part("word/header1.xml", front::header_xml(w, false)));
    entries.push(part("word/header2.xml", front::header_xml(w, true)));
    entries.push(part("word/footer1.xml", front::footer_xml(w, false)));
    entries.push(part("word/footer2.xml", front::footer_xml(w, true)));
    for (i, chart) in w.charts.iter().enumerate() {
        let number = i + 1;
        entries.push(part(
            format!("word/charts/chart{number}.xml"),
            chart.xml.clone(),
        ));
        entries.push(part(
            format!("word/charts/_rels/chart{number}.xml.rels"),
            chart_rels(number),
        ));
    }
    for (i, part) in w.charts.iter().enumerate() {
        // A zip inside the zip: stored, as compressing it again gains nothing.
        entries.push((
            format!("word/embeddings/{}", workbook_name(i + 1)),
            workbook(&part.chart)?,
            false,
        ));
    }
    for media in &w.media.parts {
        // PNG and JPEG are compressed already; SVG is text.
        let deflate = media.format == ImageFormat::Svg;
        entries.push((
            format!("word/media/{}", media.name),
            media.data.to_vec(),
            deflate,
        ));
    }
    archive::zip_entries(&entries)
}

fn content_types_xml(w: &Writer, theme: bool) -> Fragment {
    let mut defaults = Vec::new();
    for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Svg] {
        if w.media.parts.iter().any(|m| m.format == format) {
            defaults.push((format.extension(), format.mime()));
        }
    }
    if !w.charts.is_empty() {
        defaults.push(("xlsx", WORKBOOK_CONTENT_TYPE));
    }
    const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        (
            "/word/document.xml".to_string(),
            format!("{WML}.document.main+xml"),
        ),
        ("/word/styles.xml".to_string(), format!("{WML}.styles+xml")),
        (
            "/word/numbering.xml".to_string(),
            format!("{WML}.numbering+xml"),
        ),
        (
            "/word/settings.xml".to_string(),
            format!("{WML}.settings+xml"),
        ),
        (
            "/word/footnotes.xml".to_string(),
            format!("{WML}.footnotes+xml"),
        ),
        ("/word/header1.xml".to_string(), format!("{WML}.header+xml")),
        ("/word/header2.xml".to_string(), format!("{WML}.header+xml")),
        ("/word/footer1.xml".to_string(), format!("{WML}.footer+xml")),
        ("/word/footer2.xml".to_string(), format!("{WML}.footer+xml")),
    ];
    if theme {
        overrides.push(theme_override());
    }
    for i in 1..=w.charts.len() {
        overrides.push((
            format!("/word/charts/chart{i}.xml"),
            CHART_CONTENT_TYPE.into(),
        ));
    }
    types_xml(&defaults, overrides)
}

/// A reference.docx's theme part in `[Content_Types].xml`.
fn theme_override() -> (String, String) {
    (
        "/word/theme/theme1.xml".to_string(),
        "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
    )
}

/// `[Content_Types].xml`: relationships and XML by extension, then `defaults` (extension, MIME
/// type), then the `overrides` (part, content type) and the package properties.
fn types_xml(defaults: &[(&str, &str)], mut overrides: Vec<(String, String)>) -> Fragment {
    let mut out = XmlWriter::part();
    out.start("Types").attr("xmlns", names::CONTENT_TYPES);
    overrides.push((
        "/docProps/core.xml".into(),
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    ));
    overrides.push((
        "/docProps/app.xml".into(),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    ));
    let base = [
        (
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        ),
        ("xml", "application/xml"),
    ];
    for (extension, mime) in base.iter().chain(defaults) {
        out.start("Default")
            .attr("Extension", extension)
            .attr("ContentType", mime)
            .end();
    }
    for (part, content_type) in overrides {
        out.start("Override")
            .attr("PartName", part)
            .attr("ContentType", content_type)
            .end();
    }
    out.end();
    out.finish()
}

fn root_rels_xml() -> Fragment {
    let mut out = XmlWriter::part();
    out.start("Relationships")
        .attr("xmlns", names::PACKAGE_RELATIONSHIPS);
    let rels = [
        (
            format!("{}officeDocument", names::REL_TYPE),
            "word/document.xml",
        ),
        (names::CORE_PROPERTIES_REL.to_string(), "docProps/core.xml"),
        (
            format!("{}extended-properties", names::REL_TYPE),
            "docProps/app.xml",
        ),
    ];
    for (index, (kind, target)) in rels.iter().enumerate() {
        out.start("Relationship")
            .attr("Id", format_args!("rId{}", index + 1))
            .attr("Type", kind)
            .attr("Target", target)
            .end();
    }
    out.end();
    out.finish()
}

/// `YYYY-MM-DDT00:00:00Z`.
fn w3cdtf(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year, date.month, date.day
    )
}

fn core_xml(parts: &Parts) -> Fragment {
    let doc = parts.doc;
    core_properties(&CoreProperties {
        title: &doc.front.title,
        identifier: &doc.id,
        lang: parts.lang,
        keywords: doc.front.symbol.as_deref(),
        version: Some(&doc.version),
        date: parts.build_date,
    })
}

/// What docProps/core.xml says of a document or form.
struct CoreProperties<'a> {
    title: &'a str,
    identifier: &'a str,
    /// Word's language tag, e.g. `en-GB`.
    lang: &'a str,
    keywords: Option<&'a str>,
    version: Option<&'a str>,
    date: Date,
}

fn core_properties(props: &CoreProperties) -> Fragment {
    let date = w3cdtf(props.date);
    let mut out = XmlWriter::part();
    out.start("cp:coreProperties")
        .attr("xmlns:cp", names::CORE_PROPERTIES)
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .text_element("dc:title", props.title)
        .text_element("dc:identifier", props.identifier)
        .text_element("dc:language", props.lang);
    if let Some(keywords) = props.keywords {
        out.text_element("cp:keywords", keywords);
    }
    if let Some(version) = props.version {
        out.text_element("cp:version", version);
    }
    for name in ["dcterms:created", "dcterms:modified"] {
        out.start(name)
            .attr("xsi:type", "dcterms:W3CDTF")
            .text(&date)
            .end();
    }
    out.end();
    out.finish()
}

fn app_xml(generator: &str) -> Fragment {
    let mut out = XmlWriter::part();
    out.start("Properties")
        .attr("xmlns", names::EXTENDED_PROPERTIES)
        .attr("xmlns:vt", names::DOC_PROPS_VTYPES)
        .text_element("Application", generator)
        .markup("<DocSecurity>0</DocSecurity>")
        .end();
    out.finish()
}

/// `word/document.xml`: the body, then the section properties: the header and footer
/// references when there are any (`(header, first-page header, footer, first-page footer)`
/// relationship ids), the page, the columns, and a different first page with them.
fn document_part(body: &Fragment, page: &PageSetup, heads: Option<[&str; 4]>) -> Fragment {
    let mut out = XmlWriter::part();
    start_content_part(&mut out, "w:document");
    out.start("w:body").append(body).start("w:sectPr");
    if let Some([h1, h2, f1, f2]) = heads {
        for (name, kind, id) in [
            ("w:headerReference", "default", h1),
            ("w:headerReference", "first", h2),
            ("w:footerReference", "default", f1),
            ("w:footerReference", "first", f2),
        ] {
            out.start(name).attr("w:type", kind).attr("r:id", id).end();
        }
    }
    page.write(&mut out);
    out.markup("<w:cols w:space=\"720\"/>");
    if heads.is_some() {
        out.leaf("w:titlePg");
    }
    // w:sectPr, w:body, w:document.
    out.end().end().end();
    out.finish()
}

fn document_xml(parts: &Parts) -> Fragment {
    let rels = &parts.writer.doc_rels;
    let heads = ["header1.xml", "header2.xml", "footer1.xml", "footer2.xml"].map(|p| rels.id_of(p));
    document_part(&parts.body, &parts.writer.page, Some(heads))
}

/// `word/settings.xml`; `update_fields` asks Word to update the fields when it opens the
/// document: the contents get their page numbers, the cross-references their numbers if the
/// text changed (a form, which has no fields, does not ask).
fn settings_xml(lang: &str, update_fields: bool) -> Fragment {
    let mut out = XmlWriter::part();
    out.start("w:settings")
        .attr("xmlns:w", names::W)
        .markup(concat!(
            "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"567\"/>",
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>",
        ));
    if update_fields {
        out.val("w:updateFields", "true");
    }
    out.markup(concat!(
        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>",
        "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    ))
    .val("w:themeFontLang", lang)
    .markup("<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>")
    .end();
    out.finish()
}

fn footnotes_xml(w: &Writer) -> Fragment {
    footnotes_part(&w.footnotes)
}

/// The footnotes part: the separators Word requires, then `footnotes`.
fn footnotes_part(footnotes: &[Fragment]) -> Fragment {
    let mut out = XmlWriter::part();
    start_content_part(&mut out, "w:footnotes");
    out.markup(concat!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    ));
    for footnote in footnotes {
        out.append(footnote);
    }
    out.end();
    out.finish()
}

/// Everything a submission form's package is made of.
pub(super) struct FormParts<'a> {
    pub title: &'a str,
    pub identifier: &'a str,
    /// Word's language tag, e.g. `en-GB`.
    pub lang: &'a str,
    pub build_date: Date,
    pub generator: &'a str,
    pub styles_xml: String,
    pub theme: Option<String>,
    /// The content of `w:body` before the section properties.
    pub body: Fragment,
    pub page: &'a PageSetup,
}

/// A form's zip: the parts of a document without numbering, headers and footers (a form has
/// no running heads), with an empty footnotes part for the notes an expert adds.
pub(super) fn assemble_form(parts: &FormParts) -> Result<Vec<u8>, DocxError> {
    const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        (
            "/word/document.xml".to_string(),
            format!("{WML}.document.main+xml"),
        ),
        ("/word/styles.xml".to_string(), format!("{WML}.styles+xml")),
        (
            "/word/settings.xml".to_string(),
            format!("{WML}.settings+xml"),
        ),
        (
            "/word/footnotes.xml".to_string(),
            format!("{WML}.footnotes+xml"),
        ),
    ];
    let mut rel_parts = vec![
        ("styles", "styles.xml"),
        ("settings", "settings.xml"),
        ("footnotes", "footnotes.xml"),
    ];
    if parts.theme.is_some() {
        overrides.push(theme_override());
        rel_parts.push(("theme", "theme/theme1.xml"));
    }
    let content_types = types_xml(&[], overrides);

    let document = document_part(&parts.body, parts.page, None);
    let core = core_properties(&CoreProperties {
        title: parts.title,
        identifier: parts.identifier,
        lang: parts.lang,
        keywords: None,
        version: None,
        date: parts.build_date,
    });
    let mut entries: Vec<(String, Vec<u8>, bool)> = vec![
        part("[Content_Types].xml", content_types),
        part("_rels/.rels", root_rels_xml()),
        part("docProps/core.xml", core),
        part("docProps/app.xml", app_xml(parts.generator)),
        part("word/document.xml", document),
        part(
            "word/_rels/document.xml.rels",
            Rels::for_parts(&rel_parts).xml(),
        ),
        part("word/styles.xml", parts.styles_xml.clone()),
        part("word/settings.xml", settings_xml(parts.lang, false)),
        part("word/footnotes.xml", footnotes_part(&[])),
    ];
    if let Some(theme) = &parts.theme {
        entries.push(part("word/theme/theme1.xml", theme.clone()));
    }
    archive::zip_entries(&entries)
}
