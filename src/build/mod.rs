//! Building: drives consolidation and the writers for the requested documents, languages and
//! formats, then publishes each document's version folder with its manifest.
//!
//! Every language and format of a document is written in parallel, in memory; the folder is
//! only touched when all of them succeeded.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

mod locate;

pub use locate::check_glyphs;
use locate::place_compiler_messages;

use crate::compare;
use crate::consolidate::{self, Options};
use crate::diag::{Diagnostics, Pos, Severity};
use crate::load::Project;
use crate::load::contribution::Contribution;
use crate::load::document::DocumentSpec;
use crate::model::{ChangesFrom, Date, Document};
use crate::publish::manifest::{self, ComparedTo, InputFile, Manifest, OutputFile};
use crate::publish::{self, Output};
use crate::snapshot;
use crate::template::{self, Template};
use crate::write;
use crate::write::docx::DocxTemplate;
use crate::write::typst::TypstTemplate;
use crate::write::typst::world::{CompileMessage, SourceCache};

/// The tool's name and version, as outputs and manifests name it.
pub const TOOL: &str = concat!("speca-docs ", env!("CARGO_PKG_VERSION"));

/// The commit the binary was built from (see `build.rs`), or `unknown`.
pub const COMMIT: &str = env!("SPECA_DOCS_COMMIT");

/// What a build can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// PDF typeset by the embedded Typst compiler.
    Pdf,
    /// A Word document for the editing and translation services.
    Docx,
    /// The generated Typst source (for template authors).
    Typ,
}

impl Format {
    /// Every format, for checking that a template serves them all.
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Typ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Typ => "typ",
        }
    }
}

/// What to build.
#[derive(Debug, Clone)]
pub struct Request {
    /// Document ids; all documents when empty.
    pub documents: Vec<String>,
    /// Languages; every language of the meeting when empty.
    pub languages: Vec<String>,
    pub formats: Vec<Format>,
    pub version: String,
    pub is_final: bool,
    /// Replace a different final build already in the version folder.
    pub force: bool,
    /// An earlier version to mark changes against (`--compare-to`): each language then also
    /// gets `<doc>.<lang>.changes.docx` and `.changes.pdf`.
    pub compare_to: Option<String>,
    /// The standards every PDF claims (`--pdf-standard`): PDF/A-2a and PDF/UA-1 by default.
    pub pdf_standards: write::typst::PdfStandards,
    /// The contribution files left out of the project because they have errors
    /// (`--keep-going`), named on the first page of each draft and in its manifest.
    pub left_out: Vec<String>,
}

/// The time one stage of a build took, for `--timings`.
#[derive(Debug, Clone)]
pub struct Timing {
    /// What was done, e.g. `typeset gc-2022.en`.
    pub stage: String,
    pub seconds: f64,
}

impl Timing {
    fn since(stage: impl Into<String>, start: Instant) -> Timing {
        Timing {
            stage: stage.into(),
            seconds: start.elapsed().as_secs_f64(),
        }
    }
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub written: Vec<Written>,
    /// Stage by stage, in the order they finished per document.
    pub timings: Vec<Timing>,
}

/// One output written.
#[derive(Debug, Clone)]
pub struct Written {
    /// Relative to the project folder.
    pub path: String,
    pub pages: Option<usize>,
    pub seconds: f64,
}

/// The date a build stamps into its outputs: the document's date, else `SOURCE_DATE_EPOCH`
/// (the reproducible-builds convention), else the meeting's last day; never the clock.
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

/// A template loaded once per build, with what each writer needs prepared from it.
pub struct PreparedTemplate {
    pub template: Template,
    /// For PDF and Typst source; `None` when the build makes neither.
    pub typst: Option<TypstTemplate>,
    /// For DOCX; `None` when the build makes none.
    pub docx: Option<DocxTemplate>,
}

/// Loads template `name` and prepares it for the writers of `formats`; every problem is a
/// diagnostic at the template's file, and `None` means it cannot serve.
pub fn prepare_template(
    project: &Path,
    name: &str,
    formats: &[Format],
    diags: &mut Diagnostics,
) -> Option<PreparedTemplate> {
    let template = template::load(project, name, diags)?;
    fn prepared<T>(
        result: Result<T, template::TemplateError>,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        result.map_err(|err| err.report(diags)).ok()
    }
    let errors_before = diags.error_count();
    let typst = formats
        .iter()
        .any(|f| matches!(f, Format::Pdf | Format::Typ))
        .then(|| prepared(TypstTemplate::new(&template), diags))
        .flatten();
    let docx = formats
        .contains(&Format::Docx)
        .then(|| prepared(DocxTemplate::new(&template), diags))
        .flatten();
    (diags.error_count() == errors_before).then_some(PreparedTemplate {
        template,
        typst,
        docx,
    })
}

/// Builds the documents of `request` (already checked against the project) and publishes them.
/// Problems go to `diags`; what was written is returned.
pub fn build(project: &Project, request: &Request, diags: &mut Diagnostics) -> Report {
    build_with_cache(project, request, &SourceCache::default(), diags)
}

/// As [`build`], reusing the Typst sources of earlier builds from `cache` (watch mode).
pub fn build_with_cache(
    project: &Project,
    request: &Request,
    cache: &SourceCache,
    diags: &mut Diagnostics,
) -> Report {
    let specs: Vec<&DocumentSpec> = if request.documents.is_empty() {
        project.documents.iter().collect()
    } else {
        request
            .documents
            .iter()
            .filter_map(|id| project.document(id))
            .collect()
    };
    let languages = if request.languages.is_empty() {
        project.meeting.languages.clone()
    } else {
        request.languages.clone()
    };
    let mut report = Report::default();
    // Every earlier version compared against is read before anything is built, so that one
    // that cannot be read stops the build with nothing written.
    let mut earlier = BTreeMap::new();
    if let Some(version) = &request.compare_to {
        let start = Instant::now();
        let mut failed = false;
        for spec in &specs {
            for lang in &languages {
                match snapshot::read(&project.root, &spec.id, version, lang) {
                    Ok(found) => {
                        earlier.insert((spec.id.clone(), lang.clone()), found);
                    }
                    Err(message) => {
                        diags
                            .error(&spec.file, Pos::FILE, format!("cannot compare to version \"{version}\": {message}"))
                            .hint("--compare-to names a version folder under output/<doc-id>/ that a build of this speca-docs wrote");
                        failed = true;
                    }
                }
            }
        }
        report
            .timings
            .push(Timing::since("read earlier versions", start));
        if failed {
            return report;
        }
    }
    // Each template once per build, however many documents use it.
    let mut templates: BTreeMap<&str, Option<PreparedTemplate>> = BTreeMap::new();
    for spec in specs {
        let name = spec.template.value.as_str();
        if !templates.contains_key(name) {
            let start = Instant::now();
            let prepared = prepare_template(&project.root, name, &request.formats, diags);
            report
                .timings
                .push(Timing::since(format!("template {name}"), start));
            templates.insert(name, prepared);
        }
        let Some(Some(template)) = templates.get(name) else {
            continue;
        };
        let run = Run {
            project,
            request,
            languages: &languages,
            cache,
            earlier: &earlier,
        };
        let Some(outputs) = build_document(&run, spec, template, diags, &mut report.timings) else {
            continue;
        };
        let start = Instant::now();
        let folder = publish::version_dir(&project.root, &spec.id, &request.version);
        let mut manifest = manifest(
            project,
            spec,
            &template.template,
            &languages,
            request,
            &outputs,
        );
        if let Some(version) = &request.compare_to {
            manifest.compared_to = Some(ComparedTo {
                version: version.clone(),
                snapshots: earlier
                    .iter()
                    .filter(|((id, _), _)| *id == spec.id)
                    .map(|(_, found)| InputFile {
                        path: format!("output/{}/{version}/{}", spec.id, found.file),
                        sha256: found.sha256.clone(),
                    })
                    .collect(),
            });
        }
        if !request.force && is_different_final(&folder, &manifest) {
            diags
                .error(
                    &spec.file,
                    Pos::FILE,
                    format!(
                        "output/{}/{}/ holds a different final build; it is not overwritten",
                        spec.id, request.version
                    ),
                )
                .hint("build under a new --version, or add --force to replace it");
            continue;
        }
        let mut files: Vec<Output> = outputs.iter().map(|built| built.output.clone()).collect();
        files.push(Output {
            name: "manifest.json".into(),
            bytes: manifest.to_json().into_bytes(),
        });
        match publish::write_all(&folder, &files) {
            Ok(()) => {
                report.timings.push(Timing::since(
                    format!("manifest and write {}", spec.id),
                    start,
                ));
                for built in outputs {
                    let path = format!(
                        "output/{}/{}/{}",
                        spec.id, request.version, built.output.name
                    );
                    report.written.push(Written {
                        path,
                        pages: built.pages,
                        seconds: built.seconds,
                    });
                }
            }
            Err(err) => {
                diags.error(
                    &spec.file,
                    Pos::FILE,
                    format!(
                        "cannot write output/{}/{}/: {err}",
                        spec.id, request.version
                    ),
                );
            }
        }
    }
    report
}

/// The file stem of `c`'s preview in `output/preview/`: its file's stem (`kaz.ru`), or, for a
/// case study whose file is named like a country input of the project (an id `kaz`),
/// `case-study-<stem>`, so that no two previews share a name.
pub fn preview_stem(project: &Project, c: &Contribution) -> String {
    let stem_of = |file: &str| {
        Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let stem = stem_of(&c.file);
    let clashes = c.kind == crate::load::contribution::Kind::CaseStudy
        && project
            .contributions
            .iter()
            .any(|other| other.kind != c.kind && stem_of(&other.file) == stem);
    if clashes {
        format!("case-study-{stem}")
    } else {
        stem
    }
}

/// Previews `contributions`, each alone in the real template as it will stand in its document
/// (`speca-docs preview`), into `output/preview/<stem>.<format>` ([`preview_stem`]). Problems
/// go to `diags`, at the contribution's file; what was written is returned. Each
/// contribution's files are made in memory and placed together only when all of its formats
/// succeeded, so one that fails keeps its earlier preview and does not hold back the others.
pub fn previews(
    project: &Project,
    contributions: &[&Contribution],
    formats: &[Format],
    standards: &write::typst::PdfStandards,
    diags: &mut Diagnostics,
) -> Report {
    let mut report = Report::default();
    let start = Instant::now();
    let mut templates: BTreeMap<String, Option<PreparedTemplate>> = BTreeMap::new();
    // Each contribution's document model, with its template's name and the date to stamp.
    let mut documents: Vec<(&Contribution, String, Document, String, Date)> = Vec::new();
    // The files a preview's text comes from besides the contribution: the document and the
    // meeting (headings, masthead), where a character the fonts lack is looked for too.
    let mut document_files: Vec<&str> = vec!["sources/meeting.yaml"];
    for &c in contributions {
        let Some(spec) = consolidate::preview_document(project, c) else {
            diags
                .error(
                    &c.file,
                    Pos::FILE,
                    "there is no document to preview this contribution in",
                )
                .hint("describe one in sources/documents/<id>.yaml, or mend the one there");
            continue;
        };
        let name = spec.template.value.clone();
        if !templates.contains_key(&name) {
            let prepared = prepare_template(&project.root, &name, formats, diags);
            templates.insert(name.clone(), prepared);
        }
        let Some(Some(prepared)) = templates.get(&name) else {
            continue;
        };
        let labels = &prepared.template.labels;
        let lang = c.language.value.as_str();
        let Some(labels) = labels
            .get(lang)
            .or_else(|| labels.get(project.meeting.original_language()))
        else {
            diags.error(
                &format!("templates/{name}/labels.yaml"),
                Pos::FILE,
                format!("no labels for \"{lang}\""),
            );
            continue;
        };
        // Final, so that no draft mark stands beside the preview's own banner.
        let options = Options {
            version: "preview".into(),
            is_final: true,
            left_out: Vec::new(),
        };
        let doc = consolidate::preview(project, spec, c, labels, &options, diags);
        let stem = preview_stem(project, c);
        documents.push((c, stem, doc, name, build_date(project, spec)));
        if !document_files.contains(&spec.file.as_str()) {
            document_files.push(&spec.file);
        }
    }
    report
        .timings
        .push(Timing::since("consolidate previews", start));
    let cache = SourceCache::default();
    let jobs: Vec<(usize, &str, &Document, &PreparedTemplate, Date, Format)> = documents
        .iter()
        .enumerate()
        .filter_map(|(i, (_, stem, doc, name, date))| {
            let prepared = templates.get(name)?.as_ref()?;
            Some((i, stem.as_str(), doc, prepared, *date))
        })
        .flat_map(|(i, stem, doc, prepared, date)| {
            formats
                .iter()
                .map(move |&format| (i, stem, doc, prepared, date, format))
        })
        .collect();
    // A few at a time: a status page previews every contribution, and each typesetting holds
    // its own layout in memory.
    let at_once = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let mut results: Vec<(usize, Result<Built, Failure>)> = Vec::new();
    for batch in jobs.chunks(at_once) {
        results.extend(std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .iter()
                .map(|&(i, stem, doc, prepared, date, format)| {
                    let cache = &cache;
                    let handle = scope.spawn(move || {
                        write_one(doc, prepared, format, stem, date, cache, standards)
                    });
                    (i, handle)
                })
                .collect();
            handles
                .into_iter()
                .map(|(i, handle)| {
                    let result = handle.join().unwrap_or_else(|_| {
                        Err("the writer stopped unexpectedly".to_string().into())
                    });
                    (i, result)
                })
                .collect::<Vec<_>>()
        }));
    }
    // Each contribution's outputs, or nothing for one that failed.
    let mut by_contribution: BTreeMap<usize, Option<Vec<Built>>> = BTreeMap::new();
    for (i, result) in results {
        let c = documents[i].0;
        match result {
            Ok(mut built) => {
                report.timings.append(&mut built.timings);
                let mut searched = vec![c.file.as_str()];
                searched.extend(&document_files);
                if !built.warnings.is_empty() {
                    place_compiler_messages(
                        &locate::source_texts(project, &searched),
                        &c.file,
                        &documents[i].3,
                        &built.warnings,
                        Severity::Warning,
                        diags,
                    );
                }
                if let Some(outputs) = by_contribution.entry(i).or_insert_with(|| Some(Vec::new()))
                {
                    outputs.push(built);
                }
            }
            Err(failure) => {
                let mut searched = vec![c.file.as_str()];
                searched.extend(&document_files);
                failure.report(project, &searched, &c.file, &documents[i].3, diags);
                by_contribution.insert(i, None);
            }
        }
    }
    let start = Instant::now();
    let folder = project.root.join("output").join("preview");
    for (i, outputs) in by_contribution {
        let Some(outputs) = outputs else {
            continue;
        };
        let c = documents[i].0;
        let files: Vec<Output> = outputs.iter().map(|b| b.output.clone()).collect();
        match publish::write_all(&folder, &files) {
            Ok(()) => {
                for built in outputs {
                    report.written.push(Written {
                        path: format!("output/preview/{}", built.output.name),
                        pages: built.pages,
                        seconds: built.seconds,
                    });
                }
            }
            Err(err) => {
                diags.error(
                    &c.file,
                    Pos::FILE,
                    format!("cannot write output/preview/: {err}"),
                );
            }
        }
    }
    report.timings.push(Timing::since("write previews", start));
    report
}

/// Document `spec` consolidated in each of `languages`, with the template's labels in that
/// language (the original language's, with a warning, where it has none). `None` when a
/// language has no labels at all. `check` consolidates as `build` does, so that it reports
/// every warning a build would.
pub fn consolidate_languages(
    project: &Project,
    spec: &DocumentSpec,
    template: &Template,
    languages: &[String],
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Vec<Document>> {
    let mut documents = Vec::new();
    for lang in languages {
        let labels = template.labels.get(lang).or_else(|| {
            let original = project.meeting.original_language();
            let fallback = template.labels.get(original);
            if fallback.is_some() {
                diags.warning(
                    &format!("templates/{}/labels.yaml", template.name),
                    Pos::new(1, 1),
                    format!("no labels for \"{lang}\"; the \"{original}\" labels are used"),
                );
            }
            fallback
        });
        let Some(labels) = labels else {
            diags.error(
                &format!("templates/{}/labels.yaml", template.name),
                Pos::FILE,
                format!("no labels for \"{lang}\""),
            );
            return None;
        };
        documents.push(consolidate::consolidate(
            project, spec, lang, labels, options, diags,
        ));
    }
    Some(documents)
}

/// Whether `folder` holds a final build whose outputs differ from `manifest`'s.
fn is_different_final(folder: &Path, manifest: &Manifest) -> bool {
    let Ok(text) = std::fs::read_to_string(folder.join("manifest.json")) else {
        return false;
    };
    match Manifest::from_json(&text) {
        Some(existing) => existing.is_final && existing.outputs != manifest.outputs,
        None => false,
    }
}

/// One output made in memory, with what it took.
struct Built {
    output: Output,
    pages: Option<usize>,
    seconds: f64,
    timings: Vec<Timing>,
    /// What the compiler warned of.
    warnings: Vec<CompileMessage>,
}

/// Why one output could not be made: what failed, and the compiler's messages when
/// typesetting did.
struct Failure {
    /// E.g. `typesetting brief.en.pdf failed`, or a writer's whole message.
    message: String,
    compiler: Vec<CompileMessage>,
    /// When the compiler refused characters: those of the document that the standards
    /// refuse, to be reported where they were typed.
    unshowable: Vec<char>,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            compiler: Vec::new(),
            unshowable: Vec::new(),
        }
    }
}

/// Every language and format of one document, in memory. `None` when anything failed.
/// What every document of one build shares.
struct Run<'a> {
    project: &'a Project,
    request: &'a Request,
    languages: &'a [String],
    cache: &'a SourceCache,
    /// The earlier versions compared against, by document id and language.
    earlier: &'a BTreeMap<(String, String), snapshot::Earlier>,
}

fn build_document(
    run: &Run,
    spec: &DocumentSpec,
    prepared: &PreparedTemplate,
    diags: &mut Diagnostics,
    timings: &mut Vec<Timing>,
) -> Option<Vec<Built>> {
    let Run {
        project,
        request,
        languages,
        cache,
        earlier,
    } = *run;
    let template = &prepared.template;
    let date = build_date(project, spec);
    let start = Instant::now();
    let options = Options {
        version: request.version.clone(),
        is_final: request.is_final,
        left_out: request.left_out.clone(),
    };
    let documents = consolidate_languages(project, spec, template, languages, &options, diags)?;
    timings.push(Timing::since(format!("consolidate {}", spec.id), start));
    // Each language compared with its earlier version: the new document, its changes marked.
    let start = Instant::now();
    let standards = &request.pdf_standards;
    let mut marked = Vec::new();
    if let Some(version) = &request.compare_to {
        for doc in &documents {
            let Some(before) = earlier.get(&(doc.id.clone(), doc.lang.clone())) else {
                continue;
            };
            let changes = ChangesFrom {
                version: version.clone(),
                date: before.date,
                revised: date,
            };
            marked.push(compare::compare(&before.document, doc, changes).0);
        }
        timings.push(Timing::since(format!("compare {}", spec.id), start));
    }
    let jobs: Vec<(&Document, Format, &str)> = documents
        .iter()
        .flat_map(|doc| request.formats.iter().map(move |&format| (doc, format, "")))
        .chain(marked.iter().flat_map(|doc| {
            request
                .formats
                .iter()
                .filter(|f| **f != Format::Typ)
                .map(move |&format| (doc, format, ".changes"))
        }))
        .collect();
    // Languages and formats are independent: write them on all cores.
    let results: Vec<Result<Built, Failure>> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|&(doc, format, suffix)| {
                scope.spawn(move || {
                    let stem = format!("{}.{}{suffix}", doc.id, doc.lang);
                    write_one(doc, prepared, format, &stem, date, cache, standards)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("the writer stopped unexpectedly".to_string().into()))
            })
            .collect()
    });
    let mut outputs = Vec::new();
    let mut ok = true;
    for result in results {
        match result {
            Ok(mut built) => {
                timings.append(&mut built.timings);
                let template = &prepared.template.name;
                if !built.warnings.is_empty() {
                    place_compiler_messages(
                        &locate::source_texts(project, &[]),
                        &spec.file,
                        template,
                        &built.warnings,
                        Severity::Warning,
                        diags,
                    );
                }
                outputs.push(built);
            }
            Err(failure) => {
                failure.report(project, &[], &spec.file, &prepared.template.name, diags);
                ok = false;
            }
        }
    }
    // The snapshot of each language, which a later build compares against.
    for doc in &documents {
        outputs.push(Built {
            output: Output {
                name: snapshot::file_name(&doc.id, &doc.lang),
                bytes: snapshot::to_bytes(doc, TOOL),
            },
            pages: None,
            seconds: 0.0,
            timings: Vec::new(),
            warnings: Vec::new(),
        });
    }
    outputs.sort_by(|a, b| a.output.name.cmp(&b.output.name));
    ok.then_some(outputs)
}

/// One format of one language, named `<stem>.<extension>`; the PDF's identity is the stem
/// of the plain document (`brief.en`, also for `brief.en.changes`), so that the marked-up PDF
/// is known as a version of it.
fn write_one(
    doc: &Document,
    template: &PreparedTemplate,
    format: Format,
    stem: &str,
    date: Date,
    cache: &SourceCache,
    standards: &write::typst::PdfStandards,
) -> Result<Built, Failure> {
    let start = Instant::now();
    let name = format!("{stem}.{}", format.extension());
    let identity = stem.strip_suffix(".changes").unwrap_or(stem);
    let mut timings = Vec::new();
    let mut warnings = Vec::new();
    let unprepared = || format!("the template was not prepared for {name}");
    let (bytes, pages) = match format {
        Format::Typ => {
            let typst = template.typst.as_ref().ok_or_else(unprepared)?;
            (write::typst::to_typst(doc, typst)?.into_bytes(), None)
        }
        Format::Pdf => {
            let typst = template.typst.as_ref().ok_or_else(unprepared)?;
            let source = write::typst::to_typst(doc, typst)?;
            timings.push(Timing::since(format!("typst source {name}"), start));
            let source = cache.source(&name, source);
            let world =
                write::typst::world::SpecaWorld::with_source(doc, typst, source, Some(date));
            let pdf =
                write::typst::compile(&world, identity, Some(date), standards).map_err(|err| {
                    let about_characters = err
                        .messages
                        .iter()
                        .any(|m| locate::is_about_a_character(&m.message));
                    Failure {
                        message: format!("typesetting {name} failed"),
                        compiler: err.messages,
                        unshowable: if about_characters {
                            write::typst::unshowable(doc, standards)
                        } else {
                            Vec::new()
                        },
                    }
                })?;
            warnings = pdf.warnings;
            let seconds = |d: std::time::Duration| d.as_secs_f64();
            timings.push(Timing {
                stage: format!("typeset {name}"),
                seconds: seconds(pdf.layout),
            });
            timings.push(Timing {
                stage: format!("pdf export {name}"),
                seconds: seconds(pdf.export),
            });
            (pdf.bytes, Some(pdf.pages))
        }
        Format::Docx => {
            let docx = template.docx.as_ref().ok_or_else(unprepared)?;
            let options = write::docx::DocxOptions {
                build_date: date,
                generator: TOOL,
            };
            let bytes = write::docx::write_docx(doc, docx, &options)
                .map_err(|err| format!("writing {name} failed: {err}"))?;
            timings.push(Timing::since(format!("docx {name}"), start));
            (bytes, None)
        }
    };
    Ok(Built {
        output: Output { name, bytes },
        pages,
        seconds: start.elapsed().as_secs_f64(),
        timings,
        warnings,
    })
}

fn manifest(
    project: &Project,
    spec: &DocumentSpec,
    template: &Template,
    languages: &[String],
    request: &Request,
    outputs: &[Built],
) -> Manifest {
    Manifest {
        tool: TOOL.to_string(),
        commit: COMMIT.to_string(),
        document: spec.id.clone(),
        version: request.version.clone(),
        is_final: request.is_final,
        symbol: spec.full_symbol(),
        languages: languages.to_vec(),
        build_date: build_date(project, spec).to_string(),
        inputs: manifest::input_files(&project.inputs, template),
        outputs: outputs
            .iter()
            .map(|built| OutputFile::of(&built.output, built.pages))
            .collect(),
        compared_to: None,
        left_out: request.left_out.clone(),
    }
}
