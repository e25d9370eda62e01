//! Editing a part's XML text in place: a template's styles.xml and a reference.docx's parts
//! are changed where they need to be rather than re-serialised, so that what we do not know
//! of them is kept. Ranges come from the parsed tree ([`super::read`]); what is put in is
//! written by an [`super::XmlWriter`] or escaped.

use std::ops::Range;

/// The length of the start tag at the beginning of `element` (up to and including its `>`),
/// skipping `>` inside quoted attribute values.
pub fn start_tag_len(element: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in element.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(at + 1),
            _ => {}
        }
    }
    None
}

/// The length of the qualified name of the element that starts `element` (after its `<`).
pub fn qname_len(element: &str) -> usize {
    element[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(0)
}

/// Applies non-overlapping edits `(range, replacement)` to a text.
pub fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0.start));
    let mut out = text.to_string();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_and_names_are_measured_past_quoted_brackets() {
        assert_eq!(start_tag_len("<w:a x=\"1>2\">text</w:a>"), Some(13));
        assert_eq!(start_tag_len("<a b=\">\">x</a>"), Some(9));
        assert_eq!(start_tag_len("<w:a"), None);
        assert_eq!(qname_len("<w:style w:type=\"x\">"), 7);
        assert_eq!(
            apply_edits("abcdef", vec![(4..5, "E".into()), (0..1, "A".into())]),
            "AbcdEf"
        );
    }
}
