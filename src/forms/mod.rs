//! Submission forms: the meeting's countries, indicators and themes turned into a [`Form`] per
//! country, kind of contribution and language, which the DOCX writer writes as a Word file with
//! content controls. Import ([`crate::import`]) reads a filled form back by the same tags and
//! the same [`wording`].

pub mod wording;

use crate::load::contribution::Kind;
use crate::load::meeting::Meeting;
use crate::model::{
    FieldKind, Form, FormField, FormIndicator, FormIndicators, FormSection, Labels,
};

use wording::Wording;

/// The form for `country`'s contribution of `kind` in `lang`. `labels` are the template's words
/// for `lang` (dates as the language writes them); without them dates are written `YYYY-MM-DD`.
pub fn form(
    meeting: &Meeting,
    labels: Option<&Labels>,
    country: &str,
    kind: Kind,
    lang: &str,
) -> Form {
    let words = wording::wording(lang);
    let original = meeting.original_language();
    let country_name = meeting.country_name(country, lang);
    let meeting_name = meeting_name(meeting, labels, lang);
    let date = |d| match labels {
        Some(labels) => labels.format_date(d),
        None => d.to_string(),
    };

    let mut instructions = vec![
        words
            .for_meeting
            .replace("{country}", &country_name)
            .replace("{meeting}", &meeting_name),
    ];
    if let Some(deadline) = meeting.deadline {
        instructions.push(words.deadline.replace("{deadline}", &date(deadline)));
    }
    instructions.push(words.fill_fields.to_string());
    instructions.push(words.write_text.to_string());
    if kind == Kind::CountryInput && !meeting.indicators.is_empty() {
        instructions.push(words.figures.to_string());
    }
    let limit = match kind {
        Kind::CountryInput => meeting.limits.country_input,
        Kind::CaseStudy => meeting.limits.case_study,
    };
    if let Some(limit) = limit {
        instructions.push(words.word_limit.replace("{limit}", &limit.to_string()));
    }
    instructions.push(words.keep_structure.to_string());

    let language_name = words.language_name(lang);
    let (type_shown, title, section_words) = match kind {
        Kind::CountryInput => (
            &words.type_country_input,
            &words.title_country_input,
            &words.country_input_sections,
        ),
        Kind::CaseStudy => (
            &words.type_case_study,
            &words.title_case_study,
            &words.case_study_sections,
        ),
    };
    let mut fields = vec![
        known(words, "country", country, &country_name),
        known(words, "language", lang, &language_name),
        known(words, "type", kind.name(), type_shown),
    ];
    let themes: Vec<&str> = meeting
        .themes
        .iter()
        .map(|t| t.title.get(lang, original))
        .collect();
    let open_tags: &[(&str, FieldKind)] = match kind {
        Kind::CountryInput => &[
            ("focal-point.name", FieldKind::Text),
            ("focal-point.organization", FieldKind::Text),
            ("focal-point.email", FieldKind::Text),
            ("submitted", FieldKind::Date),
            ("themes", FieldKind::Text),
        ],
        Kind::CaseStudy => &[
            ("title", FieldKind::Text),
            ("organization", FieldKind::Text),
            ("period", FieldKind::Text),
            ("summary", FieldKind::Paragraph),
            ("themes", FieldKind::Text),
            ("submitted", FieldKind::Date),
        ],
    };
    for &(tag, kind) in open_tags {
        if tag == "themes" && themes.is_empty() {
            continue;
        }
        fields.push(FormField {
            tag: tag.to_string(),
            label: words.label(tag).to_string(),
            kind,
            value: None,
            placeholder: words
                .placeholder(tag)
                .replace("{themes}", &themes.join("; ")),
            after: None,
        });
    }

    let indicators =
        (kind == Kind::CountryInput && !meeting.indicators.is_empty()).then(|| FormIndicators {
            heading: words.indicators_heading.to_string(),
            note: words.indicators_note.to_string(),
            columns: words.indicator_columns.clone(),
            rows: meeting
                .indicators
                .iter()
                .map(|i| FormIndicator {
                    id: i.id.clone(),
                    label: i.label.get(lang, original).to_string(),
                    unit: i
                        .unit
                        .as_ref()
                        .map(|u| u.get(lang, original).to_string())
                        .unwrap_or_default(),
                })
                .collect(),
        });

    Form {
        lang: lang.to_string(),
        id: format!("{}.{}.{}", country.to_ascii_lowercase(), kind.name(), lang),
        title: title.to_string(),
        subtitle: words
            .subtitle
            .replace("{country}", &country_name)
            .replace("{meeting}", &meeting_name),
        instructions,
        fields_heading: words.fields_heading.to_string(),
        fields,
        indicators,
        body_heading: words.body_heading.to_string(),
        sections: section_words
            .iter()
            .map(|section| FormSection {
                heading: section.heading.clone(),
                guidance: section.guidance.clone(),
            })
            .collect(),
    }
}

/// A field whose value the form knows: filled in and locked, its meaning shown after it.
fn known(words: &Wording, tag: &str, value: &str, shown: &str) -> FormField {
    FormField {
        tag: tag.to_string(),
        label: words.label(tag).to_string(),
        kind: FieldKind::Text,
        value: Some(value.to_string()),
        placeholder: String::new(),
        after: Some(format!("({shown})")),
    }
}

/// "SPECA Working Group on …, Third session (Almaty, Kazakhstan, 19–20 July 2022)".
fn meeting_name(meeting: &Meeting, labels: Option<&Labels>, lang: &str) -> String {
    let original = meeting.original_language();
    let mut name = meeting
        .body
        .as_ref()
        .unwrap_or(&meeting.programme)
        .get(lang, original)
        .to_string();
    if let Some(session) = &meeting.session {
        name = format!("{name}, {}", lower_first(session.get(lang, original)));
    }
    let mut place = Vec::new();
    if let Some(venue) = &meeting.venue {
        place.push(venue.get(lang, original).to_string());
    }
    if let Some((start, end)) = meeting.dates {
        place.push(match labels {
            Some(labels) => labels.format_date_range(start, end),
            None => format!("{start}/{end}"),
        });
    }
    if !place.is_empty() {
        name = format!("{name} ({})", place.join(", "));
    }
    name
}

/// "Third session" after a comma reads "third session".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
