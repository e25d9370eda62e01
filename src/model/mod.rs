//! The document model: what consolidation produces and what every writer reads.
//!
//! A [`Document`] is one output document in one language, fully resolved: all text is already in
//! that language, all images are loaded, headings carry their level in the document (1 is a
//! chapter). Writers only read this model; they never see YAML, file paths outside the model, or
//! the sources contract.
//!
//! All text here is *untrusted*: it is exactly what an expert typed, and a writer must escape it
//! for its output format, never interpret it.

use std::sync::Arc;

mod date;
mod form;
mod labels;
pub mod languages;
pub mod numbers;

pub use date::Date;

pub use form::{
    FieldKind, Form, FormField, FormIndicator, FormIndicators, FormSection, SheetPiece, SheetUnit,
    TranslationSheet,
};
pub use labels::Labels;
#[cfg(test)]
pub(crate) use labels::english_for_tests;

/// One consolidated document in one language.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// The document id (the stem of `documents/<id>.yaml`).
    pub id: String,
    /// The language code of this version, e.g. `en`.
    pub lang: String,
    /// The language the document is originally written in (the meeting's first language).
    pub original_lang: String,
    /// The build version, e.g. `draft`, `v2`, `2022-10-15`.
    pub version: String,
    /// Whether this is a final release: then no version or draft mark is printed.
    pub is_final: bool,
    /// Everything that stands on the first page before the body.
    pub front: Front,
    /// The body: chapters and their content, in order.
    pub body: Vec<Block>,
    /// Annexes, placed after the body and titled "Annex I", "Annex II", …
    pub annexes: Vec<Annex>,
    /// The template's labels in this document's language ("Distr.", "Annex", month names …).
    pub labels: Labels,
    /// Set when the document marks its changes from an earlier version (`build --compare-to`).
    pub changes: Option<ChangesFrom>,
}

/// The earlier version a document marks its changes from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChangesFrom {
    /// The version compared against, e.g. `draft` or `1.0`.
    pub version: String,
    /// That version's date, from its manifest.
    pub date: Date,
    /// The date of the revisions (the build's date), for Word's Review pane.
    pub revised: Date,
}

/// The masthead, sessional heading, title and summary.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Front {
    /// "United Nations Special Programme for the Economies of Central Asia (SPECA)".
    pub programme: String,
    /// Organising bodies, e.g. `["ESCAP", "ECE"]`.
    pub organizers: Vec<String>,
    /// The UN document symbol including any `/Rev.N` suffix, when the document has one.
    pub symbol: Option<String>,
    /// "General" or "Limited".
    pub distribution: String,
    /// The document's date.
    pub date: Option<Date>,
    /// The meeting body, e.g. "SPECA Working Group on Innovation and Technology …".
    pub body: Option<String>,
    /// The session, e.g. "Third session".
    pub session: Option<String>,
    /// The venue, e.g. "Almaty, Kazakhstan".
    pub venue: Option<String>,
    /// First and last day of the meeting.
    pub meeting_dates: Option<(Date, Date)>,
    /// "Item 4 of the provisional agenda".
    pub agenda_item: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    /// The text of the summary box, as plain paragraphs.
    pub summary: Vec<String>,
    /// A short title for running headers when there is no symbol.
    pub short_title: String,
    /// A line printed on the first page of drafts (e.g. that the figures are illustrative).
    pub draft_note: Option<String>,
    /// The banner of a preview (`speca-docs preview`): which file it shows, in which document,
    /// and that it is not a document of the meeting. Never set in a build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
}

/// An annex: a title and its content.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Annex {
    pub title: String,
    pub blocks: Vec<Block>,
    /// The label cross-references name it by (`label:` of the annex).
    #[serde(default)]
    pub label: Option<String>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    /// A heading; `level` 1 is a chapter (I.), 2 a section (A.), 3 a subsection (1.), 4+ (a).
    Heading(Heading),
    /// A paragraph. `numbered` paragraphs get the next number of the document-wide sequence
    /// (1., 2., 3. …) as UN documents do; paragraphs in lists, quotes and cells are not numbered.
    Paragraph {
        content: Vec<Inline>,
        numbered: bool,
    },
    /// A bulleted or numbered list. Each item is a list of blocks.
    List(List),
    /// A table with a header row, alignment per column and optional notes under it.
    Table(Table),
    /// A block quotation.
    Quote(Vec<Block>),
    /// Preformatted text, printed literally.
    CodeBlock(String),
    /// An image that stands alone in its paragraph.
    Figure(ImageRef),
    /// A horizontal bar chart of one indicator, drawn by each writer from its data.
    Chart(Chart),
    /// A thematic break.
    Rule,
    /// A line of facts that introduces a contribution (organization, country, period), printed
    /// in italics under its heading and not numbered.
    Byline(Vec<Inline>),
    /// Blocks in another language than the document's (a contribution shown in its original
    /// language because it has no translation), so that hyphenation and spelling follow that
    /// language. Numbering runs through it as through the rest of the body.
    Lang { lang: String, blocks: Vec<Block> },
    /// Blocks the version compared against did not have (`build --compare-to`): Word
    /// revisions in the DOCX, bold with a change bar in the PDF.
    Inserted(Vec<Block>),
    /// Blocks of the version compared against that this one no longer has: deleted revisions
    /// in the DOCX, struck through in the PDF. Their paragraphs take no paragraph number (the
    /// numbers are the new document's), and their pictures are shown by their alt text.
    Deleted(Vec<Block>),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub content: Vec<Inline>,
    /// Whether the heading carries a number (I., A., 1., (a)).
    pub numbered: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct List {
    /// `Some(start)` for a numbered list, `None` for bullets.
    pub start: Option<u64>,
    pub items: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Alignment of each column; its length is the number of columns.
    pub align: Vec<Align>,
    /// The header row (repeated on every page the table spans).
    pub header: Vec<Vec<Inline>>,
    /// The body rows; every row has exactly `align.len()` cells.
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// Notes printed under the table ("Source: …").
    pub notes: Vec<Vec<Inline>>,
}

/// A bar chart of an indicator: one bar per country that reported it, numbered through the
/// document as "Figure I", "Figure II" … (the word is the labels' `figure`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Chart {
    /// The figure's number, from 1, through body and annexes.
    pub number: u32,
    pub title: String,
    /// The unit of the values, shown under the value axis (empty when the indicator has none).
    pub unit: String,
    /// The bars, in the order shown (countries in the document language's order).
    pub bars: Vec<Bar>,
    /// The note under the chart ("Source: ITU."), as table notes are written; empty for none.
    pub source: Vec<Inline>,
    /// The alternative text, generated from the data: "Individuals using the Internet, %,
    /// latest year: Kazakhstan 90.9 (2021), …".
    pub alt: String,
    /// The label cross-references name it by (`label:` of its section or annex).
    #[serde(default)]
    pub label: Option<String>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bar {
    /// The country's name in the document's language.
    pub label: String,
    /// The value, finite.
    pub value: f64,
    /// The value as the language writes it ("90.9", «90,9»).
    pub shown: String,
    /// The year the value is for.
    pub year: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Inline {
    Text(String),
    Emph(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Superscript(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A footnote, numbered by the writer in order of appearance.
    Footnote(Vec<Block>),
    /// A soft line break: a space for the reader.
    SoftBreak,
    /// A hard line break.
    LineBreak,
    /// An image inside running text.
    Image(ImageRef),
    /// Text the version compared against did not have.
    Inserted(Vec<Inline>),
    /// Text of the version compared against that this one no longer has.
    Deleted(Vec<Inline>),
    /// Where a label stands (`{#name}` at the end of a heading or paragraph, `label:` of a
    /// section): the target of the cross-references to it. Prints nothing.
    Anchor(String),
    /// A cross-reference (`[](#name)`): the number of what the label names, as the document
    /// prints it (`12`, `II`, `II.A`, annex `I`, figure `I`), filled in when the document is
    /// numbered ([`numbers::resolve_references`]); `?` when nothing in the document has the
    /// label.
    Ref {
        label: String,
        number: String,
        kind: RefKind,
    },
}

/// What a cross-reference points at, which says how a writer shows its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum RefKind {
    /// Not (yet) resolved.
    #[default]
    Unresolved,
    Paragraph,
    /// A heading at this outline level (1: a chapter, 2: a section …).
    Heading(u8),
    Annex,
    Figure,
}

/// A loaded image. The bytes were read and checked by the loader; writers embed them as they are.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ImageRef {
    /// The image's path relative to the project folder, with `/` separators, e.g.
    /// `sources/media/chart.png`. Unique per file; writers use it as a name, never to read.
    pub key: String,
    pub format: ImageFormat,
    /// The bytes. A snapshot keeps their SHA-256 instead, and reads back none: a document read
    /// from a snapshot is compared, never written with its pictures.
    #[serde(
        rename = "sha256",
        serialize_with = "image_digest",
        deserialize_with = "no_image_data"
    )]
    pub data: Arc<[u8]>,
    /// The size at which the image is shown (before it is scaled down to fit the text), in
    /// points (1/72 inch), read from the file by the loader: for PNG and JPEG the pixels at
    /// the resolution the file records (72 dpi when none), for SVG its width and height with
    /// their units (px are 1/96 inch), its viewBox when it has no size. Finite and positive.
    pub width_pt: f64,
    pub height_pt: f64,
    /// The alternative text, for screen readers and Word's alt text.
    pub alt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Svg,
}

fn image_digest<S: serde::Serializer>(data: &Arc<[u8]>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::digest::sha256_hex(data))
}

fn no_image_data<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Arc<[u8]>, D::Error> {
    let _digest = <String as serde::Deserialize>::deserialize(deserializer)?;
    Ok(Arc::from(Vec::new()))
}

impl ImageFormat {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Svg => "svg",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Svg => "image/svg+xml",
        }
    }
}

impl Inline {
    /// The plain text of inlines, as a reader would read it aloud (footnotes left out).
    pub fn plain_text(inlines: &[Inline]) -> String {
        let mut out = String::new();
        fn walk(inlines: &[Inline], out: &mut String) {
            for inline in inlines {
                match inline {
                    Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                    Inline::Emph(c)
                    | Inline::Strong(c)
                    | Inline::Strike(c)
                    | Inline::Superscript(c)
                    | Inline::Link { content: c, .. }
                    | Inline::Inserted(c) => walk(c, out),
                    Inline::SoftBreak | Inline::LineBreak => out.push(' '),
                    Inline::Ref { number, .. } => out.push_str(number),
                    // The text as it now reads: what was deleted is no longer read.
                    Inline::Footnote(_)
                    | Inline::Image(_)
                    | Inline::Deleted(_)
                    | Inline::Anchor(_) => {}
                }
            }
        }
        walk(inlines, &mut out);
        out
    }
}

impl Document {
    /// The version a draft names, "Version 1.1"; `None` for a final document and for a draft
    /// given no version (the default `draft`), which the draft mark alone says.
    fn named_version(&self) -> Option<String> {
        (!self.is_final && self.version != DEFAULT_VERSION)
            .then(|| format!("{} {}", self.labels.version, self.version))
    }

    /// The draft mark of the first page: "Draft — Version 1.1", or "Draft" alone.
    pub fn draft_mark(&self) -> Option<String> {
        (!self.is_final).then(|| match self.named_version() {
            Some(version) => format!("{} \u{2014} {version}", self.labels.draft),
            None => self.labels.draft.clone(),
        })
    }

    /// What the running header says of the version: "Version 1.1", or "Draft".
    pub fn header_version(&self) -> Option<String> {
        (!self.is_final).then(|| {
            self.named_version()
                .unwrap_or_else(|| self.labels.draft.clone())
        })
    }
}

/// The version a build is given when none is named (`--version`, `SPECA_DOCS_VERSION`).
pub const DEFAULT_VERSION: &str = "draft";

impl Block {
    /// Whether a change from an earlier version is marked anywhere in the block.
    pub fn has_changes(&self) -> bool {
        match self {
            Block::Inserted(_) | Block::Deleted(_) => true,
            Block::Heading(h) => Inline::has_changes(&h.content),
            Block::Paragraph { content, .. } | Block::Byline(content) => {
                Inline::has_changes(content)
            }
            Block::List(list) => list.items.iter().flatten().any(Block::has_changes),
            Block::Table(t) => t
                .header
                .iter()
                .chain(t.rows.iter().flatten())
                .chain(&t.notes)
                .any(|cell| Inline::has_changes(cell)),
            Block::Quote(blocks) | Block::Lang { blocks, .. } => {
                blocks.iter().any(Block::has_changes)
            }
            Block::CodeBlock(_) | Block::Figure(_) | Block::Chart(_) | Block::Rule => false,
        }
    }
}

impl Inline {
    /// Whether a change from an earlier version is marked anywhere in the inlines.
    pub fn has_changes(inlines: &[Inline]) -> bool {
        inlines.iter().any(|inline| match inline {
            Inline::Inserted(_) | Inline::Deleted(_) => true,
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Link { content: c, .. } => Inline::has_changes(c),
            Inline::Footnote(blocks) => blocks.iter().any(Block::has_changes),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::SoftBreak
            | Inline::LineBreak
            | Inline::Image(_)
            | Inline::Anchor(_)
            | Inline::Ref { .. } => false,
        })
    }
}

impl Document {
    /// Every image in the document, body and annexes, in order of appearance (duplicates kept).
    pub fn images(&self) -> Vec<&ImageRef> {
        let mut out = Vec::new();
        for block in self
            .body
            .iter()
            .chain(self.annexes.iter().flat_map(|a| &a.blocks))
        {
            collect_block_images(block, &mut out);
        }
        out
    }
}

fn collect_block_images<'a>(block: &'a Block, out: &mut Vec<&'a ImageRef>) {
    match block {
        Block::Heading(h) => collect_inline_images(&h.content, out),
        Block::Paragraph { content, .. } | Block::Byline(content) => {
            collect_inline_images(content, out)
        }
        Block::List(list) => list
            .items
            .iter()
            .flatten()
            .for_each(|b| collect_block_images(b, out)),
        Block::Table(table) => {
            for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                collect_inline_images(cell, out);
            }
        }
        Block::Quote(blocks)
        | Block::Lang { blocks, .. }
        | Block::Inserted(blocks)
        | Block::Deleted(blocks) => blocks.iter().for_each(|b| collect_block_images(b, out)),
        Block::Figure(image) => out.push(image),
        Block::CodeBlock(_) | Block::Chart(_) | Block::Rule => {}
    }
}

fn collect_inline_images<'a>(inlines: &'a [Inline], out: &mut Vec<&'a ImageRef>) {
    for inline in inlines {
        match inline {
            Inline::Image(image) => out.push(image),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Link { content: c, .. }
            | Inline::Inserted(c)
            | Inline::Deleted(c) => collect_inline_images(c, out),
            Inline::Footnote(blocks) => blocks.iter().for_each(|b| collect_block_images(b, out)),
            Inline::Text(_)
            | Inline::Code(_)
            | Inline::SoftBreak
            | Inline::LineBreak
            | Inline::Anchor(_)
            | Inline::Ref { .. } => {}
        }
    }
}
