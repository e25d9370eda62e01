//! Tables: rows, cells, spans and merged cells (their content copied, within a budget).

use super::*;

/// At most this many columns one cell may span (`w:gridSpan`).
pub(super) const MAX_SPAN: usize = 64;

/// At most this much content (roughly, in characters) is copied into merged cells in all.
pub(super) const MAX_MERGED_COPY: usize = 16 << 20;

/// Roughly how much a list of blocks holds, in characters and nodes.
pub(super) fn weight(blocks: &[Block]) -> usize {
    pub(super) fn inlines(list: &[Inline]) -> usize {
        list.iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.len() + 1,
                Inline::Link { content, .. } | Inline::Control { content, .. } => {
                    inlines(content) + 1
                }
                Inline::Image { alt, .. } => alt.len() + 1,
                _ => 1,
            })
            .sum()
    }
    blocks
        .iter()
        .map(|b| match b {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::ListItem { content, .. } => inlines(content) + 1,
            Block::Control { content, .. } => weight(content) + 1,
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| weight(&c.content) + 1)
                .sum(),
        })
        .sum()
}

/// The cells of a row, each with the content control around it, if any.
pub(super) fn collect_cells<'a, 'i>(
    node: Node<'a, 'i>,
    control: Option<Control>,
    out: &mut Vec<(Node<'a, 'i>, Option<Control>)>,
    depth: usize,
) {
    // As in `collect_within`: wrappers nested past MAX_DEPTH are not read.
    if depth >= MAX_DEPTH {
        return;
    }
    for child in node.children() {
        if child.is_w("tc") {
            out.push((child, control.clone()));
        } else if child.is_w("sdt") {
            let inner = Control::of(child);
            if let Some(content) = child.w_child("sdtContent") {
                collect_cells(content, Some(inner), out, depth + 1);
            }
        } else if child.is_w("customXml") {
            collect_cells(child, control.clone(), out, depth + 1);
        }
    }
}

impl<'p, 'b> Reader<'p, 'b> {
    pub(super) fn table(&mut self, tbl: Node) -> Option<Table> {
        if !self.enter() {
            return None;
        }
        self.tables += 1;
        let number = self.tables;
        let mut row_nodes = Vec::new();
        collect(tbl, "tr", &mut row_nodes);
        let mut rows: Vec<Row> = Vec::new();
        // The previous row's cells by grid column, for vertical merges.
        let mut above: Vec<Cell> = Vec::new();
        for tr in row_nodes {
            let trpr = tr.w_child("trPr");
            // A row inserted or deleted as a tracked change.
            if let Some(trpr) = trpr
                && let Some(change) = trpr.children().find(is_revision)
                && !keeps(self.changes, change.tag_name().name())
            {
                continue;
            }
            let header = trpr.and_then(|p| p.toggle("tblHeader")).unwrap_or(false);
            let before = trpr
                .and_then(|p| p.w_child("gridBefore"))
                .and_then(|g| g.w_attr("val"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0)
                .min(MAX_SPAN);
            let mut cells: Vec<Cell> = (0..before)
                .map(|_| Cell {
                    content: Vec::new(),
                    merged: false,
                    control: None,
                })
                .collect();
            let mut merges = false;
            let mut cell_nodes = Vec::new();
            collect_cells(tr, None, &mut cell_nodes, 0);
            for (tc, control) in cell_nodes {
                let tcpr = tc.w_child("tcPr");
                let span = tcpr
                    .and_then(|p| p.child_val("gridSpan"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                let continues = tcpr
                    .and_then(|p| p.w_child("vMerge"))
                    .is_some_and(|v| v.w_attr("val").is_none_or(|v| v == "continue"));
                let column = cells.len();
                let (content, merged, tag) = if continues {
                    merges = true;
                    let content = above
                        .get(column)
                        .map(|cell| self.copy(&cell.content))
                        .unwrap_or_default();
                    (content, true, None)
                } else {
                    let mut content = Vec::new();
                    if !control.as_ref().is_some_and(|c| c.placeholder) {
                        self.blocks(tc, &mut content);
                    }
                    (content, false, control.and_then(|c| c.tag))
                };
                if span > 1 {
                    merges = true;
                }
                let copies: Vec<Vec<Block>> = (1..span).map(|_| self.copy(&content)).collect();
                cells.push(Cell {
                    content,
                    merged,
                    control: tag,
                });
                cells.extend(copies.into_iter().map(|content| Cell {
                    content,
                    merged: true,
                    control: None,
                }));
            }
            if merges {
                self.notice(
                    format!("table {number}, row {}", rows.len() + 1),
                    "merged cells were repeated in each column or row they cover".into(),
                );
            }
            above = cells.clone();
            rows.push(Row { header, cells });
        }
        self.leave();
        Some(Table { rows })
    }

    /// A copy of a merged cell's content, within the budget for copies.
    pub(super) fn copy(&mut self, content: &[Block]) -> Vec<Block> {
        let size = weight(content);
        if self.merged_copied.saturating_add(size) > MAX_MERGED_COPY {
            return Vec::new();
        }
        self.merged_copied += size;
        content.to_vec()
    }
}
