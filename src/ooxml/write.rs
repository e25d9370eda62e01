//! Writing XML: an element writer that escapes by construction.
//!
//! Element and attribute names are `&'static str`, so they come from the code, never from a
//! document; every value and every text goes through one escaping function on its way in.
//! What a writer produces is a [`Fragment`], which only a writer makes, so XML text assembled
//! by hand cannot be passed where written XML is expected.

use std::fmt::{self, Display, Write as _};

/// The declaration every part starts with.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Whether the character may be written: what XML 1.0 allows, less the C1 controls and DEL
/// that it discourages (and that Word may refuse).
pub fn is_xml_char(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..
    )
}

/// Text for element content or an attribute value (written between double quotes): `& < > "`
/// as entities, tabs and line ends as character references (so that attribute parsers do not
/// normalise them to spaces), characters that XML forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

/// A `fmt::Write` that escapes what is formatted into it.
struct Escaping<'a>(&'a mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        push_escaped(self.0, s);
        Ok(())
    }
}

/// XML that an [`XmlWriter`] wrote: its elements balanced, its text escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fragment(String);

impl Fragment {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<Fragment> for Vec<u8> {
    fn from(fragment: Fragment) -> Vec<u8> {
        fragment.0.into_bytes()
    }
}

impl Display for Fragment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Writes elements one after another: `start`, its `attr`s, then content (`text`, child
/// elements, `append`ed fragments), then `end`. An element with no content ends as `<x/>`.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    /// The elements started and not yet ended, innermost last.
    open: Vec<&'static str>,
    /// Whether the start tag of the innermost element is still open for attributes.
    in_start_tag: bool,
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        XmlWriter::default()
    }

    /// A writer for a whole part: the XML declaration first.
    pub fn part() -> XmlWriter {
        XmlWriter {
            out: XML_DECLARATION.to_string(),
            ..XmlWriter::default()
        }
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }

    /// Starts an element.
    pub fn start(&mut self, name: &'static str) -> &mut XmlWriter {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.open.push(name);
        self.in_start_tag = true;
        self
    }

    /// An attribute of the element just started, its value escaped.
    pub fn attr(&mut self, name: &'static str, value: impl Display) -> &mut XmlWriter {
        debug_assert!(self.in_start_tag, "attribute {name} after content");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        // Writing into a String cannot fail.
        let _ = write!(Escaping(&mut self.out), "{value}");
        self.out.push('"');
        self
    }

    /// Ends the innermost element.
    pub fn end(&mut self) -> &mut XmlWriter {
        let Some(name) = self.open.pop() else {
            debug_assert!(false, "end() with no element open");
            return self;
        };
        if self.in_start_tag {
            self.out.push_str("/>");
            self.in_start_tag = false;
        } else {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut XmlWriter {
        self.close_start_tag();
        push_escaped(&mut self.out, text);
        self
    }

    /// An empty element: `<name/>`.
    pub fn leaf(&mut self, name: &'static str) -> &mut XmlWriter {
        self.start(name).end()
    }

    /// An empty element with a `w:val`: `<name w:val="value"/>`, as most WordprocessingML
    /// properties are.
    pub fn val(&mut self, name: &'static str, value: impl Display) -> &mut XmlWriter {
        self.start(name).attr("w:val", value).end()
    }

    /// An element holding only text: `<name>text</name>`.
    pub fn text_element(&mut self, name: &'static str, text: &str) -> &mut XmlWriter {
        self.start(name).text(text).end()
    }

    /// Markup fixed in the code: whole elements (every one it starts it ends), no value from a
    /// document. Being `'static`, it cannot be text built at run time.
    pub fn markup(&mut self, markup: &'static str) -> &mut XmlWriter {
        debug_assert!(balanced(markup), "unbalanced markup {markup}");
        self.close_start_tag();
        self.out.push_str(markup);
        self
    }

    /// Content written by another writer.
    pub fn append(&mut self, fragment: &Fragment) -> &mut XmlWriter {
        if !fragment.is_empty() {
            self.close_start_tag();
            self.out.push_str(&fragment.0);
        }
        self
    }

    /// Whether the last thing written is the end of a `name` element.
    pub fn ends_with_end_of(&self, name: &str) -> bool {
        !self.in_start_tag
            && self
                .out
                .strip_suffix('>')
                .and_then(|rest| rest.strip_suffix(name))
                .is_some_and(|rest| rest.ends_with("</"))
    }

    /// Whether nothing was written yet (a part's declaration aside).
    pub fn is_empty(&self) -> bool {
        self.out.is_empty() || self.out == XML_DECLARATION
    }

    /// The XML written, every element still open ended.
    pub fn finish(mut self) -> Fragment {
        debug_assert!(self.open.is_empty(), "unended elements {:?}", self.open);
        while !self.open.is_empty() {
            self.end();
        }
        Fragment(self.out)
    }
}

/// Whether every element that `markup` starts it also ends, in order (a check for debug
/// builds: markup is fixed in the code, so a test that writes it finds the slip).
fn balanced(markup: &str) -> bool {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = markup;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let Some(end) = rest.find('>') else {
            return false;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(closing) = tag.strip_prefix('/') {
            if open.pop() != Some(closing.trim()) {
                return false;
            }
        } else if !tag.ends_with('/') && !tag.starts_with('?') && !tag.starts_with('!') {
            open.push(tag.split_whitespace().next().unwrap_or(tag));
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<w:t> & \"x\" 'y'"),
            "&lt;w:t&gt; &amp; &quot;x&quot; 'y'"
        );
        assert_eq!(
            escape("a\u{0}b\u{1}c\u{b}d\u{FFFE}e\u{7F}\u{85}f"),
            "abcdef"
        );
        assert_eq!(escape("é\u{A0}Ж\u{1F600}"), "é\u{A0}Ж\u{1F600}");
        assert_eq!(escape("a\tb\nc\r"), "a&#9;b&#10;c&#13;");
    }

    #[test]
    fn elements_nest_and_values_are_escaped() {
        let mut w = XmlWriter::new();
        w.start("w:p")
            .start("w:pPr")
            .val("w:pStyle", "a\"b<c")
            .end()
            .start("w:r")
            .text_element("w:t", "x & </w:t><w:t>")
            .leaf("w:tab")
            .end()
            .end();
        assert_eq!(
            w.finish().as_str(),
            concat!(
                "<w:p><w:pPr><w:pStyle w:val=\"a&quot;b&lt;c\"/></w:pPr>",
                "<w:r><w:t>x &amp; &lt;/w:t&gt;&lt;w:t&gt;</w:t><w:tab/></w:r></w:p>"
            )
        );
        assert!(balanced("<a x=\"1\"><b/><c>t</c></a>"));
        assert!(!balanced("<a><b></a></b>"));
        assert!(!balanced("<a>"));
        let mut inner = XmlWriter::new();
        inner.start("w:b").attr("n", 3).end();
        let mut outer = XmlWriter::part();
        outer.start("w:a").append(&inner.finish()).end();
        assert_eq!(
            outer.finish().as_str(),
            format!("{XML_DECLARATION}<w:a><w:b n=\"3\"/></w:a>")
        );
    }
}
