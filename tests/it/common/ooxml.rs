//! Reading OOXML packages (DOCX) in tests: the parts of the zip, a part's XML, and the few
//! WordprocessingML look-ups that every DOCX test needs, all through speca-docs' own OOXML
//! layer (`speca_docs::ooxml`: the bounded package reader, both namespaces), which the Word
//! reader uses too.
//!
//! The integration tests reach it as `common::ooxml`, and the DOCX writer's unit tests
//! (`src/write/docx/tests.rs`, inside the crate) include this file by path; the crate names
//! itself `speca_docs` in its tests, so the paths below hold in both.
#![allow(dead_code, unused_imports)]

use std::collections::BTreeMap;
use std::path::Path;

use roxmltree::Node;
use speca_docs::ooxml::read::NodeExt;
use speca_docs::ooxml::{Limits, Package};

pub use speca_docs::ooxml::names::{
    A, CONTENT_TYPES, IMAGE as IMAGE_REL, PACKAGE_RELATIONSHIPS as PKG_RELS, R, W, WP,
};

/// A `.docx` file unzipped: its parts by name, and their order in the zip.
#[derive(Clone)]
pub struct Docx {
    /// What the package is called in failure messages (its file, or what wrote it).
    pub name: String,
    pub parts: BTreeMap<String, Vec<u8>>,
    pub order: Vec<String>,
    /// How each part is stored in the zip (`stored`, `deflated`).
    pub compression: BTreeMap<String, String>,
}

impl Docx {
    /// Reads every part through the bounded package reader; fails on a package it refuses or a
    /// part that occurs twice.
    pub fn read(name: impl Into<String>, bytes: &[u8]) -> Docx {
        let name = name.into();
        let mut package = Package::open(&name, bytes, Limits::default())
            .unwrap_or_else(|e| panic!("{name} is refused: {}", e.message));
        let mut parts = BTreeMap::new();
        let mut compression = BTreeMap::new();
        let order = package.part_names().to_vec();
        for part in &order {
            let data = package
                .part(part)
                .unwrap_or_else(|e| panic!("{name}: {part}: {}", e.message))
                .unwrap_or_else(|| panic!("{name}: {part} listed but not read"));
            assert!(
                parts.insert(part.clone(), data).is_none(),
                "{name}: part {part} twice in the zip"
            );
            compression.insert(part.clone(), package.compression(part).unwrap_or_default());
        }
        Docx {
            name,
            parts,
            order,
            compression,
        }
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
        let text = speca_docs::ooxml::read::text(part, self.bytes(part))
            .unwrap_or_else(|e| panic!("{}: {}", self.name, e.message));
        if let Err(e) = speca_docs::ooxml::read::parse(part, &text, &Limits::default()) {
            panic!("{}: {}", self.name, e.message);
        }
        text
    }
}

/// A part's XML parsed as the Word reader parses it (no DTD, bounded).
pub fn parse(xml: &str) -> roxmltree::Document<'_> {
    speca_docs::ooxml::read::parse("the part", xml, &Limits::default())
        .unwrap_or_else(|e| panic!("{}", e.message))
}

/// The first `w:` child element called `name`.
pub fn w_child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.w_child(name)
}

/// A `w:` attribute.
pub fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.w_attr(name)
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
    if node.is_w("t") {
        out.push_str(node.text().unwrap_or(""));
    } else if node.is_w("tab") && node.parent_element().is_some_and(|r| r.is_w("r")) {
        out.push('\t');
    } else if node.is_w("br") {
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
        if n.ancestors().find(|a| a.is_w("p")) == Some(p) {
            push_text(n, &mut out);
        }
    }
    out
}

/// Every `w:p` of a part, in document order.
pub fn paragraphs<'a, 'i>(tree: &'a roxmltree::Document<'i>) -> Vec<Node<'a, 'i>> {
    tree.descendants().filter(|n| n.is_w("p")).collect()
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
