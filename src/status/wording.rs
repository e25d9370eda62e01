//! The fixed words of the status page in one language: every word the page shows that does
//! not come from the sources. They are the `status` part of the message catalogs
//! ([`crate::messages`]), where a translator finds them; the field names are the catalog's
//! keys (`matrix_heading` is `matrix-heading`).
//!
//! Placeholders in braces (`{words}`) are filled in by the page writer.

use serde::Deserialize;

use crate::messages::{Plural, catalogs};

/// The words of the status page in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PageWording {
    /// The page's language, for `<html lang>`: the catalog's.
    #[serde(skip)]
    pub lang: String,
    pub title: String,
    pub meeting: String,
    pub session: String,
    pub venue: String,
    pub dates: String,
    pub deadline: String,
    pub no_deadline: String,
    pub languages: String,
    /// `{submitted}` of `{expected}`.
    pub countries_submitted: String,

    pub matrix_heading: String,
    pub matrix_caption: String,
    pub country: String,
    pub on_time: String,
    /// When the meeting sets no deadline, nothing is on time or late: only submitted.
    pub submitted: String,
    pub late: String,
    pub missing: String,
    pub translation_missing: String,
    /// `{date}`.
    pub submitted_on: String,

    pub words_heading: String,
    pub words_caption: String,
    pub words: String,
    pub file: String,
    /// `{words}`, `{limit}`.
    pub words_of_limit: String,
    /// `{over}`: by how many words.
    pub over_limit: String,
    /// `{words}`: the count with its word ([`PageWording::word_forms`]).
    pub words_no_limit: String,
    pub word_forms: Plural,
    pub not_submitted: String,

    pub case_studies_heading: String,
    /// `{count}`.
    pub case_studies_count: String,
    /// `{theme}`.
    pub theme_caption: String,
    pub without_theme: String,
    pub no_case_study: String,
    pub case_study_title: String,
    pub countries: String,
    pub submitted_column: String,
    pub preview: String,

    pub translations_heading: String,
    pub translations_caption: String,
    pub kind: String,
    pub missing_in: String,
    pub kind_country_input: String,
    pub kind_case_study: String,
    pub kind_document_text: String,
    pub no_missing_translations: String,
    /// `{id}`, `{language}`, `{units}`: a translation out of date with its original.
    pub translation_out_of_date: String,
    /// `{count}` (with its word, [`PageWording::contributions`]), `{files}`.
    pub versions_disagree: String,
    pub contributions: Plural,

    pub problems_heading: String,
    pub problems_intro: String,
    pub no_problems: String,
    pub project_as_a_whole: String,
    /// `{file}`.
    pub problems_caption: String,
    pub place: String,
    pub severity: String,
    pub message: String,
    pub error: String,
    pub warning: String,
    pub whole_file: String,
    pub hint: String,
    /// Counted ([`PageWording::count`]).
    pub errors: Plural,
    pub warnings: Plural,

    pub documents_heading: String,
    pub documents_caption: String,
    pub document: String,
    pub version: String,
    pub built_on: String,
    pub final_version: String,
    pub draft_version: String,
    pub not_built: String,
    pub no_documents: String,
    pub language: String,
    pub not_in_build: String,

    /// `{time}`.
    pub generated: String,
}

impl PageWording {
    /// The name of the language `code` as a column or a cell names it: the table of
    /// languages' name in the page's language, with a capital (a code the table does not
    /// know, as it is).
    pub fn language_name(&self, code: &str) -> String {
        if crate::model::languages::language(code).is_none() {
            return code.to_string();
        }
        let name = crate::model::languages::name(code, &self.lang);
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => name,
        }
    }

    /// `count` followed by the word in the form that number takes in the page's language.
    pub fn count(&self, count: usize, forms: &Plural) -> String {
        format!("{count} {}", forms.form(&self.lang, count))
    }
}

/// The words for `lang`, when the page is written in it (there is a catalog of it).
pub fn page_wording(lang: &str) -> Option<&'static PageWording> {
    catalogs().get(lang).map(|c| &c.status)
}

/// The English words, which every other language falls back to.
pub fn english() -> &'static PageWording {
    &catalogs().or_english("en").status
}

/// The codes of the languages the page is written in.
pub fn languages() -> Vec<&'static str> {
    catalogs().all().iter().map(|c| c.lang.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_from_the_table_in_the_pages_language() {
        let ru = page_wording("ru").unwrap();
        let en = english();
        assert_eq!(en.language_name("ru"), "Russian");
        assert_eq!(ru.language_name("en"), "Английский");
        // A language the page's wording never listed: the table names it.
        assert_eq!(ru.language_name("kk"), "Казахский");
        assert_eq!(en.language_name("uz"), "Uzbek");
        assert_eq!(en.language_name("xx"), "xx");
        assert_eq!(
            crate::forms::wording::wording("ru").language_name("en"),
            "английский"
        );
    }

    #[test]
    fn russian_counts_take_their_forms() {
        let ru = page_wording("ru").unwrap();
        let en = english();
        assert_eq!(ru.count(1, &ru.errors), "1 ошибка");
        assert_eq!(ru.count(3, &ru.errors), "3 ошибки");
        assert_eq!(ru.count(11, &ru.errors), "11 ошибок");
        assert_eq!(ru.count(22, &ru.errors), "22 ошибки");
        assert_eq!(ru.count(0, &ru.errors), "0 ошибок");
        assert_eq!(en.count(1, &en.errors), "1 error");
        assert_eq!(en.count(2, &en.errors), "2 errors");
    }
}
