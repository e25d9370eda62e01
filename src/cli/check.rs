//! `speca-docs check`: validate the whole project.

use std::collections::BTreeMap;
use std::path::Path;

use super::{EXIT_INPUT, Format, report};
use crate::build::{self, PreparedTemplate};
use crate::consolidate::Options;
use crate::diag::Diagnostics;
use crate::load::Project;
use crate::write::typst::PdfStandards;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// The standards the PDFs will claim, as for build: a character no embedded font has is
    /// an error under PDF/A.
    #[arg(
        long = "pdf-standard",
        value_delimiter = ',',
        default_value = "a-2a,ua-1"
    )]
    pub pdf_standards: Vec<String>,
}

pub fn run(dir: &Path, args: &CheckArgs) -> u8 {
    let standards = match crate::write::typst::PdfStandards::parse(&args.pdf_standards) {
        Ok(standards) => standards,
        Err(message) => return super::usage_error(&format!("--pdf-standard: {message}")),
    };
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return super::usage_error(&not_a_project.to_string()),
    };
    if let Some(project) = &project {
        crate::translate::state::warn_out_of_date(project, &mut diags);
        check_documents(project, &standards, &mut diags);
    }
    report::print(&diags, args.format, args.deny_warnings);
    let failed = diags.has_errors() || (args.deny_warnings && diags.warning_count() > 0);
    if failed {
        EXIT_INPUT
    } else {
        if args.format == Format::Human && diags.is_empty() {
            eprintln!("no problems found");
        }
        0
    }
}

/// What a build of every document would report before typesetting: each template loads and
/// serves every writer, and each document consolidates in every language of the meeting
/// (missing translations, charts without data, labels) with every character shown by a font.
fn check_documents(project: &Project, standards: &PdfStandards, diags: &mut Diagnostics) {
    let mut templates: BTreeMap<&str, Option<PreparedTemplate>> = BTreeMap::new();
    let options = Options {
        version: "draft".into(),
        is_final: false,
        left_out: Vec::new(),
    };
    for spec in &project.documents {
        let name = spec.template.value.as_str();
        let prepared = templates.entry(name).or_insert_with(|| {
            crate::template::exists(&project.root, name)
                .then(|| build::prepare_template(&project.root, name, &build::Format::ALL, diags))
                .flatten()
        });
        let Some(prepared) = prepared else { continue };
        let languages = &project.meeting.languages;
        let Some(documents) = build::consolidate_languages(
            project,
            spec,
            &prepared.template,
            languages,
            &options,
            diags,
        ) else {
            continue;
        };
        for doc in &documents {
            build::check_glyphs(project, doc, &[], &spec.file, standards, diags);
        }
    }
}
