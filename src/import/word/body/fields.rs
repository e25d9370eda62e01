//! Word's fields: a complex field's instruction and result (`w:fldChar`, `w:instrText`), a
//! simple one (`w:fldSimple`); hyperlinks kept as links, tables of contents and page numbers
//! dropped.

use super::*;

/// Fields whose result is a table of contents, an index or page numbers: produced by Word,
/// meaningless in a contribution.
pub(super) const DROPPED_FIELDS: [&str; 6] = [
    "TOC",
    "PAGE",
    "NUMPAGES",
    "PAGEREF",
    "SECTIONPAGES",
    "INDEX",
];

/// A complex field (`w:fldChar` begin … separate … end) being read.
#[derive(Debug)]
pub(super) struct Field {
    pub(super) instr: String,
    /// Between begin and separate: the runs hold the field code, not its result.
    pub(super) code: bool,
    pub(super) kind: FieldKind,
}

#[derive(Debug, PartialEq)]
pub(super) enum FieldKind {
    Undecided,
    Keep,
    Drop,
    /// A hyperlink whose result started at `start` in sink `sink` of paragraph `para`.
    Link {
        url: String,
        para: u64,
        sink: u64,
        start: usize,
    },
}

/// What a field's instruction makes of its result.
pub(super) enum Instr {
    Keep,
    Drop,
    Link(String),
}

pub(super) fn instruction(instr: &str) -> Instr {
    let tokens = tokens(instr);
    let Some(first) = tokens.first() else {
        return Instr::Keep;
    };
    let first = first.to_ascii_uppercase();
    if DROPPED_FIELDS.contains(&first.as_str()) {
        return Instr::Drop;
    }
    if first != "HYPERLINK" {
        return Instr::Keep;
    }
    // HYPERLINK "url" \l "anchor" \o "tooltip" …: the first argument that is not a switch
    // or a switch's argument is the address.
    let (mut url, mut anchor) = (None, None);
    let mut rest = tokens.iter().skip(1);
    while let Some(token) = rest.next() {
        match token.to_ascii_lowercase().as_str() {
            "\\l" => anchor = rest.next(),
            "\\o" | "\\t" => {
                rest.next();
            }
            switch if switch.starts_with('\\') => {}
            _ if url.is_none() => url = Some(token),
            _ => {}
        }
    }
    match (url, anchor) {
        (Some(url), Some(anchor)) => Instr::Link(format!("{url}#{anchor}")),
        (Some(url), None) => Instr::Link(url.clone()),
        _ => Instr::Keep,
    }
}

/// A field instruction's words, quoted arguments as one (without their quotes).
pub(super) fn tokens(instr: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = instr.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut token = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                token.push(c);
            }
            tokens.push(token);
        } else {
            let mut token = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                token.push(c);
                chars.next();
            }
            tokens.push(token);
        }
    }
    tokens
}

impl<'p, 'b> Reader<'p, 'b> {
    pub(super) fn simple_field(&mut self, field: Node, base: RunProps, out: &mut Vec<Inline>) {
        match instruction(field.w_attr("instr").unwrap_or_default()) {
            Instr::Drop => {
                if !self.hiding() {
                    self.dropped_fields += 1;
                }
            }
            Instr::Keep => self.inlines(field, base, out),
            Instr::Link(url) => {
                let content = self.sub_inlines(field, base);
                if !content.is_empty() {
                    self.push(out, Inline::Link { url, content });
                }
            }
        }
    }

    pub(super) fn field_char(&mut self, node: Node, out: &mut Vec<Inline>) {
        match node.w_attr("fldCharType") {
            Some("begin") => self.fields.push(Field {
                instr: String::new(),
                code: true,
                kind: FieldKind::Undecided,
            }),
            Some("separate") => {
                let Some(mut field) = self.fields.pop() else {
                    return;
                };
                if field.code {
                    field.code = false;
                    let outer_hiding = self.hiding();
                    field.kind = match instruction(&field.instr) {
                        Instr::Keep => FieldKind::Keep,
                        Instr::Drop => {
                            if !outer_hiding {
                                self.dropped_fields += 1;
                            }
                            FieldKind::Drop
                        }
                        Instr::Link(url) => FieldKind::Link {
                            url,
                            para: self.para,
                            sink: self.sink,
                            start: out.len(),
                        },
                    };
                }
                self.fields.push(field);
            }
            Some("end") => {
                let Some(field) = self.fields.pop() else {
                    return;
                };
                if let FieldKind::Link {
                    url,
                    para,
                    sink,
                    start,
                } = field.kind
                    && para == self.para
                    && sink == self.sink
                    && start < out.len()
                    && !self.hiding()
                {
                    let content: Vec<Inline> = out.drain(start..).collect();
                    out.push(Inline::Link { url, content });
                }
            }
            _ => {}
        }
    }
}
