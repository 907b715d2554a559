//! Writing the user's files safely, and keeping them private.
//!
//! - [`write_new`]: a file is written under a unique temporary name beside its target (never a
//!   fixed `.partial` name another file might have), flushed to disk, renamed over the target,
//!   and the folder synced, so a crash leaves the old file or the new one, never half of one.
//! - The workspace folder is `0700` and its files `0600` on Unix ([`private_dir`],
//!   [`private_file`]): they hold personal data and webhook secrets. Exports are `0600` too.
//! - [`sync_file`] opens the file for writing to flush it: Windows refuses `FlushFileBuffers`
//!   on a read-only handle. Folders are synced on Unix only (Windows cannot open them so).
//! - [`is_inside`]: whether a path (after resolving links) lies in a folder, so an export can
//!   refuse to write into the workspace.
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` (and its parents) and makes it private to the user. Tightening an existing
/// folder is best effort: a file system without Unix modes (a FAT USB stick) must still open.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
        }
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        Ok(())
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Makes an existing file readable and writable by the user only (a no-op elsewhere; best
/// effort, like [`private_dir`]).
pub fn private_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Creates `path`, which must not exist, as a private file.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).read(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Flushes a file's contents to disk through a handle that may write (see the module docs).
pub fn sync_file(path: &Path) -> io::Result<()> {
    OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Makes a rename in `dir` durable (Unix; Windows cannot open a folder as a file).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A unique temporary name beside `target`: `.<name>.<random>.partial`.
pub fn temp_beside(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tag: u64 = rand::random();
    target.with_file_name(format!(".{name}.{tag:016x}.partial"))
}

/// Writes `target` through a unique temporary file (see the module docs). `write` fills the
/// open file; on any error the temporary file is removed and `target` is untouched.
pub fn write_new<E: From<io::Error>>(
    target: &Path,
    write: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<(), E> {
    let temp = temp_beside(target);
    let result = (|| {
        let mut f = create_private(&temp)?;
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&temp, target)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    } else if let Some(dir) = target.parent() {
        sync_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        });
    }
    result
}

/// `path` with links resolved; for a file that does not exist yet, its folder resolved.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// Whether `path` is `dir` or lies inside it, links resolved.
pub fn is_inside(path: &Path, dir: &Path) -> bool {
    match (resolved(path), dir.canonicalize()) {
        (Some(p), Ok(d)) => p.starts_with(d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_whole_files_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        let failed: Result<(), io::Error> = write_new(&target, |f| {
            use std::io::Write;
            f.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        write_new::<io::Error>(&target, |f| {
            use std::io::Write;
            f.write_all(b"new")
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temporary file left");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn paths_inside_a_folder_are_recognised_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("ws");
        std::fs::create_dir(&ws).unwrap();
        assert!(is_inside(&ws.join("groupdesk.sqlite3"), &ws));
        assert!(is_inside(&ws.join("new.csv"), &ws));
        assert!(!is_inside(&dir.path().join("new.csv"), &ws));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&ws, &link).unwrap();
            assert!(is_inside(&link.join("x.csv"), &ws));
        }
    }
}
