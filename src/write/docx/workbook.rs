//! A chart's data as a workbook embedded beside its chart part, so that Word's "Edit Data" opens
//! the numbers the chart was drawn from: a minimal SpreadsheetML package with one sheet, the
//! categories in column A and the values in column B under a header row, which is where the
//! chart part's formulas (`Sheet1!$A$2:$A$n`) point.
//!
//! It is written with our own zip code, as the .docx itself is, and is as deterministic: the
//! same chart gives the same bytes. Text cells are inline strings, so there is no shared-strings
//! part to keep in step.

use crate::model::Chart;

use super::archive::zip_entries;
use super::charts::{SHEET, category};
use super::error::DocxError;
use crate::ooxml::names::{CONTENT_TYPES, PACKAGE_RELATIONSHIPS, R, REL_TYPE, SML};
use crate::ooxml::{Fragment, XmlWriter};

/// The content type of an embedded workbook (by its extension, `.xlsx`).
pub(super) const WORKBOOK_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The `.xlsx` bytes of `chart`'s data: a header row (empty, the series' title), then one row per
/// bar (its category, its value).
pub(super) fn workbook(chart: &Chart) -> Result<Vec<u8>, DocxError> {
    let entries: Vec<(String, Vec<u8>, bool)> = vec![
        ("[Content_Types].xml".into(), content_types().into(), true),
        ("_rels/.rels".into(), root_rels().into(), true),
        ("xl/workbook.xml".into(), workbook_xml().into(), true),
        (
            "xl/_rels/workbook.xml.rels".into(),
            workbook_rels().into(),
            true,
        ),
        ("xl/styles.xml".into(), styles_xml().into(), true),
        (
            "xl/worksheets/sheet1.xml".into(),
            sheet_xml(chart).into_string().into_bytes(),
            true,
        ),
    ];
    zip_entries(&entries)
}

fn content_types() -> String {
    const SHEET_ML: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let mut out = XmlWriter::part();
    out.start("Types").attr("xmlns", CONTENT_TYPES).markup(concat!(
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    ));
    for (part, kind) in [
        ("/xl/workbook.xml", "sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", "worksheet+xml"),
        ("/xl/styles.xml", "styles+xml"),
    ] {
        out.start("Override")
            .attr("PartName", part)
            .attr("ContentType", format_args!("{SHEET_ML}.{kind}"))
            .end();
    }
    out.end();
    out.finish().into_string()
}

/// A relationships part: `(type, target)` as rId1, rId2 …
fn rels(rels: &[(&str, &str)]) -> String {
    let mut out = XmlWriter::part();
    out.start("Relationships")
        .attr("xmlns", PACKAGE_RELATIONSHIPS);
    for (index, (kind, target)) in rels.iter().enumerate() {
        out.start("Relationship")
            .attr("Id", format_args!("rId{}", index + 1))
            .attr("Type", format_args!("{REL_TYPE}{kind}"))
            .attr("Target", target)
            .end();
    }
    out.end();
    out.finish().into_string()
}

fn root_rels() -> String {
    rels(&[("officeDocument", "xl/workbook.xml")])
}

fn workbook_xml() -> String {
    let mut out = XmlWriter::part();
    out.start("workbook")
        .attr("xmlns", SML)
        .attr("xmlns:r", R)
        .start("sheets")
        .start("sheet")
        .attr("name", SHEET)
        .attr("sheetId", 1)
        .attr("r:id", "rId1")
        .end()
        .end()
        .end();
    out.finish().into_string()
}

fn workbook_rels() -> String {
    rels(&[
        ("worksheet", "worksheets/sheet1.xml"),
        ("styles", "styles.xml"),
    ])
}

/// The least a styles part holds that Excel accepts: one font, the two fills it reserves, one
/// border, one cell format.
fn styles_xml() -> String {
    let mut out = XmlWriter::part();
    out.start("styleSheet").attr("xmlns", SML).markup(concat!(
        "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>",
        "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
        "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
        "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
        "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>",
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    ));
    out.end();
    out.finish().into_string()
}

/// A text cell: an inline string, its spaces kept.
fn text_cell(out: &mut XmlWriter, reference: &str, text: &str) {
    out.start("c")
        .attr("r", reference)
        .attr("t", "inlineStr")
        .start("is")
        .start("t")
        .attr("xml:space", "preserve")
        .text(text)
        .end()
        .end()
        .end();
}

fn sheet_xml(chart: &Chart) -> Fragment {
    let last = chart.bars.len() + 1;
    let mut out = XmlWriter::part();
    out.start("worksheet")
        .attr("xmlns", SML)
        .start("dimension")
        .attr("ref", format_args!("A1:B{last}"))
        .end()
        .markup(concat!(
            "<cols><col min=\"1\" max=\"1\" width=\"28\" customWidth=\"1\"/>",
            "<col min=\"2\" max=\"2\" width=\"14\" customWidth=\"1\"/></cols>",
        ))
        .start("sheetData");
    out.start("row").attr("r", 1);
    text_cell(&mut out, "B1", &chart.title);
    out.end();
    for (i, bar) in chart.bars.iter().enumerate() {
        let row = i + 2;
        // The model keeps values finite; a stray one is written as the chart part caches it.
        let value = if bar.value.is_finite() {
            bar.value
        } else {
            0.0
        };
        out.start("row").attr("r", row);
        text_cell(&mut out, &format!("A{row}"), &category(bar));
        out.start("c")
            .attr("r", format_args!("B{row}"))
            .text_element("v", &value.to_string())
            .end()
            .end();
    }
    // sheetData, worksheet.
    out.end().end();
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bar;

    fn chart() -> Chart {
        Chart {
            number: 1,
            title: "Users <online> & more".into(),
            unit: "%".into(),
            bars: vec![
                Bar {
                    label: "Kazakhstan".into(),
                    value: 90.9,
                    shown: "90.9".into(),
                    year: Some(2021),
                },
                Bar {
                    label: "Kyrgyzstan".into(),
                    value: 78.0,
                    shown: "78".into(),
                    year: None,
                },
            ],
            source: Vec::new(),
            alt: String::new(),
            label: None,
        }
    }

    #[test]
    fn the_sheet_holds_what_the_chart_formulas_point_at() {
        let sheet = sheet_xml(&chart()).into_string();
        assert!(sheet.contains("<dimension ref=\"A1:B3\"/>"), "{sheet}");
        assert!(
            sheet.contains("<t xml:space=\"preserve\">Users &lt;online&gt; &amp; more</t>"),
            "{sheet}"
        );
        assert!(
            sheet.contains(
                "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Kazakhstan (2021)</t></is></c><c r=\"B2\"><v>90.9</v></c></row>"
            ),
            "{sheet}"
        );
        assert!(sheet.contains("<c r=\"B3\"><v>78</v></c>"), "{sheet}");
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        let first = workbook(&chart()).unwrap();
        assert_eq!(first, workbook(&chart()).unwrap());
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first[..])).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/worksheets/sheet1.xml"
            ]
        );
    }
}
