//! The DOCX writer: a [`Document`] to a Word-native `.docx` for the UN editing and translation
//! services.
//!
//! Split by concern as pandoc's writer is:
//! - [`package`]: the zip, one function per part, content types and relationships;
//! - [`ooxml`]: blocks and inlines to WordprocessingML, XML escaping, images;
//! - [`tables`]: model tables to Word tables;
//! - [`front`]: the first page (masthead, sessional heading, summary, contents), headers, footers;
//! - [`styles`]: the built-in `styles.xml`, a template's `reference.docx`, style ids, page setup;
//! - [`numbering`]: `numbering.xml` (headings I./A./1./(a), paragraphs 1., 2., lists).
//!
//! The output is deterministic: no clock, no randomness, fixed zip entry order and timestamps.
//! All text of the model is untrusted and is escaped, never interpreted.

mod front;
mod numbering;
mod ooxml;
mod package;
mod styles;
mod tables;
#[cfg(test)]
mod tests;

use std::fmt;

use crate::model::{Date, Document};

/// How to write a DOCX.
pub struct DocxOptions<'a> {
    /// The template's styles.xml (None: the built-in one).
    pub styles_xml: Option<&'a str>,
    /// A template's reference.docx bytes, used as pandoc's --reference-doc is.
    pub reference_docx: Option<&'a [u8]>,
    /// The date written to docProps/core.xml (created/modified); never the clock.
    pub build_date: Date,
    /// The tool's name and version for app.xml, e.g. "speca-docs 0.1.0".
    pub generator: &'a str,
}

/// Why a DOCX could not be written (a template's styles or reference.docx is unusable).
#[derive(Debug)]
pub struct DocxError {
    pub message: String,
}

impl DocxError {
    fn new(message: impl Into<String>) -> DocxError {
        DocxError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DocxError {}

/// Writes `doc` as the bytes of a `.docx` file.
pub fn write_docx(doc: &Document, options: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    let reference = options
        .reference_docx
        .map(styles::Reference::read)
        .transpose()?;
    let numbering =
        numbering::Numbering::new(reference.as_ref().and_then(|r| r.numbering.as_deref()));
    let lang = styles::word_lang(&doc.lang);
    let resolved = styles::resolve(
        options.styles_xml,
        reference.as_ref(),
        &lang,
        numbering.num_base(),
    )?;
    let page = reference.as_ref().and_then(|r| r.page).unwrap_or_default();

    let theme = reference.as_ref().and_then(|r| r.theme.clone());
    let mut writer = Writer::new(doc, resolved.map, page, numbering);
    if theme.is_some() {
        writer.doc_rels.add_theme();
    }
    // The body first: it numbers footnotes, collects the contents entries and bookmarks that the
    // front matter's table of contents then lists.
    let body = writer.body_xml();
    let front = front::front_xml(&mut writer);

    let parts = package::Parts {
        doc,
        options,
        lang: &lang,
        styles_xml: resolved.xml,
        theme,
        body: front + &body,
        writer: &writer,
    };
    package::assemble(&parts)
}

/// What the writer keeps while it walks the document: relationships, media, footnotes, numbering
/// instances, ids. The read-only inputs (`doc`, `styles`, `page`) sit beside the state.
pub(crate) struct Writer<'a> {
    doc: &'a Document,
    styles: styles::StyleMap,
    page: styles::PageSetup,
    numbering: numbering::Numbering,
    /// Relationships of `word/document.xml` and of `word/footnotes.xml`.
    doc_rels: package::Rels,
    note_rels: package::Rels,
    media: package::Media,
    /// Complete `<w:footnote>` elements, ids 1, 2, … in order of appearance.
    footnotes: Vec<String>,
    /// Whether the writer is inside a footnote (relationships then go to the footnotes part).
    in_footnote: bool,
    next_docpr: u32,
    next_bookmark: u32,
    /// Entries of the table of contents, collected while the body is written.
    toc: Vec<TocEntry>,
    /// Counters of the heading levels I., A., 1., (a), mirroring Word's numbering.
    heading_counts: [u32; 4],
    /// The numId that headings of the current part (body or one annex) use.
    heading_num: u32,
    /// The widest an image may be, in EMU (the indented text width, or a table cell's).
    max_image_emu: i64,
    /// The language of the runs being written when it differs from the document's.
    run_lang: Option<String>,
}

/// One line of the table of contents.
struct TocEntry {
    level: u8,
    /// "I.", "A.", "1.", "Annex I", or empty for an unnumbered heading.
    label: String,
    text: String,
    bookmark: String,
    /// An annex title, whose label ("Annex I") is wider than a heading number.
    annex: bool,
}

impl<'a> Writer<'a> {
    fn new(
        doc: &'a Document,
        styles: styles::StyleMap,
        page: styles::PageSetup,
        numbering: numbering::Numbering,
    ) -> Writer<'a> {
        let heading_num = numbering.heading_num();
        // Body text is indented by 1 cm (567 twips); pictures stay within it.
        let max_image_emu = (page.text_width_twips() - 567).max(1440) * 635;
        Writer {
            doc,
            styles,
            page,
            numbering,
            doc_rels: package::Rels::for_document(),
            note_rels: package::Rels::default(),
            media: package::Media::default(),
            footnotes: Vec::new(),
            in_footnote: false,
            next_docpr: 1,
            next_bookmark: 1,
            toc: Vec::new(),
            heading_counts: [0; 4],
            heading_num,
            max_image_emu,
            run_lang: None,
        }
    }

    /// The resolved id of one of our style ids (a reference.docx may name it differently).
    fn style(&self, ours: &'static str) -> &str {
        self.styles.id(ours)
    }

    /// The relationships of the part being written.
    fn rels(&mut self) -> &mut package::Rels {
        if self.in_footnote {
            &mut self.note_rels
        } else {
            &mut self.doc_rels
        }
    }

    /// The body and the annexes, as the content of `w:body` (without the section properties).
    fn body_xml(&mut self) -> String {
        let mut out = String::new();
        let doc = self.doc;
        self.blocks(&mut out, &doc.body, ooxml::Ctx::BODY);
        for (index, annex) in doc.annexes.iter().enumerate() {
            self.annex(&mut out, index + 1, annex);
        }
        out
    }

    fn annex(&mut self, out: &mut String, number: usize, annex: &crate::model::Annex) {
        // Chapters of an annex are numbered I., II. again: a new instance of the heading list.
        self.heading_num = self.numbering.restarted_headings();
        self.heading_counts = [0; 4];
        let label = format!(
            "{} {}",
            self.doc.labels.annex,
            crate::model::numbers::roman(number as u64)
        );
        let bookmark = self.new_bookmark();
        let style = self.style("AnnexHeading").to_string();
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>",
            ooxml::escape_attr(&style)
        ));
        out.push_str(&bookmark.0);
        out.push_str(&ooxml::text_run(&label, ""));
        if !annex.title.trim().is_empty() {
            out.push_str("<w:r><w:br/></w:r>");
            out.push_str(&ooxml::text_run(&annex.title, ""));
        }
        out.push_str(&bookmark.1);
        out.push_str("</w:p>");
        self.toc.push(TocEntry {
            level: 1,
            label,
            text: annex.title.clone(),
            bookmark: bookmark.2,
            annex: true,
        });
        self.blocks(out, &annex.blocks, ooxml::Ctx::BODY);
    }

    /// A new bookmark: its start element, end element and name.
    fn new_bookmark(&mut self) -> (String, String, String) {
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        let name = format!("_Toc{id:08}");
        (
            format!("<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>"),
            format!("<w:bookmarkEnd w:id=\"{id}\"/>"),
            name,
        )
    }
}
