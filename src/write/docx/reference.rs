//! Reading a template's `reference.docx`, as pandoc's `--reference-doc`: its styles,
//! numbering definitions, theme and page setup; nothing else of it is used.
//!
//! It is read through the bounded package reader that reads experts' Word files
//! ([`crate::ooxml::Package`]): a template may come from anywhere a project does.

use crate::ooxml::names::WS;
use crate::ooxml::{Limits, Package, ReadError, read};

use super::error::DocxError;
use super::page::PageSetup;

/// What the writer takes from a template's reference.docx.
pub(super) struct Reference {
    pub styles: String,
    pub numbering: Option<String>,
    pub page: Option<PageSetup>,
    /// `word/theme/theme1.xml`, when it is well-formed XML: the theme fonts and colours that
    /// the reference's styles may name. It has no relationships of its own.
    pub theme: Option<String>,
}

fn unusable(e: ReadError) -> DocxError {
    let mut message = format!(
        "the template's reference.docx cannot be used: {}",
        e.message
    );
    if let Some(hint) = e.hint {
        message.push_str(&format!(" ({hint})"));
    }
    DocxError::new(message)
}

impl Reference {
    pub fn read(bytes: &[u8]) -> Result<Reference, DocxError> {
        let limits = Limits::default();
        let mut package = Package::open("reference.docx", bytes, limits).map_err(unusable)?;
        let styles = package
            .text("word/styles.xml")
            .map_err(unusable)?
            .ok_or_else(|| {
                DocxError::new(
                    "the template's reference.docx has no word/styles.xml (is it a Word document?)",
                )
            })?;
        // The writer edits the reference's styles in place and writes transitional OOXML: a
        // part in the strict namespaces would not mix with it.
        if styles.contains(WS[1]) {
            return Err(DocxError::new(
                "the template's reference.docx is saved as Strict Open XML; save it in Word as a \
                 Word Document (.docx), not Strict Open XML Document",
            ));
        }
        let numbering = package.text("word/numbering.xml").map_err(unusable)?;
        let page = match package.text("word/document.xml").map_err(unusable)? {
            Some(text) => read::parse("word/document.xml", &text, &limits)
                .ok()
                .and_then(|tree| PageSetup::from_document(&tree)),
            None => None,
        };
        let theme = package
            .text("word/theme/theme1.xml")
            .map_err(unusable)?
            .filter(|xml| read::parse("word/theme/theme1.xml", xml, &limits).is_ok());
        Ok(Reference {
            styles,
            numbering,
            page,
            theme,
        })
    }
}
