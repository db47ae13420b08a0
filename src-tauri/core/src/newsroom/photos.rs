//! The newsroom façade for photos: the library, its asset folder, and the lead
//! photo of each article.
//!
//! **Invariant:** an image file is written to the asset folder (whole, through a
//! temporary file and a rename) before the row that names it, so a row never points
//! at a missing or half-written file. A file without a row (an add interrupted
//! between the two) is harmless and is reused by the next add of the same image.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::files::{read_limited, write_atomically};
use crate::image::{NotAnImage, StoredImage, inspect_image};
use crate::issue::IssueStatus;
use crate::photo::{ArticlePhoto, MAX_PHOTO_BYTES, NewPhoto, Photo, PhotoUse};
use crate::store;

/// The photo library of a newsroom ([`Newsroom::photos`]).
#[derive(Debug, Clone, Copy)]
pub struct Photos<'a> {
    pub(super) newsroom: &'a Newsroom,
}

impl Photos<'_> {
    /// Adds the image at `source_file` to the library under `photo.key`, copying it
    /// into the asset folder (one copy per distinct image, named by its content).
    /// JPEG, PNG, WebP and GIF are accepted, recognised by their content.
    pub fn add(
        &self,
        source_file: &Path,
        mut photo: NewPhoto,
        now: OffsetDateTime,
    ) -> Result<Photo> {
        photo = self.checked_new(photo)?;
        let bytes = read_image_file(source_file)?;
        self.insert(source_file, &bytes, &photo, now)
    }

    /// Adds an image pasted into the window (the clipboard's bytes, never a file) to
    /// the library under `photo.key`, as [`Photos::add`] does with a file. `name`
    /// stands for it in messages ("pasted from the clipboard").
    pub fn add_pasted(
        &self,
        name: &str,
        bytes: &[u8],
        photo: NewPhoto,
        now: OffsetDateTime,
    ) -> Result<Photo> {
        let photo = self.checked_new(photo)?;
        let origin = Path::new(name);
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if size > MAX_PHOTO_BYTES {
            return Err(Error::FileTooLarge {
                path: origin.to_owned(),
                size,
                limit: MAX_PHOTO_BYTES,
            });
        }
        self.insert(origin, bytes, &photo, now)
    }

    /// The details of a photo to add, valid and under a key no photo has: checked
    /// before the image is stored, so a refused add leaves no file behind.
    fn checked_new(&self, mut photo: NewPhoto) -> Result<NewPhoto> {
        photo.validate()?;
        if self
            .newsroom
            .store
            .read(|conn| store::photos::exists(conn, &photo.key))?
        {
            return Err(Error::PhotoKeyTaken { key: photo.key });
        }
        Ok(photo)
    }

    fn insert(
        &self,
        origin: &Path,
        bytes: &[u8],
        photo: &NewPhoto,
        now: OffsetDateTime,
    ) -> Result<Photo> {
        let image = store_image(self.newsroom.path(), origin, bytes)?;
        self.newsroom
            .store
            .write(|tx| store::photos::insert(tx, photo, &image, now))?;
        self.get(&photo.key)
    }

    /// All photos in the library, by key.
    pub fn list(&self) -> Result<Vec<Photo>> {
        self.newsroom.store.read(store::photos::list)
    }

    /// One photo.
    pub fn get(&self, key: &str) -> Result<Photo> {
        self.newsroom
            .store
            .read(|conn| store::photos::get(conn, key))
    }

    /// Replaces the details and credit of the photo with `photo.key`; the image
    /// stays. A no-derivatives licence is refused while an article shows the photo
    /// cropped.
    pub fn update(&self, mut photo: NewPhoto, now: OffsetDateTime) -> Result<Photo> {
        photo.validate()?;
        self.newsroom.store.write(|tx| {
            if photo.licence.forbids_derivatives() && store::articles::used_cropped(tx, &photo.key)?
            {
                return Err(no_derivatives(&photo.key, &photo.licence.short_name()));
            }
            store::photos::update_details(tx, &photo, now)
        })?;
        self.get(&photo.key)
    }

    /// Sets the lead photo of article `position` (0 for the first `#` heading) of
    /// issue `number`, or clears it with `None`; returns the issue's new version.
    ///
    /// The article need not have been derived from the text yet (a newsroom made by
    /// an older version, before its next save): its row is then made with an empty
    /// headline, and the next save fills the headline in. Choosing to make the row
    /// rather than refuse keeps the editor's choice; a position past the last
    /// article simply has no heading to show until one is written.
    pub fn set_for_article(
        &self,
        number: u32,
        position: u32,
        photo_key: Option<&str>,
        cropped: bool,
        now: OffsetDateTime,
    ) -> Result<u32> {
        self.newsroom.store.write(|tx| {
            let issue = store::issues::get(tx, number)?;
            if issue.status == IssueStatus::Published {
                return Err(Error::IssuePublished { number });
            }
            let issue_id = store::issues::id(tx, number)?;
            if let Some(key) = photo_key {
                let photo = store::photos::get(tx, key)?;
                if cropped && photo.licence.forbids_derivatives() {
                    return Err(no_derivatives(key, &photo.licence.short_name()));
                }
            }
            store::articles::set_article_photo(tx, issue_id, position, photo_key, cropped)?;
            store::issues::touch(tx, number, now)
        })
    }

    /// The articles that show photo `key` as their lead photo, newest issue first.
    pub fn uses(&self, key: &str) -> Result<Vec<PhotoUse>> {
        self.newsroom.store.read(|conn| {
            store::photos::get(conn, key)?;
            store::articles::photo_uses(conn, key)
        })
    }

    /// The lead photos of an issue's articles, in article order.
    pub fn of_issue(&self, number: u32) -> Result<Vec<ArticlePhoto>> {
        self.newsroom
            .store
            .read(|conn| store::articles::article_photos(conn, store::issues::id(conn, number)?))
    }
}

fn no_derivatives(key: &str, licence: &str) -> Error {
    Error::CroppingNotAllowed {
        key: key.to_owned(),
        licence: licence.to_owned(),
    }
}

/// `<folder>/<stem>-assets` for the newsroom file `<folder>/<stem>.<ext>`.
pub fn assets_dir_of(newsroom: &Path) -> PathBuf {
    let stem = newsroom
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "newsroom".to_owned());
    newsroom.with_file_name(format!("{stem}-assets"))
}

/// Writes `bytes` into the asset folder of the newsroom file `newsroom` as
/// `<sha256>.<ext>`, unless that file is already there. `origin` names the image in
/// messages.
pub(crate) fn store_image(newsroom: &Path, origin: &Path, bytes: &[u8]) -> Result<StoredImage> {
    let assets = &assets_dir_of(newsroom);
    let facts = inspect_image(bytes).map_err(|why| match why {
        NotAnImage::UnknownFormat => Error::NotAnImage {
            path: origin.to_owned(),
        },
        NotAnImage::Damaged => Error::DamagedImage {
            path: origin.to_owned(),
            why: "its width and height cannot be read".into(),
        },
        NotAnImage::TooLarge { width, height } => Error::DamagedImage {
            path: origin.to_owned(),
            why: format!("it claims to be {width} × {height} pixels"),
        },
    })?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let file = format!("{sha256}.{}", facts.extension);
    std::fs::create_dir_all(assets)
        .map_err(|error| Error::file("create the folder", assets, error))?;
    let path = assets.join(&file);
    // Same name means same content; the length check catches a file cut short by
    // something other than this app (which never leaves half files).
    let present = std::fs::metadata(&path)
        .is_ok_and(|metadata| metadata.is_file() && metadata.len() == bytes.len() as u64);
    if !present {
        write_atomically(&path, bytes)?;
    }
    Ok(StoredImage {
        file,
        sha256,
        facts,
    })
}

/// Reads an image the editor chose, refusing what cannot be one before reading it.
pub(crate) fn read_image_file(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_PHOTO_BYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_folder_is_named_after_the_newsroom() {
        assert_eq!(
            assets_dir_of(Path::new("/data/newsroom.db")),
            Path::new("/data/newsroom-assets")
        );
        assert_eq!(
            assets_dir_of(Path::new("team.newsroom")),
            Path::new("team-assets")
        );
        assert_eq!(
            assets_dir_of(Path::new("/data/plain")),
            Path::new("/data/plain-assets")
        );
    }
}
