//! Templates, a stage of their own: the built-in ones embedded in the binary, overridable file
//! by file by a project's own `templates/<name>/` folder, loaded once per build.
//!
//! A template folder holds `labels.yaml` (the fixed words per language, which consolidation
//! puts into the model) and the files of each writer: `document.typ.hbs` and the Typst files it
//! imports for the Typst writer, `docx/styles.xml` and optionally `reference.docx` for the DOCX
//! writer. This stage reads the folder and the labels; each writer prepares its own files from
//! the loaded [`Template`] once per build (`write::typst::TypstTemplate`,
//! `write::docx::DocxTemplate`). Templates are trusted code; the text they are filled with
//! never is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostics, Pos};
use crate::model::Labels;

/// The names of the built-in templates.
pub const BUILT_IN: &[&str] = &["un-document"];

/// The files of the built-in `un-document` template.
const UN_DOCUMENT: &[(&str, &[u8])] = &[
    (
        "document.typ.hbs",
        include_bytes!("../../templates/un-document/document.typ.hbs"),
    ),
    (
        "un-document.typ",
        include_bytes!("../../templates/un-document/un-document.typ"),
    ),
    (
        "labels.yaml",
        include_bytes!("../../templates/un-document/labels.yaml"),
    ),
    (
        "page.yaml",
        include_bytes!("../../templates/un-document/page.yaml"),
    ),
    (
        "docx/styles.xml",
        include_bytes!("../../templates/un-document/docx/styles.xml"),
    ),
];

/// The files of built-in template `name`, by their paths inside its folder; `None` when no
/// built-in template has that name.
pub fn built_in_files(name: &str) -> Option<&'static [(&'static str, &'static [u8])]> {
    match name {
        "un-document" => Some(UN_DOCUMENT),
        _ => None,
    }
}

/// The largest template file read from a project, in bytes.
const MAX_TEMPLATE_FILE: u64 = 32 * 1024 * 1024;

/// A template, loaded.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    /// Every file of the template by its path inside the template folder (`/` separators),
    /// shared so that every compilation can hand them to Typst without copying.
    pub files: BTreeMap<String, Arc<[u8]>>,
    /// Which of `files` are the project's own (the rest are built in), as they were read.
    pub from_project: BTreeSet<String>,
    /// The labels per language code.
    pub labels: BTreeMap<String, Labels>,
    /// The page both writers lay the document out on (`page.yaml`).
    pub page: Page,
}

/// The page of a template (`page.yaml`), in centimetres: declared once, read by the Typst
/// writer (the template's `page`) and the DOCX writer (its section's size and margins).
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub margin_top: f64,
    pub margin_bottom: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    /// From the top edge to the running header.
    pub header: f64,
    /// From the bottom edge to the footer.
    pub footer: f64,
}

impl Default for Page {
    /// A4 with 2.5 cm margins (2 cm at the bottom), as the built-in `page.yaml` says.
    fn default() -> Page {
        Page {
            width: 21.0,
            height: 29.7,
            margin_top: 2.5,
            margin_bottom: 2.0,
            margin_left: 2.5,
            margin_right: 2.5,
            header: 1.0,
            footer: 1.0,
        }
    }
}

impl Template {
    /// The bytes of one file of the template (`/` separators), built in or the project's.
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|bytes| &bytes[..])
    }

    /// How a message names one of the template's files, e.g. `templates/un-document/labels.yaml`.
    pub fn shown(&self, path: &str) -> String {
        format!("templates/{}/{path}", self.name)
    }
}

/// Why a writer cannot use a template: the file at fault, where in it, and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    /// As messages show it, e.g. `templates/un-document/document.typ.hbs`.
    pub file: String,
    pub pos: Pos,
    pub message: String,
}

impl TemplateError {
    pub fn new(file: impl Into<String>, pos: Pos, message: impl Into<String>) -> TemplateError {
        TemplateError {
            file: file.into(),
            pos,
            message: message.into(),
        }
    }

    /// Reports the problem as an error of the run.
    pub fn report(&self, diags: &mut Diagnostics) {
        diags.error(&self.file, self.pos, self.message.clone());
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl Page {
    /// Whether every length is finite and positive, and the margins leave a text area of at
    /// least 2 cm each way.
    fn is_sound(&self) -> bool {
        let lengths = [
            self.width,
            self.height,
            self.margin_top,
            self.margin_bottom,
            self.margin_left,
            self.margin_right,
            self.header,
            self.footer,
        ];
        lengths
            .iter()
            .all(|l| l.is_finite() && *l > 0.0 && *l < 1000.0)
            && self.width - self.margin_left - self.margin_right >= 2.0
            && self.height - self.margin_top - self.margin_bottom >= 2.0
    }
}

/// Whether a template of this name exists, built in or in the project.
pub fn exists(project: &Path, name: &str) -> bool {
    BUILT_IN.contains(&name)
        || (is_plain_name(name) && project.join("templates").join(name).is_dir())
}

/// A template name is one folder name: no separators, no `..`.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':'])
}

/// Loads template `name` for a project, reporting problems as diagnostics at the template's
/// files. `None` when it cannot serve.
pub fn load(project: &Path, name: &str, diags: &mut Diagnostics) -> Option<Template> {
    let mut files: BTreeMap<String, Arc<[u8]>> = BTreeMap::new();
    for (path, bytes) in built_in_files(name).unwrap_or_default() {
        files.insert(path.to_string(), Arc::from(*bytes));
    }
    let folder = project.join("templates").join(name);
    let mut project_files = BTreeMap::new();
    if is_plain_name(name) && folder.is_dir() {
        read_folder(
            &folder,
            "",
            &mut project_files,
            diags,
            &format!("templates/{name}"),
        );
    }
    let from_project = project_files.keys().cloned().collect();
    files.extend(project_files);
    if files.is_empty() {
        diags.error("", Pos::FILE, format!("unknown template \"{name}\""));
        return None;
    }
    let labels_file = format!("templates/{name}/labels.yaml");
    let Some(labels_text) = files
        .get("labels.yaml")
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        diags.error(
            &labels_file,
            Pos::FILE,
            "the template has no labels.yaml (UTF-8)",
        );
        return None;
    };
    let labels: BTreeMap<String, Labels> = match serde_saphyr::from_str(labels_text) {
        Ok(labels) => labels,
        Err(err) => {
            let pos = err.location().map_or(Pos::new(1, 1), |l| {
                Pos::new(l.line() as u32, l.column() as u32)
            });
            let message = err.without_snippet().to_string();
            diags.error(
                &labels_file,
                pos,
                format!("invalid labels: {}", message.lines().next().unwrap_or("")),
            );
            return None;
        }
    };
    for (lang, l) in &labels {
        if l.months.len() != 12 {
            diags.error(
                &labels_file,
                Pos::FILE,
                format!("labels \"{lang}\": months must list 12 names"),
            );
            return None;
        }
    }
    let page = match files.get("page.yaml") {
        None => Page::default(),
        Some(bytes) => {
            let page_file = format!("templates/{name}/page.yaml");
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            match serde_saphyr::from_str::<Page>(text) {
                Ok(page) if page.is_sound() => page,
                Ok(_) => {
                    diags.error(
                        &page_file,
                        Pos::FILE,
                        "the page's lengths must be positive, and the margins must leave room for the text",
                    );
                    return None;
                }
                Err(err) => {
                    let pos = err.location().map_or(Pos::new(1, 1), |l| {
                        Pos::new(l.line() as u32, l.column() as u32)
                    });
                    let message = err.without_snippet().to_string();
                    diags.error(
                        &page_file,
                        pos,
                        format!("invalid page: {}", message.lines().next().unwrap_or("")),
                    );
                    return None;
                }
            }
        }
    };
    if !files.contains_key("document.typ.hbs") {
        diags.error(
            &format!("templates/{name}"),
            Pos::FILE,
            "the template has no document.typ.hbs",
        );
        return None;
    }
    Some(Template {
        name: name.to_string(),
        files,
        from_project,
        labels,
        page,
    })
}

fn read_folder(
    folder: &Path,
    prefix: &str,
    files: &mut BTreeMap<String, Arc<[u8]>>,
    diags: &mut Diagnostics,
    shown: &str,
) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = format!("{prefix}{name}");
        // Links are not followed: a template is the folder's own files.
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if prefix.matches('/').count() < 8 {
                read_folder(&path, &format!("{rel}/"), files, diags, shown);
            }
        } else if meta.is_file() {
            if meta.len() > MAX_TEMPLATE_FILE {
                diags.error(
                    &format!("{shown}/{rel}"),
                    Pos::FILE,
                    "the template file is larger than 32 MiB",
                );
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => {
                    files.insert(rel, Arc::from(bytes));
                }
                Err(err) => {
                    diags.error(
                        &format!("{shown}/{rel}"),
                        Pos::FILE,
                        format!("cannot read: {err}"),
                    );
                }
            }
        }
    }
}
