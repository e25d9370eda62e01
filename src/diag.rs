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

/// The candidate closest to `word` by edit distance, when it is close enough to be a likely
/// typo ("did you mean …?").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1) + usize::from(word.len() > 6))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), with
/// a bound on length so long inputs stay cheap.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
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
