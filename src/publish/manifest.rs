//! `manifest.json`: what a build was made from and what it made, with hashes, so a published
//! document can be traced to its sources and a rebuild can be checked byte for byte.

use serde::{Deserialize, Serialize};

use crate::template::Template;

/// The manifest of one document's version folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// `speca-docs 0.1.0`.
    pub tool: String,
    /// The commit the tool was built from (`unknown` without git).
    #[serde(default)]
    pub commit: String,
    pub document: String,
    pub version: String,
    /// Whether this is a final release (no draft mark).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The document symbol with its `/Rev.N` suffix, when it has one.
    pub symbol: Option<String>,
    pub languages: Vec<String>,
    /// The date stamped into the outputs (`YYYY-MM-DD`).
    pub build_date: String,
    /// Every file the build read, sorted by path.
    pub inputs: Vec<InputFile>,
    /// Every file the build wrote (but this manifest), sorted by path.
    pub outputs: Vec<OutputFile>,
    /// The earlier version the build marked its changes against (`--compare-to`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub compared_to: Option<ComparedTo>,
    /// The contribution files a draft was built without because they have errors
    /// (`build --keep-going`), relative to the project.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub left_out: Vec<String>,
}

/// The earlier version a build compared against, and the snapshots it read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparedTo {
    pub version: String,
    /// The snapshots read, relative to the project, with their SHA-256.
    pub snapshots: Vec<InputFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputFile {
    /// Relative to the project; built-in template files are `builtin:templates/<name>/<file>`.
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputFile {
    /// The file name inside the version folder.
    pub path: String,
    pub sha256: String,
    pub size: u64,
    /// Pages of a PDF; absent for other formats.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pages: Option<usize>,
}

impl Manifest {
    /// The manifest as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        text.push('\n');
        text
    }

    pub fn from_json(text: &str) -> Option<Manifest> {
        serde_json::from_str(text).ok()
    }
}

pub use crate::load::text::sha256_hex;

/// What a build read: every source file with the SHA-256 of the bytes the loader read, then
/// the template's files (`builtin:templates/<name>/…` for those built into the binary), sorted
/// by path.
pub fn input_files(sources: &[(String, String)], template: &Template) -> Vec<InputFile> {
    let mut inputs: Vec<InputFile> = sources
        .iter()
        .map(|(path, sha256)| InputFile {
            path: path.clone(),
            sha256: sha256.clone(),
        })
        .collect();
    for (path, bytes) in &template.files {
        let prefix = if template.from_project.contains(path) {
            ""
        } else {
            "builtin:"
        };
        inputs.push(InputFile {
            path: format!("{prefix}templates/{}/{path}", template.name),
            sha256: sha256_hex(bytes),
        });
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs
}

impl OutputFile {
    /// The record of `output`, a PDF with its `pages`.
    pub fn of(output: &super::Output, pages: Option<usize>) -> OutputFile {
        OutputFile {
            path: output.name.clone(),
            sha256: sha256_hex(&output.bytes),
            size: output.bytes.len() as u64,
            pages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_sha256sum_does() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let manifest = Manifest {
            tool: "speca-docs 0.1.0".into(),
            commit: "abc123".into(),
            document: "d".into(),
            version: "v1".into(),
            is_final: true,
            symbol: Some("ECE/X/1/Rev.1".into()),
            languages: vec!["en".into()],
            build_date: "2022-10-15".into(),
            inputs: vec![InputFile {
                path: "sources/meeting.yaml".into(),
                sha256: "00".into(),
            }],
            outputs: vec![OutputFile {
                path: "d.en.pdf".into(),
                sha256: "11".into(),
                size: 3,
                pages: Some(2),
            }],
            compared_to: None,
            left_out: vec!["sources/countries/kgz.en.md".into()],
        };
        let json = manifest.to_json();
        assert!(json.contains("\"final\": true"));
        assert_eq!(Manifest::from_json(&json), Some(manifest));
    }
}
