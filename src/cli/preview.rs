//! `speca-docs preview FILE…`: each contribution alone, typeset in the real template as it will
//! stand in its document, to `output/preview/<file-stem>.pdf` (and `.docx` with `--to`), for
//! its expert to see before the deadline.
//!
//! Only the named files' problems are reported: an expert previewing their own input is not
//! stopped, nor distracted, by another country's broken file.

use std::path::{Path, PathBuf};

use super::build::OutputFormat;
use super::{EXIT_INPUT, Format, report, usage_error};
use crate::diag::Diagnostics;
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
        match contribution_file(dir, &project.root, path) {
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
    // The named files' own problems; a file with errors is not previewed.
    let mut own = Diagnostics::new();
    for diagnostic in diags.iter().filter(|d| files.contains(&d.file)) {
        own.push(diagnostic.clone());
    }
    named.retain(|c| {
        !own.iter()
            .any(|d| d.file == c.file && d.severity == crate::diag::Severity::Error)
    });
    for file in &files {
        let loaded = project.contributions.iter().any(|c| &c.file == file);
        if !loaded && !own.iter().any(|d| &d.file == file) {
            return usage_error(&format!(
                "{file} is not a country input or a case study; preview shows contributions from sources/countries/ and sources/case-studies/"
            ));
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
    for output in &built.written {
        match output.pages {
            Some(pages) => eprintln!("{}  {pages} pages  {:.1} s", output.path, output.seconds),
            None => eprintln!("{}  {:.1} s", output.path, output.seconds),
        }
    }
    if own.has_errors() { EXIT_INPUT } else { 0 }
}

/// `path` (relative paths from the project folder, as with `git -C`) as the loader names files:
/// relative to the project, with `/`. It must exist and lie inside `sources/`.
fn contribution_file(dir: &Path, root: &Path, path: &Path) -> Result<String, String> {
    let real = dir
        .join(path)
        .canonicalize()
        .map_err(|err| format!("cannot read it: {err}"))?;
    let root = root
        .canonicalize()
        .map_err(|err| format!("cannot read the project folder: {err}"))?;
    let relative = real
        .strip_prefix(&root)
        .ok()
        .filter(|r| r.starts_with("sources"))
        .ok_or("it is not under sources/ of the project; preview shows the project's own contributions")?;
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(parts.join("/"))
}
