//! The fixed words of a submission form, per language. Import reads them too: a form whose
//! content controls were lost (saved by another program, or pasted into a new file) is still
//! read by its labels, in any language a form is written in.

/// The words of a form in one language.
pub struct Wording {
    pub lang: &'static str,
    pub title_country_input: &'static str,
    pub title_case_study: &'static str,
    /// "{country} — {meeting}" under the title.
    pub subtitle: &'static str,
    /// The first instruction: whom the form is for. `{country}`, `{meeting}`.
    pub for_meeting: &'static str,
    /// `{deadline}`.
    pub deadline: &'static str,
    pub fill_fields: &'static str,
    pub write_text: &'static str,
    pub figures: &'static str,
    /// `{limit}`.
    pub word_limit: &'static str,
    pub keep_structure: &'static str,
    pub fields_heading: &'static str,
    pub body_heading: &'static str,
    /// Labels of the fields, by tag.
    pub labels: &'static [(&'static str, &'static str)],
    /// Placeholders of the fields, by tag.
    pub placeholders: &'static [(&'static str, &'static str)],
    /// The values shown for `type`.
    pub type_country_input: &'static str,
    pub type_case_study: &'static str,
    pub indicators_heading: &'static str,
    pub indicators_note: &'static str,
    /// Indicator, unit, value, year, source.
    pub indicator_columns: [&'static str; 5],
    /// The sections of a country input, with their guidance.
    pub country_input_sections: &'static [(&'static str, &'static str)],
    pub case_study_sections: &'static [(&'static str, &'static str)],
}

impl Wording {
    /// The label of the field tagged `tag`.
    pub fn label(&self, tag: &str) -> &'static str {
        lookup(self.labels, tag)
    }

    /// The name of the language `code` in the form's language (the table of languages).
    pub fn language_name(&self, code: &str) -> String {
        crate::model::languages::name(code, self.lang)
    }

    pub fn placeholder(&self, tag: &str) -> &'static str {
        lookup(self.placeholders, tag)
    }
}

fn lookup(table: &'static [(&'static str, &'static str)], tag: &str) -> &'static str {
    table
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, text)| *text)
        .unwrap_or("")
}

/// Every language a form is written in; other languages get the English words.
pub const ALL: &[&Wording] = &[&EN, &RU];

/// The words for `lang`, English when there are none.
pub fn wording(lang: &str) -> &'static Wording {
    ALL.iter().copied().find(|w| w.lang == lang).unwrap_or(&EN)
}

pub const EN: Wording = Wording {
    lang: "en",
    title_country_input: "Submission form: country input",
    title_case_study: "Submission form: case study",
    subtitle: "{country} — {meeting}",
    for_meeting: "This form is for the contribution of {country} to the {meeting}. The secretariat \
                  merges the contributions of all countries into the documents of the meeting.",
    deadline: "Please send the completed form to the secretariat by {deadline}.",
    fill_fields: "Fill in each field in the grey boxes of the table below. The country, language \
                  and type of contribution are filled in already.",
    write_text: "Write your text in the box under \u{201c}Text of the contribution\u{201d}, in place of \
                 the guidance in italics. Keep the headings; you may add sub-headings (Word's \
                 Heading 2 style), lists, tables, footnotes and pictures. Give every picture \
                 alternative text (right-click it, then \u{201c}Edit Alt Text\u{201d}).",
    figures: "Figures go in the indicators table, not in the text: for each indicator, give the \
              value as a number, the year it refers to and its source. Leave a row empty when \
              there is no figure.",
    word_limit: "The text should not exceed {limit} words.",
    keep_structure: "Please do not change the structure of this form or delete its boxes: it is \
                     read back automatically.",
    fields_heading: "About the contribution",
    body_heading: "Text of the contribution",
    labels: &[
        ("country", "Country"),
        ("language", "Language"),
        ("type", "Type of contribution"),
        ("title", "Title"),
        ("organization", "Organization"),
        ("period", "Period"),
        ("summary", "Summary"),
        ("themes", "Themes"),
        ("focal-point.name", "Focal point: name"),
        ("focal-point.organization", "Focal point: organization"),
        ("focal-point.email", "Focal point: e-mail"),
        ("submitted", "Date of submission"),
    ],
    placeholders: &[
        (
            "title",
            "Name of the enterprise, incubator, accelerator or programme",
        ),
        ("organization", "The organization that runs it"),
        ("period", "For example 2018–2022"),
        ("summary", "One paragraph for the index of case studies"),
        (
            "themes",
            "One or more of: {themes}; separated by semicolons",
        ),
        ("focal-point.name", "First name and surname"),
        ("focal-point.organization", "Ministry or agency"),
        ("focal-point.email", "name@example.org"),
        ("submitted", "Pick the date"),
    ],
    type_country_input: "country input",
    type_case_study: "case study",
    indicators_heading: "Indicators",
    indicators_note: "Write numbers as you usually do (90.9 or 90,9; 1 204). The year is the year \
                      the figure refers to.",
    indicator_columns: ["Indicator", "Unit", "Value", "Year", "Source"],
    country_input_sections: &[
        (
            "Priorities",
            "Describe the country's priorities in the areas of the meeting: national strategies \
             and programmes, and their targets.",
        ),
        (
            "Progress",
            "Describe what has been achieved: results of the strategies and programmes, with \
             figures where they exist.",
        ),
        (
            "Challenges",
            "Describe the main challenges, and where regional cooperation or support through \
             SPECA would help.",
        ),
    ],
    case_study_sections: &[
        (
            "Background",
            "Describe the problem the enterprise, incubator or programme addresses, and how it \
             started.",
        ),
        (
            "Approach",
            "Describe how it works: services, partners, financing.",
        ),
        (
            "Results",
            "Describe its results, with figures where they exist.",
        ),
        (
            "Lessons",
            "Describe what others in the region can learn from it.",
        ),
    ],
};

pub const RU: Wording = Wording {
    lang: "ru",
    title_country_input: "Форма представления материалов: страновой вклад",
    title_case_study: "Форма представления материалов: тематическое исследование",
    subtitle: "{country} — {meeting}",
    for_meeting: "Эта форма предназначена для вклада страны {country} в работу совещания: \
                  {meeting}. Секретариат объединяет вклады всех стран в документы совещания.",
    deadline: "Просьба направить заполненную форму в секретариат не позднее {deadline}.",
    fill_fields: "Заполните каждое поле в серых рамках таблицы ниже. Страна, язык и вид \
                  материала уже указаны.",
    write_text: "Напишите текст в рамке под заголовком «Текст материала» вместо пояснений, \
                 набранных курсивом. Сохраните заголовки; можно добавлять подзаголовки (стиль \
                 Word «Заголовок 2»), списки, таблицы, сноски и рисунки. Для каждого рисунка \
                 укажите замещающий текст (щелкните рисунок правой кнопкой мыши и выберите \
                 «Изменить замещающий текст»).",
    figures: "Цифры указываются в таблице показателей, а не в тексте: для каждого показателя \
              укажите значение числом, год, к которому оно относится, и источник. Если данных \
              нет, оставьте строку пустой.",
    word_limit: "Объем текста не должен превышать {limit} слов.",
    keep_structure: "Просьба не изменять структуру формы и не удалять ее поля: форма \
                     считывается автоматически.",
    fields_heading: "Сведения о материале",
    body_heading: "Текст материала",
    labels: &[
        ("country", "Страна"),
        ("language", "Язык"),
        ("type", "Вид материала"),
        ("title", "Название"),
        ("organization", "Организация"),
        ("period", "Период"),
        ("summary", "Резюме"),
        ("themes", "Темы"),
        ("focal-point.name", "Координатор: имя"),
        ("focal-point.organization", "Координатор: организация"),
        ("focal-point.email", "Координатор: электронная почта"),
        ("submitted", "Дата представления"),
    ],
    placeholders: &[
        (
            "title",
            "Название предприятия, инкубатора, акселератора или программы",
        ),
        ("organization", "Организация, которая им управляет"),
        ("period", "Например, 2018–2022"),
        (
            "summary",
            "Один абзац для перечня тематических исследований",
        ),
        (
            "themes",
            "Одна или несколько тем: {themes}; через точку с запятой",
        ),
        ("focal-point.name", "Имя и фамилия"),
        ("focal-point.organization", "Министерство или ведомство"),
        ("focal-point.email", "name@example.org"),
        ("submitted", "Выберите дату"),
    ],
    type_country_input: "страновой вклад",
    type_case_study: "тематическое исследование",
    indicators_heading: "Показатели",
    indicators_note: "Пишите числа так, как обычно (90,9; 1 204). Год — это год, к которому \
                      относится значение.",
    indicator_columns: ["Показатель", "Единица", "Значение", "Год", "Источник"],
    country_input_sections: &[
        (
            "Приоритеты",
            "Опишите приоритеты страны в областях, которым посвящено совещание: национальные \
             стратегии и программы и их целевые показатели.",
        ),
        (
            "Прогресс",
            "Опишите достигнутые результаты стратегий и программ, по возможности с цифрами.",
        ),
        (
            "Проблемы",
            "Опишите основные проблемы и то, в чем помогло бы региональное сотрудничество или \
             поддержка по линии СПЕКА.",
        ),
    ],
    case_study_sections: &[
        (
            "Предыстория",
            "Опишите проблему, которую решает предприятие, инкубатор или программа, и как все \
             начиналось.",
        ),
        (
            "Подход",
            "Опишите, как это работает: услуги, партнеры, финансирование.",
        ),
        (
            "Результаты",
            "Опишите результаты, по возможности с цифрами.",
        ),
        (
            "Выводы",
            "Опишите, чему другие страны региона могут у этого научиться.",
        ),
    ],
};
