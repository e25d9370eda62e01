//! A submission form: what `speca-docs form` gives a focal point to fill in Word, in one
//! language, every text already resolved. The DOCX writer reads it as it reads a [`Document`];
//! the importer reads the filled file back by the tags and labels it carries.
//!
//! [`Document`]: super::Document

/// One form, for one country, one kind of contribution and one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The language code the form is written in (`en`, `ru`).
    pub lang: String,
    /// An identifier for the package properties: `kaz.country-input.en`.
    pub id: String,
    pub title: String,
    /// The line under the title: the country and the meeting.
    pub subtitle: String,
    /// What a focal point needs to know, one paragraph each.
    pub instructions: Vec<String>,
    /// The heading over the fields ("About the contribution").
    pub fields_heading: String,
    pub fields: Vec<FormField>,
    pub indicators: Option<FormIndicators>,
    /// The label that stands before the text's content control ("Text of the contribution").
    pub body_heading: String,
    /// The sections the text is pre-filled with.
    pub sections: Vec<FormSection>,
}

/// One front-matter field as a content control beside its label.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// The field's path in the contract (`focal-point.email`): the control's tag.
    pub tag: String,
    pub label: String,
    pub kind: FieldKind,
    /// The value filled in already (country, language, type); such a field is locked.
    pub value: Option<String>,
    /// The grey text an empty control shows, saying what to write.
    pub placeholder: String,
    /// Words shown after the control, outside it: the name of a pre-filled code
    /// ("KAZ" (Kazakhstan)).
    pub after: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A paragraph of text (a summary).
    Paragraph,
    /// A date, picked in Word's calendar and written `YYYY-MM-DD`.
    Date,
}

/// The indicators table: one row per indicator of the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct FormIndicators {
    pub heading: String,
    /// A paragraph under the heading (numbers as the language writes them, the year, a source).
    pub note: String,
    /// Column headings: indicator, unit, value, year, source.
    pub columns: [String; 5],
    pub rows: Vec<FormIndicator>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormIndicator {
    /// The indicator's id: its controls are tagged `indicators.<id>.value`, `.year`, `.source`.
    pub id: String,
    pub label: String,
    pub unit: String,
}

/// A heading of the text and the guidance under it, which import drops when left unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSection {
    pub heading: String,
    pub guidance: String,
}

/// A translation sheet: an original's translation units as a Word file that a translator
/// overtypes (`speca-docs translate export --format docx`), each unit a content control tagged
/// with its id, its Markdown as controls a translator moves but does not break.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationSheet {
    /// The language the translation is into (Word's proofing language of the text typed).
    pub lang: String,
    /// The package's identifier: `translate:<original file>:<language>`.
    pub id: String,
    pub title: String,
    pub instructions: Vec<String>,
    /// What the sheet is for, as its first, locked control holds it: `<original file> <lang>`.
    pub marker: String,
    pub units: Vec<SheetUnit>,
}

/// One translation unit of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetUnit {
    /// The unit's id: the control's tag.
    pub id: String,
    /// `heading`, `paragraph`, `item`, `cell`, `note` or a field's name: the control's title.
    pub kind: String,
    pub pieces: Vec<SheetPiece>,
}

/// A piece of a unit's text.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetPiece {
    Text(String),
    /// A span of formatting (emphasis, strong, strikethrough, a link), as a control tagged
    /// `span:<id>` around its text; `style` says how it shows (`bold`, `italic`, `strike`,
    /// `link`).
    Span {
        id: u32,
        style: &'static str,
        content: Vec<SheetPiece>,
    },
    /// Markdown that is not translated (a footnote reference, code, a label), as a locked
    /// control tagged `code:<id>` showing `shown`.
    Code {
        id: u32,
        shown: String,
    },
}
