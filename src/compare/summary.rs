//! What changed, per section: for the rapporteur's cover note and for CI logs.

use crate::model::numbers::{letters, roman};
use crate::model::{Block, Document, Inline};

/// Paragraphs inserted, deleted and changed, per section of the new document.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub inserted: usize,
    pub deleted: usize,
    pub changed: usize,
    /// The sections with changes, in document order.
    pub sections: Vec<SectionChanges>,
}

/// The changes under one heading (up to the next).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SectionChanges {
    /// The heading's number in the new document, e.g. `II.C` or `Annex I`; empty before the
    /// first heading.
    pub number: String,
    /// The heading's text, e.g. `Progress`.
    pub title: String,
    /// The headings it stands under below its chapter, e.g. `["Kazakhstan"]`: every country's
    /// input has a "Progress".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    pub inserted: usize,
    pub deleted: usize,
    pub changed: usize,
}

impl Summary {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.inserted == 0 && self.deleted == 0 && self.changed == 0
    }
}

impl std::fmt::Display for SectionChanges {
    /// "II.C Kazakhstan: 2 paragraphs changed, 1 inserted".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        let paragraphs = |n: usize| if n == 1 { "paragraph" } else { "paragraphs" };
        let mut first = true;
        for (n, what) in [
            (self.changed, "changed"),
            (self.inserted, "inserted"),
            (self.deleted, "deleted"),
        ] {
            if n > 0 {
                parts.push(if first {
                    format!("{n} {} {what}", paragraphs(n))
                } else {
                    format!("{n} {what}")
                });
                first = false;
            }
        }
        let mut title = self.within.join(" / ");
        if !title.is_empty() {
            title.push_str(" / ");
        }
        title.push_str(&self.title);
        let name = [self.number.as_str(), title.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        write!(f, "{name}: {}", parts.join(", "))
    }
}

/// Counts the marks of a compared document.
pub(super) fn summarize(doc: &Document) -> Summary {
    let mut walker = Walker::default();
    walker.blocks(&doc.body, "");
    for (i, annex) in doc.annexes.iter().enumerate() {
        let annex_number = format!("Annex {}", roman(i as u64 + 1));
        walker.counts = [0; 4];
        walker.titles = Default::default();
        walker.current = SectionChanges {
            number: annex_number.clone(),
            title: annex.title.clone(),
            ..SectionChanges::default()
        };
        walker.blocks(&annex.blocks, &annex_number);
        walker.close();
    }
    walker.close();
    let mut summary = Summary {
        sections: walker.done,
        ..Summary::default()
    };
    for s in &summary.sections {
        summary.inserted += s.inserted;
        summary.deleted += s.deleted;
        summary.changed += s.changed;
    }
    summary
}

#[derive(Default)]
struct Walker {
    counts: [u32; 4],
    /// The text of the headings open at each level.
    titles: [String; 4],
    current: SectionChanges,
    done: Vec<SectionChanges>,
}

impl Walker {
    fn close(&mut self) {
        let section = std::mem::take(&mut self.current);
        if section.inserted + section.deleted + section.changed > 0 {
            self.done.push(section);
        }
    }

    fn blocks(&mut self, blocks: &[Block], prefix: &str) {
        for block in blocks {
            match block {
                Block::Lang { blocks, .. } => self.blocks(blocks, prefix),
                Block::Heading(h) => {
                    self.heading(h, prefix);
                    if Inline::has_changes(&h.content) {
                        self.current.changed += 1;
                    }
                }
                Block::Inserted(inner) => {
                    for block in inner {
                        if let Block::Heading(h) = block {
                            self.heading(h, prefix);
                        }
                        self.current.inserted += 1;
                    }
                }
                Block::Deleted(inner) => self.current.deleted += inner.len(),
                other => {
                    if other.has_changes() {
                        self.current.changed += 1;
                    }
                }
            }
        }
    }

    /// A heading of the new document opens its section.
    fn heading(&mut self, h: &crate::model::Heading, prefix: &str) {
        self.close();
        let level = usize::from(h.level.clamp(1, 4));
        let mut number = String::new();
        if h.numbered {
            self.counts[level - 1] += 1;
            for deeper in &mut self.counts[level..] {
                *deeper = 0;
            }
            let parts: Vec<String> = (0..level)
                .map(|l| match l {
                    0 => roman(u64::from(self.counts[0])),
                    1 => letters(self.counts[1]),
                    2 => self.counts[2].to_string(),
                    _ => letters(self.counts[3]).to_lowercase(),
                })
                .collect();
            number = parts.join(".");
            if !prefix.is_empty() {
                number = format!("{prefix} {number}");
            }
        }
        let title = Inline::plain_text(&h.content);
        for deeper in &mut self.titles[level - 1..] {
            deeper.clear();
        }
        self.titles[level - 1] = title.clone();
        let within = self.titles[1.min(level - 1)..level - 1]
            .iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect();
        self.current = SectionChanges {
            number,
            title,
            within,
            ..SectionChanges::default()
        };
    }
}
