//! The package: one function per part, content types, and the zip ([`super::archive`]).

use crate::model::{Date, Document, ImageFormat};

use super::archive;
use super::charts::{CHART_CONTENT_TYPE, chart_rels, workbook_name};
use super::error::DocxError;
use super::front;
use super::page::PageSetup;
use super::rels::REL_TYPES;
use super::rels::Rels;
use super::workbook::{WORKBOOK_CONTENT_TYPE, workbook};
use super::writer::Writer;
use super::xml::{XML_DECLARATION, escape};

/// The namespaces of parts that hold text: document and footnotes.
const CONTENT_NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" ",
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
);

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
    pub body: String,
    pub writer: &'a Writer<'a>,
}

/// The zip, entries in a fixed order.
pub(super) fn assemble(parts: &Parts) -> Result<Vec<u8>, DocxError> {
    let w = parts.writer;
    let mut entries: Vec<(String, Vec<u8>, bool)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types_xml(w, parts.theme.is_some()).into_bytes(),
            true,
        ),
        ("_rels/.rels".into(), root_rels_xml().into_bytes(), true),
        (
            "docProps/core.xml".into(),
            core_xml(parts).into_bytes(),
            true,
        ),
        (
            "docProps/app.xml".into(),
            app_xml(parts.generator).into_bytes(),
            true,
        ),
        (
            "word/document.xml".into(),
            document_xml(parts).into_bytes(),
            true,
        ),
        (
            "word/_rels/document.xml.rels".into(),
            w.doc_rels.xml().into_bytes(),
            true,
        ),
        (
            "word/styles.xml".into(),
            parts.styles_xml.clone().into_bytes(),
            true,
        ),
        (
            "word/numbering.xml".into(),
            w.numbering.xml(&w.styles).into_bytes(),
            true,
        ),
        (
            "word/settings.xml".into(),
            settings_xml(parts.lang).into_bytes(),
            true,
        ),
        (
            "word/footnotes.xml".into(),
            footnotes_xml(w).into_bytes(),
            true,
        ),
    ];
    if !w.note_rels.is_empty() {
        entries.push((
            "word/_rels/footnotes.xml.rels".into(),
            w.note_rels.xml().into_bytes(),
            true,
        ));
    }
    if let Some(theme) = &parts.theme {
        entries.push((
            "word/theme/theme1.xml".into(),
            theme.clone().into_bytes(),
            true,
        ));
    }
    entries.push((
        "word/header1.xml".into(),
        front::header_xml(w, false).into_bytes(),
        true,
    ));
    entries.push((
        "word/header2.xml".into(),
        front::header_xml(w, true).into_bytes(),
        true,
    ));
    entries.push((
        "word/footer1.xml".into(),
        front::footer_xml(w, false).into_bytes(),
        true,
    ));
    entries.push((
        "word/footer2.xml".into(),
        front::footer_xml(w, true).into_bytes(),
        true,
    ));
    for (i, part) in w.charts.iter().enumerate() {
        let number = i + 1;
        entries.push((
            format!("word/charts/chart{number}.xml"),
            part.xml.clone().into_bytes(),
            true,
        ));
        entries.push((
            format!("word/charts/_rels/chart{number}.xml.rels"),
            chart_rels(number).into_bytes(),
            true,
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

fn content_types_xml(w: &Writer, theme: bool) -> String {
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
fn types_xml(defaults: &[(&str, &str)], mut overrides: Vec<(String, String)>) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    );
    out.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    out.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    for (extension, mime) in defaults {
        out.push_str(&format!(
            "<Default Extension=\"{extension}\" ContentType=\"{mime}\"/>"
        ));
    }
    overrides.push((
        "/docProps/core.xml".into(),
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    ));
    overrides.push((
        "/docProps/app.xml".into(),
        "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
    ));
    for (part, content_type) in overrides {
        out.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{content_type}\"/>"
        ));
    }
    out.push_str("</Types>");
    out
}

fn root_rels_xml() -> String {
    format!(
        concat!(
            "{}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"{}/officeDocument\" Target=\"word/document.xml\"/>",
            "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
            "<Relationship Id=\"rId3\" Type=\"{}/extended-properties\" Target=\"docProps/app.xml\"/>",
            "</Relationships>"
        ),
        XML_DECLARATION, REL_TYPES, REL_TYPES
    )
}

/// `YYYY-MM-DDT00:00:00Z`.
fn w3cdtf(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year, date.month, date.day
    )
}

fn core_xml(parts: &Parts) -> String {
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

fn core_properties(props: &CoreProperties) -> String {
    let date = w3cdtf(props.date);
    let keywords = match props.keywords {
        Some(keywords) => format!("<cp:keywords>{}</cp:keywords>", escape(keywords)),
        None => String::new(),
    };
    let version = match props.version {
        Some(version) => format!("<cp:version>{}</cp:version>", escape(version)),
        None => String::new(),
    };
    format!(
        concat!(
            "{decl}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:identifier>{id}</dc:identifier><dc:language>{lang}</dc:language>",
            "{keywords}{version}",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>",
            "</cp:coreProperties>"
        ),
        decl = XML_DECLARATION,
        title = escape(props.title),
        id = escape(props.identifier),
        lang = escape(props.lang),
        keywords = keywords,
        version = version,
        date = date,
    )
}

fn app_xml(generator: &str) -> String {
    format!(
        concat!(
            "{}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ",
            "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">",
            "<Application>{}</Application><DocSecurity>0</DocSecurity></Properties>"
        ),
        XML_DECLARATION,
        escape(generator)
    )
}

fn document_xml(parts: &Parts) -> String {
    let rels = &parts.writer.doc_rels;
    format!(
        concat!(
            "{decl}<w:document {ns}><w:body>{body}<w:sectPr>",
            "<w:headerReference w:type=\"default\" r:id=\"{h1}\"/><w:headerReference w:type=\"first\" r:id=\"{h2}\"/>",
            "<w:footerReference w:type=\"default\" r:id=\"{f1}\"/><w:footerReference w:type=\"first\" r:id=\"{f2}\"/>",
            "{page}<w:cols w:space=\"720\"/><w:titlePg/></w:sectPr></w:body></w:document>"
        ),
        decl = XML_DECLARATION,
        ns = CONTENT_NAMESPACES,
        body = parts.body,
        h1 = rels.id_of("header1.xml"),
        h2 = rels.id_of("header2.xml"),
        f1 = rels.id_of("footer1.xml"),
        f2 = rels.id_of("footer2.xml"),
        page = parts.writer.page.xml(),
    )
}

fn settings_xml(lang: &str) -> String {
    format!(
        concat!(
            "{}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
            "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"567\"/>",
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>",
            "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>",
            "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
            "<w:themeFontLang w:val=\"{}\"/>",
            "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>",
            "</w:settings>"
        ),
        XML_DECLARATION,
        escape(lang)
    )
}

fn footnotes_xml(w: &Writer) -> String {
    footnotes_part(&w.footnotes)
}

/// The footnotes part: the separators Word requires, then `footnotes`.
fn footnotes_part(footnotes: &[String]) -> String {
    let mut out = format!("{XML_DECLARATION}<w:footnotes {CONTENT_NAMESPACES}>");
    out.push_str(concat!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    ));
    for footnote in footnotes {
        out.push_str(footnote);
    }
    out.push_str("</w:footnotes>");
    out
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
    pub body: String,
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

    let document = format!(
        concat!(
            "{decl}<w:document {ns}><w:body>{body}<w:sectPr>",
            "{page}<w:cols w:space=\"720\"/></w:sectPr></w:body></w:document>"
        ),
        decl = XML_DECLARATION,
        ns = CONTENT_NAMESPACES,
        body = parts.body,
        page = parts.page.xml(),
    );
    let core = core_properties(&CoreProperties {
        title: parts.title,
        identifier: parts.identifier,
        lang: parts.lang,
        keywords: None,
        version: None,
        date: parts.build_date,
    });
    let mut entries: Vec<(String, Vec<u8>, bool)> = vec![
        (
            "[Content_Types].xml".into(),
            content_types.into_bytes(),
            true,
        ),
        ("_rels/.rels".into(), root_rels_xml().into_bytes(), true),
        ("docProps/core.xml".into(), core.into_bytes(), true),
        (
            "docProps/app.xml".into(),
            app_xml(parts.generator).into_bytes(),
            true,
        ),
        ("word/document.xml".into(), document.into_bytes(), true),
        (
            "word/_rels/document.xml.rels".into(),
            Rels::for_parts(&rel_parts).xml().into_bytes(),
            true,
        ),
        (
            "word/styles.xml".into(),
            parts.styles_xml.clone().into_bytes(),
            true,
        ),
        (
            "word/settings.xml".into(),
            settings_xml(parts.lang).into_bytes(),
            true,
        ),
        (
            "word/footnotes.xml".into(),
            footnotes_part(&[]).into_bytes(),
            true,
        ),
    ];
    if let Some(theme) = &parts.theme {
        entries.push((
            "word/theme/theme1.xml".into(),
            theme.clone().into_bytes(),
            true,
        ));
    }
    archive::zip_entries(&entries)
}
