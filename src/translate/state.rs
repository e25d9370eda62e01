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

/// Every contribution's language versions and their states: (kind, id) to (language, state).
pub fn states(project: &Project, lock: &Lock) -> BTreeMap<(String, String), Vec<(String, State)>> {
    let mut out: BTreeMap<(String, String), Vec<(String, State)>> = BTreeMap::new();
    for c in &project.contributions {
        let key = (c.kind.name().to_string(), c.id.value.clone());
        if out.contains_key(&key) {
            continue;
        }
        let (original, all) = versions(project, c);
        let Some(original) = original else { continue };
        let current = read_source(project, &original.file)
            .map(|text| units(&text))
            .unwrap_or_default();
        let mut row = Vec::new();
        for lang in &project.meeting.languages {
            let state = if *lang == original.language.value {
                State::Original
            } else {
                match all.iter().find(|v| &v.language.value == lang) {
                    None => State::Missing,
                    Some(translation) => match lock.entries.get(&translation.file) {
                        Some(entry) if entry.original == original.file => {
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
        out.insert(key, row);
    }
    out
}

/// Warns once per translation that is out of date (`build`, `check`, `status`).
pub fn warn_out_of_date(project: &Project, diags: &mut Diagnostics) {
    let lock = Lock::read(&project.root, diags);
    for ((kind, id), row) in states(project, &lock) {
        for (lang, state) in row {
            let State::OutOfDate { changed } = state else {
                continue;
            };
            let Some(file) = project
                .contributions
                .iter()
                .find(|c| c.kind.name() == kind && c.id.value == id && c.language.value == lang)
                .map(|c| c.file.clone())
            else {
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
                    &file,
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
