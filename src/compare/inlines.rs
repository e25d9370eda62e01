//! Words inside blocks that changed: inlines to tokens (words, spaces, footnotes, pictures,
//! each with the formatting around it), tokens compared, and inlines rebuilt with what was
//! inserted and deleted marked. A footnote in the same place in both versions is one token
//! whose own blocks are compared, so a change inside it is marked inside it.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Block, ImageRef, Inline};

/// Formatting around a token, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Style {
    Emph,
    Strong,
    Strike,
    Superscript,
    Link(String),
}

#[derive(Debug, Clone)]
enum Atom<'a> {
    Word(String),
    /// Any run of whitespace: spaces, soft breaks. Whitespace-only differences are no change.
    Space,
    LineBreak,
    Code(String),
    Footnote(&'a [Block]),
    Image(&'a ImageRef),
    /// A label's place.
    Anchor(&'a str),
    /// A cross-reference: its label, number and kind.
    Ref(&'a Inline),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    atom: Atom<'a>,
    style: Vec<Style>,
}

impl Token<'_> {
    /// What is compared.
    fn key(&self) -> String {
        let style: String = self.style.iter().map(|s| format!("{s:?}")).collect();
        match &self.atom {
            Atom::Word(w) => format!("{style}w{w}"),
            Atom::Space => format!("{style} "),
            Atom::LineBreak => format!("{style}\n"),
            Atom::Code(c) => format!("{style}c{c}"),
            // Footnotes align with footnotes; their text is compared inside.
            Atom::Footnote(_) => format!("{style}\u{0}footnote"),
            Atom::Image(image) => format!("{style}\u{0}image {} {}", image.key, image.alt),
            Atom::Anchor(label) => format!("{style}\u{0}anchor {label}"),
            Atom::Ref(reference) => match reference {
                Inline::Ref { label, number, .. } => format!("{style}\u{0}ref {label} {number}"),
                _ => String::new(),
            },
        }
    }
}

fn tokens<'a>(inlines: &'a [Inline]) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut style = Vec::new();
    walk(inlines, &mut style, &mut out);
    out
}

fn walk<'a>(inlines: &'a [Inline], style: &mut Vec<Style>, out: &mut Vec<Token<'a>>) {
    let push = |atom: Atom<'a>, style: &Vec<Style>, out: &mut Vec<Token<'a>>| {
        // One token for a run of whitespace.
        if matches!(atom, Atom::Space)
            && out
                .last()
                .is_some_and(|t: &Token| matches!(t.atom, Atom::Space) && &t.style == style)
        {
            return;
        }
        out.push(Token {
            atom,
            style: style.clone(),
        });
    };
    for inline in inlines {
        match inline {
            Inline::Text(text) => {
                let mut word = String::new();
                for c in text.chars() {
                    if c.is_whitespace() {
                        if !word.is_empty() {
                            push(Atom::Word(std::mem::take(&mut word)), style, out);
                        }
                        push(Atom::Space, style, out);
                    } else {
                        word.push(c);
                    }
                }
                if !word.is_empty() {
                    push(Atom::Word(word), style, out);
                }
            }
            Inline::SoftBreak => push(Atom::Space, style, out),
            Inline::LineBreak => push(Atom::LineBreak, style, out),
            Inline::Code(code) => push(Atom::Code(code.clone()), style, out),
            Inline::Footnote(blocks) => push(Atom::Footnote(blocks), style, out),
            Inline::Image(image) => push(Atom::Image(image), style, out),
            Inline::Anchor(label) => push(Atom::Anchor(label), style, out),
            Inline::Ref { .. } => push(Atom::Ref(inline), style, out),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) | Inline::Superscript(c) => {
                style.push(match inline {
                    Inline::Emph(_) => Style::Emph,
                    Inline::Strong(_) => Style::Strong,
                    Inline::Strike(_) => Style::Strike,
                    _ => Style::Superscript,
                });
                walk(c, style, out);
                style.pop();
            }
            Inline::Link { url, content } => {
                style.push(Style::Link(url.clone()));
                walk(content, style, out);
                style.pop();
            }
            // Inputs are unmarked documents; a mark met here is read as the text it leaves.
            Inline::Inserted(c) => walk(c, style, out),
            Inline::Deleted(_) => {}
        }
    }
}

/// What inlines say, as blocks are compared: their tokens' keys, a footnote's with its text
/// (a paragraph whose footnote changed has changed).
pub(crate) fn key(inlines: &[Inline]) -> String {
    tokens(inlines)
        .iter()
        .map(|token| match &token.atom {
            Atom::Footnote(blocks) => {
                let text: Vec<String> = blocks.iter().map(super::key).collect();
                format!("{}[{}]", token.key(), text.join("|"))
            }
            _ => token.key(),
        })
        .collect::<Vec<_>>()
        .join("\u{1d}")
}

/// The share of words two keys have in common, against the longer: 1.0 for the same words.
pub(crate) fn word_overlap(old: &str, new: &str) -> f64 {
    use std::collections::HashMap;
    let words = |s: &str| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for w in s.split(|c: char| c.is_whitespace() || c == '\u{1d}' || c == ':') {
            if !w.is_empty() {
                *counts.entry(w.to_string()).or_insert(0) += 1;
            }
        }
        counts
    };
    let (a, b) = (words(old), words(new));
    let total_a: usize = a.values().sum();
    let total_b: usize = b.values().sum();
    if total_a == 0 && total_b == 0 {
        return 1.0;
    }
    let common: usize = a
        .iter()
        .map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0)))
        .sum();
    common as f64 / total_a.max(total_b) as f64
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Same,
    Inserted,
    Deleted,
}

/// The new inlines with the words that differ from the old marked.
pub(crate) fn diff(old: &[Inline], new: &[Inline]) -> Vec<Inline> {
    let old_tokens = tokens(old);
    let new_tokens = tokens(new);
    let old_keys: Vec<String> = old_tokens.iter().map(Token::key).collect();
    let new_keys: Vec<String> = new_tokens.iter().map(Token::key).collect();
    let mut segments: Vec<(Status, Token, Option<Vec<Block>>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (before, after) = (&old_tokens[old_index + k], &new_tokens[new_index + k]);
                    // A footnote in the same place: its blocks compared.
                    let note = match (&before.atom, &after.atom) {
                        (Atom::Footnote(a), Atom::Footnote(b)) => Some(super::blocks(a, b)),
                        _ => None,
                    };
                    segments.push((Status::Same, after.clone(), note));
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for token in &old_tokens[old_index..old_index + old_len] {
                    segments.push((Status::Deleted, token.clone(), None));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for token in &new_tokens[new_index..new_index + new_len] {
                    segments.push((Status::Inserted, token.clone(), None));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for token in &old_tokens[old_index..old_index + old_len] {
                    segments.push((Status::Deleted, token.clone(), None));
                }
                for token in &new_tokens[new_index..new_index + new_len] {
                    segments.push((Status::Inserted, token.clone(), None));
                }
            }
        }
    }
    // A space between two changes of one kind belongs to them: "[-old words-]" reads better
    // than "[-old-] [-words-]".
    for i in 1..segments.len().saturating_sub(1) {
        if segments[i].0 == Status::Same
            && matches!(segments[i].1.atom, Atom::Space)
            && segments[i - 1].0 != Status::Same
            && segments[i - 1].0 == segments[i + 1].0
        {
            segments[i].0 = segments[i - 1].0;
        }
    }
    rebuild(segments)
}

fn rebuild(segments: Vec<(Status, Token, Option<Vec<Block>>)>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut run: Vec<Inline> = Vec::new();
    let mut run_status = Status::Same;
    let flush = |out: &mut Vec<Inline>, run: &mut Vec<Inline>, status: Status| {
        if run.is_empty() {
            return;
        }
        let content = std::mem::take(run);
        match status {
            Status::Same => out.extend(content),
            Status::Inserted => out.push(Inline::Inserted(content)),
            Status::Deleted => out.push(Inline::Deleted(content)),
        }
    };
    for (status, token, note) in segments {
        if status != run_status {
            flush(&mut out, &mut run, run_status);
            run_status = status;
        }
        let atom = match (&token.atom, note) {
            (Atom::Footnote(_), Some(blocks)) => Inline::Footnote(blocks),
            (Atom::Footnote(blocks), None) if status == Status::Deleted => {
                Inline::Footnote(blocks.iter().map(super::without_images).collect())
            }
            (Atom::Image(image), _) if status == Status::Deleted => {
                Inline::Text(format!("[{}]", image.alt))
            }
            // What was deleted is no target, and a deleted reference is its number as text.
            (Atom::Anchor(_), _) if status == Status::Deleted => continue,
            (Atom::Ref(Inline::Ref { number, .. }), _) if status == Status::Deleted => {
                Inline::Text(number.clone())
            }
            (atom, _) => atom_inline(atom),
        };
        push_styled(&mut run, &token.style, atom);
    }
    flush(&mut out, &mut run, run_status);
    out
}

fn atom_inline(atom: &Atom) -> Inline {
    match atom {
        Atom::Word(w) => Inline::Text(w.clone()),
        Atom::Space => Inline::Text(" ".into()),
        Atom::LineBreak => Inline::LineBreak,
        Atom::Code(c) => Inline::Code(c.clone()),
        Atom::Footnote(blocks) => Inline::Footnote(blocks.to_vec()),
        Atom::Image(image) => Inline::Image((*image).clone()),
        Atom::Anchor(label) => Inline::Anchor(label.to_string()),
        Atom::Ref(reference) => (*reference).clone(),
    }
}

/// Appends `inline` under the formatting `style`, into the last wrapper when it has it.
fn push_styled(out: &mut Vec<Inline>, style: &[Style], inline: Inline) {
    let Some((first, rest)) = style.split_first() else {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(last)), Inline::Text(text)) => last.push_str(&text),
            (_, inline) => out.push(inline),
        }
        return;
    };
    let fits = match (out.last(), first) {
        (Some(Inline::Emph(_)), Style::Emph)
        | (Some(Inline::Strong(_)), Style::Strong)
        | (Some(Inline::Strike(_)), Style::Strike)
        | (Some(Inline::Superscript(_)), Style::Superscript) => true,
        (Some(Inline::Link { url, .. }), Style::Link(target)) => url == target,
        _ => false,
    };
    if !fits {
        out.push(match first {
            Style::Emph => Inline::Emph(Vec::new()),
            Style::Strong => Inline::Strong(Vec::new()),
            Style::Strike => Inline::Strike(Vec::new()),
            Style::Superscript => Inline::Superscript(Vec::new()),
            Style::Link(url) => Inline::Link {
                url: url.clone(),
                content: Vec::new(),
            },
        });
    }
    match out.last_mut() {
        Some(
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Superscript(c)
            | Inline::Link { content: c, .. },
        ) => push_styled(c, rest, inline),
        _ => out.push(inline),
    }
}

/// Old inlines, deleted whole (an empty cell stays empty).
pub(crate) fn deleted(inlines: &[Inline]) -> Vec<Inline> {
    if inlines.is_empty() {
        return Vec::new();
    }
    vec![Inline::Deleted(without_images(inlines))]
}

/// Pictures as their alt text, in brackets.
pub(crate) fn without_images(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Image(image) => Inline::Text(format!("[{}]", image.alt)),
            Inline::Emph(c) => Inline::Emph(without_images(c)),
            Inline::Strong(c) => Inline::Strong(without_images(c)),
            Inline::Strike(c) => Inline::Strike(without_images(c)),
            Inline::Superscript(c) => Inline::Superscript(without_images(c)),
            Inline::Inserted(c) => Inline::Inserted(without_images(c)),
            Inline::Deleted(c) => Inline::Deleted(without_images(c)),
            Inline::Link { url, content } => Inline::Link {
                url: url.clone(),
                content: without_images(content),
            },
            Inline::Footnote(blocks) => {
                Inline::Footnote(blocks.iter().map(super::without_images).collect())
            }
            other => other.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn one_word_changed() {
        let old = [t("The programme ends in 2022.")];
        let new = [t("The programme ends in 2025.")];
        assert_eq!(
            diff(&old, &new),
            vec![
                t("The programme ends in "),
                Inline::Deleted(vec![t("2022.")]),
                Inline::Inserted(vec![t("2025.")]),
            ]
        );
    }

    #[test]
    fn whitespace_is_no_change() {
        let old = [t("a  b"), Inline::SoftBreak, t("c")];
        let new = [t("a b c")];
        assert!(
            diff(&old, &new)
                .iter()
                .all(|i| !matches!(i, Inline::Inserted(_) | Inline::Deleted(_)))
        );
    }

    #[test]
    fn formatting_is_kept_around_changes() {
        let old = [Inline::Strong(vec![t("Digital Kazakhstan")])];
        let new = [Inline::Strong(vec![t("Digital Kazakhstan 2025")])];
        assert_eq!(
            diff(&old, &new),
            vec![
                Inline::Strong(vec![t("Digital Kazakhstan")]),
                Inline::Inserted(vec![Inline::Strong(vec![t(" 2025")])]),
            ]
        );
    }

    #[test]
    fn a_footnote_changes_inside() {
        let note = |s: &str| {
            Inline::Footnote(vec![Block::Paragraph {
                content: vec![t(s)],
                numbered: false,
            }])
        };
        let old = [t("Text."), note("Decree No. 1.")];
        let new = [t("Text."), note("Decree No. 2.")];
        let marked = diff(&old, &new);
        assert_eq!(marked[0], t("Text."));
        let Inline::Footnote(blocks) = &marked[1] else {
            panic!("{marked:?}")
        };
        assert_eq!(
            blocks,
            &vec![Block::Paragraph {
                content: vec![
                    t("Decree No. "),
                    Inline::Deleted(vec![t("1.")]),
                    Inline::Inserted(vec![t("2.")])
                ],
                numbered: false,
            }]
        );
    }
}
