//! Charts as native Word charts: a DrawingML chart part (`word/charts/chartN.xml`) with the
//! values cached in it, so that Word and LibreOffice draw it and editors change its labels in
//! Word; placed inline between its caption ("Figure I. Title") and its source note.
//!
//! Its data is also a workbook embedded beside it (written by the sibling module `workbook`),
//! which the chart's formulas point at, so that Word's "Edit Data" opens the numbers.

use crate::model::numbers::roman;
use crate::model::{Bar, Chart};

use super::ooxml::{Ppr, RunProps, text_run};
use super::writer::{ChartPart, Writer};
use super::xml::{XML_DECLARATION, escape};

/// The content type of a chart part.
pub(super) const CHART_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/// The name of the workbook's sheet that the chart's formulas refer to.
pub(super) const SHEET: &str = "Sheet1";

/// EMU per centimetre.
const EMU_PER_CM: i64 = 360_000;

impl Writer<'_> {
    /// The caption, the chart inline in its own paragraph, and the source note.
    pub(super) fn chart(&mut self, out: &mut String, chart: &Chart) {
        let caption = format!(
            "{} {}. {}",
            self.doc.labels.figure,
            roman(u64::from(chart.number)),
            chart.title
        );
        let mut ppr = Ppr::styled(self.style("SingleTxt"));
        ppr.keep_next = true;
        let rpr = self.rpr(&RunProps {
            bold: true,
            ..RunProps::default()
        });
        out.push_str("<w:p>");
        out.push_str(&ppr.xml());
        out.push_str(&text_run(&caption, &rpr));
        out.push_str("</w:p>");

        self.charts.push(ChartPart {
            xml: chart_part(chart, self.lang_tag()),
            chart: chart.clone(),
        });
        let number = self.charts.len();
        let rid = self.doc_rels.chart(&format!("charts/chart{number}.xml"));
        let id = self.next_docpr;
        self.next_docpr += 1;
        let cx = self.max_image_emu;
        let cy = EMU_PER_CM * 2 + chart.bars.len() as i64 * EMU_PER_CM * 3 / 4;
        let mut ppr = Ppr::styled(self.style("Figure"));
        ppr.keep_next = !chart.source.is_empty();
        out.push_str("<w:p>");
        out.push_str(&ppr.xml());
        out.push_str(&format!(
            concat!(
                "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">",
                "<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>",
                "<wp:docPr id=\"{id}\" name=\"Chart {id}\" descr=\"{descr}\"/><wp:cNvGraphicFramePr/>",
                "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">",
                "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{rid}\"/>",
                "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
            ),
            cx = cx,
            cy = cy,
            id = id,
            descr = escape(&chart.alt),
            rid = rid,
        ));
        out.push_str("</w:p>");
        if !chart.source.is_empty() {
            let style = self.style("TableNote").to_string();
            self.paragraph(
                out,
                &Ppr::styled(&style),
                &chart.source,
                RunProps::default(),
            );
        }
    }

    fn lang_tag(&self) -> String {
        super::styles::word_lang(&self.doc.lang)
    }
}

/// The chart part's relationships: its embedded workbook, `rId1`.
pub(super) fn chart_rels(number: usize) -> String {
    format!(
        concat!(
            "{decl}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" ",
            "Target=\"../embeddings/{workbook}\"/></Relationships>"
        ),
        decl = XML_DECLARATION,
        workbook = workbook_name(number),
    )
}

/// The file name of chart `number`'s workbook in `word/embeddings/`, as Word names them.
pub(super) fn workbook_name(number: usize) -> String {
    format!("Microsoft_Excel_Worksheet{number}.xlsx")
}

/// A category's label: the country, and the year its value is for.
pub(super) fn category(bar: &Bar) -> String {
    match bar.year {
        Some(year) => format!("{} ({year})", bar.label),
        None => bar.label.clone(),
    }
}

/// The chart part: a clustered horizontal bar chart of one series, the first country on top,
/// each bar labelled with its value, the unit as the value axis's title.
pub(super) fn chart_part(chart: &Chart, lang: String) -> String {
    let n = chart.bars.len();
    let mut categories = String::new();
    let mut values = String::new();
    for (i, bar) in chart.bars.iter().enumerate() {
        categories.push_str(&format!(
            "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
            escape(&category(bar))
        ));
        let value = if bar.value.is_finite() {
            bar.value
        } else {
            0.0
        };
        values.push_str(&format!("<c:pt idx=\"{i}\"><c:v>{value}</c:v></c:pt>"));
    }
    let last = n + 1;
    let unit_title = if chart.unit.trim().is_empty() {
        String::new()
    } else {
        format!(
            concat!(
                "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"850\" b=\"0\"/></a:pPr>",
                "<a:r><a:rPr lang=\"{lang}\" sz=\"850\" b=\"0\"/><a:t>{unit}</a:t></a:r></a:p></c:rich></c:tx>",
                "<c:overlay val=\"0\"/></c:title>"
            ),
            lang = escape(&lang),
            unit = escape(&chart.unit)
        )
    };
    let no_line = "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>";
    format!(
        concat!(
            "{decl}<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" ",
            "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" ",
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
            "<c:date1904 val=\"0\"/><c:lang val=\"{lang}\"/><c:roundedCorners val=\"0\"/>",
            "<c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>",
            "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>",
            "<c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:strRef><c:f>{sheet}!$B$1</c:f>",
            "<c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{title}</c:v></c:pt></c:strCache></c:strRef></c:tx>",
            "<c:spPr><a:solidFill><a:srgbClr val=\"6E6E6E\"/></a:solidFill></c:spPr>",
            "<c:invertIfNegative val=\"0\"/>",
            "<c:dLbls>{no_line}<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>",
            "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
            "<c:cat><c:strRef><c:f>{sheet}!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{n}\"/>{categories}</c:strCache></c:strRef></c:cat>",
            "<c:val><c:numRef><c:f>{sheet}!$B$2:$B${last}</c:f><c:numCache><c:formatCode>General</c:formatCode>",
            "<c:ptCount val=\"{n}\"/>{values}</c:numCache></c:numRef></c:val>",
            "</c:ser><c:gapWidth val=\"60\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>",
            "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling>",
            "<c:delete val=\"0\"/><c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>",
            "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
            "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>",
            "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>",
            "<c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling>",
            "<c:delete val=\"0\"/><c:axPos val=\"b\"/>",
            "<c:majorGridlines><c:spPr><a:ln w=\"3175\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>",
            "{unit_title}<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>",
            "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
            "<c:crossAx val=\"1001\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>",
            "</c:plotArea><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>",
            "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>",
            "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\"/></a:pPr><a:endParaRPr lang=\"{lang}\"/></a:p></c:txPr>",
            // The workbook, related as rId1 by the chart's relationships.
            "<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>",
            "</c:chartSpace>"
        ),
        decl = XML_DECLARATION,
        lang = escape(&lang),
        title = escape(&chart.title),
        no_line = no_line,
        last = last,
        n = n,
        categories = categories,
        values = values,
        unit_title = unit_title,
        sheet = SHEET,
    )
}
