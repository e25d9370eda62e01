//! The sections of a document: a rapporteur's files, and contributions under the headings the
//! document gives them, case studies grouped by theme when it asks.

use crate::load::contribution::{Contribution, Kind};
use crate::load::document::{ContributionsSection, FileSection, Order};
use crate::load::translation_name;
use crate::model::{Block, Inline};

use super::Consolidator;
use super::blocks::{heading_block, in_language, place_headings, unnumber_headings};

/// A section's heading with the section's label (`label:` of the document YAML) as its
/// anchor.
fn labelled(block: Block, label: Option<&crate::load::fields::Located<String>>) -> Block {
    match (block, label) {
        (Block::Heading(mut heading), Some(label)) => {
            heading
                .content
                .insert(0, Inline::Anchor(label.value.clone()));
            Block::Heading(heading)
        }
        (block, _) => block,
    }
}

impl<'a> Consolidator<'a> {
    /// The text of a rapporteur's file in this language, or the original with a warning; with
    /// the language it is in when that is not the document's.
    pub(super) fn file_text(&mut self, file: &FileSection) -> (Vec<Block>, Option<String>) {
        let pick = file
            .texts
            .iter()
            .find(|(l, _)| l == self.lang)
            .or_else(|| file.texts.first());
        let Some((lang, body)) = pick else {
            return (Vec::new(), None);
        };
        if lang != self.lang {
            self.diags
                .warning(
                    &self.spec.file,
                    file.path.pos,
                    format!(
                        "\"{}\" has no \"{}\" version; the \"{lang}\" text is used",
                        file.path.value, self.lang
                    ),
                )
                .hint(format!(
                    "add the translation beside it as {}",
                    translation_name(&file.path.value, self.original, self.lang)
                ));
        }
        let other_language = (lang != self.lang).then(|| lang.clone());
        (body.blocks.clone(), other_language)
    }

    pub(super) fn file_section(&mut self, file: &FileSection) -> Vec<Block> {
        let (blocks, lang) = self.file_text(file);
        match &file.heading {
            Some(heading) => {
                let mut out = vec![labelled(
                    heading_block(1, self.text(heading)),
                    file.label.as_ref(),
                )];
                out.extend(in_language(place_headings(blocks, 1), lang));
                out
            }
            None => in_language(place_headings(blocks, 0), lang),
        }
    }

    pub(super) fn contributions_section(
        &mut self,
        section: &ContributionsSection,
        shown: &mut Vec<&'a Contribution>,
    ) -> Vec<Block> {
        let mut out = Vec::new();
        let level = match &section.heading {
            Some(heading) => {
                out.push(labelled(
                    heading_block(1, self.text(heading)),
                    section.label.as_ref(),
                ));
                2
            }
            None => 1,
        };
        let first = out.len();
        match section.kind {
            Kind::CountryInput => {
                for input in self.country_inputs(section.order) {
                    out.extend(self.contribution_blocks(input, level));
                }
            }
            Kind::CaseStudy => {
                let filter: Vec<&str> = section.themes.iter().map(|t| t.value.as_str()).collect();
                let studies = self.case_studies(&filter, section.order);
                shown.extend(studies.iter().copied());
                if section.group_by_theme {
                    out.extend(self.grouped_case_studies(&studies, &filter, level));
                } else {
                    for study in studies {
                        out.extend(self.contribution_blocks(study, level));
                    }
                }
            }
        }
        if section.order == Order::RepliesFromStates {
            // Their letters would differ between the language versions: no heading under the
            // section's own is numbered.
            unnumber_headings(&mut out[first..]);
        }
        out
    }

    /// Case studies under one sub-heading per theme, in meeting.yaml order; each under the
    /// first of its themes (that the filter keeps).
    pub(super) fn grouped_case_studies(
        &mut self,
        studies: &[&'a Contribution],
        filter: &[&str],
        level: u8,
    ) -> Vec<Block> {
        let meeting = &self.project.meeting;
        let group_of = |c: &Contribution| -> Option<String> {
            c.themes.iter().map(|t| t.value.clone()).find(|t| {
                meeting.theme(t).is_some() && (filter.is_empty() || filter.contains(&t.as_str()))
            })
        };
        let mut out = Vec::new();
        for theme in &meeting.themes {
            let members: Vec<&&Contribution> = studies
                .iter()
                .filter(|c| group_of(c).as_deref() == Some(theme.id.as_str()))
                .collect();
            if members.is_empty() {
                continue;
            }
            out.push(heading_block(level, self.text(&theme.title)));
            for study in members {
                out.extend(self.contribution_blocks(study, level + 1));
            }
        }
        let others: Vec<&&Contribution> =
            studies.iter().filter(|c| group_of(c).is_none()).collect();
        if !others.is_empty() {
            out.push(heading_block(level, &self.labels.other));
            for study in others {
                out.extend(self.contribution_blocks(study, level + 1));
            }
        }
        out
    }

    /// A contribution under its own heading at `level`; its own headings below it
    /// ([`place_headings`]).
    pub(super) fn contribution_blocks(&self, c: &Contribution, level: u8) -> Vec<Block> {
        let mut out = Vec::new();
        let title = match (&c.title, c.kind) {
            (Some(title), _) => title.value.clone(),
            (None, _) => self.country_name(&c.id.value),
        };
        out.push(heading_block(level, &title));
        if c.kind == Kind::CaseStudy {
            let mut facts = Vec::new();
            if let Some(org) = &c.organization {
                facts.push(org.clone());
            }
            let countries: Vec<String> = c
                .countries
                .iter()
                .map(|k| self.country_name(&k.value))
                .collect();
            if !countries.is_empty() {
                facts.push(countries.join(", "));
            }
            if let Some(period) = &c.period {
                facts.push(period.clone());
            }
            if !facts.is_empty() {
                out.push(Block::Byline(vec![Inline::Text(facts.join(" · "))]));
            }
        }
        let body = place_headings(c.body.blocks.clone(), level);
        out.extend(in_language(
            body,
            (c.language.value != self.lang).then(|| c.language.value.clone()),
        ));
        out
    }
}
