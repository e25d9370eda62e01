//! Why a DOCX cannot be written: a template's styles.xml or reference.docx is unusable.

use std::fmt;

/// Why a DOCX could not be written (a template's styles or reference.docx is unusable).
#[derive(Debug)]
pub struct DocxError {
    pub message: String,
}

impl DocxError {
    pub(super) fn new(message: impl Into<String>) -> DocxError {
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
