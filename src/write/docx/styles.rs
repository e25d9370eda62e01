//! `word/styles.xml`: the built-in UN styles, a template's styles.xml, or a reference.docx's
//! styles as pandoc's `--reference-doc` uses them.
//!
//! The writer references a fixed set of style ids ([`OUR_STYLES`]). When the styles come from a
//! reference.docx, each of ours is looked up by id, then by name (Word localises ids, not the
//! names of its built-in styles: `Überschrift1` is still named `heading 1`); a style the
//! reference lacks is appended from our definitions, with its `basedOn`/`next`/`link` mapped the
//! same way. Nothing else is taken from a reference.docx but its numbering definitions and its
//! page size and margins: content types and relationships are always our own.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::error::DocxError;
use super::reference::Reference;
use crate::ooxml::edit::{apply_edits, qname_len, start_tag_len};
use crate::ooxml::names::W;
use crate::ooxml::write::escape;
use crate::ooxml::{Limits, read};

/// The built-in styles of the `un-document` template.
pub(super) const BUILTIN_STYLES: &str =
    include_str!("../../../templates/un-document/docx/styles.xml");

/// Every style id the writer may reference (document, footnotes, headers, numbering).
pub(super) const OUR_STYLES: &[&str] = &[
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "SingleTxt",
    "NumberedPara",
    "ListParagraph",
    "Byline",
    "Quote",
    "SourceCode",
    "HorizontalRule",
    "Figure",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
    "AnnexHeading",
    "MastheadOrg",
    "MastheadSymbol",
    "MastheadText",
    "MastheadOrganizers",
    "MastheadProgramme",
    "SessionalBody",
    "SessionalText",
    "Title",
    "Subtitle",
    "SummaryHeading",
    "SummaryText",
    "DraftNote",
    "DraftNoteText",
    "TOCHeading",
    "TOC1",
    "TOC2",
    "TOC3",
    "FootnoteText",
    "FootnoteReference",
    "Header",
    "Footer",
    "VerbatimChar",
    "Hyperlink",
    "TableText",
    "TableHeading",
    "TableNote",
    "UNTable",
    "TableGrid",
];

/// Our style ids and the ids they have in the styles.xml written.
pub(super) struct StyleMap {
    ids: BTreeMap<&'static str, String>,
    /// Styles defined by us or by the template (not taken over from a reference.docx): their
    /// indents and numbering links are the ones the writer expects.
    ours: BTreeSet<&'static str>,
}

impl StyleMap {
    /// The id to write for one of our style ids.
    pub fn id<'s>(&'s self, ours: &'s str) -> &'s str {
        self.ids.get(ours).map(String::as_str).unwrap_or(ours)
    }

    /// Whether the style is our definition (or the template's), not a reference.docx's.
    pub fn is_ours(&self, ours: &str) -> bool {
        self.ours.contains(ours)
    }

    #[cfg(test)]
    pub fn all_ours() -> StyleMap {
        StyleMap {
            ids: OUR_STYLES.iter().map(|s| (*s, s.to_string())).collect(),
            ours: OUR_STYLES.iter().copied().collect(),
        }
    }
}

/// The language tag Word uses for a document language code (the table of languages).
pub(super) fn word_lang(code: &str) -> String {
    crate::model::languages::word_tag(code)
}

/// The styles.xml to write and the ids of our styles in it.
pub(super) struct Resolved {
    pub xml: String,
    pub map: StyleMap,
}

/// One `w:style` element, with the places an id or a numId is written in it.
struct StyleDef {
    id: String,
    kind: String,
    name: Option<String>,
    range: Range<usize>,
    /// Value ranges of `w:basedOn`, `w:next`, `w:link`, and the value.
    refs: Vec<(Range<usize>, String)>,
    /// Value ranges of `w:numId` and the numId.
    num_ids: Vec<(Range<usize>, u32)>,
    /// The range of a `w:default` attribute.
    default_attr: Option<Range<usize>>,
}

fn val_range(node: roxmltree::Node) -> Option<(Range<usize>, String)> {
    let attr = node
        .attributes()
        .find(|a| a.namespace() == Some(W) && a.name() == "val")?;
    Some((attr.range_value(), attr.value().to_string()))
}

fn style_defs(tree: &roxmltree::Document) -> Vec<StyleDef> {
    let mut defs = Vec::new();
    for node in tree
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "style")))
    {
        let Some(id) = node.attribute((W, "styleId")) else {
            continue;
        };
        let child_val = |name: &str| {
            node.children()
                .find(|n| n.has_tag_name((W, name)))
                .and_then(val_range)
        };
        let refs = ["basedOn", "next", "link"]
            .iter()
            .filter_map(|name| child_val(name))
            .collect();
        let num_ids = node
            .descendants()
            .filter(|n| n.has_tag_name((W, "numId")))
            .filter_map(val_range)
            .filter_map(|(range, value)| Some((range, value.trim().parse().ok()?)))
            .collect();
        let default_attr = node
            .attributes()
            .find(|a| a.namespace() == Some(W) && a.name() == "default")
            .map(|a| a.range());
        defs.push(StyleDef {
            id: id.to_string(),
            kind: node
                .attribute((W, "type"))
                .unwrap_or("paragraph")
                .to_string(),
            name: child_val("name").map(|(_, v)| v),
            range: node.range(),
            refs,
            num_ids,
            default_attr,
        });
    }
    defs
}

fn parse<'x>(xml: &'x str, what: &str) -> Result<roxmltree::Document<'x>, DocxError> {
    let tree = read::parse_xml(xml, Limits::default().max_xml_nodes)
        .map_err(|e| DocxError::new(format!("{what} is not well-formed XML: {e}")))?;
    if !tree.root_element().has_tag_name((W, "styles")) {
        return Err(DocxError::new(format!(
            "{what} is not a WordprocessingML styles part (its root is not w:styles)"
        )));
    }
    Ok(tree)
}

/// Chooses the styles.xml to write: a reference.docx's, else the template's, else the built-in
/// one; completes it with our style definitions where it lacks them and sets its language.
pub(super) fn resolve(
    styles_xml: Option<&str>,
    reference: Option<&Reference>,
    lang: &str,
    num_base: u32,
) -> Result<Resolved, DocxError> {
    // Where our definitions come from: the template's styles.xml first, then the built-in one.
    let mut sources = Vec::new();
    if let Some(xml) = styles_xml {
        sources.push((xml, parse(xml, "the template's styles.xml")?));
    }
    sources.push((
        BUILTIN_STYLES,
        parse(BUILTIN_STYLES, "the built-in styles.xml")?,
    ));
    let source_defs: Vec<(&str, Vec<StyleDef>)> = sources
        .iter()
        .map(|(xml, tree)| (*xml, style_defs(tree)))
        .collect();

    let (base, base_what) = match (reference, styles_xml) {
        (Some(r), _) => (
            r.styles.as_str(),
            "word/styles.xml of the template's reference.docx",
        ),
        (None, Some(xml)) => (xml, "the template's styles.xml"),
        (None, None) => (BUILTIN_STYLES, "the built-in styles.xml"),
    };
    let base_tree = parse(base, base_what)?;
    let base_defs = style_defs(&base_tree);
    let base_ids: BTreeSet<&str> = base_defs.iter().map(|d| d.id.as_str()).collect();
    let mut base_names: BTreeMap<(String, String), &str> = BTreeMap::new();
    for def in &base_defs {
        if let Some(name) = &def.name {
            base_names
                .entry((def.kind.clone(), name.to_lowercase()))
                .or_insert(&def.id);
        }
    }

    let mut ids = BTreeMap::new();
    let mut ours = BTreeSet::new();
    let mut missing = Vec::new();
    for &id in OUR_STYLES {
        let def = source_defs
            .iter()
            .find_map(|(xml, defs)| defs.iter().find(|d| d.id == id).map(|d| (*xml, d)));
        if base_ids.contains(id) {
            ids.insert(id, id.to_string());
            if reference.is_none() {
                ours.insert(id);
            }
            continue;
        }
        let by_name = def.and_then(|(_, d)| {
            let name = d.name.as_ref()?.to_lowercase();
            base_names.get(&(d.kind.clone(), name))
        });
        if let Some(base_id) = by_name {
            ids.insert(id, base_id.to_string());
        } else {
            ids.insert(id, id.to_string());
            if let Some(found) = def {
                ours.insert(id);
                missing.push(found);
            }
        }
    }

    let mut appended = String::new();
    for (xml, def) in &missing {
        appended.push('\n');
        appended.push_str(&adapted_definition(xml, def, &ids, num_base));
    }

    let root = base_tree.root_element();
    let mut edits = Vec::new();
    if let Some(edit) = lang_edit(&base_tree, lang) {
        edits.push(edit);
    }
    match root.lookup_namespace_uri(Some("w")) {
        Some(W) => {}
        None if !appended.is_empty() || edits.iter().any(|(_, s)| s.contains("w:")) => {
            let at = root.range().start + 1 + qname_len(&base[root.range()]);
            edits.push((at..at, format!(" xmlns:w=\"{W}\"")));
        }
        None => {}
        Some(_) => {
            return Err(DocxError::new(format!(
                "{base_what} binds the prefix w to another namespace than WordprocessingML"
            )));
        }
    }
    if !appended.is_empty() {
        let root_text = &base[root.range()];
        if root_text.ends_with("/>") {
            return Err(DocxError::new(format!("{base_what} defines no styles")));
        }
        let close = root.range().start + root_text.rfind("</").unwrap_or(root_text.len());
        appended.push('\n');
        edits.push((close..close, appended));
    }
    let xml = apply_edits(base, edits);
    Ok(Resolved {
        xml,
        map: StyleMap { ids, ours },
    })
}

/// Our definition of a style, its references to other styles and numIds mapped to the ids they
/// have in the styles.xml written, without `w:default` (the base has its own defaults).
fn adapted_definition(
    xml: &str,
    def: &StyleDef,
    ids: &BTreeMap<&'static str, String>,
    num_base: u32,
) -> String {
    let start = def.range.start;
    let relative = |range: &Range<usize>| (range.start - start)..(range.end - start);
    let mut edits = Vec::new();
    for (range, value) in &def.refs {
        if let Some(mapped) = ids.get(value.as_str()).filter(|m| *m != value) {
            edits.push((relative(range), escape(mapped)));
        }
    }
    if num_base > 0 {
        for (range, num_id) in &def.num_ids {
            if *num_id != 0 {
                edits.push((relative(range), (num_id + num_base).to_string()));
            }
        }
    }
    if let Some(range) = &def.default_attr {
        edits.push((relative(range), String::new()));
    }
    apply_edits(&xml[def.range.clone()], edits)
}

/// The edit that sets the language of `w:docDefaults/w:rPrDefault/w:rPr/w:lang`, creating the
/// elements on the way where they are missing.
fn lang_edit<'a, 'i>(
    tree: &'a roxmltree::Document<'i>,
    lang: &str,
) -> Option<(Range<usize>, String)> {
    let lang = escape(lang);
    let lang_el = format!("<w:lang w:val=\"{lang}\"/>");
    let root = tree.root_element();
    let text = tree.input_text();
    fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
        node.children().find(|n| n.has_tag_name((W, name)))
    }
    // Inserts `inner` as the first or last child of `node`.
    let insert =
        |node: roxmltree::Node, inner: String, first: bool| -> Option<(Range<usize>, String)> {
            let range = node.range();
            let element = &text[range.clone()];
            let tag_end = start_tag_len(element)?;
            if element[..tag_end].ends_with("/>") {
                let name = &element[1..1 + qname_len(element)];
                let open = format!("{}>", element[..tag_end - 2].trim_end());
                return Some((range, format!("{open}{inner}</{name}>")));
            }
            let at = if first {
                range.start + tag_end
            } else {
                range.start + element.rfind("</")?
            };
            Some((at..at, inner))
        };
    let Some(defaults) = child(root, "docDefaults") else {
        let inner = format!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{lang_el}</w:rPr></w:rPrDefault></w:docDefaults>"
        );
        return insert(root, inner, true);
    };
    let Some(rpr_default) = child(defaults, "rPrDefault") else {
        return insert(
            defaults,
            format!("<w:rPrDefault><w:rPr>{lang_el}</w:rPr></w:rPrDefault>"),
            true,
        );
    };
    let Some(rpr) = child(rpr_default, "rPr") else {
        return insert(rpr_default, format!("<w:rPr>{lang_el}</w:rPr>"), true);
    };
    let Some(lang_node) = child(rpr, "lang") else {
        // w:lang comes late in w:rPr; only eastAsianLayout, specVanish and oMath follow it.
        let before = rpr.children().find(|n| {
            n.is_element()
                && ["eastAsianLayout", "specVanish", "oMath"].contains(&n.tag_name().name())
        });
        return match before {
            Some(node) => Some((node.range().start..node.range().start, lang_el)),
            None => insert(rpr, lang_el, false),
        };
    };
    match lang_node
        .attributes()
        .find(|a| a.namespace() == Some(W) && a.name() == "val")
    {
        Some(attr) => Some((attr.range_value(), lang)),
        None => {
            let at = lang_node.range().start + 1 + qname_len(&text[lang_node.range()]);
            Some((at..at, format!(" w:val=\"{lang}\"")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_styles_define_every_style_the_writer_uses() {
        let tree = parse(BUILTIN_STYLES, "built-in").unwrap();
        let defs = style_defs(&tree);
        for id in OUR_STYLES {
            assert!(
                defs.iter().any(|d| d.id == *id),
                "{id} missing from the built-in styles.xml"
            );
        }
        for def in &defs {
            for (_, target) in &def.refs {
                assert!(
                    defs.iter().any(|d| &d.id == target),
                    "{} refers to missing {target}",
                    def.id
                );
            }
        }
        let resolved = resolve(None, None, "ru-RU", 0).unwrap();
        assert!(
            resolved
                .xml
                .contains("<w:lang w:val=\"ru-RU\" w:eastAsia=\"en-US\"")
        );
        assert!(resolved.map.is_ours("Heading1"));
        assert_eq!(resolved.map.id("Heading1"), "Heading1");
    }

    fn reference_styles(extra: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/></w:style>
{extra}</w:styles>"#
        )
    }

    #[test]
    fn reference_styles_are_matched_by_name_and_completed() {
        let reference = Reference {
            styles: reference_styles(""),
            numbering: None,
            page: None,
            theme: None,
        };
        let resolved = resolve(None, Some(&reference), "en-GB", 5).unwrap();
        let map = &resolved.map;
        assert_eq!(map.id("Normal"), "Standard");
        assert_eq!(map.id("Heading1"), "berschrift1");
        assert!(!map.is_ours("Heading1"));
        assert_eq!(map.id("Heading2"), "Heading2");
        assert!(map.is_ours("Heading2"));
        let tree = roxmltree::Document::parse(&resolved.xml).unwrap();
        let defs = style_defs(&tree);
        let ids: BTreeSet<&str> = defs.iter().map(|d| d.id.as_str()).collect();
        for id in OUR_STYLES {
            assert!(ids.contains(map.id(id)), "{id} ({}) missing", map.id(id));
        }
        // Appended styles point to the reference's ids and to shifted numIds; one default only.
        let heading2 = defs.iter().find(|d| d.id == "Heading2").unwrap();
        assert!(heading2.refs.iter().any(|(_, v)| v == "Standard"));
        assert_eq!(
            heading2.num_ids.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            [6]
        );
        let defaults = tree
            .descendants()
            .filter(|n| n.has_tag_name((W, "style")) && n.attribute((W, "default")) == Some("1"))
            .count();
        assert_eq!(defaults, 1);
        // The language is set even though the reference had no docDefaults.
        assert!(
            resolved
                .xml
                .contains("<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val=\"en-GB\"/>")
        );
    }

    #[test]
    fn lang_is_replaced_or_inserted() {
        let with = reference_styles("").replace(
            "<w:style w:type=\"paragraph\" w:default",
            "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"20\"/><w:lang w:val=\"de-DE\"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default",
        );
        let tree = roxmltree::Document::parse(&with).unwrap();
        let out = apply_edits(&with, vec![lang_edit(&tree, "ru-RU").unwrap()]);
        assert!(out.contains("<w:sz w:val=\"20\"/><w:lang w:val=\"ru-RU\"/>"));
        let without = with.replace("<w:lang w:val=\"de-DE\"/>", "");
        let tree = roxmltree::Document::parse(&without).unwrap();
        let out = apply_edits(&without, vec![lang_edit(&tree, "en-GB").unwrap()]);
        assert!(out.contains("<w:sz w:val=\"20\"/><w:lang w:val=\"en-GB\"/></w:rPr>"));
        let empty = with.replace(
            "<w:rPr><w:sz w:val=\"20\"/><w:lang w:val=\"de-DE\"/></w:rPr>",
            "<w:rPr/>",
        );
        let tree = roxmltree::Document::parse(&empty).unwrap();
        let out = apply_edits(&empty, vec![lang_edit(&tree, "en-GB").unwrap()]);
        assert!(
            out.contains("<w:rPrDefault><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>")
        );
    }

    #[test]
    fn bad_styles_are_clear_errors() {
        let err = resolve(Some("<w:styles"), None, "en-GB", 0).err().unwrap();
        assert!(
            err.message
                .contains("the template's styles.xml is not well-formed XML"),
            "{err}"
        );
        let err = resolve(Some("<styles/>"), None, "en-GB", 0).err().unwrap();
        assert!(err.message.contains("root is not w:styles"), "{err}");
    }
}
