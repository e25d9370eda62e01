//! Charts as native Word charts: a DrawingML chart part (`word/charts/chartN.xml`) with the
//! values cached in it, so that Word and LibreOffice draw it and editors change its labels in
//! Word; placed inline between its caption ("Figure I. Title") and its source note.
//!
//! Its data is also a workbook embedded beside it (written by the sibling module `workbook`),
//! which the chart's formulas point at, so that Word's "Edit Data" opens the numbers.

use crate::model::numbers::roman;
use crate::model::{Bar, Chart};

use crate::ooxml::{Fragment, XmlWriter, names};

use super::blocks::{Ppr, RunProps};
use super::writer::{ChartPart, Writer};

/// The content type of a chart part.
pub(super) const CHART_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/// The name of the workbook's sheet that the chart's formulas refer to.
pub(super) const SHEET: &str = "Sheet1";

/// EMU per centimetre.
const EMU_PER_CM: i64 = 360_000;

impl Writer<'_> {
    /// The caption, the chart inline in its own paragraph, and the source note.
    pub(super) fn chart(&mut self, out: &mut XmlWriter, chart: &Chart) {
        let numeral = roman(u64::from(chart.number));
        let mut ppr = Ppr::styled(self.style("SingleTxt"));
        ppr.keep_next = true;
        let rpr = self.rpr(&RunProps {
            bold: true,
            ..RunProps::default()
        });
        self.start_paragraph(out, &ppr);
        match &chart.label {
            // "Figure ", the numeral in the label's bookmark (which a REF field gives as it
            // stands), ". Title".
            Some(label) => {
                self.run(out, &format!("{} ", self.doc.labels.figure), &rpr, false);
                self.bookmarked_run(out, label, &numeral, &rpr);
                self.run(out, &format!(". {}", chart.title), &rpr, false);
            }
            None => {
                let caption = format!("{} {numeral}. {}", self.doc.labels.figure, chart.title);
                self.run(out, &caption, &rpr, false);
            }
        }
        out.end();

        self.charts.push(ChartPart {
            xml: chart_part(chart, self.lang_tag()),
            chart: chart.clone(),
        });
        let number = self.charts.len();
        let rid = self.doc_rels.chart(&format!("charts/chart{number}.xml"));
        let cx = self.max_image_emu;
        let cy = EMU_PER_CM * 2 + chart.bars.len() as i64 * EMU_PER_CM * 3 / 4;
        let mut ppr = Ppr::styled(self.style("Figure"));
        ppr.keep_next = !chart.source.is_empty();
        self.start_paragraph(out, &ppr);
        self.start_run(out);
        self.start_drawing(out, (cx, cy), "Chart", &chart.alt);
        out.end()
            .leaf("wp:cNvGraphicFramePr")
            .start("a:graphic")
            .start("a:graphicData")
            .attr("uri", names::C)
            .start("c:chart")
            .attr("xmlns:c", names::C)
            .attr("r:id", &rid)
            .end();
        // a:graphicData, a:graphic, wp:inline, w:drawing; the run; the paragraph.
        out.end().end().end().end();
        self.end_run(out);
        out.end();
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
pub(super) fn chart_rels(number: usize) -> Fragment {
    let mut out = XmlWriter::part();
    out.start("Relationships")
        .attr("xmlns", names::PACKAGE_RELATIONSHIPS)
        .start("Relationship")
        .attr("Id", "rId1")
        .attr("Type", format_args!("{}package", names::REL_TYPE))
        .attr(
            "Target",
            format_args!("../embeddings/{}", workbook_name(number)),
        )
        .end()
        .end();
    out.finish()
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
pub(super) fn chart_part(chart: &Chart, lang: String) -> Fragment {
    let n = chart.bars.len();
    let last = n + 1;
    let mut out = XmlWriter::part();
    out.start("c:chartSpace")
        .attr("xmlns:c", names::C)
        .attr("xmlns:a", names::A)
        .attr("xmlns:r", names::R)
        .markup("<c:date1904 val=\"0\"/>")
        .start("c:lang")
        .attr("val", &lang)
        .end()
        .markup("<c:roundedCorners val=\"0\"/>");
    out.start("c:chart")
        .markup("<c:autoTitleDeleted val=\"1\"/>");
    out.start("c:plotArea").markup("<c:layout/>");
    out.start("c:barChart")
        .markup("<c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>");
    out.start("c:ser")
        .markup("<c:idx val=\"0\"/><c:order val=\"0\"/>")
        .start("c:tx")
        .start("c:strRef")
        .text_element("c:f", &format!("{SHEET}!$B$1"))
        .start("c:strCache")
        .markup("<c:ptCount val=\"1\"/>")
        .start("c:pt")
        .attr("idx", 0)
        .text_element("c:v", &chart.title)
        .end()
        .end()
        .end()
        .end();
    out.markup(concat!(
        "<c:spPr><a:solidFill><a:srgbClr val=\"6E6E6E\"/></a:solidFill></c:spPr>",
        "<c:invertIfNegative val=\"0\"/>",
        "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>",
        "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>",
        "<c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
    ));
    out.start("c:cat")
        .start("c:strRef")
        .text_element("c:f", &format!("{SHEET}!$A$2:$A${last}"))
        .start("c:strCache")
        .start("c:ptCount")
        .attr("val", n)
        .end();
    for (i, bar) in chart.bars.iter().enumerate() {
        out.start("c:pt")
            .attr("idx", i)
            .text_element("c:v", &category(bar))
            .end();
    }
    out.end().end().end();
    out.start("c:val")
        .start("c:numRef")
        .text_element("c:f", &format!("{SHEET}!$B$2:$B${last}"))
        .start("c:numCache")
        .markup("<c:formatCode>General</c:formatCode>")
        .start("c:ptCount")
        .attr("val", n)
        .end();
    for (i, bar) in chart.bars.iter().enumerate() {
        let value = if bar.value.is_finite() {
            bar.value
        } else {
            0.0
        };
        out.start("c:pt")
            .attr("idx", i)
            .text_element("c:v", &value.to_string())
            .end();
    }
    out.end().end().end();
    // c:ser, then the axes of the bar chart.
    out.end()
        .markup("<c:gapWidth val=\"60\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/>");
    out.end();
    out.markup(concat!(
        "<c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling>",
        "<c:delete val=\"0\"/><c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>",
        "<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
        "<c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/>",
        "<c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>",
    ));
    out.start("c:valAx").markup(concat!(
        "<c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/><c:min val=\"0\"/></c:scaling>",
        "<c:delete val=\"0\"/><c:axPos val=\"b\"/>",
        "<c:majorGridlines><c:spPr><a:ln w=\"3175\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>",
    ));
    if !chart.unit.trim().is_empty() {
        out.start("c:title")
            .start("c:tx")
            .start("c:rich")
            .markup("<a:bodyPr/><a:lstStyle/>")
            .start("a:p")
            .markup("<a:pPr><a:defRPr sz=\"850\" b=\"0\"/></a:pPr>")
            .start("a:r")
            .start("a:rPr")
            .attr("lang", &lang)
            .attr("sz", 850)
            .attr("b", 0)
            .end()
            .text_element("a:t", &chart.unit)
            .end()
            .end()
            .end()
            .end()
            .markup("<c:overlay val=\"0\"/>")
            .end();
    }
    out.markup(concat!(
        "<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/>",
        "<c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>",
        "<c:crossAx val=\"1001\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/>",
    ));
    // c:valAx, c:plotArea.
    out.end().end();
    out.markup("<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/>");
    out.end();
    out.markup("<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>");
    out.start("c:txPr")
        .markup("<a:bodyPr/><a:lstStyle/>")
        .start("a:p")
        .markup("<a:pPr><a:defRPr sz=\"900\"/></a:pPr>")
        .start("a:endParaRPr")
        .attr("lang", &lang)
        .end()
        .end()
        .end();
    // The workbook, related as rId1 by the chart's relationships.
    out.markup("<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData>");
    out.end();
    out.finish()
}
