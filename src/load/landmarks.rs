//! The landmarks of a Markdown text: its headings, paragraphs, list items, tables, pictures
//! and code blocks in order, each with its place in the file, its plain text, its footnotes
//! and (for a table) its cells. Two language versions of one text must have the same
//! landmarks, since the document numbers them alike ([`super::parallel`]).

use std::collections::HashMap;

use comrak::nodes::{AstNode, NodeValue};

use crate::diag::Pos;

/// What kind of landmark, with what the versions must share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LandmarkKind {
    /// A heading at its level as written.
    Heading(u8),
    /// A paragraph (a numbered one, when it stands at the text's top level).
    Paragraph,
    /// A list item at its depth (0 for an item of a top-level list).
    Item(u8),
    Table {
        rows: usize,
        columns: usize,
    },
    /// A picture standing alone, by the file it shows.
    Picture(String),
    /// A note under a table ("Source: …"), which stands with the table, unnumbered.
    TableNote,
    Code,
}

impl LandmarkKind {
    /// The kind in words, for messages: "a paragraph", "a heading".
    pub fn name(&self) -> &'static str {
        match self {
            LandmarkKind::Heading(_) => "a heading",
            LandmarkKind::Paragraph => "a paragraph",
            LandmarkKind::Item(_) => "a list item",
            LandmarkKind::Table { .. } => "a table",
            LandmarkKind::Picture(_) => "a picture",
            LandmarkKind::TableNote => "a note under a table",
            LandmarkKind::Code => "a code block",
        }
    }

    /// The kind as two versions must match it to stand for each other (a heading's level
    /// and a table's size are compared once they are paired).
    pub fn pairs_with(&self, other: &LandmarkKind) -> bool {
        matches!(
            (self, other),
            (LandmarkKind::Heading(_), LandmarkKind::Heading(_))
                | (LandmarkKind::Paragraph, LandmarkKind::Paragraph)
                | (LandmarkKind::Table { .. }, LandmarkKind::Table { .. })
                | (LandmarkKind::Picture(_), LandmarkKind::Picture(_))
                | (LandmarkKind::TableNote, LandmarkKind::TableNote)
                | (LandmarkKind::Code, LandmarkKind::Code)
        ) || matches!((self, other), (LandmarkKind::Item(a), LandmarkKind::Item(b)) if a == b)
    }
}

/// A piece of text with its place: a footnote's, a table cell's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub pos: Pos,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmark {
    pub kind: LandmarkKind,
    pub pos: Pos,
    /// Its plain text, link addresses included (what figures are looked for in).
    pub text: String,
    /// The footnotes its text refers to, in order.
    pub notes: Vec<Placed>,
    /// A table's cells, row by row.
    pub cells: Vec<Placed>,
}

/// The landmarks below `root`; `pos` places a node in the file.
pub(super) fn collect<'c>(
    root: &'c AstNode<'c>,
    pos: &dyn Fn(&'c AstNode<'c>) -> Pos,
) -> Vec<Landmark> {
    let mut notes = HashMap::new();
    for node in root.children() {
        if let NodeValue::FootnoteDefinition(def) = &node.data().value {
            let mut text = String::new();
            for child in node.children() {
                inline_text(child, &mut text, &mut Vec::new());
                text.push(' ');
            }
            notes.insert(
                def.name.clone(),
                Placed {
                    pos: pos(node),
                    text: text.trim().to_string(),
                },
            );
        }
    }
    let mut walker = Walker {
        pos,
        notes,
        out: Vec::new(),
    };
    walker.blocks(root, 0, 0);
    walker.out
}

struct Walker<'p, 'c> {
    pos: &'p dyn Fn(&'c AstNode<'c>) -> Pos,
    notes: HashMap<String, Placed>,
    out: Vec<Landmark>,
}

impl<'c> Walker<'_, 'c> {
    fn landmark(
        &mut self,
        kind: LandmarkKind,
        node: &'c AstNode<'c>,
        text: String,
        refs: Vec<String>,
    ) {
        let notes = refs
            .iter()
            .filter_map(|name| self.notes.get(name).cloned())
            .collect();
        self.out.push(Landmark {
            kind,
            pos: (self.pos)(node),
            text,
            notes,
            cells: Vec::new(),
        });
    }

    /// The blocks below `parent`; `lists` is how many lists they stand in, `depth` how deep
    /// the walk is (bounded as the converter bounds it).
    fn blocks(&mut self, parent: &'c AstNode<'c>, lists: u8, depth: usize) {
        if depth > super::markdown::MAX_NESTING {
            return;
        }
        for node in parent.children() {
            self.block(node, lists, depth);
        }
    }

    fn block(&mut self, node: &'c AstNode<'c>, lists: u8, depth: usize) {
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => {
                let (text, refs) = text_of(node);
                // As the loader reads it: a paragraph after a table (or its notes) that opens
                // with "Source:" or "Note:" stands with the table.
                let after_table = matches!(
                    self.out.last().map(|l| &l.kind),
                    Some(LandmarkKind::Table { .. } | LandmarkKind::TableNote)
                );
                let lower = text.trim_start().to_lowercase();
                let kind = match lone_image(node) {
                    Some(url) => LandmarkKind::Picture(url),
                    None if after_table
                        && super::markdown::NOTE_OPENINGS
                            .iter()
                            .any(|opening| lower.starts_with(opening)) =>
                    {
                        LandmarkKind::TableNote
                    }
                    None => LandmarkKind::Paragraph,
                };
                self.landmark(kind, node, text, refs);
            }
            NodeValue::Heading(heading) => {
                let (text, refs) = text_of(node);
                self.landmark(LandmarkKind::Heading(heading.level), node, text, refs);
            }
            NodeValue::List(_) => {
                for item in node.children() {
                    // The item's own text: its paragraphs; what else it holds (a nested list,
                    // a table) stands after it, one list deeper.
                    let mut text = String::new();
                    let mut refs = Vec::new();
                    for child in item.children() {
                        if matches!(child.data().value, NodeValue::Paragraph) {
                            inline_text(child, &mut text, &mut refs);
                            text.push(' ');
                        }
                    }
                    let text = text.trim().to_string();
                    self.landmark(LandmarkKind::Item(lists), item, text, refs);
                    if depth < super::markdown::MAX_NESTING {
                        for child in item.children() {
                            if !matches!(child.data().value, NodeValue::Paragraph) {
                                self.block(child, lists.saturating_add(1), depth + 1);
                            }
                        }
                    }
                }
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.blocks(node, lists, depth + 1);
            }
            NodeValue::Table(_) => {
                let mut cells = Vec::new();
                let mut refs = Vec::new();
                let mut rows = 0;
                let mut columns = 0;
                for row in node.children() {
                    rows += 1;
                    let mut in_row = 0;
                    for cell in row.children() {
                        in_row += 1;
                        let mut text = String::new();
                        inline_text(cell, &mut text, &mut refs);
                        cells.push(Placed {
                            pos: (self.pos)(cell),
                            text,
                        });
                    }
                    columns = columns.max(in_row);
                }
                self.landmark(
                    LandmarkKind::Table { rows, columns },
                    node,
                    String::new(),
                    refs,
                );
                if let Some(table) = self.out.last_mut() {
                    table.cells = cells;
                }
            }
            NodeValue::CodeBlock(code) => {
                self.landmark(LandmarkKind::Code, node, code.literal.clone(), Vec::new());
            }
            _ => {}
        }
    }
}

/// The plain text of an inline container, and the footnotes it refers to.
fn text_of<'c>(node: &'c AstNode<'c>) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut refs = Vec::new();
    inline_text(node, &mut text, &mut refs);
    (text, refs)
}

/// The image a paragraph holds alone, by its address (a paragraph that is only a picture
/// stands as a figure).
fn lone_image<'c>(paragraph: &'c AstNode<'c>) -> Option<String> {
    let mut children = paragraph.children().filter(
        |child| !matches!(&child.data().value, NodeValue::Text(text) if text.trim().is_empty()),
    );
    let only = children.next()?;
    if children.next().is_some() {
        return None;
    }
    match &only.data().value {
        NodeValue::Image(link) => Some(link.url.clone()),
        _ => None,
    }
}

/// Appends the plain text below `node` to `out` (a link's address after its text), and the
/// names of the footnotes it refers to to `refs`.
fn inline_text<'c>(node: &'c AstNode<'c>, out: &mut String, refs: &mut Vec<String>) {
    for child in node.children() {
        match &child.data().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::FootnoteReference(reference) => refs.push(reference.name.clone()),
            NodeValue::Link(link) => {
                inline_text(child, out, refs);
                out.push(' ');
                out.push_str(&link.url);
                out.push(' ');
            }
            NodeValue::Image(_) => {}
            NodeValue::HtmlInline(_) => {}
            _ => inline_text(child, out, refs),
        }
    }
}
