//! The first page — masthead, sessional heading, title, summary box, draft mark, contents — and
//! the running headers and footers.

use crate::model::Date;
use crate::ooxml::{Fragment, XmlWriter, names};

use super::blocks::{Indent, Ppr, text_run};
use super::writer::Writer;

/// A date only when it exists (the model's fields are public; labels index months by number).
fn valid(date: Date) -> Option<Date> {
    Date::new(date.year, date.month, date.day)
}

impl Writer<'_> {
    /// A paragraph of plain text in one of our styles.
    fn text_paragraph(&self, out: &mut XmlWriter, style: &'static str, text: &str) {
        self.text_paragraph_with(out, Ppr::styled(self.style(style)), text);
    }

    /// A paragraph of plain text with these properties.
    fn text_paragraph_with(&self, out: &mut XmlWriter, ppr: Ppr, text: &str) {
        ppr.start_paragraph(out);
        text_run(out, text, &Fragment::default());
        out.end();
    }
}

/// Everything before the body, as `w:body` content, in the order of the PDF: masthead, draft
/// mark, sessional heading, title, summary, contents, then a page break.
pub(super) fn front_xml(w: &mut Writer) -> Fragment {
    let doc = w.doc;
    let front = &doc.front;
    let labels = &doc.labels;
    let mut out = XmlWriter::new();
    masthead(w, &mut out);

    if let Some(mark) = doc.draft_mark() {
        w.text_paragraph(&mut out, "DraftNote", &mark);
        if let Some(note) = &front.draft_note {
            w.text_paragraph(&mut out, "DraftNoteText", note);
        }
    }

    if let Some(changes) = &doc.changes {
        let note = labels.changes_note(&changes.version, changes.date);
        w.text_paragraph(&mut out, "DraftNote", &note);
    }

    if let Some(banner) = &front.preview {
        w.text_paragraph(&mut out, "DraftNote", banner);
    }

    // Sessional heading.
    if let Some(body) = &front.body {
        w.text_paragraph(&mut out, "SessionalBody", body);
    }
    if let Some(session) = &front.session {
        let mut ppr = Ppr::styled(w.style("SessionalBody"));
        ppr.space_before = Some(0);
        w.text_paragraph_with(&mut out, ppr, session);
    }
    let dates = front
        .meeting_dates
        .and_then(|(start, end)| Some(labels.format_date_range(valid(start)?, valid(end)?)));
    let place = [front.venue.clone(), dates]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty());
    let place: Vec<String> = place.collect();
    if !place.is_empty() {
        w.text_paragraph(&mut out, "SessionalText", &place.join(", "));
    }
    if let Some(item) = &front.agenda_item {
        w.text_paragraph(&mut out, "SessionalText", item);
    }

    w.text_paragraph(&mut out, "Title", &front.title);
    if let Some(subtitle) = &front.subtitle {
        w.text_paragraph(&mut out, "Subtitle", subtitle);
    }
    summary_box(w, &mut out);
    // A preview is one contribution: it follows on the first page, with no contents.
    if front.preview.is_none() {
        contents(w, &mut out);
    }
    out.finish()
}

/// The masthead, as the UN's own Word templates build it: a borderless two-column table.
/// "United Nations" and the symbol over a thick rule; under it the organizers and the programme
/// (the joint UNECE/ESCAP/SPECA heading) left, "Distr.", the date and "Original" right, over a
/// thin rule.
fn masthead(w: &Writer, out: &mut XmlWriter) {
    let doc = w.doc;
    let front = &doc.front;
    let labels = &doc.labels;
    let width = w.page.text_width_twips();
    let left = width * 62 / 100;
    let right = width - left;
    out.start("w:tbl").markup(concat!(
        "<w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>",
        "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>",
        "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
        "</w:tblPr>"
    ));
    out.start("w:tblGrid")
        .start("w:gridCol")
        .attr("w:w", left)
        .end()
        .start("w:gridCol")
        .attr("w:w", right)
        .end()
        .end();
    // A cell of the given width over a rule (thick under the first row, thin under the
    // second), its content aligned to the rule's side.
    let start_cell = |out: &mut XmlWriter, cell_width: i64, rule: u32, align: &str| {
        out.start("w:tc")
            .start("w:tcPr")
            .start("w:tcW")
            .attr("w:w", cell_width)
            .attr("w:type", "dxa")
            .end()
            .start("w:tcBorders")
            .start("w:bottom")
            .attr("w:val", "single")
            .attr("w:sz", rule)
            .attr("w:space", 0)
            .attr("w:color", "auto")
            .end()
            .end()
            .val("w:vAlign", align)
            .end();
    };

    out.start("w:tr");
    start_cell(out, left, 12, "bottom");
    w.text_paragraph(out, "MastheadOrg", &labels.united_nations);
    out.end();
    start_cell(out, right, 12, "bottom");
    w.text_paragraph(out, "MastheadSymbol", front.symbol.as_deref().unwrap_or(""));
    out.end();
    out.end();

    out.start("w:tr");
    start_cell(out, left, 4, "top");
    let organizers: Vec<&str> = front
        .organizers
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if !organizers.is_empty() {
        w.text_paragraph(out, "MastheadOrganizers", &organizers.join(" \u{B7} "));
    }
    if !front.programme.trim().is_empty() || organizers.is_empty() {
        w.text_paragraph(out, "MastheadProgramme", &front.programme);
    }
    out.end();
    start_cell(out, right, 4, "top");
    let distr = format!(
        "{} {}",
        labels.distr,
        labels.distribution_name(&front.distribution)
    );
    w.text_paragraph(out, "MastheadText", distr.trim());
    if let Some(date) = front.date.and_then(valid) {
        w.text_paragraph(out, "MastheadText", &labels.format_masthead_date(date));
    }
    if doc.lang != doc.original_lang {
        w.text_paragraph(out, "MastheadText", labels.language_name(&doc.lang));
    }
    let original = format!(
        "{} {}",
        labels.original,
        labels.language_name(&doc.original_lang)
    );
    w.text_paragraph(out, "MastheadText", original.trim());
    out.end();
    out.end();
    out.end();
}

/// The summary in a box: a bordered single-cell table, its heading centred.
fn summary_box(w: &Writer, out: &mut XmlWriter) {
    let front = &w.doc.front;
    if front.summary.iter().all(|p| p.trim().is_empty()) {
        return;
    }
    out.start("w:tbl").markup(concat!(
        "<w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>",
        "<w:tblBorders>",
        "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
        "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
        "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
        "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>",
        "</w:tblBorders>",
        "<w:tblLayout w:type=\"fixed\"/>",
        "<w:tblCellMar><w:top w:w=\"113\" w:type=\"dxa\"/><w:left w:w=\"113\" w:type=\"dxa\"/>",
        "<w:bottom w:w=\"113\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar>",
        "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
        "</w:tblPr>"
    ));
    out.start("w:tblGrid")
        .start("w:gridCol")
        .attr("w:w", w.page.text_width_twips())
        .end()
        .end();
    out.start("w:tr").markup("<w:trPr><w:cantSplit/></w:trPr>");
    out.start("w:tc")
        .markup("<w:tcPr><w:tcW w:w=\"5000\" w:type=\"pct\"/></w:tcPr>");
    w.text_paragraph(out, "SummaryHeading", &w.doc.labels.summary);
    for paragraph in front.summary.iter().filter(|p| !p.trim().is_empty()) {
        w.text_paragraph(out, "SummaryText", paragraph);
    }
    // w:tc, w:tr, w:tbl.
    out.end().end().end();
    Ppr::styled(w.style("SingleTxt")).start_paragraph(out);
    out.end();
}

/// The contents: a TOC field whose result is already filled in with the chapters, sections,
/// subsections and annexes, their numbers typed (Word does not update fields on opening).
fn contents(w: &Writer, out: &mut XmlWriter) {
    if w.toc.is_empty() {
        return;
    }
    w.text_paragraph(out, "TOCHeading", &w.doc.labels.contents);
    let last = w.toc.len() - 1;
    let plain = Fragment::default();
    for (index, entry) in w.toc.iter().enumerate() {
        let style = ["TOC1", "TOC2", "TOC3"][usize::from(entry.level.clamp(1, 3) - 1)];
        let mut ppr = Ppr::styled(w.style(style));
        if entry.annex {
            ppr.ind = Some(Indent {
                left: 2268,
                hanging: 1701,
            });
        }
        ppr.start_paragraph(out);
        if index == 0 {
            out.markup(concat!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
                "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>",
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            ));
        }
        out.start("w:hyperlink")
            .attr("w:anchor", &entry.bookmark)
            .attr("w:history", 1);
        if !entry.label.is_empty() {
            text_run(out, &entry.label, &plain);
            out.markup("<w:r><w:tab/></w:r>");
        }
        text_run(out, &entry.text, &plain);
        out.end();
        if index == last {
            out.markup("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        out.end();
    }
    // The body starts on a new page, as in the PDF (what a Word user's Ctrl+Enter writes).
    out.markup("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

/// The root element of a header or footer part, with its namespaces.
fn start_part(out: &mut XmlWriter, root: &'static str) {
    out.start(root)
        .attr("xmlns:w", names::W)
        .attr("xmlns:r", names::R);
}

/// `word/header1.xml` (from page 2: the symbol, or the short title, and on drafts the version
/// at the right) or, for the first page, an empty header (the masthead stands there).
pub(super) fn header_xml(w: &Writer, first_page: bool) -> Fragment {
    let front = &w.doc.front;
    let text = match &front.symbol {
        Some(symbol) => symbol.as_str(),
        None if !front.short_title.trim().is_empty() => front.short_title.as_str(),
        None => front.title.as_str(),
    };
    let mut out = XmlWriter::part();
    start_part(&mut out, "w:hdr");
    if first_page {
        out.leaf("w:p");
    } else {
        let mut ppr = Ppr::styled(w.style("Header"));
        ppr.right_tab = Some(w.page.text_width_twips());
        ppr.start_paragraph(&mut out);
        text_run(&mut out, text, &Fragment::default());
        if let Some(version) = w.doc.header_version() {
            out.markup("<w:r><w:tab/></w:r>");
            let mut not_bold = XmlWriter::new();
            not_bold.val("w:b", 0).val("w:bCs", 0);
            text_run(&mut out, &version, &not_bold.finish());
        }
        out.end();
    }
    out.end();
    out.finish()
}

/// `word/footer1.xml` (the page number, centred) or the empty first-page footer.
pub(super) fn footer_xml(w: &Writer, first_page: bool) -> Fragment {
    let mut out = XmlWriter::part();
    start_part(&mut out, "w:ftr");
    if first_page {
        out.leaf("w:p");
    } else {
        Ppr::styled(w.style("Footer")).start_paragraph(&mut out);
        out.markup(concat!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
            "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            "<w:r><w:t>2</w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        ));
        out.end();
    }
    out.end();
    out.finish()
}
