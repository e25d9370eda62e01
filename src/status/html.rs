//! The status as one self-contained HTML page for the secretariat to publish: the meeting and
//! its deadline, a matrix of countries by languages, word counts against the limit, case
//! studies by theme, missing translations, every problem of every file, and links to the
//! documents built.
//!
//! The page has no script, and loads nothing: no style sheet, font or image from elsewhere;
//! its styles are in the page. Every value that comes from the sources is escaped
//! ([`escape_html`]), in text and attributes alike, so a title such as
//! `<script>alert(1)</script>` is shown as those characters.
//!
//! It reads only the [`Status`]; it knows nothing of YAML or Markdown.

use std::fmt::Write as _;
use std::time::SystemTime;

use super::built::DocumentStatus;
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

    /// A link's `href` (escaped) to `path`, a path relative to the project with `/`.
    fn href(&self, path: &str) -> String {
        let segments = self
            .links
            .segments_to(path)
            .iter()
            .map(|s| url_segment(s))
            .collect::<Vec<_>>();
        escape_html(&segments.join("/"))
    }
}

const STYLE: &str = "\
:root{color-scheme:light}
body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;\
color:#1b1b1b;background:#fff;line-height:1.45}
header,main,footer{max-width:75rem;margin:0 auto;padding:.75rem 1.5rem}
header{border-bottom:4px solid #00689d}
h1{font-size:1.7rem;margin:.25rem 0 .5rem}
h2{font-size:1.3rem;margin:1.75rem 0 .5rem;border-bottom:1px solid #c5ccd6}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem;overflow-wrap:anywhere}
.programme{margin:0;color:#3d4a5c}
dl.meeting{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.5rem 0}
dl.meeting dt{font-weight:600}
dl.meeting dd{margin:0}
table{border-collapse:collapse;margin:.5rem 0 1rem;min-width:50%}
caption{text-align:left;font-weight:600;padding:.25rem 0;color:#2b3440}
th,td{border:1px solid #a9b3c1;padding:.35rem .55rem;text-align:left;vertical-align:top}
thead th{background:#e6ecf3}
tbody th{background:#f5f7fa;font-weight:600}
.state{font-weight:600}
.state small{display:block;font-weight:400}
.on-time,.submitted{background:#e2f1e5;color:#14532d}
.late{background:#fff0d1;color:#6a3b00}
.missing{background:#fde1df;color:#7a1b14}
.translation-missing{background:#e7e9f8;color:#1f2a75}
.bar{display:inline-block;width:12rem;height:.85rem;margin-right:.6rem;vertical-align:-.1rem;\
background:#edf0f4;border:1px solid #7d8796}
.bar span{display:block;height:100%;background:#2d68ad}
.bar span.over{background:repeating-linear-gradient(135deg,#a3231b 0 6px,#d2574f 6px 12px)}
.over-limit{color:#8a1c14;font-weight:600}
td.words{white-space:nowrap}
.error{color:#8a1c14;font-weight:600}
.warning{color:#6a3b00;font-weight:600}
.file,code{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:anywhere}
a{color:#0b4f9c}
a:focus{outline:2px solid #0b4f9c;outline-offset:2px}
footer{color:#3d4a5c;border-top:1px solid #c5ccd6;margin-top:2rem}
";

/// The page as HTML.
pub fn render(page: &Page) -> String {
    let w = page.words;
    let status = page.status;
    let mut out = String::new();
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, "<html lang=\"{}\">", escape_html(&w.lang));
    let _ = writeln!(out, "<head>");
    let _ = writeln!(out, "<meta charset=\"utf-8\">");
    let _ = writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(out, "<meta name=\"generator\" content=\"speca-docs\">");
    let meeting_name = status
        .meeting
        .body
        .as_deref()
        .unwrap_or(&status.meeting.programme);
    let _ = writeln!(
        out,
        "<title>{} — {}</title>",
        escape_html(&w.title),
        escape_html(meeting_name)
    );
    let _ = writeln!(out, "<style>\n{STYLE}</style>");
    let _ = writeln!(out, "</head>");
    let _ = writeln!(out, "<body>");
    header(&mut out, page);
    let _ = writeln!(out, "<main>");
    matrix(&mut out, page);
    word_counts(&mut out, page);
    case_studies(&mut out, page);
    missing_translations(&mut out, page);
    problems(&mut out, page);
    documents(&mut out, page);
    let _ = writeln!(out, "</main>");
    let _ = writeln!(
        out,
        "<footer><p>{}</p></footer>",
        escape_html(&w.generated.replace("{time}", &page.generated_at))
    );
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</html>");
    out
}

fn header(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    let meeting = &status.meeting;
    let _ = writeln!(out, "<header>");
    let _ = writeln!(
        out,
        "<p class=\"programme\">{}</p>",
        escape_html(&meeting.programme)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape_html(&w.title));
    let _ = writeln!(out, "<dl class=\"meeting\">");
    let mut item = |term: &str, value: &str| {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape_html(term),
            escape_html(value)
        );
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
    let _ = writeln!(out, "</dl>");
    let submitted = status.countries.iter().filter(|c| c.submitted).count();
    let _ = writeln!(
        out,
        "<p>{}</p>",
        escape_html(
            &w.countries_submitted
                .replace("{submitted}", &submitted.to_string())
                .replace("{expected}", &status.countries.len().to_string())
        )
    );
    let _ = writeln!(out, "</header>");
}

/// The state of a country's input in one language: its `data-state`, and its words.
fn cell_state<'w>(
    country: &CountryStatus,
    lang: &str,
    has_deadline: bool,
    w: &'w PageWording,
) -> (&'static str, &'w str, Option<String>) {
    let version = country.versions.iter().find(|v| v.language == lang);
    match version {
        None if country.versions.is_empty() => ("missing", &w.missing, None),
        None => ("translation-missing", &w.translation_missing, None),
        Some(v) => {
            let date = v.submitted_on.clone();
            if v.late {
                ("late", &w.late, date)
            } else if has_deadline {
                ("on-time", &w.on_time, date)
            } else {
                // No deadline: submitted, neither on time nor late.
                ("submitted", &w.submitted, date)
            }
        }
    }
}

/// Opens a section labelled by its heading, `id` joining the two.
fn open_section(out: &mut String, id: &str, heading: &str) {
    let _ = writeln!(out, "<section aria-labelledby=\"{id}\">");
    let _ = writeln!(out, "<h2 id=\"{id}\">{}</h2>", escape_html(heading));
}

/// Opens a table (`attributes` are written as given, each with its leading space): its
/// caption, a header row of `columns`, then its body, which [`close_table`] ends.
fn open_table(out: &mut String, attributes: &str, caption: &str, columns: &[impl AsRef<str>]) {
    let _ = writeln!(out, "<table{attributes}>");
    let _ = writeln!(out, "<caption>{}</caption>", escape_html(caption));
    out.push_str("<thead><tr>");
    for column in columns {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            escape_html(column.as_ref())
        );
    }
    let _ = writeln!(out, "</tr></thead>");
    let _ = writeln!(out, "<tbody>");
}

fn close_table(out: &mut String) {
    let _ = writeln!(out, "</tbody>");
    let _ = writeln!(out, "</table>");
}

fn matrix(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    open_section(out, "matrix", &w.matrix_heading);
    let mut columns = vec![w.country.clone()];
    columns.extend(status.languages.iter().map(|lang| w.language_name(lang)));
    open_table(out, " class=\"matrix\"", &w.matrix_caption, &columns);
    for row in &page.countries {
        let country = row.status;
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{} ({})</th>",
            escape_html(&country.name),
            escape_html(&country.code)
        );
        for lang in &status.languages {
            let (state, label, date) = cell_state(country, lang, status.deadline.is_some(), w);
            let _ = write!(
                out,
                "<td class=\"state {state}\" data-country=\"{}\" data-lang=\"{}\" data-state=\"{state}\">{}",
                escape_html(&country.code),
                escape_html(lang),
                escape_html(label)
            );
            if let Some(date) = date {
                let _ = write!(
                    out,
                    "<small>{}</small>",
                    escape_html(&w.submitted_on.replace("{date}", &date))
                );
            }
            let _ = write!(out, "</td>");
        }
        let _ = writeln!(out, "</tr>");
    }
    close_table(out);
    let _ = writeln!(out, "</section>");
}

/// A bar of `words` against `limit` (drawn, and hidden from screen readers, which read the
/// words beside it) and the words: "63 of 60 words, over the limit by 3".
fn words_against_limit(out: &mut String, w: &PageWording, words: usize, limit: Option<usize>) {
    let Some(limit) = limit else {
        let counted = w.count(words, &w.word_forms);
        let _ = write!(
            out,
            "{}",
            escape_html(&w.words_no_limit.replace("{words}", &counted))
        );
        return;
    };
    let over = words > limit;
    // A limit of 0 words: any word is over it, and the bar is full.
    let percent = words
        .saturating_mul(100)
        .checked_div(limit)
        .map_or(100, |p| p.min(100));
    let _ = write!(
        out,
        "<span class=\"bar\" aria-hidden=\"true\"><span{} style=\"width:{percent}%\"></span></span>",
        if over { " class=\"over\"" } else { "" }
    );
    let text = w
        .words_of_limit
        .replace("{words}", &words.to_string())
        .replace("{limit}", &limit.to_string());
    let _ = write!(out, "{}", escape_html(&text));
    if over {
        let by = w.count(words - limit, &w.word_forms);
        let _ = write!(
            out,
            ", <strong class=\"over-limit\" data-over-limit=\"true\">{}</strong>",
            escape_html(&w.over_limit.replace("{over}", &by))
        );
    }
}

fn word_counts(out: &mut String, page: &Page) {
    let w = page.words;
    open_section(out, "words", &w.words_heading);
    open_table(out, "", &w.words_caption, &[&w.country, &w.words, &w.file]);
    for row in &page.countries {
        let country = row.status;
        let _ = write!(
            out,
            "<tr data-country=\"{}\"><th scope=\"row\">{}</th><td class=\"words\">",
            escape_html(&country.code),
            escape_html(&country.name)
        );
        if country.submitted {
            words_against_limit(out, w, country.words, country.limit);
        } else {
            let _ = write!(out, "{}", escape_html(&w.not_submitted));
        }
        let _ = write!(out, "</td><td>");
        if let Some(file) = &country.file {
            let _ = write!(out, "<span class=\"file\">{}</span>", escape_html(file));
        }
        preview_link(out, page, row.preview.as_deref(), &country.name);
        let _ = writeln!(out, "</td></tr>");
    }
    close_table(out);
    let _ = writeln!(out, "</section>");
}

/// The link to a row's preview; its accessible name says whose, as every row's link reads
/// the same.
fn preview_link(out: &mut String, page: &Page, preview: Option<&str>, whose: &str) {
    if let Some(path) = preview {
        let _ = write!(
            out,
            " <a href=\"{}\" aria-label=\"{}\">{}</a>",
            page.href(path),
            escape_html(&format!("{}: {whose}", page.words.preview)),
            escape_html(&page.words.preview)
        );
    }
}

fn case_studies(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    open_section(out, "case-studies", &w.case_studies_heading);
    let _ = writeln!(
        out,
        "<p>{}</p>",
        escape_html(
            &w.case_studies_count
                .replace("{count}", &status.case_studies.len().to_string())
        )
    );
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
    for (index, (theme, rows)) in groups.iter().enumerate() {
        let _ = writeln!(
            out,
            "<h3 id=\"theme-{index}\">{} ({})</h3>",
            escape_html(theme),
            rows.len()
        );
        if rows.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", escape_html(&w.no_case_study));
            continue;
        }
        open_table(
            out,
            "",
            &w.theme_caption.replace("{theme}", theme),
            &[
                &w.case_study_title,
                &w.countries,
                &w.languages,
                &w.submitted_column,
                &w.words,
            ],
        );
        for row in rows {
            let case = row.status;
            let _ = write!(
                out,
                "<tr data-case-study=\"{}\"><th scope=\"row\">{}",
                escape_html(&case.id),
                escape_html(&case.title)
            );
            let _ = write!(
                out,
                "<br><span class=\"file\">{}</span>",
                escape_html(&case.file)
            );
            preview_link(out, page, row.preview.as_deref(), &case.title);
            let languages: Vec<String> = status
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
            let _ = write!(
                out,
                "</th><td>{}</td><td>{}</td><td",
                escape_html(&case.countries.join(", ")),
                escape_html(&languages.join("; "))
            );
            match (&case.submitted_on, case.late) {
                (Some(date), true) => {
                    let _ = write!(
                        out,
                        " class=\"state late\">{}<small>{}</small>",
                        escape_html(&w.late),
                        escape_html(&w.submitted_on.replace("{date}", date))
                    );
                }
                (Some(date), false) => {
                    let _ = write!(out, ">{}", escape_html(date));
                }
                (None, _) => {
                    let _ = write!(out, ">—");
                }
            }
            let _ = write!(out, "</td><td class=\"words\">");
            words_against_limit(out, w, case.words, case.limit);
            let _ = writeln!(out, "</td></tr>");
        }
        close_table(out);
    }
    let _ = writeln!(out, "</section>");
}

fn missing_translations(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    open_section(out, "translations", &w.translations_heading);
    if status.missing_translations.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape_html(&w.no_missing_translations));
        let _ = writeln!(out, "</section>");
        return;
    }
    open_table(
        out,
        "",
        &w.translations_caption,
        &[&w.file, &w.kind, &w.missing_in],
    );
    for missing in &status.missing_translations {
        let kind = match missing.kind.as_str() {
            "country-input" => &w.kind_country_input,
            "case-study" => &w.kind_case_study,
            _ => &w.kind_document_text,
        };
        let languages: Vec<String> = missing.missing.iter().map(|l| w.language_name(l)).collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" class=\"file\">{}</th><td>{}</td><td>{}</td></tr>",
            escape_html(&missing.file),
            escape_html(kind),
            escape_html(&languages.join(", "))
        );
    }
    close_table(out);
    let _ = writeln!(out, "</section>");
}

fn problems(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    open_section(out, "problems", &w.problems_heading);
    if status.problems.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape_html(&w.no_problems));
        let _ = writeln!(out, "</section>");
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", escape_html(&w.problems_intro));
    for group in &status.problems {
        let file = if group.file.is_empty() {
            &w.project_as_a_whole
        } else {
            &group.file
        };
        let counts = format!(
            "{}, {}",
            w.count(group.errors, &w.errors),
            w.count(group.warnings, &w.warnings)
        );
        let _ = writeln!(
            out,
            "<h3><span class=\"file\">{}</span>: {}</h3>",
            escape_html(file),
            escape_html(&counts)
        );
        open_table(
            out,
            &format!(" data-file=\"{}\"", escape_html(&group.file)),
            &w.problems_caption.replace("{file}", file),
            &[&w.place, &w.severity, &w.message],
        );
        for d in &group.diagnostics {
            let place = if d.line == 0 {
                w.whole_file.clone()
            } else {
                format!("{}:{}", d.line, d.column)
            };
            let (class, severity) = match d.severity {
                crate::diag::Severity::Error => ("error", &w.error),
                crate::diag::Severity::Warning => ("warning", &w.warning),
            };
            let _ = write!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"{class}\">{}</td><td>{}",
                escape_html(&place),
                escape_html(severity),
                escape_html(&d.message)
            );
            if let Some(hint) = &d.hint {
                let _ = write!(
                    out,
                    "<br><small>{} {}</small>",
                    escape_html(&w.hint),
                    escape_html(hint)
                );
            }
            let _ = writeln!(out, "</td></tr>");
        }
        close_table(out);
    }
    let _ = writeln!(out, "</section>");
}

fn documents(out: &mut String, page: &Page) {
    let w = page.words;
    let status = page.status;
    open_section(out, "documents", &w.documents_heading);
    if status.documents.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape_html(&w.no_documents));
        let _ = writeln!(out, "</section>");
        return;
    }
    let mut columns = vec![w.document.clone(), w.version.clone(), w.built_on.clone()];
    columns.extend(status.languages.iter().map(|lang| w.language_name(lang)));
    open_table(out, "", &w.documents_caption, &columns);
    for doc in &status.documents {
        document_row(out, page, doc);
    }
    close_table(out);
    let _ = writeln!(out, "</section>");
}

fn document_row(out: &mut String, page: &Page, doc: &DocumentStatus) {
    let w = page.words;
    let _ = write!(
        out,
        "<tr data-document=\"{}\"><th scope=\"row\">{}<br><span class=\"file\">{}</span></th>",
        escape_html(&doc.id),
        escape_html(&doc.title),
        escape_html(&doc.id)
    );
    let Some(built) = &doc.built else {
        let _ = writeln!(
            out,
            "<td colspan=\"{}\">{}</td></tr>",
            page.status.languages.len() + 2,
            escape_html(&w.not_built)
        );
        return;
    };
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
    let _ = write!(
        out,
        "<td>{}</td><td>{}</td>",
        escape_html(&version),
        escape_html(&built.build_date)
    );
    for lang in &page.status.languages {
        let _ = write!(out, "<td>");
        let mut first = true;
        for format in ["pdf", "docx"] {
            if !first {
                let _ = write!(out, "<br>");
            }
            first = false;
            let file = built
                .files
                .iter()
                .find(|f| &f.language == lang && f.format == format);
            let shown = format.to_ascii_uppercase();
            match file {
                Some(file) => {
                    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
                    let _ = write!(
                        out,
                        "<a href=\"{}\" data-format=\"{format}\" data-lang=\"{}\">{shown}: <span class=\"file\">{}</span></a>",
                        page.href(&file.path),
                        escape_html(lang),
                        escape_html(name)
                    );
                }
                None => {
                    let _ = write!(out, "{shown}: {}", escape_html(&w.not_in_build));
                }
            }
        }
        let _ = write!(out, "</td>");
    }
    let _ = writeln!(out, "</tr>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Pos, Severity};
    use crate::status::built::{BuiltFile, BuiltVersion};
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
