//! Reading and writing files the way an editor's work needs: nothing read whole
//! before its size is known, nothing but regular files read at all, and every file
//! written whole or not at all.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Reads the regular file at `path`, refusing it before reading when it is larger
/// than `limit` bytes. Folders, FIFOs, devices and sockets are refused without being
/// opened (opening a FIFO would wait for a writer forever; a device may never end).
/// Symbolic links are followed: the editor chose the file.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let metadata = std::fs::metadata(path).map_err(|error| missing_or(path, error))?;
    read_checked(path, &metadata, limit)
}

/// Like [`read_limited`], but a symbolic link is refused too: for files that arrive
/// from elsewhere (a bundle), whose links could point anywhere on this machine.
pub fn read_limited_no_links(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let metadata = std::fs::symlink_metadata(path).map_err(|error| missing_or(path, error))?;
    if metadata.file_type().is_symlink() {
        return Err(Error::NotARegularFile {
            path: path.to_owned(),
            kind: "a symbolic link",
        });
    }
    read_checked(path, &metadata, limit)
}

/// Reads a UTF-8 text file with [`read_limited`]; `limit` is in bytes.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String> {
    let bytes = read_limited(path, limit)?;
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        path: path.to_owned(),
    })
}

fn read_checked(path: &Path, metadata: &std::fs::Metadata, limit: u64) -> Result<Vec<u8>> {
    if !metadata.is_file() {
        return Err(Error::NotARegularFile {
            path: path.to_owned(),
            kind: kind_of(metadata),
        });
    }
    if metadata.len() > limit {
        return Err(too_large(path, metadata.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(|error| Error::file("read", path, error))?;
    // The file may have been swapped between the check and the open.
    let opened = file
        .metadata()
        .map_err(|error| Error::file("read", path, error))?;
    if !opened.is_file() {
        return Err(Error::NotARegularFile {
            path: path.to_owned(),
            kind: kind_of(&opened),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(limit)).unwrap_or(0));
    // Bounded: the file may still be growing.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| Error::file("read", path, error))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64, limit: u64) -> Error {
    Error::FileTooLarge {
        path: path.to_owned(),
        size,
        limit,
    }
}

fn missing_or(path: &Path, error: std::io::Error) -> Error {
    if error.kind() == std::io::ErrorKind::NotFound {
        Error::FileMissing {
            path: path.to_owned(),
        }
    } else {
        Error::file("read", path, error)
    }
}

/// What a path is, in a few words, when it is not a regular file.
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "not a regular file"
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new one,
/// never half of it: a temporary file beside it, flushed to disk, renamed over the
/// target, then the folder flushed so that the rename itself survives a power cut.
/// A symbolic link at `path` is replaced, never followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    stage(path, bytes)?.commit()
}

/// A file written in full beside where it goes, not yet in its place: stage every
/// file of a set first, then [`Staged::commit`] each, so that a failure while
/// writing (a full disk) leaves none of the set behind.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    /// Puts the file in its place (a rename, which replaces a link rather than
    /// following it), then flushes the folder so the rename survives a power cut.
    pub fn commit(self) -> Result<()> {
        let Staged { file, path } = self;
        file.persist(&path)
            .map_err(|error| Error::file("write", &path, error.error))?;
        sync_folder(folder_of(&path)).map_err(|error| Error::file("write", &path, error))
    }
}

/// Refuses a folder to write into that does not exist (or is not a folder).
pub fn require_folder(folder: &Path) -> Result<()> {
    if folder.is_dir() {
        Ok(())
    } else {
        Err(Error::FolderMissing {
            path: folder.to_owned(),
        })
    }
}

/// Writes `bytes` into a temporary file beside `path`, flushed to disk.
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    let folder = folder_of(path);
    require_folder(folder)?;
    // The writer's process id is in the name so that a later export can tell the
    // leftovers of a writer that was killed from files another one is still writing.
    let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
    let mut file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMPORARY_SUFFIX)
        .tempfile_in(folder)
        .map_err(|error| Error::file("write into", folder, error))?;
    file.write_all(bytes)
        .and_then(|()| readable_by_others(file.as_file()))
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| Error::file("write", path, error))?;
    Ok(Staged {
        file,
        path: path.to_owned(),
    })
}

const TEMPORARY_PREFIX: &str = ".newsflash-";
const TEMPORARY_SUFFIX: &str = ".part";

/// Writes a set of files into `folder`: all of them or, if one fails (a full disk),
/// none. First clears what an export killed half-way left there, so that the folder
/// holds whole files only.
pub fn write_all_or_none(folder: &Path, files: &[(PathBuf, String)]) -> Result<()> {
    remove_stale_parts(folder);
    let staged = files
        .iter()
        .map(|(path, contents)| stage(path, contents.as_bytes()))
        .collect::<Result<Vec<_>>>()?;
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// How old a temporary file must be before it is taken for a leftover where the
/// system cannot say whether its writer still runs.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Removes the temporary files that writers killed half-way (a crash, a power cut,
/// `kill -9`) left in `folder`, so that an export folder never keeps a partial file
/// for long. A file is a leftover when its writer's process has ended (Linux) or,
/// where that cannot be known, when it is over an hour old. Best effort: a file
/// that cannot be removed is left for the next time.
pub fn remove_stale_parts(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(writer) = name
            .strip_prefix(TEMPORARY_PREFIX)
            .filter(|rest| rest.ends_with(TEMPORARY_SUFFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(metadata) = entry.path().symlink_metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if old || writer_has_ended(writer) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn writer_has_ended(pid: u32) -> bool {
    pid != std::process::id() && !Path::new("/proc").join(pid.to_string()).exists()
}

#[cfg(not(target_os = "linux"))]
fn writer_has_ended(_pid: u32) -> bool {
    false
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Flushes a folder's entries (a rename into it) to disk.
#[cfg(unix)]
pub fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

/// Windows has no way to flush a folder; NTFS journals the rename itself.
#[cfg(not(unix))]
pub fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Temporary files are private (0600); an export is a document like any other.
#[cfg(unix)]
fn readable_by_others(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_others(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.html")]);
    }

    #[test]
    fn temporary_files_of_ended_writers_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Being written by this process right now: kept.
        let ours = stage(&dir.path().join("a.html"), b"half").unwrap();
        // A process id far above any the kernel hands out (pid_max is at most 2^22).
        let ended = dir.path().join(".newsflash-4999999-abcd.part");
        std::fs::write(&ended, "left by a killed export").unwrap();
        let unrelated = dir.path().join(".newsflash-notes.part");
        std::fs::write(&unrelated, "not ours").unwrap();
        let page = dir.path().join("page.html");
        std::fs::write(&page, "page").unwrap();

        remove_stale_parts(dir.path());

        assert!(ours.file.path().exists());
        assert!(unrelated.exists());
        assert!(page.exists());
        #[cfg(target_os = "linux")]
        assert!(!ended.exists());
        ours.commit().unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.html")).unwrap(), b"half");
    }

    #[test]
    fn missing_folder_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomically(&dir.path().join("nope/a.html"), b"x").unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
    }

    /// A file of `contents` in `dir`, and a symbolic link to it beside it.
    #[cfg(unix)]
    fn file_and_link_to_it(dir: &Path, contents: &str) -> (PathBuf, PathBuf) {
        let target = dir.join("target.txt");
        std::fs::write(&target, contents).unwrap();
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        (target, link)
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_in_the_way_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let (outside, link) = file_and_link_to_it(dir.path(), "keep me");
        write_atomically(&link, b"page").unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
        assert!(
            !std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn reading_refuses_folders_and_files_over_the_limit_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_limited(dir.path(), 10).unwrap_err();
        assert!(error.to_string().contains("a folder"), "{error}");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(11)).unwrap();
        let error = read_limited(&big, 10).unwrap_err();
        assert!(
            matches!(
                error,
                Error::FileTooLarge {
                    size: 11,
                    limit: 10,
                    ..
                }
            ),
            "{error}"
        );
        assert_eq!(read_limited(&big, 11).unwrap().len(), 11);
        let error = read_limited(&dir.path().join("nope.txt"), 10).unwrap_err();
        assert!(matches!(error, Error::FileMissing { .. }), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_named_pipes_are_refused_without_waiting() {
        let error = read_limited(Path::new("/dev/zero"), 1024).unwrap_err();
        assert!(error.to_string().contains("a device"), "{error}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_limited(&fifo, 1024).unwrap_err();
        assert!(error.to_string().contains("a named pipe"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_refused_where_files_come_from_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let (_, link) = file_and_link_to_it(dir.path(), "png");
        assert_eq!(read_limited(&link, 10).unwrap(), b"png");
        let error = read_limited_no_links(&link, 10).unwrap_err();
        assert!(error.to_string().contains("symbolic link"), "{error}");
    }
}
