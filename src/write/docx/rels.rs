//! Relationships and media: what a part points to (styles, headers, hyperlinks, pictures),
//! collected while the document is written.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::{ImageFormat, ImageRef};

use crate::ooxml::{Fragment, XmlWriter, names};

/// The relationships of one part.
#[derive(Default)]
pub(super) struct Rels {
    entries: Vec<Rel>,
    hyperlinks: BTreeMap<String, String>,
    images: BTreeMap<String, String>,
}

struct Rel {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

/// The fixed relationships of `word/document.xml`, in this order (rId1 …).
const DOCUMENT_PARTS: [(&str, &str); 8] = [
    ("styles", "styles.xml"),
    ("numbering", "numbering.xml"),
    ("settings", "settings.xml"),
    ("footnotes", "footnotes.xml"),
    ("header", "header1.xml"),
    ("header", "header2.xml"),
    ("footer", "footer1.xml"),
    ("footer", "footer2.xml"),
];

impl Rels {
    pub fn for_document() -> Rels {
        let mut rels = Rels::default();
        for (kind, target) in DOCUMENT_PARTS {
            rels.push(kind, target.to_string(), false);
        }
        rels
    }

    /// Relationships to the given parts, in this order (rId1 …): a form's.
    pub fn for_parts(parts: &[(&'static str, &str)]) -> Rels {
        let mut rels = Rels::default();
        for (kind, target) in parts {
            rels.push(kind, target.to_string(), false);
        }
        rels
    }

    fn push(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.entries.len() + 1);
        self.entries.push(Rel {
            id: id.clone(),
            kind,
            target,
            external,
        });
        id
    }

    /// The relationship to a theme part (a reference.docx's), after the fixed ones.
    pub fn add_theme(&mut self) {
        self.push("theme", "theme/theme1.xml".to_string(), false);
    }

    /// The id of a hyperlink's relationship (one per distinct target).
    pub fn hyperlink(&mut self, target: &str) -> String {
        if let Some(id) = self.hyperlinks.get(target) {
            return id.clone();
        }
        let id = self.push("hyperlink", target.to_string(), true);
        self.hyperlinks.insert(target.to_string(), id.clone());
        id
    }

    /// The id of the relationship to a media part (one per media part).
    pub fn image(&mut self, media_name: &str) -> String {
        if let Some(id) = self.images.get(media_name) {
            return id.clone();
        }
        let id = self.push("image", format!("media/{media_name}"), false);
        self.images.insert(media_name.to_string(), id.clone());
        id
    }

    /// The id of the relationship to a chart part, e.g. `charts/chart1.xml`.
    pub fn chart(&mut self, target: &str) -> String {
        self.push("chart", target.to_string(), false)
    }

    /// Whether the part has no relationships (it then needs no .rels part).
    pub(super) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id of the relationship of a fixed part, e.g. `header1.xml`.
    pub(super) fn id_of(&self, target: &str) -> &str {
        self.entries
            .iter()
            .find(|r| r.target == target)
            .map(|r| r.id.as_str())
            .unwrap_or("")
    }

    pub(super) fn xml(&self) -> Fragment {
        let mut out = XmlWriter::part();
        out.start("Relationships")
            .attr("xmlns", names::PACKAGE_RELATIONSHIPS);
        for rel in &self.entries {
            out.start("Relationship")
                .attr("Id", &rel.id)
                .attr("Type", format_args!("{}{}", names::REL_TYPE, rel.kind))
                .attr("Target", &rel.target);
            if rel.external {
                out.attr("TargetMode", "External");
            }
            out.end();
        }
        out.end();
        out.finish()
    }
}

/// The pictures of the document: one media part per distinct image key.
#[derive(Default)]
pub(super) struct Media {
    pub(super) parts: Vec<MediaPart>,
    by_key: BTreeMap<String, usize>,
}

pub(super) struct MediaPart {
    pub(super) name: String,
    pub(super) format: ImageFormat,
    pub(super) data: Arc<[u8]>,
}

impl Media {
    /// The file name under `word/media/` of an image, added when it is new.
    pub fn add(&mut self, image: &ImageRef) -> String {
        if let Some(&index) = self.by_key.get(&image.key) {
            return self.parts[index].name.clone();
        }
        let name = format!("image{}.{}", self.parts.len() + 1, image.format.extension());
        self.by_key.insert(image.key.clone(), self.parts.len());
        self.parts.push(MediaPart {
            name: name.clone(),
            format: image.format,
            data: image.data.clone(),
        });
        name
    }
}
