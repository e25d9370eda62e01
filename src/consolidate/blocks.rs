//! Block-level shaping of consolidated text: headings placed in the document's outline,
//! paragraphs marked for the document-wide numbering, text marked with its language.

use crate::model::numbers::OUTLINE_LEVELS;
use crate::model::{Block, Heading, Inline};

pub(super) fn heading_block(level: u8, text: &str) -> Block {
    Block::Heading(Heading {
        level,
        content: vec![Inline::Text(text.to_string())],
        numbered: true,
    })
}

/// The headings of one text (a contribution's body, a rapporteur's file) placed in the
/// document's outline under a heading at level `parent` (0: the document's top level). One
/// rule for every writer, so that the PDF's outline and Word's navigation pane agree and no
/// level is ever skipped (PDF/UA requires it):
///
/// - the author's headings keep their order and their relative depth: the shallowest level
///   written opens the first level under `parent`, each deeper one a level further, and a
///   skipped level closes up (a `###` directly under a `#` is one level below it);
/// - a heading that would stand deeper than [`OUTLINE_LEVELS`] is no heading of the outline
///   but runs into the paragraph after it, in bold, as a run-in heading.
pub fn place_headings(blocks: Vec<Block>, parent: u8) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    // The levels as written of the headings open above the current point, outermost first.
    let mut open: Vec<u8> = Vec::new();
    let mut run_in: Option<Vec<Inline>> = None;
    for block in blocks {
        let block = match block {
            Block::Heading(mut heading) => {
                while open.last().is_some_and(|&above| above >= heading.level) {
                    open.pop();
                }
                open.push(heading.level);
                let depth = u8::try_from(open.len()).unwrap_or(u8::MAX);
                let level = parent.saturating_add(depth);
                if level <= OUTLINE_LEVELS {
                    heading.level = level;
                    Block::Heading(heading)
                } else {
                    if let Some(waiting) = run_in.replace(run_in_heading(heading.content)) {
                        out.push(paragraph(waiting));
                    }
                    continue;
                }
            }
            Block::Paragraph { content, numbered } => match run_in.take() {
                Some(mut waiting) => {
                    waiting.extend(content);
                    Block::Paragraph {
                        content: waiting,
                        numbered,
                    }
                }
                None => Block::Paragraph { content, numbered },
            },
            other => other,
        };
        // A run-in heading with no paragraph to run into stands as a paragraph of its own.
        if let Some(waiting) = run_in.take() {
            out.push(paragraph(waiting));
        }
        out.push(block);
    }
    if let Some(waiting) = run_in {
        out.push(paragraph(waiting));
    }
    out
}

/// A heading's text in bold, closed by a full stop unless it ends in punctuation already,
/// and a space before the paragraph's own text.
fn run_in_heading(mut content: Vec<Inline>) -> Vec<Inline> {
    let text = Inline::plain_text(&content);
    let ends_in_punctuation = text
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | ':' | '!' | '?' | ';' | '…'));
    if !ends_in_punctuation {
        match content.last_mut() {
            Some(Inline::Text(last)) => last.push('.'),
            _ => content.push(Inline::Text(".".into())),
        }
    }
    vec![Inline::Strong(content), Inline::Text(" ".into())]
}

fn paragraph(content: Vec<Inline>) -> Block {
    Block::Paragraph {
        content,
        numbered: false,
    }
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

/// Every heading of `blocks` unnumbered (a part whose order differs between the language
/// versions).
pub(super) fn unnumber_headings(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Heading(heading) => heading.numbered = false,
            Block::Lang { blocks, .. } => unnumber_headings(blocks),
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

    /// The level of each heading, and `P:text` for each paragraph.
    fn outline(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => format!("{}:{}", h.level, Inline::plain_text(&h.content)),
                Block::Paragraph { content, .. } => format!("P:{}", Inline::plain_text(content)),
                _ => "other".to_string(),
            })
            .collect()
    }

    fn paragraph_of(text: &str) -> Block {
        paragraph(vec![Inline::Text(text.into())])
    }

    #[test]
    fn shallowest_heading_becomes_a_chapter() {
        let blocks = vec![
            heading_block(2, "a"),
            heading_block(3, "b"),
            heading_block(2, "c"),
        ];
        assert_eq!(outline(&place_headings(blocks, 0)), ["1:a", "2:b", "1:c"]);
    }

    #[test]
    fn skipped_levels_close_up_in_the_authors_order() {
        // ###, #, ######, ##, ####: what authors write when they pick headings by their size.
        let blocks = [3, 1, 6, 2, 4]
            .iter()
            .enumerate()
            .map(|(i, &level)| heading_block(level, &format!("h{i}")))
            .collect();
        assert_eq!(
            outline(&place_headings(blocks, 0)),
            ["1:h0", "1:h1", "2:h2", "2:h3", "3:h4"]
        );
        // A lone ### is the first level under the contribution's own heading.
        let lone = vec![heading_block(3, "Results"), paragraph_of("text")];
        assert_eq!(outline(&place_headings(lone, 2)), ["3:Results", "P:text"]);
        // A subheading stays under its heading, and the next heading is the first's sibling.
        let nested = vec![
            heading_block(2, "Results"),
            heading_block(3, "Figures"),
            heading_block(2, "Lessons"),
        ];
        assert_eq!(
            outline(&place_headings(nested, 2)),
            ["3:Results", "4:Figures", "3:Lessons"]
        );
    }

    #[test]
    fn headings_deeper_than_the_outline_run_into_the_next_paragraph() {
        let blocks = vec![
            heading_block(2, "Results"),
            heading_block(3, "Figures"),
            paragraph_of("Sales grew."),
            heading_block(3, "Why?"),
            heading_block(3, "Costs"),
            Block::Rule,
            heading_block(3, "Last"),
        ];
        let placed = place_headings(blocks, 3);
        assert_eq!(
            outline(&placed),
            [
                "4:Results",
                "P:Figures. Sales grew.",
                "P:Why? ",
                "P:Costs. ",
                "other",
                "P:Last. "
            ]
        );
        assert!(matches!(
            &placed[1],
            Block::Paragraph { content, .. } if matches!(&content[0], Inline::Strong(_))
        ));
        // No heading of the result is deeper than the outline.
        assert!(placed.iter().all(|b| match b {
            Block::Heading(h) => h.level <= OUTLINE_LEVELS,
            _ => true,
        }));
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
