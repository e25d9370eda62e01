//! Placing problems in the files people edit: the characters no embedded font has, found
//! from the fonts' character maps before typesetting (`check`) or from the compiler's message,
//! and the compiler's other messages, each at the line of the sources that holds the text it
//! concerns. Typst itself names only its generated file and the template.

use super::{Failure, write};
use crate::diag::{Diagnostic, Diagnostics, Pos, Severity};
use crate::load::Project;
use crate::model::Document;
use crate::write::typst::world::CompileMessage;

impl Failure {
    /// Reports the failure: each of the compiler's messages where the sources hold the text it
    /// concerns (among `files`, or every source when empty), a character no font has where
    /// it was typed, and what is left at `fallback` (the document's or contribution's file),
    /// with the template's own file named as the project has it.
    pub(super) fn report(
        &self,
        project: &Project,
        files: &[&str],
        fallback: &str,
        template: &str,
        diags: &mut Diagnostics,
    ) {
        let glyphs: Vec<&str> = self
            .compiler
            .iter()
            .map(|m| m.text.as_str())
            .filter(|text| text.contains(NO_GLYPH))
            .collect();
        locate_missing_glyphs(project, files, &glyphs.join("\n"), fallback, diags);
        let others: Vec<CompileMessage> = self
            .compiler
            .iter()
            .filter(|m| !m.text.contains(NO_GLYPH))
            .cloned()
            .collect();
        let unplaced = place_compiler_messages(
            project,
            files,
            fallback,
            template,
            &others,
            Severity::Error,
            diags,
        );
        let message = if self.compiler.is_empty() {
            self.message.clone()
        } else if unplaced == 0 {
            format!(
                "{} because of the problems reported at their places",
                self.message
            )
        } else {
            format!("{}: see the problems above", self.message)
        };
        diags.error(fallback, Pos::FILE, message);
    }
}

/// What Typst says of a character that no font has.
const NO_GLYPH: &str = "could not be displayed with font";

/// Reports the compiler's `messages` at `severity`: each at the first place the sources
/// (among `files`, or every source when empty) hold a text of the sources it concerns,
/// longest first; else at `fallback`, with its place in the generated file or the template
/// (`/template/…` named `templates/<template>/…`). Returns how many were not placed in the
/// sources.
pub(super) fn place_compiler_messages(
    project: &Project,
    files: &[&str],
    fallback: &str,
    template: &str,
    messages: &[CompileMessage],
    severity: Severity,
    diags: &mut Diagnostics,
) -> usize {
    let mut unplaced = 0;
    for message in messages {
        let found = message
            .near
            .iter()
            .find_map(|text| find_in_sources(project, files, text));
        let (file, pos, text) = match &found {
            // The place in the template stays in the message: the template may be at fault.
            Some((file, pos)) => (
                file.as_str(),
                *pos,
                format!(
                    "typesetting this text failed: {}",
                    message
                        .text
                        .replace("/template/", &format!("templates/{template}/"))
                ),
            ),
            None => {
                unplaced += 1;
                (
                    fallback,
                    Pos::FILE,
                    message
                        .text
                        .replace("/template/", &format!("templates/{template}/")),
                )
            }
        };
        diags.push(Diagnostic::new(severity, file, pos, text));
    }
    unplaced
}

/// The first place one of the source files (among `files`, or every source when empty)
/// holds `text` on one line.
fn find_in_sources(project: &Project, files: &[&str], text: &str) -> Option<(String, Pos)> {
    for (path, content) in source_texts(project, files) {
        for (n, line) in content.lines().enumerate() {
            if let Some(at) = line.find(text) {
                let col = line[..at].chars().count() as u32 + 1;
                return Some((path.to_string(), Pos::new(n as u32 + 1, col)));
            }
        }
    }
    None
}

/// The Markdown and YAML sources among `files` (every source when empty) with their text,
/// read again as the loader read them: only inside sources/, and bounded.
fn source_texts<'p>(
    project: &'p Project,
    files: &'p [&str],
) -> impl Iterator<Item = (&'p str, String)> + 'p {
    let sources = crate::load::confined::real_sources(&project.root);
    project
        .inputs
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| path.ends_with(".md") || path.ends_with(".yaml"))
        .filter(move |path| files.is_empty() || files.contains(path))
        .filter_map(move |path| {
            let bytes =
                crate::load::confined::read(sources.as_deref(), &project.root.join(path), 16 << 20)
                    .ok()?;
            Some((path, String::from_utf8_lossy(&bytes).into_owned()))
        })
}

/// When typesetting failed because a character has no glyph in the document's fonts (which
/// PDF/A refuses), each place a source file holds it, as an error people can act on: Typst
/// names only its own generated file. Only `files` are searched, or every source when it is
/// empty.
pub(super) fn locate_missing_glyphs(
    project: &Project,
    files: &[&str],
    message: &str,
    fallback: &str,
    diags: &mut Diagnostics,
) {
    let mut missing: Vec<char> = Vec::new();
    for line in message.lines().filter(|l| l.contains(NO_GLYPH)) {
        // "… the text `"ⸯ"` could not be displayed …"
        if let Some(start) = line.find("the text `\"")
            && let Some(len) = line[start + 11..].find("\"`")
        {
            for c in line[start + 11..start + 11 + len].chars() {
                if !missing.contains(&c) {
                    missing.push(c);
                }
            }
        }
    }
    if !missing.is_empty() {
        locate_characters(project, files, &missing, fallback, diags);
    }
}

/// Reports each place a source file holds one of the `missing` characters (20 at most), as an
/// error people can act on: typed as itself, or as a numeric character reference (`&#3334;`,
/// `&#xD06;`). Only `files` are searched, or every source when it is empty. A character found
/// nowhere (written another way, e.g. as a named entity) is reported at `fallback`, the
/// document's file.
fn locate_characters(
    project: &Project,
    files: &[&str],
    missing: &[char],
    fallback: &str,
    diags: &mut Diagnostics,
) {
    const MOST: usize = 20;
    let mut found = 0;
    let mut located: Vec<char> = Vec::new();
    for (path, text) in source_texts(project, files) {
        if found >= MOST {
            break;
        }
        for (n, line) in text.lines().enumerate() {
            for (col, c) in characters_written(line) {
                if missing.contains(&c) && found < MOST {
                    found += 1;
                    located.push(c);
                    no_glyph(diags, path, Pos::new(n as u32 + 1, col as u32 + 1), c);
                }
            }
        }
    }
    for &c in missing.iter().filter(|c| !located.contains(c)) {
        no_glyph(diags, fallback, Pos::FILE, c);
    }
}

fn no_glyph(diags: &mut Diagnostics, file: &str, pos: Pos, c: char) {
    diags
        .error(
            file,
            pos,
            format!(
                "the character \"{c}\" (U+{:04X}) has no glyph in the document's fonts, and a PDF/A or PDF/UA document must show every character",
                u32::from(c)
            ),
        )
        .hint("replace it with a character the fonts have, or build with --pdf-standard none");
}

/// The characters of `line` with their 0-based character columns: each as typed, and each
/// numeric character reference (`&#1234;`, `&#x4D2;`) as the character it stands for, at its `&`.
fn characters_written(line: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (col, &c) in chars.iter().enumerate() {
        out.push((col, c));
        if c == '&' && chars.get(col + 1) == Some(&'#') {
            let rest: String = chars[col + 2..].iter().take(10).collect();
            let Some(end) = rest.find(';') else { continue };
            let digits = &rest[..end];
            let value = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse().ok(),
            };
            if let Some(referenced) = value.and_then(char::from_u32) {
                out.push((col, referenced));
            }
        }
    }
    out
}

/// Reports, where it was typed, every character of `doc` that no embedded font has, when the
/// `standards` (PDF/A) require every character to be shown: found from the fonts' character
/// maps, before anything is typeset. `files` and `fallback` as for `locate_characters`.
pub fn check_glyphs(
    project: &Project,
    doc: &Document,
    files: &[&str],
    fallback: &str,
    standards: &write::typst::PdfStandards,
    diags: &mut Diagnostics,
) {
    if standards.names().is_empty() {
        return;
    }
    let missing = write::typst::missing_glyphs(doc);
    if !missing.is_empty() {
        locate_characters(project, files, &missing, fallback, diags);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_found_as_typed_and_as_numeric_references() {
        let found = characters_written("a ആ &#3243; &#XD06;&#x;&#99999999;");
        let at = |c: char| -> Vec<usize> {
            found
                .iter()
                .filter(|(_, f)| *f == c)
                .map(|(col, _)| *col)
                .collect()
        };
        assert_eq!(at('ആ'), [2, 12]);
        assert_eq!(at('ಫ'), [4]);
        assert_eq!(at('a'), [0]);
    }
}
