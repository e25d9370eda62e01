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
use super::xml::{XML_DECLARATION, escape};

/// The content type of an embedded workbook (by its extension, `.xlsx`).
pub(super) const WORKBOOK_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const SML: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

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
            sheet_xml(chart).into_bytes(),
            true,
        ),
    ];
    zip_entries(&entries)
}

fn content_types() -> String {
    const SHEET_ML: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    format!(
        concat!(
            "{decl}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
            "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
            "<Override PartName=\"/xl/workbook.xml\" ContentType=\"{sml}.sheet.main+xml\"/>",
            "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"{sml}.worksheet+xml\"/>",
            "<Override PartName=\"/xl/styles.xml\" ContentType=\"{sml}.styles+xml\"/>",
            "</Types>"
        ),
        decl = XML_DECLARATION,
        sml = SHEET_ML,
    )
}

fn root_rels() -> String {
    format!(
        concat!(
            "{decl}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/>",
            "</Relationships>"
        ),
        decl = XML_DECLARATION,
        rel = REL,
    )
}

fn workbook_xml() -> String {
    format!(
        concat!(
            "{decl}<workbook xmlns=\"{sml}\" xmlns:r=\"{rel}\">",
            "<sheets><sheet name=\"{sheet}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        ),
        decl = XML_DECLARATION,
        sml = SML,
        rel = REL,
        sheet = SHEET,
    )
}

fn workbook_rels() -> String {
    format!(
        concat!(
            "{decl}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
            "<Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/>",
            "<Relationship Id=\"rId2\" Type=\"{rel}/styles\" Target=\"styles.xml\"/>",
            "</Relationships>"
        ),
        decl = XML_DECLARATION,
        rel = REL,
    )
}

/// The least a styles part holds that Excel accepts: one font, the two fills it reserves, one
/// border, one cell format.
fn styles_xml() -> String {
    format!(
        concat!(
            "{decl}<styleSheet xmlns=\"{sml}\">",
            "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>",
            "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>",
            "<fill><patternFill patternType=\"gray125\"/></fill></fills>",
            "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>",
            "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
            "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>",
            "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
            "</styleSheet>"
        ),
        decl = XML_DECLARATION,
        sml = SML,
    )
}

/// A text cell: an inline string, its spaces kept.
fn text_cell(reference: &str, text: &str) -> String {
    format!(
        "<c r=\"{reference}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
        escape(text)
    )
}

fn sheet_xml(chart: &Chart) -> String {
    let last = chart.bars.len() + 1;
    let mut rows = format!("<row r=\"1\">{}</row>", text_cell("B1", &chart.title));
    for (i, bar) in chart.bars.iter().enumerate() {
        let row = i + 2;
        // The model keeps values finite; a stray one is written as the chart part caches it.
        let value = if bar.value.is_finite() {
            bar.value
        } else {
            0.0
        };
        rows.push_str(&format!(
            "<row r=\"{row}\">{}<c r=\"B{row}\"><v>{value}</v></c></row>",
            text_cell(&format!("A{row}"), &category(bar)),
        ));
    }
    format!(
        concat!(
            "{decl}<worksheet xmlns=\"{sml}\"><dimension ref=\"A1:B{last}\"/>",
            "<cols><col min=\"1\" max=\"1\" width=\"28\" customWidth=\"1\"/>",
            "<col min=\"2\" max=\"2\" width=\"14\" customWidth=\"1\"/></cols>",
            "<sheetData>{rows}</sheetData></worksheet>"
        ),
        decl = XML_DECLARATION,
        sml = SML,
        last = last,
        rows = rows,
    )
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
        }
    }

    #[test]
    fn the_sheet_holds_what_the_chart_formulas_point_at() {
        let sheet = sheet_xml(&chart());
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
