//! Office Open XML, in one place: the namespaces ([`names`]), the bounded package reader
//! ([`package`]), the helpers that read a part's XML in either the transitional or the strict
//! namespaces ([`read`]), and the element writer that escapes by construction ([`write`](mod@write)).
//!
//! The Word reader (`import::word`), the DOCX writer (`write::docx`) and the tests all go
//! through it: no other module names a WordprocessingML namespace or opens a package, so that
//! a fix to how Word's XML is read or written lands once.
//!
//! Every package is untrusted: the reader bounds what a file may make it read or allocate
//! ([`Limits`]), never resolves a DTD or an external entity, and never turns a name inside the
//! package into a path on disk.

pub mod edit;
pub mod names;
pub mod package;
pub mod read;
pub mod write;

pub use package::{Package, Rel, Rels, Target};
pub use write::{Fragment, XmlWriter};

/// The bounds on what one Word file may make the reader read or allocate.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries in the zip.
    pub max_entries: usize,
    /// Uncompressed bytes of any one part.
    pub max_part_bytes: u64,
    /// Uncompressed bytes of every part read, together.
    pub max_total_bytes: u64,
    /// Uncompressed size over compressed size of a part, beyond which it is a zip bomb.
    pub max_ratio: u64,
    /// XML nodes in one part.
    pub max_xml_nodes: u32,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_entries: 10_000,
            max_part_bytes: 64 << 20,
            max_total_bytes: 256 << 20,
            max_ratio: 200,
            max_xml_nodes: 4_000_000,
        }
    }
}

/// A file the reader will not read, with a message for the person who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    /// How to get past it, when there is a way (e.g. "use --accept-changes or --reject-changes").
    pub hint: Option<String>,
}
