//! The photo list file (`photos.toml`): photos and their credits beside their image
//! files, as the sample content and bundles carry them.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::licence::Licence;
use crate::photo::{NewPhoto, Photo};
use crate::text::line_at;

/// A photo of the sample content: the file name in `content/photos/` and its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoEntry {
    pub file: String,
    pub photo: NewPhoto,
}

/// Writes a photo list in the format [`parse_photo_list`] reads: each photo with the
/// file name its image has beside the list.
pub fn write_photo_list(photos: &[(String, &Photo)]) -> String {
    #[derive(Serialize)]
    struct List<'a> {
        photos: Vec<Entry<'a>>,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        key: &'a str,
        file: &'a str,
        licence: String,
        alt: &'a str,
        caption: &'a str,
        title: &'a str,
        creator: &'a str,
        source_name: &'a str,
        source_url: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        permission: &'a str,
    }
    let list = List {
        photos: photos
            .iter()
            .map(|(file, photo)| Entry {
                key: &photo.key,
                file,
                licence: photo.licence.id(),
                alt: &photo.alt,
                caption: &photo.caption,
                title: &photo.title,
                creator: &photo.creator,
                source_name: &photo.source_name,
                source_url: &photo.source_url,
                permission: &photo.permission,
            })
            .collect(),
    };
    let header = "# Photos of this bundle and their credits (TASL: title, author, source, licence).\n# The image files are in photos/, beside this file.\n\n";
    format!("{header}{}", toml::to_string(&list).unwrap_or_default())
}

/// Reads a photo list in TOML (`content/photos.toml`):
///
/// ```toml
/// [[photos]]
/// key = "tonga-ash-cloud"
/// file = "tonga-ash-cloud.jpg"
/// licence = "CC-BY-4.0"
/// creator = "…"
/// ```
pub fn parse_photo_list(name: &str, text: &str) -> Result<Vec<PhotoEntry>> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct List {
        #[serde(default)]
        photos: Vec<Entry>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        key: String,
        file: String,
        licence: String,
        #[serde(default)]
        alt: String,
        #[serde(default)]
        caption: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        creator: String,
        #[serde(default)]
        source_name: String,
        #[serde(default)]
        source_url: String,
        #[serde(default)]
        permission: String,
    }
    let list: List = toml::from_str(text).map_err(|error| {
        let line = error.span().map(|span| line_at(text, span.start));
        Error::invalid_file(
            name,
            line,
            format!(
                "the photo list cannot be read: {}",
                error.message().trim_end_matches('.')
            ),
        )
    })?;
    list.photos
        .into_iter()
        .map(|entry| {
            let mut photo = NewPhoto {
                key: entry.key,
                alt: entry.alt,
                caption: entry.caption,
                title: entry.title,
                creator: entry.creator,
                source_name: entry.source_name,
                source_url: entry.source_url,
                licence: Licence::parse(&entry.licence)?,
                permission: entry.permission,
            };
            photo.validate()?;
            Ok(PhotoEntry {
                file: entry.file,
                photo,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::inspect_image;

    #[test]
    fn photo_list_is_read_and_checked() {
        let entries = parse_photo_list(
            "photos.toml",
            r#"
            [[photos]]
            key = "ash"
            file = "ash.jpg"
            licence = "cc-by-4.0"
            creator = "Jane Doe"
            source_name = "Flickr"
            "#,
        )
        .unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].file, "ash.jpg");
        assert_eq!(entries[0].photo.licence.id(), "CC-BY-4.0");

        let error = parse_photo_list("photos.toml", "[[photos]]\nkey = \"ash\"\n").unwrap_err();
        assert!(error.to_string().contains("photos.toml"), "{error}");
        let error = parse_photo_list(
            "photos.toml",
            "[[photos]]\nkey = \"ash\"\nfile = \"a.jpg\"\nlicence = \"mine\"\n",
        )
        .unwrap_err();
        assert!(error.to_string().contains("not a licence"), "{error}");
    }
    #[test]
    fn sample_photo_list_is_valid() {
        let entries =
            parse_photo_list("content/photos.toml", crate::content::SAMPLE_PHOTO_LIST).unwrap();
        assert!(!entries.is_empty());
        for entry in entries {
            assert!(
                !entry.photo.alt.is_empty(),
                "{} needs alt text",
                entry.photo.key
            );
            let bytes = crate::content::sample_photo_file(&entry.file)
                .unwrap_or_else(|| panic!("{} is not embedded", entry.file));
            inspect_image(bytes).unwrap();
        }
    }
}
