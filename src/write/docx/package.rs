//! The package: one function per part, content types, relationships, media, and the zip.
//!
//! The zip is deterministic: entries in a fixed order, every timestamp 1980-01-01 00:00:00,
//! fixed permissions, no extra fields.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use crate::model::{Date, Document, ImageFormat, ImageRef};

use super::ooxml::{escape_attr, escape_text};
use super::{DocxError, DocxOptions, Writer, front};

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const REL_TYPES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The namespaces of parts that hold text: document and footnotes.
const CONTENT_NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" ",
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" ",
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
);

/// The relationships of one part.
#[derive(Default)]
pub(super) struct Rels {
    entries: Vec<Rel>,
    hyperlinks: BTreeMap<String, String>,
    images: BTreeMap<String, String>,
}

struct Rel {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

/// The fixed relationships of `word/document.xml`, in this order (rId1 …).
const DOCUMENT_PARTS: [(&str, &str); 8] = [
    ("styles", "styles.xml"),
    ("numbering", "numbering.xml"),
    ("settings", "settings.xml"),
    ("footnotes", "footnotes.xml"),
    ("header", "header1.xml"),
    ("header", "header2.xml"),
    ("footer", "footer1.xml"),
    ("footer", "footer2.xml"),
];

impl Rels {
    pub fn for_document() -> Rels {
        let mut rels = Rels::default();
        for (kind, target) in DOCUMENT_PARTS {
            rels.push(kind, target.to_string(), false);
        }
        rels
    }

    fn push(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.entries.len() + 1);
        self.entries.push(Rel {
            id: id.clone(),
            kind,
            target,
            external,
        });
        id
    }

    /// The relationship to a theme part (a reference.docx's), after the fixed ones.
    pub fn add_theme(&mut self) {
        self.push("theme", "theme/theme1.xml".to_string(), false);
    }

    /// The id of a hyperlink's relationship (one per distinct target).
    pub fn hyperlink(&mut self, target: &str) -> String {
        if let Some(id) = self.hyperlinks.get(target) {
            return id.clone();
        }
        let id = self.push("hyperlink", target.to_string(), true);
        self.hyperlinks.insert(target.to_string(), id.clone());
        id
    }

    /// The id of the relationship to a media part (one per media part).
    pub fn image(&mut self, media_name: &str) -> String {
        if let Some(id) = self.images.get(media_name) {
            return id.clone();
        }
        let id = self.push("image", format!("media/{media_name}"), false);
        self.images.insert(media_name.to_string(), id.clone());
        id
    }

    /// The id of the relationship of a fixed part, e.g. `header1.xml`.
    fn id_of(&self, target: &str) -> &str {
        self.entries
            .iter()
            .find(|r| r.target == target)
            .map(|r| r.id.as_str())
            .unwrap_or("")
    }

    fn xml(&self) -> String {
        let mut out = format!(
            "{XML_DECLARATION}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        );
        for rel in &self.entries {
            let mode = if rel.external {
                " TargetMode=\"External\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<Relationship Id=\"{}\" Type=\"{REL_TYPES}/{}\" Target=\"{}\"{mode}/>",
                rel.id,
                rel.kind,
                escape_attr(&rel.target)
            ));
        }
        out.push_str("</Relationships>");
        out
    }
}

/// The pictures of the document: one media part per distinct image key.
#[derive(Default)]
pub(super) struct Media {
    parts: Vec<MediaPart>,
    by_key: BTreeMap<String, usize>,
}

struct MediaPart {
    name: String,
    format: ImageFormat,
    data: Arc<[u8]>,
}

impl Media {
    /// The file name under `word/media/` of an image, added when it is new.
    pub fn add(&mut self, image: &ImageRef) -> String {
        if let Some(&index) = self.by_key.get(&image.key) {
            return self.parts[index].name.clone();
        }
        let name = format!("image{}.{}", self.parts.len() + 1, image.format.extension());
        self.by_key.insert(image.key.clone(), self.parts.len());
        self.parts.push(MediaPart {
            name: name.clone(),
            format: image.format,
            data: image.data.clone(),
        });
        name
    }
}

/// Everything the package is made of.
pub(super) struct Parts<'a> {
    pub doc: &'a Document,
    pub options: &'a DocxOptions<'a>,
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
            app_xml(parts.options.generator).into_bytes(),
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
    if !w.note_rels.entries.is_empty() {
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
    for media in &w.media.parts {
        // PNG and JPEG are compressed already; SVG is text.
        let deflate = media.format == ImageFormat::Svg;
        entries.push((
            format!("word/media/{}", media.name),
            media.data.to_vec(),
            deflate,
        ));
    }
    zip_entries(&entries)
}

fn zip_entries(entries: &[(String, Vec<u8>, bool)]) -> Result<Vec<u8>, DocxError> {
    use zip::write::SimpleFileOptions;
    let zip_error =
        |e: zip::result::ZipError| DocxError::new(format!("cannot write the .docx zip: {e}"));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in entries {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        zip.start_file(name.as_str(), base.compression_method(method))
            .map_err(zip_error)?;
        zip.write_all(bytes)
            .map_err(|e| DocxError::new(format!("cannot write {name} into the .docx zip: {e}")))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

fn content_types_xml(w: &Writer, theme: bool) -> String {
    let mut out = format!(
        "{XML_DECLARATION}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    );
    out.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    out.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Svg] {
        if w.media.parts.iter().any(|m| m.format == format) {
            out.push_str(&format!(
                "<Default Extension=\"{}\" ContentType=\"{}\"/>",
                format.extension(),
                format.mime()
            ));
        }
    }
    const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut overrides = vec![
        ("/word/document.xml", format!("{WML}.document.main+xml")),
        ("/word/styles.xml", format!("{WML}.styles+xml")),
        ("/word/numbering.xml", format!("{WML}.numbering+xml")),
        ("/word/settings.xml", format!("{WML}.settings+xml")),
        ("/word/footnotes.xml", format!("{WML}.footnotes+xml")),
        ("/word/header1.xml", format!("{WML}.header+xml")),
        ("/word/header2.xml", format!("{WML}.header+xml")),
        ("/word/footer1.xml", format!("{WML}.footer+xml")),
        ("/word/footer2.xml", format!("{WML}.footer+xml")),
    ];
    if theme {
        overrides.push((
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ));
    }
    overrides.push((
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml".into(),
    ));
    overrides.push((
        "/docProps/app.xml",
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
    let date = w3cdtf(parts.options.build_date);
    let keywords = match &doc.front.symbol {
        Some(symbol) => format!("<cp:keywords>{}</cp:keywords>", escape_text(symbol)),
        None => String::new(),
    };
    format!(
        concat!(
            "{decl}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{title}</dc:title><dc:identifier>{id}</dc:identifier><dc:language>{lang}</dc:language>",
            "{keywords}<cp:version>{version}</cp:version>",
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>",
            "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>",
            "</cp:coreProperties>"
        ),
        decl = XML_DECLARATION,
        title = escape_text(&doc.front.title),
        id = escape_text(&doc.id),
        lang = escape_text(parts.lang),
        keywords = keywords,
        version = escape_text(&doc.version),
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
        escape_text(generator)
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
        escape_attr(lang)
    )
}

fn footnotes_xml(w: &Writer) -> String {
    let mut out = format!("{XML_DECLARATION}<w:footnotes {CONTENT_NAMESPACES}>");
    out.push_str(concat!(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:separator/></w:r></w:p></w:footnote>",
        "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>",
        "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    ));
    for footnote in &w.footnotes {
        out.push_str(footnote);
    }
    out.push_str("</w:footnotes>");
    out
}
