//! What a Word file says: the fields of a submission form (by the tags of its content controls,
//! or by the labels beside them when a program dropped the controls), its indicators table,
//! and the blocks that are the contribution's text.

use std::collections::BTreeMap;

use super::word::{Block, Inline, Row, WordDocument};
use crate::forms::wording::{self, Wording};
use crate::load::meeting::Meeting;

/// A field as the Word file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: String,
    /// Whether it came from a content control (else from a label beside it).
    pub from_control: bool,
}

/// The cells of one indicator's row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorRow {
    /// The row as Word shows it (the header is row 1).
    pub row: usize,
    pub label: String,
    pub value: String,
    pub year: String,
    pub source: String,
}

/// What a Word file says, before it is checked against the meeting.
#[derive(Debug, Default)]
pub struct Filled {
    /// Fields by their path in the contract (`focal-point.email`), placeholders removed.
    pub fields: BTreeMap<String, Field>,
    /// Indicator rows by indicator id.
    pub indicators: BTreeMap<String, IndicatorRow>,
    /// Whether the file is one of our forms (it has a form's fields or body).
    pub is_form: bool,
    /// The contribution's text.
    pub body: Vec<Block>,
    /// How many of the body's blocks stood after a form's box for the text.
    pub after_box: usize,
}

/// The fields a form carries (what labels are looked up for).
const FIELD_TAGS: &[&str] = &[
    "country",
    "language",
    "type",
    "title",
    "organization",
    "period",
    "summary",
    "themes",
    "focal-point.name",
    "focal-point.organization",
    "focal-point.email",
    "submitted",
];

/// Reads what `doc` says. `meeting` gives the indicators' labels, by which an indicators table
/// without its controls is still read.
pub fn read(doc: &WordDocument, meeting: &Meeting) -> Filled {
    let mut filled = Filled::default();
    let mut body_control = None;
    collect_controls(&doc.body, &mut filled, &mut body_control, meeting);
    // Where a form's text begins: its box, or the heading before it. Labels are read only
    // before it (the fields and indicators tables), never in the text an expert wrote, whose
    // own tables may well hold a row "Country | …".
    let box_at = doc
        .body
        .iter()
        .position(|b| matches!(b, Block::Control { tag, .. } if tag == "body"));
    let heading_at = doc.body.iter().position(is_body_heading);
    if let Some(end) = heading_at.or(box_at) {
        collect_labels(&doc.body[..end], &mut filled, meeting);
    }
    for field in filled.fields.values_mut() {
        if is_placeholder(&field.text) {
            field.text.clear();
        }
    }
    filled.fields.retain(|_, f| !f.text.is_empty());
    for row in filled.indicators.values_mut() {
        for cell in [&mut row.value, &mut row.year, &mut row.source] {
            if is_placeholder(cell) {
                cell.clear();
            }
        }
    }

    let body: Vec<Block> = match body_control {
        Some(mut blocks) => {
            filled.is_form = true;
            // Text typed after the box (Word lets the cursor leave it) is text too.
            if let Some(at) = box_at {
                let after = clean(doc.body[at + 1..].to_vec());
                filled.after_box = after.len();
                blocks.extend(after);
            }
            blocks
        }
        None => match doc.body.iter().position(is_body_heading) {
            Some(at) => {
                filled.is_form = true;
                doc.body[at + 1..].to_vec()
            }
            None => doc.body.clone(),
        },
    };
    if FIELD_TAGS[..3]
        .iter()
        .any(|t| filled.fields.contains_key(*t))
    {
        filled.is_form = true;
    }
    filled.body = clean(body);
    filled
}

/// Content controls by tag: the first of each tag counts.
fn collect_controls(
    blocks: &[Block],
    filled: &mut Filled,
    body: &mut Option<Vec<Block>>,
    meeting: &Meeting,
) {
    for block in blocks {
        match block {
            Block::Control { tag, content } => {
                if tag == "body" {
                    if body.is_none() {
                        *body = Some(content.clone());
                    }
                } else {
                    put_control(filled, tag, blocks_text(content), meeting);
                    collect_controls(content, filled, body, meeting);
                }
            }
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::ListItem { content, .. } => inline_controls(content, filled, meeting),
            Block::Table(table) => {
                for row in &table.rows {
                    for cell in &row.cells {
                        if let Some(tag) = &cell.control {
                            put_control(filled, tag, blocks_text(&cell.content), meeting);
                        }
                        collect_controls(&cell.content, filled, body, meeting);
                    }
                }
            }
        }
    }
}

fn inline_controls(inlines: &[Inline], filled: &mut Filled, meeting: &Meeting) {
    for inline in inlines {
        match inline {
            Inline::Control { tag, content } => {
                put_control(filled, tag, inlines_text(content), meeting);
                inline_controls(content, filled, meeting);
            }
            Inline::Link { content, .. } => inline_controls(content, filled, meeting),
            _ => {}
        }
    }
}

fn put_control(filled: &mut Filled, tag: &str, text: String, meeting: &Meeting) {
    let text = text.trim().to_string();
    if let Some(rest) = tag.strip_prefix("indicators.") {
        let Some((id, part)) = rest.rsplit_once('.') else {
            return;
        };
        let Some(position) = meeting.indicators.iter().position(|i| i.id == id) else {
            return;
        };
        let row = filled
            .indicators
            .entry(id.to_string())
            .or_insert_with(|| IndicatorRow {
                row: position + 2,
                label: meeting.indicators[position]
                    .label
                    .get(meeting.original_language(), meeting.original_language())
                    .to_string(),
                ..IndicatorRow::default()
            });
        let cell = match part {
            "value" => &mut row.value,
            "year" => &mut row.year,
            "source" => &mut row.source,
            _ => return,
        };
        if cell.is_empty() {
            *cell = text;
        }
        return;
    }
    if FIELD_TAGS.contains(&tag) {
        filled.fields.entry(tag.to_string()).or_insert(Field {
            text,
            from_control: true,
        });
    }
}

/// Fields and indicators by the labels beside them, where no control gave them.
fn collect_labels(blocks: &[Block], filled: &mut Filled, meeting: &Meeting) {
    for block in blocks {
        match block {
            Block::Table(table) => {
                if let Some(words) = indicators_header(table.rows.first()) {
                    indicator_rows(&table.rows, words, filled, meeting);
                    continue;
                }
                for row in &table.rows {
                    let [label, value, ..] = row.cells.as_slice() else {
                        continue;
                    };
                    let label = normalize(&blocks_text(&label.content));
                    let Some(tag) = tag_of_label(&label) else {
                        continue;
                    };
                    let mut text = blocks_text(&value.content).trim().to_string();
                    if matches!(tag, "country" | "language" | "type") {
                        // "KAZ (Kazakhstan)": the code, without the name shown after it.
                        if let Some(at) = text.find(" (") {
                            text.truncate(at);
                        }
                    }
                    filled.fields.entry(tag.to_string()).or_insert(Field {
                        text,
                        from_control: false,
                    });
                }
            }
            Block::Control { content, .. } => collect_labels(content, filled, meeting),
            _ => {}
        }
    }
}

/// The form's tag for a label in any language a form is written in.
fn tag_of_label(label: &str) -> Option<&'static str> {
    wording::all().find_map(|words| {
        words
            .labels
            .iter()
            .find(|(_, text)| normalize(text) == label)
            .map(|(tag, _)| tag.as_str())
    })
}

/// The wording whose indicator columns a table's first row holds.
fn indicators_header(row: Option<&Row>) -> Option<&'static Wording> {
    let first = row?.cells.first()?;
    let text = normalize(&blocks_text(&first.content));
    wording::all().find(|w| normalize(&w.indicator_columns[0]) == text)
}

fn indicator_rows(rows: &[Row], words: &Wording, filled: &mut Filled, meeting: &Meeting) {
    let Some(header) = rows.first() else {
        return;
    };
    let column = |name: &str| {
        header
            .cells
            .iter()
            .position(|c| normalize(&blocks_text(&c.content)) == normalize(name))
    };
    let (Some(value_at), year_at, source_at) = (
        column(&words.indicator_columns[2]),
        column(&words.indicator_columns[3]),
        column(&words.indicator_columns[4]),
    ) else {
        return;
    };
    for (index, row) in rows.iter().enumerate().skip(1) {
        let cell = |at: Option<usize>| {
            at.and_then(|at| row.cells.get(at))
                .map(|c| blocks_text(&c.content).trim().to_string())
                .unwrap_or_default()
        };
        let label = cell(Some(0));
        let key = normalize(&label);
        let Some(indicator) = meeting.indicators.iter().find(|i| {
            normalize(&i.id) == key
                || meeting
                    .languages
                    .iter()
                    .any(|l| normalize(i.label.get(l, meeting.original_language())) == key)
        }) else {
            continue;
        };
        let entry = filled
            .indicators
            .entry(indicator.id.clone())
            .or_insert_with(|| IndicatorRow {
                row: index + 1,
                label: label.clone(),
                ..IndicatorRow::default()
            });
        for (slot, at) in [
            (&mut entry.value, Some(value_at)),
            (&mut entry.year, year_at),
            (&mut entry.source, source_at),
        ] {
            if slot.is_empty() {
                *slot = cell(at);
            }
        }
    }
}

/// Whether a field's text is still what the form showed before anyone wrote in it.
fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    wording::all().any(|words| {
        words.placeholders.iter().any(
            |(_, placeholder)| match placeholder.split_once("{themes}") {
                Some((before, _)) => text.starts_with(before.trim()),
                None => text == *placeholder,
            },
        )
    })
}

/// The paragraph that a form puts before its text ("Text of the contribution").
fn is_body_heading(block: &Block) -> bool {
    let content = match block {
        Block::Paragraph { content, .. } | Block::Heading { content, .. } => content,
        _ => return false,
    };
    let text = normalize(&inlines_text(content));
    wording::all().any(|words| normalize(&words.body_heading) == text)
}

/// The contribution's text: controls unwrapped, the guidance left unchanged dropped, empty
/// paragraphs dropped.
fn clean(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Control { content, .. } => out.extend(clean(content)),
            Block::Paragraph { style, content } => {
                let text = inlines_text(&content);
                let has_image = content.iter().any(|i| matches!(i, Inline::Image { .. }));
                if text.trim().is_empty() && !has_image {
                    continue;
                }
                if is_guidance(&text) {
                    continue;
                }
                out.push(Block::Paragraph { style, content });
            }
            Block::Heading { content, level } => {
                if inlines_text(&content).trim().is_empty() {
                    continue;
                }
                out.push(Block::Heading { content, level });
            }
            other => out.push(other),
        }
    }
    out
}

/// The guidance a form writes under each heading, in any language.
fn is_guidance(text: &str) -> bool {
    let text = normalize(text);
    wording::all().any(|words| {
        words
            .country_input_sections
            .iter()
            .chain(&words.case_study_sections)
            .any(|section| normalize(&section.guidance) == text)
    })
}

/// Text compared loosely: whitespace collapsed, case and a trailing colon ignored.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
}

/// The plain text of blocks, paragraphs on lines of their own.
pub fn blocks_text(blocks: &[Block]) -> String {
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::ListItem { content, .. } => lines.push(inlines_text(content)),
            Block::Control { content, .. } => lines.push(blocks_text(content)),
            Block::Table(table) => {
                for row in &table.rows {
                    for cell in &row.cells {
                        lines.push(blocks_text(&cell.content));
                    }
                }
            }
        }
    }
    lines.join("\n")
}

/// The plain text of inlines; a line break is a newline.
pub fn inlines_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
            Inline::Link { content, .. } | Inline::Control { content, .. } => {
                out.push_str(&inlines_text(content))
            }
            Inline::Note(_) | Inline::Image { .. } => {}
        }
    }
    out
}
