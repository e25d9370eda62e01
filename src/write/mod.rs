//! Writers: from the document model to output formats. They never read sources.

pub mod typst;
