//! The namespaces and relationship types of Office Open XML that speca-docs reads or writes.
//!
//! ISO/IEC 29500 has two sets of namespaces: the transitional ones (what Word writes by
//! default, and what the DOCX writer writes) and the strict ones (Word's "Strict Open XML
//! Document"). A reader accepts both: each `…S` pair is `[transitional, strict]`.

/// WordprocessingML.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// WordprocessingML, transitional and strict.
pub const WS: [&str; 2] = [W, "http://purl.oclc.org/ooxml/wordprocessingml/main"];

/// Relationship references inside parts (`r:id`, `r:embed`).
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Relationship references, transitional and strict.
pub const RS: [&str; 2] = [R, "http://purl.oclc.org/ooxml/officeDocument/relationships"];

/// The `.rels` parts.
pub const PACKAGE_RELATIONSHIPS: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";
/// `[Content_Types].xml`.
pub const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
/// `docProps/core.xml`.
pub const CORE_PROPERTIES: &str =
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
/// `docProps/app.xml`.
pub const EXTENDED_PROPERTIES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
/// The value types of `docProps/app.xml`.
pub const DOC_PROPS_VTYPES: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";

/// Drawings placed in the text.
pub const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
/// DrawingML.
pub const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// DrawingML pictures.
pub const PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
/// DrawingML charts.
pub const C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
/// SpreadsheetML, for the workbook that holds a chart's data.
pub const SML: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
/// Word 2016's SVG pictures (`asvg:svgBlip`).
pub const ASVG: &str = "http://schemas.microsoft.com/office/drawing/2016/SVG/main";
/// Word's "decorative" mark for pictures (`adec:decorative`).
pub const ADEC: &str = "http://schemas.microsoft.com/office/drawing/2017/decorative";

/// Relationship types: the prefix of every transitional one.
pub const REL_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
/// The main part, transitional and strict.
pub const OFFICE_DOCUMENT: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
];
/// A picture.
pub const IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
/// The core properties, from the package's own relationships.
pub const CORE_PROPERTIES_REL: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

/// Whether a namespace is WordprocessingML's, in either set.
pub fn is_wordprocessingml(namespace: &str) -> bool {
    WS.contains(&namespace)
}
