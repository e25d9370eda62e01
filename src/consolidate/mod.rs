//! Consolidation: from the loaded project to one [`Document`] per document and language.
//!
//! It orders and groups contributions as the contract says, chooses each text's language
//! (falling back to the original with a warning), places contribution headings under the
//! headings the document gives them, marks body paragraphs for numbering, and builds the annex
//! tables. It reads only loaded records and writes only the model.

use std::cmp::Ordering;

use crate::diag::{Diagnostics, Pos};
use crate::load::contribution::{Contribution, Kind};
use crate::load::document::{
    AnnexContent, ContributionsSection, DocumentSpec, FileSection, Section,
};
use crate::load::fields::Localized;
use crate::load::markdown::Body;
use crate::load::{Project, translation_name};
use crate::model::{Align, Annex, Block, Document, Front, Heading, Inline, Labels, Table};

/// What a build asks for besides the sources.
#[derive(Debug, Clone)]
pub struct Options {
    pub version: String,
    pub is_final: bool,
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
    let mut cx = Consolidator {
        project,
        spec,
        lang,
        original: project.meeting.original_language(),
        labels,
        diags,
    };
    let front = cx.front(options);
    let mut body = Vec::new();
    let mut shown_case_studies: Vec<&Contribution> = Vec::new();
    for section in &spec.sections {
        match section {
            Section::File(file) => body.extend(cx.file_section(file)),
            Section::Contributions(section) => {
                body.extend(cx.contributions_section(section, &mut shown_case_studies));
            }
        }
    }
    number_paragraphs(&mut body);
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
                        listed = cx.case_studies(&[]);
                    }
                    vec![Block::Table(cx.case_study_index(&listed))]
                }
                AnnexContent::File(file) => {
                    let (blocks, lang) = cx.file_text(file);
                    in_language(shift_headings(blocks, 2), lang)
                }
            };
            Annex { title, blocks }
        })
        .collect();

    Document {
        id: spec.id.clone(),
        lang: lang.to_string(),
        original_lang: cx.original.to_string(),
        version: options.version.clone(),
        is_final: options.is_final,
        front,
        body,
        annexes,
        labels: labels.clone(),
    }
}

struct Consolidator<'a> {
    project: &'a Project,
    spec: &'a DocumentSpec,
    lang: &'a str,
    original: &'a str,
    labels: &'a Labels,
    diags: &'a mut Diagnostics,
}

impl<'a> Consolidator<'a> {
    fn text<'t>(&self, value: &'t Localized) -> &'t str {
        value.get(self.lang, self.original)
    }

    fn country_name(&self, code: &str) -> String {
        self.project.meeting.country_name(code, self.lang)
    }

    fn front(&self, options: &Options) -> Front {
        let meeting = &self.project.meeting;
        let opt = |value: &Option<Localized>| {
            value
                .as_ref()
                .map(|v| self.text(v).to_string())
                .filter(|t| !t.is_empty())
        };
        let title = self.text(&self.spec.title).to_string();
        let summary = opt(&self.spec.summary)
            .map(|s| {
                s.split("\n\n")
                    .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Front {
            programme: self.text(&meeting.programme).to_string(),
            organizers: meeting.organizers.clone(),
            symbol: self.spec.full_symbol(),
            distribution: self.spec.distribution.clone(),
            date: self.spec.date,
            body: opt(&meeting.body),
            session: opt(&meeting.session),
            venue: opt(&meeting.venue),
            meeting_dates: meeting.dates,
            agenda_item: opt(&self.spec.agenda_item),
            short_title: opt(&self.spec.short_title).unwrap_or_else(|| title.clone()),
            title,
            subtitle: opt(&self.spec.subtitle),
            summary,
            draft_note: if options.is_final {
                None
            } else {
                opt(&meeting.draft_note)
            },
        }
    }

    /// The text of a rapporteur's file in this language, or the original with a warning.
    /// The text of a rapporteur's file in this language, or the original with a warning; with
    /// the language it is in when that is not the document's.
    fn file_text(&mut self, file: &FileSection) -> (Vec<Block>, Option<String>) {
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

    fn file_section(&mut self, file: &FileSection) -> Vec<Block> {
        let (blocks, lang) = self.file_text(file);
        match &file.heading {
            Some(heading) => {
                let mut out = vec![heading_block(1, self.text(heading))];
                out.extend(in_language(shift_headings(blocks, 2), lang));
                out
            }
            None => in_language(shift_headings(blocks, 1), lang),
        }
    }

    fn contributions_section(
        &mut self,
        section: &ContributionsSection,
        shown: &mut Vec<&'a Contribution>,
    ) -> Vec<Block> {
        let mut out = Vec::new();
        let level = match &section.heading {
            Some(heading) => {
                out.push(heading_block(1, self.text(heading)));
                2
            }
            None => 1,
        };
        match section.kind {
            Kind::CountryInput => {
                for input in self.country_inputs() {
                    out.extend(self.contribution_blocks(input, level));
                }
            }
            Kind::CaseStudy => {
                let filter: Vec<&str> = section.themes.iter().map(|t| t.value.as_str()).collect();
                let studies = self.case_studies(&filter);
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
        out
    }

    /// The version of a contribution to show in this language: its own translation, else the
    /// original-language text, else whichever exists; a fallback is reported.
    fn version_of(&mut self, kind: Kind, id: &str) -> Option<&'a Contribution> {
        let versions: Vec<&'a Contribution> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == kind && c.id.value == id)
            .collect();
        if let Some(own) = versions.iter().find(|c| c.language.value == self.lang) {
            return Some(own);
        }
        let chosen = versions
            .iter()
            .find(|c| c.language.value == self.original)
            .or(versions.first())
            .copied()?;
        self.diags.warning(
            &chosen.file,
            Pos::new(1, 1),
            format!(
                "no \"{}\" version of this {}; its \"{}\" text is used in the \"{}\" documents",
                self.lang,
                kind.name(),
                chosen.language.value,
                self.lang
            ),
        );
        Some(chosen)
    }

    /// One country input per country, in alphabetical order of the country's name.
    fn country_inputs(&mut self) -> Vec<&'a Contribution> {
        let mut codes: Vec<String> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CountryInput)
            .map(|c| c.id.value.clone())
            .collect();
        codes.sort();
        codes.dedup();
        let mut inputs: Vec<&'a Contribution> = codes
            .iter()
            .filter_map(|code| self.version_of(Kind::CountryInput, code))
            .collect();
        inputs.sort_by(|a, b| {
            collate(
                &self.country_name(&a.id.value),
                &self.country_name(&b.id.value),
            )
        });
        inputs
    }

    /// Case studies with one of `filter`'s themes (all when empty), by country name then title.
    fn case_studies(&mut self, filter: &[&str]) -> Vec<&'a Contribution> {
        let mut ids: Vec<String> = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CaseStudy)
            .filter(|c| {
                filter.is_empty() || c.themes.iter().any(|t| filter.contains(&t.value.as_str()))
            })
            .map(|c| c.id.value.clone())
            .collect();
        ids.sort();
        ids.dedup();
        let versions: Vec<&'a Contribution> = ids
            .iter()
            .filter_map(|id| self.version_of(Kind::CaseStudy, id))
            .collect();
        let mut studies: Vec<(String, String, &'a Contribution)> = versions
            .into_iter()
            .map(|c| {
                let country = c
                    .countries
                    .first()
                    .map(|k| self.country_name(&k.value))
                    .unwrap_or_default();
                let title = c
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default();
                (country, title, c)
            })
            .collect();
        studies.sort_by(|a, b| collate(&a.0, &b.0).then_with(|| collate(&a.1, &b.1)));
        studies.into_iter().map(|(_, _, c)| c).collect()
    }

    /// Case studies under one sub-heading per theme, in meeting.yaml order; each under the
    /// first of its themes (that the filter keeps).
    fn grouped_case_studies(
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

    /// A contribution under its own heading at `level`; its `##` headings one level below.
    fn contribution_blocks(&self, c: &Contribution, level: u8) -> Vec<Block> {
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
        let body = nest_contribution(&c.body, level);
        out.extend(in_language(
            body,
            (c.language.value != self.lang).then(|| c.language.value.clone()),
        ));
        out
    }

    fn indicator_table(&self, ids: &[&str]) -> Table {
        let meeting = &self.project.meeting;
        let indicators: Vec<_> = ids.iter().filter_map(|id| meeting.indicator(id)).collect();
        let mut header = vec![vec![Inline::Text(self.labels.country.clone())]];
        for indicator in &indicators {
            let mut label = self.text(&indicator.label).to_string();
            if let Some(unit) = &indicator.unit {
                label.push_str(&format!(" ({})", self.text(unit)));
            }
            header.push(vec![Inline::Text(label)]);
        }
        let mut countries: Vec<(String, &str)> = meeting
            .countries
            .iter()
            .map(|c| (self.country_name(&c.code), c.code.as_str()))
            .collect();
        countries.sort_by(|a, b| collate(&a.0, &b.0));
        let mut rows = Vec::new();
        let mut sources: Vec<Vec<String>> = vec![Vec::new(); indicators.len()];
        let mut any_missing = false;
        for (name, code) in &countries {
            let input = self.indicator_source(code);
            let mut row = vec![vec![Inline::Text(name.clone())]];
            for (i, indicator) in indicators.iter().enumerate() {
                let value =
                    input.and_then(|c| c.indicators.iter().find(|v| v.id.value == indicator.id));
                match value {
                    Some(v) => {
                        let text = match v.year {
                            Some(year) => format!("{} ({year})", v.value),
                            None => v.value.clone(),
                        };
                        row.push(vec![Inline::Text(text)]);
                        if let Some(source) = &v.source
                            && !sources[i].contains(source)
                        {
                            sources[i].push(source.clone());
                        }
                    }
                    None => {
                        any_missing = true;
                        row.push(vec![Inline::Text("..".into())]);
                    }
                }
            }
            rows.push(row);
        }
        let mut notes = Vec::new();
        let described: Vec<String> = indicators
            .iter()
            .zip(&sources)
            .filter(|(_, s)| !s.is_empty())
            .map(|(indicator, s)| format!("{}: {}", self.text(&indicator.label), s.join("; ")))
            .collect();
        if !described.is_empty() {
            let label = if described.len() == 1 {
                &self.labels.source
            } else {
                &self.labels.sources
            };
            notes.push(vec![
                Inline::Emph(vec![Inline::Text(format!("{label}:"))]),
                Inline::Text(format!(" {}.", described.join(". "))),
            ]);
        }
        if any_missing {
            notes.push(vec![Inline::Text(format!(
                ".. = {}.",
                self.labels.not_available
            ))]);
        }
        let mut align = vec![Align::Left];
        align.extend(indicators.iter().map(|_| Align::Right));
        Table {
            align,
            header,
            rows,
            notes,
        }
    }

    /// The country input whose indicator figures count: the original-language one, else any.
    fn indicator_source(&self, code: &str) -> Option<&'a Contribution> {
        let inputs = self
            .project
            .contributions
            .iter()
            .filter(|c| c.kind == Kind::CountryInput && c.id.value == code);
        let inputs: Vec<_> = inputs.collect();
        inputs
            .iter()
            .find(|c| c.language.value == self.original)
            .or(inputs.first())
            .copied()
    }

    fn case_study_index(&self, studies: &[&Contribution]) -> Table {
        let header = [
            &self.labels.title,
            &self.labels.country,
            &self.labels.organization,
            &self.labels.themes,
        ]
        .iter()
        .map(|l| vec![Inline::Text(l.to_string())])
        .collect();
        let rows = studies
            .iter()
            .map(|c| {
                let mut title = vec![Inline::Strong(vec![Inline::Text(
                    c.title
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                )])];
                if let Some(summary) = &c.summary {
                    title.push(Inline::LineBreak);
                    title.push(Inline::Text(
                        summary.split_whitespace().collect::<Vec<_>>().join(" "),
                    ));
                }
                let countries = c
                    .countries
                    .iter()
                    .map(|k| self.country_name(&k.value))
                    .collect::<Vec<_>>()
                    .join(", ");
                let themes = c
                    .themes
                    .iter()
                    .filter_map(|t| self.project.meeting.theme(&t.value))
                    .map(|t| self.text(&t.title).to_string())
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![
                    title,
                    vec![Inline::Text(countries)],
                    vec![Inline::Text(c.organization.clone().unwrap_or_default())],
                    vec![Inline::Text(themes)],
                ]
            })
            .collect();
        Table {
            align: vec![Align::Left; 4],
            header,
            rows,
            notes: Vec::new(),
        }
    }
}

fn heading_block(level: u8, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        content: vec![Inline::Text(text.to_string())],
        numbered: true,
    })
}

/// Moves headings so that the shallowest one stands at `top` (for rapporteur files, where the
/// shallowest heading is a chapter).
pub fn shift_headings(mut blocks: Vec<Block>, top: u8) -> Vec<Block> {
    let shallowest = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .min();
    if let Some(shallowest) = shallowest {
        for block in &mut blocks {
            if let Block::Heading(h) = block {
                h.level = (h.level - shallowest + top).min(9);
            }
        }
    }
    blocks
}

/// A contribution's body under its heading at `level`: `##` becomes `level + 1` (a `#`, which
/// the contract does not expect, is treated as `##`).
fn nest_contribution(body: &Body, level: u8) -> Vec<Block> {
    body.blocks
        .iter()
        .cloned()
        .map(|mut block| {
            if let Block::Heading(h) = &mut block {
                h.level = (h.level.max(2) - 2 + level + 1).min(9);
            }
            block
        })
        .collect()
}

/// Marks the paragraphs at the top level of the body for the document-wide numbering (a part
/// in another language is still the top level).
fn number_paragraphs(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph { numbered, .. } => *numbered = true,
            Block::Lang { blocks, .. } => number_paragraphs(blocks),
            _ => {}
        }
    }
}

/// `blocks` marked as being in `lang`, when that is another language than the document's.
fn in_language(blocks: Vec<Block>, lang: Option<String>) -> Vec<Block> {
    match lang {
        Some(lang) if !blocks.is_empty() => vec![Block::Lang { lang, blocks }],
        _ => blocks,
    }
}

/// Alphabetical order as a reader expects it: case and accents aside, then exact.
pub fn collate(a: &str, b: &str) -> Ordering {
    let key = |s: &str| -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                'ё' => 'е',
                'à' | 'á' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'ı' => 'i',
                'ö' | 'ó' => 'o',
                'ü' | 'ú' => 'u',
                'ç' => 'c',
                'ş' => 's',
                'ğ' => 'g',
                other => other,
            })
            .collect()
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallowest_heading_becomes_a_chapter() {
        let blocks = vec![
            heading_block(2, "a"),
            heading_block(3, "b"),
            heading_block(2, "c"),
        ];
        let shifted = shift_headings(blocks, 1);
        let levels: Vec<u8> = shifted
            .iter()
            .map(|b| {
                if let Block::Heading(h) = b {
                    h.level
                } else {
                    0
                }
            })
            .collect();
        assert_eq!(levels, vec![1, 2, 1]);
    }

    #[test]
    fn collation_ignores_case_and_yo() {
        let mut names = vec!["Узбекистан", "азербайджан", "Афганистан", "Таджикистан"];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(
            names,
            vec!["азербайджан", "Афганистан", "Таджикистан", "Узбекистан"]
        );
    }
}
