//! Publishing: where outputs go, and writing them so that a failed build loses nothing.
//!
//! Outputs of one document are written to temporary files beside their targets and renamed
//! into place only when every one of them was written, so a failed or interrupted build leaves
//! earlier outputs exactly as they were.

pub mod manifest;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written right now, so that an interrupted build (Ctrl-C) can remove
/// them and leave no half-written file under `output/`.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file being written. Called when the process is interrupted.
pub fn abandon_in_flight() {
    let files = match IN_FLIGHT.lock() {
        Ok(mut files) => std::mem::take(&mut *files),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for file in files {
        let _ = fs::remove_file(file);
    }
}

fn track(temp: &Path) {
    if let Ok(mut files) = IN_FLIGHT.lock() {
        files.push(temp.to_path_buf());
    }
}

fn untrack(temps: &[PathBuf]) {
    if let Ok(mut files) = IN_FLIGHT.lock() {
        files.retain(|f| !temps.contains(f));
    }
}

/// An output file of a build, in memory until it is published.
#[derive(Debug, Clone)]
pub struct Output {
    /// The file name inside the version folder, e.g. `gc-2022.en.pdf`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// `output/<doc-id>/<version>/` in the project.
pub fn version_dir(project: &Path, doc_id: &str, version: &str) -> PathBuf {
    project.join("output").join(doc_id).join(version)
}

/// Whether a version name is safe as a folder name: letters, digits, `.`, `-`, `_`, `+`, not
/// starting with a dot.
pub fn is_valid_version(version: &str) -> bool {
    !version.is_empty()
        && version.len() <= 100
        && !version.starts_with('.')
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
}

/// Writes all `outputs` into `dir`: first each to a temporary file beside its target, then,
/// when all were written and synced, renames them into place. On failure, the temporary files
/// are removed and the files already in `dir` are untouched.
pub fn write_all(dir: &Path, outputs: &[Output]) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = write_temporaries(dir, outputs, &mut written);
    let temps: Vec<PathBuf> = written.iter().map(|(temp, _)| temp.clone()).collect();
    let result = result.and_then(|()| {
        for (temp, target) in &written {
            fs::rename(temp, target)?;
        }
        Ok(())
    });
    if result.is_err() {
        for temp in &temps {
            let _ = fs::remove_file(temp);
        }
    }
    untrack(&temps);
    result
}

fn write_temporaries(
    dir: &Path,
    outputs: &[Output],
    written: &mut Vec<(PathBuf, PathBuf)>,
) -> std::io::Result<()> {
    for output in outputs {
        let target = dir.join(&output.name);
        let temp = dir.join(format!(".{}.tmp-{}", output.name, std::process::id()));
        track(&temp);
        written.push((temp.clone(), target));
        let mut file = fs::File::create(&temp)?;
        file.write_all(&output.bytes)?;
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_plain_folder_names() {
        assert!(is_valid_version("draft"));
        assert!(is_valid_version("v1.2.0-rc1"));
        assert!(!is_valid_version("../x"));
        assert!(!is_valid_version(".hidden"));
        assert!(!is_valid_version("a/b"));
        assert!(!is_valid_version(""));
    }

    #[test]
    fn writes_all_or_nothing() {
        let dir = std::env::temp_dir().join(format!("speca-publish-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        write_all(
            &dir,
            &[Output {
                name: "a.pdf".into(),
                bytes: b"old".to_vec(),
            }],
        )
        .unwrap();
        // A name that cannot be created (a folder of that name exists) fails the second file.
        fs::create_dir_all(dir.join(".b.pdf.tmp-".to_string() + &std::process::id().to_string()))
            .unwrap();
        let err = write_all(
            &dir,
            &[
                Output {
                    name: "a.pdf".into(),
                    bytes: b"new".to_vec(),
                },
                Output {
                    name: "b.pdf".into(),
                    bytes: b"new".to_vec(),
                },
            ],
        );
        assert!(err.is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old");
        assert!(!dir.join("b.pdf").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
