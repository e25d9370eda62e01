//! Diagnostics: every problem of a run, each with a place, a message and a hint.
//!
//! Loaders and validators push into a [`Diagnostics`] collection instead of returning at the
//! first problem, so one run reports everything that is wrong. The CLI prints them sorted by
//! file and line, as people or as machines (JSON, GitHub annotations) read them.

use std::fmt;

/// How bad a problem is. Errors stop a build; warnings do not (unless `--deny-warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A place in a file: 1-based line and column (columns count characters, not bytes).
/// Line 0 means "the file as a whole".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the project folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        file: impl Into<String>,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: pos.line,
            column: pos.col,
            severity,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// `sources/countries/kaz.en.md:3:10: error: unknown country code "KZX"` and, indented on
    /// the next line, `hint: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "{}: {}", self.severity, self.message)?;
        } else if self.line == 0 {
            write!(f, "{}: {}: {}", self.file, self.severity, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {}: {}",
                self.file, self.line, self.column, self.severity, self.message
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A collection of problems, filled by every stage of a run.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records an error at `pos` in `file` and returns it for a hint to be added.
    pub fn error(&mut self, file: &str, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.items
            .push(Diagnostic::new(Severity::Error, file, pos, message));
        self.items.last_mut().expect("just pushed")
    }

    /// Records a warning at `pos` in `file` and returns it for a hint to be added.
    pub fn warning(&mut self, file: &str, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.items
            .push(Diagnostic::new(Severity::Warning, file, pos, message));
        self.items.last_mut().expect("just pushed")
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The problems sorted by file, line and column, without exact repeats (the same problem
    /// found once per language is reported once).
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

impl Diagnostic {
    /// Adds a hint to a diagnostic that was just recorded.
    pub fn hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The candidate closest to `word` when it is close enough to be a likely typo ("did you
/// mean …?"): at most a third of the candidate's characters (at least one) differ, one more
/// for words longer than six bytes. Case is ignored.
///
/// The distance is `strsim`'s optimal string alignment, in which a swap of neighbours counts
/// as one edit ("tilte" → "title" is one edit, as "contry" → "country" is). Only the first 64
/// characters of each are compared, so a long value stays cheap.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = bounded_lowercase(word);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&word_lower, &bounded_lowercase(c)), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1) + usize::from(word.len() > 6))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The first 64 characters of `text`, lowercased.
fn bounded_lowercase(text: &str) -> String {
    text.chars().take(64).collect::<String>().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["title", "themes", "country", "focal-point"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("focal_point", fields), Some("focal-point"));
        assert_eq!(did_you_mean("contry", fields), Some("country"));
        assert_eq!(did_you_mean("xyz", fields), None);
        // A swap of neighbours is one edit, not two.
        assert_eq!(did_you_mean("tilte", fields), Some("title"));
        assert_eq!(did_you_mean("TITLE", fields), Some("title"));
        assert_eq!(did_you_mean("KZA", ["KAZ", "KGZ", "UZB"]), Some("KAZ"));
        assert_eq!(did_you_mean("", fields), None);
        // The closest wins; a long value is compared by its start only, and quickly.
        assert_eq!(did_you_mean("theme", fields), Some("themes"));
        assert_eq!(did_you_mean(&"x".repeat(1_000_000), fields), None);
    }

    #[test]
    fn displays_as_compilers_do() {
        let d = Diagnostic::new(
            Severity::Error,
            "sources/countries/kaz.en.md",
            Pos::new(3, 10),
            "unknown country code \"KZX\"",
        )
        .with_hint("expected one of AFG, AZE");
        assert_eq!(
            d.to_string(),
            "sources/countries/kaz.en.md:3:10: error: unknown country code \"KZX\"\n  hint: expected one of AFG, AZE"
        );
    }
}
