//! Exporting issues into a folder: every format through the same renderer as the
//! preview, all files of one export written or none.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::files::{
    read_limited, remove_stale_parts, require_folder, write_all_or_none, write_atomically,
};
use crate::newsroom::{Body, Format, Newsroom};
use crate::photo::MAX_PHOTO_BYTES;
use crate::preflight::Severity;

/// Exports issue `number` in each of `formats` into `out`. What readers receive
/// (every format but the interchange file) must pass the preflight: with errors,
/// nothing is written unless `force`. Every file is rendered before the first is
/// written, so an export that fails writes nothing; an `export` revision records
/// what was written.
pub fn export_issue_formats(
    newsroom: &Newsroom,
    number: u32,
    formats: &[Format],
    out: &Path,
    force: bool,
    now: OffsetDateTime,
) -> Result<Vec<PathBuf>> {
    require_folder(out)?;
    let for_readers = formats.iter().any(|format| format.is_for_readers());
    if for_readers && !force {
        let errors = newsroom
            .preflight(number, Body::Saved)?
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
    let slug = newsroom.issues().get(number)?.slug();
    let mut files = Vec::with_capacity(unique.len());
    for format in &unique {
        let contents = newsroom.render(number, *format, Body::Saved)?;
        files.push((out.join(format!("{slug}.{}", format.extension())), contents));
    }
    if unique
        .iter()
        .any(|format| matches!(format, Format::Web | Format::Email | Format::Eml))
    {
        copy_lead_photos(newsroom, number, out)?;
    }
    write_all_or_none(out, &files)?;
    let names: Vec<String> = files
        .iter()
        .filter_map(|(path, _)| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    newsroom
        .revisions()
        .record_export(number, &names.join(", "), now)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Pages name their photos `photos/<file>` (under the publication's web address):
/// the export folder gets them there, ready to upload beside the page. A `photos`
/// that is a link (to somewhere else on the machine) is not written through, and a
/// file already there is trusted only if it is a regular file with the image's
/// size (files are named by their content).
pub(crate) fn copy_lead_photos(newsroom: &Newsroom, number: u32, out: &Path) -> Result<()> {
    let photos = newsroom.photos().of_issue(number)?;
    if photos.is_empty() {
        return Ok(());
    }
    let dir = out.join("photos");
    match std::fs::symlink_metadata(&dir) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => {
            return Err(Error::NotARegularFile {
                path: dir,
                kind: "not a folder (a link or a file)",
            });
        }
        Err(_) => std::fs::create_dir(&dir)
            .map_err(|error| Error::file("create the folder", &dir, error))?,
    }
    remove_stale_parts(&dir);
    for lead in photos {
        let source = newsroom.assets_dir().join(&lead.photo.file);
        let bytes = read_limited(&source, MAX_PHOTO_BYTES)?;
        let target = dir.join(&lead.photo.file);
        let present = std::fs::symlink_metadata(&target)
            .is_ok_and(|metadata| metadata.is_file() && metadata.len() == bytes.len() as u64);
        if !present {
            write_atomically(&target, &bytes)?;
        }
    }
    Ok(())
}
