//! Model tables to Word tables in the "UN Table" style: rules above and below, a rule under the
//! header row, no vertical lines, the full text width; the header row repeats on every page;
//! notes ("Source: …") in small type under the table.

use crate::model::{Align, Inline, Table};

use crate::ooxml::XmlWriter;

use super::blocks::{Ppr, RunProps};
use super::writer::Writer;

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
    pub(super) fn table(&mut self, out: &mut XmlWriter, table: &Table) {
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
        let note_style = Ppr::styled(self.style("TableNote"));
        if table.notes.is_empty() {
            // Word needs a paragraph between two tables, and a table is best followed by one.
            self.start_paragraph(out, &note_style);
            out.end();
        }
        for note in &table.notes {
            self.paragraph(out, &note_style, note, RunProps::default());
        }
    }

    fn table_grid(&mut self, out: &mut XmlWriter, table: &Table, columns: usize) {
        let text_width = self.page.text_width_twips();
        let column_width = (text_width / columns as i64).max(1);
        let cell_pct = (5000 / columns).max(1);
        out.start("w:tbl")
            .start("w:tblPr")
            .val("w:tblStyle", self.style("UNTable"))
            .start("w:tblW")
            .attr("w:w", 5000)
            .attr("w:type", "pct")
            .end()
            .markup(TABLE_LOOK)
            .end();
        out.start("w:tblGrid");
        for _ in 0..columns {
            out.start("w:gridCol").attr("w:w", column_width).end();
        }
        out.end();
        let saved_max = self.max_image_emu;
        self.max_image_emu = (column_width - 114).max(567) * 635;
        if !table.header.is_empty() {
            out.start("w:tr").start("w:trPr").leaf("w:tblHeader").end();
            self.row(out, table, &table.header, columns, cell_pct, "TableHeading");
            out.end();
        }
        for row in &table.rows {
            out.start("w:tr");
            self.row(out, table, row, columns, cell_pct, "TableText");
            out.end();
        }
        if table.header.is_empty() && table.rows.is_empty() {
            // A table needs a row; this one has columns but no cells.
            out.start("w:tr");
            self.row(out, table, &[], columns, cell_pct, "TableText");
            out.end();
        }
        self.max_image_emu = saved_max;
        out.end();
    }

    /// The cells of a row: exactly `columns` of them, missing ones empty, extra ones dropped.
    fn row(
        &mut self,
        out: &mut XmlWriter,
        table: &Table,
        cells: &[Vec<Inline>],
        columns: usize,
        cell_pct: usize,
        style: &'static str,
    ) {
        let style = self.style(style).to_string();
        for column in 0..columns {
            out.start("w:tc")
                .start("w:tcPr")
                .start("w:tcW")
                .attr("w:w", cell_pct)
                .attr("w:type", "pct")
                .end()
                .end();
            let mut ppr = Ppr::styled(&style);
            ppr.jc = table.align.get(column).copied().and_then(jc);
            let content = cells.get(column).map(Vec::as_slice).unwrap_or(&[]);
            self.paragraph(out, &ppr, content, RunProps::default());
            out.end();
        }
    }
}
