//! Translated units written into a translation file: each unit's text replaced where it stands,
//! every other byte kept; a translation that does not exist yet is made from its original's
//! file, its structure and Markdown with it. The result is compared with its original as
//! `check` compares them before anything is written.

use std::collections::BTreeMap;

use crate::diag::{Diagnostics, Pos};
use crate::load::landmarks::Landmark;
use crate::load::yaml::double_quoted;

use super::units::{Piece, Unit, to_markdown, units};

/// The kinds of units that are front matter fields, whose text is a YAML scalar.
fn is_field(unit: &Unit) -> bool {
    !matches!(
        unit.kind.as_str(),
        "heading" | "paragraph" | "item" | "cell" | "note"
    )
}

/// The translation's text with the units at the given indexes (of the original's units)
/// replaced by their translations. `translation` is the translation file's text, `None` for a
/// new one made from `original` in language `lang`.
pub fn apply(
    original: &str,
    translation: Option<&str>,
    lang: &str,
    translated: &BTreeMap<usize, Vec<Piece>>,
) -> Result<String, String> {
    let original_units = units(original);
    let base = translation.unwrap_or(original);
    let base_units = units(base);
    if base_units.len() != original_units.len()
        || base_units
            .iter()
            .zip(&original_units)
            .any(|(a, b)| a.kind != b.kind)
    {
        return Err(
            "the translation's headings, paragraphs, items, cells and notes do not match its original's one for one; speca-docs check says where they differ: mend that first"
                .into(),
        );
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = translated
        .iter()
        .filter_map(|(&index, pieces)| {
            let unit = base_units.get(index)?;
            let text = if is_field(unit) {
                let plain: String = pieces
                    .iter()
                    .filter_map(|p| match p {
                        Piece::Text(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect();
                double_quoted(plain.trim())
            } else {
                to_markdown(pieces)
            };
            Some((unit.span.clone(), text))
        })
        .collect();
    if translation.is_none() {
        edits.extend(language_edit(base, lang));
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = base.to_string();
    for (range, text) in edits {
        out.replace_range(range, &text);
    }
    Ok(out)
}

/// The edit that makes the front matter's `language:` say `lang`.
fn language_edit(text: &str, lang: &str) -> Option<(std::ops::Range<usize>, String)> {
    let split = crate::load::front_matter::split(text).ok()?;
    let start = (split.yaml.as_ptr() as usize) - (text.as_ptr() as usize);
    let mut at = start;
    for line in split.yaml.split_inclusive('\n') {
        if let Some(value) = line.strip_prefix("language:") {
            let value_start = at + "language:".len() + (value.len() - value.trim_start().len());
            let value_end = at + line.trim_end().len();
            return Some((value_start..value_end, lang.to_string()));
        }
        at += line.len();
    }
    None
}

/// The landmarks of a text, as the loader finds them: after its front matter, or from its
/// first line when it has none (a rapporteur's file).
fn landmarks(text: &str, file: &str, diags: &mut Diagnostics) -> (Vec<Landmark>, Pos) {
    let (body, line) = match crate::load::front_matter::split(text) {
        Ok(split) => (split.body, split.body_line),
        Err(_) => (text, 1),
    };
    let mut no_images = |_: &str, _: &str, _: Pos, _: &mut Diagnostics| None;
    let body = crate::load::markdown::parse(body, line, file, diags, &mut no_images);
    (body.landmarks, Pos::new(line, 1))
}

/// Compares a translation's text with its original's as `check` does; the problems it finds
/// (errors and warnings) go to `diags`.
pub fn compare(
    original: (&str, &str, &str),
    translation: (&str, &str, &str),
    diags: &mut Diagnostics,
) {
    let mut scratch = Diagnostics::new();
    let (original_marks, original_start) = landmarks(original.2, original.0, &mut scratch);
    let (translation_marks, translation_start) =
        landmarks(translation.2, translation.0, &mut scratch);
    crate::load::parallel::compare_texts(
        &crate::load::parallel::Version {
            file: original.0,
            lang: original.1,
            landmarks: &original_marks,
            start: original_start,
        },
        &crate::load::parallel::Version {
            file: translation.0,
            lang: translation.1,
            landmarks: &translation_marks,
            start: translation_start,
        },
        diags,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGINAL: &str = "---\ntype: country-input\ncountry: KAZ\nlanguage: en\ntitle: Digital progress\n---\n## Priorities\n\nThe *main* results.[^n]\n\nUnchanged text.\n\n[^n]: A note.\n";

    #[test]
    fn a_new_translation_takes_its_originals_structure() {
        let units = units(ORIGINAL);
        let mut translated = BTreeMap::new();
        translated.insert(0, vec![Piece::Text("Цифровой прогресс".into())]);
        translated.insert(1, vec![Piece::Text("Приоритеты".into())]);
        let mut main = units[2].pieces.clone();
        if let Some(Piece::Text(t)) = main.first_mut() {
            *t = "Основные ".into();
        }
        translated.insert(2, main);
        let out = apply(ORIGINAL, None, "ru", &translated).unwrap();
        assert_eq!(
            out,
            "---\ntype: country-input\ncountry: KAZ\nlanguage: ru\ntitle: \"Цифровой прогресс\"\n---\n## Приоритеты\n\nОсновные *main* results.[^n]\n\nUnchanged text.\n\n[^n]: A note.\n"
        );
        // An existing translation: only the units given change, every other byte stays.
        let mut again = BTreeMap::new();
        again.insert(3, vec![Piece::Text("Текст без изменений.".into())]);
        let updated = apply(ORIGINAL, Some(&out), "ru", &again).unwrap();
        assert_eq!(
            updated,
            out.replace("Unchanged text.", "Текст без изменений.")
        );
        // A translation whose structure differs is refused.
        let broken = out.replace("\nUnchanged text.\n", "\n");
        assert!(apply(ORIGINAL, Some(&broken), "ru", &again).is_err());
    }
}
