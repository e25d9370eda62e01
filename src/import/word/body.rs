//! The body and the notes: paragraphs, runs, tables, content controls, fields, tracked
//! changes, pictures, and what is dropped with a notice.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use roxmltree::Node;

use super::numbering::Numbering;
use super::package::{Package, Rels, Target};
use super::styles::{RunProps, Styles, outline};
use super::xml::NodeExt;
use super::{Block, Cell, Inline, Marks, Media, Notice, ReadError, Row, Table, TrackedChanges};

/// How deeply the reader follows nested structures (tables in tables, controls in
/// controls …) before refusing the file: the tree is walked recursively, here and by every
/// later stage.
pub(super) const MAX_DEPTH: usize = 100;

/// At most this many columns one cell may span (`w:gridSpan`).
const MAX_SPAN: usize = 64;

/// At most this much content (roughly, in characters) is copied into merged cells in all.
const MAX_MERGED_COPY: usize = 16 << 20;

/// Fields whose result is a table of contents, an index or page numbers: produced by Word,
/// meaningless in a contribution.
const DROPPED_FIELDS: [&str; 6] = [
    "TOC",
    "PAGE",
    "NUMPAGES",
    "PAGEREF",
    "SECTIONPAGES",
    "INDEX",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum NoteKind {
    Footnote,
    Endnote,
}

/// A complex field (`w:fldChar` begin … separate … end) being read.
#[derive(Debug)]
struct Field {
    instr: String,
    /// Between begin and separate: the runs hold the field code, not its result.
    code: bool,
    kind: FieldKind,
}

#[derive(Debug, PartialEq)]
enum FieldKind {
    Undecided,
    Keep,
    Drop,
    /// A hyperlink whose result started at `start` in sink `sink` of paragraph `para`.
    Link {
        url: String,
        para: u64,
        sink: u64,
        start: usize,
    },
}

/// What a field's instruction makes of its result.
enum Instr {
    Keep,
    Drop,
    Link(String),
}

fn instruction(instr: &str) -> Instr {
    let tokens = tokens(instr);
    let Some(first) = tokens.first() else {
        return Instr::Keep;
    };
    let first = first.to_ascii_uppercase();
    if DROPPED_FIELDS.contains(&first.as_str()) {
        return Instr::Drop;
    }
    if first != "HYPERLINK" {
        return Instr::Keep;
    }
    // HYPERLINK "url" \l "anchor" \o "tooltip" …: the first argument that is not a switch
    // or a switch's argument is the address.
    let (mut url, mut anchor) = (None, None);
    let mut rest = tokens.iter().skip(1);
    while let Some(token) = rest.next() {
        match token.to_ascii_lowercase().as_str() {
            "\\l" => anchor = rest.next(),
            "\\o" | "\\t" => {
                rest.next();
            }
            switch if switch.starts_with('\\') => {}
            _ if url.is_none() => url = Some(token),
            _ => {}
        }
    }
    match (url, anchor) {
        (Some(url), Some(anchor)) => Instr::Link(format!("{url}#{anchor}")),
        (Some(url), None) => Instr::Link(url.clone()),
        _ => Instr::Keep,
    }
}

/// A field instruction's words, quoted arguments as one (without their quotes).
fn tokens(instr: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = instr.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut token = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                token.push(c);
            }
            tokens.push(token);
        } else {
            let mut token = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                token.push(c);
                chars.next();
            }
            tokens.push(token);
        }
    }
    tokens
}

/// Which revisions' content the reader keeps.
fn keeps(changes: TrackedChanges, element: &str) -> bool {
    let inserted = matches!(element, "ins" | "moveTo");
    match changes {
        TrackedChanges::Reject => !inserted,
        // Refuse never reaches here with revisions in the file; read as accepted regardless.
        TrackedChanges::Accept | TrackedChanges::Refuse => inserted,
    }
}

fn is_revision(node: &Node) -> bool {
    ["ins", "del", "moveFrom", "moveTo"]
        .iter()
        .any(|r| node.is_w(r))
}

/// The number of tracked changes (insertions, deletions, moves, including those of
/// paragraph marks and table rows) under `root`. Formatting changes are not counted.
pub(super) fn count_revisions(root: Node) -> usize {
    root.descendants().filter(is_revision).count()
}

/// The image format of `data`, from its first bytes.
pub(super) fn sniff(data: &[u8]) -> Result<&'static str, String> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok("png");
    }
    if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok("jpeg");
    }
    let head = String::from_utf8_lossy(data.get(..4096).unwrap_or(data));
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<svg")
        || ((head.starts_with("<?xml") || head.starts_with("<!--")) && head.contains("<svg"))
    {
        return Ok("svg");
    }
    let named = if data.starts_with(b"GIF8") {
        "GIF"
    } else if data.get(..4) == Some(&[0x01, 0, 0, 0]) && data.get(40..44) == Some(b" EMF") {
        "EMF"
    } else if data.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || data.starts_with(&[1, 0, 9, 0]) {
        "WMF"
    } else if data.starts_with(b"BM") {
        "BMP"
    } else if data.starts_with(b"II*\0") || data.starts_with(b"MM\0*") {
        "TIFF"
    } else if data.get(8..12) == Some(b"WEBP") {
        "WebP"
    } else {
        "unknown"
    };
    Err(named.to_string())
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

    fn block_control(&mut self, sdt: Node, out: &mut Vec<Block>) {
        let control = Control::of(sdt);
        if control.toc {
            self.dropped_fields += 1;
            return;
        }
        let mut content = Vec::new();
        if !control.placeholder
            && let Some(inner) = sdt.w_child("sdtContent")
        {
            self.blocks(inner, &mut content);
        }
        match control.tag {
            Some(tag) => out.push(Block::Control { tag, content }),
            None => out.extend(content),
        }
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

    fn simple_field(&mut self, field: Node, base: RunProps, out: &mut Vec<Inline>) {
        match instruction(field.w_attr("instr").unwrap_or_default()) {
            Instr::Drop => {
                if !self.hiding() {
                    self.dropped_fields += 1;
                }
            }
            Instr::Keep => self.inlines(field, base, out),
            Instr::Link(url) => {
                let content = self.sub_inlines(field, base);
                if !content.is_empty() {
                    self.push(out, Inline::Link { url, content });
                }
            }
        }
    }

    fn run_control(&mut self, sdt: Node, base: RunProps, out: &mut Vec<Inline>) {
        let control = Control::of(sdt);
        if control.toc {
            if !self.hiding() {
                self.dropped_fields += 1;
            }
            return;
        }
        let content = match sdt.w_child("sdtContent") {
            Some(inner) if !control.placeholder => self.sub_inlines(inner, base),
            _ => Vec::new(),
        };
        match control.tag {
            Some(tag) => self.push(out, Inline::Control { tag, content }),
            None => {
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

    fn field_char(&mut self, node: Node, out: &mut Vec<Inline>) {
        match node.w_attr("fldCharType") {
            Some("begin") => self.fields.push(Field {
                instr: String::new(),
                code: true,
                kind: FieldKind::Undecided,
            }),
            Some("separate") => {
                let Some(mut field) = self.fields.pop() else {
                    return;
                };
                if field.code {
                    field.code = false;
                    let outer_hiding = self.hiding();
                    field.kind = match instruction(&field.instr) {
                        Instr::Keep => FieldKind::Keep,
                        Instr::Drop => {
                            if !outer_hiding {
                                self.dropped_fields += 1;
                            }
                            FieldKind::Drop
                        }
                        Instr::Link(url) => FieldKind::Link {
                            url,
                            para: self.para,
                            sink: self.sink,
                            start: out.len(),
                        },
                    };
                }
                self.fields.push(field);
            }
            Some("end") => {
                let Some(field) = self.fields.pop() else {
                    return;
                };
                if let FieldKind::Link {
                    url,
                    para,
                    sink,
                    start,
                } = field.kind
                    && para == self.para
                    && sink == self.sink
                    && start < out.len()
                    && !self.hiding()
                {
                    let content: Vec<Inline> = out.drain(start..).collect();
                    out.push(Inline::Link { url, content });
                }
            }
            _ => {}
        }
    }

    // ----- pictures, text boxes, shapes, objects -----

    fn drawing(&mut self, drawing: Node, out: &mut Vec<Inline>) {
        if self.hiding() {
            return;
        }
        if drawing
            .descendants()
            .any(|n| n.has_tag_name_local("txbxContent") || n.has_tag_name_local("txbx"))
        {
            self.text_box(drawing);
            return;
        }
        let alt = drawing
            .descendants()
            .find(|n| n.has_tag_name_local("docPr"))
            .and_then(|d| {
                let descr = d
                    .attribute("descr")
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                descr.or_else(|| d.attribute("title").map(str::trim))
            })
            .unwrap_or_default()
            .to_string();
        if let Some(blip) = drawing.descendants().find(|n| n.has_tag_name_local("blip")) {
            self.picture(blip.r_attr("embed"), blip.r_attr("link"), alt, out);
        } else if drawing.descendants().any(|n| n.has_tag_name_local("chart")) {
            self.shape("a chart");
        } else {
            self.shape("a shape or a drawing");
        }
    }

    fn pict(&mut self, pict: Node, out: &mut Vec<Inline>) {
        if self.hiding() {
            return;
        }
        if pict
            .descendants()
            .any(|n| n.has_tag_name_local("textbox") || n.has_tag_name_local("txbxContent"))
        {
            self.text_box(pict);
        } else if let Some(data) = pict
            .descendants()
            .find(|n| n.has_tag_name_local("imagedata"))
        {
            let alt = pict
                .descendants()
                .find(|n| n.has_tag_name_local("shape"))
                .and_then(|s| s.attribute("alt"))
                .or_else(|| {
                    data.attributes()
                        .find(|a| a.name() == "title")
                        .map(|a| a.value())
                })
                .unwrap_or_default()
                .trim()
                .to_string();
            self.picture(data.r_attr("id"), data.r_attr("link"), alt, out);
        } else if !pict
            .descendants()
            .any(|n| n.attributes().any(|a| a.name() == "hr" && a.value() == "t"))
        {
            // A horizontal line (`o:hr`) is decoration; anything else is a shape.
            self.shape("a shape or a drawing");
        }
    }

    fn object(&mut self) {
        if self.hiding() {
            return;
        }
        self.objects += 1;
        self.notice(
            format!("embedded object {}", self.objects),
            "an embedded object (OLE: an equation, a spreadsheet, a chart …) was not imported; \
             copy its content into the body as text or a picture"
                .into(),
        );
    }

    fn text_box(&mut self, node: Node) {
        self.text_boxes += 1;
        let text = snippet(node, "t");
        self.notice(
            format!("text box {}", self.text_boxes),
            format!("a text box{text} was not imported; copy its text into the body"),
        );
    }

    fn shape(&mut self, what: &str) {
        self.shapes += 1;
        self.notice(
            format!("shape {}", self.shapes),
            format!("{what} was not imported; insert it as a picture (PNG, JPEG or SVG)"),
        );
    }

    /// Markup compatibility: one of the alternatives is read, never both. A picture may be in
    /// either; a text box or shape is noticed once.
    fn alternate(&mut self, node: Node, base: RunProps, out: &mut Vec<Inline>) {
        let choice = node.children().find(|c| c.has_tag_name_local("Choice"));
        let fallback = node.children().find(|c| c.has_tag_name_local("Fallback"));
        let has = |n: Option<Node>, names: &[&str]| {
            n.is_some_and(|n| {
                n.descendants()
                    .any(|d| names.iter().any(|x| d.has_tag_name_local(x)))
            })
        };
        // A text box or a picture in the choice is read there (the fallback repeats it in
        // VML); a picture only in the fallback is read from it.
        let pick = if has(choice, &["txbxContent", "txbx", "textbox", "blip"]) {
            choice
        } else if has(fallback, &["blip", "imagedata"]) {
            fallback
        } else {
            choice.or(fallback)
        };
        let Some(pick) = pick else {
            return;
        };
        // The alternative holds run content (`w:drawing`, `w:pict`) or, rarely, runs.
        let wrapper_run = pick.children().any(|c| c.is_w("r"));
        if wrapper_run {
            self.inlines(pick, base, out);
        } else {
            for child in pick.children().filter(Node::is_element) {
                if child.is_w("drawing") {
                    self.drawing(child, out);
                } else if child.is_w("pict") {
                    self.pict(child, out);
                } else if child.is_w("object") {
                    self.object();
                }
            }
        }
    }

    fn picture(
        &mut self,
        embed: Option<&str>,
        link: Option<&str>,
        alt: String,
        out: &mut Vec<Inline>,
    ) {
        self.images += 1;
        let place = format!("image {}", self.images);
        let Some(rid) = embed.filter(|id| !id.is_empty()) else {
            let message = if link.is_some() {
                "the picture is linked to a file outside the Word document, not embedded in it; \
                 skipped (insert the picture itself)"
            } else {
                "the picture has no image data; skipped"
            };
            self.notice(place, message.into());
            return;
        };
        let target = self.rels.get(rid).map(|rel| rel.target.clone());
        let part = match target {
            Some(Target::Part(part)) => part,
            Some(Target::External(url)) => {
                self.notice(
                    place,
                    format!(
                        "the picture is linked to {url}, outside the Word document; skipped \
                         (insert the picture itself)"
                    ),
                );
                return;
            }
            None => {
                self.notice(
                    place,
                    "the picture's data is missing from the file; skipped".into(),
                );
                return;
            }
        };
        if let Some(&media) = self.media_by_part.get(&part) {
            self.push(out, Inline::Image { media, alt });
            return;
        }
        let data = match self.package.part(&part) {
            Ok(Some(data)) => data,
            Ok(None) => {
                self.notice(
                    place,
                    format!("the picture's data ({part}) is missing from the file; skipped"),
                );
                return;
            }
            Err(error) => {
                self.error.get_or_insert(error);
                return;
            }
        };
        match sniff(&data) {
            Ok(format) => {
                let media = u32::try_from(self.media.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1);
                self.media.insert(
                    media,
                    Media {
                        part: part.clone(),
                        format,
                        data,
                    },
                );
                self.media_by_part.insert(part, media);
                self.push(out, Inline::Image { media, alt });
            }
            Err(format) => self.notice(
                place.clone(),
                format!(
                    "{place} is in a format the documents cannot show ({format}, {part}), skipped; \
                     insert it as PNG, JPEG or SVG"
                ),
            ),
        }
    }

    // ----- tables -----

    fn table(&mut self, tbl: Node) -> Option<Table> {
        if !self.enter() {
            return None;
        }
        self.tables += 1;
        let number = self.tables;
        let mut row_nodes = Vec::new();
        collect(tbl, "tr", &mut row_nodes);
        let mut rows: Vec<Row> = Vec::new();
        // The previous row's cells by grid column, for vertical merges.
        let mut above: Vec<Cell> = Vec::new();
        for tr in row_nodes {
            let trpr = tr.w_child("trPr");
            // A row inserted or deleted as a tracked change.
            if let Some(trpr) = trpr
                && let Some(change) = trpr.children().find(is_revision)
                && !keeps(self.changes, change.tag_name().name())
            {
                continue;
            }
            let header = trpr.and_then(|p| p.toggle("tblHeader")).unwrap_or(false);
            let before = trpr
                .and_then(|p| p.w_child("gridBefore"))
                .and_then(|g| g.w_attr("val"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0)
                .min(MAX_SPAN);
            let mut cells: Vec<Cell> = (0..before)
                .map(|_| Cell {
                    content: Vec::new(),
                    merged: false,
                    control: None,
                })
                .collect();
            let mut merges = false;
            let mut cell_nodes = Vec::new();
            collect_cells(tr, None, &mut cell_nodes, 0);
            for (tc, control) in cell_nodes {
                let tcpr = tc.w_child("tcPr");
                let span = tcpr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                let continues = tcpr
                    .and_then(|p| p.w_child("vMerge"))
                    .is_some_and(|v| v.w_attr("val").is_none_or(|v| v == "continue"));
                let column = cells.len();
                let (content, merged, tag) = if continues {
                    merges = true;
                    let content = above
                        .get(column)
                        .map(|cell| self.copy(&cell.content))
                        .unwrap_or_default();
                    (content, true, None)
                } else {
                    let mut content = Vec::new();
                    if !control.as_ref().is_some_and(|c| c.placeholder) {
                        self.blocks(tc, &mut content);
                    }
                    (content, false, control.and_then(|c| c.tag))
                };
                if span > 1 {
                    merges = true;
                }
                let copies: Vec<Vec<Block>> = (1..span).map(|_| self.copy(&content)).collect();
                cells.push(Cell {
                    content,
                    merged,
                    control: tag,
                });
                cells.extend(copies.into_iter().map(|content| Cell {
                    content,
                    merged: true,
                    control: None,
                }));
            }
            if merges {
                self.notice(
                    format!("table {number}, row {}", rows.len() + 1),
                    "merged cells were repeated in each column or row they cover".into(),
                );
            }
            above = cells.clone();
            rows.push(Row { header, cells });
        }
        self.leave();
        Some(Table { rows })
    }

    /// A copy of a merged cell's content, within the budget for copies.
    fn copy(&mut self, content: &[Block]) -> Vec<Block> {
        let size = weight(content);
        if self.merged_copied.saturating_add(size) > MAX_MERGED_COPY {
            return Vec::new();
        }
        self.merged_copied += size;
        content.to_vec()
    }
}

/// Roughly how much a list of blocks holds, in characters and nodes.
fn weight(blocks: &[Block]) -> usize {
    fn inlines(list: &[Inline]) -> usize {
        list.iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.len() + 1,
                Inline::Link { content, .. } | Inline::Control { content, .. } => {
                    inlines(content) + 1
                }
                Inline::Image { alt, .. } => alt.len() + 1,
                _ => 1,
            })
            .sum()
    }
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::ListItem { content, .. } => inlines(content) + 1,
            Block::Control { content, .. } => weight(content) + 1,
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| weight(&c.content) + 1)
                .sum(),
        })
        .sum()
}

/// A content control's properties.
#[derive(Debug, Clone)]
struct Control {
    tag: Option<String>,
    /// Showing its placeholder text: the control is empty.
    placeholder: bool,
    /// A table of contents (a building-block gallery of that name).
    toc: bool,
}

impl Control {
    fn of(sdt: Node) -> Control {
        let pr = sdt.w_child("sdtPr");
        let tag = pr
            .and_then(|p| p.child_val("tag"))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let placeholder = pr.and_then(|p| p.toggle("showingPlcHdr")).unwrap_or(false);
        let toc = pr.is_some_and(|p| {
            p.descendants().any(|n| {
                n.is_w("docPartGallery")
                    && n.w_attr("val")
                        .is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents"))
            })
        });
        Control {
            tag,
            placeholder,
            toc,
        }
    }
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

/// The cells of a row, each with the content control around it, if any.
fn collect_cells<'a, 'i>(
    node: Node<'a, 'i>,
    control: Option<Control>,
    out: &mut Vec<(Node<'a, 'i>, Option<Control>)>,
    depth: usize,
) {
    // As in `collect_within`: wrappers nested past MAX_DEPTH are not read.
    if depth >= MAX_DEPTH {
        return;
    }
    for child in node.children() {
        if child.is_w("tc") {
            out.push((child, control.clone()));
        } else if child.is_w("sdt") {
            let inner = Control::of(child);
            if let Some(content) = child.w_child("sdtContent") {
                collect_cells(content, Some(inner), out, depth + 1);
            }
        } else if child.is_w("customXml") {
            collect_cells(child, control.clone(), out, depth + 1);
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
    use super::{Instr, instruction, sniff, tokens};

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
