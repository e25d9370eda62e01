//! The body and the annexes: each annex on a new page under its "Annex I" title, with its
//! chapters numbered afresh.

use crate::model::Annex;
use crate::model::numbers::roman;

use crate::ooxml::{Fragment, XmlWriter};

use super::blocks::{Ctx, Ppr, text_run};
use super::writer::{TocEntry, Writer};

impl Writer<'_> {
    /// The body and the annexes, as the content of `w:body` (without the section properties).
    pub(super) fn body_xml(&mut self) -> Fragment {
        let mut out = XmlWriter::new();
        let doc = self.doc;
        self.blocks(&mut out, &doc.body, Ctx::BODY);
        for (index, annex) in doc.annexes.iter().enumerate() {
            self.annex(&mut out, index + 1, annex);
        }
        out.finish()
    }

    fn annex(&mut self, out: &mut XmlWriter, number: usize, annex: &Annex) {
        // Chapters of an annex are numbered I., II. again: a new instance of the heading list.
        self.heading_num = self.numbering.restarted_headings();
        self.heading_counts = [0; 4];
        let numeral = roman(number as u64);
        let label = format!("{} {numeral}", self.doc.labels.annex);
        Ppr::styled(self.style("AnnexHeading")).start_paragraph(out);
        let (id, bookmark) = self.start_bookmark(out);
        let plain = Fragment::default();
        match &annex.label {
            // The numeral alone in the label's bookmark, which a REF field gives as it stands.
            Some(name) => {
                text_run(out, &format!("{} ", self.doc.labels.annex), &plain);
                self.bookmarked_run(out, name, &numeral, &plain);
            }
            None => text_run(out, &label, &plain),
        }
        if !annex.title.trim().is_empty() {
            out.start("w:r").leaf("w:br").end();
            text_run(out, &annex.title, &plain);
        }
        out.start("w:bookmarkEnd").attr("w:id", id).end();
        out.end();
        self.toc.push(TocEntry {
            level: 1,
            label,
            text: annex.title.clone(),
            bookmark,
            annex: true,
        });
        self.blocks(out, &annex.blocks, Ctx::BODY);
    }
}
