//! `speca-docs diff`: what changed between two built versions, per chapter and contribution,
//! for a rapporteur's cover note and for CI logs.

use std::path::Path;

use super::{EXIT_INPUT, Format, usage_error};
use crate::compare;
use crate::diag::Diagnostics;
use crate::model::ChangesFrom;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier version (a folder under output/<doc-id>/).
    #[arg(value_name = "VERSION_A", add = super::complete::versions())]
    pub from: String,
    /// The later version.
    #[arg(value_name = "VERSION_B", add = super::complete::versions())]
    pub to: String,
    /// The documents (default: every document of the project).
    #[arg(value_name = "DOC_ID", add = super::complete::documents())]
    pub documents: Vec<String>,
    /// How to print the summary.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// One document and language compared.
#[derive(serde::Serialize)]
struct Compared {
    document: String,
    language: String,
    from: String,
    to: String,
    #[serde(flatten)]
    summary: compare::Summary,
}

pub fn run(dir: &Path, args: &DiffArgs) -> u8 {
    for version in [&args.from, &args.to] {
        if !crate::publish::is_valid_version(version) {
            return usage_error(&format!("\"{version}\" cannot be a version"));
        }
    }
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(Some(project)) => project,
        Ok(None) => {
            super::report::print(&diags, args.format, false);
            return EXIT_INPUT;
        }
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    let ids: Vec<String> = if args.documents.is_empty() {
        project.documents.iter().map(|d| d.id.clone()).collect()
    } else {
        for id in &args.documents {
            if project.document(id).is_none() {
                return usage_error(&format!("no document \"{id}\" in sources/documents/"));
            }
        }
        super::build::unique(&args.documents)
    };
    let mut compared = Vec::new();
    let mut problems = Vec::new();
    for id in &ids {
        // The languages both versions were built in.
        let languages = match (
            crate::snapshot::languages(dir, id, &args.from),
            crate::snapshot::languages(dir, id, &args.to),
        ) {
            (Ok(a), Ok(b)) => a.into_iter().filter(|l| b.contains(l)).collect::<Vec<_>>(),
            (Err(e), _) | (_, Err(e)) => {
                problems.push(e);
                continue;
            }
        };
        for lang in &languages {
            let read = |version: &str| crate::snapshot::read(dir, id, version, lang);
            match (read(&args.from), read(&args.to)) {
                (Ok(a), Ok(b)) => {
                    let changes = ChangesFrom {
                        version: args.from.clone(),
                        date: a.date,
                        revised: b.date,
                    };
                    let (_, summary) = compare::compare(&a.document, &b.document, changes);
                    compared.push(Compared {
                        document: id.clone(),
                        language: lang.clone(),
                        from: args.from.clone(),
                        to: args.to.clone(),
                        summary,
                    });
                }
                (Err(e), _) | (_, Err(e)) => problems.push(e),
            }
        }
    }
    if !problems.is_empty() {
        for problem in &problems {
            eprintln!("error: {problem}");
        }
        return EXIT_INPUT;
    }
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&compared).unwrap_or_default()
        ),
        _ => {
            for c in &compared {
                let s = &c.summary;
                if s.is_empty() {
                    println!(
                        "{} ({}): no changes from {} to {}",
                        c.document, c.language, c.from, c.to
                    );
                    continue;
                }
                let total = compare::SectionChanges {
                    number: String::new(),
                    title: format!("{} ({}), {} to {}", c.document, c.language, c.from, c.to),
                    inserted: s.inserted,
                    deleted: s.deleted,
                    changed: s.changed,
                    within: Vec::new(),
                };
                println!("{total}");
                for section in &s.sections {
                    println!("  {section}");
                }
            }
        }
    }
    0
}
