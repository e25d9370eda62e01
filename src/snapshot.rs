//! Snapshots: the consolidated model of each document and language, kept by every build in
//! its version folder (`<doc-id>.<lang>.model.json`, listed in the manifest with its SHA-256),
//! so that a later build can mark its changes against it (`build --compare-to`) and `diff`
//! can say what changed between two versions.
//!
//! A snapshot is deterministic (identical sources give identical bytes) and carries a format
//! number: a later speca-docs reads the formats it knows and refuses the others clearly. It is
//! read only when its bytes match the manifest's hash, so a corrupted snapshot is refused,
//! never half-read.

use std::io::Read;
use std::path::Path;

use crate::model::{Date, Document};
use crate::publish::manifest::{Manifest, sha256_hex};

/// The format of the snapshots this speca-docs writes.
pub const FORMAT: u32 = 1;

/// The largest snapshot read (a document of thousands of pages is far smaller).
const MAX_BYTES: u64 = 512 << 20;

#[derive(serde::Serialize)]
struct Written<'a> {
    format: u32,
    generator: &'a str,
    document: &'a Document,
}

#[derive(serde::Deserialize)]
struct Format {
    format: u32,
}

#[derive(serde::Deserialize)]
struct Read1 {
    document: Document,
}

/// The snapshot's file name: `gc-2022.en.model.json`.
pub fn file_name(doc_id: &str, lang: &str) -> String {
    format!("{doc_id}.{lang}.model.json")
}

/// `doc` as a snapshot's bytes: compact JSON and a final newline.
pub fn to_bytes(doc: &Document, generator: &str) -> Vec<u8> {
    let written = Written {
        format: FORMAT,
        generator,
        document: doc,
    };
    // Serializing the model cannot fail: it holds only strings, numbers, lists and maps with
    // string keys.
    let mut bytes = serde_json::to_vec(&written).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// An earlier version of a document, read from its snapshot.
#[derive(Debug, Clone)]
pub struct Earlier {
    pub document: Document,
    /// The version's build date, from its manifest.
    pub date: Date,
    /// The snapshot's file name and SHA-256, for the new manifest.
    pub file: String,
    pub sha256: String,
}

/// Reads version `version` of document `doc_id` in `lang` from `output/`. The error says, for
/// people, why it cannot be compared against.
pub fn read(project: &Path, doc_id: &str, version: &str, lang: &str) -> Result<Earlier, String> {
    if !crate::publish::is_valid_version(version) {
        return Err(format!("\"{version}\" cannot be a version"));
    }
    let dir = crate::publish::version_dir(project, doc_id, version);
    let shown = format!("output/{doc_id}/{version}");
    if !dir.is_dir() {
        return Err(format!(
            "version \"{version}\" of {doc_id} was never built: there is no folder {shown}/"
        ));
    }
    let manifest_text = read_bounded(&dir.join("manifest.json"))
        .map_err(|e| format!("{shown}/manifest.json cannot be read: {e}"))?;
    let manifest = std::str::from_utf8(&manifest_text)
        .ok()
        .and_then(Manifest::from_json)
        .ok_or_else(|| format!("{shown}/manifest.json is not a speca-docs manifest"))?;
    if manifest.document != doc_id {
        return Err(format!(
            "{shown}/manifest.json is the manifest of {}, not of {doc_id}",
            manifest.document
        ));
    }
    let file = file_name(doc_id, lang);
    let Some(listed) = manifest.outputs.iter().find(|o| o.path == file) else {
        return Err(format!(
            "version \"{version}\" of {doc_id} has no snapshot of its {lang} text ({file}): it was \
             built by an older speca-docs or not in {lang}; build that version again to compare \
             against it"
        ));
    };
    let bytes = read_bounded(&dir.join(&file))
        .map_err(|e| format!("{shown}/{file} cannot be read: {e}"))?;
    let sha256 = sha256_hex(&bytes);
    if sha256 != listed.sha256 {
        return Err(format!(
            "{shown}/{file} is not the snapshot that build wrote (its SHA-256 differs from the \
             manifest's): it was changed or damaged, and is not read"
        ));
    }
    let format: Format = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{shown}/{file} is not a snapshot: {e}"))?;
    if format.format != FORMAT {
        let which = if format.format > FORMAT {
            "a newer speca-docs; update speca-docs to compare against it"
        } else {
            "an older speca-docs whose snapshots this one cannot read; build that version again"
        };
        return Err(format!(
            "{shown}/{file} is a snapshot of format {}, made by {which}",
            format.format
        ));
    }
    let read: Read1 = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{shown}/{file} cannot be read as a snapshot: {e}"))?;
    if read.document.id != doc_id || read.document.lang != lang {
        return Err(format!(
            "{shown}/{file} holds {} in {}, not {doc_id} in {lang}",
            read.document.id, read.document.lang
        ));
    }
    let date = Date::parse_iso(&manifest.build_date).ok_or_else(|| {
        format!(
            "{shown}/manifest.json has no usable build date (\"{}\")",
            manifest.build_date
        )
    })?;
    Ok(Earlier {
        document: read.document,
        date,
        file,
        sha256,
    })
}

/// The languages version `version` of `doc_id` was built in, from its manifest.
pub fn languages(project: &Path, doc_id: &str, version: &str) -> Result<Vec<String>, String> {
    let dir = crate::publish::version_dir(project, doc_id, version);
    let shown = format!("output/{doc_id}/{version}");
    if !dir.is_dir() {
        return Err(format!(
            "version \"{version}\" of {doc_id} was never built: there is no folder {shown}/"
        ));
    }
    let text = read_bounded(&dir.join("manifest.json"))
        .map_err(|e| format!("{shown}/manifest.json cannot be read: {e}"))?;
    std::str::from_utf8(&text)
        .ok()
        .and_then(Manifest::from_json)
        .map(|m| m.languages)
        .ok_or_else(|| format!("{shown}/manifest.json is not a speca-docs manifest"))
}

fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(std::io::Error::other("it is larger than any snapshot"));
    }
    Ok(bytes)
}
