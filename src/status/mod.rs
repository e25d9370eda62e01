//! The submission tracker: who has submitted, who is late, who is over the word limit, which
//! translations are missing, and what is wrong in which file.
//!
//! It reads the loaded project, and the version folders under `output/` for the documents
//! built; the CLI prints it as a table, as JSON, or as an HTML page ([`html`]).

pub mod built;
pub mod html;
pub mod wording;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::consolidate::Collation;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::Project;
use crate::load::contribution::{Contribution, Kind};
use crate::load::document::{AnnexContent, Section};

#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The language names and titles are given in (the meeting's first unless asked otherwise).
    pub language: String,
    pub meeting: MeetingInfo,
    pub deadline: Option<String>,
    pub languages: Vec<String>,
    /// One entry per country the meeting expects, in alphabetical order of its name.
    pub countries: Vec<CountryStatus>,
    /// One entry per case study (its original-language version), by country then title.
    pub case_studies: Vec<CaseStudyStatus>,
    /// How many case studies each theme has, in meeting.yaml order.
    pub themes: Vec<ThemeCount>,
    pub missing_translations: Vec<MissingTranslation>,
    /// The contributions whose language versions disagree (structure, figures or data; the
    /// problems say where).
    pub disagreeing_versions: Vec<Disagreeing>,
    /// Every contribution's and rapporteur's file's language versions and their translation
    /// state (`translations.lock`).
    pub translations: Vec<TranslationState>,
    /// The validation problems, grouped by file.
    pub problems: Vec<FileProblems>,
    /// Every document of the project, with the files of its newest build.
    pub documents: Vec<built::DocumentStatus>,
}

/// The translation state of one language version of a contribution or a rapporteur's file.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationState {
    /// `country-input`, `case-study` or `prose` (a rapporteur's file).
    pub kind: String,
    /// The country code or case study's id; for prose, the original's path under `sources/`
    /// without its extension (`documents/gc-2022-innovation/introduction`).
    pub id: String,
    pub language: String,
    /// `original`, `up-to-date`, `out-of-date` (with the units changed since), `missing` or
    /// `unknown` (made before its state was recorded).
    #[serde(flatten)]
    pub state: crate::translate::state::State,
}

/// A contribution whose language versions disagree.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreeing {
    /// `country-input` or `case-study`.
    pub kind: String,
    /// The country code or the case study's id.
    pub id: String,
    /// Its files, the original's first.
    pub files: Vec<String>,
}

/// The meeting as meeting.yaml gives it, in the status's language.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingInfo {
    pub programme: String,
    pub body: Option<String>,
    pub session: Option<String>,
    pub venue: Option<String>,
    /// The first and last days, `YYYY-MM-DD`.
    pub start: Option<String>,
    pub end: Option<String>,
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
    /// The input in each language it exists in, in meeting.yaml's order of languages.
    pub versions: Vec<LanguageVersion>,
}

/// A country input in one language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageVersion {
    pub language: String,
    pub file: String,
    /// Its own `submitted` date; none when the file gives none (a translation is often
    /// imported without one), not its original's.
    pub submitted_on: Option<String>,
    /// Whether that date is after the deadline.
    pub late: bool,
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

/// The status of `project`, with the problems found while loading it, names and titles in
/// the meeting's first language.
pub fn status(project: &Project, diags: &Diagnostics) -> Status {
    status_in(project, diags, project.meeting.original_language())
}

/// The status of `project` with names and titles in `lang` where the sources give them in it
/// (else in the meeting's first language), sorted as `lang` sorts.
pub fn status_in(project: &Project, diags: &Diagnostics, lang: &str) -> Status {
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
            let in_order = meeting
                .languages
                .iter()
                .filter_map(|l| versions.iter().find(|c| &c.language.value == l));
            let language_versions = in_order
                .map(|c| {
                    // Its own date only: a translation is not dated by its original.
                    let submitted = c.submitted.as_ref().map(|d| d.value);
                    LanguageVersion {
                        language: c.language.value.clone(),
                        file: c.file.clone(),
                        submitted_on: submitted.map(|d| d.to_string()),
                        late: matches!((submitted, deadline), (Some(s), Some(d)) if s > d),
                    }
                })
                .collect();
            CountryStatus {
                code: country.code.clone(),
                name: meeting.country_name(&country.code, lang),
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
                versions: language_versions,
            }
        })
        .collect();
    // Names are in `lang`: sort them as that language does.
    let collation = Collation::new(lang);
    countries.sort_by(|a, b| collation.compare(&a.name, &b.name));

    let mut case_studies: Vec<CaseStudyStatus> = by_id
        .iter()
        .filter(|((kind, _), _)| *kind == Kind::CaseStudy)
        .filter_map(|((_, id), versions)| {
            let first = first_version(versions, original)?;
            let limit = meeting.limits.case_study;
            // The title of the version in `lang` where there is one.
            let titled = versions
                .iter()
                .find(|c| c.language.value == lang)
                .copied()
                .unwrap_or(first);
            Some(CaseStudyStatus {
                id: id.to_string(),
                title: titled
                    .title
                    .as_ref()
                    .or(first.title.as_ref())
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
                .map(|k| meeting.country_name(k, lang))
                .unwrap_or_default()
        };
        collation
            .compare(&country(a), &country(b))
            .then_with(|| collation.compare(&a.title, &b.title))
    });

    let themes = meeting
        .themes
        .iter()
        .map(|theme| ThemeCount {
            id: theme.id.clone(),
            title: theme.title.get(lang, original).to_string(),
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

    let in_lang = |text: &crate::load::fields::Localized| text.get(lang, original).to_string();
    let meeting_info = MeetingInfo {
        programme: in_lang(&meeting.programme),
        body: meeting.body.as_ref().map(in_lang),
        session: meeting.session.as_ref().map(in_lang),
        venue: meeting.venue.as_ref().map(in_lang),
        start: meeting.dates.map(|(start, _)| start.to_string()),
        end: meeting.dates.map(|(_, end)| end.to_string()),
    };
    let documents = project
        .documents
        .iter()
        .map(|doc| built::document_status(&project.root, &doc.id, &in_lang(&doc.title)))
        .collect();

    let disagreeing_versions = project
        .disagreeing
        .iter()
        .map(|(kind, id)| {
            let mut files: Vec<&Contribution> = by_id
                .get(&(*kind, id.as_str()))
                .cloned()
                .unwrap_or_default();
            files.sort_by_key(|c| c.language.value != original);
            Disagreeing {
                kind: kind.name().to_string(),
                id: id.clone(),
                files: files.iter().map(|c| c.file.clone()).collect(),
            }
        })
        .collect();

    let mut lock_problems = Diagnostics::new();
    let lock = crate::translate::state::Lock::read(&project.root, &mut lock_problems);
    let translations = crate::translate::state::states(project, &lock)
        .into_iter()
        .flat_map(|((kind, id), row)| {
            row.into_iter()
                .map(move |(language, state)| TranslationState {
                    kind: kind.clone(),
                    id: id.clone(),
                    language,
                    state,
                })
        })
        .collect();

    Status {
        language: lang.to_string(),
        meeting: meeting_info,
        deadline: deadline.map(|d| d.to_string()),
        languages: meeting.languages.clone(),
        countries,
        case_studies,
        themes,
        missing_translations,
        disagreeing_versions,
        translations,
        problems,
        documents,
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
