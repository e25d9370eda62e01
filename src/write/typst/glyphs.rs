//! The characters of a document that its PDF standards refuse to show: one that no embedded
//! font has (every PDF/A but A-1b, and PDF/UA-1), or one of Unicode's private use areas (the
//! accessible PDF/A profiles). Typst then fails to export the PDF, so `check` finds them from
//! the fonts' character maps, without typesetting, and the build names them where they were
//! typed.

use std::collections::BTreeSet;

use super::PdfStandards;
use crate::model::{Block, Document, Inline};

/// The characters of `doc`'s printed text that `standards` refuse, in order of their first
/// appearance. Typst falls back from the template's fonts to any embedded font that has a
/// character, so one that no font has is what fails; it drops the invisible ones (default
/// ignorables) before it looks for glyphs.
pub fn unshowable(doc: &Document, standards: &PdfStandards) -> Vec<char> {
    let (glyphs, private_use) = (
        standards.forbid_missing_glyphs(),
        standards.forbid_private_use(),
    );
    if !glyphs && !private_use {
        return Vec::new();
    }
    let mut text = String::new();
    printed_text(doc, &mut text);
    let book = super::world::font_book();
    let mut seen = BTreeSet::new();
    let mut refused = Vec::new();
    for c in text.chars() {
        if !seen.insert(c) || needs_no_glyph(c) {
            continue;
        }
        let covered = || {
            (0..)
                .map_while(|index| book.info(index))
                .any(|info| info.coverage.contains(u32::from(c)))
        };
        if (private_use && is_private_use(c)) || (glyphs && !covered()) {
            refused.push(c);
        }
    }
    refused
}

/// Whether Typst lays `c` out without a glyph: spaces and line ends, controls, and the
/// characters it drops before shaping (variation selectors, joiners, bidi controls …).
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace() || c.is_control() || typst::text::is_default_ignorable(c)
}

/// Whether `c` is in one of Unicode's private use areas, whose meaning only its font knows.
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Every piece of text the PDF prints: the front page, the labels, the body and the annexes.
/// Alternative texts and link targets are not printed, and need no glyph.
fn printed_text(doc: &Document, out: &mut String) {
    let front = &doc.front;
    for text in [
        &front.programme,
        &front.distribution,
        &front.title,
        &front.short_title,
    ]
    .into_iter()
    .chain(&front.organizers)
    .chain(&front.summary)
    .chain(
        [
            &front.symbol,
            &front.body,
            &front.session,
            &front.venue,
            &front.agenda_item,
            &front.subtitle,
            &front.draft_note,
            &front.preview,
        ]
        .into_iter()
        .flatten(),
    ) {
        out.push_str(text);
        out.push('\n');
    }
    if let Ok(labels) = serde_json::to_value(&doc.labels) {
        json_strings(&labels, out);
    }
    for annex in &doc.annexes {
        out.push_str(&annex.title);
        out.push('\n');
    }
    for block in doc
        .body
        .iter()
        .chain(doc.annexes.iter().flat_map(|a| &a.blocks))
    {
        block_text(block, out);
    }
}

fn json_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(text) => {
            out.push_str(text);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(entries) => entries.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn block_text(block: &Block, out: &mut String) {
    match block {
        Block::Heading(heading) => inline_text(&heading.content, out),
        Block::Paragraph { content, .. } | Block::Byline(content) => inline_text(content, out),
        Block::List(list) => list.items.iter().flatten().for_each(|b| block_text(b, out)),
        Block::Table(table) => table
            .header
            .iter()
            .chain(table.rows.iter().flatten())
            .chain(&table.notes)
            .for_each(|cell| inline_text(cell, out)),
        Block::Quote(blocks)
        | Block::Lang { blocks, .. }
        | Block::Inserted(blocks)
        | Block::Deleted(blocks) => blocks.iter().for_each(|b| block_text(b, out)),
        Block::CodeBlock(code) => out.push_str(code),
        Block::Chart(chart) => {
            for text in [&chart.title, &chart.unit] {
                out.push_str(text);
            }
            for bar in &chart.bars {
                out.push_str(&bar.label);
                out.push_str(&bar.shown);
            }
            inline_text(&chart.source, out);
        }
        Block::Figure(_) | Block::Rule => {}
    }
    out.push('\n');
}

fn inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Link { content: c, .. }
            | Inline::Inserted(c)
            | Inline::Deleted(c) => inline_text(c, out),
            Inline::Footnote(blocks) => blocks.iter().for_each(|b| block_text(b, out)),
            Inline::Ref { number, .. } => out.push_str(number),
            Inline::SoftBreak | Inline::LineBreak | Inline::Image(_) | Inline::Anchor(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Front, english_for_tests};

    fn document(text: &str) -> Document {
        Document {
            id: "d".into(),
            lang: "en".into(),
            original_lang: "en".into(),
            version: "draft".into(),
            is_final: false,
            front: Front::default(),
            body: vec![Block::Paragraph {
                content: vec![Inline::Text(text.into())],
                numbered: true,
            }],
            annexes: Vec::new(),
            labels: english_for_tests(),
            changes: None,
        }
    }

    #[test]
    fn finds_only_what_no_embedded_font_has() {
        let standards = PdfStandards::default();
        // Latin, Cyrillic, typographic marks and spaces are covered, and invisible marks need
        // no glyph; a Gothic letter, an emoji and Kannada and Malayalam letters are in no
        // embedded font.
        let doc = document(
            "Kazakhstan «Казахстан» – 90,9 %\u{00A0}\u{00AD}\t✔\u{FE0F}\u{2068}x\u{2069}𐌰😀𐌰 ആ ಫ",
        );
        assert_eq!(unshowable(&doc, &standards), ['𐌰', '😀', 'ആ', 'ಫ']);
        assert!(unshowable(&document("Plain text."), &standards).is_empty());
    }

    #[test]
    fn what_is_refused_follows_the_standards() {
        let standards = |names: &[&str]| {
            PdfStandards::parse(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap()
        };
        // U+E000 is in a private use area (and in an embedded font).
        let doc = document("\u{E000} 😀");
        assert_eq!(
            unshowable(&doc, &standards(&["a-2a", "ua-1"])),
            ['\u{E000}', '😀']
        );
        assert_eq!(unshowable(&doc, &standards(&["ua-1"])), ['😀']);
        assert_eq!(unshowable(&doc, &standards(&["a-2b"])), ['😀']);
        assert!(unshowable(&doc, &standards(&["1.7"])).is_empty());
        assert!(unshowable(&doc, &standards(&["a-1b"])).is_empty());
        assert!(unshowable(&doc, &standards(&["none"])).is_empty());
    }
}
