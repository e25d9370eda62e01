//! The documents built: for each document of the project, the newest version folder under
//! `output/<doc-id>/` and which of its PDF and DOCX files are there.
//!
//! The newest version is the one whose `manifest.json` was written last (a build writes its
//! manifest last), among the folders that hold a manifest of that document; the version name
//! breaks a tie. Nothing under `output/` is trusted: only version folders with a safe name are
//! looked at, only files of the names a build gives are linked, links below `output/` are
//! never followed, and a manifest is read only when it is of reasonable size.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use serde::Serialize;

use crate::publish::manifest::Manifest;

/// A document of the project and what is built of it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentStatus {
    pub id: String,
    pub title: String,
    /// Its newest build, `None` when it was never built.
    pub built: Option<BuiltVersion>,
}

/// One version folder of a document.
#[derive(Debug, Clone, Serialize)]
pub struct BuiltVersion {
    pub version: String,
    /// The date stamped into its outputs, from its manifest.
    pub build_date: String,
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Its PDF and DOCX files that exist, in the manifest's order of languages, PDF first.
    pub files: Vec<BuiltFile>,
}

/// A PDF or DOCX of a build.
#[derive(Debug, Clone, Serialize)]
pub struct BuiltFile {
    pub language: String,
    /// `pdf` or `docx`.
    pub format: String,
    /// Relative to the project, with `/`: `output/<doc-id>/<version>/<doc-id>.<lang>.pdf`.
    pub path: String,
}

/// A manifest larger than this is no manifest of ours.
const MAX_MANIFEST_BYTES: u64 = 8 << 20;

/// The document `doc_id`, titled `title`, with its newest build under `project/output/`.
pub fn document_status(project: &Path, doc_id: &str, title: &str) -> DocumentStatus {
    DocumentStatus {
        id: doc_id.to_string(),
        title: title.to_string(),
        built: newest_build(project, doc_id),
    }
}

fn newest_build(project: &Path, doc_id: &str) -> Option<BuiltVersion> {
    let doc_dir = project.join("output").join(doc_id);
    // output/<doc-id>/ is a folder a build made, never a link (output/ itself may be one, to
    // where the documents are published).
    if !fs::symlink_metadata(&doc_dir).is_ok_and(|m| m.is_dir()) {
        return None;
    }
    let mut newest: Option<(SystemTime, String, Manifest)> = None;
    for entry in fs::read_dir(&doc_dir).ok()?.flatten() {
        let Some(version) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        // `file_type` does not follow links: a link planted in output/ is no version folder.
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_folder || !crate::publish::is_valid_version(&version) {
            continue;
        }
        let Some((written, manifest)) = read_manifest(&entry.path().join("manifest.json")) else {
            continue;
        };
        if manifest.document != doc_id || manifest.version != version {
            continue;
        }
        let is_newer = newest
            .as_ref()
            .is_none_or(|(time, name, _)| (written, &version) > (*time, name));
        if is_newer {
            newest = Some((written, version, manifest));
        }
    }
    let (_, version, manifest) = newest?;
    let folder = doc_dir.join(&version);
    let mut files = Vec::new();
    for language in &manifest.languages {
        // A language code is letters, digits and hyphens; anything else is no file of ours.
        if language.is_empty()
            || !language
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            continue;
        }
        for format in ["pdf", "docx"] {
            let name = format!("{doc_id}.{language}.{format}");
            let is_file = fs::symlink_metadata(folder.join(&name)).is_ok_and(|m| m.is_file());
            if is_file {
                files.push(BuiltFile {
                    language: language.clone(),
                    format: format.to_string(),
                    path: format!("output/{doc_id}/{version}/{name}"),
                });
            }
        }
    }
    Some(BuiltVersion {
        version,
        build_date: manifest.build_date,
        is_final: manifest.is_final,
        files,
    })
}

/// The manifest at `path` with the time it was written, when it is a plain file of reasonable
/// size that reads as a manifest.
fn read_manifest(path: &Path) -> Option<(SystemTime, Manifest)> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_MANIFEST_BYTES {
        return None;
    }
    let text = fs::read_to_string(path).ok()?;
    let manifest = Manifest::from_json(&text)?;
    Some((meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), manifest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(doc: &str, version: &str, languages: &[&str]) -> String {
        Manifest {
            commit: "abc".into(),
            tool: "speca-docs test".into(),
            document: doc.into(),
            version: version.into(),
            is_final: false,
            symbol: None,
            languages: languages.iter().map(|l| l.to_string()).collect(),
            build_date: "2023-05-11".into(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            compared_to: None,
            left_out: Vec::new(),
        }
        .to_json()
    }

    #[test]
    fn the_newest_manifest_names_the_files_that_exist() {
        let project = tempfile::tempdir().unwrap();
        // The newer build's name sorts first, so only the manifests' times can pick it.
        let old = project.path().join("output/brief/z-old");
        let new = project.path().join("output/brief/a-new");
        fs::create_dir_all(&old).unwrap();
        fs::create_dir_all(&new).unwrap();
        fs::write(
            old.join("manifest.json"),
            manifest("brief", "z-old", &["en"]),
        )
        .unwrap();
        fs::write(old.join("brief.en.pdf"), b"old").unwrap();
        fs::write(new.join("brief.en.pdf"), b"pdf").unwrap();
        fs::write(new.join("brief.ru.docx"), b"docx").unwrap();
        fs::write(
            new.join("manifest.json"),
            manifest("brief", "a-new", &["en", "ru"]),
        )
        .unwrap();
        let at = |seconds: u64| SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
        let set_time = |path: &Path, time: SystemTime| {
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(time)
                .unwrap();
        };
        set_time(&old.join("manifest.json"), at(1_700_000_000));
        set_time(&new.join("manifest.json"), at(1_700_000_100));

        let status = document_status(project.path(), "brief", "Brief");
        let built = status.built.expect("a build");
        assert_eq!(built.version, "a-new");
        let paths: Vec<&str> = built.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "output/brief/a-new/brief.en.pdf",
                "output/brief/a-new/brief.ru.docx"
            ]
        );

        // Written later, the older one is the newest.
        set_time(&old.join("manifest.json"), at(1_700_000_200));
        let status = document_status(project.path(), "brief", "Brief");
        assert_eq!(status.built.expect("a build").version, "z-old");
    }

    #[test]
    fn folders_without_a_manifest_of_the_document_are_no_builds() {
        let project = tempfile::tempdir().unwrap();
        let other = project.path().join("output/brief/v1");
        fs::create_dir_all(&other).unwrap();
        fs::write(
            other.join("manifest.json"),
            manifest("other", "v1", &["en"]),
        )
        .unwrap();
        fs::create_dir_all(project.path().join("output/brief/v2")).unwrap();
        assert!(
            document_status(project.path(), "brief", "Brief")
                .built
                .is_none()
        );
        assert!(
            document_status(project.path(), "never", "Never")
                .built
                .is_none()
        );
    }
}
