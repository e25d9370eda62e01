//! The loaders of speca-docs, included by path so that the fuzz targets build without the
//! Typst compiler (see the comment at the top of `Cargo.toml`). `crate::diag`, `crate::model`
//! and `crate::load` resolve here exactly as in the main crate.
//!
//! Do not run `rustfmt` on this file: it would follow the `#[path]` modules and reformat the
//! main crate's files.

#[path = "../../src/diag.rs"]
pub mod diag;
#[path = "../../src/load/mod.rs"]
pub mod load;
#[path = "../../src/model/mod.rs"]
pub mod model;
