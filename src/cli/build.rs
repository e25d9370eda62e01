//! `speca-docs build`: check, consolidate, write and publish documents.

use std::path::Path;
use std::time::Instant;

use super::{EXIT_INPUT, Format, report, usage_error};
use crate::consolidate::{self, Options};
use crate::diag::{Diagnostics, Pos, did_you_mean};
use crate::load::template::{self, Template};
use crate::load::{Project, document::DocumentSpec};
use crate::model::Date;
use crate::publish::{self, Output};
use crate::write;

/// What a build can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum OutputFormat {
    /// PDF typeset by the embedded Typst compiler.
    Pdf,
    /// The generated Typst source (for template authors).
    Typ,
}

impl OutputFormat {
    fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Typ => "typ",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The documents to build (ids from sources/documents/); all when none are named.
    #[arg(value_name = "DOC_ID")]
    pub documents: Vec<String>,
    /// Output formats, comma-separated.
    #[arg(long = "to", value_enum, value_delimiter = ',', default_value = "pdf")]
    pub formats: Vec<OutputFormat>,
    /// Languages to build, comma-separated (default: every language of the meeting).
    #[arg(long = "lang", value_delimiter = ',')]
    pub languages: Vec<String>,
    /// The version folder and the version printed on drafts.
    #[arg(long, default_value = "draft")]
    pub version: String,
    /// A final release: no version or draft mark is printed.
    #[arg(long = "final")]
    pub is_final: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(dir: &Path, args: &BuildArgs) -> u8 {
    if !publish::is_valid_version(&args.version) {
        return usage_error(&format!(
            "\"{}\" cannot be a version: use letters, digits, '.', '-', '_' or '+', e.g. v1.0 or 2022-10-15",
            args.version
        ));
    }
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(project) => project,
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    let Some(project) = project.filter(|_| !diags.has_errors()) else {
        report::print(&diags, args.format, args.deny_warnings);
        return EXIT_INPUT;
    };

    // What to build: usage errors before any work.
    let documents: Vec<&DocumentSpec> = if args.documents.is_empty() {
        project.documents.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for id in &args.documents {
            match project.document(id) {
                Some(doc) => chosen.push(doc),
                None => {
                    let ids: Vec<&str> = project.documents.iter().map(|d| d.id.as_str()).collect();
                    let hint = match did_you_mean(id, ids.iter().copied()) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => format!("the documents are: {}", ids.join(", ")),
                    };
                    return usage_error(&format!(
                        "no document \"{id}\" in sources/documents/; {hint}"
                    ));
                }
            }
        }
        chosen
    };
    let languages: Vec<String> = if args.languages.is_empty() {
        project.meeting.languages.clone()
    } else {
        for lang in &args.languages {
            if !project.meeting.languages.contains(lang) {
                return usage_error(&format!(
                    "\"{lang}\" is not a language of the meeting (meeting.yaml lists {})",
                    project.meeting.languages.join(", ")
                ));
            }
        }
        args.languages.clone()
    };
    let mut formats = args.formats.clone();
    formats.sort();
    formats.dedup();

    let options = Options {
        version: args.version.clone(),
        is_final: args.is_final,
    };
    let mut failed = false;
    let mut published = Vec::new();
    for spec in documents {
        let Some(template) = template::load(dir, &spec.template.value, &mut diags) else {
            failed = true;
            continue;
        };
        match build_document(
            &project, spec, &template, &languages, &formats, &options, &mut diags,
        ) {
            Some(outputs) => {
                let folder = publish::version_dir(dir, &spec.id, &args.version);
                match publish::write_all(
                    &folder,
                    &outputs.iter().map(|(o, _)| o.clone()).collect::<Vec<_>>(),
                ) {
                    Ok(()) => published.extend(
                        outputs
                            .into_iter()
                            .map(|(o, line)| (folder.join(&o.name), line)),
                    ),
                    Err(err) => {
                        diags.error(
                            "",
                            Pos::FILE,
                            format!("cannot write {}: {err}", folder.display()),
                        );
                        failed = true;
                    }
                }
            }
            None => failed = true,
        }
    }
    report::print(&diags, args.format, args.deny_warnings);
    for (path, line) in &published {
        let shown = path.strip_prefix(dir).unwrap_or(path);
        eprintln!("{}  {line}", shown.display());
    }
    if failed || diags.has_errors() || (args.deny_warnings && diags.warning_count() > 0) {
        EXIT_INPUT
    } else {
        0
    }
}

/// The date a build stamps into its outputs: the document's date, else `SOURCE_DATE_EPOCH`,
/// else the meeting's last day; never the clock.
pub fn build_date(project: &Project, spec: &DocumentSpec) -> Date {
    if let Some(date) = spec.date {
        return date;
    }
    if let Some(seconds) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return Date::from_unix_seconds(seconds);
    }
    project.meeting.dates.map(|(_, end)| end).unwrap_or(Date {
        year: 1980,
        month: 1,
        day: 1,
    })
}

/// Builds every language and format of one document in memory. Each output comes with its
/// summary line (pages, time). `None` when anything failed (reported in `diags`).
fn build_document(
    project: &Project,
    spec: &DocumentSpec,
    template: &Template,
    languages: &[String],
    formats: &[OutputFormat],
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Vec<(Output, String)>> {
    let date = build_date(project, spec);
    let mut documents = Vec::new();
    for lang in languages {
        let labels = match template
            .labels
            .get(lang)
            .or_else(|| template.labels.get(project.meeting.original_language()))
        {
            Some(labels) => labels,
            None => {
                diags.error(
                    &format!("templates/{}/labels.yaml", template.name),
                    Pos::FILE,
                    format!("no labels for \"{lang}\""),
                );
                return None;
            }
        };
        documents.push(consolidate::consolidate(
            project, spec, lang, labels, options, diags,
        ));
    }

    // Every language and format is independent: typeset them on all cores.
    let results: Vec<Result<Vec<(Output, String)>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = documents
            .iter()
            .map(|doc| scope.spawn(move || write_formats(doc, template, formats, date)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("the writer stopped unexpectedly".into()))
            })
            .collect()
    });
    let mut outputs = Vec::new();
    let mut ok = true;
    for result in results {
        match result {
            Ok(files) => outputs.extend(files),
            Err(message) => {
                diags.error(&spec.file, Pos::FILE, message);
                ok = false;
            }
        }
    }
    ok.then_some(outputs)
}

fn write_formats(
    doc: &crate::model::Document,
    template: &Template,
    formats: &[OutputFormat],
    date: Date,
) -> Result<Vec<(Output, String)>, String> {
    let mut outputs = Vec::new();
    let start = Instant::now();
    let typst_source = write::typst::to_typst(doc, template)?;
    for format in formats {
        let name = format!("{}.{}.{}", doc.id, doc.lang, format.extension());
        match format {
            OutputFormat::Typ => {
                outputs.push((
                    Output {
                        name,
                        bytes: typst_source.clone().into_bytes(),
                    },
                    "Typst source".to_string(),
                ));
            }
            OutputFormat::Pdf => {
                let world = write::typst::world::SpecaWorld::new(
                    doc,
                    template,
                    typst_source.clone(),
                    Some(date),
                );
                let pdf =
                    write::typst::compile(&world, &format!("{}.{}", doc.id, doc.lang), Some(date))
                        .map_err(|err| {
                            format!("typesetting the {} PDF failed:\n{err}", doc.lang)
                        })?;
                let line = format!(
                    "{} pages  {:.1} s",
                    pdf.pages,
                    start.elapsed().as_secs_f64()
                );
                outputs.push((
                    Output {
                        name,
                        bytes: pdf.bytes,
                    },
                    line,
                ));
            }
        }
    }
    Ok(outputs)
}
