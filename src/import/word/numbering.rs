//! Numbering: a paragraph's `w:numId` and `w:ilvl` to its list's kind and start number.
//!
//! `w:num` (the id paragraphs carry) points at a `w:abstractNum` that defines the levels;
//! the `w:num` may override a level's start (`w:lvlOverride/w:startOverride`) or the whole
//! level (`w:lvlOverride/w:lvl`).

use std::collections::HashMap;

use roxmltree::{Document, Node};

use crate::ooxml::read::NodeExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Level {
    pub ordered: bool,
    pub start: u32,
    /// `w:numFmt` "none": no number or bullet is shown.
    pub none: bool,
}

/// A list level as a paragraph uses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Use {
    pub level: Level,
    /// The abstract numbering: Word counts on across the `w:num`s that share one.
    pub abstract_id: String,
    /// The `w:num` overrides the level (`w:lvlOverride`): it restarts the count.
    pub restarts: bool,
}

#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// abstractNumId → ilvl → level.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// abstractNumId → the numbering style it links to (`w:numStyleLink`).
    links: HashMap<String, String>,
    /// numId → (abstractNumId, ilvl → overridden level, ilvl → start override).
    nums: HashMap<u32, Num>,
}

#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    levels: HashMap<u8, Level>,
    starts: HashMap<u8, u32>,
}

fn level(lvl: Node) -> Option<(u8, Level)> {
    let ilvl = lvl.w_attr("ilvl")?.trim().parse().ok()?;
    let format = lvl.child_val("numFmt").unwrap_or("decimal");
    let start = lvl
        .child_val("start")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    Some((
        ilvl,
        Level {
            ordered: format != "bullet" && format != "none",
            start,
            none: format == "none",
        },
    ))
}

impl Numbering {
    pub fn parse(tree: &Document) -> Numbering {
        let mut numbering = Numbering::default();
        let root = tree.root_element();
        for node in root.children() {
            if node.is_w("abstractNum") {
                let Some(id) = node.w_attr("abstractNumId") else {
                    continue;
                };
                let levels = node
                    .children()
                    .filter(|c| c.is_w("lvl"))
                    .filter_map(level)
                    .collect();
                if let Some(link) = node.child_val("numStyleLink") {
                    numbering.links.insert(id.to_string(), link.to_string());
                }
                numbering.abstracts.entry(id.to_string()).or_insert(levels);
            } else if node.is_w("num") {
                let Some(id) = node.w_attr("numId").and_then(|v| v.trim().parse().ok()) else {
                    continue;
                };
                let mut num = Num {
                    abstract_id: node
                        .child_val("abstractNumId")
                        .unwrap_or_default()
                        .to_string(),
                    ..Num::default()
                };
                for over in node.children().filter(|c| c.is_w("lvlOverride")) {
                    let Some(ilvl) = over.w_attr("ilvl").and_then(|v| v.trim().parse().ok()) else {
                        continue;
                    };
                    if let Some(start) = over
                        .child_val("startOverride")
                        .and_then(|v| v.trim().parse().ok())
                    {
                        num.starts.insert(ilvl, start);
                    }
                    if let Some((_, level)) = over.w_child("lvl").and_then(level) {
                        num.levels.insert(ilvl, level);
                    }
                }
                numbering.nums.entry(id).or_insert(num);
            }
        }
        numbering
    }

    /// The level `ilvl` of list `num_id`; `None` when the list or level is not defined (or
    /// `num_id` is 0, which removes numbering). `style_num` resolves a numbering style's
    /// `numId` (for `w:numStyleLink`).
    pub fn level(
        &self,
        num_id: u32,
        ilvl: u8,
        style_num: &dyn Fn(&str) -> Option<u32>,
    ) -> Option<Use> {
        let num = self.nums.get(&num_id)?;
        let mut abstract_id = num.abstract_id.as_str();
        let mut found = num.levels.get(&ilvl).copied();
        // A linked abstract numbering has no levels of its own: follow the numbering style
        // to the list that has them (once; a chain of links is not followed further).
        if found.is_none() {
            let own = self
                .abstracts
                .get(abstract_id)
                .and_then(|levels| levels.get(&ilvl));
            found = match own {
                Some(level) => Some(*level),
                None => {
                    let linked = self
                        .links
                        .get(abstract_id)
                        .and_then(|style| style_num(style))
                        .and_then(|id| self.nums.get(&id));
                    if let Some(linked) = linked {
                        abstract_id = linked.abstract_id.as_str();
                    }
                    self.abstracts
                        .get(abstract_id)
                        .and_then(|levels| levels.get(&ilvl))
                        .copied()
                }
            };
        }
        let mut level = found?;
        if let Some(start) = num.starts.get(&ilvl) {
            level.start = *start;
        }
        Some(Use {
            level,
            abstract_id: abstract_id.to_string(),
            restarts: num.starts.contains_key(&ilvl) || num.levels.contains_key(&ilvl),
        })
    }
}
