//! The language versions of one text compared as documents: a translation must have the
//! original's structure, since the document numbers its paragraphs, chapters and sections alike
//! in every language version, the same figures, and the same language-independent data.
//!
//! - **structure** (errors): the headings and their levels, paragraphs, list items and their
//!   nesting, tables (rows × columns), pictures (the same files), code blocks, and how many
//!   footnotes each paragraph has, aligned as a diff aligns lines, so that one missing
//!   paragraph is one error, not a shift of every paragraph after it;
//! - **figures** (warnings): the numbers of each paired paragraph, cell and footnote, read as
//!   each language writes them (`90,9` in Russian is `90.9` in English, `1 204` and `1,204`
//!   are `1204`), web and e-mail addresses, UN document symbols;
//! - **data** (errors): a contribution's countries, themes, period and indicator figures.
//!
//! Every problem is reported in the translation's file, at its place there, naming the
//! original's place: the original-language version is the one the others follow.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::diag::{Diagnostics, Pos};

use super::contribution::{Contribution, Kind};
use super::landmarks::{Landmark, LandmarkKind, Placed};

/// At most this many structure problems are reported for one pair of files: past the first
/// few, the versions are simply different texts.
const MAX_STRUCTURE_PROBLEMS: usize = 12;

/// One language version of a text.
pub struct Version<'a> {
    pub file: &'a str,
    pub lang: &'a str,
    pub landmarks: &'a [Landmark],
    /// Where the text starts, for a problem with nowhere else to stand.
    pub start: Pos,
}

/// "the English version", "the Russian version".
fn version_name(lang: &str) -> String {
    let name = crate::model::languages::name(lang, "en");
    let mut chars = name.chars();
    let name: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => lang.to_string(),
    };
    format!("the {name} version")
}

/// The first words of a text, for a message: `"The main results…"`.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        if out.chars().count() + word.chars().count() > 40 {
            out.push('…');
            return format!("\"{out}\"");
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("\"{out}\"")
}

fn place(file: &str, pos: Pos) -> String {
    format!("{file}:{}:{}", pos.line, pos.col)
}

/// Compares a translation with its original; returns whether they disagree (an error or a
/// warning reported).
pub fn compare_texts(original: &Version, translation: &Version, diags: &mut Diagnostics) -> bool {
    let before = diags.iter().count();
    let keys = |v: &Version| -> Vec<Key> { v.landmarks.iter().map(|l| Key::of(&l.kind)).collect() };
    let (old, new) = (keys(original), keys(translation));
    let other = version_name(original.lang);
    let mut structure = 0usize;
    let mut report = |diags: &mut Diagnostics, pos: Pos, message: String| {
        structure += 1;
        if structure <= MAX_STRUCTURE_PROBLEMS {
            diags.error(translation.file, pos, message).hint(format!(
                "the versions of a text must match paragraph for paragraph, since the document \
                 numbers them alike in every language; make this one follow {other}"
            ));
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for i in 0..len {
                    let (o, t) = (
                        &original.landmarks[old_index + i],
                        &translation.landmarks[new_index + i],
                    );
                    if let Some(message) = paired_difference(original, translation, o, t) {
                        report(diags, t.pos, message);
                    }
                    compare_figures(original, translation, o, t, diags);
                }
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                for o in &original.landmarks[old_index..old_index + old_len] {
                    let pos = here(translation, new_index);
                    report(diags, pos, lacks(original, o, &other));
                }
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                for t in &translation.landmarks[new_index..new_index + new_len] {
                    report(diags, t.pos, extra(original, old_index, t, &other));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for o in &original.landmarks[old_index..old_index + old_len] {
                    report(
                        diags,
                        here(translation, new_index),
                        lacks(original, o, &other),
                    );
                }
                for t in &translation.landmarks[new_index..new_index + new_len] {
                    report(diags, t.pos, extra(original, old_index, t, &other));
                }
            }
        }
    }
    if structure > MAX_STRUCTURE_PROBLEMS {
        diags.error(
            translation.file,
            translation.start,
            format!(
                "{} more differences in structure from {other} ({})",
                structure - MAX_STRUCTURE_PROBLEMS,
                original.file
            ),
        );
    }
    diags.iter().count() > before
}

/// The coarse kind two versions are aligned on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Heading,
    Paragraph,
    Item(u8),
    Table,
    Picture,
    TableNote,
    Code,
}

impl Key {
    fn of(kind: &LandmarkKind) -> Key {
        match kind {
            LandmarkKind::Heading(_) => Key::Heading,
            LandmarkKind::Paragraph => Key::Paragraph,
            LandmarkKind::Item(depth) => Key::Item(*depth),
            LandmarkKind::Table { .. } => Key::Table,
            LandmarkKind::Picture(_) => Key::Picture,
            LandmarkKind::TableNote => Key::TableNote,
            LandmarkKind::Code => Key::Code,
        }
    }
}

/// Where the translation's landmark `index` stands (its start when there is none).
fn here(version: &Version, index: usize) -> Pos {
    version
        .landmarks
        .get(index)
        .or(version.landmarks.last())
        .map_or(version.start, |l| l.pos)
}

/// A landmark's text for a message: a table's first cell.
fn shown(landmark: &Landmark) -> String {
    match landmark.cells.first() {
        Some(cell) if landmark.text.trim().is_empty() => excerpt(&cell.text),
        _ => excerpt(&landmark.text),
    }
}

fn lacks(original: &Version, o: &Landmark, other: &str) -> String {
    format!(
        "{other} has {} here ({}, {}) that this version lacks",
        o.kind.name(),
        place(original.file, o.pos),
        shown(o),
    )
}

fn extra(original: &Version, old_index: usize, t: &Landmark, other: &str) -> String {
    format!(
        "this version has {} here, {}, that {other} lacks (near {})",
        t.kind.name(),
        shown(t),
        place(original.file, here(original, old_index)),
    )
}

/// What differs between two landmarks paired by kind: a heading's level, a table's size, a
/// picture's file, a paragraph's footnotes.
fn paired_difference(
    original: &Version,
    translation: &Version,
    o: &Landmark,
    t: &Landmark,
) -> Option<String> {
    let there = place(original.file, o.pos);
    let other = version_name(original.lang);
    let label = |l: &Landmark| super::markdown::trailing_label(&l.text).map(|(_, name)| name);
    if label(o) != label(t) {
        let shown =
            |l: Option<String>| l.map_or("no label".to_string(), |l| format!("the label #{l}"));
        return Some(format!(
            "this {} has {}; its counterpart in {other} ({there}) has {}",
            &t.kind.name()[2..],
            shown(label(t)),
            shown(label(o)),
        ));
    }
    match (&o.kind, &t.kind) {
        (LandmarkKind::Heading(a), LandmarkKind::Heading(b)) if a != b => Some(format!(
            "this heading is at level {b} ({}); its counterpart in {other} ({there}) is at level {a} ({})",
            "#".repeat(usize::from(*b)),
            "#".repeat(usize::from(*a)),
        )),
        (
            LandmarkKind::Table { rows, columns },
            LandmarkKind::Table {
                rows: r,
                columns: c,
            },
        ) if (rows, columns) != (r, c) => Some(format!(
            "this table has {r} rows and {c} columns; its counterpart in {other} ({there}) has {rows} rows and {columns} columns"
        )),
        (LandmarkKind::Picture(a), LandmarkKind::Picture(b))
            if picture_stem(a, original.lang) != picture_stem(b, translation.lang) =>
        {
            Some(format!(
                "this picture shows {b}; its counterpart in {other} ({there}) shows {a}"
            ))
        }
        _ if o.notes.len() != t.notes.len() => Some(format!(
            "this {} has {}; its counterpart in {other} ({there}, {}) has {}",
            &t.kind.name()[2..],
            count(t.notes.len(), "footnote"),
            shown(o),
            count(o.notes.len(), "footnote"),
        )),
        _ => None,
    }
}

fn count(n: usize, word: &str) -> String {
    match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

/// A picture's path without a language suffix before its extension (`chart.ru.png` is the
/// Russian `chart.png`).
fn picture_stem(path: &str, lang: &str) -> String {
    let suffix = format!(".{lang}.");
    match path.rfind(&suffix) {
        Some(at) => format!("{}.{}", &path[..at], &path[at + suffix.len()..]),
        None => path.to_string(),
    }
}

/// Warns of figures one of two paired landmarks has and the other lacks: in their text,
/// their footnotes and their cells.
fn compare_figures(
    original: &Version,
    translation: &Version,
    o: &Landmark,
    t: &Landmark,
    diags: &mut Diagnostics,
) {
    let mut pairs: Vec<(&str, Pos, &str, Pos)> =
        vec![(o.text.as_str(), o.pos, t.text.as_str(), t.pos)];
    let placed = |a: &[Placed], b: &[Placed]| -> Vec<(String, Pos, String, Pos)> {
        a.iter()
            .zip(b)
            .map(|(a, b)| (a.text.clone(), a.pos, b.text.clone(), b.pos))
            .collect()
    };
    let notes = placed(&o.notes, &t.notes);
    let cells = if o.cells.len() == t.cells.len() {
        placed(&o.cells, &t.cells)
    } else {
        Vec::new()
    };
    pairs.extend(
        notes
            .iter()
            .chain(&cells)
            .map(|(a, ap, b, bp)| (a.as_str(), *ap, b.as_str(), *bp)),
    );
    for (a, a_pos, b, b_pos) in pairs {
        let (ours, theirs) = (figures(b, translation.lang), figures(a, original.lang));
        let mut missing = difference(&theirs, &ours);
        let mut added = difference(&ours, &theirs);
        if missing.is_empty() && added.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        // The same writing read two ways (`1,200` copied from English into Russian, where the
        // comma makes a fraction): say so, rather than that each has what the other lacks.
        let mut misread = Vec::new();
        missing.retain(|(theirs, written)| {
            let Some(at) = added.iter().position(|(_, ours)| ours == written) else {
                return true;
            };
            let (ours, _) = added.remove(at);
            misread.push(format!(
                "{written}, which reads as {} in this language and {} in {}",
                ours.plain(),
                theirs.plain(),
                version_name(original.lang)
            ));
            false
        });
        if !misread.is_empty() {
            parts.push(format!(
                "writes {} (write numbers as this language writes them)",
                misread.join("; ")
            ));
        }
        let missing: Vec<String> = missing.into_iter().map(|(_, w)| w).collect();
        let added: Vec<String> = added.into_iter().map(|(_, w)| w).collect();
        if !missing.is_empty() {
            parts.push(format!(
                "lacks {} that {} has ({})",
                missing.join(", "),
                version_name(original.lang),
                place(original.file, a_pos)
            ));
        }
        if !added.is_empty() {
            parts.push(format!(
                "has {} that {} lacks",
                added.join(", "),
                version_name(original.lang)
            ));
        }
        diags
            .warning(
                translation.file,
                b_pos,
                format!("this text {}", parts.join(", and ")),
            )
            .hint("the versions of a text state the same figures; correct the one that is wrong");
    }
}

/// The figures of `a` that `b` lacks, counting repeats, with how `a` writes them.
fn difference(a: &[(Figure, String)], b: &[(Figure, String)]) -> Vec<(Figure, String)> {
    let mut left: BTreeMap<&Figure, usize> = BTreeMap::new();
    for (figure, _) in b {
        *left.entry(figure).or_default() += 1;
    }
    let mut out = Vec::new();
    for (figure, written) in a {
        match left.get_mut(figure) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push((figure.clone(), written.clone())),
        }
    }
    out
}

/// A figure of a text, compared whatever the language writes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Figure {
    /// A number in its plain form (`1204`, `90.9`).
    Number(String),
    /// A web or e-mail address, or a UN document symbol.
    Name(String),
}

impl Figure {
    /// The figure in its plain form: `1204`, `90.9`, an address.
    fn plain(&self) -> &str {
        match self {
            Figure::Number(n) | Figure::Name(n) => n,
        }
    }
}

/// The figures of `text` in `lang`, each with how the text writes it.
fn figures(text: &str, lang: &str) -> Vec<(Figure, String)> {
    let mut out = Vec::new();
    let mut rest = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let bare = word.trim_matches(|c: char| {
            matches!(
                c,
                '(' | ')'
                    | '['
                    | ']'
                    | '«'
                    | '»'
                    | '"'
                    | '“'
                    | '”'
                    | '„'
                    | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
            ) || c == '\''
        });
        let bare = bare.trim_end_matches('.');
        if is_address(bare) || is_symbol(bare) {
            let name = bare.trim_start_matches("mailto:").to_string();
            out.push((Figure::Name(name.to_lowercase()), name));
            rest.push(' ');
        } else {
            rest.push_str(word);
            rest.push(' ');
        }
    }
    out.extend(numbers(&rest, lang));
    out
}

/// A web address (`https://…`, `www.…`) or an e-mail address.
fn is_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.starts_with("mailto:")
        || (word.contains('@')
            && word
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.')))
}

/// A UN document symbol: capitals and digits in three or more parts joined by `/`
/// (`ECE/CECI/2022/7`, `A/RES/70/1`).
fn is_symbol(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
        })
        && parts[0].chars().any(|c| c.is_ascii_uppercase())
}

/// The numbers of `text` as `lang` writes them: its decimal separator (a comma in Russian, a
/// point in English) makes a fraction; the other one, and a space, group thousands when three
/// digits follow (`1,204` in English, `1 204`), else it makes a fraction too (`90,9` in an
/// English text is read as meant).
fn numbers(text: &str, lang: &str) -> Vec<(Figure, String)> {
    let decimal = if crate::model::languages::writes_decimal_comma(lang) {
        ','
    } else {
        '.'
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut whole = String::new();
        let mut fraction = String::new();
        let digits = |from: usize| {
            chars[from..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count()
        };
        let run = digits(i);
        whole.extend(&chars[i..i + run]);
        i += run;
        while let Some(&sep) = chars.get(i) {
            let next = if i + 1 < chars.len() {
                digits(i + 1)
            } else {
                0
            };
            if next == 0 {
                break;
            }
            let grouping = matches!(sep, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}')
                || (matches!(sep, ',' | '.') && sep != decimal);
            let groups_thousands = next == 3
                && !chars
                    .get(i + 4)
                    .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic());
            if grouping && groups_thousands && fraction.is_empty() {
                whole.extend(&chars[i + 1..i + 4]);
                i += 4;
            } else if (sep == decimal || (matches!(sep, ',' | '.') && grouping))
                && fraction.is_empty()
            {
                fraction.extend(&chars[i + 1..i + 1 + next]);
                i += 1 + next;
                break;
            } else {
                break;
            }
        }
        let written: String = chars[start..i].iter().collect();
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        let fraction = fraction.trim_end_matches('0');
        let value = if fraction.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{fraction}")
        };
        out.push((Figure::Number(value), written.trim().to_string()));
    }
    out
}

/// Compares the language-independent data of a contribution's translation with its
/// original's: countries, themes, period, indicator figures. Returns whether they disagree.
pub fn compare_fields(
    original: &Contribution,
    translation: &Contribution,
    diags: &mut Diagnostics,
) -> bool {
    let before = diags.iter().count();
    let other = version_name(&original.language.value);
    let file = translation.file.as_str();
    let start = Pos::new(1, 1);
    let codes = |c: &Contribution| -> Vec<String> {
        let mut codes: Vec<String> = c.countries.iter().map(|k| k.value.clone()).collect();
        codes.sort();
        codes
    };
    if codes(original) != codes(translation) {
        let pos = translation.countries.first().map_or(start, |k| k.pos);
        diags.error(
            file,
            pos,
            format!(
                "`country` is {} here and {} in {other} ({})",
                codes(translation).join(", "),
                codes(original).join(", "),
                original.file
            ),
        );
    }
    let themes = |c: &Contribution| -> Vec<String> {
        let mut themes: Vec<String> = c.themes.iter().map(|t| t.value.clone()).collect();
        themes.sort();
        themes
    };
    if themes(original) != themes(translation) {
        let pos = translation.themes.first().map_or(start, |t| t.pos);
        diags.error(
            file,
            pos,
            format!(
                "`themes` are [{}] here and [{}] in {other} ({})",
                themes(translation).join(", "),
                themes(original).join(", "),
                original.file
            ),
        );
    }
    let period = |c: &Contribution| -> Vec<Figure> {
        numbers(c.period.as_deref().unwrap_or(""), &c.language.value)
            .into_iter()
            .map(|(figure, _)| figure)
            .collect()
    };
    if period(original) != period(translation) {
        diags.error(
            file,
            start,
            format!(
                "`period` is \"{}\" here and \"{}\" in {other} ({})",
                translation.period.as_deref().unwrap_or(""),
                original.period.as_deref().unwrap_or(""),
                original.file
            ),
        );
    }
    if translation.kind == Kind::CountryInput || original.kind == Kind::CountryInput {
        compare_indicators(original, translation, &other, diags);
    }
    diags.iter().count() > before
}

/// An indicator's value as a number whatever the language writes, and its year.
fn indicator_figure(c: &Contribution, value: &str) -> Option<Figure> {
    numbers(value, &c.language.value)
        .into_iter()
        .next()
        .map(|(figure, _)| figure)
}

fn compare_indicators(
    original: &Contribution,
    translation: &Contribution,
    other: &str,
    diags: &mut Diagnostics,
) {
    let file = translation.file.as_str();
    for theirs in &original.indicators {
        let id = &theirs.id.value;
        let Some(ours) = translation.indicators.iter().find(|i| &i.id.value == id) else {
            diags.error(
                file,
                Pos::new(1, 1),
                format!(
                    "the indicator {id} is reported in {other} ({}) and not here",
                    place(&original.file, theirs.id.pos)
                ),
            )
            .hint("report the same indicators in every version; the annexes show the original's figures");
            continue;
        };
        let negative = |v: &str| v.trim_start().starts_with('-');
        let (a, b) = (
            indicator_figure(original, &theirs.value),
            indicator_figure(translation, &ours.value),
        );
        if a != b || negative(&theirs.value) != negative(&ours.value) {
            diags
                .error(
                    file,
                    ours.id.pos,
                    format!(
                        "{id} is {} here and {} in {other} ({})",
                        ours.value,
                        theirs.value,
                        place(&original.file, theirs.id.pos)
                    ),
                )
                .hint("the annexes and charts show the original's figure; correct the one that is wrong");
        }
        if theirs.year != ours.year {
            let year = |y: Option<i64>| y.map_or("not given".to_string(), |y| y.to_string());
            diags.error(
                file,
                ours.id.pos,
                format!(
                    "the year of {id} is {} here and {} in {other} ({})",
                    year(ours.year),
                    year(theirs.year),
                    place(&original.file, theirs.id.pos)
                ),
            );
        }
    }
    for ours in &translation.indicators {
        if !original
            .indicators
            .iter()
            .any(|i| i.id.value == ours.id.value)
        {
            diags.error(
                file,
                ours.id.pos,
                format!(
                    "the indicator {} is reported here and not in {other} ({})",
                    ours.id.value, original.file
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(figures: Vec<(Figure, String)>) -> Vec<String> {
        figures
            .into_iter()
            .map(|(figure, _)| match figure {
                Figure::Number(n) | Figure::Name(n) => n,
            })
            .collect()
    }

    #[test]
    fn numbers_are_read_as_each_language_writes_them() {
        assert_eq!(
            plain(figures("90,9 % и 1 204 человек", "ru")),
            ["90.9", "1204"]
        );
        assert_eq!(
            plain(figures("90.9% and 1,204 people", "en")),
            ["90.9", "1204"]
        );
        assert_eq!(
            plain(figures("1 204 and 1\u{A0}204 500", "en")),
            ["1204", "1204500"]
        );
        // A comma that cannot group thousands in English is the fraction meant.
        assert_eq!(plain(figures("about 90,9 per cent", "en")), ["90.9"]);
        // A point in a Russian text is a fraction too, unless three digits follow.
        assert_eq!(plain(figures("рост 1.5 и 2.500", "ru")), ["1.5", "2500"]);
        // Years in a range, a list of numbers, a trailing full stop.
        assert_eq!(
            plain(figures("in 2018–2022, 3, 4 and 5.", "en")),
            ["2018", "2022", "3", "4", "5"]
        );
        assert_eq!(
            plain(figures("в 2018–2022 годах, 3, 4 и 5.", "ru")),
            ["2018", "2022", "3", "4", "5"]
        );
        // Digits inside words are no numbers: 4G, H2O.
        assert_eq!(plain(figures("4G coverage, H2O", "en")), ["4"]);
    }

    #[test]
    fn addresses_and_symbols_are_names_not_numbers() {
        assert_eq!(
            plain(figures(
                "See ECE/CECI/2022/7 (https://unece.org/speca) or write to speca@un.org.",
                "en"
            )),
            ["ece/ceci/2022/7", "https://unece.org/speca", "speca@un.org"]
        );
    }

    #[test]
    fn figures_one_version_lacks_are_listed_as_written() {
        let en = figures("It reached 90.9 per cent in 2021.", "en");
        let ru = figures("Он достиг 80,9 процента в 2021 году.", "ru");
        let written = |d: Vec<(Figure, String)>| d.into_iter().map(|(_, w)| w).collect::<Vec<_>>();
        assert_eq!(written(difference(&en, &ru)), ["90.9"]);
        assert_eq!(written(difference(&ru, &en)), ["80,9"]);
        let same = figures("Он достиг 90,9 процента в 2021 году.", "ru");
        assert!(difference(&en, &same).is_empty() && difference(&same, &en).is_empty());
    }

    #[test]
    fn pictures_of_the_language_are_the_same_picture() {
        assert_eq!(picture_stem("media/chart.ru.png", "ru"), "media/chart.png");
        assert_eq!(picture_stem("media/chart.png", "en"), "media/chart.png");
    }
}
