//! Plain-language explanations of the YAML mistakes that experts make, found in the raw lines.
//!
//! Experts are not programmers: "mapping values are not allowed in this context" tells them
//! nothing, and some mistakes (typographic quotes, tabs YAML happens to accept) are not errors
//! at all yet keep the text from meaning what the expert meant. The parser's positions point
//! near the mistake; the raw line shows what it was, and the hint gives the corrected line.

use crate::diag::Pos;

/// A mistake found in a raw line, with its place in the file and the way to mend it.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlHint {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// Opening and closing quotation marks that word processors and keyboards type instead of
/// `"`: English “…” and ‘…’, Russian «…» and „…“, Swedish ”…”. YAML treats none of them as
/// quotes.
const TYPOGRAPHIC_OPENING: &[char] = &['“', '”', '„', '«', '‘', '’', '‚', '‹'];
const TYPOGRAPHIC_CLOSING: &[char] = &['”', '“', '»', '’', '‘', '›'];

/// The characters that give a value a YAML meaning other than plain text when it starts with
/// one: quotes, flow collections, block scalars, anchors, aliases, tags, reserved characters.
const YAML_INDICATORS: &[char] = &[
    '"', '\'', '{', '[', '|', '>', '&', '*', '!', '%', '@', '`', '#',
];

/// One `key: value` line of block YAML, as written.
#[derive(Debug)]
struct Entry<'a> {
    /// Everything before the key: indentation and any `- ` list markers.
    lead: &'a str,
    key: &'a str,
    /// The value without the spaces after the colon and without a trailing comment.
    value: &'a str,
    /// The trailing ` # comment`, with its leading spaces, or "".
    comment: &'a str,
    /// The 1-based character column where the value starts.
    value_col: u32,
}

/// Reads `line` as `lead key: value # comment`; `None` for anything else (comments, list items
/// without a key, flow collections, quoted keys, continuation lines).
fn entry(line: &str) -> Option<Entry<'_>> {
    let mut lead_end = 0;
    loop {
        let rest = &line[lead_end..];
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        lead_end += spaces;
        if line[lead_end..].starts_with("- ") {
            lead_end += 2;
        } else {
            break;
        }
    }
    let rest = &line[lead_end..];
    let colon = rest.find(": ")?;
    let key = &rest[..colon];
    if key.is_empty()
        || key.starts_with(YAML_INDICATORS)
        || key.contains(['#', '"', '\'', '{', '}', '[', ']', ','])
    {
        return None;
    }
    let after_colon = lead_end + colon + 1;
    let value_start =
        after_colon + line[after_colon..].len() - line[after_colon..].trim_start().len();
    let full_value = line[value_start..].trim_end();
    // A comment starts at ` #`; inside a value that YAML reads as plain text, so does it.
    let (value, comment) = match full_value.find(" #") {
        Some(at) => (full_value[..at].trim_end(), &line[value_start + at..]),
        None => (full_value, ""),
    };
    if value.is_empty() {
        return None;
    }
    Some(Entry {
        lead: &line[..lead_end],
        key,
        value,
        comment: comment.trim_end(),
        value_col: line[..value_start].chars().count() as u32 + 1,
    })
}

/// The value without typographic quotes around it, when it is wholly inside a pair of them.
fn typographic_inner(value: &str) -> Option<&str> {
    let first = value.chars().next()?;
    let last = value.chars().last()?;
    if value.chars().count() >= 2
        && TYPOGRAPHIC_OPENING.contains(&first)
        && TYPOGRAPHIC_CLOSING.contains(&last)
    {
        Some(&value[first.len_utf8()..value.len() - last.len_utf8()])
    } else {
        None
    }
}

/// The 1-based column of the first tab in the line's indentation (before its first other
/// character), if there is one.
fn tab_in_indentation(line: &str) -> Option<u32> {
    let indentation = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    indentation
        .find('\t')
        .map(|at| indentation[..at].chars().count() as u32 + 1)
}

/// The line of the file for index `i` of `text`'s lines.
fn file_line(first_line: u32, i: usize) -> u32 {
    first_line + i as u32
}

fn tab_hint(line: u32, col: u32) -> YamlHint {
    YamlHint {
        pos: Pos::new(line, col),
        message: "YAML indentation uses spaces, not tabs".into(),
        hint: "replace the tab at the start of the line with spaces, as many as the lines \
               around it use for the same level"
            .into(),
    }
}

fn straight_quotes_hint(entry: &Entry, inner: &str, line: u32) -> YamlHint {
    YamlHint {
        pos: Pos::new(line, entry.value_col),
        message: format!(
            "the value of \"{}\" is in typographic quotes, which YAML does not read as quotes",
            entry.key
        ),
        hint: format!(
            "use straight quotes \"…\": {}{}: {}{}",
            entry.lead,
            entry.key,
            super::yaml::double_quoted(inner),
            entry.comment
        ),
    }
}

/// Explains a syntax error that the parser reported at `error` when the raw text shows one of
/// the known mistakes; `None` leaves the parser's own message.
pub fn explain_error(
    text: &str,
    first_line: u32,
    error: Pos,
    parser_message: &str,
) -> Option<YamlHint> {
    let lines: Vec<&str> = text.lines().collect();
    let error_index = error.line.checked_sub(first_line)? as usize;

    // A tab: the parser stops on the line with the tab, or (scanning a plain value that may
    // continue) on the line before it.
    let mentions_tab = parser_message.to_lowercase().contains("tab");
    let tab_lines = [error_index, error_index + 1];
    let tab_lines = if mentions_tab {
        &tab_lines[..]
    } else {
        &tab_lines[..1]
    };
    for &i in tab_lines {
        if let Some(col) = lines.get(i).and_then(|l| tab_in_indentation(l)) {
            return Some(tab_hint(file_line(first_line, i), col));
        }
    }

    let line = lines.get(error_index)?;
    let entry = entry(line)?;
    let line_no = file_line(first_line, error_index);
    if let Some(inner) = typographic_inner(entry.value) {
        return Some(straight_quotes_hint(&entry, inner, line_no));
    }
    // A plain value (not quoted, not a list or mapping) that holds ": " or ends in ":" reads
    // as a second `key: value` inside the first.
    if !entry.value.starts_with(YAML_INDICATORS)
        && (entry.value.contains(": ") || entry.value.ends_with(':'))
    {
        return Some(YamlHint {
            pos: Pos::new(line_no, entry.value_col),
            message: format!(
                "the value of \"{}\" holds \": \", which YAML reads as the start of another field",
                entry.key
            ),
            hint: format!(
                "put the value in quotes: {}{}: {}{}",
                entry.lead,
                entry.key,
                super::yaml::double_quoted(entry.value),
                entry.comment
            ),
        });
    }
    None
}

/// Mistakes that YAML accepts but that do not mean what the expert meant: a value wrapped in
/// typographic quotes (kept as part of the text) and tabs in the indentation (which other YAML
/// readers refuse, and whose nesting is not what it looks like). Reported as warnings.
pub fn accepted_mistakes(text: &str, first_line: u32) -> Vec<YamlHint> {
    let mut found = Vec::new();
    // The indentation of a key whose value is a block scalar (`|` or `>`): lines indented
    // deeper are its text, where tabs and quotes are the expert's own.
    let mut block_scalar_indent: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let content = line.trim();
        if let Some(key_indent) = block_scalar_indent {
            if content.is_empty() || indent > key_indent {
                continue;
            }
            block_scalar_indent = None;
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let line_no = file_line(first_line, i);
        if let Some(col) = tab_in_indentation(line) {
            found.push(tab_hint(line_no, col));
        }
        let Some(entry) = entry(line) else { continue };
        if entry.value.starts_with(['|', '>']) {
            block_scalar_indent = Some(indent);
        } else if let Some(inner) = typographic_inner(entry.value) {
            let mut hint = straight_quotes_hint(&entry, inner, line_no);
            hint.message
                .push_str(", so they are kept as part of the text");
            hint.hint.push_str(&format!(
                "; to show the quotes, put them inside straight ones: {}: {}",
                entry.key,
                super::yaml::double_quoted(entry.value)
            ));
            found.push(hint);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_in_a_plain_value_gets_the_quoted_line() {
        let text = "type: case-study\ntitle: Digital \"KZ\": results # note\n";
        let hint =
            explain_error(text, 2, Pos::new(3, 22), "mapping values are not allowed").unwrap();
        assert_eq!(hint.pos, Pos::new(3, 8));
        assert_eq!(
            hint.hint,
            "put the value in quotes: title: \"Digital \\\"KZ\\\": results\" # note"
        );
    }

    #[test]
    fn tabs_are_found_on_the_error_line_or_the_next() {
        let text = "a:\n  - x\n\t- y\n";
        let hint = explain_error(text, 1, Pos::new(2, 5), "found a tab").unwrap();
        assert_eq!(hint.pos, Pos::new(3, 1));
        let hint = explain_error("focal-point:\n  \tname: X\n", 1, Pos::new(2, 4), "x").unwrap();
        assert_eq!(hint.pos, Pos::new(2, 3));
        assert!(explain_error("a: 1\n\tb: 2\n", 1, Pos::new(1, 1), "other").is_none());
    }

    #[test]
    fn typographic_quotes_are_warned_with_the_straight_line() {
        let found = accepted_mistakes("t: 1\n  - title: «Цифровой» # x\nsummary: |\n  “kept”\n", 2);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pos, Pos::new(3, 12));
        assert!(
            found[0]
                .hint
                .starts_with("use straight quotes \"…\":   - title: \"Цифровой\" # x;"),
            "{}",
            found[0].hint
        );
        assert!(accepted_mistakes("title: The “Digital” plan\n", 1).is_empty());
    }
}
