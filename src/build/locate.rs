//! Placing problems in the files people edit: the characters that the PDF standards refuse
//! (one no embedded font has, one of a private use area), found from the fonts' character maps
//! before anything is typeset, and the compiler's messages, each at the line of the sources
//! that holds the text it concerns. Typst itself names only its generated file and the
//! template.

use super::{Failure, write};
use crate::diag::{Diagnostic, Diagnostics, Pos, Severity};
use crate::load::Project;
use crate::model::Document;
use crate::write::typst::PdfStandards;
use crate::write::typst::world::CompileMessage;

impl Failure {
    /// Reports the failure: the characters the standards refuse where they were typed, each
    /// other message of the compiler where the sources (among `files`, or every source when
    /// empty) hold the text it concerns, and what is left at `fallback` (the document's or
    /// contribution's file), with the template's own file named as the project has it.
    pub(super) fn report(
        &self,
        project: &Project,
        files: &[&str],
        fallback: &str,
        template: &str,
        diags: &mut Diagnostics,
    ) {
        let sources = source_texts(project, files);
        let located = !self.unshowable.is_empty();
        if located {
            locate_characters(&sources, &self.unshowable, fallback, diags);
        }
        // What the compiler says of those characters is said at their places.
        let others: Vec<CompileMessage> = self
            .compiler
            .iter()
            .filter(|m| !(located && is_about_a_character(&m.message)))
            .cloned()
            .collect();
        let unplaced = place_compiler_messages(
            &sources,
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

/// Whether a message of the compiler is about a character the PDF standards refuse: one no
/// font has, or one of a private use area.
pub(super) fn is_about_a_character(message: &str) -> bool {
    message.contains("could not be displayed with font")
        || message.contains("contains the codepoint")
}

/// Reports the compiler's `messages` at `severity`: each at the first place the `sources`
/// hold a text of the sources it concerns, longest first; else at `fallback`, with its place
/// in the generated file or the template (`/template/…` named `templates/<template>/…`).
/// Returns how many were not placed in the sources.
pub(super) fn place_compiler_messages(
    sources: &[(&str, String)],
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
            .find_map(|text| find_in_sources(sources, text));
        let shown = message
            .text
            .replace("/template/", &format!("templates/{template}/"));
        let (file, pos, text) = match found {
            // The place in the template stays in the message: the template may be at fault.
            Some((file, pos)) => (file, pos, format!("typesetting this text failed: {shown}")),
            None => {
                unplaced += 1;
                (fallback, Pos::FILE, shown)
            }
        };
        diags.push(Diagnostic::new(severity, file, pos, text));
    }
    unplaced
}

/// The first place one of the `sources` holds `text` on one line.
fn find_in_sources<'s>(sources: &[(&'s str, String)], text: &str) -> Option<(&'s str, Pos)> {
    for (path, content) in sources {
        for (n, line) in content.lines().enumerate() {
            if let Some(at) = line.find(text) {
                let col = line[..at].chars().count() as u32 + 1;
                return Some((path, Pos::new(n as u32 + 1, col)));
            }
        }
    }
    None
}

/// The Markdown and YAML sources among `files` (every source when empty) with their text,
/// read once per report, again as the loader read them: only inside sources/, and bounded.
pub(super) fn source_texts<'p>(project: &'p Project, files: &[&str]) -> Vec<(&'p str, String)> {
    let sources = crate::load::confined::real_sources(&project.root);
    project
        .inputs
        .iter()
        .map(|(path, _)| path.as_str())
        .filter(|path| path.ends_with(".md") || path.ends_with(".yaml"))
        .filter(|path| files.is_empty() || files.contains(path))
        .filter_map(|path| {
            let bytes =
                crate::load::confined::read(sources.as_deref(), &project.root.join(path), 16 << 20)
                    .ok()?;
            Some((path, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect()
}

/// Reports each place the `sources` hold one of the `refused` characters (20 at most), as an
/// error people can act on: typed as itself, or as a numeric character reference (`&#3334;`,
/// `&#xD06;`). A character found nowhere (written another way, e.g. as a named entity) is
/// reported at `fallback`, the document's file.
fn locate_characters(
    sources: &[(&str, String)],
    refused: &[char],
    fallback: &str,
    diags: &mut Diagnostics,
) {
    const MOST: usize = 20;
    let mut found = 0;
    let mut located: Vec<char> = Vec::new();
    for (path, text) in sources {
        if found >= MOST {
            break;
        }
        for (n, line) in text.lines().enumerate() {
            for (col, c) in characters_written(line) {
                if refused.contains(&c) && found < MOST {
                    found += 1;
                    located.push(c);
                    refused_character(diags, path, Pos::new(n as u32 + 1, col as u32 + 1), c);
                }
            }
        }
    }
    for &c in refused.iter().filter(|c| !located.contains(c)) {
        refused_character(diags, fallback, Pos::FILE, c);
    }
}

fn refused_character(diags: &mut Diagnostics, file: &str, pos: Pos, c: char) {
    let code = u32::from(c);
    let (message, hint) = if write::typst::glyphs::is_private_use(c) {
        (
            format!(
                "the character U+{code:04X} is from a private use area, whose meaning only one font knows, and an accessible PDF/A document may not show it"
            ),
            "replace it with the character it stands for, or build with --pdf-standard a-2b,ua-1",
        )
    } else {
        (
            format!(
                "the character \"{c}\" (U+{code:04X}) has no glyph in the document's fonts, and a PDF/A or PDF/UA document must show every character"
            ),
            "replace it with a character the fonts have, or build with --pdf-standard none",
        )
    };
    diags.error(file, pos, message).hint(hint);
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

/// Reports, where it was typed, every character of `doc` that the `standards` refuse (one no
/// embedded font has, one of a private use area): found from the fonts' character maps,
/// before anything is typeset. Only `files` are searched, or every source when it is empty;
/// what none holds is reported at `fallback`.
pub fn check_glyphs(
    project: &Project,
    doc: &Document,
    files: &[&str],
    fallback: &str,
    standards: &PdfStandards,
    diags: &mut Diagnostics,
) {
    let refused = write::typst::unshowable(doc, standards);
    if !refused.is_empty() {
        locate_characters(&source_texts(project, files), &refused, fallback, diags);
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
