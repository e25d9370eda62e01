//! Footnotes and endnotes.
//!
//! Both are keyed into one map ([`super::WordDocument::notes`]): footnotes first, then
//! endnotes, numbered 1, 2, … in the order of their parts, so that a footnote and an endnote
//! that Word both numbered 1 do not collide.

use roxmltree::{Document, Node};

use super::body::{NoteKind, Reader};
use crate::ooxml::read::NodeExt;

/// The notes of a part that hold text: not the separator lines Word keeps as notes.
pub(super) fn notes<'a, 'i>(tree: &'a Document<'i>, kind: NoteKind) -> Vec<(String, Node<'a, 'i>)> {
    let element = match kind {
        NoteKind::Footnote => "footnote",
        NoteKind::Endnote => "endnote",
    };
    tree.root_element()
        .children()
        .filter(|n| n.is_w(element))
        .filter(|n| n.w_attr("type").is_none_or(|t| t == "normal"))
        .filter_map(|n| Some((n.w_attr("id")?.trim().to_string(), n)))
        .collect()
}

/// Gives every note its key, before the body is read.
pub(super) fn assign(reader: &mut Reader, kind: NoteKind, tree: &Document) {
    for (id, _) in notes(tree, kind) {
        let next = u32::try_from(reader.note_keys.len())
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        reader.note_keys.entry((kind, id)).or_insert(next);
    }
}
