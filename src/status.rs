//! The submission tracker: who has submitted, who is late, who is over the word limit, which
//! translations are missing, and what is wrong in which file.
//!
//! It reads the loaded project only; the CLI prints it as a table or as JSON.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::consolidate::Collation;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::Project;
use crate::load::contribution::{Contribution, Kind};
use crate::load::document::{AnnexContent, Section};

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    pub deadline: Option<String>,
    pub languages: Vec<String>,
    /// One entry per country the meeting expects, in alphabetical order of its name.
    pub countries: Vec<CountryStatus>,
    /// One entry per case study (its original-language version), by country then title.
    pub case_studies: Vec<CaseStudyStatus>,
    /// How many case studies each theme has, in meeting.yaml order.
    pub themes: Vec<ThemeCount>,
    pub missing_translations: Vec<MissingTranslation>,
    /// The validation problems, grouped by file.
    pub problems: Vec<FileProblems>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountryStatus {
    pub code: String,
    pub name: String,
    /// Whether a country input exists (in any language).
    pub submitted: bool,
    /// Whether it was submitted after the deadline.
    pub late: bool,
    /// The `submitted` date of the input.
    pub submitted_on: Option<String>,
    /// The languages the input exists in.
    pub languages: Vec<String>,
    /// Body words of the input in its first language; 0 when missing.
    pub words: usize,
    pub limit: Option<usize>,
    pub over_limit: bool,
    /// The file of the input in its first language.
    pub file: Option<String>,
    /// How many case studies concern the country.
    pub case_studies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseStudyStatus {
    pub id: String,
    pub title: String,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub languages: Vec<String>,
    pub submitted_on: Option<String>,
    pub late: bool,
    pub words: usize,
    pub limit: Option<usize>,
    pub over_limit: bool,
    pub file: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeCount {
    pub id: String,
    pub title: String,
    pub case_studies: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingTranslation {
    /// `country-input`, `case-study` or `document-text`.
    pub kind: String,
    pub id: String,
    /// The file that exists (in the first language, where it does).
    pub file: String,
    /// The meeting's languages it lacks.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileProblems {
    pub file: String,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// The version of a contribution in the meeting's first language, else the first there is.
fn first_version<'a>(versions: &[&'a Contribution], original: &str) -> Option<&'a Contribution> {
    versions
        .iter()
        .find(|c| c.language.value == original)
        .or(versions.first())
        .copied()
}

/// The status of `project`, with the problems found while loading it.
pub fn status(project: &Project, diags: &Diagnostics) -> Status {
    let meeting = &project.meeting;
    let original = meeting.original_language();
    let deadline = meeting.deadline;

    // Contributions by kind and id, each with its versions.
    let mut by_id: BTreeMap<(Kind, &str), Vec<&Contribution>> = BTreeMap::new();
    for c in &project.contributions {
        by_id
            .entry((c.kind, c.id.value.as_str()))
            .or_default()
            .push(c);
    }
    let languages_of = |versions: &[&Contribution]| -> Vec<String> {
        meeting
            .languages
            .iter()
            .filter(|l| versions.iter().any(|c| &c.language.value == *l))
            .cloned()
            .collect()
    };
    let late = |c: &Contribution| matches!((c.submitted.as_ref(), deadline), (Some(s), Some(d)) if s.value > d);

    let mut countries: Vec<CountryStatus> = meeting
        .countries
        .iter()
        .map(|country| {
            let versions = by_id
                .get(&(Kind::CountryInput, country.code.as_str()))
                .cloned()
                .unwrap_or_default();
            let first = first_version(&versions, original);
            let limit = meeting.limits.country_input;
            let words = first.map_or(0, |c| c.body.words);
            CountryStatus {
                code: country.code.clone(),
                name: meeting.country_name(&country.code, original),
                submitted: first.is_some(),
                late: first.is_some_and(late),
                submitted_on: first
                    .and_then(|c| c.submitted.as_ref())
                    .map(|d| d.value.to_string()),
                languages: languages_of(&versions),
                words,
                limit,
                over_limit: limit.is_some_and(|l| words > l),
                file: first.map(|c| c.file.clone()),
                case_studies: project
                    .contributions
                    .iter()
                    .filter(|c| c.kind == Kind::CaseStudy && c.language.value == original)
                    .filter(|c| c.countries.iter().any(|k| k.value == country.code))
                    .count(),
            }
        })
        .collect();
    // Names are in the meeting's original language: sort them as that language does.
    let collation = Collation::new(original);
    countries.sort_by(|a, b| collation.compare(&a.name, &b.name));

    let mut case_studies: Vec<CaseStudyStatus> = by_id
        .iter()
        .filter(|((kind, _), _)| *kind == Kind::CaseStudy)
        .filter_map(|((_, id), versions)| {
            let first = first_version(versions, original)?;
            let limit = meeting.limits.case_study;
            Some(CaseStudyStatus {
                id: id.to_string(),
                title: first
                    .title
                    .as_ref()
                    .map(|t| t.value.clone())
                    .unwrap_or_default(),
                countries: first.countries.iter().map(|k| k.value.clone()).collect(),
                themes: first.themes.iter().map(|t| t.value.clone()).collect(),
                languages: languages_of(versions),
                submitted_on: first.submitted.as_ref().map(|d| d.value.to_string()),
                late: late(first),
                words: first.body.words,
                limit,
                over_limit: limit.is_some_and(|l| first.body.words > l),
                file: first.file.clone(),
            })
        })
        .collect();
    case_studies.sort_by(|a, b| {
        let country = |c: &CaseStudyStatus| {
            c.countries
                .first()
                .map(|k| meeting.country_name(k, original))
                .unwrap_or_default()
        };
        country(a)
            .cmp(&country(b))
            .then_with(|| a.title.cmp(&b.title))
    });

    let themes = meeting
        .themes
        .iter()
        .map(|theme| ThemeCount {
            id: theme.id.clone(),
            title: theme.title.get(original, original).to_string(),
            case_studies: case_studies
                .iter()
                .filter(|c| c.themes.contains(&theme.id))
                .count(),
        })
        .collect();

    let mut missing_translations = Vec::new();
    for ((kind, id), versions) in &by_id {
        let have = languages_of(versions);
        let missing: Vec<String> = meeting
            .languages
            .iter()
            .filter(|l| !have.contains(l))
            .cloned()
            .collect();
        if let (false, Some(first)) = (missing.is_empty(), first_version(versions, original)) {
            missing_translations.push(MissingTranslation {
                kind: kind.name().to_string(),
                id: id.to_string(),
                file: first.file.clone(),
                missing,
            });
        }
    }
    let mut seen_texts = Vec::new();
    for doc in &project.documents {
        let files = doc.sections.iter().filter_map(|s| match s {
            Section::File(f) => Some(f),
            Section::Contributions(_) | Section::Chart { .. } => None,
        });
        let annex_files = doc.annexes.iter().filter_map(|a| match &a.content {
            AnnexContent::File(f) => Some(f),
            _ => None,
        });
        for file in files.chain(annex_files) {
            if file.texts.is_empty() || seen_texts.contains(&file.path.value) {
                continue;
            }
            seen_texts.push(file.path.value.clone());
            let missing: Vec<String> = meeting
                .languages
                .iter()
                .filter(|l| !file.texts.iter().any(|(have, _)| have == *l))
                .cloned()
                .collect();
            if !missing.is_empty() {
                missing_translations.push(MissingTranslation {
                    kind: "document-text".into(),
                    id: doc.id.clone(),
                    file: format!("sources/{}", file.path.value.trim_start_matches("./")),
                    missing,
                });
            }
        }
    }

    let mut problems: Vec<FileProblems> = Vec::new();
    for d in diags.sorted() {
        match problems.last_mut() {
            Some(last) if last.file == d.file => last.push(d),
            _ => {
                let mut group = FileProblems {
                    file: d.file.clone(),
                    errors: 0,
                    warnings: 0,
                    diagnostics: Vec::new(),
                };
                group.push(d);
                problems.push(group);
            }
        }
    }

    Status {
        deadline: deadline.map(|d| d.to_string()),
        languages: meeting.languages.clone(),
        countries,
        case_studies,
        themes,
        missing_translations,
        problems,
    }
}

impl FileProblems {
    fn push(&mut self, d: Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.diagnostics.push(d);
    }
}
