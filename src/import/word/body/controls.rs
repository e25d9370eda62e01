//! Content controls (`w:sdt`), around blocks and around runs: a form's fields by their tags.

use super::*;

/// A content control's properties.
#[derive(Debug, Clone)]
pub(super) struct Control {
    pub(super) tag: Option<String>,
    /// Showing its placeholder text: the control is empty.
    pub(super) placeholder: bool,
    /// A table of contents (a building-block gallery of that name).
    pub(super) toc: bool,
}

impl Control {
    pub(super) fn of(sdt: Node) -> Control {
        let pr = sdt.w_child("sdtPr");
        let tag = pr
            .and_then(|p| p.child_val("tag"))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let placeholder = pr.and_then(|p| p.toggle("showingPlcHdr")).unwrap_or(false);
        let toc = pr.is_some_and(|p| {
            p.descendants().any(|n| {
                n.is_w("docPartGallery")
                    && n.w_attr("val")
                        .is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents"))
            })
        });
        Control {
            tag,
            placeholder,
            toc,
        }
    }
}

impl<'p, 'b> Reader<'p, 'b> {
    pub(super) fn block_control(&mut self, sdt: Node, out: &mut Vec<Block>) {
        let control = Control::of(sdt);
        if control.toc {
            self.dropped_fields += 1;
            return;
        }
        let mut content = Vec::new();
        if !control.placeholder
            && let Some(inner) = sdt.w_child("sdtContent")
        {
            self.blocks(inner, &mut content);
        }
        match control.tag {
            Some(tag) => out.push(Block::Control { tag, content }),
            None => out.extend(content),
        }
    }

    pub(super) fn run_control(&mut self, sdt: Node, base: RunProps, out: &mut Vec<Inline>) {
        let control = Control::of(sdt);
        if control.toc {
            if !self.hiding() {
                self.dropped_fields += 1;
            }
            return;
        }
        let content = match sdt.w_child("sdtContent") {
            Some(inner) if !control.placeholder => self.sub_inlines(inner, base),
            _ => Vec::new(),
        };
        match control.tag {
            Some(tag) => self.push(out, Inline::Control { tag, content }),
            None => {
                for inline in content {
                    self.push(out, inline);
                }
            }
        }
    }
}
