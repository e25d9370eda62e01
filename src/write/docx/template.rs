//! The DOCX writer's part of a template, prepared once per build: its `docx/styles.xml` and its
//! `reference.docx`, read and checked before any document is written.

use crate::diag::Pos;
use crate::template::{Template, TemplateError};

use super::error::DocxError;
use super::numbering::Numbering;
use super::page::PageSetup;
use super::reference::Reference;
use super::styles;

/// The template's Word styles, relative to the template folder.
pub const STYLES: &str = "docx/styles.xml";
/// The template's reference document, relative to the template folder.
pub const REFERENCE: &str = "reference.docx";

/// A template made ready for the DOCX writer.
pub struct DocxTemplate {
    /// The template's styles.xml (`None`: the built-in one).
    pub(super) styles_xml: Option<String>,
    /// A template's reference.docx, read once, used as pandoc's `--reference-doc` is.
    pub(super) reference: Option<Reference>,
    /// The template's page (`page.yaml`), where no reference.docx sets one.
    pub(super) page: PageSetup,
}

impl DocxTemplate {
    /// Reads the template's styles.xml and reference.docx and checks that a document can be
    /// written with them; an error names the file at fault.
    pub fn new(template: &Template) -> Result<DocxTemplate, TemplateError> {
        let styles_xml = match template.file(STYLES) {
            None => None,
            Some(bytes) => Some(String::from_utf8(bytes.to_vec()).map_err(|_| {
                TemplateError::new(template.shown(STYLES), Pos::FILE, "styles.xml is not UTF-8")
            })?),
        };
        let reference = template
            .file(REFERENCE)
            .map(Reference::read)
            .transpose()
            .map_err(|err| TemplateError::new(template.shown(REFERENCE), Pos::FILE, err.message))?;
        let prepared = DocxTemplate {
            styles_xml,
            reference,
            page: PageSetup::from_page(&template.page),
        };
        // Resolve the styles once now, so that a broken styles.xml is a problem of the template
        // that `check` reports, not a failure in the middle of a build.
        let num_base = prepared.numbering().num_base();
        prepared.resolve_styles("en-GB", num_base).map_err(|err| {
            let file = if prepared.reference.is_some() {
                REFERENCE
            } else {
                STYLES
            };
            TemplateError::new(template.shown(file), Pos::FILE, err.message)
        })?;
        Ok(prepared)
    }

    /// The built-in styles alone, as the writer's own tests use them.
    #[cfg(test)]
    pub(crate) fn builtin() -> DocxTemplate {
        DocxTemplate {
            styles_xml: None,
            reference: None,
            page: PageSetup::default(),
        }
    }

    /// Our numbering definitions, after a reference.docx's own.
    pub(super) fn numbering(&self) -> Numbering {
        Numbering::new(self.reference.as_ref().and_then(|r| r.numbering.as_deref()))
    }

    /// The styles.xml to write for a document in Word language `lang`, its numbering links
    /// shifted past the `num_base` numbering definitions of a reference.docx.
    pub(super) fn resolve_styles(
        &self,
        lang: &str,
        num_base: u32,
    ) -> Result<styles::Resolved, DocxError> {
        styles::resolve(
            self.styles_xml.as_deref(),
            self.reference.as_ref(),
            lang,
            num_base,
        )
    }
}
