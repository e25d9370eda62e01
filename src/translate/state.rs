//! `translations.lock`: what state of its original each translation was made from, unit by
//! unit, so the tool can say which paragraphs of the original changed since.
//!
//! It is a project file beside `sources/` rather than a front matter field: the tool writes it
//! (on `translate import` and `translate mark`), never the expert, so the contract of the
//! contribution files stays as it is and a translator's file holds only their text; one file
//! shows every translation's state, sorted, in a git diff. For each translation it keeps its
//! original's file and, per unit, a stable id and the original's text as it was (with its
//! Markdown), which is also the note a translator gets beside a changed unit.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::diag::{Diagnostics, Pos};
use crate::load::Project;
use crate::load::contribution::Contribution;
use crate::load::document::{AnnexContent, Section};

use super::units::{Unit, units};

/// The lock file's name, at the project's root.
pub const LOCK: &str = "translations.lock";

/// The largest lock file read.
const MAX_LOCK_BYTES: u64 = 32 << 20;

/// One unit of an original as a translation was made from it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub id: String,
    /// The unit's text with its Markdown ([`Unit::fingerprint`]).
    pub text: String,
}

/// What a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub original: String,
    pub units: Vec<Recorded>,
}

/// The lock file: translation file to what it was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    pub entries: BTreeMap<String, Entry>,
}

impl Lock {
    /// Reads the project's lock file (none: an empty one); problems go to `diags`.
    pub fn read(root: &Path, diags: &mut Diagnostics) -> Lock {
        let path = root.join(LOCK);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Lock::default();
        };
        if !meta.is_file() || meta.len() > MAX_LOCK_BYTES {
            diags.error(
                LOCK,
                Pos::FILE,
                "the file is not a regular file of at most 32 MiB",
            );
            return Lock::default();
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => {
                diags.error(LOCK, Pos::FILE, format!("cannot read: {err}"));
                return Lock::default();
            }
        };
        match serde_saphyr::from_str::<BTreeMap<String, Entry>>(&text) {
            Ok(entries) => Lock { entries },
            Err(err) => {
                let pos = err
                    .location()
                    .map_or(Pos::FILE, |l| Pos::new(l.line() as u32, l.column() as u32));
                diags
                    .error(LOCK, pos, format!("the file cannot be read: {}", err.without_snippet()))
                    .hint("speca-docs writes this file; restore it from version control, or delete it and mark the translations again with `speca-docs translate mark`");
                Lock::default()
            }
        }
    }

    /// The file's text: sorted, one unit a line, every text double-quoted.
    pub fn to_text(&self) -> String {
        let q = crate::load::yaml::double_quoted;
        let mut out = String::from(
            "# What each translation was made from: per unit of its original, an id and the\n\
             # original's text at the time. Written by speca-docs translate import and mark.\n",
        );
        for (file, entry) in &self.entries {
            out.push_str(&format!(
                "{}:\n  original: {}\n  units:\n",
                q(file),
                q(&entry.original)
            ));
            for unit in &entry.units {
                out.push_str(&format!(
                    "    - {{id: {}, text: {}}}\n",
                    q(&unit.id),
                    q(&unit.text)
                ));
            }
        }
        out
    }

    /// Writes the lock file into `root`, all at once.
    pub fn write(&self, root: &Path) -> std::io::Result<()> {
        crate::publish::replace(&root.join(LOCK), self.to_text().as_bytes())
    }
}

/// The stable ids of `current` (an original's units now), given the units recorded for it:
/// a unit whose text is unchanged keeps its id, a changed one in its place keeps the id of the
/// one it replaces, a new one takes the next free id.
pub fn ids(current: &[Unit], recorded: &[Recorded]) -> Vec<String> {
    let now: Vec<String> = current.iter().map(Unit::fingerprint).collect();
    let before: Vec<String> = recorded.iter().map(|r| r.text.clone()).collect();
    let mut ids: Vec<Option<String>> = vec![None; current.len()];
    for op in capture_diff_slices(Algorithm::Myers, &before, &now) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    ids[new_index + i] = Some(recorded[old_index + i].id.clone());
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for i in 0..old_len.min(new_len) {
                    ids[new_index + i] = Some(recorded[old_index + i].id.clone());
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    let mut next = recorded
        .iter()
        .filter_map(|r| r.id.strip_prefix('u').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| {
                next += 1;
                format!("u{next}")
            })
        })
        .collect()
}

/// A unit of an original changed since its translation was made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Changed {
    pub id: String,
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
    /// The unit's kind: `paragraph`, `heading`, `note`, a field's name …
    pub kind: String,
    /// Its place among the original's units, from 1 (for a removed one, where it stood).
    pub number: usize,
    /// Its first words (as it was, for a removed one).
    pub words: String,
}

/// The state of one language version of a contribution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum State {
    Original,
    UpToDate,
    OutOfDate {
        changed: Vec<Changed>,
    },
    Missing,
    /// A translation made before its state was recorded (by hand, or before this existed).
    Unknown,
}

impl State {
    pub fn name(&self) -> &'static str {
        match self {
            State::Original => "original",
            State::UpToDate => "up-to-date",
            State::OutOfDate { .. } => "out-of-date",
            State::Missing => "missing",
            State::Unknown => "unknown",
        }
    }
}

fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    let more = text.split_whitespace().count() > 6;
    format!("{}{}", words.join(" "), if more { "…" } else { "" })
}

/// The units of an original changed since `entry` recorded them.
pub fn changes(current: &[Unit], entry: &Entry) -> Vec<Changed> {
    let now: Vec<String> = current.iter().map(Unit::fingerprint).collect();
    let before: Vec<String> = entry.units.iter().map(|r| r.text.clone()).collect();
    let ids = ids(current, &entry.units);
    let mut out = Vec::new();
    let changed = |i: usize, change: &'static str| Changed {
        id: ids[i].clone(),
        change,
        kind: current[i].kind.clone(),
        number: i + 1,
        words: first_words(&current[i].plain()),
    };
    for op in capture_diff_slices(Algorithm::Myers, &before, &now) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for i in 0..new_len {
                    out.push(changed(
                        new_index + i,
                        if i < old_len { "changed" } else { "added" },
                    ));
                }
                for i in new_len..old_len {
                    let recorded = &entry.units[old_index + i];
                    out.push(Changed {
                        id: recorded.id.clone(),
                        change: "removed",
                        kind: String::new(),
                        number: new_index + new_len,
                        words: first_words(&recorded.text),
                    });
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for i in 0..new_len {
                    out.push(changed(new_index + i, "added"));
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                for recorded in &entry.units[old_index..old_index + old_len] {
                    out.push(Changed {
                        id: recorded.id.clone(),
                        change: "removed",
                        kind: String::new(),
                        number: new_index + 1,
                        words: first_words(&recorded.text),
                    });
                }
            }
        }
    }
    out
}

/// A file's text, read from the project (within `sources/`).
pub fn read_source(project: &Project, file: &str) -> Option<String> {
    let sources = crate::load::confined::real_sources(&project.root);
    let bytes =
        crate::load::confined::read(sources.as_deref(), &project.root.join(file), 16 << 20).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(text.replace("\r\n", "\n"))
}

/// The original-language version of a contribution, and its other versions.
pub fn versions<'p>(
    project: &'p Project,
    c: &Contribution,
) -> (Option<&'p Contribution>, Vec<&'p Contribution>) {
    let original = project.meeting.original_language();
    let all: Vec<&Contribution> = project
        .contributions
        .iter()
        .filter(|v| v.kind == c.kind && v.id.value == c.id.value)
        .collect();
    let first = all
        .iter()
        .find(|v| v.language.value == original)
        .or(all.first())
        .copied();
    (first, all)
}

/// The kind of a [`Text`] that is a rapporteur's file (a `file:` section or annex).
pub const PROSE: &str = "prose";

/// A text written in one language and translated into the others: a contribution (a country
/// input, a case study) or a rapporteur's file named by a document (prose). Translation
/// tracking, export, import and mark see only this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// `country-input`, `case-study` or [`PROSE`].
    pub kind: String,
    /// The country code or case study's id; for prose, the original's path under `sources/`
    /// without its extension (`documents/gc-2022-innovation/introduction`).
    pub id: String,
    /// The language versions that exist, `(language, file)` (files relative to the project),
    /// the original first.
    pub versions: Vec<(String, String)>,
}

impl Text {
    /// The original's file.
    pub fn original(&self) -> &str {
        &self.versions[0].1
    }

    /// The original's language.
    pub fn original_language(&self) -> &str {
        &self.versions[0].0
    }

    /// The file of its `lang` version, when there is one.
    pub fn file(&self, lang: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, f)| f.as_str())
    }

    /// The file its `lang` version has, or takes (`<stem>.<lang>.md` beside the original).
    pub fn file_for(&self, lang: &str) -> String {
        self.file(lang).map(str::to_string).unwrap_or_else(|| {
            crate::load::translation_name(self.original(), self.original_language(), lang)
        })
    }

    /// The language of one of its files.
    pub fn language_of(&self, file: &str) -> Option<&str> {
        self.versions
            .iter()
            .find(|(_, f)| f == file)
            .map(|(l, _)| l.as_str())
    }

    pub fn is_prose(&self) -> bool {
        self.kind == PROSE
    }

    /// The name its exported files start with, unique among the project's texts:
    /// `kaz` for `countries/kaz.en.md`, `gc-2022-innovation.introduction` for the prose
    /// `documents/gc-2022-innovation/introduction.md` (a contribution's never has a dot).
    pub fn export_stem(&self) -> String {
        if self.is_prose() {
            let id = self.id.trim_start_matches("./");
            let id = match id.strip_prefix("documents/") {
                Some(rest) if rest.contains('/') => rest,
                _ => id,
            };
            return id.replace('/', ".");
        }
        Path::new(self.original())
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("contribution")
            .trim_end_matches(".md")
            .trim_end_matches(&format!(".{}", self.original_language()))
            .to_string()
    }
}

/// Every text of the project that has language versions, each once: the contributions (by
/// kind and id), then the rapporteur's files named by the documents' sections and annexes.
pub fn texts(project: &Project) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    for c in &project.contributions {
        let kind = c.kind.name();
        if out.iter().any(|t| t.kind == kind && t.id == c.id.value) {
            continue;
        }
        let (Some(original), all) = versions(project, c) else {
            continue;
        };
        let mut versions = vec![(original.language.value.clone(), original.file.clone())];
        versions.extend(
            all.iter()
                .filter(|v| v.file != original.file)
                .map(|v| (v.language.value.clone(), v.file.clone())),
        );
        out.push(Text {
            kind: kind.to_string(),
            id: c.id.value.clone(),
            versions,
        });
    }
    for doc in &project.documents {
        let sections = doc.sections.iter().filter_map(|s| match s {
            Section::File(f) => Some(f),
            Section::Contributions(_) | Section::Chart { .. } => None,
        });
        let annexes = doc.annexes.iter().filter_map(|a| match &a.content {
            AnnexContent::File(f) => Some(f),
            _ => None,
        });
        for file in sections.chain(annexes) {
            // The loader reads the original first; none when the file is missing.
            let Some((lang, body)) = file.texts.first() else {
                continue;
            };
            if out.iter().any(|t| t.original() == body.file) {
                continue;
            }
            let id = body
                .file
                .strip_prefix("sources/")
                .unwrap_or(&body.file)
                .trim_end_matches(".md")
                .trim_end_matches(&format!(".{lang}"))
                .to_string();
            out.push(Text {
                kind: PROSE.to_string(),
                id,
                versions: file
                    .texts
                    .iter()
                    .map(|(l, b)| (l.clone(), b.file.clone()))
                    .collect(),
            });
        }
    }
    out
}

/// The text one of whose versions is `file` (relative to the project).
pub fn text_of<'t>(texts: &'t [Text], file: &str) -> Option<&'t Text> {
    texts.iter().find(|t| t.language_of(file).is_some())
}

/// The state of each language of the meeting for one text.
pub fn text_states(project: &Project, lock: &Lock, text: &Text) -> Vec<(String, State)> {
    let current = read_source(project, text.original())
        .map(|t| units(&t))
        .unwrap_or_default();
    let mut row = Vec::new();
    for lang in &project.meeting.languages {
        let state = if lang == text.original_language() {
            State::Original
        } else {
            match text.file(lang) {
                None => State::Missing,
                Some(file) => match lock.entries.get(file) {
                    Some(entry) if entry.original == text.original() => {
                        let changed = changes(&current, entry);
                        if changed.is_empty() {
                            State::UpToDate
                        } else {
                            State::OutOfDate { changed }
                        }
                    }
                    _ => State::Unknown,
                },
            }
        };
        row.push((lang.clone(), state));
    }
    row
}

/// Every text's language versions and their states: (kind, id) to (language, state).
pub fn states(project: &Project, lock: &Lock) -> BTreeMap<(String, String), Vec<(String, State)>> {
    texts(project)
        .into_iter()
        .map(|text| {
            let row = text_states(project, lock, &text);
            ((text.kind, text.id), row)
        })
        .collect()
}

/// Warns once per translation that is out of date (`build`, `check`, `status`).
pub fn warn_out_of_date(project: &Project, diags: &mut Diagnostics) {
    let lock = Lock::read(&project.root, diags);
    for text in texts(project) {
        for (lang, state) in text_states(project, &lock, &text) {
            let State::OutOfDate { changed } = state else {
                continue;
            };
            let Some(file) = text.file(&lang) else {
                continue;
            };
            let list: Vec<String> = changed
                .iter()
                .take(5)
                .map(|c| {
                    // A removed unit's kind is not recorded, only where it stood.
                    let kind = if c.kind.is_empty() { "at" } else { &c.kind };
                    format!(
                        "{} {} ({kind} {}: \"{}\")",
                        c.change, c.id, c.number, c.words
                    )
                })
                .collect();
            let more = changed.len().saturating_sub(5);
            diags
                .warning(
                    file,
                    Pos::new(1, 1),
                    format!(
                        "this translation is out of date: its original changed since in {} unit{}: {}{}",
                        changed.len(),
                        if changed.len() == 1 { "" } else { "s" },
                        list.join("; "),
                        if more > 0 { format!("; and {more} more") } else { String::new() }
                    ),
                )
                .hint(format!(
                    "send the changes to the translator (speca-docs translate export {file} --to {lang}), or, once a person has checked it, `speca-docs translate mark {file}`"
                ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(text: &str) -> Unit {
        Unit {
            kind: "paragraph".into(),
            pieces: vec![super::super::units::Piece::Text(text.into())],
            span: 0..0,
        }
    }

    fn recorded(pairs: &[(&str, &str)]) -> Vec<Recorded> {
        pairs
            .iter()
            .map(|(id, text)| Recorded {
                id: id.to_string(),
                text: text.to_string(),
            })
            .collect()
    }

    #[test]
    fn ids_stay_with_their_units_across_edits_of_others() {
        let before = recorded(&[("u1", "one"), ("u2", "two"), ("u3", "three")]);
        let now = [
            unit("zero"),
            unit("one"),
            unit("two, changed"),
            unit("three"),
        ];
        assert_eq!(ids(&now, &before), ["u4", "u1", "u2", "u3"]);
        let entry = Entry {
            original: "o.md".into(),
            units: before,
        };
        let changed: Vec<(String, &str, usize)> = changes(&now, &entry)
            .into_iter()
            .map(|c| (c.id, c.change, c.number))
            .collect();
        assert_eq!(
            changed,
            [
                ("u4".to_string(), "added", 1),
                ("u2".to_string(), "changed", 3)
            ]
        );
    }

    #[test]
    fn the_lock_file_reads_back_what_it_writes() {
        let mut lock = Lock::default();
        lock.entries.insert(
            "sources/countries/kaz.ru.md".into(),
            Entry {
                original: "sources/countries/kaz.en.md".into(),
                units: recorded(&[("u1", "The *state* \"programme\"\nworks"), ("u2", "Два")]),
            },
        );
        let text = lock.to_text();
        let back: BTreeMap<String, Entry> = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, lock.entries);
    }
}
