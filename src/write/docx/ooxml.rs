//! Blocks and inlines to WordprocessingML.
//!
//! Text from the model becomes runs here: a tab becomes `<w:tab/>`, a newline in code becomes
//! `<w:br/>` (elsewhere a space), and the rest is escaped by [`escape`].

use crate::model::numbers::{heading_label, is_web_or_mail_url};
use crate::model::{Block, Heading, ImageFormat, ImageRef, Inline, List};

use super::numbering::{ListKind, list_text_indent};
use super::revisions::{Revision, mark_paragraphs, mark_runs};
use super::styles::word_lang;
use super::writer::{TocEntry, Writer};
use super::xml::{escape, is_xml_char};

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

/// Paragraph properties, written in the order the schema demands.
#[derive(Default)]
pub(super) struct Ppr {
    /// The resolved style id.
    pub style: String,
    pub keep_next: bool,
    /// `(numId, ilvl)`; numId 0 removes a numbering the style carries.
    pub num: Option<(u32, u8)>,
    /// A complete `<w:ind …/>` element.
    pub ind: Option<String>,
    pub jc: Option<&'static str>,
}

impl Ppr {
    pub fn styled(style: &str) -> Ppr {
        Ppr {
            style: style.to_string(),
            ..Ppr::default()
        }
    }

    pub fn xml(&self) -> String {
        let mut out = String::from("<w:pPr>");
        if !self.style.is_empty() {
            out.push_str(&format!("<w:pStyle w:val=\"{}\"/>", escape(&self.style)));
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if let Some((num_id, ilvl)) = self.num {
            out.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num_id}\"/></w:numPr>"
            ));
        }
        if let Some(ind) = &self.ind {
            out.push_str(ind);
        }
        if let Some(jc) = self.jc {
            out.push_str(&format!("<w:jc w:val=\"{jc}\"/>"));
        }
        out.push_str("</w:pPr>");
        out
    }
}

/// The children of a `w:r` for a text: `w:t`, `w:tab`, and for code `w:br` at line ends.
fn run_content(text: &str, code: bool) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut String| {
        if !buf.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(&escape(buf));
            out.push_str("</w:t>");
            buf.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(&mut buf, &mut out);
                out.push_str("<w:tab/>");
            }
            '\n' if code => {
                flush(&mut buf, &mut out);
                out.push_str("<w:br/>");
            }
            '\r' if code => {}
            '\n' | '\r' => buf.push(' '),
            c if is_xml_char(c) => buf.push(c),
            _ => {}
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// A run of text with the given run properties (the inside of `w:rPr`, or "" for none). Empty
/// when the text has nothing to show.
pub(super) fn text_run(text: &str, rpr: &str) -> String {
    run(&run_content(text, false), rpr)
}

/// A run of preformatted text: line ends become `w:br`.
pub(super) fn code_run(text: &str, rpr: &str) -> String {
    run(&run_content(text, true), rpr)
}

fn run(content: &str, rpr: &str) -> String {
    if content.is_empty() {
        return String::new();
    }
    if rpr.is_empty() {
        format!("<w:r>{content}</w:r>")
    } else {
        format!("<w:r><w:rPr>{rpr}</w:rPr>{content}</w:r>")
    }
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
    pub(super) fn rpr(&self, rp: &RunProps) -> String {
        let mut out = String::new();
        if let Some(style) = rp.style {
            out.push_str(&format!(
                "<w:rStyle w:val=\"{}\"/>",
                escape(self.style(style))
            ));
        }
        if rp.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if rp.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if rp.strike {
            out.push_str("<w:strike/>");
        }
        if rp.superscript {
            out.push_str("<w:vertAlign w:val=\"superscript\"/>");
        }
        if let Some(lang) = &self.run_lang {
            out.push_str(&format!("<w:lang w:val=\"{}\"/>", escape(lang)));
        }
        out
    }

    pub(super) fn blocks(&mut self, out: &mut String, blocks: &[Block], ctx: Ctx) {
        for block in blocks {
            self.block(out, block, ctx);
        }
    }

    fn block(&mut self, out: &mut String, block: &Block, ctx: Ctx) {
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
                    ppr.ind = Some(format!("<w:ind w:left=\"{left}\" w:hanging=\"0\"/>"));
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
                out.push_str("<w:p>");
                out.push_str(&ppr.xml());
                out.push_str(&code_run(code.trim_end_matches(['\n', '\r']), ""));
                out.push_str("</w:p>");
            }
            Block::Figure(image) => {
                let ppr = Ppr::styled(self.style("Figure"));
                out.push_str("<w:p>");
                out.push_str(&ppr.xml());
                let drawing = self.drawing_run(image);
                out.push_str(&drawing);
                out.push_str("</w:p>");
            }
            Block::Chart(chart) => self.chart(out, chart),
            Block::Rule => {
                let ppr = Ppr::styled(self.style("HorizontalRule"));
                out.push_str(&format!("<w:p>{}</w:p>", ppr.xml()));
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
    fn revised_blocks(&mut self, out: &mut String, blocks: &[Block], ctx: Ctx, kind: Revision) {
        let outer = self.revision.replace(kind);
        let mut xml = String::new();
        self.blocks(&mut xml, blocks, ctx);
        self.revision = outer;
        let xml = mark_runs(&xml, kind, &mut self.revisions);
        out.push_str(&mark_paragraphs(&xml, kind, &mut self.revisions));
    }

    pub(super) fn paragraph(
        &mut self,
        out: &mut String,
        ppr: &Ppr,
        content: &[Inline],
        rp: RunProps,
    ) {
        out.push_str("<w:p>");
        out.push_str(&ppr.xml());
        self.inlines(out, content, rp);
        out.push_str("</w:p>");
    }

    fn heading(&mut self, out: &mut String, heading: &Heading) {
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
                ppr.ind = Some("<w:ind w:left=\"567\" w:hanging=\"0\"/>".to_string());
            }
        }
        // The same depth as the PDF's contents: chapters and sections.
        let in_toc = heading.level <= 2 && !deleted;
        let bookmark = if in_toc {
            Some(self.new_bookmark())
        } else {
            None
        };
        out.push_str("<w:p>");
        out.push_str(&ppr.xml());
        if let Some((start, _, _)) = &bookmark {
            out.push_str(start);
        }
        self.inlines(out, &heading.content, RunProps::default());
        if let Some((_, end, name)) = bookmark {
            out.push_str(&end);
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
        out.push_str("</w:p>");
    }

    fn list(&mut self, out: &mut String, list: &List, ctx: Ctx) {
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
                    out.push_str(&format!("<w:p>{}</w:p>", ppr.xml()));
                    &item[..]
                }
            };
            self.blocks(out, rest, inner);
        }
    }

    pub(super) fn inlines(&mut self, out: &mut String, inlines: &[Inline], rp: RunProps) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => out.push_str(&text_run(text, &self.rpr(&rp))),
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
                    out.push_str(&text_run(text, &rpr));
                }
                Inline::Link { url, content } => self.link(out, url, content, rp),
                Inline::Footnote(blocks) => {
                    if self.in_footnote {
                        // Word has no footnotes inside footnotes: the text in parentheses.
                        let text = format!(" ({})", blocks_plain_text(blocks));
                        out.push_str(&text_run(&text, &self.rpr(&rp)));
                    } else {
                        let id = self.footnote(blocks);
                        let style = escape(self.style("FootnoteReference"));
                        out.push_str(&format!(
                            "<w:r><w:rPr><w:rStyle w:val=\"{style}\"/><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
                        ));
                    }
                }
                Inline::SoftBreak => out.push_str(&text_run(" ", &self.rpr(&rp))),
                Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
                Inline::Image(image) => {
                    let drawing = self.drawing_run(image);
                    out.push_str(&drawing);
                }
                Inline::Inserted(content) => {
                    self.revised_inlines(out, content, rp, Revision::Inserted)
                }
                Inline::Deleted(content) => {
                    self.revised_inlines(out, content, rp, Revision::Deleted)
                }
            }
        }
    }

    /// Text inserted or deleted: its runs revisions.
    fn revised_inlines(
        &mut self,
        out: &mut String,
        content: &[Inline],
        rp: RunProps,
        kind: Revision,
    ) {
        let outer = self.revision.replace(kind);
        let mut xml = String::new();
        self.inlines(&mut xml, content, rp);
        self.revision = outer;
        out.push_str(&mark_runs(&xml, kind, &mut self.revisions));
    }

    fn link(&mut self, out: &mut String, url: &str, content: &[Inline], rp: RunProps) {
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
        out.push_str(&format!("<w:hyperlink r:id=\"{id}\" w:history=\"1\">"));
        self.inlines(
            out,
            content,
            RunProps {
                style: Some("Hyperlink"),
                in_link: true,
                ..rp
            },
        );
        out.push_str("</w:hyperlink>");
    }

    /// Writes a footnote's body into the footnotes part and returns its id.
    fn footnote(&mut self, blocks: &[Block]) -> usize {
        self.footnotes.push(String::new());
        let id = self.footnotes.len();
        let was_in_footnote = std::mem::replace(&mut self.in_footnote, true);
        let style = self.style("FootnoteText").to_string();
        let mark = format!(
            "<w:r><w:rPr><w:rStyle w:val=\"{}\"/><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:tab/></w:r>",
            escape(self.style("FootnoteReference"))
        );
        let ctx = Ctx {
            para_style: "FootnoteText",
            top_level: false,
            depth: 0,
        };
        let mut body = String::new();
        let rest = match blocks.first() {
            Some(Block::Paragraph { content, .. }) => {
                body.push_str("<w:p>");
                body.push_str(&Ppr::styled(&style).xml());
                body.push_str(&mark);
                self.inlines(&mut body, content, RunProps::default());
                body.push_str("</w:p>");
                &blocks[1..]
            }
            _ => {
                body.push_str(&format!("<w:p>{}{mark}</w:p>", Ppr::styled(&style).xml()));
                blocks
            }
        };
        self.blocks(&mut body, rest, ctx);
        if !body.ends_with("</w:p>") {
            body.push_str(&format!("<w:p>{}</w:p>", Ppr::styled(&style).xml()));
        }
        self.in_footnote = was_in_footnote;
        // A footnote inserted or deleted with its reference: its text too, marks and all.
        if let Some(kind) = self.revision {
            body = mark_paragraphs(
                &mark_runs(&body, kind, &mut self.revisions),
                kind,
                &mut self.revisions,
            );
        }
        self.footnotes[id - 1] = format!("<w:footnote w:id=\"{id}\">{body}</w:footnote>");
        id
    }

    /// An inline picture, at most as wide as the text (or the table cell).
    ///
    /// SVG is the main picture, which LibreOffice shows, and again in the `asvg:svgBlip`
    /// extension through which Word 2016 and later show SVG. There is no PNG fallback: Word
    /// 2013 and older show an empty frame for it.
    pub(super) fn drawing_run(&mut self, image: &ImageRef) -> String {
        let media_name = self.media.add(image);
        let rid = self.rels().image(&media_name);
        let max_height = self.page.text_height_twips() * 635;
        let (cx, cy) = image_extent(
            image.width_pt,
            image.height_pt,
            self.max_image_emu,
            max_height,
        );
        let id = self.next_docpr;
        self.next_docpr += 1;
        let descr = escape(&image.alt);
        let blip = if image.format == ImageFormat::Svg {
            format!(
                concat!(
                    "<a:blip r:embed=\"{rid}\"><a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\">",
                    "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"{rid}\"/>",
                    "</a:ext></a:extLst></a:blip>"
                ),
                rid = rid
            )
        } else {
            format!("<a:blip r:embed=\"{rid}\"/>")
        };
        // A picture marked decorative in its source (an empty alternative text) is marked so
        // for Word, whose accessibility checker then passes over it.
        let doc_pr_end = if image.alt.is_empty() {
            concat!(
                "><a:extLst><a:ext uri=\"{C183D7F6-B498-43B3-948B-1728B52AA6E4}\">",
                "<adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\"/>",
                "</a:ext></a:extLst></wp:docPr>"
            )
        } else {
            "/>"
        };
        format!(
            concat!(
                "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">",
                "<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>",
                "<wp:docPr id=\"{id}\" name=\"Picture {id}\" descr=\"{descr}\"{doc_pr_end}",
                "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>",
                "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">",
                "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"{name}\" descr=\"{descr}\"/><pic:cNvPicPr/></pic:nvPicPr>",
                "<pic:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></pic:blipFill>",
                "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>",
                "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>",
                "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
            ),
            cx = cx,
            cy = cy,
            id = id,
            descr = descr,
            name = escape(&media_name),
            blip = blip,
            doc_pr_end = doc_pr_end,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_tabs_and_line_ends() {
        assert_eq!(
            run_content("a\tb\nc", false),
            concat!(
                "<w:t xml:space=\"preserve\">a</w:t><w:tab/>",
                "<w:t xml:space=\"preserve\">b c</w:t>"
            )
        );
        assert_eq!(
            run_content("a\r\nb", true),
            concat!(
                "<w:t xml:space=\"preserve\">a</w:t><w:br/>",
                "<w:t xml:space=\"preserve\">b</w:t>"
            )
        );
        assert_eq!(text_run("\u{1}\u{2}", ""), "");
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
