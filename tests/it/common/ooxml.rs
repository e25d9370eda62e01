//! Reading OOXML packages (DOCX) in tests: the parts of the zip, a part's XML, and the few
//! WordprocessingML look-ups that every DOCX test needs.
//!
//! One module for all of them: the integration tests reach it as `common::ooxml`, and the DOCX
//! writer's unit tests (`src/write/docx/tests.rs`, inside the crate) include this file by
//! path. So it uses nothing of speca-docs, only `zip` and `roxmltree`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use roxmltree::Node;

/// WordprocessingML.
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationship references inside parts (`r:id`, `r:embed`).
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The `.rels` parts.
pub const PKG_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// `[Content_Types].xml`.
pub const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
/// Drawings placed in the text.
pub const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
/// DrawingML.
pub const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// The relationship type of a picture.
pub const IMAGE_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";

/// A `.docx` file unzipped: its parts by name, and their order in the zip.
#[derive(Clone)]
pub struct Docx {
    /// What the package is called in failure messages (its file, or what wrote it).
    pub name: String,
    pub parts: BTreeMap<String, Vec<u8>>,
    pub order: Vec<String>,
}

impl Docx {
    /// Unzips `bytes`; fails on a broken zip or a part that occurs twice.
    pub fn read(name: impl Into<String>, bytes: &[u8]) -> Docx {
        let name = name.into();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap_or_else(|e| panic!("{name} is not a zip: {e}"));
        let mut parts = BTreeMap::new();
        let mut order = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            if file.is_dir() {
                continue;
            }
            let part = file.name().unwrap().to_string();
            let mut data = Vec::new();
            file.read_to_end(&mut data)
                .unwrap_or_else(|e| panic!("{name}: {part}: {e}"));
            assert!(
                parts.insert(part.clone(), data).is_none(),
                "{name}: part {part} twice in the zip"
            );
            order.push(part);
        }
        Docx { name, parts, order }
    }

    /// Reads and unzips the file at `path`.
    pub fn open(path: &Path) -> Docx {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Docx::read(path.display().to_string(), &bytes)
    }

    pub fn bytes(&self, part: &str) -> &[u8] {
        self.parts
            .get(part)
            .unwrap_or_else(|| panic!("{}: no part {part}", self.name))
    }

    /// A part as text, which must be UTF-8 and well-formed XML.
    pub fn xml(&self, part: &str) -> String {
        let text = String::from_utf8(self.bytes(part).to_vec())
            .unwrap_or_else(|_| panic!("{}: {part} is not UTF-8", self.name));
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{}: {part} is not well-formed XML: {e}", self.name);
        }
        text
    }
}

pub fn parse(xml: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

/// The first `w:` child element called `name`.
pub fn w_child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

/// A `w:` attribute.
pub fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// `w:val`, the attribute most properties keep their value in.
pub fn w_val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    w_attr(node, "val")
}

/// The `w:val` of the element reached through `path` of `w:` children, e.g.
/// `["pPr", "pStyle"]`.
pub fn w_child_val<'a>(node: Node<'a, '_>, path: &[&str]) -> Option<&'a str> {
    let mut current = node;
    for name in path {
        current = w_child(current, name)?;
    }
    w_val(current)
}

/// The text of one piece of a run: `w:t` as written, `w:tab` in a run as a tab (not a tab
/// stop of the paragraph's properties), `w:br` as a line end.
fn push_text(node: Node, out: &mut String) {
    if node.has_tag_name((W, "t")) {
        out.push_str(node.text().unwrap_or(""));
    } else if node.has_tag_name((W, "tab"))
        && node
            .parent_element()
            .is_some_and(|r| r.has_tag_name((W, "r")))
    {
        out.push('\t');
    } else if node.has_tag_name((W, "br")) {
        out.push('\n');
    }
}

/// All text below `node` (a table cell, a link, a whole part) as Word shows it.
pub fn text(node: Node) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        push_text(n, &mut out);
    }
    out
}

/// The text of the paragraph `p` as Word shows it, without the text of paragraphs nested in
/// it (a text box).
pub fn para_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants() {
        if n.ancestors().find(|a| a.has_tag_name((W, "p"))) == Some(p) {
            push_text(n, &mut out);
        }
    }
    out
}

/// Every `w:p` of a part, in document order.
pub fn paragraphs<'a, 'i>(tree: &'a roxmltree::Document<'i>) -> Vec<Node<'a, 'i>> {
    tree.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .collect()
}

/// A paragraph's `w:pStyle`.
pub fn style_of<'a>(p: Node<'a, '_>) -> Option<&'a str> {
    w_child_val(p, &["pPr", "pStyle"])
}

/// A paragraph's own `w:numPr` as `(numId, ilvl)`; `ilvl` is 0 when not given.
pub fn num_pr(p: Node) -> Option<(u32, u32)> {
    let num = w_child_val(p, &["pPr", "numPr", "numId"])?.parse().unwrap();
    let ilvl = w_child_val(p, &["pPr", "numPr", "ilvl"]).map_or(0, |v| v.parse().unwrap());
    Some((num, ilvl))
}
