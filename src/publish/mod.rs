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

/// The files of a publication under way, so that a failure or an interruption (Ctrl-C) can
/// put every earlier output back.
static IN_FLIGHT: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// One output being published.
#[derive(Debug)]
struct Pending {
    /// Which call of [`write_all`] it belongs to.
    publication: u64,
    temp: PathBuf,
    target: PathBuf,
    /// Where the earlier file at `target` was moved, until the publication is complete.
    backup: Option<PathBuf>,
    /// Whether the new file has been renamed onto `target`.
    placed: bool,
}

fn in_flight() -> std::sync::MutexGuard<'static, Vec<Pending>> {
    match IN_FLIGHT.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Undoes every publication under way: removes temporary and newly placed files and puts the
/// earlier files back. Called on failure and when the process is interrupted.
pub fn abandon_in_flight() {
    let pending = std::mem::take(&mut *in_flight());
    roll_back(&pending);
}

fn roll_back(pending: &[Pending]) {
    for p in pending {
        let _ = fs::remove_file(&p.temp);
        if p.placed {
            let _ = fs::remove_file(&p.target);
        }
        if let Some(backup) = &p.backup {
            let _ = fs::rename(backup, &p.target);
        }
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

/// Writes all `outputs` into `dir`: first each to a temporary file beside its target; when all
/// were written and synced, moves each earlier file aside and renames the new one into place,
/// in order (so a manifest given last is placed last); then drops the earlier files. On any
/// failure, or Ctrl-C, every earlier file is put back, so `dir` holds the old set or the new one.
pub fn write_all(dir: &Path, outputs: &[Output]) -> std::io::Result<()> {
    let mut names: Vec<&str> = outputs.iter().map(|o| o.name.as_str()).collect();
    names.sort_unstable();
    if names.windows(2).any(|pair| pair[0] == pair[1]) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "two outputs have the same name",
        ));
    }
    fs::create_dir_all(dir)?;
    static PUBLICATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let publication = PUBLICATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let result =
        write_temporaries(publication, dir, outputs).and_then(|()| swap_into_place(publication));
    let pending: Vec<Pending> = {
        let mut all = in_flight();
        let (mine, others) = std::mem::take(&mut *all)
            .into_iter()
            .partition(|p| p.publication == publication);
        *all = others;
        mine
    };
    match result {
        Ok(()) => {
            for p in &pending {
                if let Some(backup) = &p.backup {
                    let _ = fs::remove_file(backup);
                }
            }
            Ok(())
        }
        Err(err) => {
            roll_back(&pending);
            Err(err)
        }
    }
}

fn write_temporaries(publication: u64, dir: &Path, outputs: &[Output]) -> std::io::Result<()> {
    for output in outputs {
        let target = dir.join(&output.name);
        let temp = dir.join(format!(
            ".{}.tmp-{}-{publication}",
            output.name,
            std::process::id()
        ));
        in_flight().push(Pending {
            publication,
            temp: temp.clone(),
            target,
            backup: None,
            placed: false,
        });
        let mut file = fs::File::create(&temp)?;
        file.write_all(&output.bytes)?;
        file.sync_all()?;
    }
    Ok(())
}

/// Renames the files of `publication` into place in order, each step under the lock so that
/// an interruption sees exactly what was done.
fn swap_into_place(publication: u64) -> std::io::Result<()> {
    let count = in_flight()
        .iter()
        .filter(|p| p.publication == publication)
        .count();
    for index in 0..count {
        let mut pending = in_flight();
        let Some(p) = pending
            .iter_mut()
            .filter(|p| p.publication == publication)
            .nth(index)
        else {
            break;
        };
        if fs::symlink_metadata(&p.target).is_ok() {
            let name = p
                .target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let backup = p
                .target
                .with_file_name(format!(".{name}.bak-{}-{publication}", std::process::id()));
            fs::rename(&p.target, &backup)?;
            p.backup = Some(backup);
        }
        fs::rename(&p.temp, &p.target)?;
        p.placed = true;
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
    fn a_failed_rename_puts_every_earlier_file_back() {
        let folder = tempfile::tempdir().unwrap();
        let dir = folder.path().join("out");
        let out = |name: &str, bytes: &[u8]| Output {
            name: name.into(),
            bytes: bytes.to_vec(),
        };
        write_all(
            &dir,
            &[
                out("a.pdf", b"old a"),
                out("b.pdf", b"old b"),
                out("manifest.json", b"old m"),
            ],
        )
        .unwrap();
        // Occupy the place where b.pdf's earlier file would be moved aside, with a folder that
        // no rename can replace: the swap fails after a.pdf was placed.
        for n in 0..64 {
            fs::create_dir_all(dir.join(format!(".b.pdf.bak-{}-{n}/inside", std::process::id())))
                .unwrap();
        }
        let err = write_all(
            &dir,
            &[
                out("a.pdf", b"new a"),
                out("b.pdf", b"new b"),
                out("manifest.json", b"new m"),
            ],
        );
        assert!(err.is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a");
        assert_eq!(fs::read(dir.join("b.pdf")).unwrap(), b"old b");
        assert_eq!(fs::read(dir.join("manifest.json")).unwrap(), b"old m");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.') && !n.starts_with(".b.pdf.bak-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        assert!(
            write_all(&dir, &[out("x", b"1"), out("x", b"2")]).is_err(),
            "duplicate names"
        );
    }

    #[test]
    fn writes_all_or_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let dir = folder.path().join("out");
        write_all(
            &dir,
            &[Output {
                name: "a.pdf".into(),
                bytes: b"old".to_vec(),
            }],
        )
        .unwrap();
        // A name that cannot be created (a folder of that name exists) fails the second file.
        for n in 0..64 {
            fs::create_dir_all(dir.join(format!(".b.pdf.tmp-{}-{n}", std::process::id()))).unwrap();
        }
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
    }
}
