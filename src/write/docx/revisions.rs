//! Changes from an earlier version as Word revisions: runs inside `w:ins` and `w:del` (deleted
//! text in `w:delText`), and inserted or deleted paragraph marks, each with the author
//! `speca-docs` and the build date, so that Word's Review pane lists them, "Accept all" gives
//! the new document and "Reject all" the old one.
//!
//! They are written while the document is written: the writer knows the revision it is inside
//! (`Writer::revision` for runs, `Writer::marked_paragraphs` for paragraph marks) and wraps
//! each run and marks each paragraph as it writes it (`blocks.rs`).

use crate::model::Date;
use crate::ooxml::XmlWriter;

/// Which kind of revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Revision {
    Inserted,
    Deleted,
}

impl Revision {
    pub(super) fn element(self) -> &'static str {
        match self {
            Revision::Inserted => "w:ins",
            Revision::Deleted => "w:del",
        }
    }
}

/// The author Word shows for every revision.
pub(super) const AUTHOR: &str = "speca-docs";

/// Numbers revisions: `w:id` values unique in the document, apart from bookmarks' ids.
pub(super) struct RevisionIds {
    next: u32,
    /// `w:date`, e.g. `2022-10-15T00:00:00Z`.
    date: String,
}

impl RevisionIds {
    pub(super) fn new(date: Date) -> RevisionIds {
        RevisionIds {
            next: 900_000,
            date: format!(
                "{:04}-{:02}-{:02}T00:00:00Z",
                date.year, date.month, date.day
            ),
        }
    }

    /// Starts the element of the next revision of `kind`, with its id, author and date.
    pub(super) fn start(&mut self, out: &mut XmlWriter, kind: Revision) {
        self.next += 1;
        out.start(kind.element())
            .attr("w:id", self.next)
            .attr("w:author", AUTHOR)
            .attr("w:date", &self.date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_are_numbered_with_author_and_date() {
        let mut ids = RevisionIds::new(Date {
            year: 2022,
            month: 10,
            day: 15,
        });
        let mut out = XmlWriter::new();
        ids.start(&mut out, Revision::Deleted);
        out.end();
        ids.start(&mut out, Revision::Inserted);
        out.end();
        assert_eq!(
            out.finish().as_str(),
            concat!(
                "<w:del w:id=\"900001\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"/>",
                "<w:ins w:id=\"900002\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"/>"
            )
        );
    }
}
