//! The newsroom façade for photos: the library, its asset folder, and the lead
//! photo of each article.
//!
//! **Invariant:** an image file is written to the asset folder (whole, through a
//! temporary file and a rename) before the row that names it, so a row never points
//! at a missing or half-written file. A file without a row (an add interrupted
//! between the two) is harmless and is reused by the next add of the same image.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::export::write_atomically;
use crate::photo::{
    ArticlePhoto, MAX_PHOTO_BYTES, NewPhoto, NotAnImage, Photo, StoredImage, inspect_image,
};
use crate::store;

impl Newsroom {
    /// The folder the newsroom keeps its images in: beside the newsroom file, named
    /// after it (`newsroom.db` → `newsroom-assets/`). Made on the first photo added.
    pub fn assets_dir(&self) -> PathBuf {
        assets_dir_of(self.path())
    }

    /// Adds the image at `source_file` to the library under `photo.key`, copying it
    /// into the asset folder (one copy per distinct image, named by its content).
    /// JPEG, PNG, WebP and GIF are accepted, recognised by their content.
    pub fn add_photo(
        &mut self,
        source_file: &Path,
        mut photo: NewPhoto,
        now: OffsetDateTime,
    ) -> Result<Photo> {
        photo.validate()?;
        // Checked before copying, so a refused add leaves no file behind.
        if store::photos::exists(self.store.conn(), &photo.key)? {
            return Err(Error::InvalidInput(format!(
                "The library already has a photo \"{}\"; choose another key or change that photo's details.",
                photo.key
            )));
        }
        let bytes = read_image_file(source_file)?;
        let image = store_image(self.path(), source_file, &bytes)?;
        self.store
            .write(|tx| store::photos::insert(tx, &photo, &image, now))?;
        self.photo(&photo.key)
    }

    /// All photos in the library, by key.
    pub fn photos(&self) -> Result<Vec<Photo>> {
        store::photos::list(self.store.conn())
    }

    /// One photo.
    pub fn photo(&self, key: &str) -> Result<Photo> {
        store::photos::get(self.store.conn(), key)
    }

    /// Replaces the details and credit of the photo with `photo.key`; the image
    /// stays. A no-derivatives licence is refused while an article shows the photo
    /// cropped.
    pub fn update_photo(&mut self, mut photo: NewPhoto, now: OffsetDateTime) -> Result<Photo> {
        photo.validate()?;
        self.store.write(|tx| {
            if photo.licence.forbids_derivatives() && store::photos::used_cropped(tx, &photo.key)? {
                return Err(no_derivatives(&photo.key, &photo.licence.short_name()));
            }
            store::photos::update_details(tx, &photo, now)
        })?;
        self.photo(&photo.key)
    }

    /// Sets the lead photo of article `position` (0 for the first `#` heading) of
    /// issue `number`, or clears it with `None`.
    ///
    /// The article need not have been derived from the text yet (a newsroom made by
    /// an older version, before its next save): its row is then made with an empty
    /// headline, and the next save fills the headline in. Choosing to make the row
    /// rather than refuse keeps the editor's choice; a position past the last
    /// article simply has no heading to show until one is written.
    pub fn set_article_photo(
        &mut self,
        number: u32,
        position: u32,
        photo_key: Option<&str>,
        cropped: bool,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.store.write(|tx| {
            let issue_id = store::issues::id(tx, number)?;
            if let Some(key) = photo_key {
                let photo = store::photos::get(tx, key)?;
                if cropped && photo.licence.forbids_derivatives() {
                    return Err(no_derivatives(key, &photo.licence.short_name()));
                }
            }
            store::photos::set_article_photo(tx, issue_id, position, photo_key, cropped)?;
            store::issues::touch(tx, number, now)
        })
    }

    /// The lead photos of an issue's articles, in article order.
    pub fn article_photos(&self, number: u32) -> Result<Vec<ArticlePhoto>> {
        let conn = self.store.conn();
        store::photos::article_photos(conn, store::issues::id(conn, number)?)
    }
}

fn no_derivatives(key: &str, licence: &str) -> Error {
    Error::InvalidInput(format!(
        "The photo \"{key}\" is under {licence}, which does not allow changing it, so it cannot be shown cropped; show it whole or choose another photo."
    ))
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
pub(super) fn store_image(newsroom: &Path, origin: &Path, bytes: &[u8]) -> Result<StoredImage> {
    let assets = &assets_dir_of(newsroom);
    let facts = inspect_image(bytes).map_err(|why| match why {
        NotAnImage::UnknownFormat => Error::InvalidInput(format!(
            "The file {} is not a JPEG, PNG, WebP or GIF image; save it in one of these formats and add it again.",
            origin.display()
        )),
        NotAnImage::Damaged => Error::InvalidInput(format!(
            "The image {} is damaged or incomplete (its width and height cannot be read); export it again from the original.",
            origin.display()
        )),
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
pub(super) fn read_image_file(path: &Path) -> Result<Vec<u8>> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::InvalidInput(format!(
                "There is no file {}; check the name and the folder.",
                path.display()
            )));
        }
        Err(error) => return Err(Error::file("read", path, error)),
    };
    if metadata.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{} is a folder, not an image; choose an image file.",
            path.display()
        )));
    }
    if metadata.len() > MAX_PHOTO_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        // Bounded: the file may have grown since it was measured.
        .and_then(|file| file.take(MAX_PHOTO_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| Error::file("read", path, error))?;
    if bytes.len() as u64 > MAX_PHOTO_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64) -> Error {
    Error::InvalidInput(format!(
        "The file {} is {} MB, more than the {} MB a photo may have; make a smaller copy and add that.",
        path.display(),
        size / (1024 * 1024),
        MAX_PHOTO_BYTES / (1024 * 1024)
    ))
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
