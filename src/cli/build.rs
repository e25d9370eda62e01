//! `speca-docs build`: check, then build and publish documents.

use std::path::Path;

use super::{EXIT_INPUT, Format, report, usage_error};
use crate::build::{self, Request};
use crate::diag::{Diagnostics, did_you_mean};
use crate::load::Project;

/// What a build can write, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// PDF typeset by the embedded Typst compiler.
    Pdf,
    /// A Word document (Word-native styles, numbering, footnotes).
    Docx,
    /// The generated Typst source (for template authors).
    Typ,
}

impl From<OutputFormat> for build::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Pdf => build::Format::Pdf,
            OutputFormat::Docx => build::Format::Docx,
            OutputFormat::Typ => build::Format::Typ,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The documents to build (ids from sources/documents/); all when none are named.
    #[arg(value_name = "DOC_ID", add = super::complete::documents())]
    pub documents: Vec<String>,
    /// Output formats, comma-separated.
    #[arg(
        long = "to",
        value_enum,
        value_delimiter = ',',
        default_value = "pdf,docx"
    )]
    pub formats: Vec<OutputFormat>,
    /// Languages to build, comma-separated (default: every language of the meeting).
    #[arg(long = "lang", value_delimiter = ',', value_parser = super::language_code, add = super::complete::languages())]
    pub languages: Vec<String>,
    /// The version: the folder output/<doc>/<version>/ and the version printed on drafts.
    #[arg(long, env = "SPECA_DOCS_VERSION", default_value = crate::model::DEFAULT_VERSION)]
    pub version: String,
    /// A final release: no version or draft mark is printed.
    #[arg(long = "final")]
    pub is_final: bool,
    /// Replace a different final build already in the version folder.
    #[arg(long)]
    pub force: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print how long each stage took (load, consolidate, typeset, export, DOCX, write).
    #[arg(long)]
    pub timings: bool,
    /// The standards every PDF claims, comma-separated (a-2a, a-2b, a-2u, a-3a, a-3b, a-3u,
    /// a-4, ua-1, 1.7, 2.0 …), or none.
    #[arg(
        long = "pdf-standard",
        value_delimiter = ',',
        default_value = "a-2a,ua-1"
    )]
    pub pdf_standards: Vec<String>,
    /// Also write each language with its changes from an earlier version marked:
    /// <doc>.<lang>.changes.docx (Word revisions) and .changes.pdf.
    #[arg(long, value_name = "VERSION")]
    pub compare_to: Option<String>,
    /// Build drafts without the contributions whose files have errors, naming them on the
    /// first page of each draft and in its manifest; the build still exits 1. Not with
    /// --final: a final document leaves nothing out.
    #[arg(long, conflicts_with = "is_final")]
    pub keep_going: bool,
}

pub fn run(dir: &Path, args: &BuildArgs) -> u8 {
    if !crate::publish::is_valid_version(&args.version) {
        return usage_error(&format!(
            "\"{}\" cannot be a version: use letters, digits, '.', '-', '_' or '+', e.g. v1.0 or 2022-10-15",
            args.version
        ));
    }
    let started = std::time::Instant::now();
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    let Some(mut project) = project else {
        report::print(&diags, args.format, args.deny_warnings);
        return EXIT_INPUT;
    };
    // Once per translation behind its original; `--deny-warnings` makes it fail in CI.
    crate::translate::state::warn_out_of_date(&project, &mut diags);
    let left_out = if args.keep_going {
        leave_out_broken(&mut project, &diags)
    } else {
        Some(Vec::new())
    };
    let Some(left_out) = left_out.filter(|l| !l.is_empty() || !diags.has_errors()) else {
        report::print(&diags, args.format, args.deny_warnings);
        return EXIT_INPUT;
    };
    // Usage problems before any work.
    let mut request = match request(
        &project,
        &args.documents,
        &args.languages,
        &args.formats,
        &args.version,
        args.is_final,
        args.force,
    ) {
        Ok(request) => request,
        Err(message) => return usage_error(&message),
    };
    request.pdf_standards = match crate::write::typst::PdfStandards::parse(&args.pdf_standards) {
        Ok(standards) => standards,
        Err(message) => return usage_error(&format!("--pdf-standard: {message}")),
    };
    request.left_out = left_out;
    if let Some(version) = &args.compare_to {
        if !crate::publish::is_valid_version(version) {
            return usage_error(&format!(
                "--compare-to \"{version}\" cannot be a version: use the name of a folder under output/<doc-id>/, e.g. draft or 1.0"
            ));
        }
        request.compare_to = Some(version.clone());
    }
    let loaded = started.elapsed().as_secs_f64();
    let built = build::build(&project, &request, &mut diags);
    report::print(&diags, args.format, args.deny_warnings);
    print_written(&built.written);
    if args.timings {
        eprintln!(
            "timings (stages of one document run in parallel, so they add up to more than the total):"
        );
        eprintln!(
            "  {:<52} {:>8.1} ms",
            "load and check sources",
            loaded * 1000.0
        );
        for timing in &built.timings {
            eprintln!("  {:<52} {:>8.1} ms", timing.stage, timing.seconds * 1000.0);
        }
        eprintln!(
            "  {:<52} {:>8.1} ms",
            "total",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    if diags.has_errors() || (args.deny_warnings && diags.warning_count() > 0) {
        EXIT_INPUT
    } else {
        0
    }
}

/// The files of the contributions with errors, taken out of `project` so that drafts can be
/// built without them (`--keep-going`); `None` when an error stands elsewhere (the meeting, a
/// document, a template), which no draft can do without.
fn leave_out_broken(project: &mut Project, diags: &Diagnostics) -> Option<Vec<String>> {
    let mut broken: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| d.file.clone())
        .collect();
    broken.sort();
    broken.dedup();
    let is_contribution = |file: &str| {
        file.ends_with(".md")
            && (file.starts_with("sources/countries/") || file.starts_with("sources/case-studies/"))
    };
    if !broken.iter().all(|file| is_contribution(file)) {
        return None;
    }
    project.contributions.retain(|c| !broken.contains(&c.file));
    Some(broken)
}

/// What to build, from the command line's names checked against the project: a document or
/// language that the project does not have is a usage problem (the message says which, and
/// what there is), whichever command asks (`build` and `watch` alike).
pub(super) fn request(
    project: &Project,
    documents: &[String],
    languages: &[String],
    formats: &[OutputFormat],
    version: &str,
    is_final: bool,
    force: bool,
) -> Result<Request, String> {
    for id in documents {
        if project.document(id).is_none() {
            let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
            let hint = match did_you_mean(id, ids.iter().copied()) {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => format!("the documents are: {}", ids.join(", ")),
            };
            return Err(format!(
                "no document \"{id}\" in sources/documents/; {hint}"
            ));
        }
    }
    for lang in languages {
        if !project.meeting.languages.contains(lang) {
            return Err(format!(
                "\"{lang}\" is not a language of the meeting (meeting.yaml lists {})",
                project.meeting.languages.join(", ")
            ));
        }
    }
    let mut formats: Vec<build::Format> = formats.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    Ok(Request {
        documents: unique(documents),
        languages: unique(languages),
        formats,
        version: version.to_string(),
        is_final,
        force,
        compare_to: None,
        pdf_standards: Default::default(),
        left_out: Vec::new(),
    })
}

/// The items in their first order, each once (`--lang en,en` builds English once).
pub(super) fn unique(items: &[String]) -> Vec<String> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(item) {
            seen.push(item.clone());
        }
    }
    seen
}

/// A line per output written, with its page count and time, for people.
pub(super) fn print_written(written: &[build::Written]) {
    for output in written {
        match output.pages {
            Some(pages) => eprintln!(
                "{}  {}  {:.1} s",
                output.path,
                super::report::counted(pages, "page"),
                output.seconds
            ),
            None => eprintln!("{}  {:.1} s", output.path, output.seconds),
        }
    }
}
