//! Importing Word files into the contract: a filled submission form, or any Word document an
//! expert sent, to a contribution's Markdown with front matter and its images.
//!
//! The stages: [`word`] reads the `.docx` (untrusted) into a tree of blocks; [`form`] finds
//! what the file says (a form's fields by their content controls or labels, the indicators
//! table, the text); this module checks that against the meeting, fills what the file cannot
//! say from the command line's flags, and writes [`front_matter`] and [`markdown`]. The caller
//! writes the files and checks them as it checks any source.

pub mod form;
pub mod front_matter;
pub mod markdown;
pub mod numbers;
pub mod word;

use std::collections::BTreeMap;

use crate::diag::{Diagnostics, Pos, did_you_mean};
use crate::forms::wording;
use crate::load::contribution::{Kind, id_from_words, is_valid_id};
use crate::load::meeting::Meeting;

use front_matter::{FocalPoint, FrontMatter, IndicatorValue};
use word::{Block, Inline, ReadOptions, WordDocument};

/// One Word file to import, and what the command line says about it.
pub struct Request<'a> {
    /// The file as the user named it: every message about it names it so.
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub kind: Option<Kind>,
    /// A country code of the meeting.
    pub country: Option<&'a str>,
    /// A language of the meeting.
    pub lang: Option<&'a str>,
    pub id: Option<&'a str>,
    pub read: ReadOptions,
}

/// A contribution made from a Word file.
#[derive(Debug)]
pub struct Imported {
    /// Where it goes, relative to the project: `sources/countries/kaz.ru.md`.
    pub path: String,
    /// Front matter and body.
    pub markdown: String,
    /// Images for `sources/media/`, by file name.
    pub media: Vec<(String, Vec<u8>)>,
}

/// Imports one Word file. Problems go to `diags` against `request.name`; `None` when the file
/// cannot become a contribution.
pub fn import(meeting: &Meeting, request: &Request, diags: &mut Diagnostics) -> Option<Imported> {
    let file = request.name;
    let doc = match word::read(file, request.bytes, &request.read) {
        Ok(doc) => doc,
        Err(err) => {
            let d = diags.error(file, Pos::FILE, err.message);
            if let Some(hint) = err.hint {
                d.hint(hint);
            }
            return None;
        }
    };
    for notice in &doc.notices {
        diags.warning(
            file,
            Pos::FILE,
            format!("{}: {}", notice.place, notice.message),
        );
    }
    let filled = form::read(&doc, meeting);
    let errors_before = diags.error_count();
    let fields = |tag: &str| filled.fields.get(tag).map(|f| f.text.as_str());

    // The country: the form's, else --country.
    let country = match (fields("country"), request.country) {
        (Some(text), flag) => match meeting.find_country(text) {
            Some(country) => {
                if let Some(flag) = flag.filter(|f| *f != country.code) {
                    diags.warning(
                        file,
                        Pos::FILE,
                        format!(
                            "the form is for {}; --country {flag} is ignored",
                            country.code
                        ),
                    );
                }
                Some(country.code.clone())
            }
            None => {
                unknown(diags, file, "country", text, meeting.country_hint(text));
                None
            }
        },
        (None, Some(flag)) => Some(flag.to_string()),
        (None, None) => {
            diags
                .error(
                    file,
                    Pos::FILE,
                    "the Word file does not say which country it is from",
                )
                .hint(format!(
                    "add --country CODE, one of {}",
                    meeting
                        .countries
                        .iter()
                        .map(|c| c.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            None
        }
    };

    let lang = match (fields("language"), request.lang) {
        (Some(text), flag) => {
            let code = text.split_whitespace().next().unwrap_or("").to_lowercase();
            if meeting.languages.contains(&code) {
                if let Some(flag) = flag.filter(|f| *f != code) {
                    diags.warning(
                        file,
                        Pos::FILE,
                        format!("the form is in \"{code}\"; --lang {flag} is ignored"),
                    );
                }
                Some(code)
            } else {
                unknown(diags, file, "language", text, None);
                None
            }
        }
        (None, Some(flag)) => Some(flag.to_string()),
        (None, None) => {
            let guess = guess_language(&doc, meeting);
            diags
                .error(
                    file,
                    Pos::FILE,
                    "the Word file does not say which language it is in",
                )
                .hint(match guess {
                    Some(guess) => format!(
                        "add --lang {guess} (the text looks {})",
                        wording::wording("en").language_name(&guess)
                    ),
                    None => format!("add --lang, one of {}", meeting.languages.join(", ")),
                });
            None
        }
    };

    let kind = match (fields("type"), request.kind) {
        (Some(text), flag) => match kind_of(text) {
            Some(kind) => {
                if let Some(flag) = flag.filter(|f| *f != kind) {
                    diags.warning(
                        file,
                        Pos::FILE,
                        format!(
                            "the form is for a {}; --type {} is ignored",
                            kind.name(),
                            flag.name()
                        ),
                    );
                }
                Some(kind)
            }
            None => {
                unknown(diags, file, "type of contribution", text, None);
                None
            }
        },
        (None, Some(kind)) => Some(kind),
        (None, None) if request.id.is_some() => Some(Kind::CaseStudy),
        (None, None) => {
            diags
                .error(
                    file,
                    Pos::FILE,
                    "the Word file does not say what kind of contribution it is",
                )
                .hint("add --type country-input or --type case-study");
            None
        }
    };
    let (Some(country), Some(lang), Some(kind)) = (country, lang, kind) else {
        return None;
    };

    let mut front = FrontMatter {
        kind: kind.name().to_string(),
        country: country.clone(),
        language: lang.clone(),
        ..FrontMatter::default()
    };
    front.focal_point = FocalPoint {
        name: fields("focal-point.name").map(one_line),
        organization: fields("focal-point.organization").map(one_line),
        email: fields("focal-point.email").map(one_line),
    };
    if let Some(text) = fields("submitted") {
        match numbers::parse_date(text) {
            Some(date) => front.submitted = Some(date),
            None => {
                diags
                    .error(
                        file,
                        Pos::FILE,
                        format!(
                            "{}: \"{}\" is not a date",
                            label(&lang, "submitted"),
                            text.trim()
                        ),
                    )
                    .hint("write it as YYYY-MM-DD, e.g. 2022-06-28, or pick it in Word's calendar");
            }
        }
    }
    if let Some(text) = fields("themes") {
        front.themes = themes(text, meeting, file, diags);
    }
    let mut body = filled.body.clone();
    if kind == Kind::CaseStudy {
        // A plain document's first line in Word's Title style is the case study's title.
        front.title = fields("title")
            .map(one_line)
            .or_else(|| take_title(&mut body));
        front.organization = fields("organization").map(one_line);
        front.period = fields("period").map(one_line);
        front.summary = fields("summary").map(one_line);
        if front.title.is_none() {
            diags
                .error(file, Pos::FILE, "the case study has no title")
                .hint("fill in the Title field of the form, or give the document a first line in Word's Title style");
        }
    } else if let Some(title) = fields("title") {
        front.title = Some(one_line(title));
    }
    if kind == Kind::CountryInput {
        front.indicators = indicators(&filled, meeting, &lang, file, diags);
    } else if filled.indicators.values().any(|r| !r.value.is_empty()) {
        diags.warning(
            file,
            Pos::FILE,
            "indicators table: a case study reports no indicators, so its figures are not imported",
        );
    }

    let id = match kind {
        Kind::CountryInput => country.to_ascii_lowercase(),
        Kind::CaseStudy => {
            let id = match request.id {
                Some(id) => Some(id.to_string()),
                None => front
                    .title
                    .as_deref()
                    .and_then(|t| id_from_words(&country, t)),
            };
            match id {
                Some(id) if is_valid_id(&id) => {
                    if request.id.is_none() {
                        diags
                            .warning(file, Pos::FILE, format!("the case study's id is \"{id}\", made from its title"))
                            .hint("give --id to choose another; a translation must use the id of its original");
                    }
                    front.id = Some(id.clone());
                    id
                }
                Some(id) => {
                    diags
                        .error(
                            file,
                            Pos::FILE,
                            format!("\"{id}\" cannot be a case study's id"),
                        )
                        .hint(
                            "use lowercase letters, digits and hyphens, e.g. --id kaz-astana-hub",
                        );
                    return None;
                }
                None => {
                    diags
                        .error(file, Pos::FILE, "the case study needs an id")
                        .hint("add --id, e.g. --id kaz-astana-hub");
                    return None;
                }
            }
        }
    };
    if front.submitted.is_none() && filled.is_form {
        diags
            .warning(file, Pos::FILE, "the form gives no date of submission")
            .hint(
                "status cannot tell whether it was late: add `submitted: YYYY-MM-DD` to the file",
            );
    }

    // Images are named after their contribution and its kind, so that a case study whose id
    // is a country's code never takes the country input's names.
    let (path, stem) = match kind {
        Kind::CountryInput => (
            format!("sources/countries/{id}.{lang}.md"),
            format!("{id}-{lang}"),
        ),
        Kind::CaseStudy => (
            format!("sources/case-studies/{id}.{lang}.md"),
            format!("case-study-{id}-{lang}"),
        ),
    };
    if filled.after_box > 0 {
        diags.warning(
            file,
            Pos::FILE,
            format!(
                "{} paragraph(s) stood after the form's box for the text; they are imported at the end of the text",
                filled.after_box
            ),
        );
    }
    let body = drop_empty_sections(normalize_headings(body));
    if body.is_empty() {
        diags.warning(file, Pos::FILE, "the Word file has no text to import");
    }
    let media_names = media_names(&doc, &body, &stem);
    let image_path = |id: u32| media_names.get(&id).map(|name| format!("../media/{name}"));
    let text = markdown::to_markdown(&doc, &body, &image_path);
    if diags.error_count() > errors_before {
        return None;
    }
    let origin = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    let markdown = format!("{}{}", front.to_yaml(&origin), text);
    let media = media_names
        .iter()
        .filter_map(|(id, name)| Some((name.clone(), doc.media.get(id)?.data.clone())))
        .collect();
    Some(Imported {
        path,
        markdown,
        media,
    })
}

fn unknown(
    diags: &mut Diagnostics,
    file: &str,
    what: &str,
    text: &str,
    suggestion: Option<String>,
) {
    let d = diags.error(
        file,
        Pos::FILE,
        format!(
            "the form's {what} \"{}\" is not one of the meeting's",
            text.trim()
        ),
    );
    if let Some(suggestion) = suggestion {
        d.hint(suggestion);
    }
}

/// A field's label in the form's language, for messages.
fn label(lang: &str, tag: &str) -> &'static str {
    wording::wording(lang).label(tag)
}

/// A field on one line: line breaks in a cell become spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kind_of(text: &str) -> Option<Kind> {
    let text = text.trim().to_lowercase();
    let text = text.split(" (").next().unwrap_or("");
    [Kind::CountryInput, Kind::CaseStudy]
        .into_iter()
        .find(|kind| {
            text == kind.name()
                || wording::all().any(|w| {
                    let shown = match kind {
                        Kind::CountryInput => &w.type_country_input,
                        Kind::CaseStudy => &w.type_case_study,
                    };
                    shown.to_lowercase() == text
                })
        })
}

/// The themes a field names, by id or by title in any language of the meeting, separated by
/// semicolons or lines (or commas, where a title holds none).
fn themes(text: &str, meeting: &Meeting, file: &str, diags: &mut Diagnostics) -> Vec<String> {
    let mut ids = Vec::new();
    let original = meeting.original_language();
    let find = |item: &str| {
        let lower = item.trim().trim_end_matches('.').trim().to_lowercase();
        meeting.themes.iter().find(|t| {
            t.id == lower
                || meeting
                    .languages
                    .iter()
                    .any(|l| t.title.get(l, original).to_lowercase() == lower)
        })
    };
    // "Skills, Incubators" on one line: split at commas only when the whole is no title (a
    // title may hold a comma: "Science, technology and innovation").
    let items: Vec<&str> = text
        .split([';', '\n'])
        .flat_map(|item| {
            if find(item).is_some() {
                vec![item]
            } else {
                item.split(',').collect()
            }
        })
        .collect();
    for item in items {
        let item = item.trim().trim_end_matches('.').trim();
        if item.is_empty() {
            continue;
        }
        let found = find(item);
        match found {
            Some(theme) if !ids.contains(&theme.id) => ids.push(theme.id.clone()),
            Some(_) => {}
            None => {
                let candidates: Vec<&str> = meeting
                    .themes
                    .iter()
                    .flat_map(|t| {
                        meeting
                            .languages
                            .iter()
                            .map(move |l| t.title.get(l, original))
                            .chain(std::iter::once(t.id.as_str()))
                    })
                    .collect();
                let d = diags.error(
                    file,
                    Pos::FILE,
                    format!("themes: \"{item}\" is not a theme of the meeting"),
                );
                match did_you_mean(item, candidates) {
                    Some(best) => d.hint(format!("did you mean \"{best}\"?")),
                    None => d.hint(format!(
                        "the themes are: {}",
                        meeting
                            .themes
                            .iter()
                            .map(|t| t.title.get(original, original))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )),
                };
            }
        }
    }
    ids
}

/// The indicators table's figures, in meeting.yaml's order; a cell that is not a number is an
/// error naming the table, row and column.
fn indicators(
    filled: &form::Filled,
    meeting: &Meeting,
    lang: &str,
    file: &str,
    diags: &mut Diagnostics,
) -> Vec<IndicatorValue> {
    let words = wording::wording(lang);
    let mut out = Vec::new();
    for indicator in &meeting.indicators {
        let Some(row) = filled.indicators.get(&indicator.id) else {
            continue;
        };
        let place = |column: usize| {
            format!(
                "indicators table, row {} ({}), column {}",
                row.row, row.label, words.indicator_columns[column]
            )
        };
        if row.value.is_empty() {
            if !row.year.is_empty() || !row.source.is_empty() {
                diags
                    .warning(
                        file,
                        Pos::FILE,
                        format!("{}: no value, so the row is not imported", place(2)),
                    )
                    .hint("give the value, or leave the whole row empty");
            }
            continue;
        }
        let Some(value) = numbers::parse_number(&row.value, lang) else {
            diags
                .error(
                    file,
                    Pos::FILE,
                    format!("{}: \"{}\" is not a number", place(2), row.value),
                )
                .hint(
                    "write the value in digits, e.g. 90.9 or 90,9 (a letter O looks like a zero)",
                );
            continue;
        };
        let year = if row.year.is_empty() {
            None
        } else {
            match numbers::parse_year(&row.year) {
                Some(year) => Some(year),
                None => {
                    diags
                        .error(
                            file,
                            Pos::FILE,
                            format!("{}: \"{}\" is not a year", place(3), row.year),
                        )
                        .hint("write the year the figure refers to, e.g. 2021");
                    continue;
                }
            }
        };
        out.push(IndicatorValue {
            id: indicator.id.clone(),
            value,
            year,
            source: (!row.source.is_empty()).then(|| one_line(&row.source)),
        });
    }
    out
}

/// The body's shallowest heading becomes `##`: one level below the heading the document gives
/// the contribution, as the contract asks.
fn normalize_headings(blocks: Vec<Block>) -> Vec<Block> {
    let Some(top) = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
    else {
        return blocks;
    };
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading { level, content } => Block::Heading {
                level: (level - top).saturating_add(2).min(6),
                content,
            },
            other => other,
        })
        .collect()
}

/// Headings with nothing under them (a form's section left empty) are dropped. Walked from
/// the end, so a heading whose only sub-heading was empty goes too.
fn drop_empty_sections(blocks: Vec<Block>) -> Vec<Block> {
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks.into_iter().rev() {
        if let Block::Heading { level, .. } = &block {
            let empty = match kept.last() {
                None => true,
                Some(Block::Heading { level: next, .. }) => next <= level,
                Some(_) => false,
            };
            if empty {
                continue;
            }
        }
        kept.push(block);
    }
    kept.reverse();
    kept
}

/// Takes the first paragraph in Word's Title style out of `body`, as a title.
fn take_title(body: &mut Vec<Block>) -> Option<String> {
    let at = body.iter().position(|b| {
        matches!(b, Block::Paragraph { style: Some(style), .. } if style.eq_ignore_ascii_case("title"))
    })?;
    let Block::Paragraph { content, .. } = body.remove(at) else {
        return None;
    };
    Some(one_line(&form::inlines_text(&content))).filter(|t| !t.is_empty())
}

/// Names in `sources/media/` for the images the text shows, in order: `kaz-ru-1.png`, ….
fn media_names(doc: &WordDocument, body: &[Block], stem: &str) -> BTreeMap<u32, String> {
    let mut ids = Vec::new();
    let mut notes = Vec::new();
    image_ids(body, &mut ids, &mut notes);
    let mut seen_notes = Vec::new();
    while let Some(note) = notes.pop() {
        if seen_notes.contains(&note) {
            continue;
        }
        seen_notes.push(note);
        if let Some(blocks) = doc.notes.get(&note) {
            image_ids(blocks, &mut ids, &mut notes);
        }
    }
    let mut names = BTreeMap::new();
    for id in ids {
        if names.contains_key(&id) {
            continue;
        }
        let Some(media) = doc.media.get(&id) else {
            continue;
        };
        let extension = match media.format {
            "jpeg" => "jpg",
            other => other,
        };
        names.insert(id, format!("{stem}-{}.{extension}", names.len() + 1));
    }
    names
}

fn image_ids(blocks: &[Block], ids: &mut Vec<u32>, notes: &mut Vec<u32>) {
    fn inlines(content: &[Inline], ids: &mut Vec<u32>, notes: &mut Vec<u32>) {
        for inline in content {
            match inline {
                Inline::Image { media, .. } => ids.push(*media),
                Inline::Note(note) => notes.push(*note),
                Inline::Link { content, .. } | Inline::Control { content, .. } => {
                    inlines(content, ids, notes)
                }
                Inline::Text { .. } | Inline::LineBreak => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::ListItem { content, .. } => inlines(content, ids, notes),
            Block::Control { content, .. } => image_ids(content, ids, notes),
            Block::Table(table) => {
                for cell in table.rows.iter().flat_map(|r| &r.cells) {
                    image_ids(&cell.content, ids, notes);
                }
            }
        }
    }
}

/// The meeting language the text is most likely in, by its script: the first of the
/// meeting's languages written in the script most of its letters are in (the table of
/// languages says which), so Cyrillic text is Russian in a meeting of English and Russian.
fn guess_language(doc: &WordDocument, meeting: &Meeting) -> Option<String> {
    use crate::model::languages::{first_in_script, script_of};
    let text = form::blocks_text(&doc.body);
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for script in text.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(s, _)| *s == script) {
            Some((_, n)) => *n += 1,
            None => counts.push((script, 1)),
        }
    }
    // The most letters; on a tie, the script seen first.
    let script = counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| *s)?;
    first_in_script(&meeting.languages, script).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, text: &str) -> Block {
        Block::Heading {
            level,
            content: vec![Inline::Text {
                text: text.into(),
                marks: word::Marks::default(),
            }],
        }
    }

    fn para(text: &str) -> Block {
        Block::Paragraph {
            style: None,
            content: vec![Inline::Text {
                text: text.into(),
                marks: word::Marks::default(),
            }],
        }
    }

    #[test]
    fn empty_sections_go_with_the_headings_above_them() {
        let blocks = vec![
            heading(1, "Priorities"),
            para("Text."),
            heading(1, "Progress"),
            heading(2, "Left empty"),
            heading(1, "Challenges"),
        ];
        assert_eq!(
            drop_empty_sections(blocks),
            vec![heading(1, "Priorities"), para("Text.")]
        );
    }

    #[test]
    fn headings_start_one_level_below_the_contribution() {
        let shifted = normalize_headings(vec![heading(3, "a"), heading(4, "b"), heading(9, "c")]);
        assert_eq!(
            shifted,
            vec![heading(2, "a"), heading(3, "b"), heading(6, "c")]
        );
    }

    #[test]
    fn ids_from_titles() {
        // As `new` suggests them, from the same function.
        assert_eq!(
            id_from_words("KAZ", "Astana Hub: the technopark").as_deref(),
            Some("kaz-astana-hub-the-technopark")
        );
        assert_eq!(
            id_from_words("KAZ", "kaz tech").as_deref(),
            Some("kaz-tech")
        );
        assert_eq!(id_from_words("KAZ", "Технопарк"), None);
    }
}
