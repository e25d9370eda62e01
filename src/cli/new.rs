//! `speca-docs new`: write the skeleton of a country input or a case study for an expert.

use std::path::Path;

use clap::Subcommand;

use super::{EXIT_INPUT, Format, usage_error};
use crate::diag::did_you_mean;
use crate::load::contribution::{id_from_words, is_valid_id};
use crate::load::meeting::{Country, Meeting};

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewKind,
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A country input: sources/countries/<code>.<lang>.md
    CountryInput {
        /// The country: its code (KAZ) or its name in a language of the meeting.
        #[arg(add = super::complete::countries())]
        country: String,
        /// The language it is written in (default: the meeting's first language).
        #[arg(long, value_parser = super::language_code, add = super::complete::languages())]
        lang: Option<String>,
    },
    /// A case study: sources/case-studies/<id>.<lang>.md
    CaseStudy {
        /// The country, or several for a case across borders: codes or names.
        #[arg(required = true, add = super::complete::countries())]
        countries: Vec<String>,
        /// The case study's id: lowercase letters, digits and hyphens, e.g. kaz-astana-hub.
        #[arg(long)]
        id: Option<String>,
        /// The language it is written in (default: the meeting's first language).
        #[arg(long, value_parser = super::language_code, add = super::complete::languages())]
        lang: Option<String>,
    },
}

pub fn run(dir: &Path, args: &NewArgs) -> u8 {
    // A skeleton lists the meeting's countries, themes and indicators: a meeting.yaml with
    // errors would give a wrong one.
    let meeting = match super::meeting_only(dir, Format::Human) {
        Ok(meeting) => meeting,
        Err(EXIT_INPUT) => {
            eprintln!(
                "error: sources/meeting.yaml must be mended before a skeleton can be written"
            );
            return EXIT_INPUT;
        }
        Err(code) => return code,
    };
    let lang = match &args.what {
        NewKind::CountryInput { lang, .. } | NewKind::CaseStudy { lang, .. } => lang
            .clone()
            .unwrap_or_else(|| meeting.original_language().to_string()),
    };
    if !meeting.languages.contains(&lang) {
        let suggestion = did_you_mean(&lang, meeting.languages.iter().map(String::as_str))
            .map(|l| format!("did you mean \"{l}\"? "))
            .unwrap_or_default();
        return usage_error(&format!(
            "\"{lang}\" is not a language of the meeting; {suggestion}meeting.yaml lists: {}",
            meeting.languages.join(", ")
        ));
    }
    let (file, text) = match &args.what {
        NewKind::CountryInput { country, .. } => {
            let country = match find_country(&meeting, country) {
                Ok(country) => country,
                Err(message) => return usage_error(&message),
            };
            (
                format!(
                    "sources/countries/{}.{lang}.md",
                    country.code.to_lowercase()
                ),
                crate::skeleton::country_input(&meeting, country, &lang),
            )
        }
        NewKind::CaseStudy { countries, id, .. } => {
            let mut found = Vec::new();
            for written in countries {
                match find_country(&meeting, written) {
                    Ok(country) if found.iter().any(|c: &&Country| c.code == country.code) => {}
                    Ok(country) => found.push(country),
                    Err(message) => return usage_error(&message),
                }
            }
            let id = match check_id(id.as_deref(), &found[0].code) {
                Ok(id) => id,
                Err(message) => return usage_error(&message),
            };
            (
                format!("sources/case-studies/{id}.{lang}.md"),
                crate::skeleton::case_study(&meeting, id, &found, &lang),
            )
        }
    };
    match crate::publish::write_new(&dir.join(&file), text.as_bytes()) {
        Ok(()) => {
            let check = if dir == Path::new(".") {
                "speca-docs check".to_string()
            } else {
                format!("speca-docs -C {} check", dir.display())
            };
            println!("wrote {file}");
            println!(
                "next: fill it in (the fields marked <…>, the text under the headings), then run `{check}`"
            );
            0
        }
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {file} already exists; nothing was written\n  hint: edit that file, or choose another {}",
                match args.what {
                    NewKind::CountryInput { .. } => "--lang",
                    NewKind::CaseStudy { .. } => "--id or --lang",
                }
            );
            EXIT_INPUT
        }
        Err(err) => {
            eprintln!("error: cannot write {file}: {err}; nothing was written");
            EXIT_INPUT
        }
    }
}

/// The meeting's country that `written` names: its code in any case, or its name in any
/// language of the meeting in any case. Anything else is an error message with the likely
/// country and the list.
fn find_country<'m>(meeting: &'m Meeting, written: &str) -> Result<&'m Country, String> {
    if let Some(country) = meeting.find_country(written) {
        return Ok(country);
    }
    let listed = meeting
        .countries
        .iter()
        .map(|c| c.code.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let suggestion = meeting
        .country_hint(written)
        .map(|hint| format!("{hint} "))
        .unwrap_or_default();
    Err(format!(
        "\"{written}\" is not a country of meeting.yaml; {suggestion}its countries are: {listed}"
    ))
}

/// The case study's id when it is usable, else a message suggesting one.
fn check_id<'a>(id: Option<&'a str>, first_country: &str) -> Result<&'a str, String> {
    let prefix = first_country.to_lowercase();
    let Some(id) = id else {
        return Err(format!(
            "a case study needs an id: add --id {prefix}-… (lowercase letters, digits and \
             hyphens, e.g. {prefix}-technology-park); it names the file and links translations"
        ));
    };
    if is_valid_id(id) {
        return Ok(id);
    }
    // "Astana Hub" → "kaz-astana-hub": what the expert most likely meant.
    let suggestion = id_from_words(first_country, id).unwrap_or_else(|| format!("{prefix}-…"));
    Err(format!(
        "\"{id}\" cannot be an id: use lowercase letters, digits and hyphens, e.g. --id {suggestion}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_suggested_from_what_was_typed() {
        assert_eq!(check_id(Some("kaz-hub"), "KAZ"), Ok("kaz-hub"));
        let err = check_id(Some("Astana Hub"), "KAZ").unwrap_err();
        assert!(err.ends_with("--id kaz-astana-hub"), "{err}");
        let err = check_id(Some("KAZ Astana_Hub"), "KAZ").unwrap_err();
        assert!(err.ends_with("--id kaz-astana-hub"), "{err}");
        assert!(check_id(None, "KAZ").unwrap_err().contains("--id kaz-…"));
    }
}
