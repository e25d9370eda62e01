//! A contribution cut into translation units: one per heading, paragraph, list item's text,
//! table cell and footnote paragraph, and one per translatable field of its front matter; each
//! unit's text as pieces (text, and inline codes for what is Markdown: emphasis, links,
//! footnote references, code), with the place in the file where its text stands, so that a
//! translation can be written back into exactly that place.

use std::ops::Range;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

/// One piece of a unit's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The start of a span of formatting (emphasis, strong, strikethrough, a link), with the
    /// Markdown that opens it; `id` pairs it with its end.
    Open {
        id: u32,
        markdown: String,
    },
    Close {
        id: u32,
        markdown: String,
    },
    /// Markdown that stands on its own and is not translated: a footnote reference, code, a
    /// line break, a picture, a label.
    Code {
        id: u32,
        markdown: String,
    },
}

/// A unit of translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What it is: `heading`, `paragraph`, `item`, `cell`, `note`, or the front matter field's
    /// key (`title`, `summary`, `organization`, `source.<indicator>`).
    pub kind: String,
    pub pieces: Vec<Piece>,
    /// The bytes of the file its text takes (without a heading's `#` or an item's marker).
    pub span: Range<usize>,
}

impl Unit {
    /// The text as a person reads it, codes left out: what a status line or a note shows.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            if let Piece::Text(text) = piece {
                out.push_str(text);
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text with its codes, as compared between states: a change of a link or an emphasis
    /// is a change.
    pub fn fingerprint(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Open { markdown, .. }
                | Piece::Close { markdown, .. }
                | Piece::Code { markdown, .. } => out.push_str(markdown),
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Whether it holds any text to translate.
    pub fn has_text(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Text(t) if t.chars().any(char::is_alphabetic)))
    }
}

/// The units of a file's text: its front matter's fields, then its body's blocks. A text
/// with no front matter (a rapporteur's file may have none) is all body.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::new();
    let Ok(split) = crate::load::front_matter::split(text) else {
        return body_units(text, 0);
    };
    let yaml_start = offset_in(text, split.yaml);
    out.extend(field_units(split.yaml, yaml_start));
    let body_start = offset_in(text, split.body);
    out.extend(body_units(split.body, body_start));
    out
}

fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The translatable fields of the front matter that stand on one line each: `title`,
/// `organization`, `summary`, and the `source` of each indicator written as a flow mapping.
fn field_units(yaml: &str, start: usize) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut at = start;
    let mut in_indicators = false;
    for line in yaml.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let top = !content.starts_with([' ', '\t']);
        if top {
            in_indicators = content.starts_with("indicators:");
        }
        if top {
            for key in ["title", "organization", "summary"] {
                if let Some(value) = content.strip_prefix(&format!("{key}:")) {
                    let trimmed = value.trim();
                    if !trimmed.is_empty() && !trimmed.starts_with(['>', '|', '&', '*', '[', '{']) {
                        let value_start =
                            at + key.len() + 1 + (value.len() - value.trim_start().len());
                        let span = value_start..value_start + trimmed.len();
                        out.push(Unit {
                            kind: key.to_string(),
                            pieces: vec![Piece::Text(scalar(trimmed))],
                            span,
                        });
                    }
                }
            }
        } else if in_indicators
            && let Some((id, rest)) = content.trim_start().split_once(':')
            && let Some(source_at) = rest.find("source:")
            && rest.trim_end().ends_with('}')
        {
            let after = &rest[source_at + "source:".len()..];
            let value = after.trim_end().trim_end_matches('}').trim();
            if !value.is_empty() && !value.contains(',') {
                let line_offset = content.len() - content.trim_start().len();
                let rest_start = at + line_offset + id.len() + 1;
                let value_start = rest_start
                    + source_at
                    + "source:".len()
                    + (after.len() - after.trim_start().len());
                out.push(Unit {
                    kind: format!("source.{}", id.trim()),
                    pieces: vec![Piece::Text(scalar(value))],
                    span: value_start..value_start + value.len(),
                });
            }
        }
        at += line.len();
    }
    out
}

/// A one-line YAML scalar's text: quotes taken off.
fn scalar(value: &str) -> String {
    if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        serde_json::from_str::<String>(&format!("\"{inner}\""))
            .unwrap_or_else(|_| inner.to_string())
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    }
}

/// The body's units, in the order of the file.
fn body_units(body: &str, start: usize) -> Vec<Unit> {
    // A text the loader refuses to parse (nested too deep) has no units either.
    if crate::load::markdown::deepest_line(body).is_some() {
        return Vec::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, body, &crate::load::markdown::options());
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut walker = Walker {
        body,
        start,
        line_starts,
        out: Vec::new(),
        next_code: 1,
    };
    walker.blocks(root, 0);
    // Footnotes after the text, as a reader meets them.
    walker.out
}

struct Walker<'a> {
    body: &'a str,
    /// The body's offset in the file.
    start: usize,
    line_starts: Vec<usize>,
    out: Vec<Unit>,
    next_code: u32,
}

impl<'c> Walker<'_> {
    /// The byte offset in the body of a comrak position (1-based line, 1-based byte column).
    fn offset(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.body.len());
        // comrak's columns count bytes, an end column the last character's first byte: move
        // forward to a character's boundary.
        let mut at = (start + column.saturating_sub(1)).min(self.body.len());
        while !self.body.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// The bytes of a block's inline content: from its first child's start to its last
    /// child's end.
    fn content_span(&self, node: &'c AstNode<'c>) -> Option<Range<usize>> {
        let first = node.first_child()?;
        let last = node.last_child()?;
        let from = first.data().sourcepos.start;
        let to = last.data().sourcepos.end;
        let from = self.offset(from.line, from.column);
        let to = self.offset(to.line, to.column + 1);
        (from < to).then_some(from..to)
    }

    fn unit(&mut self, kind: &str, node: &'c AstNode<'c>) {
        let Some(span) = self.content_span(node) else {
            return;
        };
        self.next_code = 1;
        let mut pieces = Vec::new();
        self.inlines(node, &mut pieces, 0);
        split_label(
            &mut pieces,
            self.body.get(span.clone()).unwrap_or_default(),
            &mut self.next_code,
        );
        let unit = Unit {
            kind: kind.to_string(),
            pieces,
            span: span.start + self.start..span.end + self.start,
        };
        if unit.has_text() {
            self.out.push(unit);
        }
    }

    fn blocks(&mut self, parent: &'c AstNode<'c>, depth: usize) {
        if depth > crate::load::markdown::MAX_NESTING {
            return;
        }
        for node in parent.children() {
            self.block(node, depth);
        }
    }

    fn block(&mut self, node: &'c AstNode<'c>, depth: usize) {
        match node.data().value.clone() {
            NodeValue::Paragraph => self.unit("paragraph", node),
            NodeValue::Heading(_) => self.unit("heading", node),
            NodeValue::List(_) => {
                for item in node.children() {
                    // The item's paragraphs, then what else it holds, one level deeper.
                    for child in item.children() {
                        match child.data().value {
                            NodeValue::Paragraph => self.unit("item", child),
                            _ if depth < crate::load::markdown::MAX_NESTING => {
                                self.block(child, depth + 1)
                            }
                            _ => {}
                        }
                    }
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.blocks(node, depth + 1)
            }
            NodeValue::Table(_) => {
                for row in node.children() {
                    for cell in row.children() {
                        self.unit("cell", cell);
                    }
                }
            }
            NodeValue::FootnoteDefinition(_) => {
                for child in node.children() {
                    if matches!(child.data().value, NodeValue::Paragraph) {
                        self.unit("note", child);
                    }
                }
            }
            _ => {}
        }
    }

    fn code(&mut self, markdown: String) -> Piece {
        let id = self.next_code;
        self.next_code += 1;
        Piece::Code { id, markdown }
    }

    fn pair(
        &mut self,
        node: &'c AstNode<'c>,
        open: String,
        close: String,
        out: &mut Vec<Piece>,
        depth: usize,
    ) {
        let id = self.next_code;
        self.next_code += 1;
        out.push(Piece::Open { id, markdown: open });
        self.inlines(node, out, depth + 1);
        out.push(Piece::Close {
            id,
            markdown: close,
        });
    }

    fn inlines(&mut self, parent: &'c AstNode<'c>, out: &mut Vec<Piece>, depth: usize) {
        // As deep as the loader reads, no deeper (it reports the rest).
        if depth > crate::load::markdown::MAX_NESTING {
            return;
        }
        for node in parent.children() {
            let value = node.data().value.clone();
            match value {
                NodeValue::Text(text) => push_text(out, &text),
                NodeValue::SoftBreak => push_text(out, " "),
                NodeValue::LineBreak => {
                    let code = self.code("\\\n".to_string());
                    out.push(code);
                }
                NodeValue::Code(code) => {
                    let fence = "`".repeat(longest_run(&code.literal, '`') + 1);
                    let pad = if code.literal.starts_with('`') || code.literal.ends_with('`') {
                        " "
                    } else {
                        ""
                    };
                    let piece = self.code(format!("{fence}{pad}{}{pad}{fence}", code.literal));
                    out.push(piece);
                }
                NodeValue::Emph => self.pair(node, "*".into(), "*".into(), out, depth),
                NodeValue::Strong => self.pair(node, "**".into(), "**".into(), out, depth),
                NodeValue::Strikethrough => self.pair(node, "~~".into(), "~~".into(), out, depth),
                NodeValue::Link(link) => {
                    let title = if link.title.is_empty() {
                        String::new()
                    } else {
                        format!(" \"{}\"", link.title.replace('"', "\\\""))
                    };
                    let close = format!("](<{}>{title})", link.url.replace('>', "%3E"));
                    self.pair(node, "[".into(), close, out, depth);
                }
                NodeValue::FootnoteReference(reference) => {
                    let piece = self.code(format!("[^{}]", reference.name));
                    out.push(piece);
                }
                NodeValue::Image(_) | NodeValue::HtmlInline(_) => {
                    let span = node.data().sourcepos;
                    let from = self.offset(span.start.line, span.start.column);
                    let to = self.offset(span.end.line, span.end.column + 1);
                    let raw = self.body.get(from..to).unwrap_or_default().to_string();
                    let piece = self.code(raw);
                    out.push(piece);
                }
                _ => self.inlines(node, out, depth + 1),
            }
        }
    }
}

fn push_text(out: &mut Vec<Piece>, text: &str) {
    match out.last_mut() {
        Some(Piece::Text(last)) => last.push_str(text),
        _ => out.push(Piece::Text(text.to_string())),
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// A label at the end of a heading or paragraph (`{#name}`, as written) is no text to
/// translate: it becomes a code.
fn split_label(pieces: &mut Vec<Piece>, raw: &str, next_code: &mut u32) {
    let Some(Piece::Text(last)) = pieces.last_mut() else {
        return;
    };
    let Some((rest, label)) = crate::load::markdown::trailing_label(last) else {
        return;
    };
    if !raw.trim_end().ends_with(&format!("{{#{label}}}")) {
        return;
    }
    *last = rest;
    let id = *next_code;
    *next_code += 1;
    pieces.push(Piece::Code {
        id,
        markdown: format!(" {{#{label}}}"),
    });
}

/// Text as Markdown that reads back as that text: the characters that would begin markup
/// escaped, line ends as spaces.
pub fn escape_markdown(text: &str, at_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace(['\n', '\r'], " ");
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let first = at_start && out.trim().is_empty();
        let escape = matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '~'
                | '|'
                | '#'
                | '!'
                | '&'
                | '{'
                | '}'
        ) || (first && matches!(c, '-' | '+' | '='))
            || (matches!(c, '.' | ')')
                && at_start
                && chars[..i]
                    .iter()
                    .all(|d| d.is_ascii_digit() || d.is_whitespace())
                && i > 0);
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Pieces as Markdown.
pub fn to_markdown(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                let at_start = out.is_empty();
                out.push_str(&escape_markdown(text, at_start));
            }
            Piece::Open { markdown, .. }
            | Piece::Close { markdown, .. }
            | Piece::Code { markdown, .. } => out.push_str(markdown),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "---\ntype: country-input\ntitle: Digital \"progress\"\nindicators:\n  users: {value: 90.9, year: 2021, source: ITU}\n---\n## Priorities {#kaz-p}\n\nThe *state* programme [link](https://x.org) works.[^n] Code `a*b`.\n\n- item one\n- item **two**\n\n| A | B |\n|---|---|\n| 1 | cell |\n\n[^n]: A note.\n";

    #[test]
    fn a_file_is_cut_into_units_with_their_places() {
        let units = units(TEXT);
        let kinds: Vec<&str> = units.iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "title",
                "source.users",
                "heading",
                "paragraph",
                "item",
                "item",
                "cell",
                "cell",
                "cell",
                "note"
            ]
        );
        // Each span holds the unit's text as written.
        let written: Vec<&str> = units.iter().map(|u| &TEXT[u.span.clone()]).collect();
        assert_eq!(written[0], "Digital \"progress\"");
        assert_eq!(written[1], "ITU");
        assert_eq!(written[2], "Priorities {#kaz-p}");
        assert_eq!(
            written[3],
            "The *state* programme [link](https://x.org) works.[^n] Code `a*b`."
        );
        assert_eq!(written[5], "item **two**");
        assert_eq!(written[8], "cell");
        assert_eq!(written[9], "A note.");
        assert_eq!(units[0].plain(), "Digital \"progress\"");
        assert_eq!(units[3].plain(), "The state programme link works. Code .");
        assert_eq!(
            to_markdown(&units[3].pieces),
            "The *state* programme [link](<https://x.org>) works.[^n] Code `a*b`."
        );
        assert_eq!(to_markdown(&units[2].pieces), "Priorities {#kaz-p}");
        // A cell of digits only has nothing to translate.
        assert!(!written.contains(&"1"));
    }

    #[test]
    fn text_is_escaped_so_it_reads_back_as_typed() {
        assert_eq!(
            escape_markdown("a *b* [c] #d {#e}", false),
            "a \\*b\\* \\[c\\] \\#d \\{\\#e\\}"
        );
        assert_eq!(escape_markdown("1. first", true), "1\\. first");
        assert_eq!(escape_markdown("- dash", true), "\\- dash");
        assert_eq!(escape_markdown("a - b", true), "a - b");
    }
}
