//! The status as one self-contained HTML page for the secretariat to publish: the meeting and
//! its deadline, a matrix of countries by languages, word counts against the limit, case
//! studies by theme, missing translations, every problem of every file, and links to the
//! documents built.
//!
//! The page has no script, and loads nothing: no style sheet, font or image from elsewhere;
//! its styles are in the page. Its markup is a Handlebars template (`page.html.hbs` and its
//! `partials/`), filled from a view of plain values that this module makes of the
//! [`Status`]; the template escapes every value it writes ([`escape_html`]), in text and
//! attributes alike, so a title such as `<script>alert(1)</script>` is shown as those
//! characters, and no value can be written unescaped by forgetting to.
//!
//! It reads only the [`Status`]; it knows nothing of YAML or Markdown.

use std::fmt::Write as _;
use std::time::SystemTime;

use serde::Serialize;

use super::wording::PageWording;
use super::{CaseStudyStatus, CountryStatus, Status};
use crate::model::Date;

/// `text` with the characters that mean something in HTML replaced by references, so that it
/// reads as the same characters in element content and in a double- or single-quoted
/// attribute value.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A path segment for a URL: every byte but letters, digits and `-._~` percent-encoded, so a
/// name with spaces, `#`, `?` or `%` stays one segment of a relative link.
fn url_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The moment the page says it was generated, as UTC ISO 8601 (`2023-05-01T12:00:00Z`):
/// `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) when it is set
/// and a number, so that the page is the same byte for byte; else `now`.
pub fn generated_at(source_date_epoch: Option<&str>, now: SystemTime) -> String {
    let seconds = source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| match now.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |s| -s),
        });
    // Dates beyond the year 9999 are no moment anyone means; keep the arithmetic in range.
    let seconds = seconds.clamp(-62_135_596_800, 253_402_300_799);
    let date = Date::from_unix_seconds(seconds);
    let in_day = seconds.rem_euclid(86_400);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// A country input as the page shows it.
pub struct CountryRow<'a> {
    pub status: &'a CountryStatus,
    /// A preview of the input alone (`output/preview/<file-stem>.pdf`, relative to the project),
    /// once previews are built; `None` until then.
    pub preview: Option<String>,
}

/// A case study as the page shows it.
pub struct CaseStudyRow<'a> {
    pub status: &'a CaseStudyStatus,
    /// As [`CountryRow::preview`].
    pub preview: Option<String>,
}

/// Where the page's links start from: the page's folder and the project's, each as the folder
/// names of its absolute path (both empty: links relative to the project, as when the page is
/// printed rather than written to a file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkBase {
    pub page_folder: Vec<String>,
    pub project_folder: Vec<String>,
}

impl LinkBase {
    /// Links relative to the project's folder.
    pub fn project() -> LinkBase {
        LinkBase::default()
    }

    /// The path from the page's folder to `path` (relative to the project, with `/`), as
    /// segments: up (`..`) to the folder both share, then down.
    fn segments_to(&self, path: &str) -> Vec<String> {
        let target: Vec<&str> = self
            .project_folder
            .iter()
            .map(String::as_str)
            .chain(path.split('/'))
            .collect();
        let shared = self
            .page_folder
            .iter()
            .zip(&target)
            .take_while(|(a, b)| a.as_str() == **b)
            .count();
        let up = std::iter::repeat_n("..".to_string(), self.page_folder.len() - shared);
        up.chain(target[shared..].iter().map(|s| s.to_string()))
            .collect()
    }
}

/// What the page shows, and how.
pub struct Page<'a> {
    pub status: &'a Status,
    pub words: &'static PageWording,
    /// When the page was generated ([`generated_at`]).
    pub generated_at: String,
    pub links: LinkBase,
    pub countries: Vec<CountryRow<'a>>,
    pub case_studies: Vec<CaseStudyRow<'a>>,
}

impl<'a> Page<'a> {
    /// The page of `status` in the words of `words`, without previews.
    pub fn new(
        status: &'a Status,
        words: &'static PageWording,
        generated_at: String,
        links: LinkBase,
    ) -> Page<'a> {
        Page {
            status,
            words,
            generated_at,
            links,
            countries: status
                .countries
                .iter()
                .map(|status| CountryRow {
                    status,
                    preview: None,
                })
                .collect(),
            case_studies: status
                .case_studies
                .iter()
                .map(|status| CaseStudyRow {
                    status,
                    preview: None,
                })
                .collect(),
        }
    }

    /// A link's `href` to `path`, a path relative to the project with `/`: its segments
    /// percent-encoded (the template escapes it for the attribute).
    fn href(&self, path: &str) -> String {
        let segments = self
            .links
            .segments_to(path)
            .iter()
            .map(|s| url_segment(s))
            .collect::<Vec<_>>();
        segments.join("/")
    }
}

/// The page's template and its partials, embedded.
const TEMPLATE: &str = include_str!("page.html.hbs");
const PARTIALS: &[(&str, &str)] = &[
    ("head", include_str!("partials/head.html.hbs")),
    ("count", include_str!("partials/count.html.hbs")),
    ("preview", include_str!("partials/preview.html.hbs")),
];

/// What the page shows, every value plain text: the template escapes each one it writes.
#[derive(Serialize)]
struct View {
    lang: String,
    title: String,
    meeting_name: String,
    programme: String,
    facts: Vec<Fact>,
    submitted: String,
    matrix: Section<MatrixRow>,
    lengths: Section<LengthRow>,
    case_studies: CaseStudies,
    translations: Translations,
    problems: Problems,
    documents: Section<DocumentRow>,
    generated: String,
}

#[derive(Serialize)]
struct Fact {
    term: String,
    value: String,
}

/// A section's heading and its table, or the sentence that stands for an empty one.
#[derive(Serialize)]
struct Section<R> {
    heading: String,
    table: Option<Table<R>>,
    empty: Option<String>,
}

#[derive(Serialize)]
struct Table<R> {
    caption: String,
    columns: Vec<String>,
    rows: Vec<R>,
}

#[derive(Serialize)]
struct MatrixRow {
    code: String,
    name: String,
    cells: Vec<MatrixCell>,
}

#[derive(Serialize)]
struct MatrixCell {
    lang: String,
    /// `data-state` and the cell's class.
    state: &'static str,
    label: String,
    date: Option<String>,
}

#[derive(Serialize)]
struct LengthRow {
    code: String,
    name: String,
    /// `None` when the input was not submitted.
    count: Option<Count>,
    not_submitted: String,
    file: Option<String>,
    preview: Option<Preview>,
}

/// Words against the limit: a bar (drawn, hidden from screen readers, which read the words
/// beside it) and the words: "63 of 60 words, over the limit by 3".
#[derive(Serialize)]
struct Count {
    bar: Option<Bar>,
    text: String,
    over: Option<String>,
}

#[derive(Serialize)]
struct Bar {
    percent: usize,
    over: bool,
}

/// The link to a row's preview; its accessible name says whose, as every row's link reads
/// the same.
#[derive(Serialize)]
struct Preview {
    href: String,
    label: String,
    text: String,
}

#[derive(Serialize)]
struct CaseStudies {
    heading: String,
    count: String,
    themes: Vec<Theme>,
}

#[derive(Serialize)]
struct Theme {
    title: String,
    size: usize,
    table: Option<Table<CaseStudyLine>>,
    empty: String,
}

#[derive(Serialize)]
struct CaseStudyLine {
    id: String,
    title: String,
    file: String,
    preview: Option<Preview>,
    countries: String,
    languages: String,
    /// "Submitted late", when it was.
    late: Option<String>,
    /// The date (with its words when late), or a dash.
    submitted: String,
    count: Count,
}

/// The section of translations: those missing, and the contributions whose versions
/// disagree.
#[derive(Serialize)]
struct Translations {
    #[serde(flatten)]
    missing: Section<TranslationRow>,
    /// "2 contributions have language versions that disagree: …".
    disagreeing: Option<String>,
    /// A line per translation that is out of date with its original.
    out_of_date: Vec<String>,
}

#[derive(Serialize)]
struct TranslationRow {
    file: String,
    kind: String,
    languages: String,
}

#[derive(Serialize)]
struct Problems {
    heading: String,
    intro: String,
    empty: String,
    files: Vec<ProblemFile>,
}

#[derive(Serialize)]
struct ProblemFile {
    /// The file as the heading names it ("The project as a whole" for none).
    name: String,
    /// The file as `data-file` holds it.
    file: String,
    counts: String,
    table: Table<ProblemRow>,
}

#[derive(Serialize)]
struct ProblemRow {
    place: String,
    class: &'static str,
    severity: String,
    message: String,
    hint: Option<Hint>,
}

#[derive(Serialize)]
struct Hint {
    label: String,
    text: String,
}

#[derive(Serialize)]
struct DocumentRow {
    id: String,
    title: String,
    built: Option<BuiltView>,
    not_built: NotBuilt,
}

#[derive(Serialize)]
struct NotBuilt {
    span: usize,
    text: String,
}

#[derive(Serialize)]
struct BuiltView {
    version: String,
    date: String,
    languages: Vec<LanguageFiles>,
}

#[derive(Serialize)]
struct LanguageFiles {
    files: Vec<FileLink>,
}

#[derive(Serialize)]
struct FileLink {
    format: &'static str,
    lang: String,
    /// "PDF", "DOCX".
    shown: String,
    /// The file's name, or the words for a file not built.
    name: String,
    href: Option<String>,
}

/// The page as HTML.
pub fn render(page: &Page) -> String {
    let mut handlebars = handlebars::Handlebars::new();
    handlebars.set_strict_mode(true);
    // One escaping function for every value, in text and attributes alike.
    handlebars.register_escape_fn(escape_html);
    let registered = handlebars
        .register_template_string("page", TEMPLATE)
        .and_then(|()| {
            PARTIALS
                .iter()
                .try_for_each(|(name, text)| handlebars.register_partial(name, *text))
        });
    // The template is ours and fixed: the tests render it, so a slip in it fails them.
    if let Err(err) = registered {
        panic!("the status page's template does not parse: {err}");
    }
    handlebars
        .render("page", &view(page))
        .unwrap_or_else(|err| panic!("the status page's template does not render: {err}"))
}

fn view(page: &Page) -> View {
    let w = page.words;
    let status = page.status;
    let meeting_name = status
        .meeting
        .body
        .clone()
        .unwrap_or_else(|| status.meeting.programme.clone());
    View {
        lang: w.lang.clone(),
        title: w.title.clone(),
        meeting_name,
        programme: status.meeting.programme.clone(),
        facts: facts(page),
        submitted: w
            .countries_submitted
            .replace(
                "{submitted}",
                &status
                    .countries
                    .iter()
                    .filter(|c| c.submitted)
                    .count()
                    .to_string(),
            )
            .replace("{expected}", &status.countries.len().to_string()),
        matrix: matrix(page),
        lengths: lengths(page),
        case_studies: case_studies(page),
        translations: translations(page),
        problems: problems(page),
        documents: documents(page),
        generated: w.generated.replace("{time}", &page.generated_at),
    }
}

fn facts(page: &Page) -> Vec<Fact> {
    let w = page.words;
    let status = page.status;
    let meeting = &status.meeting;
    let mut facts = Vec::new();
    let mut item = |term: &str, value: &str| {
        facts.push(Fact {
            term: term.to_string(),
            value: value.to_string(),
        })
    };
    if let Some(body) = &meeting.body {
        item(&w.meeting, body);
    }
    if let Some(session) = &meeting.session {
        item(&w.session, session);
    }
    if let Some(venue) = &meeting.venue {
        item(&w.venue, venue);
    }
    match (&meeting.start, &meeting.end) {
        (Some(start), Some(end)) if start != end => item(&w.dates, &format!("{start} – {end}")),
        (Some(day), _) | (None, Some(day)) => item(&w.dates, day),
        (None, None) => {}
    }
    item(
        &w.deadline,
        status.deadline.as_deref().unwrap_or(&w.no_deadline),
    );
    let languages: Vec<String> = status
        .languages
        .iter()
        .map(|l| w.language_name(l))
        .collect();
    item(&w.languages, &languages.join(", "));
    facts
}

/// The columns of a table: `first`, then a column per language of the meeting.
fn with_languages(page: &Page, first: &[&String]) -> Vec<String> {
    first
        .iter()
        .map(|c| c.to_string())
        .chain(
            page.status
                .languages
                .iter()
                .map(|l| page.words.language_name(l)),
        )
        .collect()
}

/// The state of a country's input in one language: its `data-state`, its words and date.
fn cell_state(
    country: &CountryStatus,
    lang: &str,
    has_deadline: bool,
    w: &PageWording,
) -> MatrixCell {
    let version = country.versions.iter().find(|v| v.language == lang);
    let (state, label, date) = match version {
        None if country.versions.is_empty() => ("missing", &w.missing, None),
        None => ("translation-missing", &w.translation_missing, None),
        Some(v) => {
            let date = v.submitted_on.clone();
            if v.late {
                ("late", &w.late, date)
            } else if has_deadline && date.is_some() {
                ("on-time", &w.on_time, date)
            } else {
                // No deadline, or no date (a translation imported without one): submitted,
                // neither on time nor late.
                ("submitted", &w.submitted, date)
            }
        }
    };
    MatrixCell {
        lang: lang.to_string(),
        state,
        label: label.clone(),
        date: date.map(|date| w.submitted_on.replace("{date}", &date)),
    }
}

fn matrix(page: &Page) -> Section<MatrixRow> {
    let w = page.words;
    let status = page.status;
    let rows = page
        .countries
        .iter()
        .map(|row| MatrixRow {
            code: row.status.code.clone(),
            name: row.status.name.clone(),
            cells: status
                .languages
                .iter()
                .map(|lang| cell_state(row.status, lang, status.deadline.is_some(), w))
                .collect(),
        })
        .collect();
    Section {
        heading: w.matrix_heading.clone(),
        table: Some(Table {
            caption: w.matrix_caption.clone(),
            columns: with_languages(page, &[&w.country]),
            rows,
        }),
        empty: None,
    }
}

/// `words` against `limit`.
fn count(w: &PageWording, words: usize, limit: Option<usize>) -> Count {
    let Some(limit) = limit else {
        let counted = w.count(words, &w.word_forms);
        return Count {
            bar: None,
            text: w.words_no_limit.replace("{words}", &counted),
            over: None,
        };
    };
    let over = words > limit;
    // A limit of 0 words: any word is over it, and the bar is full.
    let percent = words
        .saturating_mul(100)
        .checked_div(limit)
        .map_or(100, |p| p.min(100));
    Count {
        bar: Some(Bar { percent, over }),
        text: w
            .words_of_limit
            .replace("{words}", &words.to_string())
            .replace("{limit}", &limit.to_string()),
        over: over.then(|| {
            let by = w.count(words - limit, &w.word_forms);
            w.over_limit.replace("{over}", &by)
        }),
    }
}

fn preview(page: &Page, preview: Option<&str>, whose: &str) -> Option<Preview> {
    preview.map(|path| Preview {
        href: page.href(path),
        label: format!("{}: {whose}", page.words.preview),
        text: page.words.preview.clone(),
    })
}

fn lengths(page: &Page) -> Section<LengthRow> {
    let w = page.words;
    let rows = page
        .countries
        .iter()
        .map(|row| {
            let country = row.status;
            LengthRow {
                code: country.code.clone(),
                name: country.name.clone(),
                count: country
                    .submitted
                    .then(|| count(w, country.words, country.limit)),
                not_submitted: w.not_submitted.clone(),
                file: country.file.clone(),
                preview: preview(page, row.preview.as_deref(), &country.name),
            }
        })
        .collect();
    Section {
        heading: w.words_heading.clone(),
        table: Some(Table {
            caption: w.words_caption.clone(),
            columns: vec![w.country.clone(), w.words.clone(), w.file.clone()],
            rows,
        }),
        empty: None,
    }
}

fn case_studies(page: &Page) -> CaseStudies {
    let w = page.words;
    let status = page.status;
    let known: Vec<&str> = status.themes.iter().map(|t| t.id.as_str()).collect();
    let mut groups: Vec<(&str, Vec<&CaseStudyRow>)> = status
        .themes
        .iter()
        .map(|theme| {
            let rows = page
                .case_studies
                .iter()
                .filter(|row| row.status.themes.contains(&theme.id))
                .collect();
            (theme.title.as_str(), rows)
        })
        .collect();
    let without: Vec<&CaseStudyRow> = page
        .case_studies
        .iter()
        .filter(|row| {
            !row.status
                .themes
                .iter()
                .any(|t| known.contains(&t.as_str()))
        })
        .collect();
    if !without.is_empty() {
        groups.push((&w.without_theme, without));
    }
    let themes = groups
        .into_iter()
        .map(|(theme, rows)| Theme {
            title: theme.to_string(),
            size: rows.len(),
            empty: w.no_case_study.clone(),
            table: (!rows.is_empty()).then(|| Table {
                caption: w.theme_caption.replace("{theme}", theme),
                columns: [
                    &w.case_study_title,
                    &w.countries,
                    &w.languages,
                    &w.submitted_column,
                    &w.words,
                ]
                .map(String::clone)
                .to_vec(),
                rows: rows.iter().map(|row| case_study_line(page, row)).collect(),
            }),
        })
        .collect();
    CaseStudies {
        heading: w.case_studies_heading.clone(),
        count: w
            .case_studies_count
            .replace("{count}", &status.case_studies.len().to_string()),
        themes,
    }
}

fn case_study_line(page: &Page, row: &CaseStudyRow) -> CaseStudyLine {
    let w = page.words;
    let case = row.status;
    let languages: Vec<String> = page
        .status
        .languages
        .iter()
        .map(|l| {
            if case.languages.contains(l) {
                w.language_name(l)
            } else {
                format!("{}: {}", w.language_name(l), &w.translation_missing)
            }
        })
        .collect();
    let (late, submitted) = match (&case.submitted_on, case.late) {
        (Some(date), true) => (Some(w.late.clone()), w.submitted_on.replace("{date}", date)),
        (Some(date), false) => (None, date.clone()),
        (None, _) => (None, "—".to_string()),
    };
    CaseStudyLine {
        id: case.id.clone(),
        title: case.title.clone(),
        file: case.file.clone(),
        preview: preview(page, row.preview.as_deref(), &case.title),
        countries: case.countries.join(", "),
        languages: languages.join("; "),
        late,
        submitted,
        count: count(w, case.words, case.limit),
    }
}

fn translations(page: &Page) -> Translations {
    let w = page.words;
    let disagreeing = &page.status.disagreeing_versions;
    Translations {
        missing: missing_translations(page),
        out_of_date: page
            .status
            .translations
            .iter()
            .filter_map(|t| match &t.state {
                crate::translate::state::State::OutOfDate { changed } => {
                    let units: Vec<String> = changed
                        .iter()
                        .map(|c| format!("{} ({})", c.number, c.words))
                        .collect();
                    Some(
                        w.translation_out_of_date
                            .replace("{id}", &t.id)
                            .replace("{language}", &w.language_name(&t.language))
                            .replace("{units}", &units.join("; ")),
                    )
                }
                _ => None,
            })
            .collect(),
        disagreeing: (!disagreeing.is_empty()).then(|| {
            let files: Vec<String> = disagreeing.iter().map(|d| d.files.join(" ~ ")).collect();
            w.versions_disagree
                .replace("{count}", &w.count(disagreeing.len(), &w.contributions))
                .replace("{files}", &files.join("; "))
        }),
    }
}

fn missing_translations(page: &Page) -> Section<TranslationRow> {
    let w = page.words;
    let missing = &page.status.missing_translations;
    let rows = missing
        .iter()
        .map(|missing| TranslationRow {
            file: missing.file.clone(),
            kind: match missing.kind.as_str() {
                "country-input" => &w.kind_country_input,
                "case-study" => &w.kind_case_study,
                _ => &w.kind_document_text,
            }
            .clone(),
            languages: missing
                .missing
                .iter()
                .map(|l| w.language_name(l))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Section {
        heading: w.translations_heading.clone(),
        table: (!missing.is_empty()).then(|| Table {
            caption: w.translations_caption.clone(),
            columns: vec![w.file.clone(), w.kind.clone(), w.missing_in.clone()],
            rows,
        }),
        empty: Some(w.no_missing_translations.clone()),
    }
}

fn problems(page: &Page) -> Problems {
    let w = page.words;
    let files = page
        .status
        .problems
        .iter()
        .map(|group| {
            let name = if group.file.is_empty() {
                &w.project_as_a_whole
            } else {
                &group.file
            };
            let rows = group
                .diagnostics
                .iter()
                .map(|d| {
                    let (class, severity) = match d.severity {
                        crate::diag::Severity::Error => ("error", &w.error),
                        crate::diag::Severity::Warning => ("warning", &w.warning),
                    };
                    ProblemRow {
                        place: if d.line == 0 {
                            w.whole_file.clone()
                        } else {
                            format!("{}:{}", d.line, d.column)
                        },
                        class,
                        severity: severity.clone(),
                        message: d.message.clone(),
                        hint: d.hint.as_ref().map(|hint| Hint {
                            label: w.hint.clone(),
                            text: hint.clone(),
                        }),
                    }
                })
                .collect();
            ProblemFile {
                name: name.clone(),
                file: group.file.clone(),
                counts: format!(
                    "{}, {}",
                    w.count(group.errors, &w.errors),
                    w.count(group.warnings, &w.warnings)
                ),
                table: Table {
                    caption: w.problems_caption.replace("{file}", name),
                    columns: vec![w.place.clone(), w.severity.clone(), w.message.clone()],
                    rows,
                },
            }
        })
        .collect();
    Problems {
        heading: w.problems_heading.clone(),
        intro: w.problems_intro.clone(),
        empty: w.no_problems.clone(),
        files,
    }
}

fn documents(page: &Page) -> Section<DocumentRow> {
    let w = page.words;
    let status = page.status;
    let rows = status
        .documents
        .iter()
        .map(|doc| DocumentRow {
            id: doc.id.clone(),
            title: doc.title.clone(),
            built: doc.built.as_ref().map(|built| built_view(page, built)),
            not_built: NotBuilt {
                span: status.languages.len() + 2,
                text: w.not_built.clone(),
            },
        })
        .collect();
    Section {
        heading: w.documents_heading.clone(),
        table: (!status.documents.is_empty()).then(|| Table {
            caption: w.documents_caption.clone(),
            columns: with_languages(page, &[&w.document, &w.version, &w.built_on]),
            rows,
        }),
        empty: Some(w.no_documents.clone()),
    }
}

fn built_view(page: &Page, built: &super::built::BuiltVersion) -> BuiltView {
    let w = page.words;
    let kind = if built.is_final {
        &w.final_version
    } else {
        &w.draft_version
    };
    // A draft is often named `draft`: "draft (draft)" says nothing more.
    let version = if built.version == *kind {
        built.version.clone()
    } else {
        format!("{} ({kind})", built.version)
    };
    let languages = page
        .status
        .languages
        .iter()
        .map(|lang| LanguageFiles {
            files: ["pdf", "docx"]
                .into_iter()
                .map(|format| {
                    let file = built
                        .files
                        .iter()
                        .find(|f| &f.language == lang && f.format == format);
                    FileLink {
                        format,
                        lang: lang.clone(),
                        shown: format.to_ascii_uppercase(),
                        name: match file {
                            Some(file) => file
                                .path
                                .rsplit('/')
                                .next()
                                .unwrap_or(&file.path)
                                .to_string(),
                            None => w.not_in_build.clone(),
                        },
                        href: file.map(|file| page.href(&file.path)),
                    }
                })
                .collect(),
        })
        .collect();
    BuiltView {
        version,
        date: built.build_date.clone(),
        languages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Pos, Severity};
    use crate::status::built::{BuiltFile, BuiltVersion, DocumentStatus};
    use crate::status::{FileProblems, LanguageVersion, MeetingInfo, ThemeCount};

    #[test]
    fn escapes_every_character_that_means_something_in_html() {
        assert_eq!(
            escape_html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape_html(r#"a "b" & 'c'"#),
            "a &quot;b&quot; &amp; &#39;c&#39;"
        );
        // Already escaped text is escaped again: it is shown as typed.
        assert_eq!(escape_html("&lt;"), "&amp;lt;");
        assert_eq!(escape_html("Казахстан — ok"), "Казахстан — ok");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn link_segments_are_percent_encoded() {
        assert_eq!(url_segment("brief.en.pdf"), "brief.en.pdf");
        assert_eq!(url_segment("a b#c?d%"), "a%20b%23c%3Fd%25");
        assert_eq!(
            url_segment("доклад"),
            "%D0%B4%D0%BE%D0%BA%D0%BB%D0%B0%D0%B4"
        );
    }

    #[test]
    fn the_generation_time_is_source_date_epoch_when_set() {
        let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        assert_eq!(
            generated_at(Some("1683201600"), now),
            "2023-05-04T12:00:00Z"
        );
        assert_eq!(generated_at(Some(" 0\n"), now), "1970-01-01T00:00:00Z");
        assert_eq!(generated_at(None, now), "2023-11-14T22:13:20Z");
        assert_eq!(
            generated_at(Some("not a number"), now),
            "2023-11-14T22:13:20Z"
        );
    }

    fn sample_status(title: &str) -> Status {
        Status {
            language: "en".into(),
            meeting: MeetingInfo {
                programme: "Programme <b>".into(),
                body: Some("Working Group".into()),
                session: Some("First session".into()),
                venue: Some("Bishkek".into()),
                start: Some("2023-05-10".into()),
                end: Some("2023-05-11".into()),
            },
            deadline: Some("2023-04-30".into()),
            languages: vec!["en".into(), "ru".into()],
            countries: vec![CountryStatus {
                code: "KGZ".into(),
                name: "Kyrgyzstan".into(),
                submitted: true,
                late: true,
                submitted_on: Some("2023-05-02".into()),
                languages: vec!["en".into()],
                words: 63,
                limit: Some(60),
                over_limit: true,
                file: Some("sources/countries/kgz.en.md".into()),
                case_studies: 1,
                versions: vec![LanguageVersion {
                    language: "en".into(),
                    file: "sources/countries/kgz.en.md".into(),
                    submitted_on: Some("2023-05-02".into()),
                    late: true,
                }],
            }],
            case_studies: vec![CaseStudyStatus {
                id: "kgz-x".into(),
                title: title.into(),
                countries: vec!["KGZ".into()],
                themes: vec!["skills".into()],
                languages: vec!["en".into()],
                submitted_on: None,
                late: false,
                words: 5,
                limit: Some(500),
                over_limit: false,
                file: "sources/case-studies/kgz-x.en.md".into(),
            }],
            themes: vec![ThemeCount {
                id: "skills".into(),
                title: "Skills".into(),
                case_studies: 1,
            }],
            missing_translations: Vec::new(),
            disagreeing_versions: Vec::new(),
            translations: Vec::new(),
            problems: vec![FileProblems {
                file: "sources/countries/kgz.en.md".into(),
                errors: 0,
                warnings: 1,
                diagnostics: vec![Diagnostic::new(
                    Severity::Warning,
                    "sources/countries/kgz.en.md",
                    Pos::new(3, 7),
                    "a <warning>",
                )],
            }],
            documents: vec![DocumentStatus {
                id: "brief".into(),
                title: "Brief".into(),
                built: Some(BuiltVersion {
                    version: "draft".into(),
                    build_date: "2023-05-11".into(),
                    is_final: false,
                    files: vec![BuiltFile {
                        language: "en".into(),
                        format: "pdf".into(),
                        path: "output/brief/draft/brief.en.pdf".into(),
                    }],
                }),
            }],
        }
    }

    fn page_of(status: &Status, links: LinkBase) -> String {
        let time = generated_at(Some("1683201600"), SystemTime::now());
        render(&Page::new(
            status,
            crate::status::wording::english(),
            time,
            links,
        ))
    }

    #[test]
    fn values_in_attributes_and_links_cannot_leave_their_quotes() {
        let hostile = "x\" onmouseover=\"alert(1)\" '<&>";
        let mut status = sample_status("Title");
        status.countries[0].code = hostile.into();
        status.case_studies[0].id = hostile.into();
        status.problems[0].file = hostile.into();
        status.documents[0].id = hostile.into();
        let built = status.documents[0].built.as_mut().unwrap();
        built.files[0].path = format!("output/{hostile}/draft/a.pdf");
        let mut page = Page::new(
            &status,
            crate::status::wording::english(),
            "2023-05-04T12:00:00Z".into(),
            LinkBase::project(),
        );
        page.countries[0].preview = Some(format!("output/preview/{hostile}.pdf"));
        page.case_studies[0].preview = Some("javascript:alert(1)".into());
        let html = render(&page);
        // Every attribute value is closed only by its own quote: no `"` inside one, and so no
        // attribute but those the writer wrote.
        assert!(!html.contains("\" onmouseover"), "{html}");
        assert!(!html.contains("'<"), "{html}");
        assert!(
            html.contains(
                "data-country=\"x&quot; onmouseover=&quot;alert(1)&quot; &#39;&lt;&amp;&gt;\""
            ),
            "{html}"
        );
        assert!(html.contains("data-file=\"x&quot; "), "{html}");
        // Links are paths, percent-encoded segment by segment: no scheme gets in.
        assert!(
            html.contains("href=\"javascript%3Aalert%281%29\""),
            "{html}"
        );
        assert!(html.contains("href=\"output/preview/x%22%20on"), "{html}");
    }

    #[test]
    fn values_from_the_sources_are_text() {
        let page = page_of(
            &sample_status("<script>alert(1)</script>"),
            LinkBase::project(),
        );
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.to_lowercase().contains("<script"), "{page}");
        assert!(page.contains("Programme &lt;b&gt;"));
        assert!(page.contains("a &lt;warning&gt;"));
        assert!(page.contains("3:7"));
    }

    #[test]
    fn cells_say_their_state_in_words_and_attributes() {
        let page = page_of(&sample_status("T"), LinkBase::project());
        assert!(
            page.contains(
                "data-country=\"KGZ\" data-lang=\"en\" data-state=\"late\">Submitted late"
            )
        );
        assert!(page.contains(
            "data-country=\"KGZ\" data-lang=\"ru\" data-state=\"translation-missing\">Translation missing"
        ));
        assert!(page.contains("63 of 60 words, <strong class=\"over-limit\""));
        assert!(page.contains("over the limit by 3 words"));

        // Without a deadline nothing is late or on time: the input is submitted.
        let mut status = sample_status("T");
        status.deadline = None;
        status.countries[0].versions[0].late = false;
        let page = page_of(&status, LinkBase::project());
        assert!(
            page.contains(
                "data-country=\"KGZ\" data-lang=\"en\" data-state=\"submitted\">Submitted<"
            ),
            "{page}"
        );
    }

    #[test]
    fn links_are_relative_to_the_page() {
        let status = sample_status("T");
        let from_project = page_of(&status, LinkBase::project());
        assert!(from_project.contains("href=\"output/brief/draft/brief.en.pdf\""));
        let folders = |path: &str| path.split('/').map(String::from).collect::<Vec<_>>();
        let inside = LinkBase {
            page_folder: folders("home/me/my project/output"),
            project_folder: folders("home/me/my project"),
        };
        assert!(page_of(&status, inside).contains("href=\"brief/draft/brief.en.pdf\""));
        let beside = LinkBase {
            page_folder: folders("home/me/site"),
            project_folder: folders("home/me/my project"),
        };
        assert!(
            page_of(&status, beside)
                .contains("href=\"../my%20project/output/brief/draft/brief.en.pdf\"")
        );
    }
}
