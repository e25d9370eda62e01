//! Comparing two versions of a document on the model, not on text dumps: the blocks of both
//! are aligned first (a paragraph inserted or deleted, a case study moved, a country input
//! added), then the words inside blocks that changed, down into list items, table cells,
//! headings and footnotes. The result is the new document with its changes marked
//! ([`Block::Inserted`], [`Block::Deleted`], [`Inline::Inserted`], [`Inline::Deleted`]), which
//! the writers show as Word revisions and a marked-up PDF, and a [`Summary`] per section.
//!
//! Whitespace-only differences are not changes, and numbering is not in the model at all (the
//! writers number paragraphs), so renumbering is never a change.

mod inlines;
mod summary;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Block, ChangesFrom, Document, Inline, List, Table};

pub use summary::{SectionChanges, Summary};

/// The new document with every difference from `old` marked, and what changed per section.
pub fn compare(old: &Document, new: &Document, changes: ChangesFrom) -> (Document, Summary) {
    let mut marked = new.clone();
    marked.body = blocks(&old.body, &new.body);
    let mut annexes = Vec::with_capacity(new.annexes.len());
    for (i, annex) in new.annexes.iter().enumerate() {
        let mut annex = annex.clone();
        // Annexes are matched by their place: "Annex I" stays Annex I.
        let before = old.annexes.get(i).map_or(&[][..], |a| &a.blocks[..]);
        annex.blocks = blocks(before, &annex.blocks);
        annexes.push(annex);
    }
    marked.annexes = annexes;
    marked.changes = Some(changes);
    let summary = summary::summarize(&marked);
    (marked, summary)
}

/// Whether two versions' blocks are the same, as a reader sees them: whitespace aside.
pub fn same_blocks(old: &[Block], new: &[Block]) -> bool {
    old.len() == new.len() && old.iter().zip(new).all(|(a, b)| key(a) == key(b))
}

/// One block of a sequence, with the language it stands in when it was inside
/// [`Block::Lang`] (flattened for aligning, restored after).
#[derive(Clone)]
struct Unit<'a> {
    block: &'a Block,
    lang: Option<&'a str>,
}

fn units(blocks: &[Block]) -> Vec<Unit<'_>> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Lang { lang, blocks } => out.extend(blocks.iter().map(|block| Unit {
                block,
                lang: Some(lang.as_str()),
            })),
            block => out.push(Unit { block, lang: None }),
        }
    }
    out
}

/// The new blocks with the differences from the old marked.
pub(crate) fn blocks(old: &[Block], new: &[Block]) -> Vec<Block> {
    let old_units = units(old);
    let new_units = units(new);
    let old_keys: Vec<String> = old_units.iter().map(|u| key(u.block)).collect();
    let new_keys: Vec<String> = new_units.iter().map(|u| key(u.block)).collect();
    let mut out: Vec<(Option<&str>, Block)> = Vec::with_capacity(new_units.len());
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                for unit in &new_units[new_index..new_index + len] {
                    out.push((unit.lang, unit.block.clone()));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for unit in &old_units[old_index..old_index + old_len] {
                    out.push((unit.lang, deleted(unit.block)));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for unit in &new_units[new_index..new_index + new_len] {
                    out.push((unit.lang, Block::Inserted(vec![unit.block.clone()])));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => replaced(
                &old_units[old_index..old_index + old_len],
                &new_units[new_index..new_index + new_len],
                &mut out,
            ),
        }
    }
    relang(out)
}

/// A run of old blocks replaced by a run of new ones: each new block is paired, in order, with
/// the first old block after the last pairing that is of its kind and similar enough (then its
/// words are compared); what is left unpaired is deleted or inserted where it stands.
fn replaced<'a>(old: &[Unit<'a>], new: &[Unit<'a>], out: &mut Vec<(Option<&'a str>, Block)>) {
    let mut next_old = 0;
    for unit in new {
        let pair = (next_old..old.len())
            .find(|&i| old[i].lang == unit.lang && similar_enough(old[i].block, unit.block));
        match pair {
            Some(i) => {
                for gone in &old[next_old..i] {
                    out.push((gone.lang, deleted(gone.block)));
                }
                for block in changed(old[i].block, unit.block) {
                    out.push((unit.lang, block));
                }
                next_old = i + 1;
            }
            None => out.push((unit.lang, Block::Inserted(vec![unit.block.clone()]))),
        }
    }
    for gone in &old[next_old..] {
        out.push((gone.lang, deleted(gone.block)));
    }
}

/// Consecutive blocks of one language wrapped back in [`Block::Lang`].
fn relang(blocks: Vec<(Option<&str>, Block)>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for (lang, block) in blocks {
        match lang {
            None => out.push(block),
            Some(lang) => match out.last_mut() {
                Some(Block::Lang { lang: last, blocks }) if last == lang => blocks.push(block),
                _ => out.push(Block::Lang {
                    lang: lang.to_string(),
                    blocks: vec![block],
                }),
            },
        }
    }
    out
}

/// Whether an old block and a new one are versions of each other: the same kind, and, for
/// text, at least half of the words in common.
fn similar_enough(old: &Block, new: &Block) -> bool {
    match (old, new) {
        (Block::Heading(a), Block::Heading(b)) => a.level == b.level,
        (Block::Paragraph { .. }, Block::Paragraph { .. })
        | (Block::Byline(_), Block::Byline(_))
        | (Block::Quote(_), Block::Quote(_))
        | (Block::List(_), Block::List(_)) => inlines::word_overlap(&key(old), &key(new)) >= 0.5,
        (Block::Table(a), Block::Table(b)) => a.align.len() == b.align.len(),
        (Block::CodeBlock(_), Block::CodeBlock(_)) => true,
        _ => false,
    }
}

/// A block that changed, its changes marked inside it; blocks of different kinds (which
/// [`similar_enough`] never pairs) as the old deleted and the new inserted.
fn changed(old: &Block, new: &Block) -> Vec<Block> {
    let block = match (old, new) {
        (Block::Heading(a), Block::Heading(b)) => {
            let mut heading = b.clone();
            heading.content = inlines::diff(&a.content, &b.content);
            Block::Heading(heading)
        }
        (
            Block::Paragraph { content: a, .. },
            Block::Paragraph {
                content: b,
                numbered,
            },
        ) => Block::Paragraph {
            content: inlines::diff(a, b),
            numbered: *numbered,
        },
        (Block::Byline(a), Block::Byline(b)) => Block::Byline(inlines::diff(a, b)),
        (Block::Quote(a), Block::Quote(b)) => Block::Quote(blocks(a, b)),
        (Block::List(a), Block::List(b)) => Block::List(list(a, b)),
        (Block::Table(a), Block::Table(b)) => Block::Table(table(a, b)),
        _ => return vec![deleted(old), Block::Inserted(vec![new.clone()])],
    };
    vec![block]
}

/// Lists item by item: items aligned as blocks are.
fn list(old: &List, new: &List) -> List {
    let old_items: Vec<Block> = old.items.iter().map(|i| Block::Quote(i.clone())).collect();
    let new_items: Vec<Block> = new.items.iter().map(|i| Block::Quote(i.clone())).collect();
    let mut items = Vec::with_capacity(new.items.len());
    for block in blocks(&old_items, &new_items) {
        items.push(match block {
            Block::Quote(item) => item,
            Block::Inserted(inner) => match inner.into_iter().next() {
                Some(Block::Quote(item)) => vec![Block::Inserted(item)],
                _ => Vec::new(),
            },
            Block::Deleted(inner) => match inner.into_iter().next() {
                Some(Block::Quote(item)) => vec![Block::Deleted(item)],
                _ => Vec::new(),
            },
            other => vec![other],
        });
    }
    List {
        start: new.start,
        items,
    }
}

/// Tables of the same width cell by cell, rows aligned by their text; the header likewise.
fn table(old: &Table, new: &Table) -> Table {
    let row_key = |row: &Vec<Vec<Inline>>| -> String {
        row.iter()
            .map(|cell| inlines::key(cell))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let old_keys: Vec<String> = old.rows.iter().map(row_key).collect();
    let new_keys: Vec<String> = new.rows.iter().map(row_key).collect();
    let mut rows = Vec::with_capacity(new.rows.len());
    let cells_changed = |a: &Vec<Vec<Inline>>, b: &Vec<Vec<Inline>>| -> Vec<Vec<Inline>> {
        b.iter()
            .enumerate()
            .map(|(i, cell)| match a.get(i) {
                Some(before) => inlines::diff(before, cell),
                None => vec![Inline::Inserted(cell.clone())],
            })
            .collect()
    };
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                rows.extend(new.rows[new_index..new_index + len].iter().cloned())
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for row in &old.rows[old_index..old_index + old_len] {
                    rows.push(row.iter().map(|c| inlines::deleted(c)).collect());
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for row in &new.rows[new_index..new_index + new_len] {
                    rows.push(
                        row.iter()
                            .map(|c| vec![Inline::Inserted(c.clone())])
                            .collect(),
                    );
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Rows replaced one for one are edited rows; the rest are deleted or inserted.
                let paired = old_len.min(new_len);
                for k in 0..paired {
                    rows.push(cells_changed(
                        &old.rows[old_index + k],
                        &new.rows[new_index + k],
                    ));
                }
                for row in &old.rows[old_index + paired..old_index + old_len] {
                    rows.push(row.iter().map(|c| inlines::deleted(c)).collect());
                }
                for row in &new.rows[new_index + paired..new_index + new_len] {
                    rows.push(
                        row.iter()
                            .map(|c| vec![Inline::Inserted(c.clone())])
                            .collect(),
                    );
                }
            }
        }
    }
    Table {
        align: new.align.clone(),
        header: cells_changed(&old.header, &new.header),
        rows,
        notes: new
            .notes
            .iter()
            .enumerate()
            .map(|(i, note)| match old.notes.get(i) {
                Some(before) => inlines::diff(before, note),
                None => vec![Inline::Inserted(note.clone())],
            })
            .collect(),
    }
}

/// An old block as a deletion: pictures become their alt text (an older version's snapshot
/// keeps no image data, and a deleted picture needs none to be read).
fn deleted(block: &Block) -> Block {
    Block::Deleted(vec![without_images(block)])
}

fn without_images(block: &Block) -> Block {
    match block {
        Block::Figure(image) => Block::Paragraph {
            content: vec![Inline::Text(format!("[{}]", image.alt))],
            numbered: false,
        },
        Block::Heading(h) => {
            let mut h = h.clone();
            h.content = inlines::without_images(&h.content);
            Block::Heading(h)
        }
        Block::Paragraph { content, numbered } => Block::Paragraph {
            content: inlines::without_images(content),
            numbered: *numbered,
        },
        Block::Byline(content) => Block::Byline(inlines::without_images(content)),
        Block::List(list) => Block::List(List {
            start: list.start,
            items: list
                .items
                .iter()
                .map(|item| item.iter().map(without_images).collect())
                .collect(),
        }),
        Block::Table(table) => Block::Table(Table {
            align: table.align.clone(),
            header: table
                .header
                .iter()
                .map(|c| inlines::without_images(c))
                .collect(),
            rows: table
                .rows
                .iter()
                .map(|row| row.iter().map(|c| inlines::without_images(c)).collect())
                .collect(),
            notes: table
                .notes
                .iter()
                .map(|c| inlines::without_images(c))
                .collect(),
        }),
        Block::Quote(blocks) => Block::Quote(blocks.iter().map(without_images).collect()),
        Block::Lang { lang, blocks } => Block::Lang {
            lang: lang.clone(),
            blocks: blocks.iter().map(without_images).collect(),
        },
        Block::Inserted(blocks) => Block::Inserted(blocks.iter().map(without_images).collect()),
        Block::Deleted(blocks) => Block::Deleted(blocks.iter().map(without_images).collect()),
        // A deleted chart is read as its alternative text, which holds every value: the
        // changed figure is found there at a glance (and a struck-through drawing made the
        // changes PDF fail PDF/A-2a validation).
        Block::Chart(chart) => Block::Paragraph {
            content: vec![Inline::Text(format!("[{}]", chart.alt))],
            numbered: false,
        },
        Block::CodeBlock(_) | Block::Rule => block.clone(),
    }
}

/// What a block says, as compared: its kind and its text with whitespace collapsed (footnotes
/// and images included, so that a changed footnote changes its paragraph).
pub(crate) fn key(block: &Block) -> String {
    let mut out = String::new();
    key_into(block, &mut out);
    out
}

fn key_into(block: &Block, out: &mut String) {
    match block {
        Block::Heading(h) => {
            out.push_str(&format!("h{}:", h.level));
            out.push_str(&inlines::key(&h.content));
        }
        Block::Paragraph { content, .. } => {
            out.push_str("p:");
            out.push_str(&inlines::key(content));
        }
        Block::Byline(content) => {
            out.push_str("by:");
            out.push_str(&inlines::key(content));
        }
        Block::List(list) => {
            out.push_str(&format!("list{:?}:", list.start));
            for item in &list.items {
                out.push('\u{1e}');
                for block in item {
                    key_into(block, out);
                }
            }
        }
        Block::Table(table) => {
            out.push_str("table:");
            for row in std::iter::once(&table.header)
                .chain(&table.rows)
                .chain(std::iter::once(&table.notes))
            {
                out.push('\u{1e}');
                for cell in row {
                    out.push_str(&inlines::key(cell));
                    out.push('\u{1f}');
                }
            }
        }
        Block::Quote(blocks) => {
            out.push_str("q:");
            blocks.iter().for_each(|b| key_into(b, out));
        }
        Block::CodeBlock(code) => {
            out.push_str("code:");
            out.push_str(code);
        }
        Block::Figure(image) => out.push_str(&format!("fig:{}:{}", image.key, image.alt)),
        Block::Chart(chart) => {
            out.push_str(&format!("chart:{}", chart.title));
            for bar in &chart.bars {
                out.push_str(&format!(
                    "\u{1e}{}\u{1f}{}\u{1f}{:?}",
                    bar.label, bar.shown, bar.year
                ));
            }
        }
        Block::Rule => out.push_str("rule"),
        Block::Lang { lang, blocks } => {
            out.push_str(&format!("lang {lang}:"));
            blocks.iter().for_each(|b| key_into(b, out));
        }
        Block::Inserted(blocks) => {
            out.push_str("ins:");
            blocks.iter().for_each(|b| key_into(b, out));
        }
        Block::Deleted(blocks) => {
            out.push_str("del:");
            blocks.iter().for_each(|b| key_into(b, out));
        }
    }
}
