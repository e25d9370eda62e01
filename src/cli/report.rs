//! Printing diagnostics for people (`human`), programs (`json`) and GitHub Actions (`github`).

use std::io::Write;

use crate::diag::{Diagnostic, Diagnostics, Severity};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:col: error: message` lines and a summary, on stderr.
    Human,
    /// A JSON array of objects (file, line, column, severity, message, hint) on stdout.
    Json,
    /// `::error file=…,line=…,col=…::message` lines that GitHub Actions shows as annotations.
    Github,
}

/// The most diagnostics printed for people; the rest are counted.
const HUMAN_CAP: usize = 200;

/// Prints `diags` sorted by file and line. With `deny_warnings`, warnings count as errors.
pub fn print(diags: &Diagnostics, format: Format, deny_warnings: bool) {
    let mut items = diags.sorted();
    if deny_warnings {
        for d in &mut items {
            d.severity = Severity::Error;
        }
    }
    match format {
        Format::Human => print_human(&items),
        Format::Json => {
            let mut out = std::io::stdout().lock();
            let _ = serde_json::to_writer_pretty(&mut out, &items);
            let _ = writeln!(out);
        }
        Format::Github => {
            let mut out = std::io::stdout().lock();
            for d in &items {
                let _ = writeln!(out, "{}", github_line(d));
            }
        }
    }
}

fn print_human(items: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let (shown, cut) = human_selection(items);
    for d in shown {
        let _ = writeln!(err, "{d}");
    }
    if cut > 0 {
        let _ = writeln!(
            err,
            "… and {cut} more warnings (use --format json to see all)"
        );
    }
    let errors = items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = items.len() - errors;
    if errors + warnings > 0 {
        let _ = writeln!(err, "{}", summary(errors, warnings));
    }
}

/// What people are shown of `items` (sorted by file and line), and how many are left out:
/// every error first, then warnings up to [`HUMAN_CAP`] problems in all. A cut drops only
/// warnings, so no error is ever hidden behind them.
fn human_selection(items: &[Diagnostic]) -> (Vec<&Diagnostic>, usize) {
    let errors = items.iter().filter(|d| d.severity == Severity::Error);
    let warnings = items.iter().filter(|d| d.severity != Severity::Error);
    let mut shown: Vec<&Diagnostic> = errors.collect();
    let room = HUMAN_CAP.saturating_sub(shown.len());
    shown.extend(warnings.take(room));
    let cut = items.len() - shown.len();
    (shown, cut)
}

/// `n` and its word, in the singular for one: "1 page", "3 pages".
pub(crate) fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, w) => counted(w, "warning"),
        (e, 0) => counted(e, "error"),
        (e, w) => format!("{}, {}", counted(e, "error"), counted(w, "warning")),
    }
}

/// A GitHub Actions workflow command; `%`, CR and LF are escaped as the runner requires.
pub fn github_line(d: &Diagnostic) -> String {
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(&format!("\nhint: {hint}"));
    }
    let mut properties = Vec::new();
    if !d.file.is_empty() {
        properties.push(format!("file={}", escape_property(&d.file)));
    }
    if d.line > 0 {
        properties.push(format!("line={}", d.line));
        properties.push(format!("col={}", d.column.max(1)));
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn github_lines_escape_properties_and_data() {
        let d = Diagnostic::new(
            Severity::Error,
            "sources/a,b.md",
            Pos::new(3, 10),
            "100% wrong",
        )
        .with_hint("fix: it");
        assert_eq!(
            github_line(&d),
            "::error file=sources/a%2Cb.md,line=3,col=10::100%25 wrong%0Ahint: fix: it"
        );
    }

    #[test]
    fn a_cut_keeps_every_error_and_shows_them_first() {
        let problem =
            |severity, line| Diagnostic::new(severity, "sources/a.md", Pos::new(line, 1), "p");
        let mut items: Vec<Diagnostic> = (1..=782)
            .map(|line| problem(Severity::Warning, line))
            .collect();
        items.push(problem(Severity::Error, 900));
        items.push(problem(Severity::Error, 901));
        let (shown, cut) = human_selection(&items);
        assert_eq!(shown.len(), HUMAN_CAP);
        assert_eq!(cut, 782 + 2 - HUMAN_CAP);
        assert_eq!(shown[0].line, 900);
        assert_eq!(shown[1].line, 901);
        assert!(shown[2..].iter().all(|d| d.severity == Severity::Warning));
        // More errors than the cap: all of them, and no warning.
        let many: Vec<Diagnostic> = (1..=300).map(|l| problem(Severity::Error, l)).collect();
        let (shown, cut) = human_selection(&many);
        assert_eq!((shown.len(), cut), (300, 0));
    }

    #[test]
    fn summaries_count() {
        assert_eq!(summary(1, 0), "1 error");
        assert_eq!(summary(2, 1), "2 errors, 1 warning");
    }
}
