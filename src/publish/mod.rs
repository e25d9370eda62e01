//! Publishing: where outputs go, and writing them so that a failed build loses nothing.
//!
//! Outputs of one document are written to temporary files beside their targets and renamed
//! into place only when every one of them was written, so a failed or interrupted build leaves
//! earlier outputs exactly as they were.
//!
//! Temporary files and the places earlier files are moved aside to have unpredictable names
//! (`.<name>.tmp-XXXXXX`, `.<name>.bak-XXXXXX`) and are created by `tempfile` with
//! `O_CREAT | O_EXCL`, which never follows a symbolic link planted at the name, nor opens a
//! file that is already there.

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
    /// The temporary file, from the moment it exists until it is renamed onto `target`.
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
        // Removing a name never follows a link: at worst it removes a link planted there.
        let _ = fs::remove_file(&p.temp);
        if p.placed {
            let _ = fs::remove_file(&p.target);
        }
        if let Some(backup) = &p.backup {
            let _ = fs::rename(backup, &p.target);
        }
    }
}

/// Creates a new, empty file with an unpredictable name `.<name>.<kind>-XXXXXX` in `dir`.
/// It is created exclusively (a link or file already at the name is never opened) and, on
/// Unix, with the permissions an ordinary new file gets (0666 less the umask), not 0600,
/// because it becomes an output.
fn create_unique(dir: &Path, name: &str, kind: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let prefix = format!(".{name}.{kind}-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// An output file of a build, in memory until it is published.
#[derive(Debug, Clone)]
pub struct Output {
    /// The file name inside the version folder, e.g. `gc-2022.en.pdf`.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Writes a new file whole or not at all: into a temporary file beside it, then moved into
/// place only if no file of that name exists (also one created meanwhile), so nobody's work
/// is overwritten and no half-written file is left. An existing file is `AlreadyExists`.
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    let temp = written_beside(path, bytes)?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    Ok(())
}

/// `bytes` in a new temporary file, synced to disk, in `path`'s folder (made if missing): the
/// file that is then renamed to `path`.
fn written_beside(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = path
        .parent()
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    fs::create_dir_all(folder)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".new-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// Writes a file whole or not at all, replacing the one there: into a temporary file beside
/// it, then renamed over it, so a reader never sees half of it.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = written_beside(path, bytes)?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
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
    // Settled under the lock: an interruption (which takes the lock to undo what is in flight)
    // sees this publication either still in flight, and undoes it, or settled, with its
    // backups removed or every earlier file back; never half-way, with backups left behind.
    let mut all = in_flight();
    let (pending, others): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut *all)
        .into_iter()
        .partition(|p| p.publication == publication);
    *all = others;
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
        // Created and registered under the lock, so that an interruption either sees it or
        // comes before it exists.
        let temp = {
            let mut pending = in_flight();
            let temp = create_unique(dir, &output.name, "tmp")?;
            pending.push(Pending {
                publication,
                temp: temp.path().to_path_buf(),
                target,
                backup: None,
                placed: false,
            });
            temp
        };
        // From here the file is removed by its registered path (`roll_back`), also when the
        // process is interrupted, so `tempfile` is told to keep it; it is written through the
        // handle that created it, never opened again by name.
        let (mut file, _) = temp.keep().map_err(|e| e.error)?;
        file.write_all(&output.bytes)?;
        file.sync_all()?;
    }
    Ok(())
}

/// Renames the files of `publication` into place in order, each step under the lock so that
/// an interruption sees exactly what was done.
///
/// An earlier file is moved aside onto a fresh placeholder made by [`create_unique`], not onto
/// a name known in advance: a rename replaces the placeholder (it never follows a link), and
/// nothing planted beforehand can be in the way.
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
            let dir = p.target.parent().unwrap_or(Path::new("."));
            let name = p
                .target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Kept (not removed when dropped) before the earlier file lands on it, so that
            // nothing can remove the earlier file; removed by hand if the rename fails.
            let (_, backup) = create_unique(dir, &name, "bak")?
                .keep()
                .map_err(|e| e.error)?;
            if let Err(err) = fs::rename(&p.target, &backup) {
                let _ = fs::remove_file(&backup);
                return Err(err);
            }
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

    fn out(name: &str, bytes: &[u8]) -> Output {
        Output {
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    /// The hidden entries of `dir`: temporaries, earlier files moved aside.
    fn hidden(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_rename_puts_every_earlier_file_back() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("out");
        write_all(
            &dir,
            &[out("a.pdf", b"old a"), out("manifest.json", b"old m")],
        )
        .unwrap();
        // b.pdf is a folder, which cannot be moved onto the file that keeps its place: the
        // swap fails after a.pdf was placed.
        fs::create_dir_all(dir.join("b.pdf/inside")).unwrap();
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
        assert!(dir.join("b.pdf/inside").is_dir());
        assert_eq!(fs::read(dir.join("manifest.json")).unwrap(), b"old m");
        assert_eq!(hidden(&dir), Vec::<String>::new());
        assert!(
            write_all(&dir, &[out("x", b"1"), out("x", b"2")]).is_err(),
            "duplicate names"
        );
    }

    #[test]
    fn writes_all_or_nothing() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        write_all(dir, &[out("a.pdf", b"old")]).unwrap();
        // A name too long for the file system: its temporary file cannot be created, after
        // a.pdf's was written.
        let long = format!("{}.pdf", "b".repeat(300));
        let err = write_all(dir, &[out("a.pdf", b"new"), out(&long, b"new")]);
        assert!(err.is_err());
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old");
        assert_eq!(hidden(dir), Vec::<String>::new());
        // And a publication that succeeds leaves nothing hidden behind.
        write_all(dir, &[out("a.pdf", b"new"), out("b.pdf", b"new")]).unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"new");
        assert_eq!(hidden(dir), Vec::<String>::new());
    }

    #[test]
    fn an_interruption_removes_temporaries_and_puts_earlier_files_back() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        write_all(dir, &[out("a.pdf", b"old a")]).unwrap();
        // A publication of its own number, interrupted once both files are written and one
        // is in place; then undone as `abandon_in_flight` undoes it (which would also undo
        // the publications of tests running beside this one).
        let publication = u64::MAX - 7;
        write_temporaries(
            publication,
            dir,
            &[out("a.pdf", b"new a"), out("b.pdf", b"new b")],
        )
        .unwrap();
        assert_eq!(hidden(dir).len(), 2, "{:?}", hidden(dir));
        {
            let mut pending = in_flight();
            let p = pending
                .iter_mut()
                .find(|p| p.publication == publication && p.target.ends_with("a.pdf"))
                .unwrap();
            let (_, backup) = create_unique(dir, "a.pdf", "bak").unwrap().keep().unwrap();
            fs::rename(&p.target, &backup).unwrap();
            p.backup = Some(backup);
            fs::rename(&p.temp, &p.target).unwrap();
            p.placed = true;
        }
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"new a");
        let mine: Vec<Pending> = {
            let mut all = in_flight();
            let (mine, others) = std::mem::take(&mut *all)
                .into_iter()
                .partition(|p| p.publication == publication);
            *all = others;
            mine
        };
        roll_back(&mine);
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"old a");
        assert!(!dir.join("b.pdf").exists());
        assert_eq!(hidden(dir), Vec::<String>::new());
    }

    /// Links planted at the names the temporaries and backups had before (`.<name>.tmp-PID-N`,
    /// `.<name>.bak-PID-N`), which any user could predict.
    #[cfg(unix)]
    fn plant_links(dir: &Path, name: &str, victim: &Path) {
        for kind in ["tmp", "bak"] {
            for n in 0..64 {
                let link = dir.join(format!(".{name}.{kind}-{}-{n}", std::process::id()));
                std::os::unix::fs::symlink(victim, link).unwrap();
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_would_be_temporary_name_is_not_followed() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("out");
        fs::create_dir(&dir).unwrap();
        let victim = temp.path().join("victim.txt");
        fs::write(&victim, b"precious").unwrap();
        plant_links(&dir, "a.pdf", &victim);
        let planted = hidden(&dir);
        // Once to create a.pdf, once to replace it (which moves the earlier file aside).
        write_all(&dir, &[out("a.pdf", b"first")]).unwrap();
        write_all(&dir, &[out("a.pdf", b"second")]).unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"second");
        assert!(
            !fs::symlink_metadata(dir.join("a.pdf"))
                .unwrap()
                .is_symlink()
        );
        // The planted links are left alone, and nothing else stays behind.
        assert_eq!(hidden(&dir), planted);
    }

    #[test]
    fn nothing_planted_at_a_known_name_blocks_publishing() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        write_all(dir, &[out("a.pdf", b"old")]).unwrap();
        // Folders, which no rename can replace, at the names used before for moving the
        // earlier file aside and for the temporary file.
        for kind in ["tmp", "bak"] {
            for n in 0..64 {
                fs::create_dir_all(
                    dir.join(format!(".a.pdf.{kind}-{}-{n}/inside", std::process::id())),
                )
                .unwrap();
            }
        }
        write_all(dir, &[out("a.pdf", b"new")]).unwrap();
        assert_eq!(fs::read(dir.join("a.pdf")).unwrap(), b"new");
        assert_eq!(hidden(dir).len(), 128);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_ordinary_new_files() {
        use std::os::unix::fs::PermissionsExt;
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        write_all(dir, &[out("a.pdf", b"x")]).unwrap();
        let ordinary = dir.join("ordinary");
        fs::write(&ordinary, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.join("a.pdf")), mode(&ordinary));
    }
}
