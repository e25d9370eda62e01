//! Small XML helpers that every part of the DOCX writer uses: the namespace, escaping, and
//! splicing edits into XML text (for a template's styles.xml and a reference.docx's parts,
//! which are edited in place rather than re-serialised, so that what we do not know is kept).

use std::ops::Range;

/// The WordprocessingML namespace.
pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The declaration every part starts with.
pub(super) const XML_DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Whether the character may be written: what XML 1.0 allows, less the C1 controls and DEL
/// that it discourages (and that Word may refuse).
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// Text for element content or an attribute value (written between double quotes): `& < > "`
/// as entities, tabs and line ends as character references (so that attribute parsers do not
/// normalise them to spaces), characters that XML forbids dropped. The one escaping function
/// of the writer; `w:t` runs split tabs and line ends off before they get here.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The length of the start tag at the beginning of `element` (up to and including its `>`),
/// skipping `>` inside quoted attribute values.
pub(super) fn start_tag_len(element: &str) -> Option<usize> {
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
pub(super) fn qname_len(element: &str) -> usize {
    element[1..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(0)
}

/// Applies non-overlapping edits `(range, replacement)` to a text.
pub(super) fn apply_edits(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
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
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<w:t> & \"x\" 'y'"),
            "&lt;w:t&gt; &amp; &quot;x&quot; 'y'"
        );
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{b}d\u{FFFE}e\u{7F}\u{85}f"),
            "abcdef"
        );
        assert_eq!(escape("é\u{A0}Ж\u{1F600}"), "é\u{A0}Ж\u{1F600}");
        assert_eq!(escape("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
    }

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
