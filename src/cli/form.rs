//! `speca-docs form`: a Word submission form per country, kind of contribution and language.

use std::path::{Path, PathBuf};

use super::{EXIT_INPUT, Format, report, usage_error};
use crate::diag::Diagnostics;
use crate::load::contribution::Kind;
use crate::load::meeting::Meeting;
use crate::model::Date;
use crate::publish::Output;

/// A kind of contribution, as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ContributionType {
    CountryInput,
    CaseStudy,
}

impl From<ContributionType> for Kind {
    fn from(kind: ContributionType) -> Kind {
        match kind {
            ContributionType::CountryInput => Kind::CountryInput,
            ContributionType::CaseStudy => Kind::CaseStudy,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct FormArgs {
    /// The countries, by code or name (default: every country of meeting.yaml).
    #[arg(value_name = "COUNTRY", add = super::complete::countries())]
    pub countries: Vec<String>,
    /// The kind of contribution the form asks for.
    #[arg(long = "type", value_enum, default_value = "country-input")]
    pub kind: ContributionType,
    /// Languages, comma-separated (default: every language of the meeting).
    #[arg(long = "lang", value_delimiter = ',', value_parser = super::language_code, add = super::complete::languages())]
    pub languages: Vec<String>,
    /// The folder to write the forms to (default: forms/ in the project).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(dir: &Path, args: &FormArgs) -> u8 {
    // Forms need only the meeting: a broken contribution does not stop them.
    let meeting = match super::meeting_only(dir, args.format) {
        Ok(meeting) => meeting,
        Err(code) => return code,
    };
    let meeting = &meeting;

    let mut countries = Vec::new();
    for text in &args.countries {
        match meeting.find_country(text) {
            Some(country) => countries.push(country.code.clone()),
            None => {
                let hint = meeting
                    .country_hint(text)
                    .map(|hint| format!(": {hint}"))
                    .unwrap_or_default();
                return usage_error(&format!(
                    "\"{text}\" is not a country of the meeting{hint} (countries: {})",
                    codes(meeting)
                ));
            }
        }
    }
    if countries.is_empty() {
        countries = meeting.countries.iter().map(|c| c.code.clone()).collect();
    }
    let countries = super::build::unique(&countries);
    let languages = if args.languages.is_empty() {
        meeting.languages.clone()
    } else {
        super::build::unique(&args.languages)
    };
    for lang in &languages {
        if !meeting.languages.contains(lang) {
            return usage_error(&format!(
                "\"{lang}\" is not a language of the meeting (languages: {})",
                meeting.languages.join(", ")
            ));
        }
    }

    let mut template_diags = Diagnostics::new();
    let Some(template) = crate::template::load(dir, "un-document", &mut template_diags) else {
        report::print(&template_diags, args.format, false);
        return EXIT_INPUT;
    };
    let docx = match crate::write::docx::DocxTemplate::new(&template) {
        Ok(docx) => docx,
        Err(err) => {
            err.report(&mut template_diags);
            report::print(&template_diags, args.format, false);
            return EXIT_INPUT;
        }
    };
    let options = crate::write::docx::DocxOptions {
        build_date: form_date(meeting),
        generator: crate::build::TOOL,
    };
    let kind = Kind::from(args.kind);
    let mut outputs = Vec::new();
    for code in &countries {
        for lang in &languages {
            let form = crate::forms::form(meeting, template.labels.get(lang), code, kind, lang);
            match crate::write::docx::write_form(&form, &docx, &options) {
                Ok(bytes) => outputs.push(Output {
                    name: format!("{}.{}.{lang}.docx", code.to_ascii_lowercase(), kind.name()),
                    bytes,
                }),
                Err(err) => {
                    eprintln!(
                        "error: cannot write the form for {code} ({lang}): {}",
                        err.message
                    );
                    return EXIT_INPUT;
                }
            }
        }
    }
    let out_dir = match &args.output {
        // As with `git -C`, a relative folder is taken from the project's folder.
        Some(path) => dir.join(path),
        None => dir.join("forms"),
    };
    if let Err(err) = crate::publish::write_all(&out_dir, &outputs) {
        eprintln!(
            "error: cannot write the forms to {}: {err}",
            out_dir.display()
        );
        return EXIT_INPUT;
    }
    for output in &outputs {
        println!("{}", out_dir.join(&output.name).display());
    }
    eprintln!(
        "wrote {} form(s); send each to its country's focal point, then read the replies with `speca-docs import`",
        outputs.len()
    );
    0
}

fn codes(meeting: &Meeting) -> String {
    meeting
        .countries
        .iter()
        .map(|c| c.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The date in a form's properties: `SOURCE_DATE_EPOCH` when set, else the meeting's deadline
/// or first day; never the clock, so forms are reproducible.
fn form_date(meeting: &Meeting) -> Date {
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return Date::from_unix_seconds(seconds);
    }
    meeting
        .deadline
        .or(meeting.dates.map(|(start, _)| start))
        .unwrap_or(Date {
            year: 1980,
            month: 1,
            day: 1,
        })
}
