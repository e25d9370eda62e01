//! Whole builds to DOCX (issue 3): the fixture and the sample project built through the binary
//! with `--to docx`, unzipped and read back part by part through speca-docs' OOXML layer (the
//! bounded package reader the Word reader uses), compared
//! with the document model, and opened by real readers (python-docx, pandoc and LibreOffice
//! through `tests/docx_readers.sh`) where they are installed.
//!
//! Word's own names are looked up, never our ids: heading styles by their names ("heading 1"…),
//! numbering through styles and `numbering.xml`, parts through the relationships.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::common;
use crate::common::ooxml::{
    A, CONTENT_TYPES, Docx, IMAGE_REL, PKG_RELS, R, W, WP, para_text, parse, w_child, w_val,
};
use crate::common::{TempProject, assert_in_order};
use speca_docs::consolidate::{Options, consolidate};
use speca_docs::diag::Diagnostics;
use speca_docs::model::{Block, Document, Inline};

// ---------------------------------------------------------------------------------------------
// Building and reading

/// Builds the project's DOCX files (every document and language unless `args` narrow it).
fn build_docx(project: &TempProject, args: &[&str]) -> String {
    let mut all = vec!["build", "--to", "docx"];
    all.extend_from_slice(args);
    let (code, _, stderr) = project.run(&all);
    assert_eq!(code, 0, "build failed:\n{stderr}");
    stderr
}

/// The DOCX that a build wrote for `doc` in `lang`.
fn built_docx(project: &TempProject, doc: &str, lang: &str) -> Docx {
    Docx::open(
        &project
            .root
            .join(format!("output/{doc}/draft/{doc}.{lang}.docx")),
    )
}

/// Collapses runs of whitespace, as a reader of plain text sees them.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------------------------
// Paragraphs, styles, numbering

/// One `w:p` of a part, in document order.
#[derive(Debug, Clone)]
struct Para {
    /// `w:pStyle`.
    style: Option<String>,
    /// Its own `w:numPr`: `(numId, ilvl)`.
    num: Option<(u32, u32)>,
    /// Its own `w:outlineLvl`.
    outline: Option<u32>,
    /// `w:t` text, `w:tab` as a tab, `w:br` as a line end.
    text: String,
    /// Index of the top-level `w:tbl` it stands in, if any.
    table: Option<usize>,
    /// Ids of the `w:footnoteReference`s it holds.
    footnotes: Vec<i64>,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let doc = parse(xml);
    let body_tables: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name((W, "tbl")) && !n.ancestors().skip(1).any(|a| a.has_tag_name((W, "tbl")))
        })
        .collect();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let ppr = w_child(p, "pPr");
            let get = |name: &str| ppr.and_then(|ppr| w_child(ppr, name));
            let num = get("numPr").map(|numpr| {
                let id = w_child(numpr, "numId")
                    .and_then(w_val)
                    .expect("w:numPr without w:numId")
                    .parse()
                    .unwrap();
                let ilvl = w_child(numpr, "ilvl")
                    .and_then(w_val)
                    .map_or(0, |v| v.parse().unwrap());
                (id, ilvl)
            });
            let table = p
                .ancestors()
                .filter(|a| a.has_tag_name((W, "tbl")))
                .last()
                .map(|t| body_tables.iter().position(|b| *b == t).unwrap());
            let footnotes = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "footnoteReference")))
                .map(|n| n.attribute((W, "id")).unwrap().parse().unwrap())
                .collect();
            Para {
                style: get("pStyle").and_then(w_val).map(str::to_string),
                num,
                outline: get("outlineLvl")
                    .and_then(w_val)
                    .map(|v| v.parse().unwrap()),
                text: para_text(p),
                table,
                footnotes,
            }
        })
        .collect()
}

#[derive(Debug)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u32>,
    /// `w:numPr` of the style: numId and ilvl (if given).
    num: Option<(u32, Option<u32>)>,
}

/// `word/styles.xml`, read.
struct Styles {
    by_id: HashMap<String, Style>,
    /// `w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`.
    default_lang: Option<String>,
}

impl Styles {
    fn read(docx: &Docx) -> Styles {
        let xml = docx.xml("word/styles.xml");
        let doc = parse(&xml);
        let root = doc.root_element();
        let default_lang = w_child(root, "docDefaults")
            .and_then(|d| w_child(d, "rPrDefault"))
            .and_then(|d| w_child(d, "rPr"))
            .and_then(|d| w_child(d, "lang"))
            .and_then(w_val)
            .map(str::to_string);
        let mut by_id = HashMap::new();
        for style in root.children().filter(|c| c.has_tag_name((W, "style"))) {
            let id = style.attribute((W, "styleId")).expect("a style id");
            let ppr = w_child(style, "pPr");
            let numpr = ppr.and_then(|p| w_child(p, "numPr"));
            let parsed = Style {
                name: w_child(style, "name")
                    .and_then(w_val)
                    .unwrap_or_else(|| panic!("style {id} has no name"))
                    .to_string(),
                based_on: w_child(style, "basedOn")
                    .and_then(w_val)
                    .map(str::to_string),
                outline: ppr
                    .and_then(|p| w_child(p, "outlineLvl"))
                    .and_then(w_val)
                    .map(|v| v.parse().unwrap()),
                num: numpr.and_then(|n| {
                    let id = w_child(n, "numId").and_then(w_val)?.parse().unwrap();
                    let ilvl = w_child(n, "ilvl")
                        .and_then(w_val)
                        .map(|v| v.parse().unwrap());
                    Some((id, ilvl))
                }),
            };
            assert!(
                by_id.insert(id.to_string(), parsed).is_none(),
                "style id {id} defined twice"
            );
        }
        Styles {
            by_id,
            default_lang,
        }
    }

    /// The id of the style Word knows by `name` (e.g. "heading 1").
    fn id(&self, name: &str) -> String {
        let ids: Vec<&String> = self
            .by_id
            .iter()
            .filter(|(_, s)| s.name.eq_ignore_ascii_case(name))
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids.len(), 1, "styles named {name:?}: {ids:?}");
        ids[0].clone()
    }

    /// The name of a paragraph's style ("Normal" when it names none).
    fn name(&self, id: Option<&str>) -> String {
        let Some(id) = id else {
            return "Normal".to_string();
        };
        self.by_id
            .get(id)
            .unwrap_or_else(|| panic!("paragraph style {id} is not defined in styles.xml"))
            .name
            .clone()
    }

    /// The style and the styles it is based on, nearest first.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = Some(id.to_string());
        while let Some(id) = next {
            let style = self
                .by_id
                .get(&id)
                .unwrap_or_else(|| panic!("style {id} is not defined in styles.xml"));
            assert!(out.len() < 20, "basedOn cycle at {id}");
            next = style.based_on.clone();
            out.push(style);
        }
        out
    }

    /// The outline level a paragraph gets, from itself or its style.
    fn outline(&self, para: &Para) -> Option<u32> {
        para.outline.or_else(|| {
            self.chain(para.style.as_deref()?)
                .iter()
                .find_map(|s| s.outline)
        })
    }

    /// The numbering a paragraph gets, from itself or its style: `(numId, ilvl)`; numId 0 is
    /// no numbering.
    fn numbering(&self, para: &Para) -> Option<(u32, u32)> {
        let style_num = para
            .style
            .as_deref()
            .and_then(|id| self.chain(id).iter().find_map(|s| s.num));
        let (num_id, ilvl) = match (para.num, style_num) {
            (Some((id, ilvl)), _) => (id, ilvl),
            (None, Some((id, ilvl))) => (id, ilvl.unwrap_or(0)),
            (None, None) => return None,
        };
        (num_id != 0).then_some((num_id, ilvl))
    }
}

/// `word/numbering.xml`, read.
struct Numbering {
    /// numId → (abstractNumId, whether it overrides a level's start).
    nums: HashMap<u32, (u32, bool)>,
    /// (abstractNumId, ilvl) → (numFmt, lvlText).
    levels: HashMap<(u32, u32), (String, String)>,
}

impl Numbering {
    fn read(docx: &Docx) -> Numbering {
        let xml = docx.xml("word/numbering.xml");
        let doc = parse(&xml);
        let root = doc.root_element();
        let mut levels = HashMap::new();
        for abs in root
            .children()
            .filter(|c| c.has_tag_name((W, "abstractNum")))
        {
            let id: u32 = abs
                .attribute((W, "abstractNumId"))
                .unwrap()
                .parse()
                .unwrap();
            for lvl in abs.children().filter(|c| c.has_tag_name((W, "lvl"))) {
                let ilvl: u32 = lvl.attribute((W, "ilvl")).unwrap().parse().unwrap();
                let fmt = w_child(lvl, "numFmt")
                    .and_then(w_val)
                    .unwrap_or("")
                    .to_string();
                let text = w_child(lvl, "lvlText")
                    .and_then(w_val)
                    .unwrap_or("")
                    .to_string();
                levels.insert((id, ilvl), (fmt, text));
            }
        }
        let mut nums = HashMap::new();
        for num in root.children().filter(|c| c.has_tag_name((W, "num"))) {
            let id: u32 = num.attribute((W, "numId")).unwrap().parse().unwrap();
            let abs: u32 = w_child(num, "abstractNumId")
                .and_then(w_val)
                .unwrap()
                .parse()
                .unwrap();
            let overrides = num
                .descendants()
                .any(|n| n.has_tag_name((W, "startOverride")));
            assert!(
                nums.insert(id, (abs, overrides)).is_none(),
                "numId {id} twice"
            );
        }
        Numbering { nums, levels }
    }

    /// `(numFmt, lvlText)` of a level of a numbering instance.
    fn level(&self, num_id: u32, ilvl: u32) -> &(String, String) {
        let (abs, _) = self
            .nums
            .get(&num_id)
            .unwrap_or_else(|| panic!("numId {num_id} is not in numbering.xml"));
        self.levels
            .get(&(*abs, ilvl))
            .unwrap_or_else(|| panic!("abstractNum {abs} has no level {ilvl}"))
    }
}

// ---------------------------------------------------------------------------------------------
// The checks

/// The package: content types cover every part, relationships resolve to parts (of a fitting
/// content type) and have unique ids, every `r:` reference of a part is one of its
/// relationships, every XML part is well-formed.
fn check_package(docx: &Docx) {
    let name = docx.name.clone();
    // First, as Word writes it (some tools sniff the type from the first entry).
    assert_eq!(
        docx.order.first().map(String::as_str),
        Some("[Content_Types].xml"),
        "{name}: [Content_Types].xml comes first"
    );
    let types_xml = docx.xml("[Content_Types].xml");
    let types = parse(&types_xml);
    assert!(types.root_element().has_tag_name((CONTENT_TYPES, "Types")));
    let mut defaults = HashMap::new();
    let mut overrides = HashMap::new();
    for node in types.root_element().children().filter(|n| n.is_element()) {
        if node.has_tag_name((CONTENT_TYPES, "Default")) {
            let ext = node.attribute("Extension").unwrap().to_ascii_lowercase();
            let ct = node.attribute("ContentType").unwrap();
            assert!(
                defaults.insert(ext.clone(), ct).is_none(),
                "{name}: Default for {ext} twice"
            );
        } else if node.has_tag_name((CONTENT_TYPES, "Override")) {
            let part = node.attribute("PartName").unwrap();
            let ct = node.attribute("ContentType").unwrap();
            assert!(part.starts_with('/'), "{name}: PartName {part}");
            assert!(
                overrides.insert(part.to_ascii_lowercase(), ct).is_none(),
                "{name}: Override for {part} twice"
            );
            let stored = &part[1..];
            assert!(
                docx.parts.contains_key(stored),
                "{name}: [Content_Types].xml overrides {part}, which is not in the zip"
            );
        } else {
            panic!(
                "{name}: unexpected {:?} in [Content_Types].xml",
                node.tag_name()
            );
        }
    }
    let content_type = |part: &str| -> String {
        let key = format!("/{part}").to_ascii_lowercase();
        if let Some(ct) = overrides.get(&key) {
            return ct.to_string();
        }
        let ext = part
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        defaults
            .get(&ext)
            .unwrap_or_else(|| panic!("{name}: no content type for part {part}"))
            .to_string()
    };
    for part in docx.parts.keys().filter(|p| *p != "[Content_Types].xml") {
        let ct = content_type(part);
        if part.ends_with(".xml") || part.ends_with(".rels") {
            // Read as the Word reader reads it: UTF-8, well-formed, no DTD.
            docx.xml(part);
            assert!(ct.ends_with("xml"), "{name}: {part} has content type {ct}");
        }
    }
    assert_eq!(
        content_type("word/document.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    );

    // Every relationships part, not only the document's.
    let rels_parts: Vec<&String> = docx.parts.keys().filter(|p| p.ends_with(".rels")).collect();
    assert!(
        rels_parts.iter().any(|p| *p == "_rels/.rels"),
        "{name}: no _rels/.rels"
    );
    assert!(
        rels_parts
            .iter()
            .any(|p| *p == "word/_rels/document.xml.rels"),
        "{name}: no word/_rels/document.xml.rels"
    );
    let mut main_document = None;
    for rels_part in rels_parts {
        let (folder, file) = rels_part.rsplit_once("_rels/").unwrap();
        let source = format!("{folder}{}", file.strip_suffix(".rels").unwrap());
        if !source.is_empty() {
            assert!(
                docx.parts.contains_key(&source),
                "{name}: {rels_part} belongs to {source}, which is not in the zip"
            );
        }
        let xml = docx.xml(rels_part);
        let rels = parse(&xml);
        let mut ids = BTreeSet::new();
        for rel in rels
            .root_element()
            .children()
            .filter(|n| n.has_tag_name((PKG_RELS, "Relationship")))
        {
            let id = rel.attribute("Id").unwrap();
            let kind = rel.attribute("Type").unwrap();
            let target = rel.attribute("Target").unwrap();
            assert!(
                ids.insert(id.to_string()),
                "{name}: relationship id {id} twice in {rels_part}"
            );
            if rel.attribute("TargetMode") == Some("External") {
                continue;
            }
            let resolved = resolve(folder, target);
            assert!(
                docx.parts.contains_key(&resolved),
                "{name}: {rels_part} {id} points to {target} ({resolved}), not in the zip"
            );
            let ct = content_type(&resolved);
            let short = kind.rsplit('/').next().unwrap();
            let fits = match short {
                "image" => ct.starts_with("image/"),
                "officeDocument" => ct.ends_with(".document.main+xml"),
                "core-properties" => ct.ends_with("core-properties+xml"),
                "extended-properties" => ct.ends_with("extended-properties+xml"),
                "hyperlink" => false,
                // An embedded package: a chart's data as a workbook.
                "package" => {
                    ct == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                }
                other => ct.ends_with(&format!(".{other}+xml")),
            };
            assert!(
                fits,
                "{name}: {rels_part} {id} of type {short} points to {resolved} of type {ct}"
            );
            if short == "officeDocument" {
                main_document = Some(resolved);
            }
        }
        // Every r:id / r:embed / r:link of the source part is one of these relationships.
        if !source.is_empty() && source.ends_with(".xml") {
            let text = docx.xml(&source);
            let doc = parse(&text);
            for node in doc.descendants().filter(|n| n.is_element()) {
                for attr in node.attributes().filter(|a| a.namespace() == Some(R)) {
                    assert!(
                        ids.contains(attr.value()),
                        "{name}: {source} refers to relationship {} ({}), not in {rels_part}",
                        attr.value(),
                        attr.name()
                    );
                }
            }
        }
    }
    assert_eq!(
        main_document.as_deref(),
        Some("word/document.xml"),
        "{name}"
    );
    // A part that uses r: references has a relationships part.
    for part in docx.parts.keys().filter(|p| p.ends_with(".xml")) {
        let text = docx.xml(part);
        let doc = parse(&text);
        let uses = doc
            .descendants()
            .any(|n| n.attributes().any(|a| a.namespace() == Some(R)));
        if uses {
            let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
            let rels = if folder.is_empty() {
                format!("_rels/{file}.rels")
            } else {
                format!("{folder}/_rels/{file}.rels")
            };
            assert!(
                docx.parts.contains_key(&rels),
                "{name}: {part} uses relationships but has no {rels}"
            );
        }
    }
}

/// Ids Word insists on: drawing ids (`wp:docPr/@id`) unique across the parts, bookmarks
/// unique and closed, and every internal link (the contents) to a bookmark that exists.
fn check_ids(docx: &Docx) {
    let name = &docx.name;
    let mut drawing_ids = BTreeSet::new();
    for part in docx
        .parts
        .keys()
        .filter(|p| p.starts_with("word/") && p.ends_with(".xml"))
    {
        let xml = docx.xml(part);
        let doc = parse(&xml);
        for pr in doc.descendants().filter(|n| n.has_tag_name((WP, "docPr"))) {
            let id = pr.attribute("id").unwrap();
            assert!(
                drawing_ids.insert(id.to_string()),
                "{name}: drawing id {id} twice"
            );
        }
    }
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let mut starts = BTreeMap::new();
    for start in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "bookmarkStart")))
    {
        let id = start.attribute((W, "id")).unwrap();
        let bookmark = start.attribute((W, "name")).unwrap();
        assert!(
            starts.insert(id, bookmark).is_none(),
            "{name}: bookmark id {id} twice"
        );
    }
    let ends: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "bookmarkEnd")))
        .map(|n| n.attribute((W, "id")).unwrap())
        .collect();
    assert_eq!(
        starts.keys().copied().collect::<BTreeSet<_>>(),
        ends,
        "{name}: bookmarks not closed"
    );
    let names: BTreeSet<&str> = starts.values().copied().collect();
    for link in doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")))
    {
        if let Some(anchor) = link.attribute((W, "anchor")) {
            assert!(
                names.contains(anchor),
                "{name}: link to bookmark {anchor}, which does not exist"
            );
        }
    }
}

/// A relationship's target, relative to the folder of its source part, as a zip name.
fn resolve(folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{folder}{target}"),
    };
    let mut out: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// The headings of document.xml as `level:text` (levels from the style names "heading N"),
/// after checking each one's outline level and, when numbered, its Word numbering (I., A.,
/// 1., (a)); with whether it is numbered.
fn docx_headings(docx: &Docx, styles: &Styles, numbering: &Numbering) -> Vec<(String, bool)> {
    let ids: Vec<String> = (1..=4)
        .map(|l| styles.id(&format!("heading {l}")))
        .collect();
    let expected_fmt = ["upperRoman", "upperLetter", "decimal", "lowerLetter"];
    let mut heading_nums = BTreeSet::new();
    let mut out = Vec::new();
    for para in paragraphs(&docx.xml("word/document.xml")) {
        let Some(level) = para
            .style
            .as_ref()
            .and_then(|s| ids.iter().position(|id| id == s))
        else {
            continue;
        };
        let text = flat(&para.text);
        assert_eq!(
            styles.outline(&para),
            Some(level as u32),
            "heading {text:?} (heading {}) has no outline level {level}",
            level + 1
        );
        assert!(para.table.is_none(), "heading {text:?} in a table");
        let numbered = match styles.numbering(&para) {
            Some((num_id, ilvl)) => {
                assert_eq!(
                    ilvl, level as u32,
                    "heading {text:?} numbered at level {ilvl}"
                );
                let (fmt, lvl_text) = numbering.level(num_id, ilvl);
                assert_eq!(fmt, expected_fmt[level], "heading {text:?}: {lvl_text}");
                heading_nums.insert(num_id);
                true
            }
            None => false,
        };
        assert!(
            !typed_label(&text),
            "heading {text:?} has a typed-in number"
        );
        out.push((format!("{}:{text}", level + 1), numbered));
    }
    assert!(!heading_nums.is_empty(), "no numbered heading");
    out
}

/// Blocks at the top level of a part, with those of parts in another language (`Block::Lang`)
/// taken out of their wrapper, in order.
fn top_blocks(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Lang { blocks, .. } => out.extend(top_blocks(blocks)),
            other => out.push(other),
        }
    }
    out
}

/// The model's headings (body, then the annexes' prose) as `level:text`.
fn model_headings(doc: &Document) -> Vec<(String, bool)> {
    fn walk(blocks: &[Block], out: &mut Vec<(String, bool)>) {
        for block in top_blocks(blocks) {
            if let Block::Heading(h) = block {
                let text = flat(&Inline::plain_text(&h.content));
                out.push((format!("{}:{text}", h.level.clamp(1, 4)), h.numbered));
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    for annex in &doc.annexes {
        walk(&annex.blocks, &mut out);
    }
    out
}

/// The entries of the contents as written out (the text after the number and its tab).
fn docx_contents(docx: &Docx, styles: &Styles) -> Vec<String> {
    paragraphs(&docx.xml("word/document.xml"))
        .iter()
        .filter(|p| styles.name(p.style.as_deref()).starts_with("toc "))
        .map(|p| flat(p.text.split_once('\t').map_or(&p.text, |(_, t)| t)))
        .collect()
}

/// What the contents list: chapters and sections of the body, then each annex's title and its
/// own chapters and sections.
fn model_contents(doc: &Document) -> Vec<String> {
    fn walk(blocks: &[Block], out: &mut Vec<String>) {
        for block in top_blocks(blocks) {
            if let Block::Heading(h) = block
                && h.level <= 2
            {
                out.push(flat(&Inline::plain_text(&h.content)));
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.body, &mut out);
    for annex in &doc.annexes {
        out.push(flat(&annex.title));
        walk(&annex.blocks, &mut out);
    }
    out
}

/// How many paragraphs the model numbers (1., 2., … through the document).
fn model_numbered(doc: &Document) -> usize {
    top_blocks(&doc.body)
        .into_iter()
        .chain(doc.annexes.iter().flat_map(|a| top_blocks(&a.blocks)))
        .filter(|b| matches!(b, Block::Paragraph { numbered: true, .. }))
        .count()
}

/// Whether text starts with a typed-in number: "1.", "IV.", "B.", "(a)".
fn typed_label(text: &str) -> bool {
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    let digits = first
        .strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let roman = first
        .strip_suffix('.')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| "IVXLC".contains(c)));
    let letter =
        first.len() == 2 && first.ends_with('.') && first.as_bytes()[0].is_ascii_uppercase();
    let parens = first.starts_with('(')
        && first.ends_with(')')
        && first.len() <= 6
        && first[1..first.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric());
    digits || roman || letter || parens
}

/// The body paragraphs that carry a number (not headings, list items, table cells or the
/// contents), after checking that they all use one numbering, 1., 2., … never restarted, and
/// that no body text carries a typed-in number. Returns their texts.
fn numbered_paragraphs(docx: &Docx, styles: &Styles, numbering: &Numbering) -> Vec<String> {
    let mut num_ids = BTreeSet::new();
    let mut out = Vec::new();
    for para in paragraphs(&docx.xml("word/document.xml")) {
        let name = styles.name(para.style.as_deref());
        let text = flat(&para.text);
        if name.starts_with("toc ") || para.table.is_some() {
            continue;
        }
        // Nothing outside the contents and the tables starts with a typed paragraph number.
        let first = text.split_whitespace().next().unwrap_or("");
        assert!(
            !(first.ends_with('.')
                && first.len() > 1
                && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit())),
            "paragraph {text:?} ({name}) starts with a typed-in number"
        );
        if name.starts_with("heading ") || name == "List Paragraph" || name == "Annex Heading" {
            continue;
        }
        let Some((num_id, ilvl)) = styles.numbering(&para) else {
            continue;
        };
        assert_eq!(ilvl, 0, "numbered paragraph {text:?} at level {ilvl}");
        assert!(
            !typed_label(&text),
            "numbered paragraph {text:?} has a typed-in number too"
        );
        num_ids.insert(num_id);
        out.push(text);
    }
    assert!(
        num_ids.len() <= 1,
        "numbered paragraphs use several numberings: {num_ids:?}"
    );
    if let Some(&num_id) = num_ids.first() {
        let (fmt, text) = numbering.level(num_id, 0);
        assert_eq!((fmt.as_str(), text.as_str()), ("decimal", "%1."));
        assert!(
            !numbering.nums[&num_id].1,
            "the paragraph numbering {num_id} restarts"
        );
    }
    out
}

/// The footnotes: separators -1 and 0, then notes whose ids are unique and each referenced once
/// from document.xml. Returns id → text.
fn footnotes(docx: &Docx) -> BTreeMap<i64, String> {
    let xml = docx.xml("word/footnotes.xml");
    let doc = parse(&xml);
    let mut notes = BTreeMap::new();
    let mut separators = BTreeMap::new();
    for note in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "footnote")))
    {
        let id: i64 = note.attribute((W, "id")).unwrap().parse().unwrap();
        let text = note
            .children()
            .filter(|p| p.has_tag_name((W, "p")))
            .map(para_text)
            .collect::<Vec<_>>()
            .join("\n");
        match note.attribute((W, "type")) {
            Some(kind) => {
                separators.insert(id, kind.to_string());
            }
            None => {
                assert!(
                    note.descendants()
                        .any(|n| n.has_tag_name((W, "footnoteRef"))),
                    "footnote {id} shows no number (w:footnoteRef)"
                );
                assert!(
                    notes.insert(id, flat(&text)).is_none(),
                    "footnote id {id} twice"
                );
            }
        }
    }
    assert_eq!(separators.get(&-1).map(String::as_str), Some("separator"));
    assert_eq!(
        separators.get(&0).map(String::as_str),
        Some("continuationSeparator")
    );
    let mut references: Vec<i64> = paragraphs(&docx.xml("word/document.xml"))
        .into_iter()
        .flat_map(|p| p.footnotes)
        .collect();
    references.sort();
    let ids: Vec<i64> = notes.keys().copied().collect();
    assert_eq!(
        references, ids,
        "every footnote is referenced exactly once from document.xml"
    );
    notes
}

/// Images: every media part is shown by a drawing through an image relationship, with alt text,
/// at its aspect ratio and within the text width. Returns media part → alt texts.
fn images(docx: &Docx) -> BTreeMap<String, Vec<String>> {
    let rels_xml = docx.xml("word/_rels/document.xml.rels");
    let rels = parse(&rels_xml);
    let targets: HashMap<&str, String> = rels
        .root_element()
        .children()
        .filter(|n| n.attribute("Type") == Some(IMAGE_REL))
        .map(|n| {
            (
                n.attribute("Id").unwrap(),
                resolve("word/", n.attribute("Target").unwrap()),
            )
        })
        .collect();
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let sect = doc
        .descendants()
        .rfind(|n| n.has_tag_name((W, "sectPr")))
        .expect("w:sectPr");
    let twips = |el: &str, attr: &str| -> i64 {
        w_child(sect, el)
            .unwrap()
            .attribute((W, attr))
            .unwrap()
            .parse()
            .unwrap()
    };
    let text_width_emu =
        (twips("pgSz", "w") - twips("pgMar", "left") - twips("pgMar", "right")) * 635;
    let mut shown: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for inline in doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "inline")) || n.has_tag_name((WP, "anchor")))
    {
        let descr = inline
            .children()
            .find(|n| n.has_tag_name((WP, "docPr")))
            .and_then(|n| n.attribute("descr"))
            .unwrap_or("");
        // A chart (tests/charts.rs) is no picture, but has its alternative text too.
        if inline.descendants().any(|n| n.tag_name().name() == "chart") {
            assert!(!descr.is_empty(), "a chart without alternative text");
            continue;
        }
        let blip = inline
            .descendants()
            .find(|n| n.has_tag_name((A, "blip")))
            .expect("a picture");
        let rid = blip.attribute((R, "embed")).expect("an embedded picture");
        let part = targets
            .get(rid)
            .unwrap_or_else(|| panic!("r:embed {rid} is not an image relationship"));
        let extent = inline
            .children()
            .find(|n| n.has_tag_name((WP, "extent")))
            .unwrap();
        let cx: i64 = extent.attribute("cx").unwrap().parse().unwrap();
        let cy: i64 = extent.attribute("cy").unwrap().parse().unwrap();
        assert!(
            cx > 0 && cy > 0 && cx <= text_width_emu,
            "{part}: {cx}×{cy} EMU"
        );
        if let Some((pw, ph)) = png_size(docx.bytes(part)) {
            let (want, got) = (pw as f64 / ph as f64, cx as f64 / cy as f64);
            assert!(
                (want - got).abs() / want < 0.01,
                "{part}: aspect {got} instead of {want}"
            );
        }
        shown
            .entry(part.clone())
            .or_default()
            .push(descr.to_string());
    }
    for part in docx.parts.keys().filter(|p| p.starts_with("word/media/")) {
        assert!(
            shown.contains_key(part),
            "{part} is in the zip but shown nowhere"
        );
    }
    shown
}

/// Width and height of a PNG (from IHDR).
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" {
        return None;
    }
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    Some((be(16), be(20)))
}

/// Everything one DOCX must satisfy, against its model: the package, headings as the model's,
/// as many numbered paragraphs as the model, footnotes, images, the title and the language.
fn check_against_model(docx: &Docx, model: &Document) {
    let name = &docx.name;
    check_package(docx);
    check_ids(docx);
    let styles = Styles::read(docx);
    let numbering = Numbering::read(docx);
    assert_eq!(
        docx_headings(docx, &styles, &numbering),
        model_headings(model),
        "{name}: headings differ from the model's"
    );
    assert_eq!(
        numbered_paragraphs(docx, &styles, &numbering).len(),
        model_numbered(model),
        "{name}: numbered paragraphs"
    );
    assert_eq!(
        docx_contents(docx, &styles),
        model_contents(model),
        "{name}: the contents differ from the model's chapters, sections and annexes"
    );
    footnotes(docx);
    for (part, alts) in images(docx) {
        for alt in alts {
            assert!(
                !alt.trim().is_empty(),
                "{name}: {part} shown without alt text"
            );
        }
    }
    let title = styles.id("Title");
    let titles: Vec<String> = paragraphs(&docx.xml("word/document.xml"))
        .into_iter()
        .filter(|p| p.style.as_deref() == Some(title.as_str()))
        .map(|p| p.text)
        .collect();
    assert_eq!(titles, vec![model.front.title.clone()], "{name}: title");
    let lang = styles.default_lang.as_deref().unwrap_or("");
    assert!(
        lang.starts_with(&format!("{}-", model.lang)),
        "{name}: docDefaults language {lang:?} for a {:?} document",
        model.lang
    );
}

/// The consolidated model of a document, through the library, as the build makes it.
fn model(project: &TempProject, id: &str, lang: &str) -> Document {
    let mut diags = Diagnostics::new();
    let loaded = speca_docs::load::load(&project.root, &mut diags)
        .unwrap()
        .unwrap();
    let spec = loaded.document(id).unwrap();
    let template =
        speca_docs::template::load(&project.root, &spec.template.value, &mut diags).unwrap();
    let options = Options {
        version: "draft".into(),
        is_final: false,
        left_out: Vec::new(),
    };
    consolidate(
        &loaded,
        spec,
        lang,
        &template.labels[lang],
        &options,
        &mut diags,
    )
}

// ---------------------------------------------------------------------------------------------
// Real readers

// ---------------------------------------------------------------------------------------------
// The fixture

/// The checks are not vacuous: a package broken in one way each is refused.
#[test]
fn checks_refuse_broken_packages() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &["--lang", "en"]);
    let good = built_docx(&project, "brief", "en");
    check_package(&good);
    check_ids(&good);
    let edit = |part: &str, from: &str, to: &str| -> Docx {
        let mut parts = good.parts.clone();
        let text = good.xml(part);
        assert!(text.contains(from), "{part} lacks {from:?}");
        parts.insert(part.to_string(), text.replacen(from, to, 1).into_bytes());
        Docx {
            parts,
            ..good.clone()
        }
    };
    let refused = |what: &str, docx: Docx, check: fn(&Docx)| {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&docx)));
        assert!(result.is_err(), "a package with {what} passes");
    };
    let types = "[Content_Types].xml";
    let rels = "word/_rels/document.xml.rels";
    refused(
        "no content type for PNG",
        edit(
            types,
            "<Default Extension=\"png\" ContentType=\"image/png\"/>",
            "",
        ),
        check_package,
    );
    refused(
        "an override for a missing part",
        edit(types, "/word/footnotes.xml", "/word/endnotes.xml"),
        check_package,
    );
    refused(
        "a dangling relationship",
        edit(
            rels,
            "Target=\"media/image1.png\"",
            "Target=\"media/image9.png\"",
        ),
        check_package,
    );
    refused(
        "a relationship id twice",
        edit(rels, "Id=\"rId2\"", "Id=\"rId1\""),
        check_package,
    );
    refused(
        "a picture on a header relationship",
        edit(
            rels,
            "Target=\"header1.xml\"",
            "Target=\"media/image1.png\"",
        ),
        check_package,
    );
    refused(
        "a reference to no relationship",
        edit("word/document.xml", "r:embed=\"rId9\"", "r:embed=\"rId99\""),
        check_package,
    );
    let paragraph_numbers = |d: &Docx| {
        numbered_paragraphs(d, &Styles::read(d), &Numbering::read(d));
    };
    refused(
        "a numbered paragraph on a second numbering",
        edit(
            "word/document.xml",
            "<w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">KAZ-EN",
            "<w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">KAZ-EN",
        ),
        paragraph_numbers,
    );
    refused(
        "a typed-in paragraph number",
        edit(
            "word/document.xml",
            ">INTRO-EN-PARAGRAPH.",
            ">1. INTRO-EN-PARAGRAPH.",
        ),
        paragraph_numbers,
    );
    refused(
        "a contents link to no bookmark",
        edit(
            "word/document.xml",
            "w:anchor=\"_Toc00000002\"",
            "w:anchor=\"_Toc99\"",
        ),
        check_ids,
    );
}

#[test]
fn fixture_package_content_types_and_relationships_are_complete() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &[]);
    for lang in ["en", "ru"] {
        let docx = built_docx(&project, "brief", lang);
        check_package(&docx);
        for part in [
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/footnotes.xml",
            "docProps/core.xml",
            "docProps/app.xml",
        ] {
            assert!(docx.parts.contains_key(part), "{lang}: no {part}");
        }
    }
}

#[test]
fn fixture_masthead_title_and_summary() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &[]);
    let docx = built_docx(&project, "brief", "en");
    let styles = Styles::read(&docx);
    let paras = paragraphs(&docx.xml("word/document.xml"));
    let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    let at = |text: &str| -> usize {
        texts
            .iter()
            .position(|t| *t == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?} in:\n{texts:#?}"))
    };

    // The masthead is the first table: symbol, distribution, date, original language.
    let masthead: Vec<&str> = paras
        .iter()
        .filter(|p| p.table == Some(0))
        .map(|p| p.text.as_str())
        .collect();
    let positions: Vec<Option<usize>> = [
        "ECE/TEST/2023/1/Rev.1",
        "Distr.: General",
        "1 June 2023",
        "Original: English",
    ]
    .iter()
    .map(|want| masthead.iter().position(|t| t == want))
    .collect();
    assert!(
        positions.iter().all(Option::is_some) && positions.is_sorted(),
        "masthead {masthead:?}: {positions:?}"
    );
    let symbol = at("ECE/TEST/2023/1/Rev.1");
    assert_eq!(paras[symbol].table, Some(0));

    let venue = at("Bishkek, Kyrgyzstan, 10–11 May 2023");
    let title = at("Test brief");
    let subtitle = at("Note by the secretariat");
    let summary = at("SUMMARY-EN text.");
    let first_heading = paras
        .iter()
        .position(|p| styles.name(p.style.as_deref()) == "heading 1")
        .unwrap();
    assert!(
        symbol < venue && venue < title && title < subtitle && subtitle < summary,
        "masthead out of order: {texts:#?}"
    );
    assert!(summary < first_heading, "the summary comes before the body");
    assert_eq!(paras[venue].table, None);
    assert_eq!(styles.name(paras[title].style.as_deref()), "Title");
    assert_eq!(styles.name(paras[subtitle].style.as_deref()), "Subtitle");

    // The summary stands in a box: a table of its own, ruled on four sides, with its heading.
    let summary_table = paras[summary].table.expect("the summary inside a box");
    assert_ne!(summary_table, 0);
    let in_box: Vec<&str> = paras
        .iter()
        .filter(|p| p.table == Some(summary_table))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(in_box, ["Summary", "SUMMARY-EN text."]);
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let table = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| {
            t.descendants()
                .any(|n| n.has_tag_name((W, "t")) && n.text() == Some("SUMMARY-EN text."))
        })
        .unwrap();
    let borders =
        w_child(w_child(table, "tblPr").unwrap(), "tblBorders").expect("a box with borders");
    for side in ["top", "left", "bottom", "right"] {
        let val = w_child(borders, side).and_then(w_val);
        assert!(
            val.is_some_and(|v| v != "nil" && v != "none"),
            "summary box {side} border: {val:?}"
        );
    }
    assert!(
        styles
            .default_lang
            .as_deref()
            .is_some_and(|l| l.starts_with("en-")),
        "{:?}",
        styles.default_lang
    );

    // The Russian document: its own title, and Russian as the language of the text.
    let ru = built_docx(&project, "brief", "ru");
    let ru_styles = Styles::read(&ru);
    let ru_paras = paragraphs(&ru.xml("word/document.xml"));
    let title_id = ru_styles.id("Title");
    let ru_title: Vec<&str> = ru_paras
        .iter()
        .filter(|p| p.style.as_deref() == Some(title_id.as_str()))
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(ru_title, ["Тестовая записка"]);
    assert!(
        ru_paras
            .iter()
            .any(|p| p.text == "SUMMARY-RU текст." && p.table.is_some())
    );
    assert!(!ru_paras.iter().any(|p| p.text == "Test brief"));
    assert_eq!(ru_styles.default_lang.as_deref(), Some("ru-RU"));
}

#[test]
fn fixture_headings_are_word_headings_in_contract_order() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &[]);
    let docx = built_docx(&project, "brief", "en");
    let styles = Styles::read(&docx);
    let numbering = Numbering::read(&docx);
    let headings: Vec<String> = docx_headings(&docx, &styles, &numbering)
        .into_iter()
        .map(|(h, numbered)| {
            assert!(numbered, "{h} is not numbered");
            h
        })
        .collect();
    // The order tests/consolidate.rs asserts for the model and tests/build.rs for the PDF.
    assert_eq!(headings, common::FIXTURE_EN_HEADINGS);
    // The annex titles follow, in their own style, at the outline level of a chapter.
    let annex = styles.id("Annex Heading");
    let paras = paragraphs(&docx.xml("word/document.xml"));
    let annexes: Vec<&str> = paras
        .iter()
        .filter(|p| p.style.as_deref() == Some(annex.as_str()))
        .map(|p| {
            assert_eq!(styles.outline(p), Some(0), "{:?}", p.text);
            p.text.as_str()
        })
        .collect();
    assert_eq!(annexes, ["Annex I\nIndicators", "Annex II\nIndex"]);
    // The contents, written out, list the chapters and sections (as the PDF's) and the annexes.
    let contents: Vec<String> = paras
        .iter()
        .filter(|p| styles.name(p.style.as_deref()).starts_with("toc "))
        .map(|p| flat(&p.text))
        .collect();
    assert_eq!(
        contents,
        [
            "I. Introduction",
            "II. Country inputs",
            "A. Kazakhstan",
            "B. Kyrgyzstan",
            "III. Case studies",
            "A. Skills",
            "B. Incubators",
            "Annex I Indicators",
            "Annex II Index",
        ]
    );

    let ru = built_docx(&project, "brief", "ru");
    let ru_headings: Vec<String> = docx_headings(&ru, &Styles::read(&ru), &Numbering::read(&ru))
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(ru_headings[0], "1:Введение");
    assert_eq!(ru_headings[2], "2:Казахстан");
    assert_eq!(ru_headings[4], "2:Кыргызстан");
}

#[test]
fn fixture_numbered_paragraphs_share_one_word_numbering() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &[]);
    let docx = built_docx(&project, "brief", "en");
    let styles = Styles::read(&docx);
    let numbering = Numbering::read(&docx);
    let numbered = numbered_paragraphs(&docx, &styles, &numbering);
    let model = model(&project, "brief", "en");
    assert_eq!(
        model_numbered(&model),
        6,
        "intro, KAZ, KGZ and three case studies"
    );
    assert_eq!(numbered.len(), 6, "{numbered:#?}");
    let starts: Vec<&str> = numbered
        .iter()
        .map(|t| t.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "INTRO-EN-PARAGRAPH.",
            "KAZ-EN-PARAGRAPH-ONE",
            "KGZ-EN-PARAGRAPH",
            "KAZ-ALPHA-TEXT.",
            "KAZ-BETA-TEXT.",
            "UZB-PARK-TEXT",
        ]
    );
    // Bylines, the summary and table cells carry no number.
    let paras = paragraphs(&docx.xml("word/document.xml"));
    for para in &paras {
        if para.text.starts_with("Alpha Org") || para.table.is_some() {
            assert_eq!(styles.numbering(para), None, "{:?} is numbered", para.text);
        }
    }
}

#[test]
fn fixture_footnote_is_a_word_footnote() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &["--lang", "en"]);
    let docx = built_docx(&project, "brief", "en");
    let notes = footnotes(&docx);
    let (id, _) = notes
        .iter()
        .find(|(_, text)| *text == "KAZ-EN-FOOTNOTE text.")
        .unwrap_or_else(|| panic!("no footnote KAZ-EN-FOOTNOTE in {notes:#?}"));
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let paras = paragraphs(&docx.xml("word/document.xml"));
    let anchor = paras
        .iter()
        .find(|p| p.footnotes.contains(id))
        .expect("a w:footnoteReference to the note");
    assert!(
        anchor.text.starts_with("KAZ-EN-PARAGRAPH-ONE"),
        "the note is referenced from {:?}",
        anchor.text
    );
    // The text of the note is not also in the body.
    assert!(!paras.iter().any(|p| p.text.contains("KAZ-EN-FOOTNOTE")));
}

/// A table row: whether it is the header row, and its cells' text and alignment.
type Row = (bool, Vec<(String, Option<String>)>);

#[test]
fn fixture_indicator_annex_is_a_word_table() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &["--lang", "en"]);
    let docx = built_docx(&project, "brief", "en");
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let table = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| t.descendants().any(|n| n.text() == Some("90.9 (2021)")))
        .expect("the indicator table");
    let rows: Vec<Row> = table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|tr| {
            let header = w_child(tr, "trPr")
                .and_then(|p| w_child(p, "tblHeader"))
                .is_some_and(|h| !matches!(w_val(h), Some("0" | "false" | "off")));
            let cells = tr
                .children()
                .filter(|n| n.has_tag_name((W, "tc")))
                .map(|tc| {
                    let p = w_child(tc, "p").unwrap();
                    let jc = w_child(p, "pPr")
                        .and_then(|ppr| w_child(ppr, "jc"))
                        .and_then(w_val)
                        .map(str::to_string);
                    (para_text(p), jc)
                })
                .collect();
            (header, cells)
        })
        .collect();
    let texts: Vec<(bool, Vec<&str>)> = rows
        .iter()
        .map(|(h, cells)| (*h, cells.iter().map(|(t, _)| t.as_str()).collect()))
        .collect();
    assert_eq!(
        texts,
        [
            (true, vec!["Country", "Internet users (%)"]),
            (false, vec!["Kazakhstan", "90.9 (2021)"]),
            (false, vec!["Kyrgyzstan", "78"]),
            (false, vec!["Uzbekistan", ".."]),
        ]
    );
    for (_, cells) in &rows {
        let (country, align) = &cells[0];
        assert!(
            !matches!(align.as_deref(), Some("right" | "end")),
            "{country} is right-aligned"
        );
        for (value, align) in &cells[1..] {
            assert!(
                matches!(align.as_deref(), Some("right" | "end")),
                "{value:?} is aligned {align:?}, not right"
            );
        }
    }
    // The table stands in Annex I, before Annex II.
    let paras = paragraphs(&xml);
    let annex_one = paras
        .iter()
        .position(|p| p.text == "Annex I\nIndicators")
        .unwrap();
    let annex_two = paras
        .iter()
        .position(|p| p.text == "Annex II\nIndex")
        .unwrap();
    let cell = paras.iter().position(|p| p.text == "90.9 (2021)").unwrap();
    assert!(annex_one < cell && cell < annex_two);
}

#[test]
fn fixture_image_is_embedded_with_its_alt_text() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &["--lang", "en"]);
    let docx = built_docx(&project, "brief", "en");
    check_package(&docx);
    let chart = project.read("sources/media/chart.png");
    let media: Vec<&String> = docx
        .parts
        .iter()
        .filter(|(name, bytes)| {
            name.starts_with("word/media/") && name.ends_with(".png") && **bytes == chart
        })
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        media.len(),
        1,
        "chart.png once in word/media/: {:?}",
        docx.order
    );
    let part = media[0];
    let rels_xml = docx.xml("word/_rels/document.xml.rels");
    let rels = parse(&rels_xml);
    let rel = rels
        .root_element()
        .children()
        .filter(|n| n.attribute("Type") == Some(IMAGE_REL))
        .find(|n| resolve("word/", n.attribute("Target").unwrap()) == *part)
        .unwrap_or_else(|| panic!("no image relationship to {part}"));
    let rid = rel.attribute("Id").unwrap();
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let doc_pr = doc
        .descendants()
        .find(|n| n.has_tag_name((WP, "docPr")) && n.attribute("descr") == Some("A bar chart"))
        .expect("a wp:docPr with descr=\"A bar chart\"");
    let drawing = doc_pr.parent_element().unwrap();
    let embed = drawing
        .descendants()
        .find(|n| n.has_tag_name((A, "blip")))
        .and_then(|b| b.attribute((R, "embed")));
    assert_eq!(embed, Some(rid), "the drawing shows {part}");
    // The picture is in the case study Zeta park, after its text.
    let paras = paragraphs(&xml);
    let text = paras
        .iter()
        .position(|p| p.text.starts_with("UZB-PARK-TEXT"))
        .unwrap();
    let figure = doc_pr
        .ancestors()
        .find(|a| a.has_tag_name((W, "p")))
        .unwrap();
    let figure_index = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .position(|p| p == figure)
        .unwrap();
    assert_eq!(figure_index, text + 1, "the figure follows UZB-PARK-TEXT");
    assert_eq!(images(&docx)[part], ["A bar chart"]);
}

#[test]
fn svg_given_in_millimetres_keeps_its_size() {
    let project = TempProject::fixture("features");
    let svg = String::from_utf8(project.read("sources/media/map.svg")).unwrap();
    assert!(
        svg.contains(r#"width="80mm" height="40mm""#),
        "the fixture's map is 80 × 40 mm: {svg}"
    );
    build_docx(&project, &["--lang", "en"]);
    let docx = built_docx(&project, "features", "en");
    let xml = docx.xml("word/document.xml");
    let doc = parse(&xml);
    let inline = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "inline")))
        .find(|n| {
            n.children().any(|c| {
                c.has_tag_name((WP, "docPr")) && c.attribute("descr") == Some("A map of the park")
            })
        })
        .expect("the map's drawing");
    let size = |node: roxmltree::Node| -> (i64, i64) {
        let number = |name: &str| node.attribute(name).unwrap().parse().unwrap();
        (number("cx"), number("cy"))
    };
    let extent = inline
        .children()
        .find(|n| n.has_tag_name((WP, "extent")))
        .unwrap();
    // 80 mm is 80 / 25.4 in of 914,400 EMU: 2,880,000 EMU; 40 mm is 1,440,000 EMU. (Read as
    // 80 × 40 px it was 762,000 × 381,000 EMU.)
    assert_eq!(size(extent), (2_880_000, 1_440_000));
    let shape = inline
        .descendants()
        .find(|n| n.has_tag_name((A, "ext")) && n.attribute("cx").is_some())
        .unwrap();
    assert_eq!(size(shape), (2_880_000, 1_440_000));
}

#[test]
fn fixture_docx_matches_the_model_and_opens_in_real_readers() {
    let project = TempProject::fixture("minimal");
    build_docx(&project, &[]);
    for lang in ["en", "ru"] {
        check_against_model(
            &built_docx(&project, "brief", lang),
            &model(&project, "brief", lang),
        );
    }
    // Lines both languages hold in this order (the case studies have no Russian text).
    let common_lines = [
        "ECE/TEST/2023/1/Rev.1",
        "KGZ-EN-PARAGRAPH",
        "Alpha hub",
        "KAZ-ALPHA-TEXT",
        "Beta accelerator",
        "KAZ-BETA-TEXT",
        "Zeta park",
        "UZB-PARK-TEXT",
    ];
    let Some(texts) = common::run_docx_readers(&project.root.join("output"), &common_lines) else {
        return;
    };
    let en = flat(&texts["brief.en"]);
    assert_in_order(
        &en,
        &[
            "ECE/TEST/2023/1/Rev.1",
            "Distr.: General",
            "1 June 2023",
            "Original: English",
            "Bishkek, Kyrgyzstan, 10–11 May 2023",
            "Test brief",
            "Note by the secretariat",
            "SUMMARY-EN text.",
            "Contents",
            "Annex II",
            // The body: pandoc shows Word's paragraph numbers.
            "Introduction",
            "1. INTRO-EN-PARAGRAPH",
            "Country inputs",
            "Kazakhstan",
            "2. KAZ-EN-PARAGRAPH-ONE",
            "Kyrgyzstan",
            "3. KGZ-EN-PARAGRAPH",
            "Case studies",
            "Skills",
            "Alpha hub",
            "4. KAZ-ALPHA-TEXT",
            "Incubators",
            "Beta accelerator",
            "5. KAZ-BETA-TEXT",
            "Zeta park",
            "6. UZB-PARK-TEXT",
            "Annex I",
            "Internet users",
            "Kazakhstan",
            "90.9 (2021)",
            "Annex II",
            "Alpha hub",
        ],
    );
    assert!(en.contains("KAZ-EN-FOOTNOTE text."), "{en}");
    let ru = flat(&texts["brief.ru"]);
    assert_in_order(
        &ru,
        &[
            "Тестовая записка",
            "SUMMARY-RU текст.",
            "Содержание",
            "Приложение II",
            "1. INTRO-RU-ABZATS",
            "Казахстан",
            "2. KAZ-RU-ABZATS",
            "Кыргызстан",
            "3. KGZ-EN-PARAGRAPH",
            "Навыки",
            "Alpha hub",
            "Инкубаторы",
            "Приложение I",
            // Figures as Russian writes them.
            "90,9 (2021)",
        ],
    );
    assert!(!ru.contains("INTRO-EN-PARAGRAPH"), "{ru}");
}

// ---------------------------------------------------------------------------------------------
// The sample project

#[test]
fn sample_builds_every_document_in_both_languages_as_docx() {
    let project = TempProject::fixture("sample");
    let stderr = build_docx(&project, &[]);
    let docs = ["gc-2022-innovation", "ef-2022-digital"];
    let media: Vec<Vec<u8>> = ["astana-hub-programme.png", "incubator-network.svg"]
        .iter()
        .map(|f| project.read(&format!("sources/media/{f}")))
        .collect();
    for doc in docs {
        for lang in ["en", "ru"] {
            let name = format!("{doc}.{lang}.docx");
            assert!(
                stderr.contains(&name),
                "no summary line for {name}:\n{stderr}"
            );
            let docx = built_docx(&project, doc, lang);
            check_against_model(&docx, &model(&project, doc, lang));
            for part in docx.parts.keys().filter(|p| p.starts_with("word/media/")) {
                assert!(
                    media.iter().any(|m| m == &docx.parts[part]),
                    "{name}: {part} is none of the sample's images"
                );
            }
        }
    }

    let headings = |doc: &str, lang: &str| -> Vec<String> {
        let docx = built_docx(&project, doc, lang);
        docx_headings(&docx, &Styles::read(&docx), &Numbering::read(&docx))
            .into_iter()
            .map(|(h, _)| h.split_once(':').unwrap().1.to_string())
            .collect()
    };
    // Every contribution's title, in the order of the contract: countries by name, case studies
    // under their first theme (meeting order), by country name, then title.
    let gc = headings("gc-2022-innovation", "en").join("\n");
    let gc_order = [
        "Country inputs",
        "Afghanistan",
        "Azerbaijan",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
        "Turkmenistan",
        "Uzbekistan",
        "Case studies",
        "Business incubators and accelerators",
        "A business incubator for women entrepreneurs in Kabul",
        "Start-up acceleration and certification in Azerbaijan",
        "Astana Hub technopark",
        "A network of regional business incubators in Tajikistan",
        "Innovation policy and institutions",
        "High Technology Park of the Kyrgyz Republic",
        "IT Park Uzbekistan",
        "Digital government",
        "Tunduk interoperability system",
        "Single portal of state electronic services",
        "Digital connectivity",
        "Cross-border fibre-optic link between Kazakhstan and Kyrgyzstan",
        "Digital skills and human capital",
        "Digital skills for civil servants",
        "Conclusions",
    ];
    assert_in_order(&gc, &gc_order);
    let ef = headings("ef-2022-digital", "en").join("\n");
    let ef_order = [
        "Country inputs",
        "Afghanistan",
        "Uzbekistan",
        "Selected case studies",
        "Digital government",
        "Tunduk interoperability system",
        "Single portal of state electronic services",
        "Digital connectivity",
        "Cross-border fibre-optic link between Kazakhstan and Kyrgyzstan",
        "Digital skills and human capital",
        "A business incubator for women entrepreneurs in Kabul",
        "Digital skills for civil servants",
        "High Technology Park of the Kyrgyz Republic",
        "IT Park Uzbekistan",
        "Conclusions",
    ];
    assert_in_order(&ef, &ef_order);
    for filtered_out in ["Astana Hub technopark", "Start-up acceleration"] {
        assert!(
            !ef.contains(filtered_out),
            "{filtered_out} is not on the forum's themes"
        );
    }
    let gc_ru = headings("gc-2022-innovation", "ru").join("\n");
    // In the English order, so that every paragraph has the same number in both versions.
    assert_in_order(
        &gc_ru,
        &[
            "Афганистан",
            "Азербайджан",
            "Казахстан",
            "Кыргызстан",
            "Таджикистан",
            "Туркменистан",
            "Узбекистан",
            "Технопарк Astana Hub",
        ],
    );

    // Real readers, once for all four files. Lines every one of them holds in this order: the
    // masthead, which UN documents print in English in every language version.
    let common_lines = ["Distr.: General", "Original: English"];
    let Some(texts) = common::run_docx_readers(&project.root.join("output"), &common_lines) else {
        return;
    };
    // pandoc's text of each, and LibreOffice's rendering of each (`.pdf`).
    assert_eq!(texts.len(), 8, "{:?}", texts.keys());
    for doc in docs {
        for lang in ["en", "ru"] {
            let text = flat(&texts[&format!("{doc}.{lang}")]);
            // Past the contents (which list chapters and sections), every heading of the model
            // in order, then the annexes' titles.
            let model = model(&project, doc, lang);
            let first_para = top_blocks(&model.body)
                .into_iter()
                .find_map(|b| match b {
                    Block::Paragraph {
                        content,
                        numbered: true,
                    } => Some(Inline::plain_text(content)),
                    _ => None,
                })
                .unwrap();
            let marker: String = flat(&first_para).chars().take(40).collect();
            let mut expected = vec![marker.clone()];
            // The headings before the first paragraph are found in the contents already.
            let before = top_blocks(&model.body)
                .into_iter()
                .take_while(|b| !matches!(b, Block::Paragraph { numbered: true, .. }))
                .filter(|b| matches!(b, Block::Heading(_)))
                .count();
            expected.extend(
                model_headings(&model)
                    .iter()
                    .skip(before)
                    .map(|(h, _)| h.split_once(':').unwrap().1.to_string()),
            );
            expected.extend(model.annexes.iter().map(|a| a.title.clone()));
            let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            assert_in_order(&text, &expected);
            assert!(
                text.contains(&format!("1. {marker}")),
                "{doc}.{lang}: pandoc shows no Word number 1. before {marker:?}"
            );
        }
    }
    let gc_text = flat(&texts["gc-2022-innovation.en"]);
    let from = gc_text
        .find("The SPECA Working Group on Innovation")
        .unwrap();
    assert_in_order(&gc_text[from..], &gc_order);
}

// ---------------------------------------------------------------------------------------------
// Reproducibility and untrusted text

#[test]
fn two_builds_in_different_folders_are_byte_identical() {
    let first = TempProject::fixture("minimal");
    let second = TempProject::fixture("minimal");
    assert_ne!(first.root, second.root);
    build_docx(&first, &[]);
    build_docx(&second, &[]);
    for lang in ["en", "ru"] {
        let path = format!("output/brief/draft/brief.{lang}.docx");
        let (a, b) = (first.read(&path), second.read(&path));
        assert!(!a.is_empty());
        assert!(a == b, "{path} differs between two builds");
    }
    // The project's folder leaves no trace in the package, and its dates are the document's
    // date, not the clock's.
    let docx = built_docx(&first, "brief", "en");
    let core = docx.xml("docProps/core.xml");
    let core = parse(&core);
    for field in ["created", "modified"] {
        let value = core
            .descendants()
            .find(|n| n.has_tag_name(("http://purl.org/dc/terms/", field)))
            .and_then(|n| n.text());
        assert_eq!(value, Some("2023-06-01T00:00:00Z"), "dcterms:{field}");
    }
    let folder = first.root.file_name().unwrap().to_str().unwrap();
    for (part, bytes) in &docx.parts {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(folder), "{part} names the build folder");
    }
}

#[test]
fn untrusted_text_stays_literal_text() {
    const S: &str = r#"<w:p>x</w:p> ]]> &amp; { PAGE } "quotes""#;
    let project = TempProject::fixture("minimal");
    project.write(
        "sources/case-studies/uzb-hostile.en.md",
        concat!(
            "---\n",
            "type: case-study\n",
            "country: UZB\n",
            "title: '<w:p>x</w:p> ]]> &amp; { PAGE } \"quotes\"'\n",
            "organization: '\"Org\" & <w:r>Co</w:r>'\n",
            "themes: [skills]\n",
            "---\n",
            // Markdown escapes: the expert means the characters themselves.
            "UNTRUSTED-BODY \\<w:p>x\\</w:p> ]]> &amp;amp; { PAGE } \"quotes\" UNTRUSTED-END[^h]\n\n",
            "UNTRUSTED-CODE `<w:p>x</w:p> ]]> &amp; { PAGE } \"quotes\"`\n\n",
            "```\n<w:p>x</w:p> ]]> &amp; { PAGE } \"quotes\"\n```\n\n",
            "![\\<w:p>x\\</w:p> \\]\\]> &amp;amp; { PAGE } \"quotes\"](chart.png)\n\n",
            "[^h]: UNTRUSTED-NOTE \\<w:p>x\\</w:p> ]]> &amp;amp; { PAGE } \"quotes\"\n",
        ),
    );
    let stderr = build_docx(&project, &["--lang", "en"]);
    assert!(
        !stderr.contains("raw HTML"),
        "nothing is dropped:\n{stderr}"
    );
    let docx = built_docx(&project, "brief", "en");
    check_package(&docx);
    let xml = docx.xml("word/document.xml");
    let notes_xml = docx.xml("word/footnotes.xml");
    for (part, raw) in [("document.xml", &xml), ("footnotes.xml", &notes_xml)] {
        assert!(!raw.contains("<w:p>x"), "{part} holds the markup as markup");
        assert!(!raw.contains("]]>"), "{part} holds an unescaped ]]>");
    }

    let paras = paragraphs(&xml);
    let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    let has = |want: &str| texts.contains(&want);
    let styles = Styles::read(&docx);
    let heading3 = styles.id("heading 3");
    assert!(
        paras
            .iter()
            .any(|p| p.text == S && p.style.as_deref() == Some(heading3.as_str())),
        "the title as a heading, literally: {texts:#?}"
    );
    assert!(
        has(&format!("UNTRUSTED-BODY {S} UNTRUSTED-END")),
        "{texts:#?}"
    );
    assert!(has(&format!("UNTRUSTED-CODE {S}")), "{texts:#?}");
    assert!(
        paras
            .iter()
            .any(|p| p.text == S && styles.name(p.style.as_deref()) == "Source Code"),
        "the code block: {texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("\"Org\" & <w:r>Co</w:r>")),
        "the byline: {texts:#?}"
    );
    assert!(
        paras
            .iter()
            .any(|p| p.table.is_some() && p.text.starts_with(S)),
        "the case-study index: {texts:#?}"
    );
    assert!(!texts.contains(&"x"), "a paragraph was injected");
    let notes = footnotes(&docx);
    assert!(
        notes.values().any(|n| *n == format!("UNTRUSTED-NOTE {S}")),
        "{notes:#?}"
    );
    assert!(images(&docx).values().flatten().any(|alt| alt == S));

    // The only field of the body is the table of contents; { PAGE } is text, not a field.
    let doc = parse(&xml);
    assert!(!doc.descendants().any(|n| n.has_tag_name((W, "fldSimple"))));
    let begins = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name((W, "fldChar")) && n.attribute((W, "fldCharType")) == Some("begin")
        })
        .count();
    let instructions: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "instrText")))
        .map(|n| n.text().unwrap_or("").trim())
        .collect();
    assert_eq!(begins, 1, "{instructions:?}");
    assert!(
        instructions.len() == 1 && instructions[0].starts_with("TOC "),
        "{instructions:?}"
    );
    // Nor does any element come from the text: only WordprocessingML and DrawingML elements.
    for node in doc.descendants().filter(|n| n.is_element()) {
        let ns = node.tag_name().namespace().unwrap_or("");
        assert!(
            [
                W,
                WP,
                A,
                "http://schemas.openxmlformats.org/drawingml/2006/picture"
            ]
            .contains(&ns)
                || ns.starts_with("http://schemas.microsoft.com/office/drawing/"),
            "unexpected element {:?}",
            node.tag_name()
        );
    }
}

#[test]
fn links_notes_lists_and_pictures_in_cells_resolve() {
    let project = TempProject::fixture("minimal");
    project.write(
        "sources/countries/uzb.en.md",
        concat!(
            "---\ntype: country-input\ncountry: UZB\n---\n",
            "RICH-LINK [a link](https://example.org/a?b=1&c=2 \"a title\") and ",
            "<https://example.org/x?y=1&z=2>.[^l]\n\n",
            "[^l]: RICH-NOTE [a link in a note](https://example.org/note?a=1&b=2) ",
            "![note chart](chart.png)\n\n",
            "| Name | Chart |\n|---|---:|\n| one | ![cell chart](chart.png) |\n\n",
            "3. three\n4. four\n   - nested bullet\n\n",
        ),
    );
    build_docx(&project, &["--lang", "en"]);
    let docx = built_docx(&project, "brief", "en");
    check_against_model(&docx, &model(&project, "brief", "en"));

    // Links: external relationships, with the URL as written, from the part that uses them.
    let targets = |rels_part: &str| -> Vec<(String, String, Option<String>)> {
        let xml = docx.xml(rels_part);
        let rels = parse(&xml);
        rels.root_element()
            .children()
            .filter(|n| n.is_element())
            .map(|n| {
                let kind = n.attribute("Type").unwrap().rsplit('/').next().unwrap();
                let mode = n.attribute("TargetMode").map(str::to_string);
                (
                    kind.to_string(),
                    n.attribute("Target").unwrap().to_string(),
                    mode,
                )
            })
            .collect()
    };
    let external = Some("External".to_string());
    let doc_rels = targets("word/_rels/document.xml.rels");
    for url in [
        "https://example.org/a?b=1&c=2",
        "https://example.org/x?y=1&z=2",
    ] {
        assert!(
            doc_rels.contains(&("hyperlink".into(), url.into(), external.clone())),
            "{doc_rels:#?}"
        );
    }
    // The note's link and picture are relationships of the footnotes part; the chart, shown
    // three times, is stored once.
    let note_rels = targets("word/_rels/footnotes.xml.rels");
    assert!(note_rels.contains(&(
        "hyperlink".into(),
        "https://example.org/note?a=1&b=2".into(),
        external
    )));
    assert!(note_rels.contains(&("image".into(), "media/image1.png".into(), None)));
    let media: Vec<&String> = docx
        .parts
        .keys()
        .filter(|p| p.starts_with("word/media/"))
        .collect();
    assert_eq!(media, ["word/media/image1.png"]);
    let alts: Vec<String> = images(&docx)
        .into_values()
        .flatten()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(alts, ["A bar chart", "cell chart"]);
    let notes_xml = docx.xml("word/footnotes.xml");
    let notes = parse(&notes_xml);
    assert!(
        notes
            .descendants()
            .any(|n| n.has_tag_name((WP, "docPr")) && n.attribute("descr") == Some("note chart"))
    );

    // The ordered list starts at 3 in Word's numbering, not in typed text.
    let styles = Styles::read(&docx);
    let numbering = Numbering::read(&docx);
    let paras = paragraphs(&docx.xml("word/document.xml"));
    let three = paras
        .iter()
        .find(|p| p.text == "three")
        .expect("item three");
    let (num_id, ilvl) = styles.numbering(three).expect("item three is numbered");
    assert!(numbering.nums[&num_id].1, "the list restarts (at 3)");
    let xml = docx.xml("word/numbering.xml");
    let doc = parse(&xml);
    let start = doc
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "num")) && n.attribute((W, "numId")) == Some(&num_id.to_string())
        })
        .and_then(|n| {
            n.descendants()
                .find(|o| o.has_tag_name((W, "lvlOverride")))
                .filter(|o| o.attribute((W, "ilvl")) == Some(&ilvl.to_string()))
        })
        .and_then(|o| w_child(o, "startOverride"))
        .and_then(w_val);
    assert_eq!(start, Some("3"));
    let bullet = paras.iter().find(|p| p.text == "nested bullet").unwrap();
    let (bullet_num, bullet_ilvl) = styles.numbering(bullet).unwrap();
    assert_eq!(numbering.level(bullet_num, bullet_ilvl).0, "bullet");
    assert_eq!(bullet_ilvl, 1, "the nested list is one level down");
}

#[test]
fn text_in_another_language_carries_that_language() {
    let project = TempProject::fixture("minimal");
    let (code, _, stderr) = project.run(&["build", "--to", "docx", "--lang", "ru"]);
    assert_eq!(code, 0, "{stderr}");
    let docx = Docx::open(&project.root.join("output/brief/draft/brief.ru.docx"));
    let xml = docx.xml("word/document.xml");
    let tree = parse(&xml);
    let run_lang = |marker: &str| -> Option<String> {
        let text = tree
            .descendants()
            .find(|n| n.has_tag_name((W, "t")) && n.text().is_some_and(|t| t.contains(marker)))
            .unwrap_or_else(|| panic!("{marker} not found"));
        let run = text.parent().unwrap();
        run.children()
            .find(|n| n.has_tag_name((W, "rPr")))
            .and_then(|rpr| rpr.children().find(|n| n.has_tag_name((W, "lang"))))
            .and_then(|lang| lang.attribute((W, "val")).map(String::from))
    };
    // KGZ has no Russian input: its English text says it is English; the Russian text says
    // nothing and takes the document's language.
    assert_eq!(run_lang("KGZ-EN-PARAGRAPH").as_deref(), Some("en-GB"));
    assert_eq!(run_lang("KAZ-RU-ABZATS"), None);
}

/// A picture wider than the text stands as wide in the PDF as in the DOCX: both scale it to
/// the text's column, which starts 1 cm in. Read back by poppler's `pdfimages` (its size in
/// pixels and resolution) and from the DOCX's drawing extent.
#[test]
fn a_wide_picture_is_as_wide_in_the_pdf_as_in_the_docx() {
    let project = TempProject::fixture("minimal");
    let (code, _, err) = project.run(&["build", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let docx = Docx::open(&project.root.join("output/brief/draft/brief.en.docx"));
    let xml = docx.xml("word/document.xml");
    let cx: f64 = xml
        .split("<wp:extent cx=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|cx| cx.parse().ok())
        .expect("the picture's extent");
    let docx_cm = cx / 360_000.0;
    assert!((docx_cm - 15.0).abs() < 0.05, "DOCX: {docx_cm} cm");
    if common::reader("pdfimages").is_none() {
        return;
    }
    let listing = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(project.root.join("output/brief/draft/brief.en.pdf"))
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi …
    let row: Vec<&str> = listing
        .lines()
        .nth(2)
        .unwrap_or_else(|| panic!("{listing}"))
        .split_whitespace()
        .collect();
    let (pixels, ppi): (f64, f64) = (row[3].parse().unwrap(), row[12].parse().unwrap());
    let pdf_cm = pixels / ppi * 2.54;
    // pdfimages rounds the resolution to a whole number: a few tenths of a millimetre.
    assert!(
        (pdf_cm - docx_cm).abs() < 0.15,
        "PDF {pdf_cm:.2} cm, DOCX {docx_cm:.2} cm"
    );
}
