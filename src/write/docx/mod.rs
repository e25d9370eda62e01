//! The DOCX writer: a [`Document`] to a Word-native `.docx` for the UN editing and translation
//! services.
//!
//! Split by concern as pandoc's writer is, each module importing only those above it
//! (`tests/architecture.rs` checks that there is no circle):
//! - `error`, `page` (page size and margins), `reference` (reading a reference.docx),
//!   `styles` (style ids and the styles.xml written), `numbering` (`numbering.xml`:
//!   headings I./A./1./(a), paragraphs 1., 2., lists), `rels` (relationships and media);
//! - `template`: a template's styles.xml and reference.docx, prepared once per build;
//! - `revisions`: changes from an earlier version as Word revisions (`w:ins`, `w:del`);
//! - `writer`: the state kept while the document is walked;
//! - `blocks` (blocks and inlines, images), `tables`, `charts` (native Word charts) and
//!   their `workbook`s, `body` (the body and annexes), `front` (masthead, sessional
//!   heading, summary, contents, headers, footers): the XML of the document;
//! - `package`: one function per part, content types, and the deterministic zip
//!   (`archive`);
//! - `form`: a submission form, written with the same styles and package.
//!
//! The XML is written with [`crate::ooxml::XmlWriter`], which escapes every value and text on its
//! way in; a template's styles and a reference.docx's parts are edited in place
//! ([`crate::ooxml::edit`]). The output is deterministic: no clock, no randomness, fixed zip
//! entry order and timestamps. All text of the model is untrusted and is escaped, never
//! interpreted.

mod archive;
mod blocks;
mod body;
mod charts;
mod error;
mod form;
mod front;
mod numbering;
mod package;
mod page;
mod reference;
mod rels;
mod revisions;
mod styles;
mod tables;
mod template;
#[cfg(test)]
mod tests;
mod workbook;
mod writer;

use crate::model::{Date, Document, Form, TranslationSheet};

pub use error::DocxError;
pub use template::DocxTemplate;

/// What a DOCX says about how it was made.
pub struct DocxOptions<'a> {
    /// The date written to docProps/core.xml (created/modified); never the clock.
    pub build_date: Date,
    /// The tool's name and version for app.xml, e.g. "speca-docs 0.1.0".
    pub generator: &'a str,
}

/// Writes `doc` with `template` as the bytes of a `.docx` file.
pub fn write_docx(
    doc: &Document,
    template: &DocxTemplate,
    options: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    let reference = template.reference.as_ref();
    let numbering = template.numbering();
    let lang = styles::word_lang(&doc.lang);
    let resolved = template.resolve_styles(&lang, numbering.num_base())?;
    let page = reference.and_then(|r| r.page).unwrap_or(template.page);

    let theme = reference.and_then(|r| r.theme.clone());
    let mut writer = writer::Writer::new(doc, resolved.map, page, numbering);
    if theme.is_some() {
        writer.doc_rels.add_theme();
    }
    // The body first: it numbers footnotes, collects the contents entries and bookmarks that the
    // front matter's table of contents then lists.
    let body = writer.body_xml();
    let front = front::front_xml(&mut writer);
    let mut content = crate::ooxml::XmlWriter::new();
    content.append(&front).append(&body);

    let parts = package::Parts {
        doc,
        build_date: options.build_date,
        generator: options.generator,
        lang: &lang,
        styles_xml: resolved.xml,
        theme,
        body: content.finish(),
        writer: &writer,
    };
    package::assemble(&parts)
}

/// Writes a submission form with `template`'s styles as the bytes of a `.docx` file.
pub fn write_form(
    form: &Form,
    template: &DocxTemplate,
    options: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    form::form_docx(form, template, options.build_date, options.generator)
}

/// Writes a translation sheet with `template`'s styles as the bytes of a `.docx` file.
pub fn write_sheet(
    sheet: &TranslationSheet,
    template: &DocxTemplate,
    options: &DocxOptions,
) -> Result<Vec<u8>, DocxError> {
    form::sheet_docx(sheet, template, options.build_date, options.generator)
}
