//! Importing Word files into the contract: a filled submission form or any Word document to a
//! contribution's Markdown with front matter.

pub mod markdown;
pub mod word;
