//! The fixed words of the status page, per language: every word the page shows that does not
//! come from the sources is here, so a translator finds them in one place.
//!
//! Placeholders in braces (`{words}`) are filled in by the page writer.

/// The words of the status page in one language.
pub struct PageWording {
    /// The page's language, for `<html lang>`.
    pub lang: &'static str,
    pub title: &'static str,
    pub meeting: &'static str,
    pub session: &'static str,
    pub venue: &'static str,
    pub dates: &'static str,
    pub deadline: &'static str,
    pub no_deadline: &'static str,
    pub languages: &'static str,
    /// `{submitted}` of `{expected}`.
    pub countries_submitted: &'static str,

    pub matrix_heading: &'static str,
    pub matrix_caption: &'static str,
    pub country: &'static str,
    pub on_time: &'static str,
    /// When the meeting sets no deadline, nothing is on time or late: only submitted.
    pub submitted: &'static str,
    pub late: &'static str,
    pub missing: &'static str,
    pub translation_missing: &'static str,
    /// `{date}`.
    pub submitted_on: &'static str,

    pub words_heading: &'static str,
    pub words_caption: &'static str,
    pub words: &'static str,
    pub file: &'static str,
    /// `{words}`, `{limit}`.
    pub words_of_limit: &'static str,
    /// `{over}`: by how many words.
    pub over_limit: &'static str,
    /// `{words}`: the count with its word ([`PageWording::word_forms`]).
    pub words_no_limit: &'static str,
    pub word_forms: [&'static str; 3],
    pub not_submitted: &'static str,

    pub case_studies_heading: &'static str,
    /// `{count}`.
    pub case_studies_count: &'static str,
    /// `{theme}`.
    pub theme_caption: &'static str,
    pub without_theme: &'static str,
    pub no_case_study: &'static str,
    pub case_study_title: &'static str,
    pub countries: &'static str,
    pub submitted_column: &'static str,
    pub preview: &'static str,

    pub translations_heading: &'static str,
    pub translations_caption: &'static str,
    pub kind: &'static str,
    pub missing_in: &'static str,
    pub kind_country_input: &'static str,
    pub kind_case_study: &'static str,
    pub kind_document_text: &'static str,
    pub no_missing_translations: &'static str,

    pub problems_heading: &'static str,
    pub problems_intro: &'static str,
    pub no_problems: &'static str,
    pub project_as_a_whole: &'static str,
    /// `{file}`.
    pub problems_caption: &'static str,
    pub place: &'static str,
    pub severity: &'static str,
    pub message: &'static str,
    pub error: &'static str,
    pub warning: &'static str,
    pub whole_file: &'static str,
    pub hint: &'static str,
    /// Singular, then plural forms ([`PageWording::count`]).
    pub errors: [&'static str; 3],
    pub warnings: [&'static str; 3],

    pub documents_heading: &'static str,
    pub documents_caption: &'static str,
    pub document: &'static str,
    pub version: &'static str,
    pub built_on: &'static str,
    pub final_version: &'static str,
    pub draft_version: &'static str,
    pub not_built: &'static str,
    pub no_documents: &'static str,
    pub language: &'static str,
    pub not_in_build: &'static str,

    /// `{time}`.
    pub generated: &'static str,
}

impl PageWording {
    /// The name of the language `code` as a column or a cell names it: the table of
    /// languages' name in the page's language, with a capital (a code the table does not
    /// know, as it is).
    pub fn language_name(&self, code: &str) -> String {
        if crate::model::languages::language(code).is_none() {
            return code.to_string();
        }
        let name = crate::model::languages::name(code, self.lang);
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => name,
        }
    }

    /// `count` followed by the word in the form that number takes: `forms` is
    /// `[one, few, many]` (English uses only the first two: one, other).
    pub fn count(&self, count: usize, forms: [&str; 3]) -> String {
        let form = if self.lang == "ru" {
            let (last, last_two) = (count % 10, count % 100);
            if last == 1 && last_two != 11 {
                forms[0]
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                forms[1]
            } else {
                forms[2]
            }
        } else if count == 1 {
            forms[0]
        } else {
            forms[1]
        };
        format!("{count} {form}")
    }
}

/// Every language the page is written in.
pub const ALL: &[&PageWording] = &[&EN, &RU];

/// The words for `lang`, when the page is written in it.
pub fn page_wording(lang: &str) -> Option<&'static PageWording> {
    ALL.iter().copied().find(|w| w.lang == lang)
}

pub const EN: PageWording = PageWording {
    lang: "en",
    title: "Submission status",
    meeting: "Meeting",
    session: "Session",
    venue: "Venue",
    dates: "Dates",
    deadline: "Deadline for contributions",
    no_deadline: "none set",
    languages: "Languages",
    countries_submitted: "{submitted} of {expected} countries have sent their country input.",

    matrix_heading: "Country inputs by language",
    matrix_caption: "Whether each country's input exists in each language of the meeting, and \
                     whether it came by the deadline",
    country: "Country",
    on_time: "Submitted on time",
    submitted: "Submitted",
    late: "Submitted late",
    missing: "Missing",
    translation_missing: "Translation missing",
    submitted_on: "on {date}",

    words_heading: "Length of the country inputs",
    words_caption: "Words of each country input in the meeting's first language, against the \
                    word limit",
    words: "Words",
    file: "File",
    words_of_limit: "{words} of {limit} words",
    over_limit: "over the limit by {over}",
    words_no_limit: "{words} (no limit set)",
    word_forms: ["word", "words", "words"],
    not_submitted: "not submitted",

    case_studies_heading: "Case studies by theme",
    case_studies_count: "Case studies received: {count}.",
    theme_caption: "Case studies on {theme}",
    without_theme: "Without a theme",
    no_case_study: "No case study on this theme yet.",
    case_study_title: "Title",
    countries: "Countries",
    submitted_column: "Submitted",
    preview: "Preview (PDF)",

    translations_heading: "Missing translations",
    translations_caption: "Texts that lack a language of the meeting",
    kind: "Kind",
    missing_in: "Missing in",
    kind_country_input: "Country input",
    kind_case_study: "Case study",
    kind_document_text: "Text of a document",
    no_missing_translations: "Every text exists in every language of the meeting.",

    problems_heading: "Problems in the sources",
    problems_intro: "The same problems as speca-docs check reports, file by file.",
    no_problems: "No problems found.",
    project_as_a_whole: "The project as a whole",
    problems_caption: "Problems in {file}",
    place: "Line:column",
    severity: "Severity",
    message: "Problem",
    error: "Error",
    warning: "Warning",
    whole_file: "whole file",
    hint: "Hint:",
    errors: ["error", "errors", "errors"],
    warnings: ["warning", "warnings", "warnings"],

    documents_heading: "Documents built",
    documents_caption: "The newest build of each document, with its files",
    document: "Document",
    version: "Version",
    built_on: "Dated",
    final_version: "final",
    draft_version: "draft",
    not_built: "Not built yet",
    no_documents: "The project describes no document.",
    language: "Language",
    not_in_build: "not built",

    generated: "Page generated by speca-docs at {time} (UTC).",
};

pub const RU: PageWording = PageWording {
    lang: "ru",
    title: "Ход представления материалов",
    meeting: "Совещание",
    session: "Сессия",
    venue: "Место проведения",
    dates: "Даты",
    deadline: "Срок представления материалов",
    no_deadline: "не установлен",
    languages: "Языки",
    countries_submitted: "Материалы представили {submitted} из {expected} стран.",

    matrix_heading: "Материалы стран по языкам",
    matrix_caption: "Есть ли материал каждой страны на каждом языке совещания и поступил ли он \
                     в срок",
    country: "Страна",
    on_time: "Представлен в срок",
    submitted: "Представлен",
    late: "Представлен с опозданием",
    missing: "Отсутствует",
    translation_missing: "Нет перевода",
    submitted_on: "{date}",

    words_heading: "Объём материалов стран",
    words_caption: "Число слов в материале каждой страны на первом языке совещания в сравнении \
                    с допустимым объёмом",
    words: "Слова",
    file: "Файл",
    words_of_limit: "{words} из {limit} слов",
    over_limit: "превышение на {over}",
    words_no_limit: "{words} (объём не ограничен)",
    word_forms: ["слово", "слова", "слов"],
    not_submitted: "не представлен",

    case_studies_heading: "Тематические исследования по темам",
    case_studies_count: "Получено тематических исследований: {count}.",
    theme_caption: "Тематические исследования по теме «{theme}»",
    without_theme: "Без темы",
    no_case_study: "По этой теме исследований пока нет.",
    case_study_title: "Название",
    countries: "Страны",
    submitted_column: "Дата представления",
    preview: "Просмотр (PDF)",

    translations_heading: "Отсутствующие переводы",
    translations_caption: "Тексты, которых нет на одном из языков совещания",
    kind: "Вид",
    missing_in: "Нет на языке",
    kind_country_input: "Материал страны",
    kind_case_study: "Тематическое исследование",
    kind_document_text: "Текст документа",
    no_missing_translations: "Все тексты есть на всех языках совещания.",

    problems_heading: "Замечания к исходным файлам",
    problems_intro: "Те же замечания, что выдаёт speca-docs check, по файлам.",
    no_problems: "Замечаний нет.",
    project_as_a_whole: "Проект в целом",
    problems_caption: "Замечания к файлу {file}",
    place: "Строка:столбец",
    severity: "Вид",
    message: "Замечание",
    error: "Ошибка",
    warning: "Предупреждение",
    whole_file: "весь файл",
    hint: "Совет:",
    errors: ["ошибка", "ошибки", "ошибок"],
    warnings: ["предупреждение", "предупреждения", "предупреждений"],

    documents_heading: "Подготовленные документы",
    documents_caption: "Последняя сборка каждого документа и её файлы",
    document: "Документ",
    version: "Версия",
    built_on: "Дата",
    final_version: "окончательная",
    draft_version: "проект",
    not_built: "Ещё не собран",
    no_documents: "В проекте не описано ни одного документа.",
    language: "Язык",
    not_in_build: "нет",

    generated: "Страница создана speca-docs {time} (UTC).",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_from_the_table_in_the_pages_language() {
        assert_eq!(EN.language_name("ru"), "Russian");
        assert_eq!(RU.language_name("en"), "Английский");
        // A language the page's wording never listed: the table names it.
        assert_eq!(RU.language_name("kk"), "Казахский");
        assert_eq!(EN.language_name("uz"), "Uzbek");
        assert_eq!(EN.language_name("xx"), "xx");
        assert_eq!(
            crate::forms::wording::wording("ru").language_name("en"),
            "английский"
        );
    }

    #[test]
    fn russian_counts_take_their_forms() {
        let forms = RU.errors;
        assert_eq!(RU.count(1, forms), "1 ошибка");
        assert_eq!(RU.count(3, forms), "3 ошибки");
        assert_eq!(RU.count(11, forms), "11 ошибок");
        assert_eq!(RU.count(22, forms), "22 ошибки");
        assert_eq!(RU.count(0, forms), "0 ошибок");
        assert_eq!(EN.count(1, EN.errors), "1 error");
        assert_eq!(EN.count(2, EN.errors), "2 errors");
    }
}
