//! The Markdown emitter: a Word document's blocks to the Markdown our loader reads
//! (CommonMark with GitHub tables, footnotes, strikethrough and autolinks, as comrak parses
//! it with the options of `crate::load::markdown`).
//!
//! Every character the expert typed must come back as typed: text is escaped wherever
//! Markdown could read it as syntax, and every run of marked text (bold, italic, strike) is
//! checked by parsing it back; if the delimiters would not be read as intended (CommonMark's
//! flanking rules are subtle next to punctuation), the marks give way, never the text.

use std::collections::HashMap;

use super::word::{Block, Inline, Marks, WordDocument};

/// Writes `blocks` (the whole body or a part the importer chose) as Markdown, with the
/// footnotes they reference numbered 1, 2, … in order of first reference and defined at the
/// end. `image_path` gives the path to write for a media id; an image without one is left
/// out. Heading levels are written as given (the caller normalizes them).
pub fn to_markdown(
    doc: &WordDocument,
    blocks: &[Block],
    image_path: &dyn Fn(u32) -> Option<String>,
) -> String {
    let mut writer = Writer {
        doc,
        image_path,
        notes: Vec::new(),
        numbers: HashMap::new(),
    };
    let mut chunks = writer.blocks(blocks);
    // Notes referenced from notes are numbered as they are met, after the body's.
    let mut next = 0;
    while let Some(&id) = writer.notes.get(next) {
        next += 1;
        let content = doc.notes.get(&id).map(Vec::as_slice).unwrap_or_default();
        let body = writer.blocks(content).join("\n\n");
        let mut definition = format!("[^{next}]: ");
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                definition.push('\n');
                if !line.is_empty() {
                    definition.push_str("    ");
                }
            }
            definition.push_str(line);
        }
        chunks.push(definition);
    }
    let mut out = chunks.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

struct Writer<'d> {
    doc: &'d WordDocument,
    image_path: &'d dyn Fn(u32) -> Option<String>,
    /// Note ids in order of first reference; a note's number is its index + 1.
    notes: Vec<u32>,
    numbers: HashMap<u32, usize>,
}

/// How a line break inside inline content is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// A hard line break (backslash, newline).
    Hard,
    /// A space: headings and table cells are one line.
    Space,
}

/// Content controls add nothing to the Markdown: their content is written in their place.
fn flatten_blocks<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
    for block in blocks {
        match block {
            Block::Control { content, .. } => flatten_blocks(content, out),
            block => out.push(block),
        }
    }
}

/// One level of an open Markdown list.
struct ListLevel {
    word_level: u8,
    list: u32,
    ordered: bool,
    /// The marker character: `-` or `*` for bullets, `.` or `)` after numbers; a list that
    /// directly follows another at its depth takes the other one, so the two stay apart.
    marker: char,
    number: u32,
    /// The column of this level's markers.
    indent: usize,
    /// The column of the last item's content, where a nested list's markers go.
    content: usize,
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block]) -> Vec<String> {
        let mut flat = Vec::new();
        flatten_blocks(blocks, &mut flat);
        let mut chunks = Vec::new();
        let mut i = 0;
        while let Some(block) = flat.get(i) {
            match block {
                Block::ListItem { .. } => {
                    let start = i;
                    while matches!(flat.get(i), Some(Block::ListItem { .. })) {
                        i += 1;
                    }
                    let list = self.list(flat.get(start..i).unwrap_or_default());
                    if !list.is_empty() {
                        chunks.push(list);
                    }
                    continue;
                }
                Block::Heading { level, content } => {
                    let text = self.inlines(content, Breaks::Space);
                    if !text.is_empty() {
                        chunks.push(format!(
                            "{} {text}",
                            "#".repeat(usize::from((*level).clamp(1, 6)))
                        ));
                    }
                }
                Block::Paragraph { content, .. } => {
                    let text = self.inlines(content, Breaks::Hard);
                    if !text.is_empty() {
                        chunks.push(text);
                    }
                }
                Block::Table(table) => {
                    let text = self.table(table);
                    if !text.is_empty() {
                        chunks.push(text);
                    }
                }
                Block::Control { .. } => {}
            }
            i += 1;
        }
        chunks
    }

    fn list(&mut self, items: &[&Block]) -> String {
        let mut lines: Vec<String> = Vec::new();
        let mut stack: Vec<ListLevel> = Vec::new();
        for item in items {
            let Block::ListItem {
                list,
                level,
                ordered,
                start,
                content,
            } = item
            else {
                continue;
            };
            while stack.last().is_some_and(|top| top.word_level > *level) {
                stack.pop();
            }
            let same = stack.last().is_some_and(|top| {
                top.word_level == *level
                    && top.ordered == *ordered
                    && (stack.len() > 1 || top.list == *list)
            });
            if !same {
                // A new list: at the depth of the one it replaces, or one deeper.
                let replaced = match stack.last() {
                    Some(top) if top.word_level == *level => stack.pop(),
                    _ => None,
                };
                let indent = match (&replaced, stack.last()) {
                    (Some(old), _) => old.indent,
                    (None, Some(parent)) => parent.content,
                    (None, None) => 0,
                };
                let marker = match (&replaced, ordered) {
                    (Some(old), true) if old.ordered && old.marker == '.' => ')',
                    (Some(old), false) if !old.ordered && old.marker == '-' => '*',
                    (_, true) => '.',
                    (_, false) => '-',
                };
                stack.push(ListLevel {
                    word_level: *level,
                    list: *list,
                    ordered: *ordered,
                    marker,
                    number: (*start).min(999_999_999),
                    indent,
                    content: indent,
                });
            }
            let text = self.inlines(content, Breaks::Hard);
            let Some(top) = stack.last_mut() else {
                continue;
            };
            let marker = if top.ordered {
                let marker = format!("{}{}", top.number, top.marker);
                top.number = (top.number + 1).min(999_999_999);
                marker
            } else {
                top.marker.to_string()
            };
            top.content = top.indent + marker.chars().count() + 1;
            let continuation = format!("\n{}", " ".repeat(top.content));
            let line = format!(
                "{}{marker} {}",
                " ".repeat(top.indent),
                text.replace('\n', &continuation)
            );
            lines.push(line.trim_end_matches(' ').to_string());
        }
        lines.join("\n")
    }

    fn table(&mut self, table: &super::word::Table) -> String {
        let columns = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if columns == 0 {
            return String::new();
        }
        let mut lines = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            let mut cells: Vec<String> = row
                .cells
                .iter()
                .map(|cell| self.cell(&cell.content))
                .collect();
            cells.resize(columns, String::new());
            lines.push(format!("| {} |", cells.join(" | ")));
            if i == 0 {
                lines.push(format!("|{}", " --- |".repeat(columns)));
            }
        }
        lines.join("\n")
    }

    /// A cell's blocks on one line: paragraphs joined by a space, list items by "; ", nested
    /// tables' cells by "; ".
    fn cell(&mut self, blocks: &[Block]) -> String {
        let mut flat = Vec::new();
        flatten_blocks(blocks, &mut flat);
        let mut out = String::new();
        let mut last_item = false;
        for block in flat {
            let (text, item) = match block {
                Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                    (self.inlines(content, Breaks::Space), false)
                }
                Block::ListItem { content, .. } => (self.inlines(content, Breaks::Space), true),
                Block::Table(table) => {
                    let cells: Vec<String> = table
                        .rows
                        .iter()
                        .flat_map(|row| &row.cells)
                        .map(|cell| self.cell(&cell.content))
                        .filter(|text| !text.is_empty())
                        .collect();
                    (cells.join("; "), true)
                }
                Block::Control { .. } => continue,
            };
            if text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str(if item && last_item { "; " } else { " " });
            }
            out.push_str(&text);
            last_item = item;
        }
        out
    }

    /// Inline content as Markdown, without leading or trailing white space.
    fn inlines(&mut self, content: &[Inline], breaks: Breaks) -> String {
        let mut flat = Vec::new();
        flatten_inlines(content, &mut flat);
        let mut out = String::new();
        let mut run: Vec<(char, Marks)> = Vec::new();
        let mut line_start = true;
        for inline in flat {
            match inline {
                Inline::Text { text, marks } => {
                    run.extend(text.chars().filter_map(|c| clean(c).map(|c| (c, *marks))));
                }
                Inline::LineBreak if breaks == Breaks::Space => run.push((' ', Marks::default())),
                Inline::LineBreak => {
                    self.flush(&mut run, &mut out, line_start);
                    let kept = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(kept);
                    // A break at the very start of a paragraph has nothing to break.
                    if !out.is_empty() && !out.ends_with('\n') {
                        out.push_str("\\\n");
                    }
                    line_start = true;
                }
                Inline::Link { url, content } => {
                    let text = self.inlines(content, Breaks::Space);
                    if text.is_empty() {
                        continue;
                    }
                    self.flush(&mut run, &mut out, line_start);
                    line_start = false;
                    out.push_str(&format!("[{text}]({})", destination(url)));
                }
                Inline::Note(id) => {
                    let Some(k) = self.note(*id) else {
                        continue;
                    };
                    self.flush(&mut run, &mut out, line_start);
                    line_start = false;
                    out.push_str(&format!("[^{k}]"));
                }
                Inline::Image { media, alt } => {
                    let Some(path) = (self.image_path)(*media) else {
                        continue;
                    };
                    self.flush(&mut run, &mut out, line_start);
                    line_start = false;
                    let alt: Vec<(char, Marks)> = alt
                        .chars()
                        .filter_map(|c| clean(c).map(|c| (c, Marks::default())))
                        .collect();
                    out.push_str(&format!(
                        "![{}]({})",
                        escape(&alt, false),
                        destination(&path)
                    ));
                }
                Inline::Control { .. } => {}
            }
        }
        self.flush(&mut run, &mut out, line_start);
        let end = out.trim_end_matches([' ', '\t']).len();
        out.truncate(end);
        // A trailing hard break (`\` at the end of the content) would be literal text.
        while out.ends_with("\\\n") {
            out.truncate(out.len() - 2);
        }
        out.trim_start_matches([' ', '\t']).to_string()
    }

    /// Writes a run of text, `line_start` when it begins a line (its leading white space is
    /// dropped: Markdown would drop it, or read four spaces as code).
    fn flush(&self, run: &mut Vec<(char, Marks)>, out: &mut String, line_start: bool) {
        if run.is_empty() {
            return;
        }
        let mut chars = std::mem::take(run);
        if line_start || out.ends_with('\n') {
            let skip = chars
                .iter()
                .take_while(|(c, _)| *c == ' ' || *c == '\t')
                .count();
            chars.drain(..skip);
        }
        out.push_str(&marked(&chars));
    }

    fn note(&mut self, id: u32) -> Option<usize> {
        if let Some(k) = self.numbers.get(&id) {
            return Some(*k);
        }
        if self.doc.notes.get(&id).is_none_or(Vec::is_empty) {
            return None;
        }
        self.notes.push(id);
        let k = self.notes.len();
        self.numbers.insert(id, k);
        Some(k)
    }
}

/// Run-level controls written as their content, links that are no links (an address that is
/// not http, https or mailto) as their text.
fn flatten_inlines<'a>(content: &'a [Inline], out: &mut Vec<&'a Inline>) {
    for inline in content {
        match inline {
            Inline::Control { content, .. } => flatten_inlines(content, out),
            Inline::Link { url, content } if !linkable(url) => flatten_inlines(content, out),
            inline => out.push(inline),
        }
    }
}

/// Only web and mail addresses become links, as in the documents; a bare scheme is text.
fn linkable(url: &str) -> bool {
    crate::model::numbers::is_web_or_mail_url(url)
        && !["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| url.trim().eq_ignore_ascii_case(scheme))
}

/// A link or image destination: bare when it is plain (`../media/x.png`), as people write
/// them, else between angle brackets with `<`, `>`, `|`, `\\` and spaces percent-encoded.
fn destination(url: &str) -> String {
    let plain = !url.is_empty()
        && url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~/:?#@!$&'*+,;=%".contains(c));
    if plain {
        return url.to_string();
    }
    format!("<{}>", encoded(url))
}

fn encoded(url: &str) -> String {
    let mut out = String::new();
    for c in url.trim().chars() {
        match c {
            '<' | '>' | '|' | '\\' | ' ' => out.push_str(&format!("%{:02X}", u32::from(c))),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A character as it goes into Markdown text: line ends and tabs as spaces, other control
/// characters dropped.
fn clean(c: char) -> Option<char> {
    match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Escapes text so that Markdown reads it literally. `line_start`: the text begins a line
/// (after any leading spaces), where `-`, `+`, `=`, `>` and `1.` would begin a block.
fn escape(chars: &[(char, Marks)], line_start: bool) -> String {
    let mut out = String::new();
    let first = chars.iter().position(|(c, _)| *c != ' ');
    // At the start of a line, digits followed by `.` or `)` would begin an ordered list.
    let list_dot = first.and_then(|f| {
        let digits = chars
            .get(f..)?
            .iter()
            .take_while(|(c, _)| c.is_ascii_digit())
            .count();
        let at = f + digits;
        (digits > 0 && matches!(chars.get(at), Some(('.' | ')', _)))).then_some(at)
    });
    let needs: Vec<bool> = chars
        .iter()
        .enumerate()
        .map(|(i, (c, marks))| {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p));
            let next = chars.get(i + 1);
            match c {
                '\\' | '`' | '*' | '[' | ']' | '<' | '~' | '|' | '#' => true,
                // Inside a word, between letters of the same formatting, `_` cannot begin or
                // end emphasis: `snake_case` stays readable.
                '_' => {
                    !(prev.is_some_and(|(p, m)| p.is_alphanumeric() && m == marks)
                        && next.is_some_and(|(n, m)| n.is_alphanumeric() && m == marks))
                }
                // `&amp;`, `&#38;`: an entity.
                '&' => next.is_some_and(|(n, _)| n.is_ascii_alphanumeric() || *n == '#'),
                '-' | '+' | '=' | '>' => line_start && Some(i) == first,
                '.' | ')' => line_start && Some(i) == list_dot,
                _ => false,
            }
        })
        .collect();
    // The autolink extension reads `http://…` and `www.…` from the raw text up to the next
    // white space, backslashes included: where such an address holds an escaped character,
    // the address is kept from being a link (`http\://`, `www\.`), so that it prints as
    // typed.
    let mut breaks = vec![false; chars.len()];
    let is = |at: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(at + k).is_some_and(|(d, _)| *d == c))
    };
    let escaped_until_space = |from: usize| {
        (from..chars.len())
            .take_while(|k| chars.get(*k).is_some_and(|(c, _)| !c.is_ascii_whitespace()))
            .any(|k| needs.get(k).copied().unwrap_or(false))
    };
    for i in 0..chars.len() {
        if is(i, "://")
            && i > 0
            && chars
                .get(i - 1)
                .is_some_and(|(c, _)| c.is_ascii_alphabetic())
        {
            let scheme = (0..i)
                .rev()
                .take_while(|k| chars.get(*k).is_some_and(|(c, _)| c.is_ascii_alphabetic()))
                .last()
                .unwrap_or(i);
            if escaped_until_space(scheme)
                && let Some(b) = breaks.get_mut(i)
            {
                *b = true;
            }
        }
        if is(i, "www.")
            && escaped_until_space(i)
            && let Some(b) = breaks.get_mut(i + 3)
        {
            *b = true;
        }
    }
    for (i, (c, _)) in chars.iter().enumerate() {
        if needs.get(i).copied().unwrap_or(false) || breaks.get(i).copied().unwrap_or(false) {
            out.push('\\');
        }
        out.push(*c);
    }
    out
}

/// The marks' delimiters, in the order they are opened: the outermost first.
const ORDER: [&str; 3] = ["~~", "**", "*"];

/// Mark `k` of [`ORDER`].
fn mark(marks: &Marks, k: usize) -> bool {
    match k {
        0 => marks.strike,
        1 => marks.bold,
        _ => marks.italic,
    }
}

fn clear_mark(marks: &mut Marks, k: usize) {
    match k {
        0 => marks.strike = false,
        1 => marks.bold = false,
        _ => marks.italic = false,
    }
}

/// A run of text with its marks, as Markdown: escaped, with delimiters only where parsing it
/// back gives the same text with the same marks (checked); otherwise with fewer marks.
fn marked(chars: &[(char, Marks)]) -> String {
    if chars.iter().all(|(_, m)| *m == Marks::default()) {
        return escape(chars, true);
    }
    let mut adjusted = chars.to_vec();
    // White space at the edges of a mark goes outside it (`** x**` is not bold).
    for k in 0..ORDER.len() {
        trim_marks(&mut adjusted, k, char::is_whitespace);
    }
    let text = delimit(&adjusted);
    if reads_as(&text, &adjusted) {
        return text;
    }
    // Next to punctuation a delimiter may neither open nor close: move punctuation at a
    // mark's edges outside it.
    for k in 0..ORDER.len() {
        trim_marks(&mut adjusted, k, |c| !c.is_alphanumeric());
    }
    let text = delimit(&adjusted);
    if reads_as(&text, &adjusted) {
        return text;
    }
    let plain: Vec<(char, Marks)> = chars.iter().map(|(c, _)| (*c, Marks::default())).collect();
    escape(&plain, true)
}

/// Clears the mark `get` from characters matching `edge` at both ends of each stretch of
/// characters that have it.
fn trim_marks(chars: &mut [(char, Marks)], k: usize, edge: fn(char) -> bool) {
    let get = |m: &Marks| mark(m, k);
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(|(_, m)| get(m)) {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|(_, m)| get(m)) {
            i += 1;
        }
        let (mut a, mut b) = (start, i);
        while a < b && chars.get(a).is_some_and(|(c, _)| edge(*c)) {
            a += 1;
        }
        while b > a && chars.get(b - 1).is_some_and(|(c, _)| edge(*c)) {
            b -= 1;
        }
        for (at, item) in chars.iter_mut().enumerate().take(i).skip(start) {
            if at < a || at >= b {
                clear_mark(&mut item.1, k);
            }
        }
    }
}

/// Writes the run with delimiters, opening and closing marks as a stack.
fn delimit(chars: &[(char, Marks)]) -> String {
    let mut out = String::new();
    let mut open: Vec<usize> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i <= chars.len() {
        let marks = chars.get(i).map(|(_, m)| *m).unwrap_or_default();
        let current = chars.get(start).map(|(_, m)| *m);
        if i < chars.len() && Some(marks) == current {
            i += 1;
            continue;
        }
        // Write the stretch start..i, with its marks opened.
        if let Some(current) = current
            && start < i
        {
            // Close what the stretch does not have, from the innermost out.
            while let Some(&top) = open.last() {
                if open.iter().all(|&k| mark(&current, k)) {
                    break;
                }
                out.push_str(ORDER.get(top).copied().unwrap_or_default());
                open.pop();
            }
            for (k, delimiter) in ORDER.iter().enumerate() {
                if mark(&current, k) && !open.contains(&k) {
                    out.push_str(delimiter);
                    open.push(k);
                }
            }
            let line_start = start == 0;
            out.push_str(&escape(chars.get(start..i).unwrap_or_default(), line_start));
        }
        if i == chars.len() {
            break;
        }
        start = i;
    }
    while let Some(top) = open.pop() {
        out.push_str(ORDER.get(top).copied().unwrap_or_default());
    }
    out
}

/// Whether comrak reads `markdown` (one run) as exactly `chars`: the same text, and the same
/// marks on every character that is not white space.
fn reads_as(markdown: &str, chars: &[(char, Marks)]) -> bool {
    let Some(parsed) = parse_run(markdown) else {
        return false;
    };
    let expected: Vec<(char, Marks)> = trim_spaces(chars);
    let parsed = trim_spaces(&parsed);
    expected.len() == parsed.len()
        && expected
            .iter()
            .zip(&parsed)
            .all(|((c, m), (d, n))| c == d && (c.is_whitespace() || m == n))
}

fn trim_spaces(chars: &[(char, Marks)]) -> Vec<(char, Marks)> {
    let start = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let end = chars.len() - chars.iter().rev().take_while(|(c, _)| *c == ' ').count();
    chars
        .get(start..end.max(start))
        .unwrap_or_default()
        .to_vec()
}

/// The loader's parsing options, which the Markdown written must read back under.
pub(crate) fn options() -> comrak::Options<'static> {
    crate::load::markdown::options()
}

/// The characters of one run of Markdown with their marks, `None` if it is more than a
/// paragraph of text and marks.
fn parse_run(markdown: &str) -> Option<Vec<(char, Marks)>> {
    use comrak::nodes::{AstNode, NodeValue};
    fn walk<'a>(node: &'a AstNode<'a>, marks: Marks, out: &mut Vec<(char, Marks)>) -> Option<()> {
        let mut marks = marks;
        match &node.data().value {
            NodeValue::Document | NodeValue::Paragraph | NodeValue::Link(_) => {}
            NodeValue::Text(text) => {
                out.extend(text.chars().map(|c| (c, marks)));
                return Some(());
            }
            NodeValue::Strong => marks.bold = true,
            NodeValue::Emph => marks.italic = true,
            NodeValue::Strikethrough => marks.strike = true,
            _ => return None,
        }
        for child in node.children() {
            walk(child, marks, out)?;
        }
        Some(())
    }
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options());
    let mut out = Vec::new();
    walk(root, Marks::default(), &mut out)?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use comrak::nodes::{AstNode, ListType, NodeValue};
    use proptest::prelude::*;

    use super::*;
    use crate::import::word::tests::{marked as with, para, text};
    use crate::import::word::{Cell, Row, Table};

    fn item(list: u32, level: u8, ordered: bool, start: u32, s: &str) -> Block {
        Block::ListItem {
            list,
            level,
            ordered,
            start,
            content: vec![text(s)],
        }
    }

    fn write(doc: &WordDocument) -> String {
        to_markdown(doc, &doc.body, &|id| Some(format!("media/image{id}.png")))
    }

    /// The document's text as comrak reads it: text nodes, line breaks as newlines, blocks
    /// separated by newlines.
    fn plain(markdown: &str) -> String {
        fn walk<'a>(node: &'a AstNode<'a>, out: &mut String) {
            match &node.data().value {
                NodeValue::Text(t) => out.push_str(t),
                NodeValue::Code(c) => out.push_str(&c.literal),
                NodeValue::SoftBreak | NodeValue::LineBreak => out.push('\n'),
                NodeValue::HtmlInline(h) => out.push_str(&format!("<html:{h}>")),
                _ => {}
            }
            for child in node.children() {
                walk(child, out);
            }
            if node.data().value.block() && !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
        }
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, markdown, &options());
        let mut out = String::new();
        walk(root, &mut out);
        out.trim_end_matches('\n').to_string()
    }

    /// The structure comrak reads, as nested S-expressions.
    fn tree(markdown: &str) -> String {
        fn walk<'a>(node: &'a AstNode<'a>, out: &mut String) {
            let value = &node.data().value;
            let head = match value {
                NodeValue::Text(t) => return out.push_str(&format!("{t:?} ")),
                NodeValue::LineBreak => return out.push_str("br "),
                NodeValue::Heading(h) => format!("h{}", h.level),
                NodeValue::List(l) => match l.list_type {
                    ListType::Bullet => "ul".to_string(),
                    ListType::Ordered => format!("ol{}", l.start),
                },
                NodeValue::Link(l) => format!("link {}", l.url),
                NodeValue::Image(l) => format!("img {}", l.url),
                NodeValue::FootnoteReference(f) => format!("ref {}", f.name),
                NodeValue::FootnoteDefinition(f) => format!("note {}", f.name),
                NodeValue::TableRow(true) => "th".to_string(),
                NodeValue::TableRow(false) => "tr".to_string(),
                NodeValue::TableCell => "td".to_string(),
                NodeValue::Document => String::new(),
                other => other.xml_node_name().to_string(),
            };
            out.push_str(&format!("({head} "));
            for child in node.children() {
                walk(child, out);
            }
            out.push_str(") ");
        }
        let arena = comrak::Arena::new();
        let root = comrak::parse_document(&arena, markdown, &options());
        let mut out = String::new();
        walk(root, &mut out);
        out.replace(" )", ")").trim().to_string()
    }

    #[test]
    fn structure_round_trip() {
        let mut notes = BTreeMap::new();
        notes.insert(
            7,
            vec![
                para(vec![text("First paragraph.")]),
                para(vec![text("Second | one.")]),
            ],
        );
        let body = vec![
            Block::Heading {
                level: 2,
                content: vec![text("Scope #1")],
            },
            para(vec![
                text("Plain "),
                with("bold", true, false, false),
                text(", "),
                with("italic ", false, true, false),
                with("both", true, true, false),
                text(" and "),
                with("gone", false, false, true),
                text("."),
                Inline::Note(7),
            ]),
            para(vec![
                text("See "),
                Inline::Link {
                    url: "https://unece.org/a b".into(),
                    content: vec![text("UNECE")],
                },
                text(" or "),
                Inline::Link {
                    url: "file:///c:/x".into(),
                    content: vec![text("a file")],
                },
                Inline::LineBreak,
                text("next line"),
            ]),
            item(1, 0, false, 1, "apples"),
            item(1, 1, true, 1, "first"),
            item(1, 1, true, 1, "second"),
            item(1, 0, false, 1, "pears"),
            para(vec![text("Between.")]),
            item(2, 0, true, 3, "three"),
            item(2, 0, true, 3, "four"),
            Block::Table(Table {
                rows: vec![
                    Row {
                        header: true,
                        cells: vec![
                            Cell {
                                content: vec![para(vec![text("a|b")])],
                                merged: false,
                                control: None,
                            },
                            Cell {
                                content: vec![],
                                merged: false,
                                control: None,
                            },
                        ],
                    },
                    Row {
                        header: false,
                        cells: vec![Cell {
                            content: vec![
                                para(vec![text("one"), Inline::LineBreak, text("two")]),
                                item(3, 0, false, 1, "x"),
                                item(3, 0, false, 1, "y"),
                            ],
                            merged: false,
                            control: Some("tag".into()),
                        }],
                    },
                ],
            }),
            Block::Control {
                tag: "figure".into(),
                content: vec![para(vec![
                    Inline::Image {
                        media: 1,
                        alt: "A [map]".into(),
                    },
                    Inline::Image {
                        media: 2,
                        alt: "none".into(),
                    },
                ])],
            },
        ];
        let doc = WordDocument {
            body,
            notes,
            ..WordDocument::default()
        };
        let markdown = to_markdown(&doc, &doc.body, &|id| {
            (id == 1).then(|| "media/map.png".into())
        });
        let expected = "## Scope \\#1

Plain **bold**, *italic **both*** and ~~gone~~.[^1]

See [UNECE](<https://unece.org/a%20b>) or a file\\
next line

- apples
  1. first
  2. second
- pears

Between.

3. three
4. four

| a\\|b |  |
| --- | --- |
| one two x; y |  |

![A \\[map\\]](media/map.png)

[^1]: First paragraph.

    Second \\| one.
";
        assert_eq!(markdown, expected);
        assert_eq!(
            tree(&markdown),
            r#"( (h2 "Scope #1") (paragraph "Plain " (strong "bold") ", " (emph "italic " (strong "both")) " and " (strikethrough "gone") "." (ref 1)) (paragraph "See " (link https://unece.org/a%20b "UNECE") " or a file" br "next line") (ul (item (paragraph "apples") (ol1 (item (paragraph "first")) (item (paragraph "second")))) (item (paragraph "pears"))) (paragraph "Between.") (ol3 (item (paragraph "three")) (item (paragraph "four"))) (table (th (td "a|b") (td)) (tr (td "one two x; y") (td))) (paragraph (img media/map.png "A [map]")) (note 1 (paragraph "First paragraph.") (paragraph "Second | one.")))"#
        );
    }

    #[test]
    fn lists_that_follow_each_other_stay_apart() {
        let doc = WordDocument {
            body: vec![
                item(1, 0, true, 1, "one"),
                item(2, 0, true, 1, "other list"),
                item(3, 0, false, 1, "bullet"),
                item(4, 0, false, 1, "bullet of another"),
                item(4, 2, false, 1, "skipped a level"),
                item(4, 0, true, 10, "ten"),
                item(4, 0, true, 10, "eleven"),
                item(4, 1, false, 1, "under eleven"),
            ],
            ..WordDocument::default()
        };
        let markdown = write(&doc);
        assert_eq!(
            markdown,
            "1. one\n1) other list\n- bullet\n* bullet of another\n  - skipped a level\n10. ten\n11. eleven\n    - under eleven\n"
        );
        assert_eq!(
            tree(&markdown),
            r#"( (ol1 (item (paragraph "one"))) (ol1 (item (paragraph "other list"))) (ul (item (paragraph "bullet"))) (ul (item (paragraph "bullet of another") (ul (item (paragraph "skipped a level"))))) (ol10 (item (paragraph "ten")) (item (paragraph "eleven") (ul (item (paragraph "under eleven"))))))"#
        );
    }

    #[test]
    fn marks_next_to_punctuation_and_spaces() {
        let cases: Vec<(Vec<Inline>, &str, &str)> = vec![
            (
                vec![text("a"), with(" b ", true, false, false), text("c")],
                "a **b** c",
                r#"( (paragraph "a " (strong "b") " c"))"#,
            ),
            (
                vec![text("x"), with("\"q\"", true, false, false), text("y")],
                "x\"**q**\"y",
                r#"( (paragraph "x\"" (strong "q") "\"y"))"#,
            ),
            (
                vec![
                    with("bold", true, false, false),
                    with("ital", false, true, false),
                ],
                "**bold***ital*",
                r#"( (paragraph (strong "bold") (emph "ital")))"#,
            ),
            (
                vec![
                    with("s", false, false, true),
                    with("b", true, false, false),
                    text("!"),
                ],
                "~~s~~**b**!",
                r#"( (paragraph (strikethrough "s") (strong "b") "!"))"#,
            ),
            (
                vec![with("***", true, false, false)],
                "**\\*\\*\\***",
                r#"( (paragraph (strong "***")))"#,
            ),
        ];
        for (content, expected, structure) in cases {
            let doc = WordDocument {
                body: vec![para(content)],
                ..WordDocument::default()
            };
            let markdown = write(&doc);
            assert_eq!(markdown.trim_end(), expected);
            assert_eq!(tree(&markdown), structure, "{markdown}");
        }
    }

    #[test]
    fn escapes_at_line_starts() {
        for line in [
            "# not a heading",
            "- not a list",
            "+ no",
            "1. no",
            "12) no",
            "> no",
            "=== no",
            "---",
            "    code?",
            "<div>",
            "[x]: /url",
            "[^1]: no",
            "`code`",
            "~~~",
            "| a | b |",
            "&amp; &#35;",
            "*a*",
            "_a_",
            "__init__",
            "\u{a0}nbsp",
            "Привет, мир",
            "a\\",
            "![x](y)",
            "snake_case",
            "www.example.org",
            "http://example.org/a_b*c",
            "a@b.org",
        ] {
            let doc = WordDocument {
                body: vec![para(vec![text(line)])],
                ..WordDocument::default()
            };
            let markdown = write(&doc);
            assert_eq!(plain(&markdown), line.trim_start_matches(' '), "{markdown}");
        }
    }

    fn arbitrary_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\\",
            "`",
            "*",
            "_",
            "[",
            "]",
            "<",
            ">",
            "~",
            "|",
            "!",
            "&",
            "&amp;",
            "&#35;",
            "#",
            "-",
            "+",
            "=",
            "1.",
            "2)",
            "$",
            "^",
            "(",
            ")",
            ":",
            "\"",
            "'",
            ".",
            ",",
            "?",
            "/",
            "@",
            " ",
            "  ",
            "    ",
            "\n",
            "\t",
            "\u{a0}",
            "a",
            "b",
            "z",
            "0",
            "9",
            "Привет",
            "ß",
            "日本",
            "😀",
            "www.",
            "http://",
            "https://x.org",
            "mailto:",
            "ftp",
            "\u{2011}",
            "«",
            "»",
            "—",
            "€",
            "©",
            "_x",
            "x_",
            "**",
            "~~",
            "<b>",
            "-->",
            "`x`",
            "[^1]",
            "[a](b)",
            "|-|",
            "\r",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any text prints literally: Markdown reads back exactly the characters typed
        /// (line ends and tabs as spaces, white space at the ends dropped).
        #[test]
        fn text_prints_literally(s in arbitrary_text()) {
            let doc = WordDocument { body: vec![para(vec![text(&s)])], ..WordDocument::default() };
            let markdown = write(&doc);
            let expected: String = s.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
            let expected = expected.trim_matches(' ');
            prop_assert_eq!(plain(&markdown), expected, "{}", markdown);
        }

        /// In a heading, a list item and a table cell too.
        #[test]
        fn text_prints_literally_everywhere(s in arbitrary_text()) {
            let doc = WordDocument {
                body: vec![
                    Block::Heading { level: 1, content: vec![text(&s)] },
                    item(1, 0, true, 1, &s),
                    Block::Table(Table { rows: vec![Row { header: true, cells: vec![Cell { content: vec![para(vec![text(&s)])], merged: false, control: None }] }] }),
                ],
                ..WordDocument::default()
            };
            let markdown = write(&doc);
            let expected: String = s.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
            let expected = expected.trim_matches(' ');
            let parsed = plain(&markdown);
            let lines: Vec<&str> = parsed.lines().collect();
            if expected.is_empty() {
                prop_assert!(parsed.is_empty(), "{}", markdown);
            } else {
                let cell = expected;
                prop_assert_eq!(lines.first().copied(), Some(expected), "{}", markdown);
                prop_assert_eq!(lines.get(1).copied(), Some(expected), "{}", markdown);
                prop_assert_eq!(lines.get(2).copied().unwrap_or_default(), cell, "{}", markdown);
            }
        }

        /// Marked text keeps its text whatever the marks, and every letter or digit keeps
        /// its marks.
        #[test]
        fn marks_never_cost_text(parts in prop::collection::vec((arbitrary_text(), any::<(bool, bool, bool)>()), 1..6)) {
            let content: Vec<Inline> = parts.iter().map(|(s, (b, i, k))| with(s, *b, *i, *k)).collect();
            let doc = WordDocument { body: vec![para(content)], ..WordDocument::default() };
            let markdown = write(&doc);
            let all: String = parts.iter().map(|(s, _)| s.as_str()).collect();
            let expected: String = all.chars().map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }).collect();
            prop_assert_eq!(plain(&markdown), expected.trim_matches(' '), "{}", markdown);
        }
    }
}
