//! Writers: from the document model to output formats. They never read sources.

pub mod docx;
pub mod typst;
