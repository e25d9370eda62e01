//! Checks across files, once every file is loaded: one contribution per id and language, word
//! limits, the languages of localised texts, and what documents name (templates, themes,
//! indicators).

use std::collections::BTreeMap;

use crate::diag::Diagnostics;
use crate::diag::Pos;
use crate::model::{Block, Inline};
use crate::template;

use super::Project;
use super::contribution::{Contribution, Kind};
use super::document::{self, DocumentSpec};
use super::fields::{Localized, Located};
use super::meeting::{Meeting, Reference};
use super::parallel;

/// Checks across files: duplicates, translations, word limits, languages of localised text.
/// Returns the contributions whose language versions disagree.
pub(super) fn across_files(project: &Project, diags: &mut Diagnostics) -> Vec<(Kind, String)> {
    let meeting = &project.meeting;
    let mut seen: BTreeMap<(Kind, String, String), &Contribution> = BTreeMap::new();
    for c in &project.contributions {
        let key = (c.kind, c.id.value.clone(), c.language.value.clone());
        if let Some(first) = seen.get(&key) {
            let what = match c.kind {
                Kind::CountryInput => format!(
                    "a second country input for {} in \"{}\"",
                    c.id.value, c.language.value
                ),
                Kind::CaseStudy => format!(
                    "a second case study with id \"{}\" in \"{}\"",
                    c.id.value, c.language.value
                ),
            };
            diags
                .error(&c.file, c.id.pos, format!("{what}; the first is {}", first.file))
                .hint(match c.kind {
                    Kind::CountryInput => "one country input per country and language: merge the two files, or correct `country`/`language`",
                    Kind::CaseStudy => "give each case study its own `id`",
                });
        } else {
            seen.insert(key, c);
        }
        check_text_written(c, diags);
        let limit = match c.kind {
            Kind::CountryInput => meeting.limits.country_input,
            Kind::CaseStudy => meeting.limits.case_study,
        };
        if let Some(limit) = limit
            && c.body.words > limit
        {
            diags
                .warning(
                    &c.file,
                    Pos::new(c.body_line, 1),
                    format!(
                        "the text has {} words; the limit for a {} is {limit}",
                        c.body.words,
                        c.kind.name()
                    ),
                )
                .hint(format!("shorten it by {} words", c.body.words - limit));
        }
    }

    let disagreeing = versions_agree(project, diags);
    check_languages(
        meeting,
        "sources/meeting.yaml",
        &meeting.localized_values,
        diags,
    );
    for doc in &project.documents {
        check_languages(meeting, &doc.file, &doc.localized_values, diags);
        if !template::exists(&project.root, &doc.template.value) {
            diags
                .error(
                    &doc.file,
                    doc.template.pos,
                    format!("unknown template \"{}\"", doc.template.value),
                )
                .hint(format!(
                    "use a built-in template ({}) or a folder under templates/",
                    template::BUILT_IN.join(", ")
                ));
        }
        check_document_references(doc, meeting, diags);
    }
    disagreeing
}

/// Compares every translation with its original (see [`parallel`]): each contribution's
/// language versions, and each rapporteur's file with its translations. Returns the
/// contributions whose versions disagree, as `(kind, id)`.
fn versions_agree(project: &Project, diags: &mut Diagnostics) -> Vec<(Kind, String)> {
    let original_lang = project.meeting.original_language();
    // Versions are compared once each reads without errors: what a file with errors lacks
    // is reported already, at its cause.
    let broken: std::collections::BTreeSet<String> = diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .map(|d| d.file.clone())
        .collect();
    let mut by_text: BTreeMap<(Kind, &str), Vec<&Contribution>> = BTreeMap::new();
    for c in &project.contributions {
        by_text
            .entry((c.kind, c.id.value.as_str()))
            .or_default()
            .push(c);
    }
    let mut disagreeing = Vec::new();
    for ((kind, id), versions) in by_text {
        let Some(original) = versions
            .iter()
            .find(|c| c.language.value == original_lang)
            .or(versions.first())
        else {
            continue;
        };
        let mut disagree = false;
        for translation in versions
            .iter()
            .filter(|c| c.language.value != original.language.value)
        {
            disagree |=
                parallel::compare_texts(&version_of(original), &version_of(translation), diags);
            disagree |= parallel::compare_fields(original, translation, diags);
        }
        if disagree {
            disagreeing.push((kind, id.to_string()));
        }
    }
    // A rapporteur's file once, however many documents show it.
    let mut compared = std::collections::BTreeSet::new();
    for doc in &project.documents {
        let files = doc
            .sections
            .iter()
            .filter_map(|s| match s {
                document::Section::File(f) => Some(f),
                _ => None,
            })
            .chain(doc.annexes.iter().filter_map(|a| match &a.content {
                document::AnnexContent::File(f) => Some(f),
                _ => None,
            }));
        for file in files {
            let Some((original, rest)) = file.texts.split_first() else {
                continue;
            };
            for (lang, body) in rest {
                if !compared.insert(body.file.clone())
                    || broken.contains(&body.file)
                    || broken.contains(&original.1.file)
                {
                    continue;
                }
                parallel::compare_texts(
                    &parallel::Version {
                        file: &original.1.file,
                        lang: &original.0,
                        landmarks: &original.1.landmarks,
                        start: Pos::new(1, 1),
                    },
                    &parallel::Version {
                        file: &body.file,
                        lang,
                        landmarks: &body.landmarks,
                        start: Pos::new(1, 1),
                    },
                    diags,
                );
            }
        }
    }
    disagreeing
}

fn version_of(c: &Contribution) -> parallel::Version<'_> {
    parallel::Version {
        file: &c.file,
        lang: &c.language.value,
        landmarks: &c.body.landmarks,
        start: Pos::new(c.body_line, 1),
    }
}

/// Warns when a contribution has no text, or headings with nothing under them: what a
/// skeleton of `speca-docs new` still holds until the expert writes it.
fn check_text_written(c: &Contribution, diags: &mut Diagnostics) {
    let blocks = &c.body.blocks;
    let empty: Vec<String> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, block)| {
            let Block::Heading(heading) = block else {
                return None;
            };
            let next_is_sub = matches!(blocks.get(i + 1),
                Some(Block::Heading(next)) if next.level > heading.level);
            let has_content = !matches!(blocks.get(i + 1), None | Some(Block::Heading(_)));
            (!has_content && !next_is_sub)
                .then(|| format!("\"{}\"", Inline::plain_text(&heading.content)))
        })
        .collect();
    let pos = Pos::new(c.body_line, 1);
    if blocks.is_empty() {
        diags
            .warning(&c.file, pos, "the text is empty")
            .hint("write the text after the closing `---` of the fields");
    } else if !empty.is_empty() {
        diags
            .warning(
                &c.file,
                pos,
                format!("nothing is written under {} yet", empty.join(", ")),
            )
            .hint("write under each heading, or delete the headings that do not apply");
    }
}

/// Warns about localised texts that lack a language of the meeting or name another one.
fn check_languages(
    meeting: &Meeting,
    file: &str,
    values: &[Located<Localized>],
    diags: &mut Diagnostics,
) {
    for value in values {
        let Localized::PerLanguage(map) = &value.value else {
            continue;
        };
        for (code, text) in map {
            if !meeting.languages.contains(code) {
                diags
                    .warning(
                        file,
                        text.pos,
                        format!(
                            "\"{code}\" is not a language of the meeting; this text is not used"
                        ),
                    )
                    .hint(format!(
                        "meeting.yaml lists: {}",
                        meeting.languages.join(", ")
                    ));
            }
        }
        for lang in &meeting.languages {
            if !map.contains_key(lang) {
                diags.warning(
                    file,
                    value.pos,
                    format!(
                        "no \"{lang}\" text here; the \"{}\" text is used in the {lang} documents",
                        meeting.original_language()
                    ),
                );
            }
        }
    }
}

fn check_document_references(doc: &DocumentSpec, meeting: &Meeting, diags: &mut Diagnostics) {
    for section in &doc.sections {
        if let document::Section::Contributions(c) = section {
            for theme in &c.themes {
                meeting.check_reference(Reference::Theme, theme, &doc.file, diags);
            }
            if c.kind == Kind::CountryInput && (c.group_by_theme || !c.themes.is_empty()) {
                diags.warning(
                    &doc.file,
                    c.pos,
                    "grouping and theme filters apply to case studies only",
                );
            }
        }
        if let document::Section::Chart { chart, .. } = section {
            meeting.check_reference(Reference::Indicator, &chart.indicator, &doc.file, diags);
        }
    }
    for annex in &doc.annexes {
        match &annex.content {
            document::AnnexContent::Indicators(ids) => {
                for id in ids {
                    meeting.check_reference(Reference::Indicator, id, &doc.file, diags);
                }
            }
            document::AnnexContent::Chart(chart) => {
                meeting.check_reference(Reference::Indicator, &chart.indicator, &doc.file, diags);
            }
            _ => {}
        }
    }
}
