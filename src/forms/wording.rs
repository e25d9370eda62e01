//! The fixed words of a submission form, per language: the `form` part of the message
//! catalogs ([`crate::messages`]). Import reads them too: a form whose content controls were
//! lost (saved by another program, or pasted into a new file) is still read by its labels, in
//! any language a form is written in.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::messages::catalogs;

/// A heading of a contribution's text, with the guidance written under it in a form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: String,
    pub guidance: String,
}

/// The words of a form in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Wording {
    /// The catalog's language.
    #[serde(skip)]
    pub lang: String,
    pub title_country_input: String,
    pub title_case_study: String,
    /// "{country} — {meeting}" under the title.
    pub subtitle: String,
    /// The first instruction: whom the form is for. `{country}`, `{meeting}`.
    pub for_meeting: String,
    /// `{deadline}`.
    pub deadline: String,
    pub fill_fields: String,
    pub write_text: String,
    pub figures: String,
    /// `{limit}`.
    pub word_limit: String,
    pub keep_structure: String,
    pub fields_heading: String,
    pub body_heading: String,
    /// Labels of the fields, by tag.
    pub labels: BTreeMap<String, String>,
    /// Placeholders of the fields, by tag.
    pub placeholders: BTreeMap<String, String>,
    /// The values shown for `type`.
    pub type_country_input: String,
    pub type_case_study: String,
    pub indicators_heading: String,
    pub indicators_note: String,
    /// Indicator, unit, value, year, source.
    pub indicator_columns: [String; 5],
    /// The sections of a country input, with their guidance.
    pub country_input_sections: Vec<Section>,
    pub case_study_sections: Vec<Section>,
}

impl Wording {
    /// The label of the field tagged `tag`.
    pub fn label(&self, tag: &str) -> &str {
        self.labels.get(tag).map_or("", String::as_str)
    }

    /// The name of the language `code` in the form's language (the table of languages).
    pub fn language_name(&self, code: &str) -> String {
        crate::model::languages::name(code, &self.lang)
    }

    pub fn placeholder(&self, tag: &str) -> &str {
        self.placeholders.get(tag).map_or("", String::as_str)
    }
}

/// The words of every language a form is written in, English first.
pub fn all() -> impl Iterator<Item = &'static Wording> {
    catalogs().all().iter().map(|c| &c.form)
}

/// The words for `lang`, English when there are none.
pub fn wording(lang: &str) -> &'static Wording {
    &catalogs().or_english(lang).form
}
