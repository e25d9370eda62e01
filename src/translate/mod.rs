//! Translators in the loop: which translations are behind their originals, and the ways a
//! translation goes out to a translator and comes back.
//!
//! A text is a contribution (a country input, a case study) or a rapporteur's file named by a
//! document ([`state::Text`]).
//!
//! - [`units`]: a text cut into translation units (headings, paragraphs, items, cells,
//!   footnotes, translatable fields), each with its inline codes and its place in the file;
//! - [`state`]: `translations.lock`, beside `sources/`: what state of its original each
//!   translation was made from, unit by unit, and the status it gives (up to date, out of date
//!   and which units changed since);
//! - [`xliff`]: XLIFF 2.1 out (the units a translation lacks or that changed, the old
//!   translation as the starting target and the old original in a note) and back in;
//! - [`apply`]: translated units written into the translation file, every other byte kept,
//!   the result checked against its original before anything is written.

pub mod apply;
pub mod sheet;
pub mod state;
pub mod units;
pub mod xliff;
