//! Block-level shaping of consolidated text: headings moved to their level in the document,
//! paragraphs marked for the document-wide numbering, text marked with its language.

use crate::load::markdown::Body;
use crate::model::{Block, Heading, Inline};

pub(super) fn heading_block(level: u8, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        content: vec![Inline::Text(text.to_string())],
        numbered: true,
    })
}

/// Moves headings so that the shallowest one stands at `top` (for rapporteur files, where the
/// shallowest heading is a chapter).
pub fn shift_headings(mut blocks: Vec<Block>, top: u8) -> Vec<Block> {
    let shallowest = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.level),
            _ => None,
        })
        .min();
    if let Some(shallowest) = shallowest {
        for block in &mut blocks {
            if let Block::Heading(h) = block {
                h.level = (h.level - shallowest + top).min(9);
            }
        }
    }
    blocks
}

/// A contribution's body under its heading at `level`: `##` becomes `level + 1` (a `#`, which
/// the contract does not expect, is treated as `##`).
pub(super) fn nest_contribution(body: &Body, level: u8) -> Vec<Block> {
    body.blocks
        .iter()
        .cloned()
        .map(|mut block| {
            if let Block::Heading(h) = &mut block {
                h.level = (h.level.max(2) - 2 + level + 1).min(9);
            }
            block
        })
        .collect()
}

/// Marks the paragraphs at the top level of the body for the document-wide numbering (a part
/// in another language is still the top level).
pub(super) fn number_paragraphs(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph { numbered, .. } => *numbered = true,
            Block::Lang { blocks, .. } => number_paragraphs(blocks),
            _ => {}
        }
    }
}

/// `blocks` marked as being in `lang`, when that is another language than the document's.
pub(super) fn in_language(blocks: Vec<Block>, lang: Option<String>) -> Vec<Block> {
    match lang {
        Some(lang) if !blocks.is_empty() => vec![Block::Lang { lang, blocks }],
        _ => blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consolidate::Collation;

    #[test]
    fn shallowest_heading_becomes_a_chapter() {
        let blocks = vec![
            heading_block(2, "a"),
            heading_block(3, "b"),
            heading_block(2, "c"),
        ];
        let shifted = shift_headings(blocks, 1);
        let levels: Vec<u8> = shifted
            .iter()
            .map(|b| {
                if let Block::Heading(h) = b {
                    h.level
                } else {
                    0
                }
            })
            .collect();
        assert_eq!(levels, vec![1, 2, 1]);
    }

    #[test]
    fn collation_orders_as_a_reader_expects() {
        let mut names = vec!["Узбекистан", "азербайджан", "Афганистан", "Таджикистан"];
        let ru = Collation::new("ru");
        names.sort_by(|a, b| ru.compare(a, b));
        assert_eq!(
            names,
            vec!["азербайджан", "Афганистан", "Таджикистан", "Узбекистан"]
        );
    }
}
