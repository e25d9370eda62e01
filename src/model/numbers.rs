//! How UN documents number things, shared by every writer: chapters I., II.; sections A., B.;
//! subsections 1., 2.; then (a), (b).

/// Upper-case Roman numeral (I, II, … MMMCMXCIX); other numbers in digits.
pub fn roman(mut n: u64) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// Letters as Word's `upperLetter` counts: A … Z, AA, BB, … ZZ, AAA …
pub fn letters(n: u32) -> String {
    if n == 0 {
        return "0".to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(letter, times).collect()
}

/// The levels of a document's outline: chapters (I.), sections (A.), subsections (1.) and
/// their parts ((a)), as UN documents number them. Consolidation gives no heading a deeper
/// level (a heading an author nests deeper runs into the paragraph after it), so the PDF's
/// outline and Word's navigation pane hold the same headings.
pub const OUTLINE_LEVELS: u8 = 4;

/// The number a heading shows at `level` (1: I., 2: A., 3: 1., 4 and below: (a)), as UN
/// documents number chapters, sections and subsections.
pub fn heading_label(level: u8, count: u32) -> String {
    match level {
        0 | 1 => format!("{}.", roman(u64::from(count))),
        2 => format!("{}.", letters(count)),
        3 => format!("{count}."),
        _ => format!("({})", letters(count).to_lowercase()),
    }
}

pub use super::languages::writes_decimal_comma;

/// A figure as it was written in the sources (`90.9`), as `lang` writes it: `90,9` in Russian.
/// Only the decimal separator changes, so no digit is lost or added.
pub fn figure(value: &str, lang: &str) -> String {
    if writes_decimal_comma(lang) {
        value.replacen('.', ",", 1)
    } else {
        value.to_string()
    }
}

/// Only web and mail links become hyperlinks; `javascript:`, `file:` and the rest stay text.
pub fn is_web_or_mail_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_take_the_numbers_the_writers_print() {
        use crate::model::{Block, Heading, Inline, RefKind};
        let heading = |level: u8, label: Option<&str>| {
            let mut content = vec![Inline::Text("H".into())];
            if let Some(label) = label {
                content.insert(0, Inline::Anchor(label.into()));
            }
            Block::Heading(Heading {
                level,
                content,
                numbered: true,
            })
        };
        let para = |label: Option<&str>| Block::Paragraph {
            content: label
                .map(|l| Inline::Anchor(l.into()))
                .into_iter()
                .collect(),
            numbered: true,
        };
        let reference = |label: &str| Inline::Ref {
            label: label.into(),
            number: String::new(),
            kind: RefKind::Unresolved,
        };
        let mut doc = crate::model::Document {
            id: "d".into(),
            lang: "en".into(),
            original_lang: "en".into(),
            version: "draft".into(),
            is_final: false,
            front: crate::model::Front::default(),
            body: Vec::new(),
            annexes: Vec::new(),
            labels: crate::model::english_for_tests(),
            changes: None,
        };
        doc.body = vec![
            heading(1, None),
            para(None),
            heading(1, Some("second")),
            heading(2, None),
            heading(2, Some("section")),
            heading(3, Some("sub")),
            heading(4, Some("subsub")),
            para(Some("third")),
            // Deleted text takes no number; inserted text does.
            Block::Deleted(vec![para(None)]),
            Block::Inserted(vec![para(Some("fourth"))]),
            Block::Paragraph {
                content: [
                    "third", "fourth", "section", "sub", "subsub", "second", "annex", "none",
                ]
                .map(reference)
                .to_vec(),
                numbered: false,
            },
        ];
        doc.annexes = vec![crate::model::Annex {
            title: "Annex".into(),
            blocks: vec![heading(1, None)],
            label: Some("annex".into()),
        }];
        assert_eq!(resolve_references(&mut doc), ["none"]);
        let Block::Paragraph { content, .. } = doc.body.last().unwrap() else {
            unreachable!()
        };
        let numbers: Vec<&str> = content
            .iter()
            .map(|i| match i {
                Inline::Ref { number, .. } => number.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            numbers,
            ["2", "3", "II.B", "II.B.1", "II.B.1(a)", "II", "I", "?"]
        );
    }

    #[test]
    fn figures_as_the_language_writes_them() {
        assert_eq!(figure("90.9", "ru"), "90,9");
        assert_eq!(figure("90.9", "en"), "90.9");
        assert_eq!(figure("1204", "ru"), "1204");
        assert_eq!(figure("-0.13", "fr"), "-0,13");
    }

    #[test]
    fn numbers_as_word_does() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(0), "0");
        assert_eq!(letters(1), "A");
        assert_eq!(letters(26), "Z");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(u32::MAX).len(), 50);
        assert_eq!(heading_label(1, 3), "III.");
        assert_eq!(heading_label(2, 2), "B.");
        assert_eq!(heading_label(3, 10), "10.");
        assert_eq!(heading_label(4, 1), "(a)");
    }

    #[test]
    fn only_web_and_mail_links_are_links() {
        assert!(is_web_or_mail_url("https://unece.org/speca"));
        assert!(is_web_or_mail_url("HTTP://example.org"));
        assert!(is_web_or_mail_url("mailto:focal.point@example.org"));
        assert!(!is_web_or_mail_url("javascript:alert(1)"));
        assert!(!is_web_or_mail_url("file:///etc/passwd"));
        assert!(!is_web_or_mail_url("data:text/html,x"));
    }
}

/// The numbers a document prints, counted as the writers count them: paragraphs straight
/// through body and annexes, headings per level (afresh in each annex), inserted blocks
/// counted and deleted ones not.
#[derive(Default)]
struct Counter {
    paragraph: u32,
    headings: [u32; 9],
    /// Each label's number and kind.
    found: std::collections::BTreeMap<String, (String, super::RefKind)>,
}

impl Counter {
    fn heading(&mut self, level: u8) -> String {
        let index = usize::from(level.clamp(1, 9) - 1);
        self.headings[index] = self.headings[index].saturating_add(1);
        self.headings[index + 1..].iter_mut().for_each(|n| *n = 0);
        // "II", "II.A", "II.A.1", "II.A.1(a)": each level's own label, its closing point
        // dropped, joined by points (the last in brackets).
        let mut out = String::new();
        for (i, &count) in self.headings[..=index].iter().enumerate() {
            let level = i as u8 + 1;
            let label = heading_label(level, count.max(1));
            match level {
                1..=3 => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(label.trim_end_matches('.'));
                }
                _ => out.push_str(&label),
            }
        }
        out
    }

    fn anchors(&mut self, content: &[super::Inline], number: &str, kind: super::RefKind) {
        for inline in content {
            if let super::Inline::Anchor(label) = inline {
                self.found
                    .entry(label.clone())
                    .or_insert((number.to_string(), kind));
            }
        }
    }

    fn blocks(&mut self, blocks: &[super::Block]) {
        use super::{Block, RefKind};
        for block in blocks {
            match block {
                Block::Heading(heading) if heading.numbered => {
                    let number = self.heading(heading.level);
                    self.anchors(&heading.content, &number, RefKind::Heading(heading.level));
                }
                Block::Paragraph {
                    content,
                    numbered: true,
                } => {
                    self.paragraph = self.paragraph.saturating_add(1);
                    let number = self.paragraph.to_string();
                    self.anchors(content, &number, RefKind::Paragraph);
                }
                Block::Chart(chart) => {
                    if let Some(label) = &chart.label {
                        self.found
                            .entry(label.clone())
                            .or_insert((roman(u64::from(chart.number)), RefKind::Figure));
                    }
                }
                Block::Lang { blocks, .. } | Block::Inserted(blocks) => self.blocks(blocks),
                _ => {}
            }
        }
    }
}

/// Fills in the number of every cross-reference of `doc` (see [`super::Inline::Ref`]) from
/// the labels it holds. Returns the labels referred to that nothing in the document has; their
/// references read `?`.
pub fn resolve_references(doc: &mut super::Document) -> Vec<String> {
    let mut counter = Counter::default();
    counter.blocks(&doc.body);
    for (index, annex) in doc.annexes.iter().enumerate() {
        counter.headings = [0; 9];
        if let Some(label) = &annex.label {
            counter
                .found
                .entry(label.clone())
                .or_insert((roman(index as u64 + 1), super::RefKind::Annex));
        }
        counter.blocks(&annex.blocks);
    }
    let found = counter.found;
    let mut missing = Vec::new();
    let mut fill = |inlines: &mut Vec<super::Inline>| fill_refs(inlines, &found, &mut missing);
    for_each_inlines(&mut doc.body, &mut fill);
    for annex in &mut doc.annexes {
        for_each_inlines(&mut annex.blocks, &mut fill);
    }
    missing.sort();
    missing.dedup();
    missing
}

fn fill_refs(
    inlines: &mut [super::Inline],
    found: &std::collections::BTreeMap<String, (String, super::RefKind)>,
    missing: &mut Vec<String>,
) {
    use super::Inline;
    for inline in inlines {
        match inline {
            Inline::Ref {
                label,
                number,
                kind,
            } => match found.get(label.as_str()) {
                Some((n, k)) => {
                    *number = n.clone();
                    *kind = *k;
                }
                None => {
                    *number = "?".to_string();
                    *kind = super::RefKind::Unresolved;
                    missing.push(label.clone());
                }
            },
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Link { content: c, .. }
            | Inline::Inserted(c)
            | Inline::Deleted(c) => fill_refs(c, found, missing),
            Inline::Footnote(blocks) => for_each_inlines(blocks, &mut |c: &mut Vec<Inline>| {
                fill_refs(c, found, missing)
            }),
            _ => {}
        }
    }
}

/// Calls `f` on every run of inlines of `blocks`, at every depth.
fn for_each_inlines(blocks: &mut [super::Block], f: &mut dyn FnMut(&mut Vec<super::Inline>)) {
    use super::Block;
    for block in blocks {
        match block {
            Block::Heading(heading) => f(&mut heading.content),
            Block::Paragraph { content, .. } | Block::Byline(content) => f(content),
            Block::List(list) => {
                for item in &mut list.items {
                    for_each_inlines(item, f);
                }
            }
            Block::Table(table) => {
                for cell in table
                    .header
                    .iter_mut()
                    .chain(table.rows.iter_mut().flatten())
                {
                    f(cell);
                }
                for note in &mut table.notes {
                    f(note);
                }
            }
            Block::Chart(chart) => f(&mut chart.source),
            Block::Quote(inner)
            | Block::Lang { blocks: inner, .. }
            | Block::Inserted(inner)
            | Block::Deleted(inner) => for_each_inlines(inner, f),
            Block::CodeBlock(_) | Block::Figure(_) | Block::Rule => {}
        }
    }
}
