//! Model tables to Word tables in the "UN Table" style: rules above and below, a rule under the
//! header row, no vertical lines, the full text width; the header row repeats on every page;
//! notes ("Source: …") in small type under the table.

use crate::model::{Align, Inline, Table};

use super::ooxml::{Ppr, RunProps};
use super::writer::Writer;
use super::xml::escape;

/// `w:tblLook`: header row formatting on, banding off.
const TABLE_LOOK: &str = "<w:tblLook w:val=\"0620\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>";

fn jc(align: Align) -> Option<&'static str> {
    match align {
        Align::None => None,
        Align::Left => Some("left"),
        Align::Center => Some("center"),
        Align::Right => Some("right"),
    }
}

impl Writer<'_> {
    pub(super) fn table(&mut self, out: &mut String, table: &Table) {
        let columns = if table.align.is_empty() {
            table
                .rows
                .iter()
                .map(Vec::len)
                .chain([table.header.len()])
                .max()
                .unwrap_or(0)
        } else {
            table.align.len()
        };
        if columns > 0 {
            self.table_grid(out, table, columns);
        }
        let note_style = self.style("TableNote").to_string();
        if table.notes.is_empty() {
            // Word needs a paragraph between two tables, and a table is best followed by one.
            out.push_str(&format!("<w:p>{}</w:p>", Ppr::styled(&note_style).xml()));
        }
        for note in &table.notes {
            self.paragraph(out, &Ppr::styled(&note_style), note, RunProps::default());
        }
    }

    fn table_grid(&mut self, out: &mut String, table: &Table, columns: usize) {
        let text_width = self.page.text_width_twips();
        let column_width = (text_width / columns as i64).max(1);
        let cell_pct = (5000 / columns).max(1);
        out.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>{TABLE_LOOK}</w:tblPr><w:tblGrid>",
            escape(self.style("UNTable"))
        ));
        for _ in 0..columns {
            out.push_str(&format!("<w:gridCol w:w=\"{column_width}\"/>"));
        }
        out.push_str("</w:tblGrid>");
        let saved_max = self.max_image_emu;
        self.max_image_emu = (column_width - 114).max(567) * 635;
        if !table.header.is_empty() {
            out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
            self.row(out, table, &table.header, columns, cell_pct, "TableHeading");
            out.push_str("</w:tr>");
        }
        for row in &table.rows {
            out.push_str("<w:tr>");
            self.row(out, table, row, columns, cell_pct, "TableText");
            out.push_str("</w:tr>");
        }
        if table.header.is_empty() && table.rows.is_empty() {
            // A table needs a row; this one has columns but no cells.
            out.push_str("<w:tr>");
            self.row(out, table, &[], columns, cell_pct, "TableText");
            out.push_str("</w:tr>");
        }
        self.max_image_emu = saved_max;
        out.push_str("</w:tbl>");
    }

    /// The cells of a row: exactly `columns` of them, missing ones empty, extra ones dropped.
    fn row(
        &mut self,
        out: &mut String,
        table: &Table,
        cells: &[Vec<Inline>],
        columns: usize,
        cell_pct: usize,
        style: &'static str,
    ) {
        let style = self.style(style).to_string();
        for column in 0..columns {
            out.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{cell_pct}\" w:type=\"pct\"/></w:tcPr>"
            ));
            let mut ppr = Ppr::styled(&style);
            ppr.jc = table.align.get(column).copied().and_then(jc);
            let content = cells.get(column).map(Vec::as_slice).unwrap_or(&[]);
            self.paragraph(out, &ppr, content, RunProps::default());
            out.push_str("</w:tc>");
        }
    }
}
