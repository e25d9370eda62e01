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
    check_cross_references(project, diags);
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

/// Labels and cross-references across the project: a label is defined once (in the
/// original-language texts and the document descriptions; translations repeat their
/// original's, which the comparison of versions checks), and every reference names one that
/// stands where numbers are the same in every language version.
fn check_cross_references(project: &Project, diags: &mut Diagnostics) {
    let original = project.meeting.original_language();
    // Where each label is defined, and the kind of contribution it stands in.
    let mut defined: BTreeMap<String, (String, Pos, Option<Kind>)> = BTreeMap::new();
    let mut define = |diags: &mut Diagnostics,
                      label: &str,
                      file: &str,
                      pos: Pos,
                      kind: Option<Kind>| {
        match defined.get(label) {
            Some((first, first_pos, _)) => {
                diags
                    .error(
                        file,
                        pos,
                        format!(
                            "the label #{label} is used twice; the first is at {first}:{}:{}",
                            first_pos.line, first_pos.col
                        ),
                    )
                    .hint("give each labelled paragraph, heading, section, chart and annex its own name");
            }
            None => {
                defined.insert(label.to_string(), (file.to_string(), pos, kind));
            }
        }
    };
    let mut seen_files = std::collections::BTreeSet::new();
    for c in &project.contributions {
        let is_original = c.language.value == original
            || !project.contributions.iter().any(|v| {
                v.kind == c.kind && v.id.value == c.id.value && v.language.value == original
            });
        if is_original && seen_files.insert(c.file.clone()) {
            for (label, pos) in &c.body.labels {
                define(diags, label, &c.file, *pos, Some(c.kind));
            }
        }
    }
    // The texts' labels first: they are the project's, shown by any document.
    for doc in &project.documents {
        for file in file_sections(doc) {
            if let Some((_, body)) = file.texts.first()
                && seen_files.insert(body.file.clone())
            {
                for (label, pos) in &body.labels {
                    define(diags, label, &body.file, *pos, None);
                }
            }
        }
    }
    // Then each document's own (`label:` of its sections, charts and annexes), which another
    // document may use for its own sections.
    let texts = defined.clone();
    let mut replies: Vec<(Kind, &str)> = Vec::new();
    for doc in &project.documents {
        let mut own = texts.clone();
        let mut yaml_labels: Vec<&Located<String>> = Vec::new();
        for section in &doc.sections {
            match section {
                document::Section::File(file) => yaml_labels.extend(&file.label),
                document::Section::Contributions(c) => {
                    yaml_labels.extend(&c.label);
                    if c.order == document::Order::RepliesFromStates {
                        replies.push((c.kind, doc.file.as_str()));
                    }
                }
                document::Section::Chart { chart, .. } => yaml_labels.extend(&chart.label),
            }
        }
        for annex in &doc.annexes {
            yaml_labels.extend(&annex.label);
            if let document::AnnexContent::Chart(chart) = &annex.content {
                yaml_labels.extend(&chart.label);
            }
        }
        for label in yaml_labels {
            match own.get(&label.value) {
                Some((first, first_pos, _)) => {
                    diags
                        .error(
                            &doc.file,
                            label.pos,
                            format!(
                                "the label #{} is used twice; the first is at {first}:{}:{}",
                                label.value, first_pos.line, first_pos.col
                            ),
                        )
                        .hint("give each labelled paragraph, heading, section, chart and annex its own name");
                }
                None => {
                    own.insert(label.value.clone(), (doc.file.clone(), label.pos, None));
                    defined.entry(label.value.clone()).or_insert((
                        doc.file.clone(),
                        label.pos,
                        None,
                    ));
                }
            }
        }
    }

    // Every reference, in every version of every text.
    let mut refs: Vec<(&str, &str, Pos)> = Vec::new();
    for c in &project.contributions {
        refs.extend(
            c.body
                .refs
                .iter()
                .map(|(l, p)| (l.as_str(), c.file.as_str(), *p)),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for doc in &project.documents {
        for file in file_sections(doc) {
            for (_, body) in &file.texts {
                if seen.insert(body.file.as_str()) {
                    refs.extend(
                        body.refs
                            .iter()
                            .map(|(l, p)| (l.as_str(), body.file.as_str(), *p)),
                    );
                }
            }
        }
    }
    for (label, file, pos) in refs {
        match defined.get(label) {
            None => {
                let diag = diags.error(file, pos, format!("there is no label #{label}"));
                match crate::diag::did_you_mean(label, defined.keys().map(String::as_str)) {
                    Some(like) => diag.hint(format!("did you mean [](#{like})?")),
                    None => diag.hint(format!(
                        "put {{#{label}}} at the end of the paragraph or heading it names, or `label: {label}` on a section, chart or annex"
                    )),
                };
            }
            Some((target_file, _, Some(kind))) => {
                if let Some((_, doc_file)) = replies.iter().find(|(k, _)| k == kind) {
                    diags
                        .error(
                            file,
                            pos,
                            format!(
                                "#{label} stands in {target_file}, which {doc_file} shows in the form for replies from States: its paragraphs have no numbers, and its place differs between the language versions"
                            ),
                        )
                        .hint("refer to the section's heading instead, or use `order: same-in-all-languages`");
                }
            }
            Some(_) => {}
        }
    }
}

/// The rapporteur's files a document shows, in its sections and its annexes.
fn file_sections(doc: &DocumentSpec) -> impl Iterator<Item = &document::FileSection> {
    doc.sections
        .iter()
        .filter_map(|s| match s {
            document::Section::File(f) => Some(f),
            _ => None,
        })
        .chain(doc.annexes.iter().filter_map(|a| match &a.content {
            document::AnnexContent::File(f) => Some(f),
            _ => None,
        }))
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
