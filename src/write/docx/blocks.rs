//! Blocks and inlines to WordprocessingML.
//!
//! Text from the model becomes runs here: a tab becomes `<w:tab/>`, a newline in code becomes
//! `<w:br/>` (elsewhere a space), and the rest is escaped by the [`XmlWriter`]. Inside an
//! inserted or deleted part every run is wrapped in its revision and every paragraph mark
//! carries it, as they are written ([`super::revisions`]).

use crate::model::numbers::{heading_label, is_web_or_mail_url};
use crate::model::{Block, Heading, ImageFormat, ImageRef, Inline, List, RefKind};
use crate::ooxml::names;
use crate::ooxml::write::is_xml_char;
use crate::ooxml::{Fragment, XmlWriter};

use super::numbering::{ListKind, list_text_indent};
use super::revisions::{Revision, RevisionIds};
use super::styles::word_lang;
use super::writer::{TocEntry, Writer};

/// Where blocks are written: the paragraph style they take and whether they are top-level body
/// blocks (only those get the document-wide paragraph numbers).
#[derive(Clone, Copy)]
pub(super) struct Ctx {
    pub para_style: &'static str,
    pub top_level: bool,
    /// List nesting: 0 outside lists, n inside the items of a list at ilvl n - 1.
    pub depth: u8,
}

impl Ctx {
    pub const BODY: Ctx = Ctx {
        para_style: "SingleTxt",
        top_level: true,
        depth: 0,
    };
}

/// Character formatting inherited by nested inlines.
#[derive(Clone, Copy, Default)]
pub(super) struct RunProps {
    /// One of our character style ids.
    pub style: Option<&'static str>,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub superscript: bool,
    /// Inside a `w:hyperlink`, which must not nest.
    pub in_link: bool,
}

/// A paragraph's indentation in twips: the left edge of its text, and how far its first line
/// hangs before it.
#[derive(Clone, Copy)]
pub(super) struct Indent {
    pub left: i64,
    pub hanging: i64,
}

/// Paragraph properties, written in the order the schema demands.
#[derive(Default)]
pub(super) struct Ppr {
    /// The resolved style id.
    pub style: String,
    pub keep_next: bool,
    /// `(numId, ilvl)`; numId 0 removes a numbering the style carries.
    pub num: Option<(u32, u8)>,
    /// A right-aligned tab stop at this position.
    pub right_tab: Option<i64>,
    /// Space before the paragraph, overriding its style's.
    pub space_before: Option<u32>,
    pub ind: Option<Indent>,
    pub jc: Option<&'static str>,
}

impl Ppr {
    pub fn styled(style: &str) -> Ppr {
        Ppr {
            style: style.to_string(),
            ..Ppr::default()
        }
    }

    /// `w:pPr`; `mark` makes the paragraph mark a revision (its run properties come last).
    fn write(&self, out: &mut XmlWriter, mark: Option<(Revision, &mut RevisionIds)>) {
        out.start("w:pPr");
        if !self.style.is_empty() {
            out.val("w:pStyle", &self.style);
        }
        if self.keep_next {
            out.leaf("w:keepNext");
        }
        if let Some((num_id, ilvl)) = self.num {
            out.start("w:numPr")
                .val("w:ilvl", ilvl)
                .val("w:numId", num_id)
                .end();
        }
        if let Some(position) = self.right_tab {
            out.start("w:tabs")
                .start("w:tab")
                .attr("w:val", "right")
                .attr("w:pos", position)
                .end()
                .end();
        }
        if let Some(before) = self.space_before {
            out.start("w:spacing").attr("w:before", before).end();
        }
        if let Some(Indent { left, hanging }) = self.ind {
            out.start("w:ind")
                .attr("w:left", left)
                .attr("w:hanging", hanging)
                .end();
        }
        if let Some(jc) = self.jc {
            out.val("w:jc", jc);
        }
        if let Some((kind, ids)) = mark {
            out.start("w:rPr");
            ids.start(out, kind);
            out.end().end();
        }
        out.end();
    }

    /// `<w:p>` and its properties, outside any revision (the front matter, headers, forms).
    pub fn start_paragraph(&self, out: &mut XmlWriter) {
        out.start("w:p");
        self.write(out, None);
    }
}

/// Whether a text gives a run anything to show: [`run_content`] writes something for it.
fn has_content(text: &str, code: bool) -> bool {
    text.chars().any(|c| is_xml_char(c) && !(code && c == '\r'))
}

/// The children of a `w:r` for a text: `w:t` (`w:delText` when deleted), `w:tab`, and for
/// code `w:br` at line ends.
fn run_content(out: &mut XmlWriter, text: &str, code: bool, deleted: bool) {
    let name = if deleted { "w:delText" } else { "w:t" };
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut XmlWriter| {
        if !buf.is_empty() {
            out.start(name)
                .attr("xml:space", "preserve")
                .text(buf)
                .end();
            buf.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut buf, out);
                out.leaf("w:tab");
            }
            '\n' if code => {
                flush(&mut buf, out);
                out.leaf("w:br");
            }
            '\r' if code => {}
            '\n' | '\r' => buf.push(' '),
            c if is_xml_char(c) => buf.push(c),
            _ => {}
        }
    }
    flush(&mut buf, out);
}

/// A run of text with the given run properties (the inside of `w:rPr`, empty for none),
/// outside any revision. Nothing when the text has nothing to show.
pub(super) fn text_run(out: &mut XmlWriter, text: &str, rpr: &Fragment) {
    if !has_content(text, false) {
        return;
    }
    out.start("w:r");
    if !rpr.is_empty() {
        out.start("w:rPr").append(rpr).end();
    }
    run_content(out, text, false, false);
    out.end();
}

/// A URL as a relationship target: characters a URI may not hold are percent-encoded (Word
/// calls a file with a space in a hyperlink target unreadable).
pub(super) fn uri_target(url: &str) -> String {
    let mut out = String::new();
    for byte in url.trim().bytes() {
        let allowed = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        if allowed {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The plain text of blocks, for places that cannot hold them (a footnote inside a footnote).
fn blocks_plain_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(Heading { content, .. })
            | Block::Paragraph { content, .. }
            | Block::Byline(content) => parts.push(Inline::plain_text(content)),
            Block::List(list) => {
                parts.extend(list.items.iter().map(|item| blocks_plain_text(item)));
            }
            Block::Quote(inner) => parts.push(blocks_plain_text(inner)),
            Block::CodeBlock(code) => parts.push(code.clone()),
            Block::Table(table) => {
                for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                    parts.push(Inline::plain_text(cell));
                }
            }
            Block::Figure(image) => parts.push(image.alt.clone()),
            Block::Chart(chart) => parts.push(chart.alt.clone()),
            Block::Lang { blocks, .. } | Block::Inserted(blocks) => {
                parts.push(blocks_plain_text(blocks))
            }
            // The text as it now reads.
            Block::Deleted(_) | Block::Rule => {}
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join(" ")
}

/// An image's extent in EMU (12,700 to the point): its size in points (see
/// [`ImageRef::width_pt`]), scaled down, proportions kept, to fit `max_width` and `max_height`.
/// A size that is not finite and positive counts as one pixel (0.75 pt); no side is below one
/// EMU.
pub(super) fn image_extent(
    width_pt: f64,
    height_pt: f64,
    max_width: i64,
    max_height: i64,
) -> (i64, i64) {
    const EMU_PER_PT: f64 = 12_700.0;
    const ONE_PX_PT: f64 = 0.75;
    let valid = |pt: f64| pt.is_finite() && pt > 0.0;
    let width = if valid(width_pt) { width_pt } else { ONE_PX_PT };
    let height = if valid(height_pt) {
        height_pt
    } else {
        ONE_PX_PT
    };
    // The maxima in points, at least a pixel; the scale is worked out in points, where huge
    // sizes stay finite.
    let max_width = (max_width as f64 / EMU_PER_PT).max(ONE_PX_PT);
    let max_height = (max_height as f64 / EMU_PER_PT).max(ONE_PX_PT);
    let scale = (max_width / width).min(max_height / height).min(1.0);
    let emu = |pt: f64| (pt * scale * EMU_PER_PT).round().max(1.0);
    // At most the larger of the maxima, which came from i64 (`as` saturates anyway).
    (emu(width) as i64, emu(height) as i64)
}

impl Writer<'_> {
    /// The inside of a `w:rPr` for run properties.
    pub(super) fn rpr(&self, rp: &RunProps) -> Fragment {
        let mut out = XmlWriter::new();
        if let Some(style) = rp.style {
            out.val("w:rStyle", self.style(style));
        }
        if rp.bold {
            out.leaf("w:b").leaf("w:bCs");
        }
        if rp.italic {
            out.leaf("w:i").leaf("w:iCs");
        }
        if rp.strike {
            out.leaf("w:strike");
        }
        if rp.superscript {
            out.val("w:vertAlign", "superscript");
        }
        if let Some(lang) = &self.run_lang {
            out.val("w:lang", lang);
        }
        out.finish()
    }

    /// Starts a paragraph: `<w:p>` and its properties, the paragraph mark a revision inside
    /// an inserted or deleted block.
    pub(super) fn start_paragraph(&mut self, out: &mut XmlWriter, ppr: &Ppr) {
        out.start("w:p");
        let mark = self
            .marked_paragraphs
            .map(|kind| (kind, &mut self.revisions));
        ppr.write(out, mark);
    }

    /// Starts a run, inside the revision being written if there is one; says whether its text
    /// is deleted text. [`Writer::end_run`] ends both.
    pub(super) fn start_run(&mut self, out: &mut XmlWriter) -> bool {
        if let Some(kind) = self.revision {
            self.revisions.start(out, kind);
        }
        out.start("w:r");
        self.revision == Some(Revision::Deleted)
    }

    pub(super) fn end_run(&self, out: &mut XmlWriter) {
        out.end();
        if self.revision.is_some() {
            out.end();
        }
    }

    /// A run of text (for code, line ends as `w:br`), nothing when the text has nothing to
    /// show.
    pub(super) fn run(&mut self, out: &mut XmlWriter, text: &str, rpr: &Fragment, code: bool) {
        if !has_content(text, code) {
            return;
        }
        let deleted = self.start_run(out);
        if !rpr.is_empty() {
            out.start("w:rPr").append(rpr).end();
        }
        run_content(out, text, code, deleted);
        self.end_run(out);
    }

    pub(super) fn blocks(&mut self, out: &mut XmlWriter, blocks: &[Block], ctx: Ctx) {
        for block in blocks {
            self.block(out, block, ctx);
        }
    }

    fn block(&mut self, out: &mut XmlWriter, block: &Block, ctx: Ctx) {
        match block {
            Block::Heading(heading) => self.heading(out, heading),
            Block::Paragraph { content, numbered } => {
                let mut ppr = Ppr::styled(self.style(ctx.para_style));
                if *numbered && ctx.top_level && !self.in_footnote {
                    ppr.style = self.style("NumberedPara").to_string();
                    ppr.num = Some((self.numbering.para_num(), 0));
                } else if ctx.depth > 0 {
                    // A further paragraph of a list item: aligned with the item's text.
                    let left = list_text_indent(ctx.depth - 1);
                    ppr.ind = Some(Indent {
                        left: i64::from(left),
                        hanging: 0,
                    });
                }
                self.paragraph(out, &ppr, content, RunProps::default());
            }
            Block::List(list) => self.list(out, list, ctx),
            Block::Table(table) => self.table(out, table),
            Block::Quote(inner) => {
                let para_style = if self.in_footnote {
                    ctx.para_style
                } else {
                    "Quote"
                };
                self.blocks(
                    out,
                    inner,
                    Ctx {
                        para_style,
                        top_level: false,
                        depth: 0,
                    },
                );
            }
            Block::CodeBlock(code) => {
                let ppr = Ppr::styled(self.style("SourceCode"));
                self.start_paragraph(out, &ppr);
                let code = code.trim_end_matches(['\n', '\r']);
                self.run(out, code, &Fragment::default(), true);
                out.end();
            }
            Block::Figure(image) => {
                let ppr = Ppr::styled(self.style("Figure"));
                self.start_paragraph(out, &ppr);
                self.drawing_run(out, image);
                out.end();
            }
            Block::Chart(chart) => self.chart(out, chart),
            Block::Rule => {
                let ppr = Ppr::styled(self.style("HorizontalRule"));
                self.start_paragraph(out, &ppr);
                out.end();
            }
            Block::Byline(content) => {
                let ppr = Ppr::styled(self.style("Byline"));
                self.paragraph(out, &ppr, content, RunProps::default());
            }
            Block::Lang { lang, blocks } => {
                // Every run inside carries the language, for Word's proofing and hyphenation.
                let outer = self.run_lang.replace(word_lang(lang));
                self.blocks(out, blocks, ctx);
                self.run_lang = outer;
            }
            Block::Inserted(blocks) => self.revised_blocks(out, blocks, ctx, Revision::Inserted),
            Block::Deleted(blocks) => self.revised_blocks(out, blocks, ctx, Revision::Deleted),
        }
    }

    /// Whole blocks inserted or deleted: their runs and their paragraph marks revisions.
    fn revised_blocks(&mut self, out: &mut XmlWriter, blocks: &[Block], ctx: Ctx, kind: Revision) {
        let outer = self.revision.replace(kind);
        let outer_marks = self.marked_paragraphs.replace(kind);
        self.blocks(out, blocks, ctx);
        self.revision = outer;
        self.marked_paragraphs = outer_marks;
    }

    pub(super) fn paragraph(
        &mut self,
        out: &mut XmlWriter,
        ppr: &Ppr,
        content: &[Inline],
        rp: RunProps,
    ) {
        self.start_paragraph(out, ppr);
        self.inlines(out, content, rp);
        out.end();
    }

    fn heading(&mut self, out: &mut XmlWriter, heading: &Heading) {
        if self.in_footnote {
            // Word has no headings in footnotes: a bold footnote paragraph.
            let ppr = Ppr::styled(self.style("FootnoteText"));
            self.paragraph(
                out,
                &ppr,
                &heading.content,
                RunProps {
                    bold: true,
                    ..RunProps::default()
                },
            );
            return;
        }
        let ilvl = usize::from(heading.level.clamp(1, 4) - 1);
        let style = ["Heading1", "Heading2", "Heading3", "Heading4"][ilvl];
        let mut ppr = Ppr::styled(self.style(style));
        let mut label = String::new();
        // A deleted heading keeps its style (Word numbers it while the revision is shown), but
        // the contents and the numbers of the headings after it are the new document's.
        let deleted = self.revision == Some(Revision::Deleted);
        if heading.numbered && deleted {
            ppr.num = Some((self.heading_num, ilvl as u8));
        } else if heading.numbered {
            self.heading_counts[ilvl] = self.heading_counts[ilvl].saturating_add(1);
            for lower in &mut self.heading_counts[ilvl + 1..] {
                *lower = 0;
            }
            label = heading_label(ilvl as u8 + 1, self.heading_counts[ilvl]);
            ppr.num = Some((self.heading_num, ilvl as u8));
        } else {
            ppr.num = Some((0, 0));
            if self.styles.is_ours(style) {
                ppr.ind = Some(Indent {
                    left: 567,
                    hanging: 0,
                });
            }
        }
        // The same depth as the PDF's contents: chapters and sections.
        let in_toc = heading.level <= 2 && !deleted;
        self.start_paragraph(out, &ppr);
        let bookmark = in_toc.then(|| self.start_bookmark(out));
        self.inlines(out, &heading.content, RunProps::default());
        if let Some((id, name)) = bookmark {
            out.start("w:bookmarkEnd").attr("w:id", id).end();
            let level = heading.level.max(1);
            let text = Inline::plain_text(&heading.content);
            self.toc.push(TocEntry {
                level,
                label,
                text,
                bookmark: name,
                annex: false,
            });
        }
        out.end();
    }

    fn list(&mut self, out: &mut XmlWriter, list: &List, ctx: Ctx) {
        let ilvl = ctx.depth.min(8);
        let num = match list.start {
            Some(start) => self.numbering.new_list(ListKind::Ordered, ilvl, start),
            None => self.numbering.new_list(ListKind::Bullet, ilvl, 1),
        };
        let para_style = if self.in_footnote {
            "FootnoteText"
        } else {
            "ListParagraph"
        };
        let inner = Ctx {
            para_style,
            top_level: false,
            depth: ilvl + 1,
        };
        for item in &list.items {
            let mut ppr = Ppr::styled(self.style(para_style));
            ppr.num = Some((num, ilvl));
            let rest = match item.first() {
                Some(Block::Paragraph { content, .. }) => {
                    self.paragraph(out, &ppr, content, RunProps::default());
                    &item[1..]
                }
                _ => {
                    // An item that starts with a list or a table: its number on a line of its own.
                    self.start_paragraph(out, &ppr);
                    out.end();
                    &item[..]
                }
            };
            self.blocks(out, rest, inner);
        }
    }

    pub(super) fn inlines(&mut self, out: &mut XmlWriter, inlines: &[Inline], rp: RunProps) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => {
                    let rpr = self.rpr(&rp);
                    self.run(out, text, &rpr, false);
                }
                Inline::Emph(content) => {
                    self.inlines(out, content, RunProps { italic: true, ..rp })
                }
                Inline::Strong(content) => {
                    self.inlines(out, content, RunProps { bold: true, ..rp })
                }
                Inline::Strike(content) => {
                    self.inlines(out, content, RunProps { strike: true, ..rp })
                }
                Inline::Superscript(content) => self.inlines(
                    out,
                    content,
                    RunProps {
                        superscript: true,
                        ..rp
                    },
                ),
                Inline::Code(text) => {
                    let rpr = self.rpr(&RunProps {
                        style: Some("VerbatimChar"),
                        ..rp
                    });
                    self.run(out, text, &rpr, false);
                }
                Inline::Link { url, content } => self.link(out, url, content, rp),
                Inline::Footnote(blocks) => {
                    if self.in_footnote {
                        // Word has no footnotes inside footnotes: the text in parentheses.
                        let text = format!(" ({})", blocks_plain_text(blocks));
                        let rpr = self.rpr(&rp);
                        self.run(out, &text, &rpr, false);
                    } else {
                        let id = self.footnote(blocks);
                        self.start_run(out);
                        self.note_mark_properties(out);
                        out.start("w:footnoteReference").attr("w:id", id).end();
                        self.end_run(out);
                    }
                }
                Inline::SoftBreak => {
                    let rpr = self.rpr(&rp);
                    self.run(out, " ", &rpr, false);
                }
                Inline::LineBreak => {
                    self.start_run(out);
                    out.leaf("w:br");
                    self.end_run(out);
                }
                Inline::Image(image) => self.drawing_run(out, image),
                Inline::Inserted(content) => {
                    self.revised_inlines(out, content, rp, Revision::Inserted)
                }
                Inline::Deleted(content) => {
                    self.revised_inlines(out, content, rp, Revision::Deleted)
                }
                Inline::Anchor(label) => {
                    // Where the label stands: an empty bookmark, whose paragraph's number a
                    // REF field gives.
                    let (id, name) = self.label_bookmark(label);
                    out.start("w:bookmarkStart")
                        .attr("w:id", id)
                        .attr("w:name", &name)
                        .end();
                    out.start("w:bookmarkEnd").attr("w:id", id).end();
                }
                Inline::Ref {
                    label,
                    number,
                    kind,
                } => self.reference(out, label, number, *kind, rp),
            }
        }
    }

    /// The bookmark of a label: its id and name, the same for every use of the label. Word's
    /// own cross-references name their bookmarks `_Ref` and digits, which it hides.
    pub(super) fn label_bookmark(&mut self, label: &str) -> (u32, String) {
        if let Some(known) = self.label_bookmarks.get(label) {
            return known.clone();
        }
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        let known = (id, format!("_Ref{:09}", id));
        self.label_bookmarks
            .insert(label.to_string(), known.clone());
        known
    }

    /// A cross-reference: a `REF` field to the label's bookmark, its number as the field's
    /// result, so that Word's "Update field" keeps it right after editing and every reader
    /// that does not update fields shows the number. A paragraph's or a chapter's number
    /// comes from Word's numbering (`\n`, without its context; a section's in full context,
    /// `\w`: II.A), an annex's or a figure's from the bookmarked text itself; `\t` keeps only
    /// numbers and their separators, `\h` links to the target.
    fn reference(
        &mut self,
        out: &mut XmlWriter,
        label: &str,
        number: &str,
        kind: RefKind,
        rp: RunProps,
    ) {
        let rpr = self.rpr(&rp);
        let switches = match kind {
            RefKind::Unresolved => {
                self.run(out, number, &rpr, false);
                return;
            }
            RefKind::Paragraph | RefKind::Heading(1) => "\\n \\t \\h",
            RefKind::Heading(_) => "\\w \\t \\h",
            RefKind::Annex | RefKind::Figure => "\\h",
        };
        let (_, bookmark) = self.label_bookmark(label);
        self.start_run(out);
        out.start("w:fldChar").attr("w:fldCharType", "begin").end();
        self.end_run(out);
        let deleted = self.start_run(out);
        let instr = if deleted {
            "w:delInstrText"
        } else {
            "w:instrText"
        };
        out.start(instr)
            .attr("xml:space", "preserve")
            .text(&format!(" REF {bookmark} {switches} "))
            .end();
        self.end_run(out);
        self.start_run(out);
        out.start("w:fldChar")
            .attr("w:fldCharType", "separate")
            .end();
        self.end_run(out);
        self.run(out, number, &rpr, false);
        self.start_run(out);
        out.start("w:fldChar").attr("w:fldCharType", "end").end();
        self.end_run(out);
    }

    /// `text` inside the bookmark of `label`: the number of an annex or a figure, which a
    /// `REF` field gives as it stands.
    pub(super) fn bookmarked_run(
        &mut self,
        out: &mut XmlWriter,
        label: &str,
        text: &str,
        rpr: &Fragment,
    ) {
        let (id, name) = self.label_bookmark(label);
        out.start("w:bookmarkStart")
            .attr("w:id", id)
            .attr("w:name", &name)
            .end();
        self.run(out, text, rpr, false);
        out.start("w:bookmarkEnd").attr("w:id", id).end();
    }

    /// The run properties of a footnote's number, in the text and in the note.
    fn note_mark_properties(&self, out: &mut XmlWriter) {
        out.start("w:rPr")
            .val("w:rStyle", self.style("FootnoteReference"))
            .val("w:vertAlign", "superscript")
            .end();
    }

    /// Text inserted or deleted: its runs revisions.
    fn revised_inlines(
        &mut self,
        out: &mut XmlWriter,
        content: &[Inline],
        rp: RunProps,
        kind: Revision,
    ) {
        let outer = self.revision.replace(kind);
        self.inlines(out, content, rp);
        self.revision = outer;
    }

    fn link(&mut self, out: &mut XmlWriter, url: &str, content: &[Inline], rp: RunProps) {
        let shown;
        let content = if content.is_empty() {
            shown = [Inline::Text(url.to_string())];
            &shown[..]
        } else {
            content
        };
        if rp.in_link || !is_web_or_mail_url(url) {
            self.inlines(out, content, rp);
            return;
        }
        let id = self.rels().hyperlink(&uri_target(url));
        out.start("w:hyperlink")
            .attr("r:id", &id)
            .attr("w:history", 1);
        self.inlines(
            out,
            content,
            RunProps {
                style: Some("Hyperlink"),
                in_link: true,
                ..rp
            },
        );
        out.end();
    }

    /// Writes a footnote's body into the footnotes part and returns its id.
    fn footnote(&mut self, blocks: &[Block]) -> usize {
        self.footnotes.push(Fragment::default());
        let id = self.footnotes.len();
        let was_in_footnote = std::mem::replace(&mut self.in_footnote, true);
        // A footnote inserted or deleted with its reference: its text too, marks and all.
        let outer_marks = std::mem::replace(&mut self.marked_paragraphs, self.revision);
        let ppr = Ppr::styled(self.style("FootnoteText"));
        let ctx = Ctx {
            para_style: "FootnoteText",
            top_level: false,
            depth: 0,
        };
        let mut body = XmlWriter::new();
        body.start("w:footnote").attr("w:id", id);
        self.start_paragraph(&mut body, &ppr);
        self.start_run(&mut body);
        self.note_mark_properties(&mut body);
        body.leaf("w:footnoteRef");
        self.end_run(&mut body);
        self.start_run(&mut body);
        body.leaf("w:tab");
        self.end_run(&mut body);
        let rest = match blocks.first() {
            Some(Block::Paragraph { content, .. }) => {
                self.inlines(&mut body, content, RunProps::default());
                &blocks[1..]
            }
            _ => blocks,
        };
        body.end();
        self.blocks(&mut body, rest, ctx);
        if !body.ends_with_end_of("w:p") {
            // A note ends with a paragraph, where Word puts the cursor.
            self.start_paragraph(&mut body, &ppr);
            body.end();
        }
        body.end();
        self.in_footnote = was_in_footnote;
        self.marked_paragraphs = outer_marks;
        self.footnotes[id - 1] = body.finish();
        id
    }

    /// Starts an inline drawing of this extent (EMU) in the run just started: `w:drawing`,
    /// `wp:inline`, and its `wp:docPr` (named "`kind` n", described by `descr`) left open
    /// for extensions.
    pub(super) fn start_drawing(
        &mut self,
        out: &mut XmlWriter,
        (cx, cy): (i64, i64),
        kind: &str,
        descr: &str,
    ) {
        let id = self.next_docpr;
        self.next_docpr += 1;
        out.start("w:drawing")
            .start("wp:inline")
            .attr("distT", 0)
            .attr("distB", 0)
            .attr("distL", 0)
            .attr("distR", 0)
            .start("wp:extent")
            .attr("cx", cx)
            .attr("cy", cy)
            .end()
            .markup("<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>")
            .start("wp:docPr")
            .attr("id", id)
            .attr("name", format_args!("{kind} {id}"))
            .attr("descr", descr);
    }

    /// An inline picture, at most as wide as the text (or the table cell).
    ///
    /// SVG is the main picture, which LibreOffice shows, and again in the `asvg:svgBlip`
    /// extension through which Word 2016 and later show SVG. There is no PNG fallback: Word
    /// 2013 and older show an empty frame for it.
    pub(super) fn drawing_run(&mut self, out: &mut XmlWriter, image: &ImageRef) {
        let media_name = self.media.add(image);
        let rid = self.rels().image(&media_name);
        let max_height = self.page.text_height_twips() * 635;
        let (cx, cy) = image_extent(
            image.width_pt,
            image.height_pt,
            self.max_image_emu,
            max_height,
        );
        self.start_run(out);
        self.start_drawing(out, (cx, cy), "Picture", &image.alt);
        // A picture marked decorative in its source (an empty alternative text) is marked so
        // for Word, whose accessibility checker then passes over it.
        if image.alt.is_empty() {
            out.start("a:extLst")
                .start("a:ext")
                .attr("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
                .start("adec:decorative")
                .attr("xmlns:adec", names::ADEC)
                .attr("val", 1)
                .end()
                .end()
                .end();
        }
        out.end();
        out.markup(concat!(
            "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>",
            "</wp:cNvGraphicFramePr>"
        ));
        out.start("a:graphic")
            .start("a:graphicData")
            .attr("uri", names::PIC)
            .start("pic:pic")
            .start("pic:nvPicPr")
            .start("pic:cNvPr")
            .attr("id", 0)
            .attr("name", &media_name)
            .attr("descr", &image.alt)
            .end()
            .leaf("pic:cNvPicPr")
            .end();
        out.start("pic:blipFill")
            .start("a:blip")
            .attr("r:embed", &rid);
        if image.format == ImageFormat::Svg {
            out.start("a:extLst")
                .start("a:ext")
                .attr("uri", "{96DAC541-7B7A-43D3-8B79-37D633B846F1}")
                .start("asvg:svgBlip")
                .attr("xmlns:asvg", names::ASVG)
                .attr("r:embed", &rid)
                .end()
                .end()
                .end();
        }
        out.end()
            .markup("<a:stretch><a:fillRect/></a:stretch>")
            .end();
        out.start("pic:spPr")
            .start("a:xfrm")
            .markup("<a:off x=\"0\" y=\"0\"/>")
            .start("a:ext")
            .attr("cx", cx)
            .attr("cy", cy)
            .end()
            .end()
            .markup("<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>")
            .end();
        // pic:pic, a:graphicData, a:graphic, wp:inline, w:drawing.
        out.end().end().end().end().end();
        self.end_run(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_tabs_and_line_ends() {
        let content = |text: &str, code: bool, deleted: bool| {
            let mut out = XmlWriter::new();
            run_content(&mut out, text, code, deleted);
            out.finish().into_string()
        };
        assert_eq!(
            content("a\tb\nc", false, false),
            concat!(
                "<w:t xml:space=\"preserve\">a</w:t><w:tab/>",
                "<w:t xml:space=\"preserve\">b c</w:t>"
            )
        );
        assert_eq!(
            content("a\r\nb", true, true),
            concat!(
                "<w:delText xml:space=\"preserve\">a</w:delText><w:br/>",
                "<w:delText xml:space=\"preserve\">b</w:delText>"
            )
        );
        let mut out = XmlWriter::new();
        text_run(&mut out, "\u{1}\u{2}", &Fragment::default());
        assert!(out.is_empty());
        assert!(!has_content("\u{1}\r", true) && has_content("\r", false));
    }

    #[test]
    fn images_fit_the_text_width() {
        // 72 pt is an inch, 914,400 EMU; 80 mm is 2,880,000 EMU.
        assert_eq!(
            image_extent(72.0, 36.0, 10_000_000, 10_000_000),
            (914_400, 457_200)
        );
        let mm = 72.0 / 25.4;
        assert_eq!(
            image_extent(80.0 * mm, 40.0 * mm, 10_000_000, 10_000_000),
            (2_880_000, 1_440_000)
        );
        assert_eq!(
            image_extent(1500.0, 750.0, 5_000_000, 10_000_000),
            (5_000_000, 2_500_000)
        );
        assert_eq!(image_extent(0.0, 0.0, 5_000_000, 10_000_000), (9525, 9525));
        assert_eq!(
            image_extent(f64::NAN, -1.0, 5_000_000, 10_000_000),
            (9525, 9525)
        );
        let (cx, cy) = image_extent(75.0, 75_000.0, 5_000_000, 8_000_000);
        assert!(cx >= 1 && cy == 8_000_000);
        let (cx, cy) = image_extent(f64::MAX, f64::MAX, 5_000_000, 8_000_000);
        assert_eq!((cx, cy), (5_000_000, 5_000_000));
        let (cx, cy) = image_extent(1e-300, 1e300, 5_000_000, 8_000_000);
        assert!(cx >= 1 && cy == 8_000_000);
    }

    #[test]
    fn link_targets_are_percent_encoded() {
        assert_eq!(
            uri_target("https://x.org/a b?q=\"é\""),
            "https://x.org/a%20b?q=%22%C3%A9%22"
        );
    }
}
