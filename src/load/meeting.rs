//! `sources/meeting.yaml`: the meeting that every document belongs to.

use std::collections::BTreeSet;

use super::fields::{Context, Fields, Localized, Located};
use super::yaml::Node;
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::Date;

/// The meeting, as read and checked.
#[derive(Debug, Clone)]
pub struct Meeting {
    pub programme: Localized,
    pub body: Option<Localized>,
    pub session: Option<Localized>,
    pub venue: Option<Localized>,
    pub dates: Option<(Date, Date)>,
    pub organizers: Vec<String>,
    /// Every language documents are built in; the first is the original. Never empty.
    pub languages: Vec<String>,
    pub deadline: Option<Date>,
    pub countries: Vec<Country>,
    pub themes: Vec<Theme>,
    pub indicators: Vec<Indicator>,
    pub limits: Limits,
    /// A note printed beside the draft mark of every document (extension), e.g. that the
    /// figures are illustrative.
    pub draft_note: Option<Localized>,
    /// Every localised value with its place, to check languages once they are known.
    pub localized_values: Vec<Located<Localized>>,
}

#[derive(Debug, Clone)]
pub struct Country {
    pub code: String,
    pub name: Localized,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub title: Localized,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub label: Localized,
    pub unit: Option<Localized>,
}

#[derive(Debug, Clone, Default)]
pub struct Limits {
    pub country_input: Option<usize>,
    pub case_study: Option<usize>,
}

const FIELDS: &[&str] = &[
    "programme",
    "body",
    "session",
    "venue",
    "dates",
    "organizers",
    "languages",
    "deadline",
    "countries",
    "themes",
    "indicators",
    "limits",
    "draft-note",
];

/// What a contribution or document may name of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    Country,
    Theme,
    Indicator,
}

impl Meeting {
    /// Reports `value` when the meeting defines no such country, theme or indicator, with a
    /// "did you mean" hint and the names it does define.
    pub fn check_reference(
        &self,
        kind: Reference,
        value: &Located<String>,
        file: &str,
        diags: &mut Diagnostics,
    ) {
        let (what, plural, known): (&str, &str, Vec<&str>) = match kind {
            Reference::Country => (
                "country code",
                "countries",
                self.countries.iter().map(|c| c.code.as_str()).collect(),
            ),
            Reference::Theme => (
                "theme",
                "themes",
                self.themes.iter().map(|t| t.id.as_str()).collect(),
            ),
            Reference::Indicator => (
                "indicator",
                "indicators",
                self.indicators.iter().map(|i| i.id.as_str()).collect(),
            ),
        };
        if known.contains(&value.value.as_str()) {
            return;
        }
        let listed = format!("the {plural} of meeting.yaml are: {}", known.join(", "));
        let suggestion = match kind {
            // Experts write the country's name, or the code in lowercase: point at the code.
            Reference::Country => self
                .country_meant(&value.value)
                .map(|(code, name)| format!("did you mean {code} ({name})?")),
            Reference::Theme | Reference::Indicator => {
                did_you_mean(&value.value, known.iter().copied())
                    .map(|suggestion| format!("did you mean \"{suggestion}\"?"))
            }
        };
        let hint = match suggestion {
            Some(suggestion) => format!("{suggestion} {listed}"),
            None => listed,
        };
        diags
            .error(
                file,
                value.pos,
                format!("unknown {what} \"{}\"", value.value),
            )
            .hint(hint);
    }

    /// The country that `written` most likely means, with its name as the expert wrote it
    /// (or in the meeting's first language): its code in any case (`tjk`), its name in any
    /// language of the meeting in any case (`Tajikistan`, `таджикистан`), or either with a
    /// small typo (`Tajikstan`).
    pub fn country_meant(&self, written: &str) -> Option<(&str, &str)> {
        let written = written.trim();
        fn names(c: &Country) -> Vec<&str> {
            match &c.name {
                Localized::Same(name) => vec![name.as_str()],
                Localized::PerLanguage(map) => map.values().map(|n| n.value.as_str()).collect(),
            }
        }
        fn first_name<'c>(c: &'c Country, original: &str) -> &'c str {
            c.name.get(original, original)
        }
        let original = self.original_language();
        if let Some(c) = self
            .countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(written))
        {
            return Some((&c.code, first_name(c, original)));
        }
        let lower = written.to_lowercase();
        for c in &self.countries {
            if let Some(name) = names(c).into_iter().find(|n| n.to_lowercase() == lower) {
                return Some((&c.code, name));
            }
        }
        let every_name = self.countries.iter().flat_map(|c| names(c));
        let every_code = self.countries.iter().map(|c| c.code.as_str());
        let close = did_you_mean(written, every_name.chain(every_code))?;
        self.countries
            .iter()
            .find(|c| c.code == close || names(c).contains(&close))
            .map(|c| {
                let name = if c.code == close {
                    first_name(c, original)
                } else {
                    close
                };
                (c.code.as_str(), name)
            })
    }

    pub fn original_language(&self) -> &str {
        &self.languages[0]
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// The country `written` names exactly: its code in any case (`kaz`), or its name in any
    /// language of the meeting in any case (`Kazakhstan`, `казахстан`); no typo allowed.
    pub fn find_country(&self, written: &str) -> Option<&Country> {
        let (code, name) = self.country_meant(written)?;
        let written = written.trim();
        let exact =
            code.eq_ignore_ascii_case(written) || name.to_lowercase() == written.to_lowercase();
        exact.then(|| self.country(code)).flatten()
    }

    /// "did you mean TJK (Tajikistan)?" for a country written with a typo, if one is close.
    pub fn country_hint(&self, written: &str) -> Option<String> {
        self.country_meant(written)
            .map(|(code, name)| format!("did you mean {code} ({name})?"))
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A country's name in `lang`, or its code when it is not listed.
    pub fn country_name(&self, code: &str, lang: &str) -> String {
        self.country(code)
            .map(|c| c.name.get(lang, self.original_language()).to_string())
            .unwrap_or_else(|| code.to_string())
    }
}

/// Reads meeting.yaml's root node. Returns `None` only when the file cannot serve at all
/// (not a mapping); otherwise problems are reported and defaults stand in.
pub fn read(root: &Node, cx: &mut Context) -> Option<Meeting> {
    let fields = Fields::open(root, "meeting.yaml", FIELDS, cx)?;
    let mut localized_values = Vec::new();
    let mut keep = |value: Option<Located<Localized>>| {
        value.map(|v| {
            localized_values.push(v.clone());
            v.value
        })
    };
    let programme = keep(fields.required_localized("programme", "{en: …, ru: …}", cx))
        .unwrap_or(Localized::Same(String::new()));
    let body = keep(fields.localized("body", cx));
    let session = keep(fields.localized("session", cx));
    let venue = keep(fields.localized("venue", cx));

    let dates = fields.get("dates").and_then(|node| {
        let dates = Fields::open(node, "\"dates\"", &["start", "end"], cx)?;
        let start = dates.date("start", cx);
        let end = dates.date("end", cx).or_else(|| start.clone());
        match (start, end) {
            (Some(start), Some(end)) if end.value < start.value => {
                cx.error(
                    end.pos,
                    format!(
                        "the meeting ends ({}) before it starts ({})",
                        end.value, start.value
                    ),
                );
                None
            }
            (Some(start), Some(end)) => Some((start.value, end.value)),
            _ => {
                cx.error(dates.pos, "\"dates\" needs a start date")
                    .hint("write `dates: {start: 2022-07-19, end: 2022-07-20}`");
                None
            }
        }
    });

    let organizers = fields
        .text_list("organizers", cx)
        .into_iter()
        .map(|o| o.value)
        .collect();

    let mut languages: Vec<String> = Vec::new();
    for lang in fields.text_list("languages", cx) {
        let code = lang.value.trim().to_string();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            cx.error(
                lang.pos,
                format!("\"{}\" is not a language code", lang.value),
            )
            .hint("use ISO 639-1 codes such as en, ru");
        } else if languages.contains(&code) {
            cx.error(lang.pos, format!("the language \"{code}\" is listed twice"));
        } else {
            languages.push(code);
        }
    }
    if languages.is_empty() {
        if fields.get("languages").is_none() {
            cx.error(fields.pos, "missing field \"languages\"")
                .hint("add `languages: [en, ru]`; the first is the original language");
        }
        languages.push("en".to_string());
    }

    let deadline = fields.date("deadline", cx).map(|d| d.value);
    let draft_note = keep(fields.localized("draft-note", cx));

    let mut countries = Vec::new();
    let mut seen = BTreeSet::new();
    for node in fields.list("countries", cx) {
        let Some(entry) = Fields::open(node, "a country", &["code", "name"], cx) else {
            continue;
        };
        let code = entry.required_text("code", "KAZ", cx);
        let name = keep(entry.required_localized("name", "{en: Kazakhstan, ru: Казахстан}", cx));
        let Some(code) = code else { continue };
        if !is_alpha3(&code.value) {
            cx.error(
                code.pos,
                format!(
                    "\"{}\" is not an ISO 3166-1 alpha-3 country code",
                    code.value
                ),
            )
            .hint("country codes are three capital letters, e.g. KAZ, KGZ, UZB");
            continue;
        }
        if !seen.insert(code.value.clone()) {
            cx.error(
                code.pos,
                format!("the country \"{}\" is listed twice", code.value),
            );
            continue;
        }
        let name = name.unwrap_or_else(|| Localized::Same(code.value.clone()));
        countries.push(Country {
            code: code.value,
            name,
        });
    }
    if fields.get("countries").is_none() {
        cx.error(fields.pos, "missing field \"countries\"").hint(
            "list who is expected to submit: `countries: [{code: KAZ, name: {en: Kazakhstan}}]`",
        );
    }

    let mut themes = Vec::new();
    let mut seen = BTreeSet::new();
    for node in fields.list("themes", cx) {
        let Some(entry) = Fields::open(node, "a theme", &["id", "title"], cx) else {
            continue;
        };
        let id = entry.required_text("id", "connectivity", cx);
        let title = keep(entry.required_localized("title", "{en: Digital connectivity}", cx));
        let Some(id) = id else { continue };
        if !seen.insert(id.value.clone()) {
            cx.error(
                id.pos,
                format!("the theme \"{}\" is listed twice", id.value),
            );
            continue;
        }
        let title = title.unwrap_or_else(|| Localized::Same(id.value.clone()));
        themes.push(Theme {
            id: id.value,
            title,
        });
    }

    let mut indicators = Vec::new();
    let mut seen = BTreeSet::new();
    for node in fields.list("indicators", cx) {
        let Some(entry) = Fields::open(node, "an indicator", &["id", "label", "unit"], cx) else {
            continue;
        };
        let id = entry.required_text("id", "internet_users_pct", cx);
        let label =
            keep(entry.required_localized("label", "{en: Individuals using the Internet}", cx));
        let unit = keep(entry.localized("unit", cx));
        let Some(id) = id else { continue };
        if !seen.insert(id.value.clone()) {
            cx.error(
                id.pos,
                format!("the indicator \"{}\" is listed twice", id.value),
            );
            continue;
        }
        let label = label.unwrap_or_else(|| Localized::Same(id.value.clone()));
        indicators.push(Indicator {
            id: id.value,
            label,
            unit,
        });
    }

    let mut limits = Limits::default();
    if let Some(node) = fields.get("limits")
        && let Some(entry) = Fields::open(node, "\"limits\"", &["country-input", "case-study"], cx)
    {
        {
            let mut limit = |key: &str| {
                entry.integer(key, cx).and_then(|n| {
                    if n.value <= 0 {
                        cx.error(
                            n.pos,
                            format!("the word limit for {key} must be a positive number"),
                        );
                        None
                    } else {
                        Some(n.value as usize)
                    }
                })
            };
            limits.country_input = limit("country-input");
            limits.case_study = limit("case-study");
        }
    }

    Some(Meeting {
        programme,
        body,
        session,
        venue,
        dates,
        organizers,
        languages,
        deadline,
        countries,
        themes,
        indicators,
        limits,
        draft_note,
        localized_values,
    })
}

pub fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}
