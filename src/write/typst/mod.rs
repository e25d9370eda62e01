//! The Typst writer: the document model to a Typst source file, and that file to PDF with the
//! embedded compiler.
//!
//! The template's `document.typ.hbs` (prepared once per build as a [`TypstTemplate`]) lays out
//! the page; this module fills it with the model,
//! every piece of text as an escaped string literal (see [`escape`]). [`compile`] typesets
//! the result in a [`world::SpecaWorld`] that can read nothing but the generated file, the
//! template's files and the document's images.

pub mod escape;
pub mod glyphs;
pub mod markup;
pub mod standards;
pub mod template;
pub mod world;

pub use glyphs::unshowable;
pub use markup::to_typst;
pub use standards::PdfStandards;
pub use template::TypstTemplate;
pub use world::{CompileError, Pdf, compile};
