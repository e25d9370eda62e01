//! Styles: a style id to what the reader needs of it, following `w:basedOn`.
//!
//! Style ids are localized (a German Word names "Heading 1" `berschrift1`), so headings are
//! recognized by outline level or by the style's name, which Word keeps in English for its
//! built-in styles ("heading 1").

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::Marks;
use crate::ooxml::read::NodeExt;

/// How many `basedOn` steps are followed: enough for any real chain, and a cycle ends.
const MAX_CHAIN: usize = 32;

/// Run properties a style or a run sets, each unset, on or off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
    /// Hidden text (`w:vanish`): Word does not show or print it.
    pub hidden: Option<bool>,
}

impl RunProps {
    /// Reads `w:rPr` (or any element holding run properties).
    pub fn of(rpr: Option<Node>) -> RunProps {
        let Some(rpr) = rpr else {
            return RunProps::default();
        };
        let strike = match (rpr.toggle("strike"), rpr.toggle("dstrike")) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (a, b) => a.or(b),
        };
        RunProps {
            bold: rpr.toggle("b"),
            italic: rpr.toggle("i"),
            strike,
            hidden: rpr.toggle("vanish"),
        }
    }

    /// `self` with what `over` sets laid over it.
    pub fn then(self, over: RunProps) -> RunProps {
        RunProps {
            bold: over.bold.or(self.bold),
            italic: over.italic.or(self.italic),
            strike: over.strike.or(self.strike),
            hidden: over.hidden.or(self.hidden),
        }
    }

    pub fn marks(self) -> Marks {
        Marks {
            bold: self.bold.unwrap_or(false),
            italic: self.italic.unwrap_or(false),
            strike: self.strike.unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
    /// `w:numPr`: the list (`w:numId`) and level (`w:ilvl`) the style puts paragraphs in.
    num_id: Option<u32>,
    ilvl: Option<u8>,
    run: RunProps,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    /// The default paragraph style's id (`w:default="1"`), usually `Normal`.
    default_paragraph: Option<String>,
    /// The document's default run properties (`w:docDefaults`).
    defaults: RunProps,
    pub lang: Option<String>,
}

/// Parses an outline level value: 0–8 are levels, 9 is body text.
pub(super) fn outline(value: Option<&str>) -> Option<u8> {
    value?.trim().parse::<u8>().ok().filter(|level| *level < 9)
}

impl Styles {
    pub fn parse(tree: &Document) -> Styles {
        let mut styles = Styles::default();
        let root = tree.root_element();
        if let Some(defaults) = root.w_child("docDefaults") {
            let rpr = defaults
                .w_child("rPrDefault")
                .and_then(|d| d.w_child("rPr"));
            styles.defaults = RunProps::of(rpr);
            styles.lang = rpr.and_then(lang);
        }
        for node in root.children().filter(|n| n.is_w("style")) {
            let Some(id) = node.w_attr("styleId") else {
                continue;
            };
            let ppr = node.w_child("pPr");
            let num = ppr.and_then(|p| p.w_child("numPr"));
            let style = Style {
                name: node.child_val("name").map(str::to_string),
                based_on: node.child_val("basedOn").map(str::to_string),
                outline: outline(ppr.and_then(|p| p.child_val("outlineLvl"))),
                num_id: num
                    .and_then(|n| n.child_val("numId"))
                    .and_then(|v| v.trim().parse().ok()),
                ilvl: num
                    .and_then(|n| n.child_val("ilvl"))
                    .and_then(|v| v.trim().parse().ok()),
                run: RunProps::of(node.w_child("rPr")),
            };
            let paragraph = node.w_attr("type").is_none_or(|t| t == "paragraph");
            if paragraph
                && node
                    .w_attr("default")
                    .is_some_and(|d| d == "1" || d == "true")
                && styles.default_paragraph.is_none()
            {
                styles.default_paragraph = Some(id.to_string());
                if styles.lang.is_none() {
                    styles.lang = node.w_child("rPr").and_then(lang);
                }
            }
            styles.styles.entry(id.to_string()).or_insert(style);
        }
        styles
    }

    /// The chain of styles from `id` through `basedOn`, the style itself first.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        std::iter::from_fn(move || {
            let style = self.styles.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(MAX_CHAIN)
    }

    /// The paragraph style to use for a paragraph with `pStyle` `id` (or none).
    pub fn paragraph_style<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.filter(|id| self.styles.contains_key(*id))
            .or(self.default_paragraph.as_deref())
    }

    /// The name Word shows for a style.
    pub fn name(&self, id: Option<&str>) -> Option<String> {
        let style = self.styles.get(id?)?;
        Some(
            style
                .name
                .clone()
                .unwrap_or_else(|| id.unwrap_or_default().to_string()),
        )
    }

    /// The heading level (1–9) a paragraph style gives: an outline level through `basedOn`,
    /// or a built-in heading style's name.
    pub fn heading(&self, id: Option<&str>) -> Option<u8> {
        // The nearest style that says decides: LibreOffice's "Heading 2" is based on a
        // "Heading" style of its own.
        self.chain(id).find_map(|s| {
            s.outline
                .map(|level| level + 1)
                .or_else(|| heading_name(s.name.as_deref()?))
        })
    }

    /// The numbering (`numId`, `ilvl`) a paragraph style gives through `basedOn`.
    pub fn numbering(&self, id: Option<&str>) -> (Option<u32>, Option<u8>) {
        let num = self.chain(id).find_map(|s| s.num_id);
        let ilvl = self.chain(id).find_map(|s| s.ilvl);
        (num, ilvl)
    }

    /// The run properties a style gives through `basedOn`, the document defaults under them.
    pub fn run(&self, id: Option<&str>) -> RunProps {
        let chain: Vec<&Style> = self.chain(id).collect();
        chain
            .iter()
            .rev()
            .fold(self.defaults, |props, style| props.then(style.run))
    }

    /// Only what the style chain sets (no document defaults), for character styles laid over
    /// a paragraph's.
    pub fn run_only(&self, id: Option<&str>) -> RunProps {
        let chain: Vec<&Style> = self.chain(id).collect();
        chain
            .iter()
            .rev()
            .fold(RunProps::default(), |props, style| props.then(style.run))
    }
}

/// "heading 1" … "heading 9", as Word names its built-in heading styles in any language.
fn heading_name(name: &str) -> Option<u8> {
    let name = name.trim().to_lowercase();
    let level = name.strip_prefix("heading")?.trim().parse::<u8>().ok()?;
    (1..=9).contains(&level).then_some(level)
}

fn lang(rpr: Node) -> Option<String> {
    rpr.w_child("lang")
        .and_then(|l| l.w_attr("val"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::heading_name;

    #[test]
    fn heading_names_in_any_case() {
        assert_eq!(heading_name("heading 1"), Some(1));
        assert_eq!(heading_name("Heading 9"), Some(9));
        assert_eq!(heading_name("heading 10"), None);
        assert_eq!(heading_name("Headings"), None);
        assert_eq!(heading_name("Überschrift 1"), None);
    }
}
