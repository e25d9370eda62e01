//! The Typst writer's part of a template, prepared once per build: the Handlebars source of
//! `document.typ.hbs` parsed, and the template's files that the compiler serves under
//! `/template/`.

use std::collections::BTreeMap;
use std::sync::Arc;

use handlebars::Handlebars;

use crate::diag::Pos;
use crate::template::{Template, TemplateError};

/// The file of a template that produces the main Typst file.
pub const MAIN: &str = "document.typ.hbs";

/// A template made ready for the Typst writer.
pub struct TypstTemplate {
    /// The template's name, for messages.
    pub name: String,
    /// `document.typ.hbs`, registered as `document`.
    pub(super) handlebars: Handlebars<'static>,
    /// Every file of the template by its path inside the template folder, shared (not copied)
    /// with every compilation.
    pub(super) files: BTreeMap<String, Arc<[u8]>>,
    /// The page the document is laid out on (`page.yaml`), handed to the template.
    pub(super) page: crate::template::Page,
}

impl TypstTemplate {
    /// Parses the template's `document.typ.hbs`; an error names the file and, where Handlebars
    /// says, the line and column.
    pub fn new(template: &Template) -> Result<TypstTemplate, TemplateError> {
        let shown = template.shown(MAIN);
        let source = template
            .file(MAIN)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .ok_or_else(|| {
                TemplateError::new(
                    &shown,
                    Pos::FILE,
                    "the template has no UTF-8 document.typ.hbs",
                )
            })?;
        let mut handlebars = Handlebars::new();
        handlebars.set_strict_mode(true);
        // Values are escaped for Typst before they reach the template; HTML escaping would
        // corrupt them.
        handlebars.register_escape_fn(handlebars::no_escape);
        handlebars
            .register_template_string("document", source)
            .map_err(|err| {
                let pos = err
                    .pos()
                    .map_or(Pos::FILE, |(line, col)| Pos::new(line as u32, col as u32));
                TemplateError::new(&shown, pos, format!("invalid Handlebars: {}", err.reason()))
            })?;
        Ok(TypstTemplate {
            name: template.name.clone(),
            handlebars,
            files: template.files.clone(),
            page: template.page,
        })
    }
}
