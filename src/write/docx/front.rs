//! The first page — masthead, sessional heading, title, summary box, draft mark, contents — and
//! the running headers and footers.

use crate::model::Date;

use super::ooxml::{Ppr, text_run};
use super::writer::Writer;
use super::xml::escape;

const NAMESPACES: &str = concat!(
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
);

/// A date only when it exists (the model's fields are public; labels index months by number).
fn valid(date: Date) -> Option<Date> {
    Date::new(date.year, date.month, date.day)
}

impl Writer<'_> {
    /// A paragraph of plain text in one of our styles, with extra paragraph properties
    /// (elements that follow `w:pStyle` in schema order).
    fn text_paragraph(&self, out: &mut String, style: &'static str, extra_ppr: &str, text: &str) {
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{extra_ppr}</w:pPr>{}</w:p>",
            escape(self.style(style)),
            text_run(text, "")
        ));
    }
}

/// Everything before the body, as `w:body` content, in the order of the PDF: masthead, draft
/// mark, sessional heading, title, summary, contents, then a page break.
pub(super) fn front_xml(w: &mut Writer) -> String {
    let doc = w.doc;
    let front = &doc.front;
    let labels = &doc.labels;
    let mut out = String::new();
    masthead(w, &mut out);

    if !doc.is_final {
        let mark = format!(
            "{} \u{2014} {} {}",
            labels.draft, labels.version, doc.version
        );
        w.text_paragraph(&mut out, "DraftNote", "", &mark);
        if let Some(note) = &front.draft_note {
            w.text_paragraph(&mut out, "DraftNoteText", "", note);
        }
    }

    if let Some(changes) = &doc.changes {
        let note = labels.changes_note(&changes.version, changes.date);
        w.text_paragraph(&mut out, "DraftNote", "", &note);
    }

    if let Some(banner) = &front.preview {
        w.text_paragraph(&mut out, "DraftNote", "", banner);
    }

    // Sessional heading.
    if let Some(body) = &front.body {
        w.text_paragraph(&mut out, "SessionalBody", "", body);
    }
    if let Some(session) = &front.session {
        w.text_paragraph(
            &mut out,
            "SessionalBody",
            "<w:spacing w:before=\"0\"/>",
            session,
        );
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
        w.text_paragraph(&mut out, "SessionalText", "", &place.join(", "));
    }
    if let Some(item) = &front.agenda_item {
        w.text_paragraph(&mut out, "SessionalText", "", item);
    }

    w.text_paragraph(&mut out, "Title", "", &front.title);
    if let Some(subtitle) = &front.subtitle {
        w.text_paragraph(&mut out, "Subtitle", "", subtitle);
    }
    summary_box(w, &mut out);
    // A preview is one contribution: it follows on the first page, with no contents.
    if front.preview.is_none() {
        contents(w, &mut out);
    }
    out
}

/// The masthead, as the UN's own Word templates build it: a borderless two-column table.
/// "United Nations" and the symbol over a thick rule; under it the organizers and the programme
/// (the joint UNECE/ESCAP/SPECA heading) left, "Distr.", the date and "Original" right, over a
/// thin rule.
fn masthead(w: &Writer, out: &mut String) {
    let doc = w.doc;
    let front = &doc.front;
    let labels = &doc.labels;
    let width = w.page.text_width_twips();
    let left = width * 62 / 100;
    let right = width - left;
    out.push_str(concat!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/>",
        "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>",
        "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
        "</w:tblPr>"
    ));
    out.push_str(&format!(
        "<w:tblGrid><w:gridCol w:w=\"{left}\"/><w:gridCol w:w=\"{right}\"/></w:tblGrid>"
    ));
    let rule = |size: u32, align: &str| {
        format!(
            "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"{size}\" w:space=\"0\" w:color=\"auto\"/></w:tcBorders><w:vAlign w:val=\"{align}\"/>"
        )
    };
    let cell = |out: &mut String, cell_width: i64, tc_extra: &str, content: &str| {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{cell_width}\" w:type=\"dxa\"/>{tc_extra}</w:tcPr>{content}</w:tc>"
        ));
    };

    out.push_str("<w:tr>");
    let mut content = String::new();
    w.text_paragraph(&mut content, "MastheadOrg", "", &labels.united_nations);
    cell(out, left, &rule(12, "bottom"), &content);
    content.clear();
    w.text_paragraph(
        &mut content,
        "MastheadSymbol",
        "",
        front.symbol.as_deref().unwrap_or(""),
    );
    cell(out, right, &rule(12, "bottom"), &content);
    out.push_str("</w:tr>");

    out.push_str("<w:tr>");
    content.clear();
    let organizers: Vec<&str> = front
        .organizers
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .collect();
    if !organizers.is_empty() {
        w.text_paragraph(
            &mut content,
            "MastheadOrganizers",
            "",
            &organizers.join(" \u{B7} "),
        );
    }
    if !front.programme.trim().is_empty() || organizers.is_empty() {
        w.text_paragraph(&mut content, "MastheadProgramme", "", &front.programme);
    }
    cell(out, left, &rule(4, "top"), &content);
    content.clear();
    let distr = format!(
        "{} {}",
        labels.distr,
        labels.distribution_name(&front.distribution)
    );
    w.text_paragraph(&mut content, "MastheadText", "", distr.trim());
    if let Some(date) = front.date.and_then(valid) {
        w.text_paragraph(
            &mut content,
            "MastheadText",
            "",
            &labels.format_masthead_date(date),
        );
    }
    if doc.lang != doc.original_lang {
        w.text_paragraph(
            &mut content,
            "MastheadText",
            "",
            labels.language_name(&doc.lang),
        );
    }
    let original = format!(
        "{} {}",
        labels.original,
        labels.language_name(&doc.original_lang)
    );
    w.text_paragraph(&mut content, "MastheadText", "", original.trim());
    cell(out, right, &rule(4, "top"), &content);
    out.push_str("</w:tr></w:tbl>");
}

/// The summary in a box: a bordered single-cell table, its heading centred.
fn summary_box(w: &Writer, out: &mut String) {
    let front = &w.doc.front;
    if front.summary.iter().all(|p| p.trim().is_empty()) {
        return;
    }
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"";
    out.push_str(&format!(
        concat!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>",
            "<w:tblBorders><w:top {b}/><w:left {b}/><w:bottom {b}/><w:right {b}/></w:tblBorders>",
            "<w:tblLayout w:type=\"fixed\"/>",
            "<w:tblCellMar><w:top w:w=\"113\" w:type=\"dxa\"/><w:left w:w=\"113\" w:type=\"dxa\"/>",
            "<w:bottom w:w=\"113\" w:type=\"dxa\"/><w:right w:w=\"113\" w:type=\"dxa\"/></w:tblCellMar>",
            "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
            "</w:tblPr><w:tblGrid><w:gridCol w:w=\"{width}\"/></w:tblGrid>",
            "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"pct\"/></w:tcPr>"
        ),
        b = border,
        width = w.page.text_width_twips()
    ));
    w.text_paragraph(out, "SummaryHeading", "", &w.doc.labels.summary);
    for paragraph in front.summary.iter().filter(|p| !p.trim().is_empty()) {
        w.text_paragraph(out, "SummaryText", "", paragraph);
    }
    out.push_str("</w:tc></w:tr></w:tbl>");
    out.push_str(&format!(
        "<w:p>{}</w:p>",
        Ppr::styled(w.style("SingleTxt")).xml()
    ));
}

/// The contents: a TOC field whose result is already filled in with the chapters, sections,
/// subsections and annexes, their numbers typed (Word does not update fields on opening).
fn contents(w: &Writer, out: &mut String) {
    if w.toc.is_empty() {
        return;
    }
    w.text_paragraph(out, "TOCHeading", "", &w.doc.labels.contents);
    let last = w.toc.len() - 1;
    for (index, entry) in w.toc.iter().enumerate() {
        let style = ["TOC1", "TOC2", "TOC3"][usize::from(entry.level.clamp(1, 3) - 1)];
        let ind = if entry.annex {
            "<w:ind w:left=\"2268\" w:hanging=\"1701\"/>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{ind}</w:pPr>",
            escape(w.style(style))
        ));
        if index == 0 {
            out.push_str(concat!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
                "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>",
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
            ));
        }
        out.push_str(&format!(
            "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">",
            escape(&entry.bookmark)
        ));
        if !entry.label.is_empty() {
            out.push_str(&text_run(&entry.label, ""));
            out.push_str("<w:r><w:tab/></w:r>");
        }
        out.push_str(&text_run(&entry.text, ""));
        out.push_str("</w:hyperlink>");
        if index == last {
            out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        out.push_str("</w:p>");
    }
    // The body starts on a new page, as in the PDF (what a Word user's Ctrl+Enter writes).
    out.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

/// `word/header1.xml` (from page 2: the symbol, or the short title, and on drafts the version
/// at the right) or, for the first page, an empty header (the masthead stands there).
pub(super) fn header_xml(w: &Writer, first_page: bool) -> String {
    let front = &w.doc.front;
    let text = match &front.symbol {
        Some(symbol) => symbol.as_str(),
        None if !front.short_title.trim().is_empty() => front.short_title.as_str(),
        None => front.title.as_str(),
    };
    let paragraph = if first_page {
        "<w:p/>".to_string()
    } else {
        let mut p = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs></w:pPr>",
            escape(w.style("Header")),
            w.page.text_width_twips()
        );
        p.push_str(&text_run(text, ""));
        if !w.doc.is_final {
            let version = format!("{} {}", w.doc.labels.version, w.doc.version);
            p.push_str("<w:r><w:tab/></w:r>");
            p.push_str(&text_run(
                &version,
                "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>",
            ));
        }
        p.push_str("</w:p>");
        p
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NAMESPACES}>{paragraph}</w:hdr>"
    )
}

/// `word/footer1.xml` (the page number, centred) or the empty first-page footer.
pub(super) fn footer_xml(w: &Writer, first_page: bool) -> String {
    let paragraph = if first_page {
        "<w:p/>".to_string()
    } else {
        format!(
            concat!(
                "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>",
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
                "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
                "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
                "<w:r><w:t>2</w:t></w:r>",
                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
            ),
            escape(w.style("Footer"))
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NAMESPACES}>{paragraph}</w:ftr>"
    )
}
