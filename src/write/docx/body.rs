//! The body and the annexes: each annex on a new page under its "Annex I" title, with its
//! chapters numbered afresh.

use crate::model::Annex;
use crate::model::numbers::roman;

use super::ooxml::{Ctx, text_run};
use super::writer::{TocEntry, Writer};
use super::xml::escape;

impl Writer<'_> {
    /// The body and the annexes, as the content of `w:body` (without the section properties).
    pub(super) fn body_xml(&mut self) -> String {
        let mut out = String::new();
        let doc = self.doc;
        self.blocks(&mut out, &doc.body, Ctx::BODY);
        for (index, annex) in doc.annexes.iter().enumerate() {
            self.annex(&mut out, index + 1, annex);
        }
        out
    }

    fn annex(&mut self, out: &mut String, number: usize, annex: &Annex) {
        // Chapters of an annex are numbered I., II. again: a new instance of the heading list.
        self.heading_num = self.numbering.restarted_headings();
        self.heading_counts = [0; 4];
        let label = format!("{} {}", self.doc.labels.annex, roman(number as u64));
        let bookmark = self.new_bookmark();
        let style = self.style("AnnexHeading").to_string();
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>",
            escape(&style)
        ));
        out.push_str(&bookmark.0);
        out.push_str(&text_run(&label, ""));
        if !annex.title.trim().is_empty() {
            out.push_str("<w:r><w:br/></w:r>");
            out.push_str(&text_run(&annex.title, ""));
        }
        out.push_str(&bookmark.1);
        out.push_str("</w:p>");
        self.toc.push(TocEntry {
            level: 1,
            label,
            text: annex.title.clone(),
            bookmark: bookmark.2,
            annex: true,
        });
        self.blocks(out, &annex.blocks, Ctx::BODY);
    }
}
