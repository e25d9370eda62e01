//! The body and the notes: the reader that walks them, paragraphs, runs and hyperlinks here,
//! and by job: [`tables`], [`controls`] (content controls), [`fields`], [`revisions`] (tracked
//! changes) and [`drawings`] (pictures, and what is dropped with a notice).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use roxmltree::Node;

use super::numbering::Numbering;
use super::styles::{RunProps, Styles, outline};
use super::{Block, Cell, Inline, Marks, Media, Notice, ReadError, Row, Table, TrackedChanges};
use crate::ooxml::package::{Package, Rels, Target};
use crate::ooxml::read::NodeExt;

mod controls;
mod drawings;
mod fields;
mod revisions;
mod tables;

use controls::Control;
use fields::{Field, FieldKind};
pub(super) use revisions::count_revisions;
use revisions::{is_revision, keeps};

/// How deeply the reader follows nested structures (tables in tables, controls in
/// controls …) before refusing the file: the tree is walked recursively, here and by every
/// later stage.
pub(super) const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(in crate::import::word) enum NoteKind {
    Footnote,
    Endnote,
}

pub(super) struct Reader<'p, 'b> {
    name: &'p str,
    package: &'p mut Package<'b>,
    styles: &'p Styles,
    numbering: &'p Numbering,
    changes: TrackedChanges,
    /// The part being read and its relationships.
    part: String,
    rels: Rels,
    pub note_keys: HashMap<(NoteKind, String), u32>,
    pub media: BTreeMap<u32, Media>,
    media_by_part: HashMap<String, u32>,
    pub notices: Vec<Notice>,
    images: u32,
    text_boxes: u32,
    shapes: u32,
    objects: u32,
    equations: u32,
    tables: u32,
    comments: BTreeSet<String>,
    dropped_fields: u32,
    fields: Vec<Field>,
    /// Serial numbers of the paragraph and of the inline list being filled, so that a
    /// hyperlink field is made a link only when it began and ended in the same list.
    para: u64,
    sink: u64,
    next_sink: u64,
    depth: usize,
    too_deep: bool,
    merged_copied: usize,
    /// The list (the `w:numId` that began it) each level of an abstract numbering is
    /// counting in, and the `w:num`s met so far: Word counts on across `w:num`s that share
    /// an abstract numbering, unless one restarts the level (LibreOffice writes such lists).
    counting: HashMap<(String, u8), u32>,
    nums_seen: BTreeSet<u32>,
    /// The first error met where it cannot be returned at once (an image over the limits).
    pub error: Option<ReadError>,
}

impl<'p, 'b> Reader<'p, 'b> {
    pub fn new(
        name: &'p str,
        package: &'p mut Package<'b>,
        styles: &'p Styles,
        numbering: &'p Numbering,
        changes: TrackedChanges,
    ) -> Self {
        Reader {
            name,
            package,
            styles,
            numbering,
            changes,
            part: String::new(),
            rels: Rels::new(),
            note_keys: HashMap::new(),
            media: BTreeMap::new(),
            media_by_part: HashMap::new(),
            notices: Vec::new(),
            images: 0,
            text_boxes: 0,
            shapes: 0,
            objects: 0,
            equations: 0,
            tables: 0,
            comments: BTreeSet::new(),
            dropped_fields: 0,
            fields: Vec::new(),
            para: 0,
            sink: 0,
            next_sink: 1,
            depth: 0,
            too_deep: false,
            merged_copied: 0,
            counting: HashMap::new(),
            nums_seen: BTreeSet::new(),
            error: None,
        }
    }

    /// Sets the part whose content is read next (its relationships resolve its links and
    /// pictures). A field left open by a damaged part does not leak into the next.
    pub fn set_part(&mut self, part: &str, rels: Rels) {
        self.part = part.to_string();
        self.rels = rels;
        self.fields.clear();
    }

    /// The relationships of another part (the notes'), through the package being read.
    pub fn rels(&mut self, part: &str) -> Result<Rels, ReadError> {
        self.package.rels(part)
    }

    /// The notices for what was counted while reading, and an error if the file turned out
    /// too deep or over the limits.
    pub fn finish(&mut self) -> Result<(), ReadError> {
        if self.too_deep {
            return Err(ReadError {
                message: format!(
                    "{}: the document nests tables or content controls more than {MAX_DEPTH} deep; \
                     the file is refused",
                    self.name
                ),
                hint: None,
            });
        }
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if self.dropped_fields > 0 {
            self.notices.push(Notice {
                place: "fields".into(),
                message: format!(
                    "{} field{} (a table of contents, an index or page numbers) {} dropped",
                    self.dropped_fields,
                    if self.dropped_fields == 1 { "" } else { "s" },
                    if self.dropped_fields == 1 {
                        "was"
                    } else {
                        "were"
                    },
                ),
            });
        }
        if !self.comments.is_empty() {
            let n = self.comments.len();
            self.notices.push(Notice {
                place: "comments".into(),
                message: format!(
                    "{n} comment{} dropped",
                    if n == 1 { " was" } else { "s were" }
                ),
            });
        }
        Ok(())
    }

    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep = true;
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn notice(&mut self, place: String, message: String) {
        self.notices.push(Notice { place, message });
    }

    /// Whether content met now is hidden: inside a field's code, or the result of a field
    /// that is dropped.
    fn hiding(&self) -> bool {
        self.fields
            .iter()
            .any(|f| f.code || f.kind == FieldKind::Drop)
    }

    fn push(&self, out: &mut Vec<Inline>, inline: Inline) {
        if self.hiding() {
            return;
        }
        push(out, inline);
    }

    fn push_text(&self, out: &mut Vec<Inline>, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        self.push(
            out,
            Inline::Text {
                text: text.to_string(),
                marks,
            },
        );
    }

    /// Reads inline content into a new list (for a link or a control), keeping the field
    /// bookkeeping straight.
    fn sub_inlines(&mut self, node: Node, base: RunProps) -> Vec<Inline> {
        let saved = self.sink;
        self.sink = self.next_sink;
        self.next_sink += 1;
        let mut out = Vec::new();
        self.inlines(node, base, &mut out);
        self.sink = saved;
        out
    }

    // ----- blocks -----

    /// The block content of `parent`'s children, appended to `out`.
    pub fn blocks(&mut self, parent: Node, out: &mut Vec<Block>) {
        if !self.enter() {
            return;
        }
        for child in parent.children().filter(Node::is_element) {
            if child.is_w("p") {
                if let Some(block) = self.paragraph(child) {
                    out.push(block);
                }
            } else if child.is_w("tbl") {
                if let Some(table) = self.table(child) {
                    out.push(Block::Table(table));
                }
            } else if child.is_w("sdt") {
                self.block_control(child, out);
            } else if child.is_w("customXml") {
                self.blocks(child, out);
            } else if is_revision(&child) {
                if keeps(self.changes, child.tag_name().name()) {
                    self.blocks(child, out);
                }
            } else if child.is_w("altChunk") {
                self.notice(
                    "body".into(),
                    "an embedded document (a Word altChunk) was not imported; copy its text into \
                     the body"
                        .into(),
                );
            } else if child.is_w("txbxContent") {
                // Reached only through a caller that reads text boxes: none does.
            }
        }
        self.leave();
    }

    fn paragraph(&mut self, p: Node) -> Option<Block> {
        self.para += 1;
        let ppr = p.w_child("pPr");
        let own_style = ppr.and_then(|p| p.child_val("pStyle"));
        let style = self.styles.paragraph_style(own_style);
        let heading = match ppr.and_then(|p| p.w_child("outlineLvl")) {
            Some(level) => outline(level.w_attr("val")).map(|l| l + 1),
            None => self.styles.heading(style),
        };
        // A heading style's own bold or italic is the look of headings, not emphasis the
        // author added: only the document's defaults lie under a heading's runs.
        let base = match heading {
            Some(_) => self.styles.run(None),
            None => self.styles.run(style),
        };
        let saved = self.sink;
        self.sink = self.next_sink;
        self.next_sink += 1;
        let mut content = Vec::new();
        self.inlines(p, base, &mut content);
        self.sink = saved;
        trim(&mut content);
        if content.is_empty() {
            return None;
        }
        if let Some(level) = heading {
            return Some(Block::Heading { level, content });
        }
        let own = ppr.and_then(|p| p.w_child("numPr"));
        let (style_num, style_ilvl) = self.styles.numbering(style);
        let num_id = match own.and_then(|n| n.child_val("numId")) {
            Some(id) => id.trim().parse::<u32>().ok(),
            None => style_num,
        };
        let ilvl = own
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.trim().parse::<u8>().ok())
            .or(style_ilvl)
            .unwrap_or(0)
            .min(8);
        if let Some(num_id) = num_id.filter(|id| *id != 0) {
            let styles = self.styles;
            let style_num = |id: &str| styles.numbering(Some(id)).0;
            if let Some(usage) = self.numbering.level(num_id, ilvl, &style_num)
                && !usage.level.none
            {
                let first_use = self.nums_seen.insert(num_id);
                let list = if usage.restarts && first_use {
                    self.counting.insert((usage.abstract_id, ilvl), num_id);
                    num_id
                } else {
                    *self
                        .counting
                        .entry((usage.abstract_id, ilvl))
                        .or_insert(num_id)
                };
                let level = usage.level;
                return Some(Block::ListItem {
                    list,
                    level: ilvl,
                    ordered: level.ordered,
                    start: level.start,
                    content,
                });
            }
        }
        let style = own_style
            .filter(|id| Some(*id) == style && style != self.styles.paragraph_style(None))
            .and_then(|id| self.styles.name(Some(id)));
        Some(Block::Paragraph { style, content })
    }

    // ----- inlines -----

    /// The inline content of a paragraph-like element's children (`w:p`, `w:hyperlink`,
    /// run-level `w:sdtContent` …).
    fn inlines(&mut self, parent: Node, base: RunProps, out: &mut Vec<Inline>) {
        if !self.enter() {
            return;
        }
        for child in parent.children().filter(Node::is_element) {
            let local = child.tag_name().name();
            if child.is_w("r") {
                self.run(child, base, out);
            } else if child.is_w("hyperlink") {
                self.hyperlink(child, base, out);
            } else if child.is_w("fldSimple") {
                self.simple_field(child, base, out);
            } else if child.is_w("sdt") {
                self.run_control(child, base, out);
            } else if is_revision(&child) {
                if keeps(self.changes, local) {
                    self.inlines(child, base, out);
                }
            } else if ["smartTag", "customXml", "dir", "bdo", "sdtContent"]
                .iter()
                .any(|n| child.is_w(n))
            {
                self.inlines(child, base, out);
            } else if child.is_w("commentRangeStart") {
                self.comment(child);
            } else if local == "oMath" || local == "oMathPara" {
                self.equation(child);
            } else if local == "AlternateContent" {
                self.alternate(child, base, out);
            }
        }
        self.leave();
    }

    fn comment(&mut self, node: Node) {
        let id = node.w_attr("id").unwrap_or_default().to_string();
        self.comments.insert(id);
    }

    fn equation(&mut self, node: Node) {
        if self.hiding() {
            return;
        }
        self.equations += 1;
        let text = snippet(node, "t");
        self.notice(
            format!("equation {}", self.equations),
            format!("an equation{text} was not imported; type it into the body as text"),
        );
    }

    fn hyperlink(&mut self, link: Node, base: RunProps, out: &mut Vec<Inline>) {
        let content = self.sub_inlines(link, base);
        let url = link
            .r_attr("id")
            .and_then(|id| self.rels.get(id))
            .and_then(|rel| match &rel.target {
                Target::External(url) => Some(url.clone()),
                _ => None,
            })
            .map(|url| match link.w_attr("anchor") {
                Some(anchor) if !url.contains('#') => format!("{url}#{anchor}"),
                _ => url,
            });
        match url {
            Some(url) if !content.is_empty() => self.push(out, Inline::Link { url, content }),
            // An anchor inside the document, or a link without a target: its text stays.
            _ => {
                for inline in content {
                    self.push(out, inline);
                }
            }
        }
    }

    fn run(&mut self, r: Node, base: RunProps, out: &mut Vec<Inline>) {
        let rpr = r.w_child("rPr");
        let char_style = rpr.and_then(|p| p.child_val("rStyle"));
        let props = base
            .then(self.styles.run_only(char_style))
            .then(RunProps::of(rpr));
        let hidden = props.hidden == Some(true);
        let marks = props.marks();
        for child in r.children().filter(Node::is_element) {
            let local = child.tag_name().name();
            // Field characters count even in hidden text, so fields stay balanced.
            if child.is_w("fldChar") {
                self.field_char(child, out);
                continue;
            }
            if child.is_w("instrText") || child.is_w("delInstrText") {
                if let Some(field) = self.fields.last_mut()
                    && field.code
                {
                    field.instr.push_str(child.text().unwrap_or_default());
                }
                continue;
            }
            if child.is_w("commentReference") {
                self.comment(child);
                continue;
            }
            if hidden {
                continue;
            }
            if child.is_w("t") || child.is_w("delText") {
                let text: String = child
                    .text()
                    .unwrap_or_default()
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                self.push_text(out, &text, marks);
            } else if child.is_w("tab") || child.is_w("ptab") {
                self.push_text(out, " ", marks);
            } else if child.is_w("br") {
                if child.w_attr("type").is_none_or(|t| t == "textWrapping") {
                    self.push(out, Inline::LineBreak);
                }
            } else if child.is_w("cr") {
                self.push(out, Inline::LineBreak);
            } else if child.is_w("noBreakHyphen") {
                self.push_text(out, "\u{2011}", marks);
            } else if child.is_w("sym") {
                if let Some(c) = symbol(child) {
                    self.push_text(out, &c.to_string(), marks);
                }
            } else if child.is_w("footnoteReference") || child.is_w("endnoteReference") {
                let kind = if local == "footnoteReference" {
                    NoteKind::Footnote
                } else {
                    NoteKind::Endnote
                };
                let id = child.w_attr("id").unwrap_or_default().trim().to_string();
                if let Some(key) = self.note_keys.get(&(kind, id)).copied() {
                    self.push(out, Inline::Note(key));
                }
            } else if child.is_w("drawing") {
                self.drawing(child, out);
            } else if child.is_w("pict") {
                self.pict(child, out);
            } else if child.is_w("object") {
                self.object();
            } else if local == "AlternateContent" {
                self.alternate(child, base, out);
            } else if child.is_w("ruby") {
                // Phonetic guides: the base text is the text.
                if let Some(ruby_base) = child.w_child("rubyBase") {
                    self.inlines(ruby_base, base, out);
                }
            }
        }
    }

    // ----- pictures, text boxes, shapes, objects -----

    // ----- tables -----
}

/// The `local` elements under `node`, through row-level content controls and custom XML.
fn collect<'a, 'i>(node: Node<'a, 'i>, local: &str, out: &mut Vec<Node<'a, 'i>>) {
    collect_within(node, local, out, 0);
}

/// [`collect`] at `depth` wrappers down. The node limit does not bound depth: past
/// [`MAX_DEPTH`] wrappers, what they hold is not read (no stack is risked on a hostile file).
fn collect_within<'a, 'i>(
    node: Node<'a, 'i>,
    local: &str,
    out: &mut Vec<Node<'a, 'i>>,
    depth: usize,
) {
    for child in node.children() {
        if child.is_w(local) {
            out.push(child);
        } else if (child.is_w("sdt") || child.is_w("sdtContent") || child.is_w("customXml"))
            && depth < MAX_DEPTH
            && out.len() < 1_000_000
        {
            collect_within(child, local, out, depth + 1);
        }
    }
}

/// ` ("first words …")` of the text under `node`, for a notice; empty when there is none.
fn snippet(node: Node, local: &str) -> String {
    let text: String = node
        .descendants()
        .filter(|n| n.has_tag_name_local(local))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return String::new();
    }
    let short: String = text.chars().take(40).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    format!(" (“{short}{more}”)")
}

/// The character of a `w:sym`, when it is an ordinary Unicode character. Symbol fonts map
/// their glyphs to the private use area (F000–F0FF), which has no meaning as text: dropped.
fn symbol(sym: Node) -> Option<char> {
    let code = u32::from_str_radix(sym.w_attr("char")?.trim(), 16).ok()?;
    let c = char::from_u32(code)?;
    let private = (0xE000..=0xF8FF).contains(&code);
    (!private && !c.is_control()).then_some(c)
}

/// Appends an inline, merging text with the text before it when the marks are the same.
fn push(out: &mut Vec<Inline>, inline: Inline) {
    if let Inline::Text { text, marks } = &inline
        && let Some(Inline::Text {
            text: last,
            marks: last_marks,
        }) = out.last_mut()
        && last_marks == marks
    {
        last.push_str(text);
        return;
    }
    out.push(inline);
}

/// Removes leading and trailing white space (not no-break spaces) of a paragraph's content,
/// and empty line breaks at its ends.
fn trim(content: &mut Vec<Inline>) {
    while let Some(first) = content.first_mut() {
        match first {
            Inline::LineBreak => {
                content.remove(0);
            }
            Inline::Text { text, .. } => {
                let trimmed = text.trim_start_matches([' ', '\t']);
                if trimmed.is_empty() {
                    content.remove(0);
                } else {
                    *text = trimmed.to_string();
                    break;
                }
            }
            _ => break,
        }
    }
    while let Some(last) = content.last_mut() {
        match last {
            Inline::LineBreak => {
                content.pop();
            }
            Inline::Text { text, .. } => {
                let trimmed = text.trim_end_matches([' ', '\t']);
                if trimmed.is_empty() {
                    content.pop();
                } else {
                    let len = trimmed.len();
                    text.truncate(len);
                    break;
                }
            }
            _ => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::drawings::sniff;
    use super::fields::{Instr, instruction, tokens};

    #[test]
    fn field_instructions() {
        assert_eq!(
            tokens(r#" HYPERLINK "https://a.org/x y" \o "tip" "#),
            ["HYPERLINK", "https://a.org/x y", "\\o", "tip"]
        );
        assert!(
            matches!(instruction(r#"HYPERLINK "https://a.org" \o "t""#), Instr::Link(u) if u == "https://a.org")
        );
        assert!(matches!(
            instruction(r#"hyperlink \l "_Toc1""#),
            Instr::Keep
        ));
        assert!(matches!(
            instruction(r#" TOC \o "1-3" \h \z \u "#),
            Instr::Drop
        ));
        assert!(matches!(instruction(" PAGE "), Instr::Drop));
        assert!(matches!(instruction(" PAGEREF _Toc1 \\h "), Instr::Drop));
        assert!(matches!(instruction(" MERGEFIELD name "), Instr::Keep));
        assert!(matches!(instruction(""), Instr::Keep));
    }

    #[test]
    fn image_formats_from_their_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Ok("png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Ok("jpeg"));
        assert_eq!(sniff(b"<?xml version='1.0'?>\n<svg xmlns='x'/>"), Ok("svg"));
        assert_eq!(sniff(b"  <svg/>"), Ok("svg"));
        assert_eq!(sniff(b"GIF89a"), Err("GIF".to_string()));
        assert_eq!(sniff(b""), Err("unknown".to_string()));
        assert_eq!(
            sniff(b"<?xml version='1.0'?><html/>"),
            Err("unknown".to_string())
        );
    }
}
