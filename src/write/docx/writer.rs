//! What the DOCX writer keeps while it walks the document: the model, the resolved styles and
//! page, numbering instances, relationships, media, footnotes, ids and the contents entries.
//! The parts that write XML (`body`, `ooxml`, `tables`, `front`, `package`) read and update it.

use crate::model::{Chart, Document};
use crate::ooxml::{Fragment, XmlWriter};

use super::numbering::Numbering;
use super::page::PageSetup;
use super::rels::{Media, Rels};
use super::revisions::{Revision, RevisionIds};
use super::styles::StyleMap;

/// What the writer keeps while it walks the document: relationships, media, footnotes, numbering
/// instances, ids. The read-only inputs (`doc`, `styles`, `page`) sit beside the state.
pub(super) struct Writer<'a> {
    pub(super) doc: &'a Document,
    pub(super) styles: StyleMap,
    pub(super) page: PageSetup,
    pub(super) numbering: Numbering,
    /// Relationships of `word/document.xml` and of `word/footnotes.xml`.
    pub(super) doc_rels: Rels,
    pub(super) note_rels: Rels,
    pub(super) media: Media,
    /// The chart parts, `word/charts/chart1.xml` …, in order.
    pub(super) charts: Vec<ChartPart>,
    /// Complete `<w:footnote>` elements, ids 1, 2, … in order of appearance.
    pub(super) footnotes: Vec<Fragment>,
    /// Whether the writer is inside a footnote (relationships then go to the footnotes part).
    pub(super) in_footnote: bool,
    pub(super) next_docpr: u32,
    pub(super) next_bookmark: u32,
    /// The bookmark (id and name) of each label cross-references point to.
    pub(super) label_bookmarks: std::collections::BTreeMap<String, (u32, String)>,
    /// Entries of the table of contents, collected while the body is written.
    pub(super) toc: Vec<TocEntry>,
    /// Counters of the heading levels I., A., 1., (a), mirroring Word's numbering.
    pub(super) heading_counts: [u32; 4],
    /// The numId that headings of the current part (body or one annex) use.
    pub(super) heading_num: u32,
    /// The widest an image may be, in EMU (the indented text width, or a table cell's).
    pub(super) max_image_emu: i64,
    /// The language of the runs being written when it differs from the document's.
    pub(super) run_lang: Option<String>,
    /// Ids and date of Word revisions, when the document marks changes.
    pub(super) revisions: RevisionIds,
    /// The revision being written (inside an inserted or deleted part), which a footnote's
    /// own text takes too: every run written is inside it.
    pub(super) revision: Option<Revision>,
    /// The revision of whole blocks being written: every paragraph mark written carries it.
    pub(super) marked_paragraphs: Option<Revision>,
}

/// One line of the table of contents.
/// A chart part (`word/charts/chartN.xml`) and the chart it shows, whose data becomes its
/// embedded workbook when the package is assembled.
pub(super) struct ChartPart {
    pub xml: Fragment,
    pub chart: Chart,
}

pub(super) struct TocEntry {
    pub(super) level: u8,
    /// "I.", "A.", "1.", "Annex I", or empty for an unnumbered heading.
    pub(super) label: String,
    pub(super) text: String,
    pub(super) bookmark: String,
    /// An annex title, whose label ("Annex I") is wider than a heading number.
    pub(super) annex: bool,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        doc: &'a Document,
        styles: StyleMap,
        page: PageSetup,
        numbering: Numbering,
    ) -> Writer<'a> {
        let heading_num = numbering.heading_num();
        // Body text is indented by 1 cm (567 twips); pictures stay within it.
        let max_image_emu = (page.text_width_twips() - 567).max(1440) * 635;
        Writer {
            doc,
            styles,
            page,
            numbering,
            doc_rels: Rels::for_document(),
            note_rels: Rels::default(),
            media: Media::default(),
            charts: Vec::new(),
            footnotes: Vec::new(),
            in_footnote: false,
            next_docpr: 1,
            next_bookmark: 1,
            label_bookmarks: std::collections::BTreeMap::new(),
            toc: Vec::new(),
            heading_counts: [0; 4],
            heading_num,
            max_image_emu,
            run_lang: None,
            revisions: RevisionIds::new(doc.changes.as_ref().map_or(
                crate::model::Date {
                    year: 1980,
                    month: 1,
                    day: 1,
                },
                |c| c.revised,
            )),
            revision: None,
            marked_paragraphs: None,
        }
    }

    /// The resolved id of one of our style ids (a reference.docx may name it differently).
    pub(super) fn style(&self, ours: &'static str) -> &str {
        self.styles.id(ours)
    }

    /// The relationships of the part being written.
    pub(super) fn rels(&mut self) -> &mut Rels {
        if self.in_footnote {
            &mut self.note_rels
        } else {
            &mut self.doc_rels
        }
    }

    /// Starts a new bookmark (`w:bookmarkStart`) for the table of contents: its id and name.
    pub(super) fn start_bookmark(&mut self, out: &mut XmlWriter) -> (u32, String) {
        let id = self.next_bookmark;
        self.next_bookmark += 1;
        let name = format!("_Toc{id:08}");
        out.start("w:bookmarkStart")
            .attr("w:id", id)
            .attr("w:name", &name)
            .end();
        (id, name)
    }
}
