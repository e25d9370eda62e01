//! speca-docs turns the contributions of SPECA country experts into consolidated UN meeting
//! documents, typeset to PDF by the embedded Typst compiler and written as Word-native DOCX.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`load`]: `sources/` (YAML and Markdown) to typed, checked records, every problem a
//!    [`diag::Diagnostic`] with file, line and column;
//!    [`template`]: the templates, loaded once per build, each writer preparing its files;
//! 2. [`consolidate`]: the records to one [`model::Document`] per document and language, in the
//!    order and grouping the document description asks for;
//! 3. [`write`](mod@write): the model to Typst (then PDF) and to DOCX; writers read only the model;
//! 4. [`build`] and [`publish`]: the stages driven for each document, outputs written
//!    atomically into versioned folders with a manifest; [`snapshot`]: each document's model
//!    kept beside its outputs, [`digest`]: the SHA-256 the manifest records;
//! 5. [`cli`]: the command line, which drives the stages and reports.
//!
//! Beside the pipeline:
//!
//! - [`compare`]: two versions of a document compared on the model, the changes marked for
//!   `build --compare-to` and summarized by `diff`;
//! - [`status`]: the submission tracker (who submitted, who is late or over the limit, what is
//!   wrong where), as a table, JSON or an HTML page;
//! - [`skeleton`]: the contributions `speca-docs new` writes for experts to fill in;
//! - [`forms`] and [`import`]: the Word way in, forms written for focal points and Word files
//!   read back as contributions;
//! - [`messages`]: the tool's own words per language (status page, forms, skeletons) as
//!   message catalogs, with one fallback rule and ICU's plural rules;
//! - [`ooxml`]: Office Open XML for the Word reader, the DOCX writer and the tests alike:
//!   namespaces, the bounded package reader, and the element writer that escapes.

// The crate under its own name, so that the test helpers that the integration tests share
// (`tests/it/common/ooxml.rs`, included by the unit tests too) name it the same way in both.
#[cfg(test)]
extern crate self as speca_docs;

pub mod build;
pub mod cli;
pub mod compare;
pub mod consolidate;
pub mod diag;
pub mod digest;
pub mod forms;
pub mod import;
pub mod load;
pub mod messages;
pub mod model;
pub mod ooxml;
pub mod publish;
pub mod skeleton;
pub mod snapshot;
pub mod status;
pub mod template;
pub mod translate;
pub mod write;
