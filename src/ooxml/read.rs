//! Reading a part's XML: its bytes as text, parsed under the limits, and WordprocessingML
//! names matched in both the transitional and the strict (ISO 29500 strict) namespaces.

use roxmltree::{Document, Node, ParsingOptions};

use super::names::{RS, WS};
use super::{Limits, ReadError};

/// A part's bytes as text: UTF-8 (a byte order mark skipped). Word writes nothing else; a
/// UTF-16 part is decoded too, since the XML specification allows it.
pub fn text(part: &str, bytes: &[u8]) -> Result<String, ReadError> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| -> Option<String> {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| Some(from([*pair.first()?, *pair.get(1)?])))
            .collect::<Option<_>>()?;
        String::from_utf16(&units).ok()
    };
    let decoded = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        std::str::from_utf8(rest).ok().map(str::to_string)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        std::str::from_utf8(bytes).ok().map(str::to_string)
    };
    decoded.ok_or_else(|| ReadError {
        message: format!("the part {part} is not text in UTF-8; the file is damaged"),
        hint: Some("open it in Word and save it again as a Word Document (.docx)".into()),
    })
}

/// Parses XML as every part is parsed: no DTD (so no entity can be declared, let alone an
/// external one), at most `max_nodes` nodes. The roxmltree error, for callers that say it
/// their own way.
pub fn parse_xml(text: &str, max_nodes: u32) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: max_nodes,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
}

/// Parses a part ([`parse_xml`] under [`Limits::max_xml_nodes`]), saying what is wrong in
/// words for the person who sent the file.
pub fn parse<'t>(part: &str, text: &'t str, limits: &Limits) -> Result<Document<'t>, ReadError> {
    parse_xml(text, limits.max_xml_nodes).map_err(|e| match e {
        roxmltree::Error::DtdDetected => ReadError {
            message: format!(
                "the part {part} contains a DTD (document type declaration); Word never \
                 writes one, so the file is refused"
            ),
            hint: None,
        },
        roxmltree::Error::NodesLimitReached => ReadError {
            message: format!(
                "the part {part} has more than {} XML nodes; the file is refused",
                limits.max_xml_nodes
            ),
            hint: None,
        },
        e => ReadError {
            message: format!("the part {part} is not well-formed XML ({e}); the file is damaged"),
            hint: Some("open it in Word and save it again as a Word Document (.docx)".into()),
        },
    })
}

pub trait NodeExt<'a, 'i> {
    /// An element of WordprocessingML (either namespace) with this local name.
    fn is_w(&self, local: &str) -> bool;
    /// An element with this local name, in any namespace (DrawingML, VML, markup
    /// compatibility: their strict namespaces differ too, and their names do not clash).
    fn has_tag_name_local(&self, local: &str) -> bool;
    /// A WordprocessingML attribute (`w:val`).
    fn w_attr(&self, local: &str) -> Option<&'a str>;
    /// A relationships attribute (`r:id`, `r:embed`).
    fn r_attr(&self, local: &str) -> Option<&'a str>;
    /// The first WordprocessingML child element with this local name.
    fn w_child(&self, local: &str) -> Option<Node<'a, 'i>>;
    /// `w:val` of the child `local`, if there is that child.
    fn child_val(&self, local: &str) -> Option<&'a str>;
    /// A toggle property (`w:b`, `w:i` …): `Some(true)` when present without a false `w:val`.
    fn toggle(&self, local: &str) -> Option<bool>;
}

impl<'a, 'i> NodeExt<'a, 'i> for Node<'a, 'i> {
    fn is_w(&self, local: &str) -> bool {
        self.is_element()
            && self.tag_name().name() == local
            && self
                .tag_name()
                .namespace()
                .is_some_and(|ns| WS.contains(&ns))
    }

    fn has_tag_name_local(&self, local: &str) -> bool {
        self.is_element() && self.tag_name().name() == local
    }

    fn w_attr(&self, local: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.name() == local && a.namespace().is_some_and(|ns| WS.contains(&ns)))
            .map(|a| a.value())
    }

    fn r_attr(&self, local: &str) -> Option<&'a str> {
        self.attributes()
            .find(|a| a.name() == local && a.namespace().is_some_and(|ns| RS.contains(&ns)))
            .map(|a| a.value())
    }

    fn w_child(&self, local: &str) -> Option<Node<'a, 'i>> {
        self.children().find(|c| c.is_w(local))
    }

    fn child_val(&self, local: &str) -> Option<&'a str> {
        self.w_child(local).and_then(|c| c.w_attr("val"))
    }

    fn toggle(&self, local: &str) -> Option<bool> {
        let child = self.w_child(local)?;
        Some(!matches!(
            child.w_attr("val").map(str::to_ascii_lowercase).as_deref(),
            Some("0" | "false" | "off")
        ))
    }
}
