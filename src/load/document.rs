//! `sources/documents/<id>.yaml`: what a rapporteur asks to be built.

use super::fields::{Context, Fields, Localized, Located};
use super::markdown::Body;
use super::yaml::{Node, Value};
use crate::model::Date;

/// A document description, read and checked.
#[derive(Debug, Clone)]
pub struct DocumentSpec {
    pub id: String,
    /// The file, relative to the project folder.
    pub file: String,
    pub template: Located<String>,
    pub title: Localized,
    pub subtitle: Option<Localized>,
    /// A short title for running headers (extension; defaults to the title).
    pub short_title: Option<Localized>,
    pub symbol: Option<String>,
    /// Revision number: the symbol gains `/Rev.N`.
    pub revision: Option<u32>,
    pub distribution: String,
    pub date: Option<Date>,
    pub agenda_item: Option<Localized>,
    pub summary: Option<Localized>,
    pub sections: Vec<Section>,
    pub annexes: Vec<AnnexSpec>,
    /// Every localised value with its place, to check the meeting's languages.
    pub localized_values: Vec<Located<Localized>>,
}

impl DocumentSpec {
    /// The symbol with its revision suffix, e.g. `ECE/CECI/2022/3/Rev.1`.
    pub fn full_symbol(&self) -> Option<String> {
        let symbol = self.symbol.as_ref()?;
        Some(match self.revision {
            Some(n) if n > 0 => format!("{symbol}/Rev.{n}"),
            _ => symbol.clone(),
        })
    }
}

/// One entry of `sections`.
#[derive(Debug, Clone)]
pub enum Section {
    /// Rapporteur prose from a Markdown file.
    File(FileSection),
    /// Contributions of one kind.
    Contributions(ContributionsSection),
    /// A bar chart of an indicator (extension), under an optional heading.
    Chart {
        heading: Option<Localized>,
        chart: ChartSpec,
    },
}

/// `chart: {indicator: internet_users_pct, title: {en: …}}`: a bar chart of one indicator,
/// one bar per country that reported it.
#[derive(Debug, Clone)]
pub struct ChartSpec {
    /// The indicator's id in meeting.yaml.
    pub indicator: Located<String>,
    /// The title; the indicator's label when absent.
    pub title: Option<Localized>,
    /// Where `chart:` stands.
    pub pos: crate::diag::Pos,
    /// The label cross-references name the figure by (`label:` of its section or annex).
    pub label: Option<Located<String>>,
}

#[derive(Debug, Clone)]
pub struct FileSection {
    pub heading: Option<Localized>,
    /// The path as written, relative to `sources/`.
    pub path: Located<String>,
    /// The file's text per language: the file itself is the original language; a file
    /// `<stem>.<lang>.md` beside it is its translation. Empty when the file is missing.
    pub texts: Vec<(String, Body)>,
    /// The label cross-references name the section's heading by.
    pub label: Option<Located<String>>,
}

/// How a contributions section orders its contributions across the language versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// One order for every language version, the alphabetical order of the meeting's first
    /// language, and the paragraphs numbered throughout: a paragraph carries the same number
    /// in every version (`order: same-in-all-languages`, the default).
    #[default]
    SameInAllLanguages,
    /// The UN form for replies from States: each language version in its own alphabetical
    /// order, those contributions' paragraphs and headings not numbered
    /// (`order: replies-from-states`).
    RepliesFromStates,
}

#[derive(Debug, Clone)]
pub struct ContributionsSection {
    pub heading: Option<Localized>,
    pub kind: super::contribution::Kind,
    pub order: Order,
    pub group_by_theme: bool,
    /// Only case studies with one of these themes (empty: all).
    pub themes: Vec<Located<String>>,
    pub pos: crate::diag::Pos,
    /// The label cross-references name the section's heading by.
    pub label: Option<Located<String>>,
}

/// One entry of `annexes`.
#[derive(Debug, Clone)]
pub struct AnnexSpec {
    pub heading: Localized,
    pub content: AnnexContent,
    /// The label cross-references name the annex by.
    pub label: Option<Located<String>>,
}

#[derive(Debug, Clone)]
pub enum AnnexContent {
    /// A table: one row per country, one column per indicator.
    Indicators(Vec<Located<String>>),
    /// A table of the case studies: title, country, organization, themes.
    CaseStudyIndex,
    /// Rapporteur prose (extension), like a `file` section.
    File(FileSection),
    /// A bar chart of an indicator (extension).
    Chart(ChartSpec),
}

const FIELDS: &[&str] = &[
    "id",
    "template",
    "title",
    "subtitle",
    "short-title",
    "symbol",
    "revision",
    "distribution",
    "date",
    "agenda-item",
    "summary",
    "sections",
    "annexes",
];
const SECTION_FIELDS: &[&str] = &[
    "file",
    "heading",
    "contributions",
    "order",
    "group-by",
    "themes",
    "chart",
    "label",
];
const ANNEX_FIELDS: &[&str] = &[
    "heading",
    "indicators",
    "case-study-index",
    "file",
    "chart",
    "label",
];

/// Whether `name` may be a label: a letter, then letters, digits, `-` and `_` (64 at most),
/// as it stands in `{#name}` and `[](#name)`.
pub fn is_label(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && name.len() <= 64
}

/// The `label` of a section or an annex, when it is a well-formed one.
fn read_label(fields: &Fields, cx: &mut Context) -> Option<Located<String>> {
    let label = fields.text("label", cx)?;
    if is_label(&label.value) {
        Some(label)
    } else {
        cx.error(label.pos, format!("\"{}\" cannot be a label", label.value))
            .hint(
                "a label is a letter, then letters, digits, - and _, e.g. `label: country-inputs`",
            );
        None
    }
}
const CHART_FIELDS: &[&str] = &["indicator", "title"];

/// Reads a `chart:` mapping; its title, when it has one, goes through `keep`.
fn read_chart(
    node: &Node,
    cx: &mut Context,
    keep: &mut impl FnMut(Option<Located<Localized>>) -> Option<Localized>,
) -> Option<ChartSpec> {
    let fields = Fields::open(node, "a chart", CHART_FIELDS, cx)?;
    let indicator = fields.required_text("indicator", "internet_users_pct", cx)?;
    let title = keep(fields.localized("title", cx));
    Some(ChartSpec {
        indicator,
        title,
        pos: node.pos,
        label: None,
    })
}

/// Reads a document description; `stem` is the file name without `.yaml`. The texts of `file`
/// sections are left empty for the loader to fill.
pub fn read(root: &Node, stem: &str, cx: &mut Context) -> Option<DocumentSpec> {
    let fields = Fields::open(root, "a document description", FIELDS, cx)?;
    let mut localized_values = Vec::new();
    let mut keep = |value: Option<Located<Localized>>| {
        value.map(|v| {
            localized_values.push(v.clone());
            v.value
        })
    };

    match fields.required_text("id", stem, cx) {
        Some(id) if id.value != stem => {
            cx.error(
                id.pos,
                format!(
                    "the id \"{}\" differs from the file name \"{stem}.yaml\"",
                    id.value
                ),
            )
            .hint(format!(
                "write `id: {stem}`, or rename the file to {}.yaml",
                id.value
            ));
        }
        _ => {}
    }
    let template = fields
        .text("template", cx)
        .unwrap_or_else(|| Located::new("un-document".to_string(), fields.pos));
    let title = keep(fields.required_localized("title", "{en: …, ru: …}", cx))
        .unwrap_or(Localized::Same(String::new()));
    let subtitle = keep(fields.localized("subtitle", cx));
    let short_title = keep(fields.localized("short-title", cx));
    let symbol = fields
        .text("symbol", cx)
        .map(|s| s.value)
        .filter(|s| !s.trim().is_empty());
    let revision = fields.integer("revision", cx).and_then(|r| {
        if (0..=99).contains(&r.value) {
            Some(r.value as u32)
        } else {
            cx.error(r.pos, "\"revision\" must be a number from 0 to 99");
            None
        }
    });
    if revision.is_some() && symbol.is_none() {
        cx.warning(
            fields.pos_of("revision"),
            "\"revision\" has no effect without a \"symbol\"",
        );
    }
    let distribution = match fields.text("distribution", cx) {
        Some(d) if d.value == "General" || d.value == "Limited" || d.value == "Restricted" => {
            d.value
        }
        Some(d) => {
            cx.error(d.pos, format!("unknown distribution \"{}\"", d.value))
                .hint("write General, Limited or Restricted");
            "General".to_string()
        }
        None => "General".to_string(),
    };
    let date = fields.date("date", cx).map(|d| d.value);
    let agenda_item = keep(fields.localized("agenda-item", cx));
    let summary = keep(fields.localized("summary", cx));

    let mut sections = Vec::new();
    if fields.get("sections").is_none() {
        cx.error(fields.pos, "missing field \"sections\"").hint("list what the document holds, e.g. `sections: [{heading: {en: Country inputs}, contributions: country-inputs}]`");
    }
    for node in fields.list("sections", cx) {
        let Some(section) = Fields::open(node, "a section", SECTION_FIELDS, cx) else {
            continue;
        };
        let heading = keep(section.localized("heading", cx));
        let label = read_label(&section, cx);
        if let Some(node) = section.get("chart") {
            for key in ["file", "contributions", "order", "group-by", "themes"] {
                if section.get(key).is_some() {
                    cx.error(
                        section.pos_of(key),
                        format!("a `chart` section has no \"{key}\""),
                    )
                    .hint("make them two sections");
                }
            }
            if let Some(mut chart) = read_chart(node, cx, &mut keep) {
                chart.label = label;
                sections.push(Section::Chart { heading, chart });
            }
            continue;
        }
        let file = section.text("file", cx);
        let contributions = section.text("contributions", cx);
        match (file, contributions) {
            (Some(_), Some(c)) => {
                cx.error(
                    c.pos,
                    "a section has either `file` or `contributions`, not both",
                )
                .hint("make them two sections");
            }
            (Some(path), None) => {
                for key in ["order", "group-by", "themes"] {
                    if section.get(key).is_some() {
                        cx.warning(
                            section.pos_of(key),
                            format!("\"{key}\" has no effect on a `file` section"),
                        );
                    }
                }
                if let (Some(label), None) = (&label, &heading) {
                    cx.error(label.pos, "a `label` names a section by its heading, and this section has none")
                        .hint("give the section a `heading`, or label a heading of the file with {#name} at its end");
                }
                sections.push(Section::File(FileSection {
                    heading,
                    path,
                    texts: Vec::new(),
                    label,
                }));
            }
            (None, Some(kind_text)) => {
                let kind = match kind_text.value.as_str() {
                    "country-inputs" => super::contribution::Kind::CountryInput,
                    "case-studies" => super::contribution::Kind::CaseStudy,
                    other => {
                        cx.error(kind_text.pos, format!("unknown contributions \"{other}\""))
                            .hint("write `contributions: country-inputs` or `contributions: case-studies`");
                        continue;
                    }
                };
                let group_by_theme = match section.text("group-by", cx) {
                    Some(g) if g.value == "theme" => true,
                    Some(g) => {
                        cx.error(g.pos, format!("cannot group by \"{}\"", g.value))
                            .hint("the only grouping is `group-by: theme`");
                        false
                    }
                    None => false,
                };
                let order = match section.text("order", cx) {
                    None => Order::SameInAllLanguages,
                    Some(o) if o.value == "same-in-all-languages" => Order::SameInAllLanguages,
                    Some(o) if o.value == "replies-from-states" => Order::RepliesFromStates,
                    Some(o) => {
                        cx.error(o.pos, format!("unknown order \"{}\"", o.value))
                            .hint(
                                "write `order: same-in-all-languages` (the default: one order, \
                             paragraphs numbered alike in every language version) or \
                             `order: replies-from-states` (each language's alphabetical order, \
                             its paragraphs not numbered)",
                            );
                        Order::SameInAllLanguages
                    }
                };
                let themes = section.text_list("themes", cx);
                if let (Some(label), None) = (&label, &heading) {
                    cx.error(
                        label.pos,
                        "a `label` names a section by its heading, and this section has none",
                    )
                    .hint("give the section a `heading`");
                }
                sections.push(Section::Contributions(ContributionsSection {
                    heading,
                    kind,
                    order,
                    group_by_theme,
                    themes,
                    pos: kind_text.pos,
                    label,
                }));
            }
            (None, None) => {
                cx.error(section.pos, "a section needs `file` (rapporteur prose), `contributions` (country-inputs or case-studies) or `chart`");
            }
        }
    }

    let mut annexes = Vec::new();
    for node in fields.list("annexes", cx) {
        let Some(annex) = Fields::open(node, "an annex", ANNEX_FIELDS, cx) else {
            continue;
        };
        let heading = keep(annex.required_localized("heading", "{en: Selected indicators}", cx));
        let label = read_label(&annex, cx);
        let mut contents = Vec::new();
        if annex.get("indicators").is_some() {
            let ids = annex.text_list("indicators", cx);
            if ids.is_empty() {
                cx.error(
                    annex.pos_of("indicators"),
                    "\"indicators\" lists no indicator",
                );
            }
            contents.push(AnnexContent::Indicators(ids));
        }
        if annex
            .boolean("case-study-index", cx)
            .is_some_and(|flag| flag.value)
        {
            contents.push(AnnexContent::CaseStudyIndex);
        }
        if let Some(path) = annex.text("file", cx) {
            contents.push(AnnexContent::File(FileSection {
                heading: None,
                path,
                texts: Vec::new(),
                label: None,
            }));
        }
        if let Some(node) = annex.get("chart") {
            match read_chart(node, cx, &mut keep) {
                Some(chart) => contents.push(AnnexContent::Chart(chart)),
                // Reported; no second error for an annex without content.
                None => continue,
            }
        }
        match contents.len() {
            0 => {
                cx.error(
                    annex.pos,
                    "an annex needs `indicators`, `case-study-index: true`, `file` or `chart`",
                );
            }
            1 => annexes.push(AnnexSpec {
                heading: heading.unwrap_or(Localized::Same(String::new())),
                content: contents.remove(0),
                label,
            }),
            _ => {
                cx.error(
                    annex.pos,
                    "an annex holds one thing: `indicators`, `case-study-index`, `file` or `chart`",
                )
                .hint("make them separate annexes");
            }
        }
    }

    if let Some(node) = fields.get("symbol")
        && !matches!(node.value, Value::Str(_) | Value::Null)
    {
        cx.error(node.pos, "\"symbol\" must be text such as ECE/CECI/2022/3");
    }

    Some(DocumentSpec {
        id: stem.to_string(),
        file: cx.file.to_string(),
        template,
        title,
        subtitle,
        short_title,
        symbol,
        revision,
        distribution,
        date,
        agenda_item,
        summary,
        sections,
        annexes,
        localized_values,
    })
}
