//! The reader on small Word files built here, part by part.

use std::io::Write;

use super::*;

use crate::ooxml::names::W;

/// The namespaces a body or notes part declares.
const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

/// A zip of these parts, deflated.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn rels(entries: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rSt" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rNu" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rEn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>{entries}</Relationships>"#
    )
}

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="Heading 2"/><w:basedOn w:val="berschrift1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H3"><w:name w:val="heading 3"/><w:rPr><w:b/><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Head"/><w:basedOn w:val="H2"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Emph2"><w:name w:val="Emph 2"/><w:basedOn w:val="Strong"/><w:rPr><w:i/></w:rPr></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="10"/></w:num>
</w:numbering>"#;

const FOOTNOTES: &str = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A footnote.</w:t></w:r></w:p><w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

const ENDNOTES: &str = r#"<w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>An endnote.</w:t></w:r></w:p></w:endnote>
</w:endnotes>"#;

/// A Word file whose body is `body`, with the styles, numbering and notes above and the
/// document relationships `extra_rels`, plus `extra` parts.
fn docx_with(body: &str, extra_rels: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let doc_rels = rels(extra_rels);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/footnotes.xml", FOOTNOTES.as_bytes()),
        ("word/endnotes.xml", ENDNOTES.as_bytes()),
    ];
    parts.extend_from_slice(extra);
    zip(&parts)
}

fn docx(body: &str) -> Vec<u8> {
    docx_with(body, "", &[])
}

fn read_ok(bytes: &[u8]) -> WordDocument {
    read("test.docx", bytes, &ReadOptions::default()).unwrap()
}

fn read_err(name: &str, bytes: &[u8]) -> ReadError {
    read(name, bytes, &ReadOptions::default()).unwrap_err()
}

/// Constructors of the reader's tree, for these tests and the Markdown writer's.
pub(crate) fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        marks: Marks::default(),
    }
}

pub(crate) fn marked(s: &str, bold: bool, italic: bool, strike: bool) -> Inline {
    Inline::Text {
        text: s.into(),
        marks: Marks {
            bold,
            italic,
            strike,
        },
    }
}

pub(crate) fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        style: None,
        content,
    }
}

fn p(s: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{s}</w:t></w:r></w:p>")
}

fn styled(style: &str, s: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{s}</w:t></w:r></w:p>")
}

fn notices(doc: &WordDocument) -> String {
    doc.notices
        .iter()
        .map(|n| format!("{}: {}", n.place, n.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn headings_by_style_name_outline_level_and_localized_id() {
    let body = [
        styled("berschrift1", "One"),
        styled("H2", "Two"),
        styled("MyHead", "Inherited"),
        // A heading style's bold is its look, not emphasis; a run's own bold is kept.
        styled("H3", "Bold look"),
        "<w:p><w:pPr><w:pStyle w:val=\"H3\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Bold run</w:t></w:r></w:p>".into(),
        "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Three</w:t></w:r></w:p>".into(),
        // Outline level 9 is body text, overriding the style's.
        "<w:p><w:pPr><w:pStyle w:val=\"H2\"/><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>Body</w:t></w:r></w:p>".into(),
        styled("Quote", "Quoted"),
        styled("Normal", "Plain"),
        styled("Missing", "Unknown style"),
    ]
    .concat();
    let doc = read_ok(&docx(&body));
    assert_eq!(
        doc.body,
        vec![
            Block::Heading {
                level: 1,
                content: vec![text("One")]
            },
            Block::Heading {
                level: 2,
                content: vec![text("Two")]
            },
            Block::Heading {
                level: 2,
                content: vec![text("Inherited")]
            },
            Block::Heading {
                level: 3,
                content: vec![text("Bold look")]
            },
            Block::Heading {
                level: 3,
                content: vec![marked("Bold run", true, false, false)]
            },
            Block::Heading {
                level: 3,
                content: vec![text("Three")]
            },
            Block::Paragraph {
                style: Some("Heading 2".into()),
                content: vec![text("Body")]
            },
            Block::Paragraph {
                style: Some("Quote".into()),
                content: vec![marked("Quoted", false, true, false)]
            },
            para(vec![text("Plain")]),
            para(vec![text("Unknown style")]),
        ]
    );
    assert_eq!(doc.lang.as_deref(), Some("ru-RU"));
}

#[test]
fn runs_with_marks_character_styles_and_false_values() {
    let body = r#"<w:p>
<w:r><w:rPr><w:b/></w:rPr><w:t>bold</w:t></w:r>
<w:r><w:rPr><w:b w:val="1"/></w:rPr><w:t xml:space="preserve"> still</w:t></w:r>
<w:r><w:rPr><w:b w:val="0"/><w:i w:val="true"/></w:rPr><w:t xml:space="preserve"> italic</w:t></w:r>
<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve"> strong</w:t></w:r>
<w:r><w:rPr><w:rStyle w:val="Emph2"/></w:rPr><w:t xml:space="preserve"> both</w:t></w:r>
<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b w:val="false"/></w:rPr><w:t xml:space="preserve"> unbolded</w:t></w:r>
<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve"> struck</w:t></w:r>
<w:r><w:rPr><w:dstrike/></w:rPr><w:t xml:space="preserve"> double</w:t></w:r>
<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> hidden</w:t></w:r>
<w:r><w:t xml:space="preserve"> a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="page"/><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f&#160;g</w:t><w:sym w:font="Arial" w:char="00A9"/><w:sym w:font="Wingdings" w:char="F04A"/></w:r>
</w:p>"#;
    let doc = read_ok(&docx(body));
    assert_eq!(
        doc.body,
        vec![para(vec![
            marked("bold still", true, false, false),
            marked(" italic", false, true, false),
            marked(" strong", true, false, false),
            marked(" both", true, true, false),
            marked(" unbolded", false, false, false),
            marked(" struck double", false, false, true),
            text(" a b"),
            Inline::LineBreak,
            text("c"),
            Inline::LineBreak,
            text("d\u{2011}ef\u{a0}g©"),
        ])]
    );
}

#[test]
fn hyperlinks_through_relationships_and_fields() {
    let rels = r#"<Relationship Id="rL" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://unece.org/speca" TargetMode="External"/>"#;
    let body = r#"<w:p>
<w:hyperlink r:id="rL"><w:r><w:t>SPECA</w:t></w:r></w:hyperlink>
<w:r><w:t xml:space="preserve"> and </w:t></w:r>
<w:hyperlink w:anchor="_Toc1"><w:r><w:t>a bookmark</w:t></w:r></w:hyperlink>
<w:r><w:t xml:space="preserve"> and </w:t></w:r>
<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/a&quot; "><w:r><w:t>simple</w:t></w:r></w:fldSimple>
<w:r><w:t xml:space="preserve"> and </w:t></w:r>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:a@b.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>complex</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
</w:p>"#;
    let doc = read_ok(&docx_with(body, rels, &[]));
    assert_eq!(
        doc.body,
        vec![para(vec![
            Inline::Link {
                url: "https://unece.org/speca".into(),
                content: vec![text("SPECA")]
            },
            text(" and a bookmark and "),
            Inline::Link {
                url: "https://example.org/a".into(),
                content: vec![text("simple")]
            },
            text(" and "),
            Inline::Link {
                url: "mailto:a@b.org".into(),
                content: vec![marked("complex", true, false, false)]
            },
        ])]
    );
}

#[test]
fn footnotes_and_endnotes_keep_apart() {
    let body = r#"<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> more</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="99"/></w:r></w:p>"#;
    let doc = read_ok(&docx(body));
    assert_eq!(
        doc.body,
        vec![para(vec![
            text("Text"),
            Inline::Note(1),
            text(" more"),
            Inline::Note(2)
        ])]
    );
    assert_eq!(doc.notes.len(), 2);
    assert_eq!(
        doc.notes[&1],
        vec![
            para(vec![text("A footnote.")]),
            para(vec![text("Second paragraph.")])
        ]
    );
    assert_eq!(doc.notes[&2], vec![para(vec![text("An endnote.")])]);
}

#[test]
fn lists_nested_numbered_and_by_style() {
    let item = |num: u32, ilvl: u8, s: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{s}</w:t></w:r></w:p>"
        )
    };
    let body = [
        item(1, 0, "first"),
        item(1, 1, "bullet inside"),
        item(1, 0, "second"),
        styled("ListBullet", "by style"),
        item(3, 0, "from three"),
        // Another w:num of the same abstract numbering counts on (LibreOffice writes these).
        item(4, 0, "counts on"),
        // A numbered heading stays a heading; numId 0 removes the style's numbering.
        "<w:p><w:pPr><w:pStyle w:val=\"berschrift1\"/><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Numbered heading</w:t></w:r></w:p>".into(),
        "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>not a list</w:t></w:r></w:p>".into(),
        item(77, 0, "undefined list"),
    ]
    .concat();
    let doc = read_ok(&docx(&body));
    let li = |list, level, ordered, start, s: &str| Block::ListItem {
        list,
        level,
        ordered,
        start,
        content: vec![text(s)],
    };
    assert_eq!(
        doc.body,
        vec![
            li(1, 0, true, 1, "first"),
            li(1, 1, false, 1, "bullet inside"),
            li(1, 0, true, 1, "second"),
            li(2, 0, false, 1, "by style"),
            li(3, 0, true, 3, "from three"),
            li(3, 0, true, 1, "counts on"),
            Block::Heading {
                level: 1,
                content: vec![text("Numbered heading")]
            },
            Block::Paragraph {
                style: Some("List Bullet".into()),
                content: vec![text("not a list")]
            },
            para(vec![text("undefined list")]),
        ]
    );
}

fn cell(s: &str, merged: bool) -> Cell {
    Cell {
        content: if s.is_empty() {
            vec![]
        } else {
            vec![para(vec![text(s)])]
        },
        merged,
        control: None,
    }
}

#[test]
fn tables_with_spans_merges_header_and_nesting() {
    let body = r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>AB</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>down</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"#;
    let doc = read_ok(&docx(body));
    let nested = Cell {
        content: vec![Block::Table(Table {
            rows: vec![Row {
                header: false,
                cells: vec![cell("nested", false)],
            }],
        })],
        merged: false,
        control: None,
    };
    assert_eq!(
        doc.body,
        vec![Block::Table(Table {
            rows: vec![
                Row {
                    header: true,
                    cells: vec![cell("AB", false), cell("AB", true), cell("C", false)]
                },
                Row {
                    header: false,
                    cells: vec![cell("down", false), cell("", false), nested]
                },
                Row {
                    header: false,
                    cells: vec![cell("down", true), cell("x", false), cell("y", false)]
                },
            ]
        })]
    );
    let notices = notices(&doc);
    assert!(
        notices.contains("table 1, row 1: merged cells were repeated"),
        "{notices}"
    );
    assert!(
        notices.contains("table 1, row 3: merged cells were repeated"),
        "{notices}"
    );
    assert!(!notices.contains("row 2"), "{notices}");
}

fn drawing(rid: &str, attr: &str, descr: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="{descr}" title="a title"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:{attr}="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

#[test]
fn images_embedded_sniffed_or_skipped() {
    let rels = r#"<Relationship Id="rI" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.emf"/>
<Relationship Id="rE" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="/word/media/x.emf"/>
<Relationship Id="rX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.org/a.png" TargetMode="External"/>
<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/s.svg"/>"#;
    let body = format!(
        "<w:p>{}{}{}{}{}</w:p>",
        drawing("rI", "embed", "A map"),
        drawing("rE", "embed", ""),
        drawing("rX", "link", "linked"),
        drawing("rS", "embed", ""),
        drawing("rI", "embed", "again"),
    );
    let mut emf = vec![1u8, 0, 0, 0];
    emf.resize(40, 0);
    emf.extend_from_slice(b" EMF");
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    // The part named .emf is a PNG: the format comes from the bytes.
    let doc = read_ok(&docx_with(
        &body,
        rels,
        &[
            ("word/media/image1.emf", PNG),
            ("word/media/x.emf", &emf),
            ("word/media/s.svg", svg),
        ],
    ));
    assert_eq!(
        doc.body,
        vec![para(vec![
            Inline::Image {
                media: 1,
                alt: "A map".into()
            },
            Inline::Image {
                media: 2,
                alt: "a title".into()
            },
            Inline::Image {
                media: 1,
                alt: "again".into()
            },
        ])]
    );
    assert_eq!(doc.media[&1].format, "png");
    assert_eq!(doc.media[&1].part, "word/media/image1.emf");
    assert_eq!(doc.media[&2].format, "svg");
    let notices = notices(&doc);
    assert!(
        notices.contains("image 2: image 2 is in a format the documents cannot show (EMF"),
        "{notices}"
    );
    assert!(
        notices.contains("image 3: the picture is linked"),
        "{notices}"
    );
}

#[test]
fn content_controls_block_run_cell_row_and_placeholders() {
    let sdt = |tag: &str, placeholder: bool, content: &str| {
        let tag = if tag.is_empty() {
            String::new()
        } else {
            format!("<w:tag w:val=\"{tag}\"/>")
        };
        let ph = if placeholder {
            "<w:showingPlcHdr/>"
        } else {
            ""
        };
        format!(
            "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/>{tag}{ph}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"
        )
    };
    let run = |s: &str| format!("<w:r><w:t>{s}</w:t></w:r>");
    let tc = |s: &str| format!("<w:tc>{}</w:tc>", p(s));
    let toc = r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Contents 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let body = [
        sdt("title", false, &p("The title")),
        sdt("summary", true, &p("Click or tap here to enter text.")),
        sdt("", false, &p("untagged")),
        toc.to_string(),
        format!(
            "<w:p>{}{}{}</w:p>",
            run("Country: "),
            sdt("country", false, &run("Kazakhstan")),
            sdt("date", true, &run("Pick a date"))
        ),
        format!(
            "<w:tbl>{}<w:tr>{}{}</w:tr></w:tbl>",
            sdt(
                "row",
                false,
                &format!(
                    "<w:tr>{}{}</w:tr>",
                    tc("r1"),
                    sdt("value", false, &tc("42"))
                )
            ),
            tc("r2"),
            sdt("empty", true, &tc("Enter a value")),
        ),
    ]
    .concat();
    let doc = read_ok(&docx(&body));
    let tagged = |tag: &str| Some(tag.to_string());
    assert_eq!(
        doc.body,
        vec![
            Block::Control {
                tag: "title".into(),
                content: vec![para(vec![text("The title")])]
            },
            Block::Control {
                tag: "summary".into(),
                content: vec![]
            },
            para(vec![text("untagged")]),
            para(vec![
                text("Country: "),
                Inline::Control {
                    tag: "country".into(),
                    content: vec![text("Kazakhstan")]
                },
                Inline::Control {
                    tag: "date".into(),
                    content: vec![]
                },
            ]),
            Block::Table(Table {
                rows: vec![
                    Row {
                        header: false,
                        cells: vec![
                            cell("r1", false),
                            Cell {
                                control: tagged("value"),
                                ..cell("42", false)
                            }
                        ],
                    },
                    Row {
                        header: false,
                        cells: vec![
                            cell("r2", false),
                            Cell {
                                control: tagged("empty"),
                                ..cell("", false)
                            }
                        ],
                    },
                ]
            }),
        ]
    );
    // Only the table of contents (a building block) counts as a dropped field.
    assert_eq!(
        notices(&doc),
        "fields: 1 field (a table of contents, an index or page numbers) was dropped"
    );
}

#[test]
fn toc_and_page_fields_are_dropped_other_results_kept() {
    let begin = |instr: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        )
    };
    let end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let body = [
        p("Before"),
        // A TOC field spanning three paragraphs, with PAGEREF fields nested in it.
        format!("<w:p>{}<w:r><w:t>Intro</w:t></w:r>{}<w:r><w:t>3</w:t></w:r>{end}</w:p>", begin(" TOC \\o \"1-3\" \\h "), begin(" PAGEREF _Toc1 \\h ")),
        format!("<w:p><w:r><w:t>Chapter</w:t></w:r>{}<w:r><w:t>4</w:t></w:r>{end}</w:p>", begin(" PAGEREF _Toc2 ")),
        format!("<w:p>{end}</w:p>"),
        format!("<w:p><w:r><w:t xml:space=\"preserve\">Page </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>7</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>{}<w:r><w:t>9</w:t></w:r>{end}</w:p>", begin("NUMPAGES")),
        format!("<w:p><w:r><w:t xml:space=\"preserve\">Dear </w:t></w:r>{}<w:r><w:t>Ms Smith</w:t></w:r>{end}</w:p>", begin(" MERGEFIELD name ")),
    ]
    .concat();
    let doc = read_ok(&docx(&body));
    assert_eq!(
        doc.body,
        vec![
            para(vec![text("Before")]),
            para(vec![text("Page  of")]),
            para(vec![text("Dear Ms Smith")]),
        ]
    );
    assert_eq!(
        notices(&doc),
        "fields: 3 fields (a table of contents, an index or page numbers) were dropped"
    );
}

#[test]
fn comments_are_dropped_and_counted_once() {
    let body = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>commented</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p><w:p><w:r><w:commentReference w:id="5"/></w:r><w:r><w:t>again</w:t></w:r></w:p>"#;
    let doc = read_ok(&docx(body));
    assert_eq!(
        doc.body,
        vec![para(vec![text("commented")]), para(vec![text("again")])]
    );
    assert_eq!(notices(&doc), "comments: 2 comments were dropped");
}

#[test]
fn text_boxes_shapes_and_objects_are_noticed_not_read() {
    let body = r#"<w:p><w:r><w:t>Body</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="2" name="Text Box 2"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed text</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed text</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>
<w:r><w:object><v:shape><v:imagedata r:id="rO"/></v:shape><o:OLEObject ProgID="Excel.Sheet.12"/></w:object></w:r>
<w:r><w:drawing><wp:inline><wp:docPr id="3" name="Shape"/><a:graphic><a:graphicData><wps:wsp/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let doc = read_ok(&docx(body));
    assert_eq!(doc.body, vec![para(vec![text("Body")])]);
    assert_eq!(
        notices(&doc),
        "text box 1: a text box (“Boxed text”) was not imported; copy its text into the body\n\
         embedded object 1: an embedded object (OLE: an equation, a spreadsheet, a chart …) was not imported; copy its content into the body as text or a picture\n\
         shape 1: a shape or a drawing was not imported; insert it as a picture (PNG, JPEG or SVG)"
    );
}

const REVISIONS: &str = r#"<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">old </w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">new </w:t></w:r></w:ins><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>text</w:t></w:r></w:p>
<w:p><w:moveFrom w:id="4" w:author="A"><w:r><w:t>moved away</w:t></w:r></w:moveFrom></w:p><w:p><w:moveTo w:id="5" w:author="A"><w:r><w:t>moved here</w:t></w:r></w:moveTo></w:p>
<w:tbl><w:tr><w:trPr><w:ins w:id="6" w:author="A"/></w:trPr><w:tc><w:p><w:r><w:t>new row</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;

#[test]
fn tracked_changes_are_refused_by_default() {
    let error = read_err("test.docx", &docx(REVISIONS));
    assert!(
        error
            .message
            .contains("this Word file has 5 tracked changes that were never accepted or rejected"),
        "{}",
        error.message
    );
    let hint = error.hint.unwrap();
    assert!(
        hint.contains("--accept-changes") && hint.contains("--reject-changes"),
        "{hint}"
    );
    // A formatting change alone is no refusal.
    let formatting = r#"<w:p><w:pPr><w:pPrChange w:id="1" w:author="A"><w:pPr/></w:pPrChange></w:pPr><w:r><w:rPr><w:i/><w:rPrChange w:id="2" w:author="A"><w:rPr/></w:rPrChange></w:rPr><w:t>x</w:t></w:r></w:p>"#;
    assert_eq!(
        read_ok(&docx(formatting)).body,
        vec![para(vec![marked("x", false, true, false)])]
    );
}

#[test]
fn tracked_changes_accepted_or_rejected() {
    let with = |changes| {
        let options = ReadOptions {
            changes,
            ..ReadOptions::default()
        };
        read("t.docx", &docx(REVISIONS), &options).unwrap().body
    };
    let accepted = with(TrackedChanges::Accept);
    assert_eq!(
        accepted,
        vec![
            para(vec![text("The new "), marked("text", true, false, false)]),
            para(vec![text("moved here")]),
            Block::Table(Table {
                rows: vec![Row {
                    header: false,
                    cells: vec![cell("new row", false)]
                }]
            }),
        ]
    );
    let rejected = with(TrackedChanges::Reject);
    assert_eq!(
        rejected,
        vec![
            para(vec![text("The old "), marked("text", true, false, false)]),
            para(vec![text("moved away")]),
            Block::Table(Table { rows: vec![] }),
        ]
    );
}

#[test]
fn a_zip_bomb_is_refused() {
    // 300 MB of zeros deflate to about 300 KB: declared sizes give it away.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(CONTENT_TYPES.as_bytes()).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..300 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let error = read_err("bomb.docx", &bytes);
    assert!(
        error.message.contains("word/document.xml"),
        "{}",
        error.message
    );
    assert!(error.message.contains("refused"), "{}", error.message);

    // Declared sizes that lie are caught while inflating: a tiny limit stands in for them.
    let bytes = docx(&p(&"x".repeat(3 << 20)));
    let limits = Limits {
        max_ratio: 20,
        ..Limits::default()
    };
    let options = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    let error = read("b.docx", &bytes, &options).unwrap_err();
    assert!(error.message.contains("zip bomb"), "{}", error.message);
    let limits = Limits {
        max_part_bytes: 1000,
        ..Limits::default()
    };
    let options = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    assert!(read("b.docx", &bytes, &options).is_err());
    let limits = Limits {
        max_entries: 3,
        ..Limits::default()
    };
    let options = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    assert!(
        read("b.docx", &bytes, &options)
            .unwrap_err()
            .message
            .contains("entries")
    );
}

/// `bytes` with the uncompressed size of the entry `name` declared as `size`, in its local
/// header and in the central directory: a zip bomb that hides what it is.
fn lie_about_size(mut bytes: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let mut patched = 0;
    for at in 0..bytes.len() {
        let (signature, size_at, name_at) = match bytes.get(at..at + 4) {
            Some(b"PK\x03\x04") => (0, 22, 30),
            Some(b"PK\x01\x02") => (1, 24, 46),
            _ => continue,
        };
        let _ = signature;
        if bytes.get(at + name_at..at + name_at + name.len()) == Some(name.as_bytes()) {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "the entry's two headers");
    bytes
}

#[test]
fn lying_sizes_are_caught_while_inflating() {
    // 8 MB that deflate to a few kilobytes, declared as 100 bytes. The zip crate itself
    // stops at the declared size (the reader's own count while inflating backs it up).
    let bytes = lie_about_size(docx(&p(&"x".repeat(8 << 20))), "word/document.xml", 100);
    let error = read_err("liar.docx", &bytes);
    assert!(
        error.message.contains("word/document.xml"),
        "{}",
        error.message
    );
    // Over the total, with declared sizes below it.
    let bytes = docx(&p(&"y".repeat(200_000)));
    let limits = Limits {
        max_total_bytes: 100_000,
        ..Limits::default()
    };
    let options = ReadOptions {
        limits,
        ..ReadOptions::default()
    };
    let error = read("t.docx", &bytes, &options).unwrap_err();
    assert!(error.message.contains("100000"), "{}", error.message);
}

#[test]
fn a_dtd_or_external_entity_is_refused() {
    let document = format!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let bytes = zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ]);
    let error = read_err("x.docx", &bytes);
    assert!(
        error
            .message
            .contains("contains a DTD (document type declaration); Word never writes one"),
        "{}",
        error.message
    );
}

#[test]
fn macro_enabled_files_are_refused() {
    let macros = "macro-enabled Word files are refused; save it as a .docx (Word Document)";
    assert!(
        read_err("form.docm", &docx(&p("x")))
            .message
            .contains(macros)
    );
    assert!(read_err("FORM.DOCM", b"anything").message.contains(macros));
    let vba = docx_with(&p("x"), "", &[("word/vbaProject.bin", b"VBA")]);
    assert!(read_err("form.docx", &vba).message.contains(macros));
    let types = CONTENT_TYPES.replace(
        "wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    );
    let document = format!("<w:document {NS}><w:body>{}</w:body></w:document>", p("x"));
    let bytes = zip(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ]);
    assert!(read_err("form.docx", &bytes).message.contains(macros));
}

#[test]
fn targets_outside_the_package_are_refused() {
    let rels = r#"<Relationship Id="rP" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../../../etc/passwd"/>"#;
    let body = format!(
        "<w:p><w:r><w:t>x</w:t></w:r>{}</w:p>",
        drawing("rP", "embed", "")
    );
    let error = read_err("a.docx", &docx_with(&body, rels, &[]));
    assert!(
        error
            .message
            .contains("names \"../../../etc/passwd\", outside the Word file"),
        "{}",
        error.message
    );
    // An entry named with `..` is refused too, whatever points to it.
    for name in ["../evil.png", "word/../../evil.png", "word\\..\\x.png"] {
        let bytes = docx_with(&p("x"), "", &[(name, b"x")]);
        let error = read_err("a.docx", &bytes);
        assert!(
            error.message.contains("outside the Word file"),
            "{name}: {}",
            error.message
        );
    }
}

#[test]
fn what_is_not_a_word_file() {
    let not = "is not a Word (.docx) file";
    assert!(read_err("a.docx", b"").message.contains(not));
    assert!(read_err("a.docx", b"hello, world").message.contains(not));
    assert!(
        read_err("a.docx", &zip(&[("a.txt", b"x")]))
            .message
            .contains(not)
    );
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let error = read_err("a.docx", &ole);
    assert!(error.message.contains("password"), "{}", error.message);
    assert!(error.hint.unwrap().contains("remove the password"));
    // Damaged XML is an error, not a panic.
    let bytes = zip(&[("word/document.xml", b"<w:document><w:body>")]);
    assert!(
        read_err("a.docx", &bytes)
            .message
            .contains("not well-formed XML")
    );
}

#[test]
fn strict_ooxml_and_no_relationships() {
    let document = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>strict</w:t></w:r></w:p></w:body></w:document>"#;
    let doc = read_ok(&zip(&[("word/document.xml", document.as_bytes())]));
    assert_eq!(
        doc.body,
        vec![para(vec![marked("strict", true, false, false)])]
    );
    assert_eq!(doc.lang, None);
    // Other namespaces' elements of the same names are not WordprocessingML.
    let other = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x"><w:body><x:p><w:r><w:t>no</w:t></w:r></x:p>"#.to_string() + &p("yes") + "</w:body></w:document>";
    let doc = read_ok(&zip(&[("word/document.xml", other.as_bytes())]));
    assert_eq!(doc.body, vec![para(vec![text("yes")])]);
    let _ = W;
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let depth = 5_000;
    let body = "<w:sdt><w:sdtContent>".repeat(depth)
        + &p("deep")
        + &"</w:sdtContent></w:sdt>".repeat(depth);
    let error = read_err("d.docx", &docx(&body));
    assert!(error.message.contains("deep"), "{}", error.message);
}

#[test]
fn deep_wrappers_of_table_rows_and_cells_do_not_overflow() {
    // Row- and cell-level content controls nest through their own walk, not the blocks'.
    let depth = 200_000;
    let rows = "<w:sdt><w:sdtContent>".repeat(depth)
        + "<w:tr><w:tc>"
        + &p("deep row")
        + "</w:tc></w:tr>"
        + &"</w:sdtContent></w:sdt>".repeat(depth);
    let cells = "<w:tr>".to_string()
        + &"<w:customXml>".repeat(depth)
        + "<w:tc>"
        + &p("deep cell")
        + "</w:tc>"
        + &"</w:customXml>".repeat(depth)
        + "</w:tr>";
    for inner in [rows, cells] {
        let body = format!("<w:tbl>{inner}</w:tbl>{}", p("after"));
        let limits = Limits {
            max_xml_nodes: u32::MAX,
            max_ratio: u64::MAX,
            ..Limits::default()
        };
        let options = ReadOptions {
            limits,
            ..ReadOptions::default()
        };
        // Refused or read without what lies too deep; never a stack overflow.
        if let Ok(doc) = read("t.docx", &docx(&body), &options) {
            assert!(!format!("{doc:?}").contains("deep"));
        }
    }
}

/// A small deterministic generator, for the damaged-file test.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn damaged_files_never_panic() {
    let body = [
        styled("berschrift1", "Title"),
        REVISIONS.to_string(),
        "<w:p><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>".into(),
    ]
    .concat();
    let good = docx(&body);
    let options = ReadOptions {
        changes: TrackedChanges::Accept,
        ..ReadOptions::default()
    };
    assert!(read("g.docx", &good, &options).is_ok());
    let mut state = 0x9E37_79B9_7F4A_7C15;
    for round in 0..600 {
        let mut bytes = good.clone();
        match round % 3 {
            // Truncated anywhere.
            0 => bytes.truncate((xorshift(&mut state) as usize) % bytes.len()),
            // Bytes flipped anywhere, the zip's directory included.
            _ => {
                for _ in 0..(1 + round % 8) {
                    let at = (xorshift(&mut state) as usize) % bytes.len();
                    if let Some(b) = bytes.get_mut(at) {
                        *b ^= (xorshift(&mut state) as u8) | 1;
                    }
                }
            }
        }
        let _ = read("m.docx", &bytes, &options);
    }
    // Damaged XML inside an intact zip: each part cut short.
    for cut in (0..body.len()).step_by(37) {
        let damaged = docx_with(body.get(..cut).unwrap_or_default(), "", &[]);
        let _ = read("c.docx", &damaged, &options);
    }
}
