//! The Word route: an original's units as a translation sheet that a translator overtypes in
//! Word (each unit a content control tagged with its id, its Markdown as controls: a span's
//! text inside a `span:<id>` control, what is not translated in a locked `code:<id>` one), and
//! a returned sheet read back into units with our Word reader.

use crate::import::word::{self, Block, Inline};
use crate::model::{SheetPiece, SheetUnit, TranslationSheet};

use super::units::{Piece, Unit};

/// The tag of the control that says which original and language a sheet is for.
pub const MARKER: &str = "speca-translation";

/// A unit's pieces as a sheet's: spans nested, each styled by its Markdown.
fn sheet_pieces(pieces: &[Piece]) -> Vec<SheetPiece> {
    let mut stack: Vec<(u32, &'static str, Vec<SheetPiece>)> = Vec::new();
    let mut out: Vec<SheetPiece> = Vec::new();
    for piece in pieces {
        let current = match stack.last_mut() {
            Some((_, _, content)) => content,
            None => &mut out,
        };
        match piece {
            Piece::Text(text) => current.push(SheetPiece::Text(text.clone())),
            Piece::Code { id, markdown } => current.push(SheetPiece::Code {
                id: *id,
                shown: markdown.trim().to_string(),
            }),
            Piece::Open { id, markdown } => {
                let style = match markdown.as_str() {
                    "**" => "bold",
                    "*" => "italic",
                    "~~" => "strike",
                    _ => "link",
                };
                stack.push((*id, style, Vec::new()));
            }
            Piece::Close { .. } => {
                if let Some((id, style, content)) = stack.pop() {
                    let span = SheetPiece::Span { id, style, content };
                    match stack.last_mut() {
                        Some((_, _, content)) => content.push(span),
                        None => out.push(span),
                    }
                }
            }
        }
    }
    out
}

/// The sheet of `units` (with their ids) of `original` for a translation into `lang`.
pub fn sheet(original: &str, lang: &str, units: &[(String, &Unit)]) -> TranslationSheet {
    TranslationSheet {
        lang: lang.to_string(),
        id: format!("translate:{original}:{lang}"),
        title: format!("Translation of {original} into {lang}"),
        instructions: vec![
            "Type the translation over the text of each box below; keep the boxes, and keep the grey marks (footnote references, labels) where the translation needs them.".into(),
            "Formatting marks stand in boxes around their words: type the translated words inside them. Then return this file as it is.".into(),
        ],
        marker: format!("{original} {lang}"),
        units: units
            .iter()
            .map(|(id, unit)| SheetUnit {
                id: id.clone(),
                kind: unit.kind.clone(),
                pieces: sheet_pieces(&unit.pieces),
            })
            .collect(),
    }
}

/// What a returned sheet says: its original and language, and each unit's translation.
pub struct ReturnedSheet {
    pub original: String,
    pub lang: String,
    pub units: Vec<(String, Vec<Piece>)>,
}

/// The original and language a sheet is for, from its first box.
pub fn marker(name: &str, bytes: &[u8]) -> Result<(String, String), String> {
    let options = word::ReadOptions {
        changes: word::TrackedChanges::Accept,
        ..word::ReadOptions::default()
    };
    let doc = word::read(name, bytes, &options).map_err(|e| e.message)?;
    for block in &doc.body {
        if let Block::Paragraph { content, .. } = block {
            for inline in content {
                if let Inline::Control { tag, content } = inline
                    && tag == MARKER
                    && let Some((original, lang)) = plain(content).rsplit_once(' ')
                {
                    return Ok((original.to_string(), lang.to_string()));
                }
            }
        }
    }
    Err("this Word file is no translation sheet of speca-docs (its first box is missing)".into())
}

/// Reads a returned sheet (a Word file, untrusted: read as the Word reader reads any); codes
/// take their Markdown from `sources` (the original's pieces of the unit), never from the file.
pub fn read(
    name: &str,
    bytes: &[u8],
    sources: &dyn Fn(&str) -> Option<Vec<Piece>>,
) -> Result<ReturnedSheet, String> {
    let options = word::ReadOptions {
        changes: word::TrackedChanges::Accept,
        ..word::ReadOptions::default()
    };
    let doc = word::read(name, bytes, &options).map_err(|e| e.message)?;
    let mut marker = None;
    let mut units = Vec::new();
    for block in &doc.body {
        match block {
            Block::Paragraph { content, .. } => {
                for inline in content {
                    if let Inline::Control { tag, content } = inline
                        && tag == MARKER
                    {
                        marker = Some(plain(content));
                    }
                }
            }
            Block::Control { tag, content } if tag != MARKER => {
                let Some(source) = sources(tag) else {
                    return Err(format!("the box \"{tag}\" is no unit of this contribution"));
                };
                let mut pieces = Vec::new();
                for inner in content {
                    if let Block::Paragraph { content, .. } | Block::Heading { content, .. } = inner
                    {
                        if !pieces.is_empty() {
                            pieces.push(Piece::Text(" ".into()));
                        }
                        read_inlines(content, &source, &mut pieces, tag)?;
                    }
                }
                units.push((tag.clone(), pieces));
            }
            _ => {}
        }
    }
    let marker = marker
        .ok_or("this Word file is no translation sheet of speca-docs (its first box is missing)")?;
    let (original, lang) = marker
        .rsplit_once(' ')
        .ok_or("the sheet's first box was changed; export the sheet again")?;
    Ok(ReturnedSheet {
        original: original.to_string(),
        lang: lang.to_string(),
        units,
    })
}

fn plain(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Link { content, .. } | Inline::Control { content, .. } => {
                out.push_str(&plain(content))
            }
            _ => {}
        }
    }
    out
}

fn read_inlines(
    content: &[Inline],
    source: &[Piece],
    out: &mut Vec<Piece>,
    unit: &str,
) -> Result<(), String> {
    let markdown = |id: u32, want: u8| -> Option<String> {
        source.iter().find_map(|p| match (p, want) {
            (Piece::Open { id: i, markdown }, 0)
            | (Piece::Close { id: i, markdown }, 1)
            | (Piece::Code { id: i, markdown }, 2)
                if *i == id =>
            {
                Some(markdown.clone())
            }
            _ => None,
        })
    };
    for inline in content {
        match inline {
            Inline::Text { text, .. } => match out.last_mut() {
                Some(Piece::Text(last)) => last.push_str(text),
                _ => out.push(Piece::Text(text.clone())),
            },
            Inline::LineBreak => out.push(Piece::Text(" ".into())),
            Inline::Link { content, .. } => read_inlines(content, source, out, unit)?,
            Inline::Control { tag, content } => {
                let stranger = || {
                    format!(
                        "the unit \"{unit}\" holds a box \"{tag}\" that its original does not have"
                    )
                };
                if let Some(id) = tag
                    .strip_prefix("span:")
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    let (open, close) = (
                        markdown(id, 0).ok_or_else(stranger)?,
                        markdown(id, 1).ok_or_else(stranger)?,
                    );
                    out.push(Piece::Open { id, markdown: open });
                    read_inlines(content, source, out, unit)?;
                    out.push(Piece::Close {
                        id,
                        markdown: close,
                    });
                } else if let Some(id) = tag
                    .strip_prefix("code:")
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    out.push(Piece::Code {
                        id,
                        markdown: markdown(id, 2).ok_or_else(stranger)?,
                    });
                } else {
                    read_inlines(content, source, out, unit)?;
                }
            }
            Inline::Note(_) | Inline::Image { .. } => {}
        }
    }
    Ok(())
}
