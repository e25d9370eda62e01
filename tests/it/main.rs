//! The integration tests: one test binary (each binary links Typst, so one builds and
//! links far faster than one per file), a module per subject, sharing [`common`].
//!
//! Checks that need an outside reader (poppler, qpdf, LibreOffice, python-docx and pandoc,
//! page-validation, Chromium) skip, saying so, where it is missing, and fail instead with
//! `SPECA_REQUIRE_READERS=1`, as CI runs them.

mod common;

mod accessibility;
mod architecture;
mod build;
mod charts;
mod compare;
mod consolidate;
mod crossrefs;
mod docx;
mod first_steps;
mod golden;
mod guide;
mod hostile;
mod import;
mod languages;
mod link_races;
mod new;
mod outline;
mod preview;
mod publish;
mod release;
mod roundtrip;
mod status_page;
mod translate;
mod validation;
mod watch;
