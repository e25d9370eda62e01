//! Consolidation: from the loaded project to one [`Document`] per document and language.
//!
//! It orders and groups contributions as the contract says, chooses each text's language
//! (falling back to the original with a warning), places contribution headings under the
//! headings the document gives them, marks body paragraphs for numbering, and builds the annex
//! tables. It reads only loaded records and writes only the model.
//!
//! - `front`: the masthead, sessional heading, title and summary;
//! - `sections`: the document's sections: rapporteur files and contributions under their
//!   headings, grouped by theme;
//! - `order`: which version of each contribution, in which order (ICU collation in the
//!   meeting's first language for every version, or in each version's own);
//! - `tables`: the annex tables (indicators, case-study index);
//! - `blocks`: heading levels, paragraph numbering, text in another language;
//! - [`preview`]: one contribution alone, as it will stand in its document.

mod blocks;
mod front;
mod order;
mod preview;
mod sections;
mod tables;

use crate::diag::Diagnostics;
use crate::load::Project;
use crate::load::contribution::Contribution;
use crate::load::document::{AnnexContent, DocumentSpec, Order, Section};
use crate::load::fields::Localized;
use crate::model::{Annex, Block, Document, Labels};

pub use blocks::place_headings;
use blocks::{in_language, number_paragraphs};
pub use order::Collation;
pub use preview::{preview, preview_document};

/// What a build asks for besides the sources.
#[derive(Debug, Clone)]
pub struct Options {
    pub version: String,
    pub is_final: bool,
    /// The contribution files left out of a draft because they have errors
    /// (`build --keep-going`), named on its first page.
    pub left_out: Vec<String>,
}

/// Consolidates document `spec` in language `lang`. Fallbacks are reported as warnings.
pub fn consolidate(
    project: &Project,
    spec: &DocumentSpec,
    lang: &str,
    labels: &Labels,
    options: &Options,
    diags: &mut Diagnostics,
) -> Document {
    let mut cx = Consolidator::new(project, spec, lang, labels, diags);
    let front = cx.front(options);
    let mut body = Vec::new();
    let mut shown_case_studies: Vec<&Contribution> = Vec::new();
    for section in &spec.sections {
        let mut blocks = match section {
            Section::File(file) => cx.file_section(file),
            Section::Contributions(section) => {
                cx.contributions_section(section, &mut shown_case_studies)
            }
            Section::Chart { heading, chart } => {
                let mut blocks = Vec::new();
                if let Some(heading) = heading {
                    blocks.push(blocks::heading_block(1, cx.text(heading)));
                }
                blocks.extend(cx.chart(chart).map(Block::Chart));
                blocks
            }
        };
        // The UN form for replies from States numbers none of their paragraphs: each
        // language version orders them by its own alphabet.
        let replies =
            matches!(section, Section::Contributions(s) if s.order == Order::RepliesFromStates);
        if !replies {
            number_paragraphs(&mut blocks);
        }
        body.extend(blocks);
    }
    let annexes = spec
        .annexes
        .iter()
        .map(|annex| {
            let title = cx.text(&annex.heading).to_string();
            let blocks = match &annex.content {
                AnnexContent::Indicators(ids) => {
                    let ids: Vec<&str> = ids.iter().map(|i| i.value.as_str()).collect();
                    vec![Block::Table(cx.indicator_table(&ids))]
                }
                AnnexContent::CaseStudyIndex => {
                    let mut listed = shown_case_studies.clone();
                    if listed.is_empty() {
                        listed = cx.case_studies(&[], Order::SameInAllLanguages);
                    }
                    vec![Block::Table(cx.case_study_index(&listed))]
                }
                AnnexContent::File(file) => {
                    let (blocks, lang) = cx.file_text(file);
                    in_language(place_headings(blocks, 1), lang)
                }
                AnnexContent::Chart(chart) => {
                    cx.chart(chart).map(Block::Chart).into_iter().collect()
                }
            };
            Annex {
                title,
                blocks,
                label: annex.label.as_ref().map(|l| l.value.clone()),
            }
        })
        .collect();

    let mut doc = Document {
        id: spec.id.clone(),
        lang: lang.to_string(),
        original_lang: cx.original.to_string(),
        version: options.version.clone(),
        is_final: options.is_final,
        front,
        body,
        annexes,
        labels: labels.clone(),
        changes: None,
    };
    // A label that exists (the loader checked) but names nothing this document shows: a chart
    // without data yet, a text the document leaves out. The draft shows `?` there.
    for label in crate::model::numbers::resolve_references(&mut doc) {
        cx.diags
            .warning(
                &spec.file,
                crate::diag::Pos::FILE,
                format!(
                    "a cross-reference to #{label} finds nothing this document numbers (its \"{lang}\" version), and prints ?"
                ),
            )
            .hint("the label must stand on a numbered paragraph or heading, a chart or an annex of a text the document shows");
    }
    doc
}

/// What consolidating one document in one language reads and reports to.
struct Consolidator<'a> {
    project: &'a Project,
    spec: &'a DocumentSpec,
    lang: &'a str,
    original: &'a str,
    labels: &'a Labels,
    /// Alphabetical order in the document's language.
    collation: Collation,
    /// Alphabetical order in the meeting's first language, which orders contributions alike in
    /// every language version.
    original_collation: Collation,
    diags: &'a mut Diagnostics,
    /// The last figure number given, straight through body and annexes.
    figures: u32,
}

impl<'a> Consolidator<'a> {
    fn new(
        project: &'a Project,
        spec: &'a DocumentSpec,
        lang: &'a str,
        labels: &'a Labels,
        diags: &'a mut Diagnostics,
    ) -> Self {
        Consolidator {
            project,
            spec,
            lang,
            original: project.meeting.original_language(),
            labels,
            collation: Collation::new(lang),
            original_collation: Collation::new(project.meeting.original_language()),
            diags,
            figures: 0,
        }
    }

    fn text<'t>(&self, value: &'t Localized) -> &'t str {
        value.get(self.lang, self.original)
    }

    fn country_name(&self, code: &str) -> String {
        self.project.meeting.country_name(code, self.lang)
    }
}
