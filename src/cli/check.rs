//! `speca-docs check`: validate the whole project.

use std::path::Path;

use super::{EXIT_INPUT, Format, report};
use crate::diag::Diagnostics;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(dir: &Path, args: &CheckArgs) -> u8 {
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return super::usage_error(&not_a_project.to_string()),
    };
    if let Some(project) = &project {
        // Templates are part of what a build needs: check they load, and that every writer can
        // use them.
        let mut names: Vec<&str> = project
            .documents
            .iter()
            .map(|d| d.template.value.as_str())
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            if crate::template::exists(dir, name) {
                crate::build::prepare_template(dir, name, &crate::build::Format::ALL, &mut diags);
            }
        }
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
