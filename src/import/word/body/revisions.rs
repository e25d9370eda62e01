//! Tracked changes: which revisions an import keeps (`--accept-changes`, `--reject-changes`),
//! and how many a part holds.

use super::*;

/// Which revisions' content the reader keeps.
pub(super) fn keeps(changes: TrackedChanges, element: &str) -> bool {
    let inserted = matches!(element, "ins" | "moveTo");
    match changes {
        TrackedChanges::Reject => !inserted,
        // Refuse never reaches here with revisions in the file; read as accepted regardless.
        TrackedChanges::Accept | TrackedChanges::Refuse => inserted,
    }
}

pub(super) fn is_revision(node: &Node) -> bool {
    ["ins", "del", "moveFrom", "moveTo"]
        .iter()
        .any(|r| node.is_w(r))
}

/// The number of tracked changes (insertions, deletions, moves, including those of
/// paragraph marks and table rows) under `root`. Formatting changes are not counted.
pub(in crate::import::word) fn count_revisions(root: Node) -> usize {
    root.descendants().filter(is_revision).count()
}
