//! Reading a file only when it really is inside the project's `sources/`.
//!
//! A contribution or an image may be a symbolic link, and a link may lead anywhere. The file
//! is resolved once (links followed, [`std::fs::canonicalize`]), the resolved path is checked to
//! be inside the resolved `sources/`, and then exactly that resolved path is opened and read:
//! what is read is what was checked. Anything that cannot be resolved is refused, never read
//! on trust ("fail closed").

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file's real location is not inside `sources/` (or `sources/` itself cannot be
    /// resolved, so nothing can be shown to be inside it).
    Outside,
    /// The file is larger than the limit; the size in bytes.
    TooLarge(u64),
    /// The file cannot be resolved, opened or read, or is not a regular file.
    Io(std::io::Error),
}

/// The real location of a project's `sources/` folder: `None` when it cannot be resolved,
/// in which case every read is refused.
pub fn real_sources(root: &Path) -> Option<PathBuf> {
    root.join("sources").canonicalize().ok()
}

/// Reads `path` when its real location is inside `sources` (a path from [`real_sources`]) and
/// it is a regular file of at most `max_bytes` bytes.
pub fn read(sources: Option<&Path>, path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    read_resolved(sources, path, max_bytes, |path| path.canonicalize())
}

/// [`read`], with the resolution of `path` given (so that tests can make it fail or change).
fn read_resolved(
    sources: Option<&Path>,
    path: &Path,
    max_bytes: u64,
    resolve: impl FnOnce(&Path) -> std::io::Result<PathBuf>,
) -> Result<Vec<u8>, ReadError> {
    let Some(sources) = sources else {
        return Err(ReadError::Outside);
    };
    let real = resolve(path).map_err(ReadError::Io)?;
    if !real.starts_with(sources) {
        return Err(ReadError::Outside);
    }
    // Checked before opening, so that a named pipe is never opened (which would wait for a
    // writer); checked again on the opened file below.
    if !std::fs::metadata(&real)
        .map_err(ReadError::Io)?
        .file_type()
        .is_file()
    {
        return Err(not_a_file());
    }
    let file = File::open(&real).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(not_a_file());
    }
    if metadata.len() > max_bytes {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    // The file may grow while it is read: never hold more than the limit allows.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn not_a_file() -> ReadError {
    ReadError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "it is not a regular file",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sources/media")).unwrap();
        std::fs::write(dir.path().join("sources/media/a.txt"), b"inside").unwrap();
        std::fs::write(dir.path().join("secret.txt"), b"outside").unwrap();
        let sources = real_sources(dir.path()).unwrap();
        (dir, sources)
    }

    #[test]
    fn reads_a_file_inside_and_refuses_when_sources_is_unknown() {
        let (dir, sources) = project();
        let file = dir.path().join("sources/media/a.txt");
        assert_eq!(read(Some(&sources), &file, 100).unwrap(), b"inside");
        // Fail closed: without a resolved sources/ nothing is read, even a file inside it.
        assert!(matches!(read(None, &file, 100), Err(ReadError::Outside)));
        assert!(real_sources(&dir.path().join("nowhere")).is_none());
    }

    #[test]
    fn a_file_that_cannot_be_resolved_is_an_error_not_a_read() {
        let (dir, sources) = project();
        let missing = dir.path().join("sources/media/missing.txt");
        assert!(matches!(
            read(Some(&sources), &missing, 100),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
        // A lexical `..` does not get out either: the resolved path is what is checked.
        let climbing = dir.path().join("sources/media/../../secret.txt");
        assert!(matches!(
            read(Some(&sources), &climbing, 100),
            Err(ReadError::Outside)
        ));
    }

    #[test]
    fn what_is_read_is_what_was_resolved_and_checked() {
        let (dir, sources) = project();
        let file = dir.path().join("sources/media/a.txt");
        let other = dir.path().join("sources/media/b.txt");
        std::fs::write(&other, b"checked").unwrap();
        // The path resolves (say, a link that changed) to another file inside: that file,
        // which was checked, is read; not whatever the path names by the time it is opened.
        let resolved = other.canonicalize().unwrap();
        let read = read_resolved(Some(&sources), &file, 100, |_| Ok(resolved));
        assert_eq!(read.unwrap(), b"checked");
        // The path cannot be resolved (say, a link being replaced) although it can be read
        // now: fail closed, nothing is read.
        let read = read_resolved(Some(&sources), &file, 100, |_| {
            Err(std::io::Error::other("cannot resolve"))
        });
        assert!(matches!(read, Err(ReadError::Io(_))), "{read:?}");
        // It resolves outside: refused, although the path itself is inside.
        let secret = dir.path().join("secret.txt");
        let read = read_resolved(Some(&sources), &file, 100, |_| Ok(secret));
        assert!(matches!(read, Err(ReadError::Outside)), "{read:?}");
    }

    #[test]
    fn limits_the_size_and_refuses_folders() {
        let (dir, sources) = project();
        let file = dir.path().join("sources/media/a.txt");
        assert!(matches!(
            read(Some(&sources), &file, 5),
            Err(ReadError::TooLarge(6))
        ));
        assert_eq!(read(Some(&sources), &file, 6).unwrap(), b"inside");
        assert!(matches!(
            read(Some(&sources), &dir.path().join("sources/media"), 100),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn follows_links_only_to_files_inside_sources() {
        let (dir, sources) = project();
        let media = dir.path().join("sources/media");
        std::os::unix::fs::symlink("a.txt", media.join("inner.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), media.join("outer.txt")).unwrap();
        std::os::unix::fs::symlink("gone.txt", media.join("dangling.txt")).unwrap();
        assert_eq!(
            read(Some(&sources), &media.join("inner.txt"), 100).unwrap(),
            b"inside"
        );
        assert!(matches!(
            read(Some(&sources), &media.join("outer.txt"), 100),
            Err(ReadError::Outside)
        ));
        assert!(matches!(
            read(Some(&sources), &media.join("dangling.txt"), 100),
            Err(ReadError::Io(_))
        ));
    }
}
