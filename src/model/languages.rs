//! The languages speca-docs knows, as data (`languages.yaml`, embedded): Word's tag, the
//! decimal separator and the script of each, in one table that every writer and reader
//! consults, so that adding a language is a line of data, not code in several modules.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What the writers and readers know of one language.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The language tag Word files carry, e.g. `en-GB`.
    pub word: String,
    /// The decimal separator of its numbers: `.` or `,`.
    pub decimal: String,
    /// The ISO 15924 script of its texts, e.g. `Latn`, `Cyrl`.
    pub script: String,
    /// Its name in each language, as it stands in running text.
    pub names: BTreeMap<String, String>,
}

/// The table, read once from the embedded `languages.yaml`.
fn table() -> &'static BTreeMap<String, Language> {
    static TABLE: OnceLock<BTreeMap<String, Language>> = OnceLock::new();
    TABLE.get_or_init(|| {
        serde_saphyr::from_str(include_str!("languages.yaml"))
            .expect("the embedded languages.yaml is valid (a unit test reads it)")
    })
}

/// What is known of language `code`, when it is in the table.
pub fn language(code: &str) -> Option<&'static Language> {
    table().get(code)
}

/// The tag Word files carry for `code`: the table's, else the code itself.
pub fn word_tag(code: &str) -> String {
    language(code).map_or_else(|| code.to_string(), |l| l.word.clone())
}

/// The name of language `code` in language `in_lang`, as it stands in running text: the
/// table's name in that language, else its English name, else the code itself. The one
/// fallback rule for every page, form and message that names a language.
pub fn name(code: &str, in_lang: &str) -> String {
    language(code)
        .and_then(|l| l.names.get(in_lang).or_else(|| l.names.get("en")))
        .map_or_else(|| code.to_string(), String::clone)
}

/// Whether `code` writes a decimal comma (90,9) rather than a decimal point (90.9).
pub fn writes_decimal_comma(code: &str) -> bool {
    language(code).is_some_and(|l| l.decimal == ",")
}

/// The ISO 15924 script a character is written in, among those the table names (Latin,
/// Cyrillic, Arabic, Han); `None` for digits, punctuation and anything else.
pub fn script_of(c: char) -> Option<&'static str> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{24F}' => Some("Latn"),
        '\u{400}'..='\u{52F}' => Some("Cyrl"),
        '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' => Some("Arab"),
        '\u{4E00}'..='\u{9FFF}' => Some("Hans"),
        _ => None,
    }
}

/// Of `candidates` (in their order), the first language written in `script`.
pub fn first_in_script<'a>(candidates: &'a [String], script: &str) -> Option<&'a str> {
    candidates
        .iter()
        .map(String::as_str)
        .find(|code| language(code).is_some_and(|l| l.script == script))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_says_what_the_writers_need() {
        assert_eq!(word_tag("en"), "en-GB");
        assert_eq!(word_tag("ru"), "ru-RU");
        assert_eq!(word_tag("kk"), "kk-KZ");
        assert_eq!(word_tag("xx"), "xx");
        assert!(writes_decimal_comma("ru") && writes_decimal_comma("uz"));
        assert!(!writes_decimal_comma("en") && !writes_decimal_comma("xx"));
        for (code, language) in table() {
            assert!(matches!(language.decimal.as_str(), "." | ","), "{code}");
            assert!(
                ["Latn", "Cyrl", "Arab", "Hans"].contains(&language.script.as_str()),
                "{code}"
            );
        }
        let meeting = ["en".to_string(), "ru".to_string(), "kk".to_string()];
        assert_eq!(first_in_script(&meeting, "Cyrl"), Some("ru"));
        assert_eq!(first_in_script(&meeting, "Arab"), None);
        assert_eq!(script_of('Ж'), Some("Cyrl"));
        assert_eq!(script_of('ş'), Some("Latn"));
        assert_eq!(script_of('7'), None);
        assert_eq!(name("kk", "ru"), "казахский");
        assert_eq!(name("kk", "en"), "Kazakh");
        assert_eq!(name("kk", "uz"), "Kazakh");
        assert_eq!(name("xx", "en"), "xx");
        for (code, language) in table() {
            assert!(
                language.names.contains_key("en"),
                "{code} has no English name"
            );
        }
    }
}
