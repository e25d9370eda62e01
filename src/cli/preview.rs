//! `speca-docs preview FILE…`: each contribution alone, typeset in the real template as it will
//! stand in its document, to `output/preview/<file-stem>.pdf` (and `.docx` with `--to`), for
//! its expert to see before the deadline.
//!
//! Only the named files' problems are reported: an expert previewing their own input is not
//! stopped, nor distracted, by another country's broken file.

use std::path::{Path, PathBuf};

use super::build::{OutputFormat, print_written};
use super::{EXIT_INPUT, Format, absolute, report, usage_error};
use crate::diag::{Diagnostics, Pos, Severity};
use crate::load::contribution::Contribution;

#[derive(Debug, clap::Args)]
pub struct PreviewArgs {
    /// Contribution files: country inputs or case studies under sources/.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Output formats, comma-separated.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_value = "pdf")]
    pub formats: Vec<OutputFormat>,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(dir: &Path, args: &PreviewArgs) -> u8 {
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    let Some(project) = project else {
        // meeting.yaml itself is unreadable: nothing can be previewed.
        report::print(&diags, args.format, false);
        return EXIT_INPUT;
    };
    let mut named: Vec<&Contribution> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    for path in &args.files {
        match contribution_file(dir, path) {
            Ok(file) => {
                if let Some(c) = project.contributions.iter().find(|c| c.file == file)
                    && !named.iter().any(|n| n.file == c.file)
                {
                    named.push(c);
                }
                files.push(file);
            }
            Err(message) => return usage_error(&format!("{}: {message}", path.display())),
        }
    }
    // The named files' own problems, and the errors of what a preview stands in (the
    // meeting, the documents, the templates); a file with errors is not previewed.
    let context = |file: &str| {
        file == "sources/meeting.yaml"
            || file.starts_with("sources/documents/")
            || file.starts_with("templates/")
    };
    let mut own = Diagnostics::new();
    for diagnostic in diags
        .iter()
        .filter(|d| files.contains(&d.file) || (context(&d.file) && d.severity == Severity::Error))
    {
        own.push(diagnostic.clone());
    }
    named.retain(|c| {
        !own.iter()
            .any(|d| d.file == c.file && d.severity == Severity::Error)
    });
    for file in &files {
        let loaded = project.contributions.iter().any(|c| &c.file == file);
        if !loaded && !own.iter().any(|d| &d.file == file) {
            own.error(file, Pos::FILE, "this file was not read as a contribution");
        }
    }
    let mut formats: Vec<crate::build::Format> = args.formats.iter().map(|&f| f.into()).collect();
    formats.sort();
    formats.dedup();
    let built = crate::build::previews(
        &project,
        &named,
        &formats,
        &crate::write::typst::PdfStandards::default(),
        &mut own,
    );
    report::print(&own, args.format, false);
    print_written(&built.written);
    if own.has_errors() { EXIT_INPUT } else { 0 }
}

/// `path` (relative paths from the project folder, as with `git -C`) as the loader names files:
/// relative to the project, with `/`. It must exist and be a country input or a case study by
/// its place, `sources/countries/*.md` or `sources/case-studies/*.md`. The path is read as
/// written (`..` taken away lexically, links not followed), as the loader names what it reads;
/// the loader itself refuses a link that leads out of `sources/`.
fn contribution_file(dir: &Path, path: &Path) -> Result<String, String> {
    let full = dir.join(path);
    std::fs::symlink_metadata(&full).map_err(|err| format!("cannot read it: {err}"))?;
    let (Some(full), Some(root)) = (absolute(&full), absolute(dir)) else {
        return Err("cannot tell where it is".into());
    };
    let parts: Vec<String> = full
        .strip_prefix(&root)
        .map_err(|_| NOT_UNDER_SOURCES)?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.first().map(String::as_str) != Some("sources") {
        return Err(NOT_UNDER_SOURCES.into());
    }
    let is_contribution = parts.len() == 3
        && matches!(parts[1].as_str(), "countries" | "case-studies")
        && parts[2].ends_with(".md");
    if !is_contribution {
        return Err(
            "it is not a country input or a case study; preview shows the files of \
             sources/countries/ and sources/case-studies/"
                .into(),
        );
    }
    Ok(parts.join("/"))
}

const NOT_UNDER_SOURCES: &str =
    "it is not under sources/ of the project; preview shows the project's own contributions";
