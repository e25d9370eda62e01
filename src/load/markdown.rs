//! Markdown bodies to the document model.
//!
//! comrak parses CommonMark with the GitHub extensions the contract names (tables, footnotes,
//! strikethrough, autolinks); this module turns its tree into [`Block`]s. Nothing an expert
//! writes is interpreted beyond Markdown: raw HTML is dropped (comments silently, other HTML
//! with a warning), and images go through the caller's resolver, which checks and loads them.

use std::collections::HashMap;

use super::document::is_label;
use super::landmarks::Landmark;
use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options};

use crate::diag::{Diagnostics, Pos};
use crate::model::{Align, Block, Heading, ImageRef, Inline, List, RefKind, Table};

/// How deeply blocks and inlines may nest (quotes in lists in quotes …) before the rest is
/// refused: the model is walked recursively by every writer.
pub const MAX_NESTING: usize = 48;

/// The most footnote references a text may have (each places a copy of its note).
pub const MAX_FOOTNOTE_USES: usize = 2_000;

/// The most footnote names without a definition that are reported for one text.
const MAX_UNDEFINED_FOOTNOTES: usize = 100;

/// The most rows a table may have.
pub const MAX_TABLE_ROWS: usize = 5_000;

/// Resolves an image reference (`src` as written, `alt` text) at a position of the file to a
/// loaded image, reporting problems itself.
pub type ImageResolver<'r> = dyn FnMut(&str, &str, Pos, &mut Diagnostics) -> Option<ImageRef> + 'r;

/// A parsed Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Blocks with the heading levels as written (`##` is 2). Headings stand only at the top
    /// level: one inside a quotation, a list or a footnote is a bold paragraph.
    pub blocks: Vec<Block>,
    /// Words as a reader counts them, footnotes included, comments not.
    pub words: usize,
    /// The file it was read from, relative to the project folder.
    pub file: String,
    /// Its headings, paragraphs, items, tables and pictures with their places, which its
    /// other language versions must share.
    pub landmarks: Vec<Landmark>,
    /// The labels it defines (`{#name}`) and the cross-references it makes (`[](#name)`),
    /// with their places.
    pub labels: Vec<(String, Pos)>,
    pub refs: Vec<(String, Pos)>,
}

/// Parses `text`, whose first line is line `first_line` of `file`.
/// The contract's Markdown: CommonMark with GitHub tables, footnotes, strikethrough and
/// autolinks. Import writes Markdown that these options read back literally.
pub fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.footnotes = true;
    options
}

pub fn parse(
    text: &str,
    first_line: u32,
    file: &str,
    diags: &mut Diagnostics,
    images: &mut ImageResolver<'_>,
) -> Body {
    // comrak's time grows much faster than the input when a line opens thousands of nested
    // containers (`> > > …`, `- - - …`): refuse those before parsing.
    if let Some((index, depth)) = deepest_line(text) {
        let line = first_line + index as u32;
        diags
            .error(file, Pos::new(line, 1), format!(
                "the text is nested more than {MAX_NESTING} levels deep (this line opens {depth} quotes or lists)"
            ))
            .hint("flatten the structure; the text was not read further");
        return Body {
            blocks: Vec::new(),
            words: 0,
            file: file.to_string(),
            landmarks: Vec::new(),
            labels: Vec::new(),
            refs: Vec::new(),
        };
    }
    let options = options();
    // Source positions stay in bytes: comrak's conversion to characters rescans the line for
    // every node, which is quadratic on long lines. `Converter::pos` converts the few
    // positions that a diagnostic reports.

    let arena = Arena::new();
    let root = comrak::parse_document(&arena, text, &options);

    let mut converter = Converter {
        file,
        text,
        line_starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        line_shift: first_line.saturating_sub(1),
        diags,
        images,
        footnotes: HashMap::new(),
        in_footnote: false,
        footnote_uses: 0,
        undefined_footnotes: Default::default(),
        depth_reported: false,
        labels: Vec::new(),
        refs: Vec::new(),
    };
    // Footnote definitions first, so references anywhere can take their content. A reference
    // inside a definition is left out: a footnote cannot hold a footnote (in Word either), and
    // expanding them would let a small file grow exponentially.
    converter.in_footnote = true;
    for node in root.children() {
        if let NodeValue::FootnoteDefinition(def) = &node.data().value {
            let blocks = converter.blocks(node, 1);
            converter.footnotes.insert(def.name.clone(), blocks);
        }
    }
    converter.in_footnote = false;
    let blocks = attach_table_notes(converter.blocks(root, 0));
    let words = count_words(&blocks);
    let landmarks = super::landmarks::collect(root, &|node| converter.pos(node));
    Body {
        blocks,
        words,
        file: file.to_string(),
        landmarks,
        labels: converter.labels,
        refs: converter.refs,
    }
}

/// The words that open a note under a table, as UN tables have them ("Source: …").
pub(crate) const NOTE_OPENINGS: &[&str] = &[
    "source:",
    "sources:",
    "note:",
    "notes:",
    "источник:",
    "источники:",
    "примечание:",
    "примечания:",
];

/// Moves paragraphs that directly follow a table and open with "Source:" or "Note:" into the
/// table's notes, so they stand under the table (smaller, unnumbered) as in UN documents.
fn attach_table_notes(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let (Some(Block::Table(table)), Block::Paragraph { content, .. }) =
            (out.last_mut(), &block)
        {
            let text = Inline::plain_text(content).trim_start().to_lowercase();
            if NOTE_OPENINGS
                .iter()
                .any(|opening| text.starts_with(opening))
            {
                table.notes.push(content.clone());
                continue;
            }
        }
        out.push(block);
    }
    out
}

/// The first line that opens more than [`MAX_NESTING`] block containers (quote markers, list
/// markers) at its start, with how many it opens.
pub(crate) fn deepest_line(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(index, line)| {
        let depth = container_depth(line);
        (depth > MAX_NESTING).then_some((index, depth))
    })
}

/// How many quote or list markers a line opens before its text: `> - 1. text` opens three.
fn container_depth(line: &str) -> usize {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut depth = 0;
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None) => {
                i += 1
            }
            Some(b'0'..=b'9') => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() && i - start < 9 {
                    i += 1;
                }
                if matches!(bytes.get(i), Some(b'.' | b')'))
                    && matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None)
                {
                    i += 1;
                } else {
                    return depth;
                }
            }
            _ => return depth,
        }
        depth += 1;
    }
}

struct Converter<'a, 'r> {
    file: &'a str,
    text: &'a str,
    /// The byte offset of each line's start, to turn byte columns into character columns.
    line_starts: Vec<usize>,
    line_shift: u32,
    diags: &'a mut Diagnostics,
    images: &'a mut ImageResolver<'r>,
    footnotes: HashMap<String, Vec<Block>>,
    /// Whether a footnote definition is being converted.
    in_footnote: bool,
    /// How many footnote references were placed, against [`MAX_FOOTNOTE_USES`].
    footnote_uses: usize,
    /// The names of the footnote references without a definition reported so far.
    undefined_footnotes: std::collections::HashSet<String>,
    depth_reported: bool,
    /// The labels defined (`{#name}`) and referred to (`[](#name)`), with their places.
    labels: Vec<(String, Pos)>,
    refs: Vec<(String, Pos)>,
}

/// `{#name}` at the end of `text` (spaces before it allowed): the text before it, trimmed,
/// and the name.
pub fn trailing_label(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let body = trimmed.strip_suffix('}')?;
    let open = body.rfind("{#")?;
    let name = &body[open + 2..];
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    Some((body[..open].trim_end().to_string(), name.to_string()))
}

impl<'c> Converter<'_, '_> {
    /// The file position of a node, its column counted in characters as editors count them.
    fn pos(&self, node: &'c AstNode<'c>) -> Pos {
        let start = node.data().sourcepos.start;
        let line_start = self
            .line_starts
            .get(start.line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let line_text = &self.text[line_start..];
        let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
        let byte_column = start.column.saturating_sub(1).min(line_text.len());
        let before = line_text.get(..byte_column).unwrap_or(line_text);
        Pos::new(
            start.line as u32 + self.line_shift,
            before.chars().count() as u32 + 1,
        )
    }

    /// The source text of a node, as written.
    fn source_of(&self, node: &'c AstNode<'c>) -> &str {
        let span = node.data().sourcepos;
        let offset = |line: usize, column: usize| -> usize {
            let start = self
                .line_starts
                .get(line.saturating_sub(1))
                .copied()
                .unwrap_or(self.text.len());
            // Byte columns; an end column names the last character's first byte.
            let mut at = (start + column).min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at += 1;
            }
            at
        };
        let from = offset(span.start.line, span.start.column.saturating_sub(1));
        let to = offset(span.end.line, span.end.column);
        let (from, to) = (from.min(to), to);
        // Byte offsets from comrak fall on character boundaries; be safe all the same.
        self.text.get(from..to).unwrap_or("")
    }

    /// A heading's or paragraph's content with its label, `{#name}` at its end, taken off and
    /// put at its start as an anchor (recorded with its place).
    fn labelled(&mut self, node: &'c AstNode<'c>, mut content: Vec<Inline>) -> Vec<Inline> {
        let Some(Inline::Text(last)) = content.last_mut() else {
            return content;
        };
        let Some((rest, label)) = trailing_label(last) else {
            return content;
        };
        // Only as written: `\{#x}` (escaped, as import writes Word text) is text.
        if !self
            .source_of(node)
            .trim_end()
            .ends_with(&format!("{{#{label}}}"))
        {
            return content;
        }
        let pos = self.pos(node);
        if !is_label(&label) {
            self.diags
                .error(self.file, pos, format!("\"{label}\" cannot be a label"))
                .hint("a label is a letter, then letters, digits, - and _, e.g. {#kaz-fibre}");
            return content;
        }
        *last = rest;
        if last.is_empty() {
            content.pop();
        }
        self.labels.push((label.clone(), pos));
        content.insert(0, Inline::Anchor(label));
        content
    }

    /// Reports, once per file, that nesting went too deep. Returns whether it is too deep.
    fn too_deep(&mut self, node: &'c AstNode<'c>, depth: usize) -> bool {
        if depth <= MAX_NESTING {
            return false;
        }
        if !self.depth_reported {
            self.depth_reported = true;
            let pos = self.pos(node);
            self.diags
                .error(self.file, pos, format!("the text is nested more than {MAX_NESTING} levels deep (quotes, lists or emphasis)"))
                .hint("flatten the structure; the deeper part was left out");
        }
        true
    }

    fn blocks(&mut self, parent: &'c AstNode<'c>, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        if self.too_deep(parent, depth) {
            return out;
        }
        for node in parent.children() {
            self.block(node, depth + 1, &mut out);
        }
        out
    }

    fn block(&mut self, node: &'c AstNode<'c>, depth: usize, out: &mut Vec<Block>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => {
                let content = self.inlines(node, depth);
                let content = self.labelled(node, content);
                if let [Inline::Image(image)] = content.as_slice() {
                    out.push(Block::Figure(image.clone()));
                } else if !content.is_empty() {
                    out.push(Block::Paragraph {
                        content,
                        numbered: false,
                    });
                }
            }
            NodeValue::Heading(heading) => {
                let content = self.inlines(node, depth);
                let content = self.labelled(node, content);
                if depth > 1 {
                    // A heading inside a quotation, a list or a footnote belongs to that text,
                    // not to the document's outline: it stays, in bold.
                    out.push(Block::Paragraph {
                        content: vec![Inline::Strong(content)],
                        numbered: false,
                    });
                } else {
                    out.push(Block::Heading(Heading {
                        level: heading.level,
                        content,
                        numbered: true,
                    }));
                }
            }
            NodeValue::List(list) => {
                let start = match list.list_type {
                    ListType::Bullet => None,
                    ListType::Ordered => Some(list.start as u64),
                };
                let items = node
                    .children()
                    .filter(|item| matches!(item.data().value, NodeValue::Item(_)))
                    .map(|item| self.blocks(item, depth))
                    .collect();
                out.push(Block::List(List { start, items }));
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                out.push(Block::Quote(self.blocks(node, depth)));
            }
            NodeValue::CodeBlock(code) => {
                let literal = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
                out.push(Block::CodeBlock(literal.to_string()));
            }
            NodeValue::HtmlBlock(html) => self.raw_html(node, &html.literal),
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::Table(table) => {
                if let Some(table) = self.table(node, &table.alignments, depth) {
                    out.push(Block::Table(table));
                }
            }
            // Taken up front, and placed where they are referenced.
            NodeValue::FootnoteDefinition(_) => {}
            // Anything else block-level that the enabled extensions cannot produce: keep its
            // children so no text is lost.
            _ => out.extend(self.blocks(node, depth)),
        }
    }

    fn table(
        &mut self,
        node: &'c AstNode<'c>,
        alignments: &[TableAlignment],
        depth: usize,
    ) -> Option<Table> {
        let align: Vec<Align> = alignments
            .iter()
            .map(|a| match a {
                TableAlignment::None => Align::None,
                TableAlignment::Left => Align::Left,
                TableAlignment::Center => Align::Center,
                TableAlignment::Right => Align::Right,
            })
            .collect();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let mut cells: Vec<Vec<Inline>> = row
                .children()
                .map(|cell| self.inlines(cell, depth))
                .collect();
            cells.resize(align.len(), Vec::new());
            if is_header {
                header = cells;
            } else {
                if rows.len() == MAX_TABLE_ROWS {
                    let pos = self.pos(row);
                    self.diags
                        .error(
                            self.file,
                            pos,
                            format!("the table has more than {MAX_TABLE_ROWS} rows"),
                        )
                        .hint(
                            "split the table, or put the full data in an annex of its own document",
                        );
                    break;
                }
                rows.push(cells);
            }
        }
        Some(Table {
            align,
            header,
            rows,
            notes: Vec::new(),
        })
    }

    fn raw_html(&mut self, node: &'c AstNode<'c>, literal: &str) {
        let trimmed = literal.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        let pos = self.pos(node);
        let first_line = trimmed.lines().next().unwrap_or_default();
        let shown: String = first_line.chars().take(40).collect();
        self.diags
            .warning(
                self.file,
                pos,
                format!("raw HTML is left out of the document: {shown}"),
            )
            .hint("write it in Markdown; HTML comments (<!-- … -->) are dropped silently");
    }

    fn inlines(&mut self, parent: &'c AstNode<'c>, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        if self.too_deep(parent, depth) {
            return out;
        }
        for node in parent.children() {
            self.inline(node, depth + 1, &mut out);
        }
        self.undefined_footnotes(parent, &out);
        out
    }

    /// Reports each `[^name]` left in the text: comrak reads a reference to a footnote that
    /// has no definition as text, which the document would print as typed.
    fn undefined_footnotes(&mut self, parent: &'c AstNode<'c>, inlines: &[Inline]) {
        for inline in inlines {
            let Inline::Text(text) = inline else { continue };
            let mut rest = text.as_str();
            while let Some(start) = rest.find("[^") {
                let after = &rest[start + 2..];
                let Some(end) = after.find(']') else { break };
                let name = &after[..end];
                rest = &after[end..];
                if name.is_empty() || name.contains(char::is_whitespace) {
                    continue;
                }
                // Once per name, and for a bounded number of names: a text of a million
                // `[^a]` gives one warning, not a million.
                if self.undefined_footnotes.len() >= MAX_UNDEFINED_FOOTNOTES
                    || !self.undefined_footnotes.insert(name.to_string())
                {
                    continue;
                }
                let reference = format!("[^{name}]");
                let pos = self.find_in_node(parent, &reference);
                self.diags
                    .warning(
                        self.file,
                        pos,
                        format!("the footnote {reference} has no definition, so it is printed as typed"),
                    )
                    .hint(format!(
                        "add its text on a line of its own, e.g. at the end of the file: {reference}: The note's text."
                    ));
            }
        }
    }

    /// Where `needle` first stands in the lines `node` spans, else where the node starts.
    fn find_in_node(&self, node: &'c AstNode<'c>, needle: &str) -> Pos {
        let span = node.data().sourcepos;
        for line in span.start.line..=span.end.line {
            let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
                break;
            };
            let text = &self.text[start..];
            let text = &text[..text.find('\n').unwrap_or(text.len())];
            if let Some(at) = text.find(needle) {
                return Pos::new(
                    line as u32 + self.line_shift,
                    text[..at].chars().count() as u32 + 1,
                );
            }
        }
        self.pos(node)
    }

    fn inline(&mut self, node: &'c AstNode<'c>, depth: usize, out: &mut Vec<Inline>) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(text) => push_text(out, &text),
            NodeValue::SoftBreak => out.push(Inline::SoftBreak),
            NodeValue::LineBreak => out.push(Inline::LineBreak),
            NodeValue::Code(code) => out.push(Inline::Code(code.literal.clone())),
            NodeValue::Emph => out.push(Inline::Emph(self.inlines(node, depth))),
            NodeValue::Strong => out.push(Inline::Strong(self.inlines(node, depth))),
            NodeValue::Strikethrough => out.push(Inline::Strike(self.inlines(node, depth))),
            NodeValue::Superscript => out.push(Inline::Superscript(self.inlines(node, depth))),
            NodeValue::Link(link) => {
                let content = self.inlines(node, depth);
                // An empty link to a label, `[](#name)`, is a cross-reference: it prints the
                // number of what the label names.
                match link.url.strip_prefix('#') {
                    Some(label) if content.is_empty() && is_label(label) => {
                        self.refs.push((label.to_string(), self.pos(node)));
                        out.push(Inline::Ref {
                            label: label.to_string(),
                            number: String::new(),
                            kind: RefKind::Unresolved,
                        });
                    }
                    Some(label) if content.is_empty() => {
                        let pos = self.pos(node);
                        self.diags
                            .error(self.file, pos, format!("\"{label}\" cannot be a label"))
                            .hint("a label is a letter, then letters, digits, - and _, e.g. [](#kaz-fibre)");
                    }
                    _ => out.push(Inline::Link {
                        url: link.url.clone(),
                        content,
                    }),
                }
            }
            NodeValue::Image(link) => {
                let written = Inline::plain_text(&self.inlines(node, depth));
                let pos = self.pos(node);
                // Every picture says what it shows, for people who cannot see it (PDF/UA and
                // Word's alt text); one that only decorates says so by its title, and is then
                // left to screen readers as decoration (an empty alternative text).
                let decorative = link.title.trim().eq_ignore_ascii_case("decorative");
                let alt = if decorative {
                    String::new()
                } else {
                    written.trim().to_string()
                };
                if alt.is_empty() && !decorative {
                    self.diags
                        .error(
                            self.file,
                            pos,
                            format!("the picture {} has no alternative text", link.url),
                        )
                        .hint(format!(
                            "say what it shows, for readers who cannot see it: ![Chart of internet users by country]({}); \
                             if it only decorates, mark it: ![]({} \"decorative\")",
                            link.url, link.url
                        ));
                }
                if let Some(image) = (self.images)(&link.url, &alt, pos, self.diags) {
                    out.push(Inline::Image(image));
                }
            }
            NodeValue::FootnoteReference(reference) => {
                let pos = self.pos(node);
                if self.in_footnote {
                    self.diags
                        .warning(self.file, pos, format!("the footnote reference [^{}] inside a footnote is left out", reference.name))
                        .hint("a footnote cannot hold another footnote; write the note's text there instead");
                    return;
                }
                self.footnote_uses += 1;
                if self.footnote_uses > MAX_FOOTNOTE_USES {
                    if self.footnote_uses == MAX_FOOTNOTE_USES + 1 {
                        self.diags
                            .error(
                                self.file,
                                pos,
                                format!(
                                    "the text has more than {MAX_FOOTNOTE_USES} footnote references"
                                ),
                            )
                            .hint("split the contribution or use fewer footnotes");
                    }
                    return;
                }
                let blocks = self
                    .footnotes
                    .get(&reference.name)
                    .cloned()
                    .unwrap_or_default();
                out.push(Inline::Footnote(blocks));
            }
            NodeValue::HtmlInline(html) => self.raw_html(node, &html),
            _ => out.extend(self.inlines(node, depth)),
        }
    }
}

/// Appends text, merging with a preceding text run (comrak splits text at every `[`, `!` …).
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(text);
    } else {
        out.push(Inline::Text(text.to_string()));
    }
}

/// Words as a reader counts them: runs of characters between spaces that hold a letter or digit.
pub fn count_words(blocks: &[Block]) -> usize {
    let mut text = String::new();
    collect_text(blocks, &mut text);
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn collect_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading(Heading { content, .. })
            | Block::Paragraph { content, .. }
            | Block::Byline(content) => collect_inline_text(content, out),
            Block::List(list) => list.items.iter().for_each(|item| collect_text(item, out)),
            Block::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    collect_inline_text(cell, out);
                }
            }
            Block::Quote(blocks) | Block::Lang { blocks, .. } | Block::Inserted(blocks) => {
                collect_text(blocks, out)
            }
            // Words as the text now reads them.
            Block::Deleted(_) => {}
            Block::CodeBlock(code) => {
                out.push(' ');
                out.push_str(code);
            }
            Block::Figure(_) | Block::Chart(_) | Block::Rule => {}
        }
        out.push(' ');
    }
}

fn collect_inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Footnote(blocks) => collect_text(blocks, out),
            other => out.push_str(&Inline::plain_text(std::slice::from_ref(other))),
        }
    }
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn parse_plain(text: &str) -> (Body, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut no_images = |_: &str, _: &str, _: Pos, _: &mut Diagnostics| None;
        let body = parse(text, 10, "sources/x.md", &mut diags, &mut no_images);
        (body, diags)
    }

    #[test]
    fn labels_at_the_end_of_headings_and_paragraphs_and_references() {
        let (body, diags) = parse_plain(
            "## Title {#intro}\n\nSee paragraph [](#fibre) and {#not-a-label} here.\n\n\
             Fibre links. {#fibre}\n\nEscaped \\{\\#kept}\n\n[text](#fibre) stays a link.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let labels: Vec<(String, u32)> = body
            .labels
            .iter()
            .map(|(l, p)| (l.clone(), p.line))
            .collect();
        assert_eq!(
            labels,
            [("intro".to_string(), 10), ("fibre".to_string(), 14)]
        );
        let refs: Vec<(String, u32, u32)> = body
            .refs
            .iter()
            .map(|(l, p)| (l.clone(), p.line, p.col))
            .collect();
        assert_eq!(refs, [("fibre".to_string(), 12, 15)]);
        match &body.blocks[0] {
            Block::Heading(h) => assert_eq!(
                h.content,
                [Inline::Anchor("intro".into()), Inline::Text("Title".into())]
            ),
            other => panic!("{other:?}"),
        }
        let text = |i: usize| match &body.blocks[i] {
            Block::Paragraph { content, .. } => content.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            text(1).contains(&Inline::Text(" and {#not-a-label} here.".into())),
            "{:?}",
            text(1)
        );
        assert_eq!(
            text(2),
            [
                Inline::Anchor("fibre".into()),
                Inline::Text("Fibre links.".into())
            ]
        );
        // Escaped, it is the text typed.
        assert_eq!(text(3), [Inline::Text("Escaped {#kept}".into())]);
        assert!(matches!(text(4)[0], Inline::Link { .. }));
        // A name that cannot be a label is reported.
        let (_, diags) = parse_plain("Text {#9lives}\n");
        assert_eq!(diags.iter().count(), 1);
    }

    #[test]
    fn a_footnote_without_definition_is_reported_where_it_was_typed() {
        let (body, diags) = parse_plain(
            "Para *one*.[^ok] and\nthe council.[^missing] Also [^not a note] and `[^code]`.\n\nAgain [^missing].\n\n[^ok]: Fine.\n",
        );
        let found: Vec<String> = diags
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            found,
            ["11:13: the footnote [^missing] has no definition, so it is printed as typed"]
        );
        assert_eq!(body.blocks.len(), 2);
    }

    #[test]
    fn headings_inside_quotes_lists_and_footnotes_are_bold_paragraphs() {
        let (body, diags) =
            parse_plain("# Top\n\n> ## Quoted\n\n- ### Listed\n\nNote.[^1]\n\n[^1]: ### Noted\n");
        assert!(diags.is_empty(), "{diags:?}");
        let bold = |blocks: &[Block], text: &str| {
            matches!(blocks, [Block::Paragraph { content, .. }]
                if content == &vec![Inline::Strong(vec![Inline::Text(text.into())])])
        };
        let b = &body.blocks;
        assert!(matches!(&b[0], Block::Heading(h) if h.level == 1));
        assert!(
            matches!(&b[1], Block::Quote(q) if bold(q, "Quoted")),
            "{:?}",
            b[1]
        );
        assert!(
            matches!(&b[2], Block::List(l) if bold(&l.items[0], "Listed")),
            "{:?}",
            b[2]
        );
        assert!(
            matches!(&b[3], Block::Paragraph { content, .. }
                if matches!(&content[1], Inline::Footnote(note) if bold(note, "Noted"))),
            "{:?}",
            b[3]
        );
    }

    #[test]
    fn converts_gfm_constructs() {
        let (body, diags) = parse_plain(
            "## Priorities\n\nText with *emphasis*, **strong**, ~~gone~~ and `code`.[^1]\n\n\
             - one\n- two\n\n3. three\n\n| A | B |\n|:--|--:|\n| 1 | 2 |\n\n[^1]: A note.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let b = &body.blocks;
        assert_eq!(b.len(), 5, "{b:#?}");
        assert!(matches!(&b[0], Block::Heading(h) if h.level == 2));
        match &b[1] {
            Block::Paragraph { content, .. } => {
                assert!(content.contains(&Inline::Emph(vec![Inline::Text("emphasis".into())])));
                assert!(content.contains(&Inline::Strike(vec![Inline::Text("gone".into())])));
                assert!(content.contains(&Inline::Code("code".into())));
                assert!(
                    matches!(content.last(), Some(Inline::Footnote(blocks)) if blocks.len() == 1)
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&b[2], Block::List(l) if l.start.is_none() && l.items.len() == 2));
        assert!(matches!(&b[3], Block::List(l) if l.start == Some(3)));
        match &b[4] {
            Block::Table(t) => {
                assert_eq!(t.align, vec![Align::Left, Align::Right]);
                assert_eq!(t.header.len(), 2);
                assert_eq!(
                    t.rows,
                    vec![vec![
                        vec![Inline::Text("1".into())],
                        vec![Inline::Text("2".into())]
                    ]]
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn drops_comments_silently_and_other_html_with_a_warning_at_the_file_line() {
        let (body, diags) =
            parse_plain("<!-- for experts -->\n\nText <b>bold</b>\n\n<div>x</div>\n");
        let warnings: Vec<_> = diags.sorted();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings.iter().all(|d| d.severity == Severity::Warning));
        assert_eq!(warnings[0].line, 12);
        assert_eq!(warnings[2].line, 14);
        assert_eq!(count_words(&body.blocks), 2);
    }

    #[test]
    fn source_and_note_lines_after_a_table_become_its_notes() {
        let (body, _) = parse_plain(
            "| A |\n|---|\n| 1 |\n\n*Source:* ITU.\n\nNote: estimates.\n\nPlain text again.\n",
        );
        assert_eq!(body.blocks.len(), 2, "{:?}", body.blocks);
        match &body.blocks[0] {
            Block::Table(table) => assert_eq!(table.notes.len(), 2),
            other => panic!("{other:?}"),
        }
        assert!(matches!(&body.blocks[1], Block::Paragraph { .. }));
    }

    #[test]
    fn counts_words_as_a_reader() {
        let (body, _) =
            parse_plain("One two — three.\n\n- four\n- five-six\n\n[^a]\n\n[^a]: seven\n");
        assert_eq!(body.words, 6, "{body:?}");
    }

    #[test]
    fn columns_count_characters_and_long_lines_stay_fast() {
        let (_, diags) = parse_plain("Ünïcödé <span>x</span>\n");
        let warning = diags.iter().next().unwrap();
        assert_eq!((warning.line, warning.column), (10, 9));
        let text = format!("{}\n", "[a](b) ".repeat(42_000));
        let start = std::time::Instant::now();
        let (body, _) = parse_plain(&text);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(body.words, 42_000);
    }

    #[test]
    fn footnotes_in_footnotes_are_left_out_so_a_chain_cannot_explode() {
        let mut text = String::from("Bomb [^f29]\n\n[^f0]: x y\n");
        for k in 1..30 {
            text.push_str(&format!("[^f{k}]: [^f{}] [^f{}]\n", k - 1, k - 1));
        }
        let start = std::time::Instant::now();
        let (body, diags) = parse_plain(&text);
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(body.words < 100, "{}", body.words);
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("inside a footnote is left out"))
        );
        let many = format!("[^a]: note\n\n{}\n", "x[^a] ".repeat(MAX_FOOTNOTE_USES + 5));
        let (_, diags) = parse_plain(&many);
        assert_eq!(diags.error_count(), 1, "{:?}", diags.sorted());
    }

    #[test]
    fn counts_the_containers_a_line_opens() {
        assert_eq!(container_depth("> - 1. text"), 3);
        assert_eq!(container_depth("-not a list"), 0);
        assert_eq!(container_depth("2022. A year"), 1);
        assert_eq!(container_depth("3.5 percent"), 0);
    }

    #[test]
    fn refuses_lines_that_open_thousands_of_containers_quickly() {
        let text = format!("intro\n\n{}x\n", "> ".repeat(130_000));
        let start = std::time::Instant::now();
        let (body, diags) = parse_plain(&text);
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(body.blocks.is_empty());
        let error = diags.iter().next().unwrap();
        assert_eq!(error.line, 12);
        assert!(error.message.contains("130000"), "{}", error.message);
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let text = format!("{}deep\n", "> ".repeat(5_000));
        let (_, diags) = parse_plain(&text);
        assert!(diags.has_errors());
        assert!(diags.iter().next().unwrap().message.contains("nested"));
    }
}
