//! `speca-docs status`: the submission tracker, as a table for people or JSON for programs.

use std::fmt::Write as _;
use std::path::Path;

use super::{EXIT_INPUT, report, usage_error};
use crate::diag::Diagnostics;
use crate::status::{Status, status};

/// How the status is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// Aligned tables that fit 100 columns.
    Human,
    /// One JSON object: countries, case_studies, themes, missing_translations, problems.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// How to print the status.
    #[arg(long, value_enum, default_value = "human")]
    pub format: StatusFormat,
}

/// The widest line of the human status.
const WIDTH: usize = 100;

pub fn run(dir: &Path, args: &StatusArgs) -> u8 {
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
    let status = status(&project, &diags);
    match args.format {
        StatusFormat::Json => {
            let mut text =
                serde_json::to_string_pretty(&status).expect("the status always serializes");
            text.push('\n');
            print!("{text}");
        }
        StatusFormat::Human => print!("{}", human(&status)),
    }
    0
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

    let _ = writeln!(out);
    if status.problems.is_empty() {
        let _ = writeln!(out, "Problems: none");
    } else {
        let _ = writeln!(out, "Problems (speca-docs check shows them all):");
        for p in &status.problems {
            let counts = format!("{} errors, {} warnings", p.errors, p.warnings);
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
