//! Contributions: country inputs and case studies (YAML front matter + Markdown body).

use super::fields::{Context, Fields, Located};
use super::markdown::Body;
use super::meeting::{Meeting, Reference};
use super::yaml::{Node, Value};
use crate::model::Date;

/// What a contribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    CountryInput,
    CaseStudy,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::CountryInput => "country-input",
            Kind::CaseStudy => "case-study",
        }
    }
}

/// One contribution file in one language, read and checked.
#[derive(Debug, Clone)]
pub struct Contribution {
    /// The file, relative to the project folder.
    pub file: String,
    pub kind: Kind,
    /// The case study's id, or the country input's country code: what a translation shares.
    pub id: Located<String>,
    /// Country codes (one for a country input; one or more for a case study).
    pub countries: Vec<Located<String>>,
    pub language: Located<String>,
    pub title: Option<Located<String>>,
    pub organization: Option<String>,
    pub focal_point: Option<FocalPoint>,
    pub submitted: Option<Located<Date>>,
    pub themes: Vec<Located<String>>,
    pub indicators: Vec<IndicatorValue>,
    pub period: Option<String>,
    pub summary: Option<String>,
    pub body: Body,
    /// The line of the file where the body starts.
    pub body_line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FocalPoint {
    pub name: Option<String>,
    pub organization: Option<String>,
    pub email: Option<String>,
}

/// A figure a country input reports for one of the meeting's indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorValue {
    pub id: Located<String>,
    /// The value as written (`90.9`), so no digits are lost or added.
    pub value: String,
    pub year: Option<i64>,
    pub source: Option<String>,
}

const COUNTRY_INPUT_FIELDS: &[&str] = &[
    "type",
    "country",
    "language",
    "title",
    "focal-point",
    "submitted",
    "themes",
    "indicators",
];
const CASE_STUDY_FIELDS: &[&str] = &[
    "type",
    "id",
    "country",
    "title",
    "organization",
    "themes",
    "language",
    "period",
    "summary",
    "submitted",
];

/// Reads a contribution's front matter. `stem_id` is the file name without language and
/// `.md` (the default case-study id). The body is parsed by the caller and passed in.
pub fn read(
    root: &Node,
    stem_id: &str,
    meeting: Option<&Meeting>,
    body: Body,
    body_line: u32,
    cx: &mut Context,
) -> Option<Contribution> {
    let root_pos = root.pos;
    if !matches!(root.value, Value::Map(_)) {
        cx.error(
            root_pos,
            format!(
                "the front matter must be a mapping of `field: value` lines, not {}",
                root.kind()
            ),
        );
        return None;
    }
    let kind = match root_type(root) {
        Some((text, pos)) => match text.as_str() {
            "country-input" => Kind::CountryInput,
            "case-study" => Kind::CaseStudy,
            other => {
                cx.error(pos, format!("unknown contribution type \"{other}\""))
                    .hint("`type` is `country-input` or `case-study`");
                return None;
            }
        },
        None => {
            cx.error(root_pos, "missing field \"type\"")
                .hint("add `type: country-input` or `type: case-study`");
            return None;
        }
    };
    let known = match kind {
        Kind::CountryInput => COUNTRY_INPUT_FIELDS,
        Kind::CaseStudy => CASE_STUDY_FIELDS,
    };
    let fields = Fields::open(root, &format!("a {} front matter", kind.name()), known, cx)?;

    let countries = match kind {
        Kind::CountryInput => {
            let country = fields.required_text("country", "KAZ", cx);
            if let Some(node) = fields
                .get("country")
                .filter(|n| matches!(n.value, Value::Seq(_)))
            {
                cx.error(node.pos, "a country input is for one country")
                    .hint("write `country: KAZ`");
            }
            country.into_iter().collect()
        }
        Kind::CaseStudy => {
            let countries = fields.text_list("country", cx);
            if countries.is_empty() && fields.get("country").is_none() {
                cx.error(fields.pos, "missing field \"country\"")
                    .hint("add `country: KAZ`, or `country: [KAZ, KGZ]` for a cross-border case");
            }
            countries
        }
    };

    let default_language = meeting.map_or("en", |m| m.original_language()).to_string();
    let language = fields
        .text("language", cx)
        .unwrap_or_else(|| Located::new(default_language, fields.pos));

    let id = match kind {
        Kind::CountryInput => countries
            .first()
            .cloned()
            .unwrap_or_else(|| Located::new(String::new(), fields.pos)),
        Kind::CaseStudy => match fields.text("id", cx) {
            Some(id) => {
                if !is_valid_id(&id.value) {
                    cx.error(id.pos, format!("\"{}\" is not a usable id", id.value))
                        .hint("use lowercase letters, digits and hyphens, e.g. kaz-astana-hub");
                }
                id
            }
            None => Located::new(stem_id.to_string(), fields.pos),
        },
    };

    let title = match kind {
        Kind::CountryInput => fields.text("title", cx),
        Kind::CaseStudy => fields.required_text("title", "Astana Hub technopark", cx),
    };
    let organization = fields.text("organization", cx).map(|o| o.value);
    let focal_point = fields.get("focal-point").and_then(|node| {
        let fp = Fields::open(
            node,
            "\"focal-point\"",
            &["name", "organization", "email"],
            cx,
        )?;
        let email = fp.text("email", cx);
        if let Some(email) = &email
            && !looks_like_email(&email.value)
        {
            cx.warning(
                email.pos,
                format!("\"{}\" does not look like an e-mail address", email.value),
            );
        }
        Some(FocalPoint {
            name: fp.text("name", cx).map(|v| v.value),
            organization: fp.text("organization", cx).map(|v| v.value),
            email: email.map(|v| v.value),
        })
    });
    let submitted = fields.date("submitted", cx);
    let themes = fields.text_list("themes", cx);
    let indicators = read_indicators(&fields, cx);
    let period = fields.text("period", cx).map(|v| v.value);
    let summary = fields.text("summary", cx).map(|v| v.value);

    let contribution = Contribution {
        file: cx.file.to_string(),
        kind,
        id,
        countries,
        language,
        title,
        organization,
        focal_point,
        submitted,
        themes,
        indicators,
        period,
        summary,
        body,
        body_line,
    };
    if let Some(meeting) = meeting {
        check_against_meeting(&contribution, meeting, cx);
    }
    Some(contribution)
}

fn root_type(root: &Node) -> Option<(String, crate::diag::Pos)> {
    let Value::Map(entries) = &root.value else {
        return None;
    };
    entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("type"))
        .and_then(|(_, v)| v.scalar_text().map(|t| (t, v.pos)))
}

fn read_indicators(fields: &Fields, cx: &mut Context) -> Vec<IndicatorValue> {
    let mut values = Vec::new();
    for (id, node) in fields.entries("indicators", cx) {
        let (value_node, year, source) = match &node.value {
            // The short form `internet_users_pct: 90.9`.
            Value::Int(_) | Value::Float(_) => (Some(node), None, None),
            _ => {
                let Some(entry) = Fields::open(
                    node,
                    &format!("indicator \"{}\"", id.value),
                    &["value", "year", "source"],
                    cx,
                ) else {
                    continue;
                };
                let value = entry.require("value", cx, entry.get("value"), "90.9");
                let year = entry.integer("year", cx).and_then(|y| {
                    if (1900..=2100).contains(&y.value) {
                        Some(y.value)
                    } else {
                        cx.error(y.pos, format!("{} is not a plausible year", y.value));
                        None
                    }
                });
                let source = entry.text("source", cx).map(|s| s.value);
                (value, year, source)
            }
        };
        let Some(value_node) = value_node else {
            continue;
        };
        let value = match &value_node.value {
            Value::Int(i) => i.to_string(),
            Value::Float(f) if f.is_finite() => f.to_string(),
            _ => {
                cx.error(
                    value_node.pos,
                    format!(
                        "the value of indicator \"{}\" must be a number, not {}",
                        id.value,
                        super::fields::describe(value_node)
                    ),
                )
                .hint("write the figure alone, e.g. `value: 90.9`; put notes in `source`");
                continue;
            }
        };
        values.push(IndicatorValue {
            id,
            value,
            year,
            source,
        });
    }
    values
}

/// Checks the references a contribution makes to the meeting: countries, themes, indicators,
/// its language.
fn check_against_meeting(c: &Contribution, meeting: &Meeting, cx: &mut Context) {
    let references = c.countries.iter().map(|v| (Reference::Country, v));
    let references = references.chain(c.themes.iter().map(|v| (Reference::Theme, v)));
    let references = references.chain(c.indicators.iter().map(|v| (Reference::Indicator, &v.id)));
    for (kind, value) in references {
        meeting.check_reference(kind, value, cx.file, cx.diags);
    }
    if !meeting.languages.contains(&c.language.value) {
        cx.error(
            c.language.pos,
            format!(
                "the language \"{}\" is not a language of the meeting",
                c.language.value
            ),
        )
        .hint(format!(
            "meeting.yaml lists: {}",
            meeting.languages.join(", ")
        ));
    }
}

/// A case study's id made of `text`'s Latin words (at most five) after the country's code:
/// `KAZ` + "Astana Hub technopark" → `kaz-astana-hub-technopark`. `None` when `text` has no
/// Latin letter or digit (a Russian title: the id must be chosen).
pub fn id_from_words(country: &str, text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let code = country.to_ascii_lowercase();
    let slug = words.join("-");
    Some(if slug == code || slug.starts_with(&format!("{code}-")) {
        slug
    } else {
        format!("{code}-{slug}")
    })
}

/// Whether `id` can be a case study's id: lowercase letters, digits, hyphens, underscores.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn looks_like_email(text: &str) -> bool {
    let mut parts = text.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(user), Some(domain), None)
        if !user.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace))
}
