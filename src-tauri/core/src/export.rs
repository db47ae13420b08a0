//! Writing exports to disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::newsroom::Newsroom;
use crate::preflight::Severity;

/// The formats an issue can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A standalone web page (`<slug>.html`).
    Web,
    /// The interchange file: TOML front matter and Markdown (`<slug>.md`).
    Markdown,
    /// Email-ready HTML (`<slug>.email.html`).
    Email,
    /// Plain text (`<slug>.txt`).
    Text,
    /// A draft email message with HTML and text parts (`<slug>.eml`).
    Eml,
}

impl Format {
    /// The file-name ending of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Web => "html",
            Format::Markdown => "md",
            Format::Email => "email.html",
            Format::Text => "txt",
            Format::Eml => "eml",
        }
    }
}

/// Exports issue `number` in `format` into the folder `out`, returning the file written.
/// Uses the same renderer as the preview, and keeps an `export` revision of what
/// was exported.
pub fn export_issue(
    newsroom: &mut Newsroom,
    number: u32,
    format: Format,
    out: &Path,
    now: OffsetDateTime,
) -> Result<PathBuf> {
    if !out.is_dir() {
        return Err(missing_folder(out));
    }
    let issue = newsroom.issue(number)?;
    let contents = match format {
        Format::Web => newsroom.render_web_page(number)?,
        Format::Markdown => newsroom.issue_file(number)?,
        Format::Email => newsroom.render_email(number)?,
        Format::Text => newsroom.render_text(number)?,
        Format::Eml => newsroom.render_eml(number, now)?,
    };
    let name = format!("{}.{}", issue.slug(), format.extension());
    let path = out.join(&name);
    if matches!(format, Format::Web | Format::Email | Format::Eml) {
        copy_lead_photos(newsroom, number, out)?;
    }
    write_atomically(&path, contents.as_bytes())?;
    newsroom.record_export(number, &name, now)?;
    Ok(path)
}

/// Exports issue `number` in each of `formats` into `out`. What readers receive
/// (every format but the interchange file) must pass the preflight: with errors,
/// nothing is written unless `force`.
pub fn export_issue_formats(
    newsroom: &mut Newsroom,
    number: u32,
    formats: &[Format],
    out: &Path,
    force: bool,
    now: OffsetDateTime,
) -> Result<Vec<PathBuf>> {
    let for_readers = formats.iter().any(|format| *format != Format::Markdown);
    if for_readers && !force {
        let errors = newsroom
            .check_issue(number)?
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        if errors > 0 {
            return Err(Error::PreflightFailed { number, errors });
        }
    }
    let mut unique: Vec<Format> = Vec::with_capacity(formats.len());
    for format in formats {
        if !unique.contains(format) {
            unique.push(*format);
        }
    }
    unique
        .into_iter()
        .map(|format| export_issue(newsroom, number, format, out, now))
        .collect()
}

/// Pages name their photos `photos/<file>` (under the publication's web address):
/// the export folder gets them there, ready to upload beside the page.
fn copy_lead_photos(newsroom: &Newsroom, number: u32, out: &Path) -> Result<()> {
    let photos = newsroom.article_photos(number)?;
    if photos.is_empty() {
        return Ok(());
    }
    let dir = out.join("photos");
    std::fs::create_dir_all(&dir).map_err(|error| Error::file("create the folder", &dir, error))?;
    for lead in photos {
        let target = dir.join(&lead.photo.file);
        // Files are named by their content: one already there is this image.
        if target.is_file() {
            continue;
        }
        let source = newsroom.assets_dir().join(&lead.photo.file);
        let bytes = std::fs::read(&source).map_err(|error| Error::file("read", &source, error))?;
        write_atomically(&target, &bytes)?;
    }
    Ok(())
}

fn missing_folder(folder: &Path) -> Error {
    Error::InvalidInput(format!(
        "The folder {} does not exist; create it or choose another one to export to.",
        folder.display()
    ))
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new one,
/// never half of it: a temporary file beside it, flushed to disk, then renamed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(missing_folder(folder));
    }
    let mut file = tempfile::Builder::new()
        .prefix(".newsflash-")
        .suffix(".part")
        .tempfile_in(folder)
        .map_err(|error| Error::file("write into", folder, error))?;
    file.write_all(bytes)
        .and_then(|()| readable_by_others(file.as_file()))
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| Error::file("write", path, error))?;
    file.persist(path)
        .map_err(|error| Error::file("write", path, error.error))?;
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
    fn missing_folder_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomically(&dir.path().join("nope/a.html"), b"x").unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
    }
}
