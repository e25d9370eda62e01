//! Skeletons of contributions that `speca-docs new` writes for an expert to fill in.
//!
//! A skeleton holds every front-matter field of the contract, so the expert never has to know
//! the field names:
//!
//! - what the command knows is filled in: `type`, `country`, `language`, a case study's `id`;
//! - what the expert must write (focal point, date of submission, a case study's title,
//!   organization and summary) is a placeholder in angle brackets, `<your full name>`, which
//!   the loader reports as "still to fill" at its line until it is replaced, so `check` lists
//!   exactly what is left;
//! - what is optional (a country input's `title`, a case study's `period`, the meeting's
//!   themes and indicators) is commented out with a one-line note: the file is valid as it
//!   stands and the expert removes a `#` to use a line;
//! - the body has the headings and guidance of the Word forms (`forms::wording`), the
//!   guidance as an HTML comment, which the loader drops; `check` warns of headings with nothing under them.
//!
//! The notes are in the file's language, from the message catalogs (a language without a
//! catalog gets English).

use crate::forms::wording::{Section, wording};
use crate::load::fields::Localized;
use crate::load::meeting::{Country, Meeting};

/// The words of a skeleton in one language: the `skeleton` part of the message catalogs
/// ([`crate::messages`]).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Words {
    pub country_input_of: String,
    pub case_study_of: String,
    pub fill_in: String,
    pub comments: String,
    pub deadline: String,
    pub word_limit: String,
    pub title_note: String,
    pub your_name: String,
    pub your_organization: String,
    pub your_email: String,
    pub submitted: String,
    pub themes_note: String,
    pub indicators_note: String,
    pub case_title: String,
    pub case_organization: String,
    pub case_summary: String,
    pub period_note: String,
    pub countries_note: String,
}

fn words(lang: &str) -> &'static Words {
    &crate::messages::catalogs().or_english(lang).skeleton
}

/// Text from meeting.yaml on one line, as a YAML comment needs it.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The localised text in `lang`, else in the meeting's first language.
fn local(meeting: &Meeting, text: &Localized, lang: &str) -> String {
    one_line(text.get(lang, meeting.original_language()))
}

/// The opening comment: what the file is, for which meeting, by when, how long, how to fill.
fn header(out: &mut String, meeting: &Meeting, title: &str, lang: &str, limit: Option<usize>) {
    let w = words(lang);
    let meeting_name = [&meeting.body, &meeting.session]
        .into_iter()
        .flatten()
        .map(|text| local(meeting, text, lang))
        .collect::<Vec<_>>()
        .join(", ");
    out.push_str("---\n");
    out.push_str(&format!("# {title}"));
    if !meeting_name.is_empty() {
        out.push_str(&format!(" — {meeting_name}"));
    }
    out.push('\n');
    if let Some(deadline) = meeting.deadline {
        out.push_str(&format!(
            "# {}\n",
            w.deadline.replace("{date}", &deadline.to_string())
        ));
    }
    if let Some(limit) = limit {
        out.push_str(&format!(
            "# {}\n",
            w.word_limit.replace("{limit}", &limit.to_string())
        ));
    }
    out.push_str(&format!("# {}\n# {}\n", w.fill_in, w.comments));
}

/// The meeting's themes, commented out, each with its title.
fn themes(out: &mut String, meeting: &Meeting, lang: &str) {
    if meeting.themes.is_empty() {
        return;
    }
    out.push_str(&format!("# {}\nthemes:\n", words(lang).themes_note));
    let width = meeting.themes.iter().map(|t| t.id.len()).max().unwrap_or(0);
    for theme in &meeting.themes {
        out.push_str(&format!(
            "  # - {:width$}   # {}\n",
            theme.id,
            local(meeting, &theme.title, lang)
        ));
    }
}

/// The body: each heading followed by its guidance as an HTML comment (dropped on loading).
fn sections(out: &mut String, sections: &[Section]) {
    out.push_str("---\n");
    for (i, Section { heading, guidance }) in sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {heading}\n\n<!-- {guidance} -->\n"));
    }
}

/// The skeleton of `country`'s input in `lang`.
pub fn country_input(meeting: &Meeting, country: &Country, lang: &str) -> String {
    let w = words(lang);
    let name = local(meeting, &country.name, lang);
    let mut out = String::new();
    header(
        &mut out,
        meeting,
        &w.country_input_of.replace("{country}", &name),
        lang,
        meeting.limits.country_input,
    );
    out.push_str(&format!(
        "type: country-input\ncountry: {}\nlanguage: {lang}\n",
        country.code
    ));
    out.push_str(&format!("# title: {name}   # {}\n", w.title_note));
    out.push_str(&format!(
        "focal-point:\n  name: {}\n  organization: {}\n  email: {}\n",
        w.your_name, w.your_organization, w.your_email
    ));
    out.push_str(&format!("submitted: {}\n", w.submitted));
    themes(&mut out, meeting, lang);
    if !meeting.indicators.is_empty() {
        out.push_str(&format!("# {}\nindicators:\n", w.indicators_note));
        let width = meeting
            .indicators
            .iter()
            .map(|i| i.id.len() + 1)
            .max()
            .unwrap_or(0);
        for indicator in &meeting.indicators {
            let mut about = local(meeting, &indicator.label, lang);
            if let Some(unit) = &indicator.unit {
                about.push_str(&format!(", {}", local(meeting, unit, lang)));
            }
            out.push_str(&format!(
                "  # {:width$} {{value: , year: , source: }}   # {about}\n",
                format!("{}:", indicator.id)
            ));
        }
    }
    sections(&mut out, &wording(lang).country_input_sections);
    out
}

/// The skeleton of the case study `id` of `countries` (one, or several across borders) in
/// `lang`.
pub fn case_study(meeting: &Meeting, id: &str, countries: &[&Country], lang: &str) -> String {
    let w = words(lang);
    let names: Vec<String> = countries
        .iter()
        .map(|c| local(meeting, &c.name, lang))
        .collect();
    let mut out = String::new();
    header(
        &mut out,
        meeting,
        &w.case_study_of.replace("{country}", &names.join(", ")),
        lang,
        meeting.limits.case_study,
    );
    let country = match countries {
        [one] => format!("{}   # {}", one.code, w.countries_note),
        several => format!(
            "[{}]",
            several
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    out.push_str(&format!(
        "type: case-study\nid: {id}\ncountry: {country}\nlanguage: {lang}\n"
    ));
    out.push_str(&format!(
        "title: {}\norganization: {}\nsummary: {}\n",
        w.case_title, w.case_organization, w.case_summary
    ));
    out.push_str(&format!("# period: 2018–2022   # {}\n", w.period_note));
    out.push_str(&format!("submitted: {}\n", w.submitted));
    themes(&mut out, meeting, lang);
    sections(&mut out, &wording(lang).case_study_sections);
    out
}
