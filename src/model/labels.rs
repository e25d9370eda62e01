//! The fixed words of a document ("Distr.", "Annex", month names) in one language.
//!
//! They come from the template's `labels.yaml`, so a template can change its wording; the loader
//! reads that file and hands every writer the labels of the document's language.

use std::collections::BTreeMap;

use super::Date;

/// The labels of one language.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Labels {
    /// "United Nations".
    pub united_nations: String,
    /// "Distr.:" — followed by the distribution.
    pub distr: String,
    /// Translations of the distribution values: `General`, `Limited`.
    pub distribution: BTreeMap<String, String>,
    /// "Original:" — followed by the original language's name.
    pub original: String,
    /// Language names as they follow "Original:" (`en: English`).
    pub languages: BTreeMap<String, String>,
    pub contents: String,
    pub summary: String,
    /// "Annex" — followed by a Roman numeral.
    pub annex: String,
    /// The mark on the first page of a draft.
    pub draft: String,
    /// "Version" — followed by the build version on non-final documents.
    pub version: String,
    pub page: String,
    /// Column headings of the annex tables.
    pub country: String,
    pub title: String,
    pub organization: String,
    pub themes: String,
    pub source: String,
    pub sources: String,
    /// Explains `..` in tables: "not available".
    pub not_available: String,
    /// The heading of case studies that have none of the grouping themes.
    pub other: String,
    /// Month names in the form a date uses ("July"; "июля").
    pub months: Vec<String>,
    /// How a date is written: `{day}`, `{month}`, `{year}` are replaced.
    pub date_format: String,
    /// Month names for the masthead's date, when it is written otherwise than the text's
    /// (UN mastheads give the date in English in every language version).
    #[serde(default)]
    pub masthead_months: Option<Vec<String>>,
    /// The masthead's date format, with `masthead-months`.
    #[serde(default)]
    pub masthead_date_format: Option<String>,
    /// The note on the first page of a document that marks its changes: `{version}` and
    /// `{date}` are replaced. Optional, so that older labels.yaml files still load; English
    /// when absent.
    #[serde(default)]
    pub changes_note: Option<String>,
    /// "Figure" — followed by a Roman numeral, before a chart's title. Optional, so that
    /// older labels.yaml files still load; English when absent.
    #[serde(default = "default_figure")]
    pub figure: String,
    /// "latest year", in a chart's alternative text. English when absent.
    #[serde(default = "default_latest_year")]
    pub latest_year: String,
    /// The banner of a preview: `{file}` and `{document}` are replaced. Optional, so that
    /// older labels.yaml files still load; English when absent.
    #[serde(default)]
    pub preview: Option<String>,
    /// On the first page of a draft built without contributions that have errors
    /// (`build --keep-going`): `{files}` is replaced by their files. English when absent.
    #[serde(default = "default_left_out")]
    pub left_out: String,
}

fn default_left_out() -> String {
    "Left out of this draft because their files have errors: {files}.".to_string()
}

fn default_figure() -> String {
    "Figure".to_string()
}

fn default_latest_year() -> String {
    "latest year".to_string()
}

impl Labels {
    /// "Changes from version 1.0 of 15 October 2022 are marked."
    pub fn changes_note(&self, version: &str, date: Date) -> String {
        self.changes_note
            .as_deref()
            .unwrap_or("Changes from version {version} of {date} are marked.")
            .replace("{version}", version)
            .replace("{date}", &self.format_date(date))
    }

    /// "Preview of sources/countries/kaz.en.md, as it will stand in “Title”. …"
    pub fn preview(&self, file: &str, document: &str) -> String {
        let template = self.preview.as_deref().unwrap_or(
            "Preview of {file}, as it will stand in \u{201c}{document}\u{201d}. \
             Not a document of the meeting: paragraph and chapter numbers change in the \
             document.",
        );
        // Each placeholder of the template replaced once: a file or title that itself holds
        // "{document}" or "{file}" stays as it is.
        template
            .split("{document}")
            .map(|part| part.replace("{file}", file))
            .collect::<Vec<_>>()
            .join(document)
    }

    /// A date as the language writes it: "20 July 2022", «20 июля 2022 года».
    pub fn format_date(&self, date: Date) -> String {
        self.date_format
            .replace("{day}", &date.day.to_string())
            .replace("{month}", self.month(date.month))
            .replace("{year}", &date.year.to_string())
    }

    /// The date as the masthead gives it ("20 July 2022" in every language version of a UN
    /// document), or as the text does when the labels set no masthead form.
    pub fn format_masthead_date(&self, date: Date) -> String {
        match (&self.masthead_months, &self.masthead_date_format) {
            (Some(months), Some(format)) if months.len() == 12 => {
                let month = usize::from(date.month)
                    .checked_sub(1)
                    .and_then(|i| months.get(i));
                format
                    .replace("{day}", &date.day.to_string())
                    .replace("{month}", month.map(String::as_str).unwrap_or(""))
                    .replace("{year}", &date.year.to_string())
            }
            _ => self.format_date(date),
        }
    }

    /// A span of days with an en dash, shortened where month or year are shared:
    /// "19–20 July 2022", "30 June–1 July 2022".
    pub fn format_date_range(&self, start: Date, end: Date) -> String {
        if start == end {
            return self.format_date(start);
        }
        let full_end = self.format_date(end);
        if start.year == end.year && start.month == end.month {
            format!("{}\u{2013}{}", start.day, full_end)
        } else if start.year == end.year {
            // Drop the year from the first date: the format minus its year part.
            let start_text = self
                .date_format
                .replace("{day}", &start.day.to_string())
                .replace("{month}", self.month(start.month));
            let start_text = strip_year(&start_text);
            format!("{start_text}\u{2013}{full_end}")
        } else {
            format!("{}\u{2013}{}", self.format_date(start), full_end)
        }
    }

    /// The name of a distribution value (`General`), or the value itself when unknown.
    pub fn distribution_name<'a>(&'a self, value: &'a str) -> &'a str {
        self.distribution
            .get(value)
            .map(String::as_str)
            .unwrap_or(value)
    }

    /// The name of a language code, or the code itself when the labels do not name it.
    pub fn language_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.languages.get(code).map(String::as_str).unwrap_or(code)
    }

    fn month(&self, month: u8) -> &str {
        self.months
            .get(usize::from(month) - 1)
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Removes `{year}` and whatever follows it in a date format, then trailing spaces:
/// "{day} {month} {year} года" becomes "{day} {month}".
fn strip_year(text_with_year_placeholder: &str) -> String {
    match text_with_year_placeholder.find("{year}") {
        Some(at) => text_with_year_placeholder[..at].trim_end().to_string(),
        None => text_with_year_placeholder.trim_end().to_string(),
    }
}

#[cfg(test)]
pub(crate) fn english_for_tests() -> Labels {
    Labels {
        united_nations: "United Nations".into(),
        distr: "Distr.:".into(),
        distribution: [("General".to_string(), "General".to_string())].into(),
        original: "Original:".into(),
        languages: [("en".to_string(), "English".to_string())].into(),
        contents: "Contents".into(),
        summary: "Summary".into(),
        annex: "Annex".into(),
        draft: "Draft".into(),
        version: "Version".into(),
        page: "Page".into(),
        country: "Country".into(),
        title: "Title".into(),
        organization: "Organization".into(),
        themes: "Themes".into(),
        source: "Source".into(),
        sources: "Sources".into(),
        not_available: "not available".into(),
        other: "Other".into(),
        months: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        .map(String::from)
        .to_vec(),
        date_format: "{day} {month} {year}".into(),
        masthead_months: None,
        masthead_date_format: None,
        changes_note: None,
        figure: default_figure(),
        latest_year: default_latest_year(),
        preview: None,
        left_out: default_left_out(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_ranges() {
        let labels = english_for_tests();
        let d = |s| Date::parse_iso(s).unwrap();
        assert_eq!(labels.format_date(d("2022-07-20")), "20 July 2022");
        assert_eq!(labels.format_masthead_date(d("2022-07-20")), "20 July 2022");
        let mut russian = labels.clone();
        russian.months[6] = "июля".into();
        russian.date_format = "{day} {month} {year} года".into();
        assert_eq!(russian.format_date(d("2022-07-20")), "20 июля 2022 года");
        russian.masthead_months = Some(labels.months.clone());
        russian.masthead_date_format = Some("{day} {month} {year}".into());
        assert_eq!(
            russian.format_masthead_date(d("2022-07-20")),
            "20 July 2022"
        );
        assert_eq!(
            labels.format_date_range(d("2022-07-19"), d("2022-07-20")),
            "19–20 July 2022"
        );
        assert_eq!(
            labels.format_date_range(d("2022-06-30"), d("2022-07-01")),
            "30 June–1 July 2022"
        );
        assert_eq!(
            labels.format_date_range(d("2022-12-31"), d("2023-01-01")),
            "31 December 2022–1 January 2023"
        );
    }
}
