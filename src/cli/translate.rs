//! `speca-docs translate`: translations out to translators (XLIFF 2.1) and back, and the
//! record of which state of its original each translation was made from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{EXIT_INPUT, report, usage_error};
use crate::diag::{Diagnostics, Pos};
use crate::load::Project;
use crate::translate::state::{self, Entry, Lock, Recorded, Text, read_source};
use crate::translate::units::{Piece, Unit, units};
use crate::translate::{apply, xliff};

#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    #[command(subcommand)]
    pub command: TranslateCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TranslateCommand {
    /// Write XLIFF 2.1 files for translators: every contribution and rapporteur's file whose
    /// LANG version is missing or out of date (only its changed units), or the files named.
    Export(ExportArgs),
    /// Write translations from returned XLIFF files into sources/, every other line kept.
    Import(ImportArgs),
    /// Record that translations, checked by a person, are up to date with their originals.
    Mark(MarkArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Contribution or rapporteur's files (any of their language versions; default: every
    /// text).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The language to translate into.
    #[arg(long = "to", value_name = "LANG", value_parser = super::language_code, add = super::complete::languages())]
    pub to: String,
    /// The folder to write to (default: output/translate/).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// XLIFF 2.1 for translation tools, or a Word file to overtype (DOCX).
    #[arg(long, value_enum, default_value = "xliff")]
    pub format: SheetFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    Xliff,
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The returned XLIFF files.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Keep the original's text for units left untranslated (else they are an error).
    #[arg(long)]
    pub allow_partial: bool,
}

#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// The translation files, checked by a person and up to date.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

impl TranslateArgs {
    /// The files and folders named on the command line.
    pub(super) fn paths_mut(&mut self) -> Vec<&mut PathBuf> {
        match &mut self.command {
            TranslateCommand::Export(export) => export
                .files
                .iter_mut()
                .chain(export.output.iter_mut())
                .collect(),
            TranslateCommand::Import(import) => import.files.iter_mut().collect(),
            TranslateCommand::Mark(mark) => mark.files.iter_mut().collect(),
        }
    }
}

pub fn run(dir: &Path, args: &TranslateArgs) -> u8 {
    let mut diags = Diagnostics::new();
    let project = match crate::load::load(dir, &mut diags) {
        Ok(Some(project)) => project,
        Ok(None) => {
            report::print(&diags, report::Format::Human, false);
            return EXIT_INPUT;
        }
        Err(not_a_project) => return usage_error(&not_a_project.to_string()),
    };
    match &args.command {
        TranslateCommand::Export(export) => run_export(&project, export),
        TranslateCommand::Import(import) => run_import(&project, import),
        TranslateCommand::Mark(mark) => run_mark(&project, mark),
    }
}

/// The project-relative path of a file named on the command line.
fn relative(project: &Project, path: &Path) -> String {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let root = project.root.canonicalize().unwrap_or(project.root.clone());
    let full = joined.canonicalize().unwrap_or(joined);
    full.strip_prefix(&root)
        .map(crate::load::images::slash_path)
        .unwrap_or_else(|_| crate::load::images::slash_path(path))
}

/// The text (contribution or rapporteur's file) a file on the command line is a version of,
/// and that version's file.
fn text_of<'t>(project: &Project, texts: &'t [Text], path: &Path) -> Option<(&'t Text, String)> {
    let file = relative(project, path);
    let written = crate::load::images::slash_path(path);
    texts.iter().find_map(|t| {
        t.versions
            .iter()
            .find(|(_, f)| *f == file || *f == written || f.ends_with(&format!("/{written}")))
            .map(|(_, f)| (t, f.clone()))
    })
}

/// A file named on the command line that is no text of the project.
fn not_a_text(path: &Path) -> u8 {
    usage_error(&format!(
        "{} is no contribution or rapporteur's file of the project",
        path.display()
    ))
}

/// The original's units with their ids (those the lock gives, else new ones).
fn identified(units: &[Unit], entry: Option<&Entry>) -> Vec<String> {
    state::ids(units, entry.map_or(&[][..], |e| &e.units))
}

fn run_export(project: &Project, args: &ExportArgs) -> u8 {
    let lang = args.to.as_str();
    if !project.meeting.languages.iter().any(|l| l == lang) {
        return usage_error(&format!(
            "the meeting's languages are {}, not \"{lang}\"",
            project.meeting.languages.join(", ")
        ));
    }
    let mut diags = Diagnostics::new();
    let lock = Lock::read(&project.root, &mut diags);
    let texts = state::texts(project);
    // The texts to export, each once.
    let mut originals: Vec<&Text> = Vec::new();
    if args.files.is_empty() {
        originals = texts.iter().collect();
    } else {
        for path in &args.files {
            let Some((text, _)) = text_of(project, &texts, path) else {
                return not_a_text(path);
            };
            if !originals.contains(&text) {
                originals.push(text);
            }
        }
    }
    let folder = project.root.join(
        args.output
            .as_deref()
            .unwrap_or(Path::new("output/translate")),
    );
    let mut written = 0;
    for original in originals {
        if original.original_language() == lang {
            continue;
        }
        let Some(original_text) = read_source(project, original.original()) else {
            continue;
        };
        let original_units = units(&original_text);
        let target_file = original.file_for(lang);
        let translation_text = read_source(project, &target_file);
        let entry = lock
            .entries
            .get(&target_file)
            .filter(|e| e.original == original.original());
        let ids = identified(&original_units, entry);
        let translation_units = translation_text.as_deref().map(units);
        // Which units go out: all of a missing or unrecorded translation, the changed ones of
        // an out-of-date one, none of an up-to-date one.
        let (wanted, previous): (Vec<usize>, BTreeMap<String, String>) =
            match (&translation_text, entry) {
                (None, _) => ((0..original_units.len()).collect(), BTreeMap::new()),
                // A translation made by hand: its state is unknown, so it goes out whole (with its
                // text as the starting target) when it is named, and not by default.
                (Some(_), None) if args.files.is_empty() => (Vec::new(), BTreeMap::new()),
                (Some(_), None) => ((0..original_units.len()).collect(), BTreeMap::new()),
                (Some(_), Some(entry)) => {
                    let changed: Vec<String> = state::changes(&original_units, entry)
                        .into_iter()
                        .filter(|c| c.change != "removed")
                        .map(|c| c.id)
                        .collect();
                    let previous = entry
                        .units
                        .iter()
                        .map(|r| (r.id.clone(), r.text.clone()))
                        .collect();
                    (
                        (0..original_units.len())
                            .filter(|i| changed.contains(&ids[*i]))
                            .collect(),
                        previous,
                    )
                }
            };
        if wanted.is_empty() {
            continue;
        }
        let exports: Vec<xliff::Export> = wanted
            .iter()
            .map(|&i| {
                let unit = &original_units[i];
                // The translation so far, when its codes are the original's.
                let target = translation_units
                    .as_ref()
                    .and_then(|t| t.get(i))
                    .filter(|t| t.kind == unit.kind && same_codes(&t.pieces, &unit.pieces))
                    .map(|t| t.pieces.clone());
                xliff::Export {
                    id: ids[i].clone(),
                    unit,
                    target,
                    previous_source: previous.get(&ids[i]).cloned(),
                }
            })
            .collect();
        let (bytes, extension) = match args.format {
            SheetFormat::Xliff => (
                xliff::write(
                    original.original(),
                    &target_file,
                    original.original_language(),
                    lang,
                    &exports,
                )
                .into_bytes(),
                "xlf",
            ),
            SheetFormat::Docx => {
                let units: Vec<(String, &Unit)> =
                    exports.iter().map(|e| (e.id.clone(), e.unit)).collect();
                let sheet = crate::translate::sheet::sheet(original.original(), lang, &units);
                match write_sheet(project, &sheet) {
                    Ok(bytes) => (bytes, "docx"),
                    Err(code) => return code,
                }
            }
        };
        let path = folder.join(format!(
            "{}.{}-{lang}.{extension}",
            original.export_stem(),
            original.original_language()
        ));
        if let Err(err) = crate::publish::replace(&path, &bytes) {
            eprintln!("{}: error: cannot write it: {err}", path.display());
            return EXIT_INPUT;
        }
        println!("{}  {} units", path.display(), exports.len());
        written += 1;
    }
    if written == 0 {
        eprintln!("every {lang} translation is up to date: nothing to export");
    }
    report::print(&diags, report::Format::Human, false);
    if diags.has_errors() { EXIT_INPUT } else { 0 }
}

/// A translation sheet as a Word file, with the project's template's styles.
fn write_sheet(project: &Project, sheet: &crate::model::TranslationSheet) -> Result<Vec<u8>, u8> {
    let mut diags = Diagnostics::new();
    let Some(template) = crate::template::load(&project.root, "un-document", &mut diags) else {
        report::print(&diags, report::Format::Human, false);
        return Err(EXIT_INPUT);
    };
    let docx = match crate::write::docx::DocxTemplate::new(&template) {
        Ok(docx) => docx,
        Err(err) => {
            err.report(&mut diags);
            report::print(&diags, report::Format::Human, false);
            return Err(EXIT_INPUT);
        }
    };
    let options = crate::write::docx::DocxOptions {
        build_date: crate::model::Date {
            year: 2000,
            month: 1,
            day: 1,
        },
        generator: crate::build::TOOL,
    };
    crate::write::docx::write_sheet(sheet, &docx, &options).map_err(|err| {
        eprintln!("error: the translation sheet cannot be written: {err}");
        EXIT_INPUT
    })
}

/// Whether two units' texts have the same codes in the same order.
fn same_codes(a: &[Piece], b: &[Piece]) -> bool {
    let codes = |pieces: &[Piece]| -> Vec<String> {
        pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Open { id, markdown } => Some(format!("o{id}{markdown}")),
                Piece::Close { id, markdown } => Some(format!("c{id}{markdown}")),
                Piece::Code { id, markdown } => Some(format!("p{id}{markdown}")),
                Piece::Text(_) => None,
            })
            .collect()
    };
    codes(a) == codes(b)
}

fn run_import(project: &Project, args: &ImportArgs) -> u8 {
    let mut diags = Diagnostics::new();
    let mut lock = Lock::read(&project.root, &mut diags);
    if diags.has_errors() {
        report::print(&diags, report::Format::Human, false);
        return EXIT_INPUT;
    }
    let mut code = 0;
    for path in &args.files {
        let shown = path.display().to_string();
        match import_one(project, &mut lock, path, args.allow_partial) {
            Ok(message) => println!("{message}"),
            Err(problems) => {
                for (message, hint) in problems {
                    eprintln!("{shown}: error: {message}");
                    if let Some(hint) = hint {
                        eprintln!("  hint: {hint}");
                    }
                }
                code = EXIT_INPUT;
            }
        }
    }
    code
}

type Problems = Vec<(String, Option<String>)>;

fn refuse(message: impl Into<String>) -> Problems {
    vec![(message.into(), None)]
}

/// Imports one returned file; writes the translation and the lock, or nothing.
fn import_one(
    project: &Project,
    lock: &mut Lock,
    path: &Path,
    allow_partial: bool,
) -> Result<String, Problems> {
    let full = project.root.join(path);
    let meta = std::fs::metadata(&full).map_err(|err| refuse(format!("cannot read it: {err}")))?;
    if meta.len() > xliff::MAX_BYTES {
        return Err(refuse(format!(
            "the file is {} bytes, more than the {} an XLIFF file of a contribution may be; it is refused",
            meta.len(),
            xliff::MAX_BYTES
        )));
    }
    let bytes = std::fs::read(&full).map_err(|err| refuse(format!("cannot read it: {err}")))?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
    {
        return import_sheet(project, lock, path, &bytes, allow_partial);
    }
    let text = String::from_utf8(bytes).map_err(|_| refuse("the file is not UTF-8 text"))?;
    // The original it claims, which must be a text of the project.
    let claimed = crate::ooxml::read::parse_xml(&text, 1_000_000)
        .ok()
        .and_then(|tree| {
            tree.descendants()
                .find(|n| n.tag_name().name() == "file")
                .and_then(|n| n.attribute("original").map(str::to_string))
        });
    let texts = state::texts(project);
    let original = claimed
        .as_deref()
        .and_then(|file| state::text_of(&texts, file).map(|t| (t, file)));
    let Some((original, claimed_file)) = original else {
        // Its own problem first (a DTD, no XLIFF), else which contribution it names.
        let own = xliff::read(&text, &|_: &str| None).err();
        return Err(refuse(
            own.filter(|e| !e.contains("is none of"))
                .unwrap_or_else(|| {
                    format!(
                        "the file is for \"{}\", which is no contribution or rapporteur's file of this project",
                        claimed.unwrap_or_default()
                    )
                }),
        ));
    };
    let original_text = read_source(project, original.original())
        .ok_or_else(|| refuse("cannot read the original"))?;
    finish_import(
        project,
        lock,
        &text,
        (original, claimed_file),
        &original_text,
        allow_partial,
    )
}

fn finish_import(
    project: &Project,
    lock: &mut Lock,
    text: &str,
    (original, claimed_file): (&Text, &str),
    original_text: &str,
    allow_partial: bool,
) -> Result<String, Problems> {
    let (src, lang) = {
        // The languages, from the file.
        let tree =
            crate::ooxml::read::parse_xml(text, 1_000_000).map_err(|e| refuse(e.to_string()))?;
        let root = tree.root_element();
        (
            root.attribute("srcLang").unwrap_or_default().to_string(),
            root.attribute("trgLang").unwrap_or_default().to_string(),
        )
    };
    let original_units = units(original_text);
    let (ids, target_file, entry) = prepare(
        project,
        lock,
        (original, claimed_file),
        &original_units,
        &src,
        &lang,
    )?;
    let sources = |id: &str| -> Option<Vec<Piece>> {
        let i = ids.iter().position(|x| x == id)?;
        Some(original_units[i].pieces.clone())
    };
    let returned = xliff::read(text, &sources).map_err(refuse)?;
    write_translation(
        project,
        lock,
        original,
        original_text,
        &lang,
        (ids, target_file, entry),
        returned.units,
        allow_partial,
    )
}

/// A returned Word sheet: its units read with our Word reader, then as an XLIFF file's.
fn import_sheet(
    project: &Project,
    lock: &mut Lock,
    path: &Path,
    bytes: &[u8],
    allow_partial: bool,
) -> Result<String, Problems> {
    let name = path.display().to_string();
    let (original_file, lang) = crate::translate::sheet::marker(&name, bytes).map_err(refuse)?;
    let texts = state::texts(project);
    let original = state::text_of(&texts, &original_file).ok_or_else(|| {
        refuse(format!(
            "the sheet is for \"{original_file}\", which is no contribution or rapporteur's file of this project"
        ))
    })?;
    let original_text = read_source(project, original.original())
        .ok_or_else(|| refuse("cannot read the original"))?;
    let original_units = units(&original_text);
    let prepared = prepare(
        project,
        lock,
        (original, &original_file),
        &original_units,
        original.original_language(),
        &lang,
    )?;
    let ids = &prepared.0;
    let sources = |id: &str| -> Option<Vec<Piece>> {
        let i = ids.iter().position(|x| x == id)?;
        Some(original_units[i].pieces.clone())
    };
    let sheet = crate::translate::sheet::read(&name, bytes, &sources).map_err(refuse)?;
    let mut returned = Vec::new();
    for (id, pieces) in sheet.units {
        let i = ids.iter().position(|x| x == &id).expect("checked by read");
        let translated = pieces
            .iter()
            .any(|p| matches!(p, Piece::Text(t) if !t.trim().is_empty()));
        if translated {
            xliff::check_codes(&original_units[i].pieces, &pieces, &id).map_err(refuse)?;
        }
        returned.push((id, translated.then_some(pieces), original_units[i].plain()));
    }
    write_translation(
        project,
        lock,
        original,
        &original_text,
        &lang,
        prepared,
        returned,
        allow_partial,
    )
}

/// The original's unit ids, the translation's file and its lock entry, once the languages
/// are checked.
#[allow(clippy::type_complexity)]
fn prepare(
    project: &Project,
    lock: &Lock,
    (original, claimed_file): (&Text, &str),
    original_units: &[Unit],
    src: &str,
    lang: &str,
) -> Result<(Vec<String>, String, Option<Entry>), Problems> {
    if claimed_file != original.original() {
        return Err(refuse(format!(
            "{claimed_file} is a translation, not an original: translations go out from the original version"
        )));
    }
    if src != original.original_language() {
        return Err(refuse(format!(
            "the file translates from \"{src}\", and {} is in \"{}\"",
            original.original(),
            original.original_language()
        )));
    }
    if !project.meeting.languages.iter().any(|l| l == lang) || lang == original.original_language()
    {
        return Err(refuse(format!(
            "the file translates into \"{lang}\", which is no other language of the meeting ({})",
            project.meeting.languages.join(", ")
        )));
    }
    let target_file = original.file_for(lang);
    let entry = lock
        .entries
        .get(&target_file)
        .filter(|e| e.original == original.original())
        .cloned();
    let ids = identified(original_units, entry.as_ref());
    Ok((ids, target_file, entry))
}

/// Writes the returned units into the translation, checked; records its state.
#[allow(clippy::too_many_arguments)]
fn write_translation(
    project: &Project,
    lock: &mut Lock,
    original: &Text,
    original_text: &str,
    lang: &str,
    (ids, target_file, entry): (Vec<String>, String, Option<Entry>),
    returned_units: Vec<(String, Option<Vec<Piece>>, String)>,
    allow_partial: bool,
) -> Result<String, Problems> {
    let lang = lang.to_string();
    let original_units = units(original_text);
    let translation_text = read_source(project, &target_file);
    let mut translated: BTreeMap<usize, Vec<Piece>> = BTreeMap::new();
    let mut untranslated = Vec::new();
    for (id, target, source_text) in &returned_units {
        let index = ids.iter().position(|x| x == id).expect("checked by read");
        let unit = &original_units[index];
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        if words(source_text) != words(&unit.plain()) {
            return Err(refuse(format!(
                "the source of unit \"{id}\" is no longer what {} says there; export it again",
                original.original()
            )));
        }
        match target {
            Some(pieces) => {
                translated.insert(index, pieces.clone());
            }
            None => untranslated.push(id.clone()),
        }
    }
    // A new translation needs every unit.
    let exported: Vec<&String> = returned_units.iter().map(|(id, _, _)| id).collect();
    if translation_text.is_none() {
        for (i, id) in ids.iter().enumerate() {
            if !exported.contains(&id) && !translated.contains_key(&i) {
                untranslated.push(id.clone());
            }
        }
    }
    if !untranslated.is_empty() && !allow_partial {
        return Err(vec![(
            format!(
                "{} unit{} untranslated: {}",
                untranslated.len(),
                if untranslated.len() == 1 { " is" } else { "s are" },
                untranslated.join(", ")
            ),
            Some("translate them, or import with --allow-partial, which keeps the original's text there".into()),
        )]);
    }
    let result = apply::apply(
        original_text,
        translation_text.as_deref(),
        &lang,
        &translated,
    )
    .map_err(refuse)?;
    // The result must match its original as check compares them.
    let mut problems = Diagnostics::new();
    apply::compare(
        (
            original.original(),
            original.original_language(),
            original_text,
        ),
        (&target_file, &lang, &result),
        &mut problems,
    );
    if problems.has_errors() {
        return Err(problems
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .map(|d| (d.to_string(), None))
            .collect());
    }
    // What it only warns of (a figure written otherwise) is said, and the import goes on.
    for warning in problems.iter() {
        eprintln!("{warning}");
    }
    let write = match &translation_text {
        Some(_) => crate::publish::replace(&project.root.join(&target_file), result.as_bytes()),
        None => crate::publish::write_new(&project.root.join(&target_file), result.as_bytes()),
    };
    write.map_err(|err| refuse(format!("cannot write {target_file}: {err}")))?;
    // What the translation is now made from: the original's units, those left untranslated
    // recorded as not yet (so they stay out of date).
    let mut recorded: Vec<Recorded> = original_units
        .iter()
        .zip(&ids)
        .map(|(unit, id)| Recorded {
            id: id.clone(),
            text: unit.fingerprint(),
        })
        .collect();
    let previous: BTreeMap<&str, &str> = entry
        .as_ref()
        .map(|e| {
            e.units
                .iter()
                .map(|r| (r.id.as_str(), r.text.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let fresh = translation_text.is_none() || entry.is_none();
    for r in &mut recorded {
        if untranslated.contains(&r.id) {
            r.text = String::new();
        } else if !fresh
            && !returned_units.iter().any(|(id, _, _)| id == &r.id)
            && let Some(before) = previous.get(r.id.as_str())
        {
            // Not in this file: as recorded before.
            r.text = before.to_string();
        }
    }
    lock.entries.insert(
        target_file.clone(),
        Entry {
            original: original.original().to_string(),
            units: recorded,
        },
    );
    lock.write(&project.root)
        .map_err(|err| refuse(format!("cannot write {}: {err}", state::LOCK)))?;
    Ok(format!(
        "{target_file}  {} units translated{}",
        translated.len(),
        if untranslated.is_empty() {
            String::new()
        } else {
            format!(", {} left in the original", untranslated.len())
        }
    ))
}

fn run_mark(project: &Project, args: &MarkArgs) -> u8 {
    let mut diags = Diagnostics::new();
    let mut lock = Lock::read(&project.root, &mut diags);
    if diags.has_errors() {
        report::print(&diags, report::Format::Human, false);
        return EXIT_INPUT;
    }
    let texts = state::texts(project);
    for path in &args.files {
        let Some((text, file)) = text_of(project, &texts, path) else {
            return not_a_text(path);
        };
        let original = text.original();
        if original == file {
            diags
                .error(
                    &file,
                    Pos::FILE,
                    "this is the original version; only translations are marked",
                )
                .hint("mark its translations once a person has checked them");
            continue;
        }
        let lang = text.language_of(&file).unwrap_or_default();
        let (Some(original_text), Some(translation_text)) =
            (read_source(project, original), read_source(project, &file))
        else {
            continue;
        };
        let original_units = units(&original_text);
        let mut problems = Diagnostics::new();
        apply::compare(
            (original, text.original_language(), &original_text),
            (&file, lang, &translation_text),
            &mut problems,
        );
        if problems.has_errors() || units(&translation_text).len() != original_units.len() {
            diags
                .error(
                    &file,
                    Pos::FILE,
                    format!(
                        "this translation does not match {original} unit for unit, so it is not marked"
                    ),
                )
                .hint("speca-docs check says where they differ");
            continue;
        }
        let entry = lock.entries.get(&file).filter(|e| e.original == original);
        let ids = identified(&original_units, entry);
        lock.entries.insert(
            file.clone(),
            Entry {
                original: original.to_string(),
                units: original_units
                    .iter()
                    .zip(ids)
                    .map(|(unit, id)| Recorded {
                        id,
                        text: unit.fingerprint(),
                    })
                    .collect(),
            },
        );
        println!("{file}  up to date with {original}");
    }
    if diags.has_errors() {
        report::print(&diags, report::Format::Human, false);
        return EXIT_INPUT;
    }
    if let Err(err) = lock.write(&project.root) {
        eprintln!("{}: error: cannot write it: {err}", state::LOCK);
        return EXIT_INPUT;
    }
    0
}
