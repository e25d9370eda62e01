//! Tests of the whole writer: a document written, unzipped and read back part by part.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::model::{
    Align, Annex, Block, Date, Document, Front, Heading, ImageFormat, ImageRef, Inline, Labels,
    List, Table,
};

use super::{DocxOptions, DocxTemplate, write_docx};
use crate::template::{Template, TemplateError};

// Helpers the integration tests use too: reading OOXML, and whether the real readers are
// installed.
#[path = "../../../tests/it/common/ooxml.rs"]
mod ooxml;
#[path = "../../../tests/it/common/readers.rs"]
mod readers;
use ooxml::{Docx, R, W, num_pr, para_text, paragraphs, parse, style_of, w_attr, w_child_val};

fn labels() -> Labels {
    crate::model::english_for_tests()
}

fn date(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn t(text: &str) -> Inline {
    Inline::Text(text.to_string())
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph {
        content: inlines,
        numbered: true,
    }
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        content: vec![t(text)],
        numbered: true,
    })
}

/// A PNG of `width` × `height` pixels (bars of colour), encoded with stored deflate blocks.
pub(super) fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0);
        for x in 0..width {
            let bar = (x * 5 / width.max(1)) as u8;
            let filled = y >= height * u32::from(bar + 1) / 6;
            let rgb = if filled {
                [0x00, 0x5B + bar * 30, 0x9A]
            } else {
                [0xFF, 0xFF, 0xFF]
            };
            raw.extend(rgb);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn image(key: &str, width: u32, height: u32, alt: &str) -> ImageRef {
    ImageRef {
        key: key.into(),
        format: ImageFormat::Png,
        data: Arc::from(png(width, height)),
        // No pHYs chunk: 72 dpi, a pixel is a point.
        width_pt: f64::from(width),
        height_pt: f64::from(height),
        alt: alt.into(),
    }
}

fn front() -> Front {
    Front {
        programme: "United Nations Special Programme for the Economies of Central Asia (SPECA)"
            .into(),
        organizers: vec!["ESCAP".into(), "ECE".into()],
        symbol: Some("ECE/CECI/2022/3".into()),
        distribution: "General".into(),
        date: Some(date("2022-10-15")),
        body: Some(
            "SPECA Working Group on Innovation and Technology for Sustainable Development".into(),
        ),
        session: Some("Third session".into()),
        venue: Some("Almaty, Kazakhstan".into()),
        meeting_dates: Some((date("2022-07-19"), date("2022-07-20"))),
        agenda_item: Some("Item 4 of the provisional agenda".into()),
        title: "Digital transformation and innovation in SPECA countries".into(),
        subtitle: Some("Note by the secretariat".into()),
        summary: vec![
            "This note consolidates the inputs of SPECA countries on innovation policy.".into(),
            "The Working Group is invited to take note of it.".into(),
        ],
        short_title: "Digital transformation".into(),
        draft_note: Some("Figures are illustrative.".into()),
        preview: None,
    }
}

/// A document with every kind of block and inline.
fn sample() -> Document {
    let chart = image(
        "sources/media/chart.png",
        1000,
        500,
        "Internet users, per cent of population",
    );
    let body = vec![
        heading(1, "Introduction"),
        para(vec![
            t("The SPECA Innovation Strategy was adopted in 2019."),
            Inline::Footnote(vec![para(vec![t("See ECE/CECI/2019/2.")])]),
            t(" Its Action Plan followed in 2021."),
        ]),
        para(vec![
            t("Markup stays text: <w:t> & { PAGE } \"quoted\" 'single' "),
            Inline::Code("fn main() {}".into()),
            t(" and controls\u{1}\u{8} dropped."),
        ]),
        Block::Byline(vec![t("Ministry of Digital Development, Kazakhstan")]),
        heading(2, "Digital connectivity"),
        para(vec![
            t("See "),
            Inline::Link {
                url: "https://unece.org/speca".into(),
                content: vec![t("the SPECA page")],
            },
            t(", write to "),
            Inline::Link {
                url: "mailto:speca@un.org".into(),
                content: vec![t("the secretariat")],
            },
            t(" but not "),
            Inline::Link {
                url: "javascript:alert(1)".into(),
                content: vec![t("this script")],
            },
            t("."),
            Inline::Footnote(vec![para(vec![
                t("Data: "),
                Inline::Link {
                    url: "https://www.itu.int/".into(),
                    content: vec![t("ITU")],
                },
                t("."),
            ])]),
        ]),
        Block::List(List {
            start: Some(1),
            items: vec![
                vec![para(vec![t("upgrade skills;")])],
                vec![para(vec![t("spread innovation.")])],
            ],
        }),
        para(vec![t("A second list restarts its numbering:")]),
        Block::List(List {
            start: Some(3),
            items: vec![
                vec![
                    para(vec![t("transfer technology;")]),
                    Block::List(List {
                        start: None,
                        items: vec![vec![para(vec![t("nested bullet")])]],
                    }),
                ],
                vec![para(vec![t("improve SDG performance.")])],
            ],
        }),
        Block::Table(Table {
            align: vec![Align::Left, Align::Right, Align::Center],
            header: vec![vec![t("Country")], vec![t("Users (%)")], vec![t("Year")]],
            rows: vec![
                vec![vec![t("Kazakhstan")], vec![t("90.9")], vec![t("2021")]],
                vec![vec![t("Uzbekistan")], vec![t("76.6")], vec![t("2021")]],
            ],
            notes: vec![vec![t("Source: ITU.")]],
        }),
        Block::Figure(chart.clone()),
        Block::Figure(svg("sources/media/logo.svg")),
        Block::Quote(vec![para(vec![t("Connectivity for all.")])]),
        Block::CodeBlock("line 1\n\tindented <tag>\nline 3\n".into()),
        Block::Rule,
        heading(3, "Pilot network"),
        Block::Heading(Heading {
            level: 4,
            content: vec![t("Incubators")],
            numbered: true,
        }),
        Block::Heading(Heading {
            level: 2,
            content: vec![t("Unnumbered section")],
            numbered: false,
        }),
        Block::Paragraph {
            content: vec![t("Not numbered."), Inline::Image(chart)],
            numbered: false,
        },
        heading(1, "Conclusions"),
        para(vec![
            t("The Working Group may wish to endorse the plan."),
            Inline::Strong(vec![t(" Bold")]),
            Inline::Emph(vec![t(" italic")]),
        ]),
    ];
    Document {
        id: "gc-2022-digital".into(),
        lang: "en".into(),
        original_lang: "en".into(),
        version: "v2".into(),
        is_final: false,
        front: front(),
        body,
        annexes: vec![
            Annex {
                title: "Selected indicators".into(),
                blocks: vec![heading(1, "Method"), para(vec![t("Annex paragraph.")])],
                label: None,
            },
            Annex {
                title: "Case studies at a glance".into(),
                blocks: vec![para(vec![t("Second annex.")])],
                label: None,
            },
        ],
        labels: labels(),
        changes: None,
    }
}

fn options() -> DocxOptions<'static> {
    DocxOptions {
        build_date: date("2022-10-15"),
        generator: "speca-docs 0.1.0",
    }
}

/// Writes `doc` and unzips it.
/// The built-in template's styles.
fn builtin() -> DocxTemplate {
    DocxTemplate::builtin()
}

/// A template whose only file is a reference.docx, prepared for the writer.
fn with_reference(bytes: &[u8]) -> Result<DocxTemplate, TemplateError> {
    let template = Template {
        name: "test".into(),
        files: [("reference.docx".to_string(), Arc::from(bytes))].into(),
        from_project: ["reference.docx".to_string()].into(),
        labels: BTreeMap::new(),
        page: Default::default(),
    };
    DocxTemplate::new(&template)
}

fn written(doc: &Document, template: &DocxTemplate) -> Docx {
    Docx::read(
        "the written DOCX",
        &write_docx(doc, template, &options()).unwrap(),
    )
}

/// Every part has a content type and parses; every relationship target exists.
fn assert_package_consistent(docx: &Docx) {
    let types = docx.xml("[Content_Types].xml");
    let types = parse(&types);
    let defaults: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Default"))
        .filter_map(|n| n.attribute("Extension"))
        .collect();
    let overrides: BTreeSet<&str> = types
        .descendants()
        .filter(|n| n.has_tag_name("Override"))
        .filter_map(|n| n.attribute("PartName"))
        .collect();
    for name in &docx.order {
        if name == "[Content_Types].xml" {
            continue;
        }
        let extension = name.rsplit('.').next().unwrap();
        let part_name = format!("/{name}");
        assert!(
            overrides.contains(part_name.as_str()) || defaults.contains(extension),
            "{name} has no content type"
        );
        if name.ends_with(".xml") && !name.starts_with("[") {
            docx.xml(name);
        }
    }
    for part_name in overrides {
        assert!(
            docx.parts.contains_key(&part_name[1..]),
            "content type for missing {part_name}"
        );
    }
    // Every relationship target exists; external ones are hyperlinks.
    for (rels, dir) in [
        ("word/_rels/document.xml.rels", "word/"),
        ("word/_rels/footnotes.xml.rels", "word/"),
        ("_rels/.rels", ""),
    ] {
        if !docx.parts.contains_key(rels) {
            continue;
        }
        let xml = docx.xml(rels);
        let tree = parse(&xml);
        let mut ids = BTreeSet::new();
        for rel in tree
            .descendants()
            .filter(|n| n.has_tag_name("Relationship"))
        {
            assert!(
                ids.insert(rel.attribute("Id").unwrap().to_string()),
                "duplicate id in {rels}"
            );
            let target = rel.attribute("Target").unwrap();
            if rel.attribute("TargetMode") == Some("External") {
                assert!(rel.attribute("Type").unwrap().ends_with("/hyperlink"));
            } else {
                assert!(
                    docx.parts.contains_key(&format!("{dir}{target}")),
                    "{rels}: {target} missing"
                );
            }
        }
    }
}

#[test]
fn all_parts_are_present_in_a_fixed_order_and_typed() {
    let docx = written(&sample(), &builtin());
    assert_eq!(
        docx.order,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/footnotes.xml",
            "word/_rels/footnotes.xml.rels",
            "word/header1.xml",
            "word/header2.xml",
            "word/footer1.xml",
            "word/footer2.xml",
            "word/media/image1.png",
            "word/media/image2.svg",
        ]
    );
    assert_package_consistent(&docx);
    let core = docx.xml("docProps/core.xml");
    assert!(core.contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-10-15T00:00:00Z</dcterms:created>"
    ));
    assert!(core.contains(
        "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2022-10-15T00:00:00Z</dcterms:modified>"
    ));
    assert!(
        core.contains(
            "<dc:title>Digital transformation and innovation in SPECA countries</dc:title>"
        )
    );
    assert!(
        core.contains("<dc:language>en-GB</dc:language>")
            && core.contains("<cp:version>v2</cp:version>")
    );
    assert!(
        docx.xml("docProps/app.xml")
            .contains("<Application>speca-docs 0.1.0</Application>")
    );
}

#[test]
fn two_writes_give_identical_bytes() {
    let doc = sample();
    let first = write_docx(&doc, &builtin(), &options()).unwrap();
    let second = write_docx(&doc, &builtin(), &options()).unwrap();
    assert!(first == second, "the DOCX bytes differ between two writes");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first[..])).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        assert_eq!(
            file.last_modified(),
            Some(zip::DateTime::default()),
            "{}",
            file.name().unwrap()
        );
    }
}

#[test]
fn first_page_has_the_masthead_sessional_heading_title_summary_and_draft_mark() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let texts: Vec<String> = paragraphs(&tree).into_iter().map(para_text).collect();
    let expected = [
        "United Nations",
        "ECE/CECI/2022/3",
        "ESCAP \u{B7} ECE",
        "United Nations Special Programme for the Economies of Central Asia (SPECA)",
        "Distr.: General",
        "15 October 2022",
        "Original: English",
        "Draft \u{2014} Version v2",
        "Figures are illustrative.",
        "SPECA Working Group on Innovation and Technology for Sustainable Development",
        "Third session",
        "Almaty, Kazakhstan, 19\u{2013}20 July 2022",
        "Item 4 of the provisional agenda",
        "Digital transformation and innovation in SPECA countries",
        "Note by the secretariat",
        "Summary",
        "This note consolidates the inputs of SPECA countries on innovation policy.",
        "Contents",
        "I.\tIntroduction",
    ];
    let mut at = 0;
    for want in expected {
        let found = texts[at..].iter().position(|t| t == want);
        assert!(
            found.is_some(),
            "{want:?} not found in order after paragraph {at}: {texts:?}"
        );
        at += found.unwrap() + 1;
    }
    // The symbol stands right of "United Nations" in the first row of the masthead table.
    let first_row = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "tr")))
        .unwrap();
    let cells: Vec<String> = first_row
        .children()
        .filter(|n| n.has_tag_name((W, "tc")))
        .map(ooxml::text)
        .collect();
    assert_eq!(cells, ["United Nations", "ECE/CECI/2022/3"]);
    // The body starts on a new page after the contents.
    let first_heading = texts.iter().position(|t| t == "Introduction").unwrap();
    assert_eq!(texts[first_heading - 1], "\n");
    assert!(xml.contains("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"));
    // A final document has no draft mark and no version in its header; a translation names
    // its language above the original's.
    let mut doc = sample();
    doc.is_final = true;
    doc.front.symbol = None;
    doc.lang = "ru".into();
    doc.labels.languages.insert("ru".into(), "Russian".into());
    let docx = written(&doc, &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let texts: Vec<String> = paragraphs(&tree).into_iter().map(para_text).collect();
    assert!(!texts.iter().any(|t| t.starts_with("Draft")));
    let russian = texts.iter().position(|t| t == "Russian").unwrap();
    assert_eq!(texts[russian + 1], "Original: English");
    let header = docx.xml("word/header1.xml");
    assert!(header.contains(">Digital transformation<") && !header.contains("Version"));
    let header = written(&sample(), &builtin()).xml("word/header1.xml");
    assert!(header.contains(">ECE/CECI/2022/3<") && header.contains(">Version v2<"));
}

#[test]
fn headings_use_heading_styles_with_outline_levels_and_word_numbering() {
    let docx = written(&sample(), &builtin());
    let styles = docx.xml("word/styles.xml");
    let styles_tree = parse(&styles);
    for (id, level) in [
        ("Heading1", "0"),
        ("Heading2", "1"),
        ("Heading3", "2"),
        ("Heading4", "3"),
        ("AnnexHeading", "0"),
    ] {
        let style = styles_tree
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && w_attr(*n, "styleId") == Some(id))
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(
            w_child_val(style, &["pPr", "outlineLvl"]),
            Some(level),
            "{id}"
        );
    }
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let headings: Vec<_> = paragraphs(&tree)
        .into_iter()
        .filter(|p| style_of(*p).is_some_and(|s| s.starts_with("Heading")))
        .map(|p| (style_of(p).unwrap().to_string(), num_pr(p), para_text(p)))
        .collect();
    assert_eq!(
        headings[..7],
        [
            ("Heading1".into(), Some((1, 0)), "Introduction".into()),
            (
                "Heading2".into(),
                Some((1, 1)),
                "Digital connectivity".into()
            ),
            ("Heading3".into(), Some((1, 2)), "Pilot network".into()),
            ("Heading4".into(), Some((1, 3)), "Incubators".into()),
            ("Heading2".into(), Some((0, 0)), "Unnumbered section".into()),
            ("Heading1".into(), Some((1, 0)), "Conclusions".into()),
            // The annex's chapters restart at I.: another instance of the heading numbering.
            (
                "Heading1".into(),
                Some((headings[6].1.unwrap().0, 0)),
                "Method".into()
            ),
        ]
    );
    assert_ne!(headings[6].1.unwrap().0, 1);
    let numbering = docx.xml("word/numbering.xml");
    let numbering = parse(&numbering);
    let heading_abstract = abstract_of(&numbering, 1);
    let lvl0 = heading_abstract
        .children()
        .find(|n| n.has_tag_name((W, "lvl")))
        .unwrap();
    assert_eq!(w_child_val(lvl0, &["numFmt"]), Some("upperRoman"));
    assert_eq!(w_child_val(lvl0, &["pStyle"]), Some("Heading1"));
    // Annexes: "Annex I" and the title on the next line, in the navigation pane's style.
    let annexes: Vec<String> = paragraphs(&tree)
        .into_iter()
        .filter(|p| style_of(*p) == Some("AnnexHeading"))
        .map(para_text)
        .collect();
    assert_eq!(
        annexes,
        [
            "Annex I\nSelected indicators",
            "Annex II\nCase studies at a glance"
        ]
    );
}

fn abstract_of<'a, 'i>(
    numbering: &'a roxmltree::Document<'i>,
    num_id: u32,
) -> roxmltree::Node<'a, 'i> {
    let num = numbering
        .descendants()
        .find(|n| n.has_tag_name((W, "num")) && w_attr(*n, "numId") == Some(&num_id.to_string()))
        .unwrap_or_else(|| panic!("num {num_id} missing"));
    let abstract_id = w_child_val(num, &["abstractNumId"]).unwrap();
    numbering
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "abstractNum")) && w_attr(*n, "abstractNumId") == Some(abstract_id)
        })
        .unwrap()
}

#[test]
fn numbered_paragraphs_share_one_word_numbering() {
    let doc = sample();
    let docx = written(&doc, &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let numbered: Vec<_> = paragraphs(&tree)
        .into_iter()
        .filter(|p| style_of(*p) == Some("NumberedPara"))
        .collect();
    // Top-level numbered paragraphs of body and annexes; list items and quotes are not numbered.
    assert_eq!(numbered.len(), 7);
    let ids: BTreeSet<_> = numbered.iter().map(|p| num_pr(*p)).collect();
    assert_eq!(ids, BTreeSet::from([Some((2, 0))]));
    assert!(para_text(numbered[0]).starts_with("The SPECA Innovation Strategy"));
    // No digits typed in: the number comes from numbering.xml.
    assert!(numbered.iter().all(|p| !para_text(*p).starts_with('1')));
    let numbering = docx.xml("word/numbering.xml");
    let numbering = parse(&numbering);
    let lvl0 = abstract_of(&numbering, 2)
        .children()
        .find(|n| n.has_tag_name((W, "lvl")))
        .unwrap();
    assert_eq!(w_child_val(lvl0, &["numFmt"]), Some("decimal"));
    assert_eq!(w_child_val(lvl0, &["lvlText"]), Some("%1."));
    assert_eq!(
        w_attr(
            lvl0.descendants()
                .find(|n| n.has_tag_name((W, "ind")))
                .unwrap(),
            "hanging"
        ),
        Some("567")
    );
    // The summary and non-numbered paragraphs have no number.
    for p in paragraphs(&tree) {
        let text = para_text(p);
        if text == "Not numbered." || text.starts_with("This note consolidates") {
            assert_eq!(num_pr(p), None, "{text}");
        }
    }
}

#[test]
fn each_list_restarts_its_numbering() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let items: BTreeMap<String, (u32, u32)> = paragraphs(&tree)
        .into_iter()
        .filter(|p| style_of(*p) == Some("ListParagraph"))
        .filter_map(|p| Some((para_text(p), num_pr(p)?)))
        .collect();
    let first = items["upgrade skills;"];
    let second = items["transfer technology;"];
    let nested = items["nested bullet"];
    assert_eq!(items["spread innovation."], first);
    assert_eq!(items["improve SDG performance."], second);
    assert_ne!(first.0, second.0, "two numbered lists share a numId");
    assert_eq!((first.1, second.1, nested.1), (0, 0, 1));
    let numbering = docx.xml("word/numbering.xml");
    assert!(numbering.contains(&format!(
        "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"3\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>",
        second.0
    )));
    let numbering = parse(&numbering);
    assert_eq!(
        w_attr(abstract_of(&numbering, nested.0), "abstractNumId"),
        Some("2")
    );
    let bullet = abstract_of(&numbering, nested.0)
        .children()
        .find(|n| n.has_tag_name((W, "lvl")))
        .unwrap();
    assert_eq!(w_child_val(bullet, &["numFmt"]), Some("bullet"));
}

#[test]
fn footnotes_are_word_footnotes_with_separators() {
    let docx = written(&sample(), &builtin());
    let footnotes = docx.xml("word/footnotes.xml");
    let tree = parse(&footnotes);
    let notes: Vec<_> = tree
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "footnote")))
        .collect();
    let ids: Vec<_> = notes.iter().map(|n| w_attr(*n, "id").unwrap()).collect();
    assert_eq!(ids, ["-1", "0", "1", "2"]);
    assert_eq!(w_attr(notes[0], "type"), Some("separator"));
    assert!(
        notes[0]
            .descendants()
            .any(|n| n.has_tag_name((W, "separator")))
    );
    assert_eq!(w_attr(notes[1], "type"), Some("continuationSeparator"));
    assert!(
        notes[1]
            .descendants()
            .any(|n| n.has_tag_name((W, "continuationSeparator")))
    );
    let first = notes[2]
        .descendants()
        .find(|n| n.has_tag_name((W, "p")))
        .unwrap();
    assert_eq!(style_of(first), Some("FootnoteText"));
    assert!(first.descendants().next().is_some());
    let runs: Vec<_> = first
        .children()
        .filter(|n| n.has_tag_name((W, "r")))
        .collect();
    assert!(
        runs[0]
            .children()
            .any(|n| n.has_tag_name((W, "footnoteRef"))),
        "footnote starts with its mark"
    );
    assert_eq!(para_text(first), "\tSee ECE/CECI/2019/2.");
    // A link inside a footnote: its relationship is the footnotes part's.
    let link = notes[3]
        .descendants()
        .find(|n| n.has_tag_name((W, "hyperlink")))
        .unwrap();
    let rid = link.attribute((R, "id")).unwrap();
    let rels = docx.xml("word/_rels/footnotes.xml.rels");
    assert!(rels.contains(&format!("Id=\"{rid}\" Type=\"{R}/hyperlink\" Target=\"https://www.itu.int/\" TargetMode=\"External\"")));
    // References in the body, in order, superscript and styled.
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let refs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "footnoteReference")))
        .collect();
    assert_eq!(
        refs.iter()
            .map(|n| w_attr(*n, "id").unwrap())
            .collect::<Vec<_>>(),
        ["1", "2"]
    );
    let run = refs[0].parent().unwrap();
    assert_eq!(
        w_child_val(run, &["rPr", "rStyle"]),
        Some("FootnoteReference")
    );
    assert_eq!(w_child_val(run, &["rPr", "vertAlign"]), Some("superscript"));
    let settings = docx.xml("word/settings.xml");
    assert!(settings.contains(
        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
    ));
    // Word updates the fields on opening (contents' page numbers, cross-references), the
    // setting in its place in the schema's order, before the footnotes' properties.
    assert!(settings.contains("<w:updateFields w:val=\"true\"/><w:footnotePr>"));
    assert!(settings.contains("<w:themeFontLang w:val=\"en-GB\"/>"));
}

#[test]
fn tables_repeat_their_header_and_align_columns() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let table = tree
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "tbl")) && w_child_val(*n, &["tblPr", "tblStyle"]) == Some("UNTable")
        })
        .unwrap();
    let width = table
        .descendants()
        .find(|n| n.has_tag_name((W, "tblW")))
        .unwrap();
    assert_eq!(
        (w_attr(width, "w"), w_attr(width, "type")),
        (Some("5000"), Some("pct"))
    );
    let rows: Vec<_> = table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows[0]
            .descendants()
            .any(|n| n.has_tag_name((W, "tblHeader")))
    );
    assert!(
        !rows[1]
            .descendants()
            .any(|n| n.has_tag_name((W, "tblHeader")))
    );
    let jcs: Vec<_> = rows[1]
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| w_child_val(p, &["pPr", "jc"]))
        .collect();
    assert_eq!(jcs, [Some("left"), Some("right"), Some("center")]);
    let note = table.next_sibling_element().unwrap();
    assert_eq!(
        (style_of(note), para_text(note).as_str()),
        (Some("TableNote"), "Source: ITU.")
    );
    let styles = docx.xml("word/styles.xml");
    assert!(styles.contains("w:styleId=\"UNTable\""));
}

#[test]
fn images_are_embedded_once_with_alt_text() {
    let doc = sample();
    let docx = written(&doc, &builtin());
    let chart = &doc.images()[0];
    assert_eq!(docx.parts["word/media/image1.png"], chart.data.to_vec());
    assert!(
        !docx.parts.contains_key("word/media/image2.png"),
        "one media part per image key"
    );
    assert!(docx.parts.contains_key("word/media/image2.svg"));
    let rels = docx.xml("word/_rels/document.xml.rels");
    let rels = parse(&rels);
    let image_rels: Vec<_> = rels
        .descendants()
        .filter(|n| n.attribute("Type") == Some(&format!("{R}/image")))
        .collect();
    assert_eq!(image_rels.len(), 2);
    assert_eq!(image_rels[0].attribute("Target"), Some("media/image1.png"));
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let doc_prs: Vec<_> = tree
        .descendants()
        .filter(|n| n.tag_name().name() == "docPr" && n.attribute("descr") != Some("Map of SPECA"))
        .collect();
    assert_eq!(doc_prs.len(), 2);
    assert!(
        doc_prs
            .iter()
            .all(|n| n.attribute("descr") == Some("Internet users, per cent of population"))
    );
    let ids: BTreeSet<_> = doc_prs.iter().map(|n| n.attribute("id").unwrap()).collect();
    assert_eq!(ids.len(), 2, "docPr ids are unique");
    let blip = tree
        .descendants()
        .find(|n| n.tag_name().name() == "blip")
        .unwrap();
    assert_eq!(blip.attribute((R, "embed")), image_rels[0].attribute("Id"));
    // 1000 px at 72 dpi (the PNG records no resolution) is 35 cm, wider than the text (16 cm):
    // scaled to the text width.
    let extent = tree
        .descendants()
        .find(|n| n.tag_name().name() == "extent")
        .unwrap();
    let cx: i64 = extent.attribute("cx").unwrap().parse().unwrap();
    let cy: i64 = extent.attribute("cy").unwrap().parse().unwrap();
    assert_eq!(cx, (11_906 - 2 * 1417 - 567) * 635);
    assert!((cy - cx / 2).abs() <= 1, "{cx} × {cy}");
}

fn svg(key: &str) -> ImageRef {
    let data = concat!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"120\" viewBox=\"0 0 300 120\">",
        "<rect x=\"5\" y=\"5\" width=\"290\" height=\"110\" fill=\"none\" stroke=\"#005B9A\" stroke-width=\"4\"/>",
        "<circle cx=\"60\" cy=\"60\" r=\"40\" fill=\"#009EDB\"/>",
        "<text x=\"120\" y=\"70\" font-size=\"28\" font-family=\"serif\">SPECA</text></svg>"
    );
    ImageRef {
        key: key.into(),
        format: ImageFormat::Svg,
        data: Arc::from(data.as_bytes()),
        // 300 × 120 px at 96 dpi.
        width_pt: 225.0,
        height_pt: 90.0,
        alt: "Map of SPECA".into(),
    }
}

#[test]
fn svg_is_the_main_picture_and_word_s_svg_extension() {
    let mut doc = sample();
    doc.body = vec![Block::Figure(svg("sources/media/map.svg"))];
    let docx = written(&doc, &builtin());
    assert!(docx.parts.contains_key("word/media/image1.svg"));
    assert!(
        docx.xml("[Content_Types].xml")
            .contains("<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>")
    );
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let blip = tree
        .descendants()
        .find(|n| n.tag_name().name() == "blip")
        .unwrap();
    let svg_blip = blip
        .descendants()
        .find(|n| n.tag_name().name() == "svgBlip")
        .unwrap();
    assert_eq!(
        blip.attribute((R, "embed")),
        svg_blip.attribute((R, "embed"))
    );
    let rels = docx.xml("word/_rels/document.xml.rels");
    let rid = blip.attribute((R, "embed")).unwrap();
    assert!(rels.contains(&format!(
        "Id=\"{rid}\" Type=\"{R}/image\" Target=\"media/image1.svg\""
    )));
}

#[test]
fn hyperlinks_only_for_web_and_mail() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let rels = docx.xml("word/_rels/document.xml.rels");
    let rels = parse(&rels);
    let target_of = |rid: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(rid))
            .map(|n| {
                (
                    n.attribute("Target").unwrap().to_string(),
                    n.attribute("TargetMode").map(str::to_string),
                )
            })
            .unwrap()
    };
    let links: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")) && n.attribute((R, "id")).is_some())
        .map(|n| (target_of(n.attribute((R, "id")).unwrap()), ooxml::text(n)))
        .collect();
    let external = Some("External".to_string());
    assert_eq!(
        links,
        [
            (
                ("https://unece.org/speca".to_string(), external.clone()),
                "the SPECA page".to_string()
            ),
            (
                ("mailto:speca@un.org".to_string(), external),
                "the secretariat".to_string()
            ),
        ]
    );
    let link_run = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "hyperlink")) && n.attribute((R, "id")).is_some())
        .unwrap();
    assert_eq!(
        w_child_val(link_run.first_element_child().unwrap(), &["rPr", "rStyle"]),
        Some("Hyperlink")
    );
    assert!(
        !xml.contains("javascript"),
        "a javascript: URL must not be written"
    );
    assert!(
        paragraphs(&tree)
            .into_iter()
            .any(|p| para_text(p).contains("but not this script."))
    );
}

#[test]
fn markup_in_text_stays_literal_and_control_characters_are_dropped() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let text = paragraphs(&tree)
        .into_iter()
        .map(para_text)
        .find(|t| t.starts_with("Markup stays text"))
        .unwrap();
    assert_eq!(
        text,
        "Markup stays text: <w:t> & { PAGE } \"quoted\" 'single' fn main() {} and controls dropped."
    );
    // No field but the contents' TOC and nothing the text could have opened.
    let instr: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "instrText")))
        .collect();
    assert_eq!(instr.len(), 1);
    assert_eq!(instr[0].text(), Some(" TOC \\o \"1-2\" \\h \\z \\u "));
    assert!(!tree.descendants().any(|n| n.has_tag_name((W, "fldSimple"))));
    // Code keeps its lines and tabs.
    let code = paragraphs(&tree)
        .into_iter()
        .find(|p| style_of(*p) == Some("SourceCode"))
        .unwrap();
    assert_eq!(para_text(code), "line 1\n\tindented <tag>\nline 3");
    let inline_code = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "t")) && n.text() == Some("fn main() {}"))
        .unwrap();
    assert_eq!(
        w_child_val(inline_code.parent().unwrap(), &["rPr", "rStyle"]),
        Some("VerbatimChar")
    );
}

#[test]
fn contents_are_a_prefilled_toc_field_with_typed_numbers() {
    let docx = written(&sample(), &builtin());
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let entries: Vec<_> = paragraphs(&tree)
        .into_iter()
        .filter(|p| style_of(*p).is_some_and(|s| s.starts_with("TOC") && s != "TOCHeading"))
        .collect();
    let texts: Vec<String> = entries.iter().map(|p| para_text(*p)).collect();
    assert_eq!(
        texts,
        [
            "I.\tIntroduction",
            "A.\tDigital connectivity",
            "Unnumbered section",
            "II.\tConclusions",
            "Annex I\tSelected indicators",
            "I.\tMethod",
            "Annex II\tCase studies at a glance",
        ]
    );
    let kinds: Vec<_> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "fldChar")))
        .map(|n| w_attr(n, "fldCharType").unwrap())
        .collect();
    assert_eq!(kinds, ["begin", "separate", "end"]);
    // Every entry links to a bookmark around its heading; bookmark ids are unique.
    let bookmarks: BTreeMap<&str, &str> = tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "bookmarkStart")))
        .map(|n| (w_attr(n, "name").unwrap(), w_attr(n, "id").unwrap()))
        .collect();
    let ids: BTreeSet<_> = bookmarks.values().collect();
    assert_eq!(ids.len(), bookmarks.len());
    for entry in &entries {
        let link = entry
            .descendants()
            .find(|n| n.has_tag_name((W, "hyperlink")))
            .unwrap();
        assert!(bookmarks.contains_key(w_attr(link, "anchor").unwrap()));
    }
}

#[test]
fn headers_and_footers_from_page_two() {
    let docx = written(&sample(), &builtin());
    let header = docx.xml("word/header1.xml");
    assert!(header.contains(">ECE/CECI/2022/3<"));
    let footer = docx.xml("word/footer1.xml");
    assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    for empty in ["word/header2.xml", "word/footer2.xml"] {
        let xml = docx.xml(empty);
        let tree = parse(&xml);
        assert!(
            paragraphs(&tree).iter().all(|p| para_text(*p).is_empty()),
            "{empty} is not empty"
        );
    }
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let sect = tree
        .descendants()
        .find(|n| n.has_tag_name((W, "sectPr")))
        .unwrap();
    let names: Vec<_> = sect
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(
        names,
        [
            "headerReference",
            "headerReference",
            "footerReference",
            "footerReference",
            "pgSz",
            "pgMar",
            "cols",
            "titlePg"
        ]
    );
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    let styles = docx.xml("word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
}

#[test]
fn every_referenced_style_exists() {
    let docx = written(&sample(), &builtin());
    let styles = docx.xml("word/styles.xml");
    let styles = parse(&styles);
    let defined: BTreeSet<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|n| w_attr(n, "styleId"))
        .collect();
    for part in [
        "word/document.xml",
        "word/footnotes.xml",
        "word/header1.xml",
        "word/footer1.xml",
        "word/numbering.xml",
    ] {
        let xml = docx.xml(part);
        let tree = parse(&xml);
        for node in tree.descendants().filter(|n| {
            n.has_tag_name((W, "pStyle"))
                || n.has_tag_name((W, "rStyle"))
                || n.has_tag_name((W, "tblStyle"))
        }) {
            let id = w_attr(node, "val").unwrap();
            assert!(defined.contains(id), "{part} uses undefined style {id}");
        }
    }
}

/// Element order inside pPr and rPr as the schema demands, for the elements we write.
#[test]
fn properties_follow_schema_order() {
    const PPR: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "spacing",
        "ind",
        "contextualSpacing",
        "jc",
        "outlineLvl",
        "rPr",
    ];
    const RPR: &[&str] = &[
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "strike",
        "noProof",
        "color",
        "sz",
        "szCs",
        "u",
        "vertAlign",
        "lang",
    ];
    let docx = written(&sample(), &builtin());
    for part in [
        "word/document.xml",
        "word/footnotes.xml",
        "word/styles.xml",
        "word/numbering.xml",
    ] {
        let xml = docx.xml(part);
        let tree = parse(&xml);
        for (name, order) in [("pPr", PPR), ("rPr", RPR)] {
            for node in tree.descendants().filter(|n| n.has_tag_name((W, name))) {
                let positions: Vec<usize> = node
                    .children()
                    .filter(|n| n.is_element())
                    .map(|n| {
                        order
                            .iter()
                            .position(|o| *o == n.tag_name().name())
                            .unwrap_or_else(|| {
                                panic!("{part}: unexpected {} in {name}", n.tag_name().name())
                            })
                    })
                    .collect();
                assert!(
                    positions.windows(2).all(|w| w[0] < w[1]),
                    "{part}: {name} out of order: {}",
                    &xml[node.range()]
                );
            }
        }
    }
}

fn reference_docx(styles: &str, document: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/styles.xml", options).unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    if let Some(document) = document {
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
    }
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types xmlns='urn:evil'><Override PartName='/x' ContentType='evil'/></Types>")
        .unwrap();
    zip.start_file("word/theme/theme1.xml", options).unwrap();
    zip.write_all(
        b"<a:theme xmlns:a='http://schemas.openxmlformats.org/drawingml/2006/main' name='Ref'/>",
    )
    .unwrap();
    zip.start_file("word/_rels/document.xml.rels", options)
        .unwrap();
    zip.write_all(b"<Relationships><Relationship Id='rId1' Target='evil.xml'/></Relationships>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_reference_docx_gives_styles_and_page_setup_but_not_its_package() {
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="de-DE"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>"#
    );
    let document = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p/><w:sectPr><w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    );
    let bytes = reference_docx(&styles, Some(&document));
    let with_reference = with_reference(&bytes).unwrap();
    let docx = written(&sample(), &with_reference);
    let styles_out = docx.xml("word/styles.xml");
    assert!(
        styles_out.contains("<w:rFonts w:ascii=\"Arial\"/>"),
        "the reference's styles are used"
    );
    assert!(styles_out.contains("<w:lang w:val=\"en-GB\"/>"));
    let xml = docx.xml("word/document.xml");
    assert!(
        xml.contains(
            "<w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1080\""
        )
    );
    let tree = parse(&xml);
    let heading = paragraphs(&tree)
        .into_iter()
        .find(|p| para_text(*p) == "Introduction")
        .unwrap();
    assert_eq!(
        style_of(heading),
        Some("berschrift1"),
        "styles matched by name"
    );
    assert_eq!(
        num_pr(heading),
        Some((1, 0)),
        "numbered by direct numPr when the style is not ours"
    );
    assert_package_consistent(&docx);
    assert!(!docx.xml("[Content_Types].xml").contains("evil"));
    assert!(!docx.xml("word/_rels/document.xml.rels").contains("evil"));
    // Its theme (fonts its styles may name) comes along, with our relationship and type.
    assert!(docx.xml("word/theme/theme1.xml").contains("name='Ref'"));
    assert!(
        docx.xml("word/_rels/document.xml.rels")
            .contains("/theme\" Target=\"theme/theme1.xml\"")
    );
    assert!(
        docx.xml("[Content_Types].xml")
            .contains("PartName=\"/word/theme/theme1.xml\"")
    );
    let styles_tree = parse(&styles_out);
    let defined: BTreeSet<&str> = styles_tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|n| w_attr(n, "styleId"))
        .collect();
    for node in tree
        .descendants()
        .filter(|n| n.has_tag_name((W, "pStyle")) || n.has_tag_name((W, "rStyle")))
    {
        assert!(
            defined.contains(w_attr(node, "val").unwrap()),
            "undefined {:?}",
            w_attr(node, "val")
        );
    }
    // The heading numbering is not linked to a style that is not ours.
    let numbering = docx.xml("word/numbering.xml");
    assert!(!numbering.contains("w:val=\"Heading1\"") && !numbering.contains("berschrift1"));
}

#[test]
fn a_bad_reference_docx_is_a_clear_error() {
    let err = with_reference(b"not a zip").err().unwrap();
    assert_eq!(err.file, "templates/test/reference.docx");
    assert!(
        err.to_string()
            .contains("reference.docx cannot be used: this is not a Word (.docx) file"),
        "{err}"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = with_reference(&bytes).err().unwrap();
    assert!(err.to_string().contains("has no word/styles.xml"), "{err}");
    let bytes = reference_docx("<w:styles", None);
    let err = with_reference(&bytes).err().unwrap();
    assert!(err.to_string().contains("not well-formed XML"), "{err}");
}

#[test]
fn odd_content_never_panics_and_stays_valid() {
    let mut doc = sample();
    doc.lang = "ru".into();
    doc.front = Front {
        date: Some(Date {
            year: 2022,
            month: 13,
            day: 40,
        }),
        meeting_dates: Some((
            Date {
                year: 2022,
                month: 0,
                day: 0,
            },
            date("2022-07-20"),
        )),
        summary: vec![String::new()],
        title: "\u{0}\u{FFFF}".into(),
        ..Front::default()
    };
    doc.labels.months.clear();
    doc.body = vec![
        Block::Heading(Heading {
            level: 0,
            content: vec![],
            numbered: true,
        }),
        Block::Heading(Heading {
            level: 200,
            content: vec![t("deep")],
            numbered: true,
        }),
        Block::Table(Table {
            align: vec![],
            header: vec![],
            rows: vec![],
            notes: vec![],
        }),
        Block::Table(Table {
            align: vec![Align::Right; 2],
            header: vec![],
            rows: vec![
                vec![vec![t("one")]],
                vec![vec![t("a")], vec![t("b")], vec![t("extra")]],
            ],
            notes: vec![],
        }),
        Block::Table(Table {
            align: vec![],
            header: vec![vec![t("h")]],
            rows: vec![],
            notes: vec![],
        }),
        Block::List(List {
            start: Some(u64::MAX),
            items: vec![vec![], vec![Block::Rule]],
        }),
        Block::Quote(vec![Block::Quote(vec![para(vec![Inline::Footnote(
            vec![],
        )])])]),
        para(vec![Inline::Footnote(vec![
            Block::Table(Table {
                align: vec![Align::None],
                header: vec![vec![t("x")]],
                rows: vec![],
                notes: vec![],
            }),
            para(vec![Inline::Footnote(vec![para(vec![t("nested")])])]),
        ])]),
        para(vec![
            Inline::Link {
                url: "https://a.org/<\"x\">".into(),
                content: vec![],
            },
            Inline::Link {
                url: "http://outer.org".into(),
                content: vec![Inline::Link {
                    url: "http://inner.org".into(),
                    content: vec![t("in")],
                }],
            },
            Inline::Image(ImageRef {
                width_pt: 0.0,
                height_pt: f64::NAN,
                ..image("k", 1, 1, "")
            }),
            Inline::Superscript(vec![Inline::Strike(vec![t("s")])]),
            Inline::LineBreak,
            Inline::SoftBreak,
        ]),
        Block::CodeBlock(String::new()),
        Block::Byline(vec![]),
    ];
    let mut list = Block::Paragraph {
        content: vec![t("bottom")],
        numbered: true,
    };
    for _ in 0..20 {
        list = Block::List(List {
            start: None,
            items: vec![vec![list]],
        });
    }
    doc.body.push(list);
    let docx = written(&doc, &builtin());
    for name in docx
        .order
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        docx.xml(name);
    }
    let xml = docx.xml("word/document.xml");
    // The odd links are hyperlinks whose targets are percent-encoded, so they stay inside
    // their attribute, and the text of a link inside a link is written once.
    let rels = docx.xml("word/_rels/document.xml.rels");
    assert!(
        rels.contains("Target=\"https://a.org/%3C%22x%22%3E\""),
        "{rels}"
    );
    assert!(rels.contains("Target=\"http://outer.org\""), "{rels}");
    assert_eq!(xml.matches(">in</w:t>").count(), 1, "{xml}");
    let tree = parse(&xml);
    // Every table cell holds a paragraph; no table is directly followed by another.
    for tc in tree.descendants().filter(|n| n.has_tag_name((W, "tc"))) {
        assert!(tc.children().any(|n| n.has_tag_name((W, "p"))));
    }
    for tbl in tree.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        if let Some(next) = tbl.next_sibling_element() {
            assert!(!next.has_tag_name((W, "tbl")));
        }
    }
    let styles = docx.xml("word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"ru-RU\""));
    let rels = docx.xml("word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"https://a.org/%3C%22x%22%3E\""));
    assert!(!rels.contains("inner.org"), "links do not nest");
    let footnotes = docx.xml("word/footnotes.xml");
    assert!(footnotes.contains("(nested)"));
}

/// The readers check: python-docx, pandoc and LibreOffice open a realistic document, through
/// `tests/docx_readers.sh`. Skipped, saying so, when they are not installed; a failure then
/// with `SPECA_REQUIRE_READERS=1`. When it fails, the documents and the readers' PDFs and texts
/// stay in the temporary folder it names, to be looked at.
#[test]
fn readers_open_the_document() {
    use std::path::{Path, PathBuf};
    use std::process::Command;
    if !readers::docx_readers() {
        return;
    }
    let source = Path::new(file!());
    let root: PathBuf = if source.is_absolute() {
        source.ancestors().nth(4).unwrap().to_path_buf()
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    };
    let script = root.join("tests/docx_readers.sh");
    let mut folder = tempfile::Builder::new()
        .prefix("speca-docx-check-")
        .tempdir()
        .unwrap();
    let dir = folder.path().to_path_buf();
    let bytes = write_docx(&sample(), &builtin(), &options()).unwrap();
    std::fs::write(dir.join("sample.docx"), bytes).unwrap();
    // A final document without symbol: the joint SPECA heading, the short title in the header.
    let mut joint = sample();
    joint.is_final = true;
    joint.front.symbol = None;
    let bytes = write_docx(&joint, &builtin(), &options()).unwrap();
    std::fs::write(dir.join("sample-joint.docx"), bytes).unwrap();
    // pandoc's own reference.docx as a template's reference.docx.
    let pandoc_reference = Command::new("python3")
        .args([
            "-c",
            "import pypandoc, subprocess, sys; sys.stdout.buffer.write(subprocess.run([pypandoc.get_pandoc_path(), '--print-default-data-file', 'reference.docx'], capture_output=True, check=True).stdout)",
        ])
        .output()
        .unwrap();
    assert!(
        pandoc_reference.status.success(),
        "pandoc has no reference.docx"
    );
    let pandoc_template = with_reference(&pandoc_reference.stdout).unwrap();
    let bytes = write_docx(&sample(), &pandoc_template, &options()).unwrap();
    std::fs::write(dir.join("sample-pandoc-reference.docx"), bytes).unwrap();
    let expected = dir.join("expected.txt");
    std::fs::write(
        &expected,
        [
            "United Nations",
            "Distr.: General",
            "Digital transformation and innovation in SPECA countries",
            "Summary",
            "Contents",
            "Introduction",
            "The SPECA Innovation Strategy was adopted in 2019.",
            "Markup stays text: <w:t> & { PAGE }",
            "Kazakhstan",
            "Conclusions",
            "Annex I",
            "Selected indicators",
            "See ECE/CECI/2019/2.",
        ]
        .join("\n"),
    )
    .unwrap();
    let output = Command::new("bash")
        .arg(&script)
        .arg(&dir)
        .arg(&expected)
        .env("DOCX_READERS_OUT", dir.join("out"))
        .output()
        .unwrap();
    folder.disable_cleanup(!output.status.success());
    assert!(
        output.status.success(),
        "{} failed (its files are kept in {}):\n{}\n{}",
        script.display(),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout));
}
