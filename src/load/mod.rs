//! Loading: a project folder's `sources/` to typed, checked records.
//!
//! Every file is read, split, parsed and checked even when others are broken, so one run
//! reports every problem. Loaders know the sources contract and nothing of output formats.

mod check;
pub mod confined;
pub mod contribution;
pub mod document;
pub mod fields;
pub mod front_matter;
pub mod images;
pub mod landmarks;
pub mod markdown;
pub mod meeting;
pub mod parallel;
pub mod text;
pub mod yaml;
pub mod yaml_hints;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Pos};
use contribution::{Contribution, Kind};
use document::DocumentSpec;
use fields::{Context, Located};
use images::{ImageLoader, slash_path};
use markdown::Body;
use meeting::Meeting;

/// A loaded project: the meeting, the documents to build and every contribution.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub meeting: Meeting,
    pub documents: Vec<DocumentSpec>,
    pub contributions: Vec<Contribution>,
    /// Every source file read, relative to the project, with the SHA-256 of the bytes that
    /// were read (so a manifest names what was used, even if a file changes later), sorted.
    pub inputs: Vec<(String, String)>,
    /// The contributions whose language versions disagree (in structure, figures or data),
    /// as `(kind, id)`: what `status` counts.
    pub disagreeing: Vec<(contribution::Kind, String)>,
}

impl Project {
    pub fn document(&self, id: &str) -> Option<&DocumentSpec> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Why there is no project to load at all.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAProject {
    /// The folder has no `sources/meeting.yaml`.
    NoMeeting(PathBuf),
}

impl std::fmt::Display for NotAProject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotAProject::NoMeeting(dir) => write!(
                f,
                "{} has no sources/meeting.yaml, so it is not a speca-docs project; run speca-docs in the project folder or name it with -C DIR",
                dir.display()
            ),
        }
    }
}

/// Loads the project in `root`. Problems go to `diags`; the project is returned whenever
/// meeting.yaml could be read at all, so that callers such as `status` can still report.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Option<Project>, NotAProject> {
    let meeting_path = root.join("sources").join("meeting.yaml");
    if !meeting_path.is_file() {
        return Err(NotAProject::NoMeeting(root.to_path_buf()));
    }
    // The project's own words (templates/messages), which the status page, forms and new use.
    crate::messages::install(root, diags);
    let mut loader = Loader {
        root,
        diags,
        images: ImageLoader::new(root),
        sources: confined::real_sources(root),
        inputs: Vec::new(),
    };

    let meeting = loader.meeting();

    let mut contributions = Vec::new();
    for (dir, expected) in [
        ("sources/countries", Kind::CountryInput),
        ("sources/case-studies", Kind::CaseStudy),
    ] {
        for file in loader.list(dir, "md") {
            if let Some(c) = loader.read_contribution(&file, meeting.as_ref()) {
                if c.kind != expected {
                    loader
                        .diags
                        .warning(
                            &file,
                            Pos::new(1, 1),
                            format!("this {} is in {dir}/", c.kind.name()),
                        )
                        .hint("move it to the folder of its type, so people find it");
                }
                contributions.push(c);
            }
        }
    }

    let mut documents = Vec::new();
    for file in loader.list("sources/documents", "yaml") {
        if let Some(spec) = loader.read_document(&file, meeting.as_ref()) {
            documents.push(spec);
        }
    }
    if documents.is_empty() && !loader.diags.has_errors() {
        loader
            .diags
            .warning(
                "sources/documents",
                Pos::FILE,
                "there is no document to build",
            )
            .hint("describe one in sources/documents/<id>.yaml");
    }

    let Some(meeting) = meeting else {
        return Ok(None);
    };
    let mut inputs = std::mem::take(&mut loader.inputs);
    inputs.extend(loader.images.files());
    inputs.sort();
    inputs.dedup();
    let mut project = Project {
        root: root.to_path_buf(),
        meeting,
        documents,
        contributions,
        inputs,
        disagreeing: Vec::new(),
    };
    project.disagreeing = check::across_files(&project, diags);
    Ok(Some(project))
}

/// Loads only `sources/meeting.yaml` of the project in `root`, for commands that need the
/// meeting but not the contributions (`new`, `form`, `import`). Problems go to `diags`.
pub fn load_meeting(root: &Path, diags: &mut Diagnostics) -> Result<Option<Meeting>, NotAProject> {
    if !root.join("sources").join("meeting.yaml").is_file() {
        return Err(NotAProject::NoMeeting(root.to_path_buf()));
    }
    crate::messages::install(root, diags);
    let mut loader = Loader {
        root,
        diags,
        images: ImageLoader::new(root),
        sources: confined::real_sources(root),
        inputs: Vec::new(),
    };
    Ok(loader.meeting())
}

impl Loader<'_> {
    /// Reads `sources/meeting.yaml`.
    fn meeting(&mut self) -> Option<Meeting> {
        let node = self.read_yaml("sources/meeting.yaml")?;
        let mut cx = Context {
            file: "sources/meeting.yaml",
            diags: self.diags,
        };
        meeting::read(&node, &mut cx)
    }
}

struct Loader<'a> {
    root: &'a Path,
    diags: &'a mut Diagnostics,
    images: ImageLoader,
    /// The real location of `sources/`, which every file read must be inside.
    sources: Option<PathBuf>,
    inputs: Vec<(String, String)>,
}

impl Loader<'_> {
    /// The files with `extension` directly in `dir` (project-relative), sorted by name.
    /// Other files are reported; hidden files are passed over.
    fn list(&mut self, dir: &str, extension: &str) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.root.join(dir)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        names.sort();
        let mut files = Vec::new();
        for name in names {
            let file = format!("{dir}/{name}");
            if name.ends_with(&format!(".{extension}")) {
                files.push(file);
            } else if extension == "md" || !name.ends_with(".md") {
                let lower = name.to_ascii_lowercase();
                let hint = if extension == "md" && lower.ends_with(".docx") {
                    // A focal point's reply dropped where contributions live: the importer
                    // turns it into one, so there is nothing to save by hand.
                    format!(
                        "turn the Word file into a contribution with `speca-docs import {file}`, \
                         then move the Word file out of sources/"
                    )
                } else if extension == "md"
                    && [".doc", ".odt", ".rtf"].iter().any(|w| lower.ends_with(w))
                {
                    "save it from Word or LibreOffice as a Word document (.docx), then \
                     `speca-docs import` it, and move both out of sources/"
                        .to_string()
                } else {
                    format!("save the contribution as Markdown (.{extension}) in this folder")
                };
                self.diags
                    .warning(
                        &file,
                        Pos::new(1, 1),
                        format!("this file is not read: only .{extension} files are"),
                    )
                    .hint(hint);
            }
        }
        files
    }

    /// Reads a project file as text, reporting why it cannot be.
    fn read_text(&mut self, file: &str) -> Option<String> {
        let path = self.root.join(file);
        // Refuses a file whose real location is outside sources/, and a huge file before
        // reading it, so memory stays bounded; reads the very file that was checked.
        let bytes =
            match confined::read(self.sources.as_deref(), &path, text::MAX_TEXT_BYTES as u64) {
                Ok(bytes) => bytes,
                Err(confined::ReadError::Outside) => {
                    self.diags
                        .error(
                            file,
                            Pos::new(1, 1),
                            "the file leads outside sources/ (through a symbolic link)",
                        )
                        .hint("copy the file into sources/ instead of linking to it");
                    return None;
                }
                Err(confined::ReadError::TooLarge(size)) => {
                    self.diags
                        .error(
                            file,
                            Pos::new(1, 1),
                            format!(
                                "the file is {:.1} MiB; source files may be at most {} MiB",
                                size as f64 / (1024.0 * 1024.0),
                                text::MAX_TEXT_BYTES / (1024 * 1024)
                            ),
                        )
                        .hint("split it, or move data into an image or an annex of its own");
                    return None;
                }
                Err(confined::ReadError::Io(err)) => {
                    self.diags
                        .error(file, Pos::new(1, 1), format!("cannot read the file: {err}"));
                    return None;
                }
            };
        self.inputs
            .push((file.to_string(), text::sha256_hex(&bytes)));
        match text::decode(&bytes) {
            Ok(text) => Some(text),
            Err(err) => {
                let diag = self.diags.error(file, err.pos, err.message);
                if let Some(hint) = err.hint {
                    diag.hint(hint);
                }
                None
            }
        }
    }

    fn read_yaml(&mut self, file: &str) -> Option<yaml::Node> {
        let text = self.read_text(file)?;
        match self.parse_yaml(file, &text, 1)? {
            node if node.is_null() => {
                self.diags.error(file, Pos::new(1, 1), "the file is empty");
                None
            }
            node => Some(node),
        }
    }

    /// Parses YAML whose first line is line `first_line` of `file`: meeting.yaml, documents
    /// and front matter alike, so every one gets the same plain-language hints. Every mistake
    /// its lines show is reported, not only the first the parser stops at; a syntax error
    /// gives `None`, and mistakes that YAML accepts are warnings.
    fn parse_yaml(&mut self, file: &str, text: &str, first_line: u32) -> Option<yaml::Node> {
        let reading = yaml::read(text, first_line);
        for problem in reading.problems {
            let diagnostic = Diagnostic::new(problem.severity, file, problem.pos, problem.message);
            self.diags.push(match problem.hint {
                Some(hint) => diagnostic.with_hint(hint),
                None => diagnostic,
            });
        }
        reading.node.or(reading.mended)
    }

    fn read_contribution(&mut self, file: &str, meeting: Option<&Meeting>) -> Option<Contribution> {
        let text = self.read_text(file)?;
        let split = match front_matter::split(&text) {
            Ok(split) => split,
            Err(err) => {
                self.diags.error(file, err.pos, err.message).hint(err.hint);
                return None;
            }
        };
        let Some(root) = self.parse_yaml(file, split.yaml, split.yaml_line) else {
            // Still read the body: its problems are worth reporting too.
            self.parse_body(file, split.body, split.body_line);
            return None;
        };
        let body = self.parse_body(file, split.body, split.body_line);
        let stem = file_stem_id(file);
        let mut cx = Context {
            file,
            diags: self.diags,
        };
        contribution::read(&root, &stem, meeting, body, split.body_line, &mut cx)
    }

    fn parse_body(&mut self, file: &str, text: &str, first_line: u32) -> Body {
        let images = &mut self.images;
        let mut resolve = |src: &str, alt: &str, pos: Pos, diags: &mut Diagnostics| {
            images.resolve(src, alt, file, pos, diags)
        };
        markdown::parse(text, first_line, file, self.diags, &mut resolve)
    }

    fn read_document(&mut self, file: &str, meeting: Option<&Meeting>) -> Option<DocumentSpec> {
        let root = self.read_yaml(file)?;
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".yaml")
            .to_string();
        if stem == "preview" {
            // Its outputs would go to output/preview/, which is the previews' folder.
            self.diags
                .error(file, Pos::FILE, "a document cannot be called \"preview\"")
                .hint("output/preview/ holds the previews of contributions (speca-docs preview); rename the file, e.g. documents/preview-note.yaml");
            return None;
        }
        let languages: Vec<String> = meeting
            .map(|m| m.languages.clone())
            .unwrap_or_else(|| vec!["en".into()]);
        let mut spec = {
            let mut cx = Context {
                file,
                diags: self.diags,
            };
            document::read(&root, &stem, &mut cx)?
        };
        let file_sections = spec
            .sections
            .iter_mut()
            .filter_map(|s| match s {
                document::Section::File(f) => Some(f),
                document::Section::Contributions(_) | document::Section::Chart { .. } => None,
            })
            .chain(
                spec.annexes
                    .iter_mut()
                    .filter_map(|a| match &mut a.content {
                        document::AnnexContent::File(f) => Some(f),
                        _ => None,
                    }),
            );
        for section in file_sections {
            section.texts = self.load_section_file(file, &section.path, &languages);
        }
        Some(spec)
    }

    /// Loads a rapporteur's Markdown file named at `path` in `doc_file`, with its translations
    /// `<stem>.<lang>.md` beside it.
    fn load_section_file(
        &mut self,
        doc_file: &str,
        path: &Located<String>,
        languages: &[String],
    ) -> Vec<(String, Body)> {
        let written = path.value.trim();
        let Some(rel) = sources_path(written) else {
            self.diags
                .error(doc_file, path.pos, format!("\"{written}\" points outside sources/"))
                .hint("file paths are relative to sources/, e.g. documents/gc-2022-digital/introduction.md");
            return Vec::new();
        };
        let rel_text = slash_path(&rel);
        if !self.root.join(&rel).is_file() {
            self.diags
                .error(
                    doc_file,
                    path.pos,
                    format!("the file \"{written}\" does not exist"),
                )
                .hint(format!(
                    "create {rel_text}, or correct the path (relative to sources/)"
                ));
            return Vec::new();
        }
        let original = &languages[0];
        let mut texts = Vec::new();
        for lang in languages {
            let file = if lang == original {
                rel_text.clone()
            } else {
                let candidate = translation_name(&rel_text, original, lang);
                if !self.root.join(&candidate).is_file() {
                    continue;
                }
                candidate
            };
            let Some(text) = self.read_text(&file) else {
                continue;
            };
            // A leading front matter block is allowed and skipped.
            let (body, line) = match front_matter::split(&text) {
                Ok(split) => (split.body.to_string(), split.body_line),
                Err(_) => (text.clone(), 1),
            };
            let parsed = self.parse_body(&file, &body, line);
            texts.push((lang.clone(), parsed));
        }
        texts
    }
}

/// The translation of a rapporteur's file (an extension of the contract):
/// `documents/x/introduction.ru.md` for `documents/x/introduction.md` (or `introduction.en.md`
/// when English is the original).
pub fn translation_name(path: &str, original: &str, lang: &str) -> String {
    let base = path.strip_suffix(".md").unwrap_or(path);
    let base = base.strip_suffix(&format!(".{original}")).unwrap_or(base);
    format!("{base}.{lang}.md")
}

/// `path` as written in a document (relative to `sources/`) as a project-relative path, or
/// `None` when it is absolute or climbs out of `sources/`.
fn sources_path(path: &str) -> Option<PathBuf> {
    if path.is_empty()
        || path.starts_with('/')
        || path.starts_with('\\')
        || path.as_bytes().get(1) == Some(&b':')
    {
        return None;
    }
    let mut out = PathBuf::from("sources");
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if out == Path::new("sources") {
                    return None;
                }
                out.pop();
            }
            part => out.push(part),
        }
    }
    Some(out)
}

/// `kaz-astana-hub` from `sources/case-studies/kaz-astana-hub.en.md`.
fn file_stem_id(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    match stem.rsplit_once('.') {
        Some((id, lang)) if lang.len() <= 3 && lang.chars().all(|c| c.is_ascii_lowercase()) => {
            id.to_string()
        }
        _ => stem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_sit_beside_their_original() {
        assert_eq!(
            translation_name("documents/x/intro.md", "en", "ru"),
            "documents/x/intro.ru.md"
        );
        assert_eq!(
            translation_name("documents/x/intro.en.md", "en", "ru"),
            "documents/x/intro.ru.md"
        );
        assert_eq!(
            translation_name("documents/x/intro.en.en.md", "en", "ru"),
            "documents/x/intro.en.ru.md"
        );
    }

    #[test]
    fn stems_drop_language_suffixes() {
        assert_eq!(
            file_stem_id("sources/case-studies/kaz-astana-hub.en.md"),
            "kaz-astana-hub"
        );
        assert_eq!(
            file_stem_id("sources/case-studies/kaz-astana-hub.md"),
            "kaz-astana-hub"
        );
    }

    #[test]
    fn section_paths_stay_in_sources() {
        assert_eq!(
            sources_path("documents/x/intro.md"),
            Some(PathBuf::from("sources/documents/x/intro.md"))
        );
        assert_eq!(
            sources_path("documents/../media/a.md"),
            Some(PathBuf::from("sources/media/a.md"))
        );
        assert_eq!(sources_path("../Cargo.toml"), None);
        assert_eq!(sources_path("/etc/passwd"), None);
        assert_eq!(sources_path("documents/../../x"), None);
    }
}
