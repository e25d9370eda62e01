//! `speca-docs import`: Word files (filled forms or any document) into contribution files.

use std::path::{Path, PathBuf};

use super::form::ContributionType;
use super::{EXIT_INPUT, Format, report, usage_error};
use crate::diag::{Diagnostics, Pos};
use crate::import::word::{ReadOptions, TrackedChanges};
use crate::import::{Imported, Request};
use crate::publish::Output;

/// The largest Word file read at all; its parts are bounded again inside.
const MAX_FILE_BYTES: u64 = 256 << 20;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The Word files (.docx) to import.
    #[arg(value_name = "FILE.docx", required = true)]
    pub files: Vec<PathBuf>,
    /// The kind of contribution, when the file does not say (a plain document).
    #[arg(long = "type", value_enum)]
    pub kind: Option<ContributionType>,
    /// The country, by code or name, when the file does not say.
    #[arg(long, value_name = "CODE", add = super::complete::countries())]
    pub country: Option<String>,
    /// The language of the text, when the file does not say.
    #[arg(long = "lang", value_name = "LANG", value_parser = super::language_code, add = super::complete::languages())]
    pub lang: Option<String>,
    /// A case study's id (default: made from its title).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Replace a source file (or image) that exists already.
    #[arg(long)]
    pub force: bool,
    /// Print the Markdown instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
    /// Read the text as if every tracked change were accepted.
    #[arg(long, conflicts_with = "reject_changes")]
    pub accept_changes: bool,
    /// Read the text as if every tracked change were rejected.
    #[arg(long)]
    pub reject_changes: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

pub fn run(dir: &Path, args: &ImportArgs) -> u8 {
    // Only meeting.yaml must be sound: the rest of the project is checked below, for the files
    // this import writes.
    let meeting = match super::meeting_only(dir, args.format) {
        Ok(meeting) => meeting,
        Err(code) => return code,
    };
    let meeting = &meeting;
    let country = match &args.country {
        None => None,
        Some(text) => match meeting.find_country(text) {
            Some(country) => Some(country.code.clone()),
            None => {
                let hint = meeting
                    .country_hint(text)
                    .map(|hint| format!(": {hint}"))
                    .unwrap_or_default();
                return usage_error(&format!(
                    "--country \"{text}\" is not a country of the meeting{hint}"
                ));
            }
        },
    };
    if let Some(lang) = &args.lang
        && !meeting.languages.contains(lang)
    {
        return usage_error(&format!(
            "--lang \"{lang}\" is not a language of the meeting (languages: {})",
            meeting.languages.join(", ")
        ));
    }
    let changes = if args.accept_changes {
        TrackedChanges::Accept
    } else if args.reject_changes {
        TrackedChanges::Reject
    } else {
        TrackedChanges::Refuse
    };

    // A file that cannot be read is a usage problem, as clap's own: nothing is imported.
    let mut files = Vec::new();
    for path in &args.files {
        // As with `git -C`, a relative path is taken from the project's folder.
        match read_bounded(&dir.join(path)) {
            Ok(bytes) => files.push((path.display().to_string(), bytes)),
            Err(message) => {
                // `-C DIR import DIR/replies/x.docx` reads DIR/DIR/replies/x.docx: say where
                // the path was looked for.
                let from = if path.is_relative() && dir != Path::new(".") {
                    format!(
                        " (a relative path is taken from the project folder, so this is {})",
                        dir.join(path).display()
                    )
                } else {
                    String::new()
                };
                return usage_error(&format!("{}: {message}{from}", path.display()));
            }
        }
    }
    // A translation sheet (`translate export --format docx`) returned from a translator is a
    // translation: it goes where `translate import` puts it.
    let sheets = files
        .iter()
        .filter(|(name, bytes)| crate::translate::sheet::marker(name, bytes).is_ok())
        .count();
    if sheets > 0 {
        if sheets < files.len() {
            return usage_error(
                "some of these files are translation sheets and some are not: import the sheets on their own",
            );
        }
        return super::translate::run(
            dir,
            &super::translate::TranslateArgs {
                command: super::translate::TranslateCommand::Import(super::translate::ImportArgs {
                    files: args.files.clone(),
                    allow_partial: false,
                }),
            },
        );
    }
    // The project's problems before this import, so that those it adds are told apart, on
    // whichever file they are reported (a duplicate is reported on the second file by name).
    let mut before = Diagnostics::new();
    if let Err(err) = crate::load::load(dir, &mut before) {
        return usage_error(&err.to_string());
    }

    let mut problems = Diagnostics::new();
    let mut done: Vec<Done> = Vec::new();
    for (name, bytes) in &files {
        let request = Request {
            name,
            bytes,
            kind: args.kind.map(Into::into),
            country: country.as_deref(),
            lang: args.lang.as_deref(),
            id: args.id.as_deref(),
            read: ReadOptions {
                changes,
                ..ReadOptions::default()
            },
        };
        let Some(imported) = crate::import::import(meeting, &request, &mut problems) else {
            continue;
        };
        if let Some(first) = done.iter().find(|d| d.file == imported.path) {
            problems
                .error(
                    name,
                    Pos::FILE,
                    format!(
                        "{} would become {} too, as {} did; nothing was written for it",
                        name, imported.path, first.source
                    ),
                )
                .hint("import them one at a time, with --lang or --id telling them apart");
            continue;
        }
        if !args.dry_run
            && let Err((message, hint)) = write(dir, &imported, args.force)
        {
            problems.error(name, Pos::FILE, message).hint(hint);
            continue;
        }
        done.push(Done {
            source: name.clone(),
            file: imported.path.clone(),
            markdown: imported.markdown,
        });
    }

    // What was written is checked like any source: the problems it adds are reported at their
    // lines, with the Word file they came from.
    if !args.dry_run && !done.is_empty() {
        let mut after = Diagnostics::new();
        if let Err(err) = crate::load::load(dir, &mut after) {
            return usage_error(&err.to_string());
        }
        let known: Vec<&crate::diag::Diagnostic> = before.iter().collect();
        for d in after.iter().filter(|d| !known.contains(d)) {
            let mut d = d.clone();
            let origin = match done.iter().find(|done| done.file == d.file) {
                Some(done) => format!(
                    "imported from {}: correct the Word file and import it again with --force, or edit this file",
                    done.source
                ),
                None => format!(
                    "since importing {}",
                    done.iter()
                        .map(|d| d.source.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            d.hint = Some(match d.hint {
                Some(hint) => format!("{hint} ({origin})"),
                None => origin,
            });
            problems.push(d);
        }
    }

    match args.format {
        Format::Json => {
            let files: Vec<serde_json::Value> = done
                .iter()
                .map(|d| {
                    let mut file = serde_json::json!({
                        "source": d.source,
                        "file": d.file,
                        "written": !args.dry_run,
                    });
                    if args.dry_run {
                        file["markdown"] = serde_json::Value::String(d.markdown.clone());
                    }
                    file
                })
                .collect();
            let out = serde_json::json!({"files": files, "diagnostics": problems.sorted()});
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        format => {
            if args.dry_run {
                for d in &done {
                    print!("{}", d.markdown);
                }
            }
            report::print(&problems, format, false);
            if format == Format::Human && !args.dry_run {
                for d in &done {
                    eprintln!("{} → {}", d.source, d.file);
                }
            }
        }
    }
    if problems.has_errors() { EXIT_INPUT } else { 0 }
}

/// A Word file imported (or, in a dry run, that would be).
struct Done {
    /// The Word file as named on the command line.
    source: String,
    /// The contribution file, relative to the project.
    file: String,
    markdown: String,
}

/// The file's bytes, refused beyond [`MAX_FILE_BYTES`] before they are read.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} MB; a contribution never needs that much",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Writes the contribution and its images, each atomically, refusing to replace an existing
/// file without `force`. The error is a message and a hint.
fn write(dir: &Path, imported: &Imported, force: bool) -> Result<(), (String, String)> {
    let target = dir.join(&imported.path);
    let media_dir = dir.join("sources").join("media");
    if !force {
        let mut existing = Vec::new();
        if target.exists() {
            existing.push(imported.path.clone());
        }
        for (name, bytes) in &imported.media {
            let path = media_dir.join(name);
            // The same image imported again is no conflict.
            if path.exists() && std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
                existing.push(format!("sources/media/{name}"));
            }
        }
        if !existing.is_empty() {
            return Err((
                format!(
                    "{} exists already; nothing was written",
                    existing.join(", ")
                ),
                "add --force to replace it, or --dry-run to see what would be written".into(),
            ));
        }
    }
    let failed = |e: std::io::Error| {
        (
            format!("cannot write {}: {e}", imported.path),
            String::from("check that the folder can be written to"),
        )
    };
    if force {
        // Replacing: each folder's files are swapped in together, or the old ones stay.
        if !imported.media.is_empty() {
            let outputs: Vec<Output> = imported
                .media
                .iter()
                .map(|(name, bytes)| Output {
                    name: name.clone(),
                    bytes: bytes.clone(),
                })
                .collect();
            crate::publish::write_all(&media_dir, &outputs).map_err(failed)?;
        }
        let (folder, name) = imported
            .path
            .rsplit_once('/')
            .unwrap_or(("", &imported.path));
        return crate::publish::write_all(
            &dir.join(folder),
            &[Output {
                name: name.to_string(),
                bytes: imported.markdown.clone().into_bytes(),
            }],
        )
        .map_err(failed);
    }
    // New files only: a file that appeared since the check above is not replaced either.
    for (name, bytes) in &imported.media {
        let path = media_dir.join(name);
        if std::fs::read(&path).ok().as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        crate::publish::write_new(&path, bytes).map_err(failed)?;
    }
    crate::publish::write_new(&target, imported.markdown.as_bytes()).map_err(failed)
}
