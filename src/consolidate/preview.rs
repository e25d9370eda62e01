//! A preview: one contribution alone, as it will stand in the document that shows it, for its
//! expert to see before the deadline. The document's masthead and title, the headings the
//! document puts above it (its section, its theme), then the contribution, in the language of
//! its file; no other contribution, no annexes, and a banner saying what it is.

use crate::diag::Diagnostics;
use crate::load::Project;
use crate::load::contribution::{Contribution, Kind};
use crate::load::document::{DocumentSpec, Section};
use crate::model::{Document, Labels};

use super::blocks::{heading_block, number_paragraphs};
use super::{Consolidator, Options};

/// The document that shows `c`: the first with a section of its kind (for a case study, one
/// whose themes it has, or that takes every theme); else the first document, where it would
/// stand alone. `None` when the project has no document.
pub fn preview_document<'p>(project: &'p Project, c: &Contribution) -> Option<&'p DocumentSpec> {
    project
        .documents
        .iter()
        .find(|spec| section_showing(spec, c).is_some())
        .or_else(|| project.documents.first())
}

/// The section of `spec` that shows `c`, if any.
fn section_showing<'s>(
    spec: &'s DocumentSpec,
    c: &Contribution,
) -> Option<&'s crate::load::document::ContributionsSection> {
    spec.sections.iter().find_map(|section| match section {
        Section::Contributions(s)
            if s.kind == c.kind
                && (s.kind == Kind::CountryInput
                    || s.themes.is_empty()
                    || s.themes
                        .iter()
                        .any(|t| c.themes.iter().any(|own| own.value == t.value))) =>
        {
            Some(s)
        }
        _ => None,
    })
}

/// Contribution `c` alone in document `spec`, in the language of its file.
pub fn preview(
    project: &Project,
    spec: &DocumentSpec,
    c: &Contribution,
    labels: &Labels,
    options: &Options,
    diags: &mut Diagnostics,
) -> Document {
    let lang = c.language.value.as_str();
    let cx = Consolidator::new(project, spec, lang, labels, diags);
    let mut front = cx.front(options);
    // The rapporteur's summary is the document's, not the contribution's.
    front.summary.clear();
    front.preview = Some(labels.preview(&c.file, &front.title));
    let mut body = Vec::new();
    let mut level = 1;
    if let Some(section) = section_showing(spec, c) {
        if let Some(heading) = &section.heading {
            body.push(heading_block(level, cx.text(heading)));
            level += 1;
        }
        // Under its theme's heading, as `group_by_theme` places it.
        if section.kind == Kind::CaseStudy && section.group_by_theme {
            let meeting = &project.meeting;
            let theme = c.themes.iter().find_map(|t| {
                meeting.theme(&t.value).filter(|_| {
                    section.themes.is_empty() || section.themes.iter().any(|s| s.value == t.value)
                })
            });
            let title = match theme {
                Some(theme) => cx.text(&theme.title).to_string(),
                None => labels.other.clone(),
            };
            body.push(heading_block(level, &title));
            level += 1;
        }
    }
    body.extend(cx.contribution_blocks(c, level));
    number_paragraphs(&mut body);
    let mut doc = Document {
        id: spec.id.clone(),
        lang: lang.to_string(),
        original_lang: cx.original.to_string(),
        version: options.version.clone(),
        is_final: options.is_final,
        front,
        body,
        annexes: Vec::new(),
        labels: labels.clone(),
        changes: None,
    };
    // A reference to what the preview does not show reads `?`, as its numbers are its own
    // (its banner says the document numbers otherwise).
    crate::model::numbers::resolve_references(&mut doc);
    doc
}
