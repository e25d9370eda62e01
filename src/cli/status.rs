//! `speca-docs status`: the submission tracker, as a table for people, JSON for programs, or
//! an HTML page to publish.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::{EXIT_INPUT, absolute, report, usage_error};
use crate::diag::{Diagnostics, Severity};
use crate::load::Project;
use crate::load::contribution::{Contribution, Kind};
use crate::publish::Output;
use crate::status::html::{LinkBase, Page, generated_at, render};
use crate::status::wording::{self, page_wording};
use crate::status::{Status, status, status_in};

/// How the status is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// Aligned tables that fit 100 columns.
    Human,
    /// One JSON object: meeting, countries, case_studies, themes, missing_translations,
    /// problems, documents.
    Json,
    /// One self-contained HTML page (no scripts, nothing loaded from elsewhere) to publish.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// How to print the status.
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
    /// Write the status to FILE (taken from the project's folder when relative) instead of
    /// printing it. The HTML page's links are then relative to FILE's folder.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The language of the HTML page: en or ru (default: the meeting's first language, when
    /// the page is written in it, else en).
    #[arg(long, value_name = "LANG", value_parser = super::language_code, add = super::complete::languages())]
    pub lang: Option<String>,
    /// Also preview every contribution that has no errors (as `speca-docs preview` does, to
    /// output/preview/) and link each row of the HTML page to its preview.
    #[arg(long)]
    pub previews: bool,
}

/// The widest line of the human status.
const WIDTH: usize = 100;

pub fn run(dir: &Path, args: &StatusArgs) -> u8 {
    if args.lang.is_some() && args.format != StatusFormat::Html {
        return usage_error(
            "--lang chooses the language of the HTML page: use it with --format html",
        );
    }
    if args.previews && args.format != StatusFormat::Html {
        return usage_error(
            "--previews links the HTML page to previews: use it with --format html",
        );
    }
    // Where the page goes is checked before any work (previews take a while).
    let page_path = args.output.as_ref().map(|path| dir.join(path));
    if let Some(path) = &page_path {
        if path.file_name().is_none() {
            return usage_error(&format!("-o needs a file name, not {}", path.display()));
        }
        let inside_sources = absolute(path)
            .zip(absolute(&dir.join("sources")))
            .is_some_and(|(path, sources)| path.starts_with(sources));
        if inside_sources {
            return usage_error(&format!(
                "-o {}: the status is not written into sources/, where the contributions are; \
                 write it under output/, e.g. -o output/status.html",
                path.display()
            ));
        }
    }
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    let Some(project) = project else {
        // meeting.yaml itself is unreadable: there is nothing to track against.
        report::print(&diags, report::Format::Human, false);
        return EXIT_INPUT;
    };
    crate::translate::state::warn_out_of_date(&project, &mut diags);
    let mut preview_failed = false;
    let text = match args.format {
        StatusFormat::Json => {
            let mut text = serde_json::to_string_pretty(&status(&project, &diags))
                .expect("the status is plain data and always serializes");
            text.push('\n');
            text
        }
        StatusFormat::Human => human(&status(&project, &diags)),
        StatusFormat::Html => {
            let original = project.meeting.original_language();
            let words = match &args.lang {
                Some(lang) => match page_wording(lang) {
                    Some(words) => words,
                    None => {
                        let known = wording::languages();
                        return usage_error(&format!(
                            "the status page is written in {}, not in \"{lang}\"",
                            known.join(" or ")
                        ));
                    }
                },
                None => page_wording(original).unwrap_or(wording::english()),
            };
            let links = match &page_path {
                Some(page) => match link_base(dir, page) {
                    Ok(links) => links,
                    Err(err) => {
                        eprintln!(
                            "error: cannot write the status page to {}: {err}",
                            page.display()
                        );
                        return EXIT_INPUT;
                    }
                },
                None => LinkBase::project(),
            };
            let status = status_in(&project, &diags, &words.lang);
            let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
            let time = generated_at(source_date_epoch.as_deref(), std::time::SystemTime::now());
            let mut page = Page::new(&status, words, time, links);
            if args.previews {
                let (previews, problems) = previews(&project, &diags, &words.lang);
                link_previews(&mut page, &previews);
                // A preview that failed has no link; the page is still written, and the
                // problems say why.
                report::print(&problems, report::Format::Human, false);
                preview_failed = problems.has_errors();
            }
            render(&page)
        }
    };
    match &page_path {
        None => print!("{text}"),
        Some(path) => {
            let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
                return usage_error(&format!("-o needs a file name, not {}", path.display()));
            };
            let output = Output {
                name: name.to_string_lossy().into_owned(),
                bytes: text.into_bytes(),
            };
            if let Err(err) = crate::publish::write_all(folder, &[output]) {
                eprintln!(
                    "error: cannot write the status to {}: {err}",
                    path.display()
                );
                return EXIT_INPUT;
            }
            eprintln!("wrote {}", path.display());
        }
    }
    if preview_failed { EXIT_INPUT } else { 0 }
}

/// The previews a status page links to, by kind and id: the file of each contribution in the
/// page's language where there is one, else in its first language; paths relative to the
/// project.
type Previews = std::collections::BTreeMap<(Kind, String), String>;

/// Previews every contribution without errors into output/preview/, as `preview` does; with
/// the problems of those that failed.
fn previews(project: &Project, diags: &Diagnostics, lang: &str) -> (Previews, Diagnostics) {
    let broken = |c: &&Contribution| {
        diags
            .iter()
            .any(|d| d.file == c.file && d.severity == Severity::Error)
    };
    let sound: Vec<&Contribution> = project
        .contributions
        .iter()
        .filter(|c| !broken(c))
        .collect();
    let mut problems = Diagnostics::new();
    let report = crate::build::previews(
        project,
        &sound,
        &[crate::build::Format::Pdf],
        &crate::write::typst::PdfStandards::default(),
        &mut problems,
    );
    let mut paths = Previews::new();
    // Those in the page's language last, so that they win.
    let mut ordered = sound.clone();
    ordered.sort_by_key(|c| c.language.value == lang);
    for c in ordered {
        let path = format!(
            "output/preview/{}.pdf",
            crate::build::preview_stem(project, c)
        );
        if report.written.iter().any(|w| w.path == path) {
            paths.insert((c.kind, c.id.value.clone()), path);
        }
    }
    (paths, problems)
}

fn link_previews(page: &mut Page, previews: &Previews) {
    for row in &mut page.countries {
        let key = (Kind::CountryInput, row.status.code.clone());
        row.preview = previews.get(&key).cloned();
    }
    for row in &mut page.case_studies {
        let key = (Kind::CaseStudy, row.status.id.clone());
        row.preview = previews.get(&key).cloned();
    }
}

/// Where the links of a page written to `page` start from: its folder (created if need be)
/// and the project `dir`, as written ([`absolute`]: links not followed, so that a page in a
/// linked `output/` links within it as published). When the two share no root (folders on
/// different drives), no relative link leads from one to the other, and links stay relative
/// to the project.
fn link_base(dir: &Path, page: &Path) -> std::io::Result<LinkBase> {
    let folder = page.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let unresolved = || std::io::Error::other("the path climbs above the root");
    let page_folder = absolute(folder).ok_or_else(unresolved)?;
    let project_folder = absolute(dir).ok_or_else(unresolved)?;
    if page_folder.components().next() != project_folder.components().next() {
        return Ok(LinkBase::project());
    }
    Ok(LinkBase {
        page_folder: folder_names(&page_folder),
        project_folder: folder_names(&project_folder),
    })
}

/// The names of the folders of an absolute path, its root and drive aside.
fn folder_names(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// Cuts `text` to `width` characters, marking the cut with an ellipsis.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// `text` cut and padded to exactly `width` characters.
fn cell(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let pad = width - text.chars().count();
    format!("{text}{}", " ".repeat(pad))
}

/// The status as aligned tables, no line wider than 100 columns.
pub fn human(status: &Status) -> String {
    let mut out = String::new();
    let deadline = status.deadline.as_deref().unwrap_or("none");
    let submitted = status.countries.iter().filter(|c| c.submitted).count();
    let _ = writeln!(
        out,
        "Deadline {deadline} · languages {} · {submitted} of {} countries submitted",
        status.languages.join(", "),
        status.countries.len()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}  {}  {}  {}  {}  {}  Case studies",
        cell("Country", 20),
        cell("Input", 7),
        cell("Languages", 10),
        cell("Submitted", 10),
        cell("Late", 4),
        cell("Words / limit", 15),
    );
    for c in &status.countries {
        let words = match (c.submitted, c.limit) {
            (false, _) => "—".to_string(),
            (true, Some(limit)) => format!(
                "{}/{limit}{}",
                c.words,
                if c.over_limit { " OVER" } else { "" }
            ),
            (true, None) => c.words.to_string(),
        };
        let _ = writeln!(
            out,
            "{}  {}  {}  {}  {}  {}  {}",
            cell(&format!("{} ({})", c.name, c.code), 20),
            cell(if c.submitted { "yes" } else { "MISSING" }, 7),
            cell(&c.languages.join(","), 10),
            cell(c.submitted_on.as_deref().unwrap_or("—"), 10),
            cell(if c.late { "LATE" } else { "" }, 4),
            cell(&words, 15),
            c.case_studies
        );
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Case studies: {}", status.case_studies.len());
    for theme in &status.themes {
        let _ = writeln!(out, "  {}  {}", cell(&theme.title, 60), theme.case_studies);
    }
    let flagged: Vec<_> = status
        .case_studies
        .iter()
        .filter(|c| c.late || c.over_limit)
        .collect();
    for c in flagged {
        let mut flags = Vec::new();
        if c.late {
            flags.push(format!(
                "late ({})",
                c.submitted_on.as_deref().unwrap_or("?")
            ));
        }
        if let (true, Some(limit)) = (c.over_limit, c.limit) {
            flags.push(format!("{} words, limit {limit}", c.words));
        }
        let _ = writeln!(
            out,
            "  {}",
            fit(&format!("{}: {}", c.file, flags.join(", ")), WIDTH - 2)
        );
    }

    if !status.missing_translations.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Missing translations: {}",
            status.missing_translations.len()
        );
        for m in &status.missing_translations {
            let _ = writeln!(
                out,
                "  {}  {}",
                cell(&m.file, 70),
                fit(&m.missing.join(", "), 24)
            );
        }
    }

    let behind: Vec<_> = status
        .translations
        .iter()
        .filter(|t| matches!(t.state, crate::translate::state::State::OutOfDate { .. }))
        .collect();
    if !behind.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Translations out of date: {}", behind.len());
        for t in behind {
            if let crate::translate::state::State::OutOfDate { changed } = &t.state {
                let units: Vec<String> = changed
                    .iter()
                    .map(|c| format!("{} {} \"{}\"", c.change, c.number, c.words))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {}",
                    fit(
                        &format!("{} {} ({}): {}", t.kind, t.id, t.language, units.join("; ")),
                        WIDTH - 2
                    )
                );
            }
        }
    }
    let unknown = status
        .translations
        .iter()
        .filter(|t| matches!(t.state, crate::translate::state::State::Unknown))
        .count();
    if unknown > 0 {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Translations whose state is not recorded: {unknown} (speca-docs translate mark records it)"
        );
    }

    if !status.disagreeing_versions.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Language versions that disagree: {}",
            status.disagreeing_versions.len()
        );
        for d in &status.disagreeing_versions {
            let _ = writeln!(out, "  {}", fit(&d.files.join(" ~ "), WIDTH - 2));
        }
    }

    let _ = writeln!(out);
    if status.problems.is_empty() {
        let _ = writeln!(out, "Problems: none");
    } else {
        let _ = writeln!(out, "Problems (speca-docs check shows them all):");
        for p in &status.problems {
            let counts = format!(
                "{}, {}",
                super::report::counted(p.errors, "error"),
                super::report::counted(p.warnings, "warning")
            );
            let file = if p.file.is_empty() {
                "(project)"
            } else {
                &p.file
            };
            let _ = writeln!(out, "  {}  {}", cell(file, 70), counts);
        }
    }
    out
}
