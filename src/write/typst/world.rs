//! The embedded Typst compiler's world: what a compilation may read.
//!
//! It serves exactly three kinds of files: the generated main file, the template's files
//! (under `/template/`), and the document's images (under their `sources/…` key). Any other
//! path is an access error, so nothing outside the template and `sources/` can be read, and
//! there are no packages to download. Fonts are the ones embedded in the binary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use super::template::TypstTemplate;
use crate::model::{Date, Document};

/// The fonts embedded in the binary (typst-assets: Libertinus Serif, New Computer Modern,
/// DejaVu Sans Mono; all with Cyrillic), loaded once per process.
fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::embedded());
        store
    })
}

/// What the embedded fonts are and which characters each has.
pub(super) fn font_book() -> &'static FontBook {
    fonts().book()
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// The world one document is compiled in.
pub struct SpecaWorld {
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

/// The id of the generated main file.
fn main_id() -> FileId {
    file_id("/main.typ").expect("a valid static path")
}

/// The generated main files of earlier compilations, by document and language, edited in place
/// on the next build so that Typst's incremental compilation keeps the layout of what did not
/// change (watch mode keeps one for its whole session).
#[derive(Default)]
pub struct SourceCache {
    sources: Mutex<HashMap<String, Source>>,
}

impl SourceCache {
    /// The main source for `key` holding `text`: the earlier one, edited, when there is one.
    pub fn source(&self, key: &str, text: String) -> Source {
        let mut sources = match self.sources.lock() {
            Ok(sources) => sources,
            Err(poisoned) => poisoned.into_inner(),
        };
        match sources.get_mut(key) {
            Some(source) => {
                source.replace(&text);
                source.clone()
            }
            None => {
                let source = Source::new(main_id(), text);
                sources.insert(key.to_string(), source.clone());
                source
            }
        }
    }
}

impl SpecaWorld {
    /// A world for `doc`'s generated Typst source `main_text`, with `template`'s files and the
    /// document's images. `today` is what `datetime.today()` returns (the document's date, so
    /// output never depends on the clock).
    pub fn new(
        doc: &Document,
        template: &TypstTemplate,
        main_text: String,
        today: Option<Date>,
    ) -> Self {
        Self::with_source(doc, template, Source::new(main_id(), main_text), today)
    }

    /// As [`SpecaWorld::new`], with a main source from a [`SourceCache`].
    pub fn with_source(
        doc: &Document,
        template: &TypstTemplate,
        main_source: Source,
        today: Option<Date>,
    ) -> Self {
        let main = main_id();
        let mut sources = HashMap::new();
        sources.insert(main, main_source);
        let mut files = HashMap::new();
        for (path, bytes) in &template.files {
            if let Some(id) = file_id(&format!("/template/{path}")) {
                files.insert(id, Bytes::new(Arc::clone(bytes)));
            }
        }
        for image in doc.images() {
            if let Some(id) = file_id(&format!("/{}", image.key)) {
                files
                    .entry(id)
                    .or_insert_with(|| Bytes::new(Arc::clone(&image.data)));
            }
        }
        let today = today.and_then(|d| Datetime::from_ymd(d.year, d.month, d.day));
        SpecaWorld {
            main,
            sources,
            files,
            today,
        }
    }
}

impl World for SpecaWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        if !matches!(id.get().root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages are not available in speca-docs templates".into(),
            )));
        }
        self.files.get(&id).cloned().ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A typeset document.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Time spent laying out (Typst's compile) and exporting the PDF.
    pub layout: std::time::Duration,
    pub export: std::time::Duration,
    /// What the compiler warned of.
    pub warnings: Vec<CompileMessage>,
}

/// One message of the compiler.
#[derive(Debug, Clone, PartialEq)]
pub struct CompileMessage {
    /// The message with its place in the generated file or the template and its hints, e.g.
    /// `/template/un-document.typ:15:40: PDF/UA-1 error: … (hint: …)`.
    pub text: String,
    /// The message alone, without its place.
    pub message: String,
    /// The texts of the sources that the generated file holds where the message arose (at
    /// its own place, or at the call in the generated file that led into the template),
    /// longest first: what finds the place in the sources that a person can mend.
    pub near: Vec<String>,
}

/// Why typesetting failed: the compiler's messages with their places in the generated file or
/// the template.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub messages: Vec<CompileMessage>,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let texts: Vec<&str> = self.messages.iter().map(|m| m.text.as_str()).collect();
        f.write_str(&texts.join("\n"))
    }
}

/// Typesets `world` to PDF. `ident` identifies the document stably (its id and language);
/// `date` becomes the PDF's creation date; `standards` are claimed and enforced.
pub fn compile(
    world: &SpecaWorld,
    ident: &str,
    date: Option<Date>,
    standards: &super::PdfStandards,
) -> Result<Pdf, CompileError> {
    let start = std::time::Instant::now();
    let warned = typst::compile::<PagedDocument>(world);
    let layout = start.elapsed();
    let mut warnings = describe(world, &warned.warnings);
    let document = warned.output.map_err(|errors| CompileError {
        messages: describe(world, &errors),
    })?;
    let timestamp = date
        .and_then(|d| Datetime::from_ymd_hms(d.year, d.month, d.day, 0, 0, 0))
        .map(typst_pdf::Timestamp::new_utc);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("speca-docs {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards: standards.typst(),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| CompileError {
        messages: describe(world, &errors),
    })?;
    warnings.dedup();
    Ok(Pdf {
        bytes,
        pages: document.pages().len(),
        layout,
        export: start.elapsed() - layout,
        warnings,
    })
}

fn describe(world: &SpecaWorld, diagnostics: &[SourceDiagnostic]) -> Vec<CompileMessage> {
    diagnostics
        .iter()
        .map(|d| {
            let place = d
                .span
                .id()
                .and_then(|id| {
                    let source = world.source(id).ok()?;
                    let range = world.range(d.span)?;
                    let line = source.lines().byte_to_line(range.start)? + 1;
                    let col = source.lines().byte_to_column(range.start)? + 1;
                    let path = id.get().vpath().get_with_slash().to_string();
                    Some(format!("{path}:{line}:{col}: "))
                })
                .unwrap_or_default();
            let hints: String = d
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            let message = format!("{}{hints}", d.message);
            let severity = match d.severity {
                TypstSeverity::Error => "",
                TypstSeverity::Warning => "warning: ",
            };
            CompileMessage {
                text: format!("{place}{severity}{message}"),
                message,
                near: near_in_main(world, d),
            }
        })
        .collect()
}

/// The texts of the sources at the place in the generated main file where `diagnostic`
/// arose: its own span when it is in the main file, else the innermost call in the main file
/// that its trace passes through (a template function called with the sources' text).
fn near_in_main(world: &SpecaWorld, diagnostic: &SourceDiagnostic) -> Vec<String> {
    let in_main = std::iter::once(diagnostic.span)
        .chain(diagnostic.trace.iter().map(|point| point.span.into()))
        .find(|span| span.id() == Some(world.main));
    let Some(range) = in_main.and_then(|span| world.range(span)) else {
        return Vec::new();
    };
    let Some(text) = world
        .sources
        .get(&world.main)
        .and_then(|source| source.text().get(range))
    else {
        return Vec::new();
    };
    // A message about the text itself points at its literal, without the `#` before it.
    let mut literals = if text.starts_with('"') {
        text_literals(&format!("#{text}"))
    } else {
        text_literals(text)
    };
    literals.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    literals.dedup();
    literals
}

/// The texts the writer put into `markup` as string literals printed as text (`#"…";`, see
/// [`super::escape::text_markup`]), unescaped.
fn text_literals(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = markup;
    while let Some(start) = rest.find("#\"") {
        let mut chars = rest[start + 2..].char_indices();
        let mut text = String::new();
        let mut end = None;
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    end = Some(start + 2 + at + 1);
                    break;
                }
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('t') => text.push('\t'),
                    Some('u') => {
                        let code: String = chars
                            .by_ref()
                            .map(|(_, c)| c)
                            .skip(1)
                            .take_while(|c| *c != '}')
                            .collect();
                        if let Some(c) =
                            u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
                        {
                            text.push(c);
                        }
                    }
                    Some(other) => text.push(other),
                    None => break,
                },
                c => text.push(c),
            }
        }
        let Some(end) = end else { break };
        if text.trim().chars().count() >= 3 {
            out.push(text);
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::typst::escape::text_markup;

    #[test]
    fn the_texts_of_a_call_are_read_back_as_written() {
        let written = ["Results \"so far\" \\ done", "a\tb\u{7}", "ok"];
        let markup = format!(
            "#un-heading(4, \"(a)\")[{}#strong[{}]{}]",
            text_markup(written[0]),
            text_markup(written[1]),
            text_markup(written[2])
        );
        // The number is no text; a text of fewer than three characters finds nothing.
        assert_eq!(text_literals(&markup), [written[0], written[1]]);
    }
}
