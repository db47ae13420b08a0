//! Bundles: one issue with what it needs, in a folder, to move it to another
//! newsroom. The folder holds `<slug>.md` (the issue file), `sources.csv` (the
//! sources it cites), `photos.toml` (its lead photos' credits) and `photos/` (their
//! images).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use super::photos::{read_image_file, store_image};
use super::sources::merge_sources;
use super::{Newsroom, insert_issue, set_article_photos};
use crate::error::{Error, Result};
use crate::export::write_atomically;
use crate::interchange::read_issue_file;
use crate::issue::check_body_size;
use crate::photo::{parse_photo_list, write_photo_list};
use crate::source_csv::{parse_sources_csv, write_sources_csv};
use crate::store;

const SOURCES_FILE: &str = "sources.csv";
const PHOTOS_FILE: &str = "photos.toml";
const PHOTOS_DIR: &str = "photos";

/// What importing a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleImport {
    /// The imported issue's number.
    pub number: u32,
    /// Sources added to the library.
    pub sources_added: u32,
    /// Sources of the library the bundle brought newer details for.
    pub sources_updated: u32,
    /// Photos added to the library (a photo already there with the same image is
    /// reused).
    pub photos_added: u32,
}

impl Newsroom {
    /// Writes issue `number` as a bundle into the folder `out` (which must exist)
    /// and returns the files written.
    pub fn export_bundle(&self, number: u32, out: &Path) -> Result<Vec<PathBuf>> {
        let issue = self.issue(number)?;
        let mut written = Vec::new();
        let issue_path = out.join(format!("{}.md", issue.slug()));
        write_atomically(&issue_path, self.issue_file(number)?.as_bytes())?;
        written.push(issue_path);

        let mut cited = Vec::new();
        for article in self.articles(number)? {
            for citation in article.citations {
                if cited
                    .iter()
                    .any(|source: &crate::Source| source.key == citation.key)
                {
                    continue;
                }
                if let Some(source) = self.source(&citation.key)? {
                    cited.push(source);
                }
            }
        }
        let sources_path = out.join(SOURCES_FILE);
        write_atomically(&sources_path, write_sources_csv(&cited)?.as_bytes())?;
        written.push(sources_path);

        let photos = self.article_photos(number)?;
        if !photos.is_empty() {
            let dir = out.join(PHOTOS_DIR);
            std::fs::create_dir_all(&dir)
                .map_err(|error| Error::file("create the folder", &dir, error))?;
            let mut listed: Vec<(String, &crate::Photo)> = Vec::new();
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
                let source = self.assets_dir().join(&photo.file);
                let bytes =
                    std::fs::read(&source).map_err(|error| Error::file("read", &source, error))?;
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

    /// Imports a bundle folder: its sources are merged into the library, its photos
    /// added (or reused when the library has the same image under the same key),
    /// then its issue added. Everything is checked first; if anything is wrong,
    /// nothing is imported.
    pub fn import_bundle(&mut self, folder: &Path, now: OffsetDateTime) -> Result<BundleImport> {
        let issue_path = single_issue_file(folder)?;
        let issue_name = issue_path.display().to_string();
        let text = std::fs::read_to_string(&issue_path)
            .map_err(|error| Error::file("read", &issue_path, error))?;
        let file = read_issue_file(&issue_name, &text)?;
        check_body_size(&file.issue.body)?;

        let sources_path = folder.join(SOURCES_FILE);
        let sources = if sources_path.is_file() {
            let bytes = std::fs::read(&sources_path)
                .map_err(|error| Error::file("read", &sources_path, error))?;
            parse_sources_csv(&sources_path.display().to_string(), &bytes)?
        } else {
            Vec::new()
        };

        let list_path = folder.join(PHOTOS_FILE);
        let mut photos = Vec::new();
        if list_path.is_file() {
            let text = std::fs::read_to_string(&list_path)
                .map_err(|error| Error::file("read", &list_path, error))?;
            for entry in parse_photo_list(&list_path.display().to_string(), &text)? {
                let image_path = folder.join(PHOTOS_DIR).join(&entry.file);
                let bytes = read_image_file(&image_path)?;
                photos.push((entry.photo, image_path, bytes));
            }
        }
        // Refuse a key the library uses for another image before writing anything.
        let mut new_photos = Vec::new();
        for (photo, image_path, bytes) in photos {
            match self.photo(&photo.key) {
                Ok(existing) => {
                    let sha = sha256_hex(&bytes);
                    if existing.sha256 != sha {
                        return Err(Error::InvalidInput(format!(
                            "The library already has a photo \"{}\" with another image; rename the photo in {} (and in the issue file) or remove it from the library, then import again.",
                            photo.key,
                            list_path.display()
                        )));
                    }
                }
                Err(Error::PhotoNotFound { .. }) => new_photos.push((photo, image_path, bytes)),
                Err(other) => return Err(other),
            }
        }
        if self.issue(file.issue.number).is_ok() {
            return Err(Error::InvalidInput(format!(
                "Issue {} already exists; this bundle's issue cannot replace it.",
                file.issue.number
            )));
        }
        // Images are content-addressed: writing one that ends up unused is harmless.
        let mut stored = Vec::new();
        for (photo, image_path, bytes) in new_photos {
            let image = store_image(self.path(), &image_path, &bytes)?;
            stored.push((photo, image));
        }
        let number = file.issue.number;
        let report = self.store.write(|tx| {
            let report = merge_sources(tx, &sources, now)?;
            for (photo, image) in &stored {
                store::photos::insert(tx, photo, image, now)?;
            }
            insert_issue(tx, &file.issue, now)?;
            store::issues::set_sponsored(tx, number, file.sponsored)?;
            set_article_photos(tx, &issue_name, &file)?;
            Ok(report)
        })?;
        Ok(BundleImport {
            number,
            sources_added: report.added,
            sources_updated: report.updated,
            photos_added: u32::try_from(stored.len()).unwrap_or(u32::MAX),
        })
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

/// The one `.md` file of a bundle folder.
fn single_issue_file(folder: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(folder).map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            Error::InvalidInput(format!(
                "There is no folder {}; choose the folder the bundle was exported to.",
                folder.display()
            ))
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
        0 => Err(Error::InvalidInput(format!(
            "The folder {} has no issue file (.md); it is not a bundle.",
            folder.display()
        ))),
        n => Err(Error::InvalidInput(format!(
            "The folder {} has {n} issue files (.md); a bundle has one, so move the others out.",
            folder.display()
        ))),
    }
}
