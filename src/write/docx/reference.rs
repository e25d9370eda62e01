//! Reading a template's `reference.docx`, as pandoc's `--reference-doc`: its styles,
//! numbering definitions, theme and page setup; nothing else of it is used.

use std::io::Read;

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

/// The most the writer reads of one part of a reference.docx.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

impl Reference {
    pub fn read(bytes: &[u8]) -> Result<Reference, DocxError> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            DocxError::new(format!(
                "the template's reference.docx is not a valid .docx (zip) file: {e}"
            ))
        })?;
        let mut part = |name: &str| -> Result<Option<String>, DocxError> {
            let file = match archive.by_name(name) {
                Ok(file) => file,
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => {
                    return Err(DocxError::new(format!(
                        "cannot read {name} in the template's reference.docx: {e}"
                    )));
                }
            };
            let mut bytes = Vec::new();
            file.take(MAX_PART_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    DocxError::new(format!(
                        "cannot read {name} in the template's reference.docx: {e}"
                    ))
                })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                DocxError::new(format!(
                    "{name} in the template's reference.docx is not UTF-8 (save it again with Word)"
                ))
            })?;
            Ok(Some(text))
        };
        let styles = part("word/styles.xml")?.ok_or_else(|| {
            DocxError::new(
                "the template's reference.docx has no word/styles.xml (is it a Word document?)",
            )
        })?;
        let numbering = part("word/numbering.xml")?;
        let page = part("word/document.xml")?
            .as_deref()
            .and_then(PageSetup::from_document_xml);
        let theme =
            part("word/theme/theme1.xml")?.filter(|xml| roxmltree::Document::parse(xml).is_ok());
        Ok(Reference {
            styles,
            numbering,
            page,
            theme,
        })
    }
}
