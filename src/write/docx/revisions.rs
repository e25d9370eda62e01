//! Changes from an earlier version as Word revisions: runs inside `w:ins` and `w:del` (deleted
//! text in `w:delText`), and inserted or deleted paragraph marks, each with the author
//! `speca-docs` and the build date, so that Word's Review pane lists them, "Accept all" gives
//! the new document and "Reject all" the old one.
//!
//! The writer writes a changed part's XML as it writes any other, then marks it here: every
//! run not already inside a revision, and, for whole blocks, every paragraph mark.

use crate::model::Date;

/// Which kind of revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Revision {
    Inserted,
    Deleted,
}

impl Revision {
    fn element(self) -> &'static str {
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

    /// The attributes of the next revision: `w:id="…" w:author="…" w:date="…"`.
    fn attributes(&mut self) -> String {
        self.next += 1;
        format!(
            "w:id=\"{}\" w:author=\"{AUTHOR}\" w:date=\"{}\"",
            self.next, self.date
        )
    }
}

/// Every run of `xml` that is not inside a revision already, as a revision of `kind`.
pub(super) fn mark_runs(xml: &str, kind: Revision, ids: &mut RevisionIds) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 4);
    let mut depth = 0usize;
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("<w:ins ") || tag.starts_with("<w:del ") {
            if !tag.ends_with("/>") {
                depth += 1;
            }
            out.push_str(tag);
        } else if tag == "</w:ins>" || tag == "</w:del>" {
            depth = depth.saturating_sub(1);
            out.push_str(tag);
        } else if tag == "<w:r>" && depth == 0 {
            // The whole run, up to its end: runs do not nest.
            let close = rest
                .find("</w:r>")
                .map_or(rest.len(), |c| c + "</w:r>".len());
            let run = &rest[..close];
            let run = match kind {
                Revision::Inserted => run.to_string(),
                Revision::Deleted => run
                    .replace("<w:t>", "<w:delText>")
                    .replace(
                        "<w:t xml:space=\"preserve\">",
                        "<w:delText xml:space=\"preserve\">",
                    )
                    .replace("</w:t>", "</w:delText>"),
            };
            let element = kind.element();
            out.push_str(&format!(
                "<{element} {}>{run}</{element}>",
                ids.attributes()
            ));
            rest = &rest[close..];
            continue;
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every paragraph mark of `xml` as inserted or deleted, so that accepting or rejecting the
/// revision adds or removes the paragraphs themselves, not only their text.
pub(super) fn mark_paragraphs(xml: &str, kind: Revision, ids: &mut RevisionIds) -> String {
    let mut out = String::with_capacity(xml.len() + xml.len() / 8);
    let mut rest = xml;
    while let Some(at) = rest.find("<w:p>") {
        out.push_str(&rest[..at + "<w:p>".len()]);
        rest = &rest[at + "<w:p>".len()..];
        let mark = format!("<w:rPr><{} {}/></w:rPr>", kind.element(), ids.attributes());
        if rest.starts_with("<w:pPr>") {
            // The mark's run properties come last in the paragraph's properties.
            let close = rest.find("</w:pPr>").unwrap_or(0);
            out.push_str(&rest[..close]);
            out.push_str(&mark);
            rest = &rest[close..];
        } else {
            out.push_str(&format!("<w:pPr>{mark}</w:pPr>"));
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> RevisionIds {
        RevisionIds::new(Date {
            year: 2022,
            month: 10,
            day: 15,
        })
    }

    #[test]
    fn runs_are_marked_once() {
        let xml = concat!(
            "<w:p><w:pPr><w:pStyle w:val=\"SingleTxt\"/></w:pPr>",
            "<w:r><w:t xml:space=\"preserve\">old </w:t></w:r>",
            "<w:ins w:id=\"1\" w:author=\"a\" w:date=\"d\"><w:r><w:t>kept</w:t></w:r></w:ins>",
            "<w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t>x</w:t></w:r></w:p>"
        );
        let marked = mark_runs(xml, Revision::Deleted, &mut ids());
        assert_eq!(
            marked,
            concat!(
                "<w:p><w:pPr><w:pStyle w:val=\"SingleTxt\"/></w:pPr>",
                "<w:del w:id=\"900001\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"><w:r><w:delText xml:space=\"preserve\">old </w:delText></w:r></w:del>",
                "<w:ins w:id=\"1\" w:author=\"a\" w:date=\"d\"><w:r><w:t>kept</w:t></w:r></w:ins>",
                "<w:del w:id=\"900002\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:delText>x</w:delText></w:r></w:del></w:p>"
            )
        );
    }

    #[test]
    fn paragraph_marks_with_and_without_properties() {
        let xml = "<w:p><w:pPr><w:pStyle w:val=\"X\"/></w:pPr></w:p><w:p></w:p>";
        assert_eq!(
            mark_paragraphs(xml, Revision::Inserted, &mut ids()),
            concat!(
                "<w:p><w:pPr><w:pStyle w:val=\"X\"/><w:rPr><w:ins w:id=\"900001\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"/></w:rPr></w:pPr></w:p>",
                "<w:p><w:pPr><w:rPr><w:ins w:id=\"900002\" w:author=\"speca-docs\" w:date=\"2022-10-15T00:00:00Z\"/></w:rPr></w:pPr></w:p>"
            )
        );
    }
}
