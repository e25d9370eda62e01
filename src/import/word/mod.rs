//! The Word reader: a `.docx` file (untrusted) to a tree of blocks and inlines, free of XML.
//!
//! It knows nothing of the contract: the importer ([`super`]) decides what the tree means
//! (which content control is which field, which table holds indicators) and writes Markdown.
//!
//! A Word file is untrusted input. The reader bounds what the package may make it read or
//! allocate ([`Limits`]), never resolves a DTD or an external entity, refuses macro-enabled
//! packages, and never turns a name inside the package into a path on disk.

use std::collections::BTreeMap;

use crate::ooxml::package::{self, Package};
use crate::ooxml::read::{self as xml, NodeExt};
pub use crate::ooxml::{Limits, ReadError};

mod body;
mod notes;
mod numbering;
mod styles;

#[cfg(test)]
pub(crate) mod tests;

use body::{NoteKind, Reader};
use numbering::Numbering;
use styles::Styles;

/// What to do with tracked changes that were never accepted or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrackedChanges {
    /// Refuse the file, saying how many revisions it holds and which flags decide them.
    #[default]
    Refuse,
    /// Read the text as if every revision were accepted.
    Accept,
    /// Read the text as if every revision were rejected.
    Reject,
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub changes: TrackedChanges,
    pub limits: Limits,
}

/// Something the reader dropped or changed that the person importing should know of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Where in the Word document, in words: "comments", "table 2, row 3", "text box 1".
    pub place: String,
    pub message: String,
}

/// A Word document's content.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordDocument {
    pub body: Vec<Block>,
    /// Footnotes and endnotes by the id their references carry ([`Inline::Note`]).
    pub notes: BTreeMap<u32, Vec<Block>>,
    /// Images that the body or notes show, by the id their [`Inline::Image`] carries.
    pub media: BTreeMap<u32, Media>,
    /// The document's language (`w:lang` of the default run style), e.g. `ru-RU`.
    pub lang: Option<String>,
    pub notices: Vec<Notice>,
}

/// One image part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    /// Its name in the package, e.g. `word/media/image1.png`: for messages only, never a path.
    pub part: String,
    /// `png`, `jpeg` or `svg`, from the content itself (not from the name).
    pub format: &'static str,
    pub data: Vec<u8>,
}

/// Block content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading: a paragraph with an outline level (its own or its style's), or a heading
    /// style. `level` 1 is Word's "Heading 1" (outline level 0).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    /// A paragraph. `style` is the name of its paragraph style as Word shows it ("Normal",
    /// "Title", "Quote", or a custom name), `None` for the default.
    Paragraph {
        style: Option<String>,
        content: Vec<Inline>,
    },
    /// A paragraph in a list (`w:numPr`, its own or its style's), not a heading.
    ListItem {
        /// The list it belongs to (`w:numId`): consecutive items of one list share it.
        list: u32,
        /// 0 for the outer level (`w:ilvl`).
        level: u8,
        /// Numbered (`decimal`, letters, roman) rather than bulleted.
        ordered: bool,
        /// The number the list's level starts at (`w:start`), for ordered lists.
        start: u32,
        content: Vec<Inline>,
    },
    Table(Table),
    /// A block-level content control (`w:sdt` around paragraphs or tables), by its tag.
    Control {
        tag: String,
        content: Vec<Block>,
    },
}

/// A table, merged cells already expanded: every row has one cell per grid column it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A header row (`w:tblHeader`).
    pub header: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub content: Vec<Block>,
    /// This cell repeats the content of a merged cell (a horizontal span or a vertical merge):
    /// the importer repeats or reports it, never loses it.
    pub merged: bool,
    /// The tag of a content control around the whole cell, if any.
    pub control: Option<String>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with its character formatting. No-break spaces (U+00A0) and other characters are
    /// kept as typed; tabs become one space.
    Text { text: String, marks: Marks },
    /// A line break inside a paragraph (`w:br` without a page or column type, `w:cr`).
    LineBreak,
    /// A hyperlink to an external address.
    Link { url: String, content: Vec<Inline> },
    /// A footnote or endnote reference: the key into [`WordDocument::notes`].
    Note(u32),
    /// An inline picture: the key into [`WordDocument::media`] and its alternative text
    /// (`wp:docPr` `descr`, else `title`; empty when there is none).
    Image { media: u32, alt: String },
    /// A run-level content control, by its tag.
    Control { tag: String, content: Vec<Inline> },
}

/// Character formatting the contract keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

/// Reads a `.docx` file's bytes. `name` is the file's name, for messages and for refusing a
/// macro-enabled `.docm` by its extension as well as by its content.
pub fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<WordDocument, ReadError> {
    let limits = options.limits;
    let mut notices = Vec::new();
    let mut package = Package::open(name, bytes, limits)?;
    let main = package.main_part()?;
    let rels = package.rels(&main)?;

    // The parts the document relates to, by relationship type (the last segment is the
    // same in transitional and strict OOXML); styles and numbering also by their usual name.
    let related = |kind: &str| {
        rels.values().find_map(|rel| match &rel.target {
            package::Target::Part(part) if rel.kind.rsplit('/').next() == Some(kind) => {
                Some(part.clone())
            }
            _ => None,
        })
    };
    let dir = main
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    let styles_part = related("styles").unwrap_or_else(|| format!("{dir}styles.xml"));
    let numbering_part = related("numbering").unwrap_or_else(|| format!("{dir}numbering.xml"));
    let footnotes_part = related("footnotes");
    let endnotes_part = related("endnotes");

    let mut text_of = |part: &str| -> Result<Option<String>, ReadError> {
        match package.part(part)? {
            Some(bytes) => xml::text(part, &bytes).map(Some),
            None => Ok(None),
        }
    };
    let document_text =
        text_of(&main)?.ok_or_else(|| package::not_docx("its document part is missing"))?;
    let styles_text = text_of(&styles_part)?;
    let numbering_text = text_of(&numbering_part)?;
    let footnotes_text = match &footnotes_part {
        Some(part) => text_of(part)?,
        None => None,
    };
    let endnotes_text = match &endnotes_part {
        Some(part) => text_of(part)?,
        None => None,
    };

    let document = xml::parse(&main, &document_text, &limits)?;
    fn parse_optional<'t>(
        part: &str,
        text: &'t Option<String>,
        limits: &Limits,
    ) -> Result<Option<roxmltree::Document<'t>>, ReadError> {
        match text {
            Some(text) => xml::parse(part, text, limits).map(Some),
            None => Ok(None),
        }
    }
    let styles_tree = parse_optional(&styles_part, &styles_text, &limits)?;
    let numbering_tree = parse_optional(&numbering_part, &numbering_text, &limits)?;
    let footnotes_tree = parse_optional(
        footnotes_part.as_deref().unwrap_or_default(),
        &footnotes_text,
        &limits,
    )?;
    let endnotes_tree = parse_optional(
        endnotes_part.as_deref().unwrap_or_default(),
        &endnotes_text,
        &limits,
    )?;

    let body = document
        .root_element()
        .children()
        .find(|n| n.is_w("body"))
        .ok_or_else(|| package::not_docx("its document part has no body"))?;

    if options.changes == TrackedChanges::Refuse {
        let revisions = body::count_revisions(body)
            + [&footnotes_tree, &endnotes_tree]
                .into_iter()
                .flatten()
                .map(|tree| body::count_revisions(tree.root_element()))
                .sum::<usize>();
        if revisions > 0 {
            return Err(ReadError {
                message: format!(
                    "this Word file has {revisions} tracked change{} that {} never \
                     accepted or rejected",
                    if revisions == 1 { "" } else { "s" },
                    if revisions == 1 { "was" } else { "were" },
                ),
                hint: Some(
                    "accept or reject them in Word (Review > Accept or Reject, All Changes) and \
                     save, or import with --accept-changes or --reject-changes"
                        .into(),
                ),
            });
        }
    }

    let styles = styles_tree.as_ref().map(Styles::parse).unwrap_or_default();
    let numbering = numbering_tree
        .as_ref()
        .map(Numbering::parse)
        .unwrap_or_default();
    let lang = styles.lang.clone();

    let mut reader = Reader::new(name, &mut package, &styles, &numbering, options.changes);
    if let Some(tree) = &footnotes_tree {
        notes::assign(&mut reader, NoteKind::Footnote, tree);
    }
    if let Some(tree) = &endnotes_tree {
        notes::assign(&mut reader, NoteKind::Endnote, tree);
    }
    reader.set_part(&main, rels.clone());
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks);

    let mut note_blocks = BTreeMap::new();
    for (kind, part, tree) in [
        (NoteKind::Footnote, &footnotes_part, &footnotes_tree),
        (NoteKind::Endnote, &endnotes_part, &endnotes_tree),
    ] {
        let (Some(part), Some(tree)) = (part, tree) else {
            continue;
        };
        let part_rels = reader_rels(&mut reader, part)?;
        reader.set_part(part, part_rels);
        for (id, note) in notes::notes(tree, kind) {
            let Some(key) = reader.note_keys.get(&(kind, id)).copied() else {
                continue;
            };
            let mut content = Vec::new();
            reader.blocks(note, &mut content);
            note_blocks.entry(key).or_insert(content);
        }
    }
    reader.finish()?;
    notices.append(&mut reader.notices);
    Ok(WordDocument {
        body: blocks,
        notes: note_blocks,
        media: std::mem::take(&mut reader.media),
        lang,
        notices,
    })
}

/// A notes part's relationships, read through the reader's package.
fn reader_rels(reader: &mut Reader, part: &str) -> Result<package::Rels, ReadError> {
    reader.rels(part)
}
