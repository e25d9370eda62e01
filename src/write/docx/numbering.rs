//! `word/numbering.xml`: Word numbering, so that Word renumbers what an editor adds or moves.
//!
//! Four abstract definitions: headings (I., A., 1., (a), linked to Heading1–4), numbered
//! paragraphs (1., 2., … through the whole document, linked to NumberedPara), bullets and
//! ordered lists ((a), (i), 1. as UN subparagraphs). numId `base + 1` is the headings of the
//! body, `base + 2` the numbered paragraphs; every list and every annex gets a numId of its own,
//! with `w:startOverride`, so its numbering restarts. `base` is 0 unless a reference.docx
//! brings numbering definitions of its own, which are kept in front of ours.

use super::styles::StyleMap;
use crate::ooxml::edit::start_tag_len;
use crate::ooxml::names::W;
use crate::ooxml::write::XML_DECLARATION;
use crate::ooxml::{Fragment, XmlWriter};
use crate::ooxml::{Limits, read};

/// Indentation step of lists and numbers, in twips (1 cm).
const STEP: u32 = 567;

/// A kind of list in the model.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ListKind {
    Bullet,
    Ordered,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Abstract {
    Headings,
    Paragraphs,
    Bullet,
    Ordered,
}

impl Abstract {
    const ALL: [Abstract; 4] = [
        Abstract::Headings,
        Abstract::Paragraphs,
        Abstract::Bullet,
        Abstract::Ordered,
    ];

    fn offset(self) -> u32 {
        match self {
            Abstract::Headings => 0,
            Abstract::Paragraphs => 1,
            Abstract::Bullet => 2,
            Abstract::Ordered => 3,
        }
    }
}

/// A `w:num` beyond the two fixed ones: its abstract definition and restarted levels.
struct Instance {
    abstract_num: Abstract,
    /// `(ilvl, start)` pairs written as `w:lvlOverride/w:startOverride`.
    starts: Vec<(u8, u32)>,
}

/// The numbering definitions of a document being written.
pub(super) struct Numbering {
    /// The reference.docx's numbering part: its root start tag, `w:abstractNum` and `w:num`
    /// elements, kept verbatim.
    reference: Option<ReferenceNumbering>,
    abstract_base: u32,
    num_base: u32,
    instances: Vec<Instance>,
}

struct ReferenceNumbering {
    root_start_tag: String,
    root_name: String,
    abstracts: Vec<String>,
    nums: Vec<String>,
}

/// Where the text of a list item starts at a level, in twips from the left margin.
pub(super) fn list_text_indent(ilvl: u8) -> u32 {
    2 * STEP + STEP * u32::from(ilvl.min(8))
}

impl Numbering {
    /// Our numbering, after the definitions of a reference.docx's `word/numbering.xml` when it
    /// has a usable one.
    pub fn new(reference_xml: Option<&str>) -> Numbering {
        let reference = reference_xml.and_then(ReferenceNumbering::parse);
        let (abstract_base, num_base) = match &reference {
            Some(r) => (r.max_ids.0 + 1, r.max_ids.1),
            None => (0, 0),
        };
        Numbering {
            reference: reference.map(|r| r.numbering),
            abstract_base,
            num_base,
            instances: Vec::new(),
        }
    }

    /// What our numIds are shifted by (style definitions we append refer to numId 1 and 2).
    pub fn num_base(&self) -> u32 {
        self.num_base
    }

    /// The numId of the body's headings.
    pub fn heading_num(&self) -> u32 {
        self.num_base + 1
    }

    /// The numId of the document-wide paragraph numbers.
    pub fn para_num(&self) -> u32 {
        self.num_base + 2
    }

    /// A new instance of the heading numbering that starts again at I. (for an annex).
    pub fn restarted_headings(&mut self) -> u32 {
        self.instance(Abstract::Headings, (0..4).map(|ilvl| (ilvl, 1)).collect())
    }

    /// A new list: its own numId, so that its numbering starts at `start`.
    pub fn new_list(&mut self, kind: ListKind, ilvl: u8, start: u64) -> u32 {
        let ilvl = ilvl.min(8);
        match kind {
            ListKind::Bullet => self.instance(Abstract::Bullet, vec![(ilvl, 1)]),
            ListKind::Ordered => {
                let start = u32::try_from(start).unwrap_or(u32::MAX).min(32_767);
                self.instance(Abstract::Ordered, vec![(ilvl, start)])
            }
        }
    }

    fn instance(&mut self, abstract_num: Abstract, starts: Vec<(u8, u32)>) -> u32 {
        self.instances.push(Instance {
            abstract_num,
            starts,
        });
        self.num_base + 2 + self.instances.len() as u32
    }

    /// The `word/numbering.xml` part: a reference.docx's definitions kept as they are (its
    /// root start tag too, with the namespaces they use), ours after them.
    pub fn xml(&self, styles: &StyleMap) -> String {
        let mut out = String::from(XML_DECLARATION);
        let root_name = match &self.reference {
            Some(r) => {
                out.push_str(&r.root_start_tag);
                r.root_name.clone()
            }
            None => {
                out.push_str(&format!("<w:numbering xmlns:w=\"{W}\">"));
                "w:numbering".to_string()
            }
        };
        if let Some(r) = &self.reference {
            r.abstracts.iter().for_each(|a| out.push_str(a));
        }
        let mut ours = XmlWriter::new();
        for abstract_num in Abstract::ALL {
            self.write_abstract(&mut ours, abstract_num, styles);
        }
        let ours = ours.finish();
        out.push_str(ours.as_str());
        if let Some(r) = &self.reference {
            r.nums.iter().for_each(|n| out.push_str(n));
        }
        out.push_str(self.nums().as_str());
        out.push_str(&format!("</{root_name}>"));
        out
    }

    /// Our `w:num` instances: headings, paragraphs, then one per list and annex.
    fn nums(&self) -> Fragment {
        let mut out = XmlWriter::new();
        let fixed = [
            (self.heading_num(), Abstract::Headings),
            (self.para_num(), Abstract::Paragraphs),
        ];
        for (num_id, abstract_num) in fixed {
            out.start("w:num")
                .attr("w:numId", num_id)
                .val(
                    "w:abstractNumId",
                    self.abstract_base + abstract_num.offset(),
                )
                .end();
        }
        for (index, instance) in self.instances.iter().enumerate() {
            let num_id = self.num_base + 3 + index as u32;
            out.start("w:num").attr("w:numId", num_id).val(
                "w:abstractNumId",
                self.abstract_base + instance.abstract_num.offset(),
            );
            for (ilvl, start) in &instance.starts {
                out.start("w:lvlOverride")
                    .attr("w:ilvl", ilvl)
                    .val("w:startOverride", start)
                    .end();
            }
            out.end();
        }
        out.finish()
    }

    fn write_abstract(&self, out: &mut XmlWriter, abstract_num: Abstract, styles: &StyleMap) {
        let id = self.abstract_base + abstract_num.offset();
        let (kind, levels): (&str, Vec<Level>) = match abstract_num {
            Abstract::Headings => ("multilevel", heading_levels()),
            Abstract::Paragraphs => (
                "singleLevel",
                vec![Level {
                    fmt: "decimal",
                    text: "%1.".into(),
                    style: Some("NumberedPara"),
                    left: STEP,
                }],
            ),
            Abstract::Bullet => ("hybridMultilevel", bullet_levels()),
            Abstract::Ordered => ("hybridMultilevel", ordered_levels()),
        };
        out.start("w:abstractNum")
            .attr("w:abstractNumId", id)
            .val("w:nsid", format_args!("{:08X}", 0x5C0D_0A00 + id))
            .val("w:multiLevelType", kind);
        for (ilvl, level) in levels.iter().enumerate() {
            out.start("w:lvl")
                .attr("w:ilvl", ilvl)
                .val("w:start", 1)
                .val("w:numFmt", level.fmt);
            // Link a level to a style only when the style is ours: a reference.docx's heading
            // style may be linked to its own numbering, and two links to one style confuse Word.
            if let Some(style) = level.style.filter(|s| styles.is_ours(s)) {
                out.val("w:pStyle", styles.id(style));
            }
            out.val("w:lvlText", &level.text)
                .val("w:lvlJc", "left")
                .start("w:pPr")
                .start("w:ind")
                .attr("w:left", level.left)
                .attr("w:hanging", STEP)
                .end()
                .end();
            if level.fmt == "bullet" {
                out.markup(concat!(
                    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" ",
                    "w:hint=\"default\"/></w:rPr>"
                ));
            }
            out.end();
        }
        out.end();
    }
}

struct Level {
    fmt: &'static str,
    text: String,
    style: Option<&'static str>,
    /// Left indent of the text; the number hangs one step before it.
    left: u32,
}

fn heading_levels() -> Vec<Level> {
    let styled = [
        ("upperRoman", "%1.", "Heading1"),
        ("upperLetter", "%2.", "Heading2"),
        ("decimal", "%3.", "Heading3"),
        ("lowerLetter", "(%4)", "Heading4"),
    ];
    let mut levels: Vec<Level> = styled
        .iter()
        .map(|(fmt, text, style)| Level {
            fmt,
            text: text.to_string(),
            style: Some(style),
            left: STEP,
        })
        .collect();
    for ilvl in 4..9u32 {
        let fmt = if ilvl % 2 == 0 {
            "lowerRoman"
        } else {
            "decimal"
        };
        levels.push(Level {
            fmt,
            text: format!("(%{})", ilvl + 1),
            style: None,
            left: STEP,
        });
    }
    levels
}

fn bullet_levels() -> Vec<Level> {
    (0..9u8)
        .map(|ilvl| Level {
            fmt: "bullet",
            text: if ilvl % 2 == 0 {
                "\u{2022}"
            } else {
                "\u{2013}"
            }
            .to_string(),
            style: None,
            left: list_text_indent(ilvl),
        })
        .collect()
}

/// Ordered lists as UN subparagraphs: (a), then (i), then 1., and again.
fn ordered_levels() -> Vec<Level> {
    (0..9u8)
        .map(|ilvl| {
            let n = ilvl + 1;
            let (fmt, text) = match ilvl % 3 {
                0 => ("lowerLetter", format!("(%{n})")),
                1 => ("lowerRoman", format!("(%{n})")),
                _ => ("decimal", format!("%{n}.")),
            };
            Level {
                fmt,
                text,
                style: None,
                left: list_text_indent(ilvl),
            }
        })
        .collect()
}

struct ParsedReference {
    numbering: ReferenceNumbering,
    /// The largest abstractNumId and numId of the reference.
    max_ids: (u32, u32),
}

impl ReferenceNumbering {
    /// The parts of a reference's numbering.xml we keep; `None` when it is not usable (not XML,
    /// not WordprocessingML with the `w` prefix), and then it is left out.
    fn parse(xml: &str) -> Option<ParsedReference> {
        let tree = read::parse_xml(xml, Limits::default().max_xml_nodes).ok()?;
        let root = tree.root_element();
        if root.tag_name().namespace() != Some(W) || root.lookup_namespace_uri(Some("w")) != Some(W)
        {
            return None;
        }
        let root_range = root.range();
        let root_text = &xml[root_range.clone()];
        let start_tag_end = start_tag_len(root_text)?;
        let root_start_tag = root_text[..start_tag_end].to_string();
        let root_name = root_text[1..]
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()?
            .to_string();
        let mut abstracts = Vec::new();
        let mut nums = Vec::new();
        let mut max_abstract = 0;
        let mut max_num = 0;
        let id_of = |node: roxmltree::Node, name: &str| -> Option<u32> {
            node.attribute((W, name))
                .and_then(|v| v.trim().parse().ok())
        };
        for child in root.children().filter(|n| n.is_element()) {
            match child.tag_name().name() {
                "abstractNum" => {
                    let id = id_of(child, "abstractNumId")?;
                    max_abstract = max_abstract.max(id);
                    abstracts.push(xml[child.range()].to_string());
                }
                "num" => {
                    let id = id_of(child, "numId")?;
                    max_num = max_num.max(id);
                    nums.push(xml[child.range()].to_string());
                }
                _ => {}
            }
        }
        if abstracts.is_empty() && nums.is_empty() {
            return None;
        }
        let root_start_tag = if root_text.as_bytes().get(start_tag_end - 2) == Some(&b'/') {
            // `<w:numbering …/>`: empty; cannot happen with definitions, but stay safe.
            return None;
        } else {
            root_start_tag
        };
        Some(ParsedReference {
            numbering: ReferenceNumbering {
                root_start_tag,
                root_name,
                abstracts,
                nums,
            },
            max_ids: (max_abstract, max_num),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_and_list_num_ids() {
        let mut numbering = Numbering::new(None);
        assert_eq!(numbering.heading_num(), 1);
        assert_eq!(numbering.para_num(), 2);
        assert_eq!(numbering.new_list(ListKind::Ordered, 0, 3), 3);
        assert_eq!(numbering.new_list(ListKind::Bullet, 1, 1), 4);
        assert_eq!(numbering.restarted_headings(), 5);
        let xml = numbering.xml(&StyleMap::all_ours());
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let nums: Vec<_> = tree
            .descendants()
            .filter(|n| n.has_tag_name("num"))
            .collect();
        assert_eq!(nums.len(), 5);
        assert!(xml.contains("<w:num w:numId=\"3\"><w:abstractNumId w:val=\"3\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"));
        assert!(xml.contains("<w:pStyle w:val=\"Heading1\"/>"));
        assert!(xml.contains("<w:numFmt w:val=\"upperRoman\"/><w:pStyle w:val=\"Heading1\"/><w:lvlText w:val=\"%1.\"/>"));
    }

    #[test]
    fn keeps_reference_definitions_before_ours() {
        let reference = r#"<?xml version="1.0"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="urn:x">
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:lvlText w:val="&gt;"/></w:lvl></w:abstractNum>
<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num></w:numbering>"#;
        let mut numbering = Numbering::new(Some(reference));
        assert_eq!(numbering.num_base(), 7);
        assert_eq!(numbering.heading_num(), 8);
        assert_eq!(numbering.new_list(ListKind::Bullet, 0, 1), 10);
        let xml = numbering.xml(&StyleMap::all_ours());
        let tree = roxmltree::Document::parse(&xml).unwrap();
        let abstract_ids: Vec<_> = tree
            .descendants()
            .filter(|n| n.has_tag_name("abstractNum"))
            .filter_map(|n| {
                n.attributes()
                    .find(|a| a.name() == "abstractNumId")
                    .map(|a| a.value().to_string())
            })
            .collect();
        assert_eq!(abstract_ids, ["4", "5", "6", "7", "8"]);
        assert!(xml.contains("xmlns:x=\"urn:x\""));
        // Not WordprocessingML: ignored.
        assert_eq!(Numbering::new(Some("<a/>")).num_base(), 0);
        assert_eq!(Numbering::new(Some("not xml")).num_base(), 0);
    }
}
