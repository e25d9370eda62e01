//! Putting untrusted text into Typst source.
//!
//! Text from sources is never written as markup: it becomes a Typst *string literal*, so that
//! `#`, `$`, `*`, `_`, `=`, `--`, `~`, `@`, `<`, backslashes, quotes and anything else print as
//! the characters the expert typed and are never evaluated.

/// `text` as a Typst string literal: `"…"` with `\`, `"` and control characters escaped.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters (and the line/paragraph separators Typst treats as
            // newlines) as Unicode escapes, so the literal stays on one line.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as markup that prints it literally: an embedded string literal closed by `;` so
/// that nothing after it (`(`, `[`, `.`) can extend the expression.
pub fn text_markup(text: &str) -> String {
    format!("#{};", string_literal(text))
}

/// Optional text as a Typst value: a string literal, or `none`.
pub fn optional_literal(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_string(), string_literal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(string_literal(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(string_literal("line\nnext\u{7}"), "\"line\\nnext\\u{7}\"");
        assert_eq!(
            string_literal("#read(\"/etc/passwd\")"),
            "\"#read(\\\"/etc/passwd\\\")\""
        );
        assert_eq!(text_markup("*x*"), "#\"*x*\";");
    }
}
