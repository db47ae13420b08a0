//! Bundles: one issue with what it needs, in a folder, to move it to another
//! newsroom. The folder holds `<slug>.md` (the issue file), `sources.csv` (the
//! sources it cites), `photos.toml` (its lead photos' credits) and `photos/` (their
//! images).
//!
//! A bundle comes from elsewhere, so it is data, never a list of paths to follow:
//! every file it names is a bare name inside the bundle folder, a regular file and
//! not a link, read with a size limit. It adds what the library lacks and never
//! changes what the library has unless the editor asks, after being shown every
//! difference.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};
use crate::files::{read_limited_no_links, write_atomically};
use crate::interchange::{IssueFile, read_issue_file};
use crate::issue::MAX_ISSUE_BODY_BYTES;
use crate::newsroom::{BundleContents, Newsroom, read_image_file_in};
use crate::photo::{MAX_PHOTO_BYTES, NewPhoto, Photo};
use crate::photo_list::{parse_photo_list, write_photo_list};
use crate::source::{Source, SourceChange};
use crate::source_csv::{MAX_SOURCES_CSV_BYTES, parse_sources_csv, write_sources_csv};

const SOURCES_FILE: &str = "sources.csv";
const PHOTOS_FILE: &str = "photos.toml";
const PHOTOS_DIR: &str = "photos";

/// The largest issue file read: the text's limit and room for the front matter.
/// The largest issue file (interchange or pasted text) read: the text's cap and
/// room for its front matter.
pub const MAX_ISSUE_FILE_BYTES: u64 = MAX_ISSUE_BODY_BYTES as u64 + 64 * 1024;

/// The largest photo list read.
const MAX_PHOTO_LIST_BYTES: u64 = 1024 * 1024;

/// What importing a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BundleImport {
    /// The imported issue's number.
    pub number: u32,
    /// Sources added to the library.
    pub sources_added: u32,
    /// Sources of the library changed to the bundle's details (only when asked).
    pub sources_updated: u32,
    /// Sources the bundle has differently from the library, and how. Unless the
    /// import was asked to update them, the library kept its own.
    pub sources_differing: Vec<SourceDifference>,
    /// Photos added to the library (a photo already there with the same image is
    /// reused).
    pub photos_added: u32,
}

/// A source a bundle has differently from the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SourceDifference {
    /// Its key.
    pub key: String,
    /// Each field that differs.
    pub changes: Vec<SourceChange>,
}

/// A bundle read and checked, before anything of it is imported: what the editor
/// confirms.
#[derive(Debug, Clone)]
pub struct Bundle {
    issue_name: String,
    issue: IssueFile,
    sources: Vec<Source>,
    photos: Vec<(NewPhoto, PathBuf, Vec<u8>)>,
}

impl Bundle {
    /// The issue's number.
    pub fn number(&self) -> u32 {
        self.issue.issue.number
    }

    /// The issue's title.
    pub fn title(&self) -> &str {
        &self.issue.issue.details.title
    }

    /// The sources of the bundle that the library has with other details.
    pub fn differences(&self, newsroom: &Newsroom) -> Result<Vec<SourceDifference>> {
        let library = newsroom.sources();
        let mut differences = Vec::new();
        for incoming in &self.sources {
            if let Some(existing) = library.get(&incoming.key)? {
                let changes = existing.changes_to(incoming);
                if !changes.is_empty() {
                    differences.push(SourceDifference {
                        key: incoming.key.clone(),
                        changes,
                    });
                }
            }
        }
        Ok(differences)
    }
}

/// Reads the bundle in `folder`, checking every file before anything is imported.
pub fn read_bundle(folder: &Path) -> Result<Bundle> {
    let issue_path = single_issue_file(folder)?;
    let issue_name = issue_path.display().to_string();
    let bytes = read_limited_no_links(&issue_path, MAX_ISSUE_FILE_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
        path: issue_path.clone(),
    })?;
    let issue = read_issue_file(&issue_name, &text)?;

    let sources_path = folder.join(SOURCES_FILE);
    let sources = if exists(&sources_path) {
        let bytes = read_limited_no_links(&sources_path, MAX_SOURCES_CSV_BYTES as u64)?;
        parse_sources_csv(&sources_path.display().to_string(), &bytes)?
    } else {
        Vec::new()
    };

    let list_path = folder.join(PHOTOS_FILE);
    let mut photos = Vec::new();
    if exists(&list_path) {
        let bytes = read_limited_no_links(&list_path, MAX_PHOTO_LIST_BYTES)?;
        let list_name = list_path.display().to_string();
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8 {
            path: list_path.clone(),
        })?;
        for entry in parse_photo_list(&list_name, &text)? {
            let image_path = photo_in_bundle(folder, &list_name, &entry.file)?;
            let bytes = read_limited_no_links(&image_path, MAX_PHOTO_BYTES)?;
            photos.push((entry.photo, image_path, bytes));
        }
    }
    Ok(Bundle {
        issue_name,
        issue,
        sources,
        photos,
    })
}

/// Imports a bundle: its issue, the sources the library lacks, and its photos (a
/// photo already in the library with the same image is reused; one with another
/// image under the same key refuses the import). Sources the library has are
/// changed to the bundle's details only if `update_sources`; every difference is
/// reported either way. All of it is imported, or nothing.
pub fn import_bundle(
    newsroom: &Newsroom,
    bundle: &Bundle,
    update_sources: bool,
    now: OffsetDateTime,
) -> Result<BundleImport> {
    let differing = bundle.differences(newsroom)?;
    let library = newsroom.sources();
    let mut new_sources = Vec::new();
    let mut changed_sources = Vec::new();
    for source in &bundle.sources {
        if library.get(&source.key)?.is_none() {
            new_sources.push(source.clone());
        } else if update_sources && differing.iter().any(|d| d.key == source.key) {
            changed_sources.push(source.clone());
        }
    }
    let mut new_photos = Vec::new();
    for (photo, image_path, bytes) in &bundle.photos {
        match newsroom.photos().get(&photo.key) {
            Ok(existing) => {
                if existing.sha256 != sha256_hex(bytes) {
                    return Err(Error::PhotoKeyHasAnotherImage {
                        key: photo.key.clone(),
                        file: PHOTOS_FILE.to_owned(),
                    });
                }
            }
            Err(Error::PhotoNotFound { .. }) => {
                new_photos.push((photo.clone(), image_path.as_path(), bytes.as_slice()));
            }
            Err(other) => return Err(other),
        }
    }
    let number = bundle.number();
    newsroom.issues().import_bundle_contents(
        &BundleContents {
            issue_name: &bundle.issue_name,
            issue: &bundle.issue,
            new_sources: &new_sources,
            changed_sources: &changed_sources,
            new_photos: &new_photos,
        },
        now,
    )?;
    Ok(BundleImport {
        number,
        sources_added: u32::try_from(new_sources.len()).unwrap_or(u32::MAX),
        sources_updated: u32::try_from(changed_sources.len()).unwrap_or(u32::MAX),
        sources_differing: differing,
        photos_added: u32::try_from(new_photos.len()).unwrap_or(u32::MAX),
    })
}

/// Writes issue `number` as a bundle into the folder `out` (which must exist) and
/// returns the files written.
pub fn export_bundle(newsroom: &Newsroom, number: u32, out: &Path) -> Result<Vec<PathBuf>> {
    if !out.is_dir() {
        return Err(Error::FolderMissing {
            path: out.to_owned(),
        });
    }
    let issue = newsroom.issues().get(number)?;
    let mut written = Vec::new();
    let issue_path = out.join(format!("{}.md", issue.slug()));
    write_atomically(&issue_path, newsroom.issues().file(number)?.as_bytes())?;
    written.push(issue_path);

    let library = newsroom.sources();
    let mut cited: Vec<Source> = Vec::new();
    for article in newsroom.issues().articles(number)? {
        for citation in article.citations {
            if cited.iter().any(|source| source.key == citation.key) {
                continue;
            }
            if let Some(source) = library.get(&citation.key)? {
                cited.push(source);
            }
        }
    }
    let sources_path = out.join(SOURCES_FILE);
    write_atomically(&sources_path, write_sources_csv(&cited)?.as_bytes())?;
    written.push(sources_path);

    let photos = newsroom.photos().of_issue(number)?;
    if !photos.is_empty() {
        let dir = out.join(PHOTOS_DIR);
        std::fs::create_dir_all(&dir)
            .map_err(|error| Error::file("create the folder", &dir, error))?;
        let mut listed: Vec<(String, &Photo)> = Vec::new();
        for article_photo in &photos {
            let photo = &article_photo.photo;
            if listed.iter().any(|(_, p)| p.key == photo.key) {
                continue;
            }
            let extension = Path::new(&photo.file)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("jpg");
            let name = format!("{}.{extension}", photo.key);
            let bytes = read_image_file_in(newsroom, &photo.file)?;
            let target = dir.join(&name);
            write_atomically(&target, &bytes)?;
            written.push(target);
            listed.push((name, photo));
        }
        let list_path = out.join(PHOTOS_FILE);
        write_atomically(&list_path, write_photo_list(&listed).as_bytes())?;
        written.push(list_path);
    }
    Ok(written)
}

/// Whether something is at `path` (a link counts, so that it is refused, not
/// skipped).
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Where the image a photo list names is: a bare file name inside the bundle's
/// `photos/` folder, never a path (`../x.png`, `/etc/x.png`).
fn photo_in_bundle(folder: &Path, list: &str, file: &str) -> Result<PathBuf> {
    let bare = !file.is_empty()
        && file != "."
        && file != ".."
        && !file.contains(['/', '\\', '\0'])
        && !file.contains(':');
    if !bare {
        return Err(Error::invalid_file(
            list,
            None,
            format!(
                "the photo file \"{}\" is not a file name in the bundle's photos folder",
                file.chars().take(80).collect::<String>()
            ),
        ));
    }
    Ok(folder.join(PHOTOS_DIR).join(file))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

/// The one `.md` file of a bundle folder.
fn single_issue_file(folder: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(folder).map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            Error::FolderMissing {
                path: folder.to_owned(),
            }
        } else {
            Error::file("read", folder, error)
        }
    })?;
    let mut issues: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    match issues.len() {
        1 => Ok(issues.remove(0)),
        0 => Err(Error::NotABundle {
            folder: folder.to_owned(),
            problem: "has no issue file (.md)".into(),
        }),
        n => Err(Error::NotABundle {
            folder: folder.to_owned(),
            problem: format!("has {n} issue files (.md) where a bundle has one"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_files_are_bare_names_inside_the_bundle() {
        let folder = Path::new("/bundle");
        assert_eq!(
            photo_in_bundle(folder, "photos.toml", "ash.jpg").unwrap(),
            Path::new("/bundle/photos/ash.jpg")
        );
        for escape in [
            "../../../x.png",
            "/etc/x.png",
            "sub/x.png",
            "..",
            "C:x.png",
            "",
        ] {
            let error = photo_in_bundle(folder, "photos.toml", escape).unwrap_err();
            assert!(
                error.to_string().contains("not a file name"),
                "{escape}: {error}"
            );
        }
    }
}
