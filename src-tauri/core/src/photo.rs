//! Photos and their credits.
//!
//! A photo is an image file in the newsroom's asset folder plus what an editor must
//! know to use it: alt text, caption, and the TASL credit (title, author, source,
//! licence). The credit line is always built from those fields, never typed, so
//! every issue credits a photo the same way and a licence cannot be misquoted.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::source::{check_key, check_web_url};

/// The largest image file accepted. Camera originals are a few tens of megabytes;
/// anything larger is a mistake (a video, a disk image) and would bloat the newsroom.
pub const MAX_PHOTO_BYTES: u64 = 50 * 1024 * 1024;

/// The terms of a Creative Commons licence (the part after "CC").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CcTerms {
    /// Attribution.
    By,
    /// Attribution, share alike.
    BySa,
    /// Attribution, non-commercial.
    ByNc,
    /// Attribution, non-commercial, share alike.
    ByNcSa,
    /// Attribution, no derivatives.
    ByNd,
    /// Attribution, non-commercial, no derivatives.
    ByNcNd,
}

impl CcTerms {
    /// All terms, in the order Creative Commons lists them.
    pub const ALL: [CcTerms; 6] = [
        CcTerms::By,
        CcTerms::BySa,
        CcTerms::ByNc,
        CcTerms::ByNcSa,
        CcTerms::ByNd,
        CcTerms::ByNcNd,
    ];

    /// `BY-NC-SA`, as in the licence's id and short name.
    pub fn code(self) -> &'static str {
        match self {
            CcTerms::By => "BY",
            CcTerms::BySa => "BY-SA",
            CcTerms::ByNc => "BY-NC",
            CcTerms::ByNcSa => "BY-NC-SA",
            CcTerms::ByNd => "BY-ND",
            CcTerms::ByNcNd => "BY-NC-ND",
        }
    }

    /// `by-nc-sa`, as in the deed's URL.
    fn url_part(self) -> &'static str {
        match self {
            CcTerms::By => "by",
            CcTerms::BySa => "by-sa",
            CcTerms::ByNc => "by-nc",
            CcTerms::ByNcSa => "by-nc-sa",
            CcTerms::ByNd => "by-nd",
            CcTerms::ByNcNd => "by-nc-nd",
        }
    }

    fn non_commercial(self) -> bool {
        matches!(self, CcTerms::ByNc | CcTerms::ByNcSa | CcTerms::ByNcNd)
    }

    fn no_derivatives(self) -> bool {
        matches!(self, CcTerms::ByNd | CcTerms::ByNcNd)
    }
}

/// A version of the Creative Commons licences. Older ones (1.0, 2.5) are rare enough
/// in photo libraries that they are left out rather than half supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CcVersion {
    /// 2.0, still common on Flickr.
    V2,
    /// 3.0, common on Wikimedia Commons.
    V3,
    /// 4.0, the current one.
    V4,
}

impl CcVersion {
    /// All versions, oldest first.
    pub const ALL: [CcVersion; 3] = [CcVersion::V2, CcVersion::V3, CcVersion::V4];

    /// `4.0`.
    pub fn number(self) -> &'static str {
        match self {
            CcVersion::V2 => "2.0",
            CcVersion::V3 => "3.0",
            CcVersion::V4 => "4.0",
        }
    }
}

/// The terms a photo may be used under. Stored and exchanged as its id
/// (`CC-BY-SA-4.0`, `CC0-1.0`, `public-domain`, `all-rights-reserved`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Licence {
    /// The CC0 1.0 public domain dedication.
    Cc0,
    /// A Creative Commons licence.
    Cc {
        /// What it allows.
        terms: CcTerms,
        /// Which version.
        version: CcVersion,
    },
    /// No copyright (expired, or a work of a government that waives it).
    PublicDomain,
    /// Copyrighted; used with the holder's permission, recorded in the photo's
    /// permission note.
    AllRightsReserved,
}

impl Licence {
    /// Every licence the app knows, in the order pickers should list them.
    pub fn all() -> Vec<Licence> {
        let mut all = vec![Licence::Cc0];
        for terms in CcTerms::ALL {
            for version in CcVersion::ALL {
                all.push(Licence::Cc { terms, version });
            }
        }
        all.push(Licence::PublicDomain);
        all.push(Licence::AllRightsReserved);
        all
    }

    /// The SPDX-like id: `CC-BY-SA-4.0`, `CC0-1.0`, `public-domain`,
    /// `all-rights-reserved`.
    pub fn id(self) -> String {
        match self {
            Licence::Cc0 => "CC0-1.0".into(),
            Licence::Cc { terms, version } => format!("CC-{}-{}", terms.code(), version.number()),
            Licence::PublicDomain => "public-domain".into(),
            Licence::AllRightsReserved => "all-rights-reserved".into(),
        }
    }

    /// Reads an id, ignoring case and accepting spaces for dashes, so that the short
    /// name printed on a credit (`CC BY-SA 4.0`) reads back too.
    pub fn parse(text: &str) -> Result<Licence> {
        let wanted = normalise_id(text);
        Licence::all()
            .into_iter()
            .find(|licence| normalise_id(&licence.id()) == wanted)
            .ok_or_else(|| {
                let known: Vec<String> = Licence::all().into_iter().map(Licence::id).collect();
                Error::InvalidInput(format!(
                    "\"{}\" is not a licence Newsflash knows; use one of {}.",
                    text.trim().chars().take(60).collect::<String>(),
                    known.join(", ")
                ))
            })
    }

    /// How a credit names it: `CC BY-SA 4.0`, `CC0 1.0`, `Public domain`,
    /// `All rights reserved`.
    pub fn short_name(self) -> String {
        match self {
            Licence::Cc0 => "CC0 1.0".into(),
            Licence::Cc { terms, version } => format!("CC {} {}", terms.code(), version.number()),
            Licence::PublicDomain => "Public domain".into(),
            Licence::AllRightsReserved => "All rights reserved".into(),
        }
    }

    /// The Creative Commons deed a credit links to; none for the public domain and
    /// for all-rights-reserved photos.
    pub fn deed_url(self) -> Option<String> {
        match self {
            Licence::Cc0 => Some("https://creativecommons.org/publicdomain/zero/1.0/".into()),
            Licence::Cc { terms, version } => Some(format!(
                "https://creativecommons.org/licenses/{}/{}/",
                terms.url_part(),
                version.number()
            )),
            Licence::PublicDomain | Licence::AllRightsReserved => None,
        }
    }

    /// Whether the licence obliges a credit naming the creator. (Newsflash credits
    /// every photo anyway; this decides whether a missing creator is an error.)
    pub fn requires_attribution(self) -> bool {
        match self {
            Licence::Cc0 | Licence::PublicDomain => false,
            // A permission is given by someone, and they expect to be named.
            Licence::Cc { .. } | Licence::AllRightsReserved => true,
        }
    }

    /// Whether the photo may be changed (cropped, retouched). For
    /// all-rights-reserved photos only the permission note can say, so the safe
    /// answer is no.
    pub fn allows_derivatives(self) -> bool {
        match self {
            Licence::Cc0 | Licence::PublicDomain => true,
            Licence::Cc { terms, .. } => !terms.no_derivatives(),
            Licence::AllRightsReserved => false,
        }
    }

    /// Whether the photo may be used in a commercial (sponsored) issue. For
    /// all-rights-reserved photos only the permission note can say, so the safe
    /// answer is no.
    pub fn allows_commercial_use(self) -> bool {
        match self {
            Licence::Cc0 | Licence::PublicDomain => true,
            Licence::Cc { terms, .. } => !terms.non_commercial(),
            Licence::AllRightsReserved => false,
        }
    }

    /// Whether the licence itself forbids changing the photo (the CC "ND" terms),
    /// as opposed to all-rights-reserved, where the permission may allow it.
    pub fn forbids_derivatives(self) -> bool {
        matches!(self, Licence::Cc { terms, .. } if terms.no_derivatives())
    }

    /// The words a credit line uses for the licence: `CC BY 2.0`,
    /// `public domain (CC0 1.0)`, `public domain`, `all rights reserved`.
    fn credit_words(self) -> String {
        match self {
            Licence::Cc0 => "public domain (CC0 1.0)".into(),
            Licence::Cc { .. } => self.short_name(),
            Licence::PublicDomain => "public domain".into(),
            Licence::AllRightsReserved => "all rights reserved".into(),
        }
    }
}

fn normalise_id(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl fmt::Display for Licence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl From<Licence> for String {
    fn from(licence: Licence) -> String {
        licence.id()
    }
}

impl TryFrom<String> for Licence {
    type Error = Error;

    fn try_from(text: String) -> Result<Licence> {
        Licence::parse(&text)
    }
}

/// A photo in the newsroom's library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Photo {
    /// How issues refer to it (`tonga-ash-cloud`): lowercase letters, digits, dashes.
    pub key: String,
    /// Its file in the newsroom's asset folder, named by its content:
    /// `<sha256>.<ext>`.
    pub file: String,
    /// The SHA-256 of the file, in lowercase hex.
    pub sha256: String,
    /// `image/jpeg`, `image/png`, `image/webp` or `image/gif`.
    pub media_type: String,
    /// Width in pixels, if known.
    pub width: Option<u32>,
    /// Height in pixels, if known.
    pub height: Option<u32>,
    /// What the image shows, for readers who cannot see it (and mail clients that
    /// block images).
    pub alt: String,
    /// The caption printed under it.
    pub caption: String,
    /// The work's title (TASL: Title).
    pub title: String,
    /// Who made it (TASL: Author).
    pub creator: String,
    /// Where it was found, as readers know it: `Flickr` (TASL: Source).
    pub source_name: String,
    /// The page of the photo at its source; empty if there is none.
    pub source_url: String,
    /// The terms it is used under (TASL: Licence).
    #[ts(type = "string")]
    pub licence: Licence,
    /// For all-rights-reserved photos: who allowed the use, and how.
    pub permission: String,
}

impl Photo {
    /// The structured credit, for templates that link its parts.
    pub fn credit(&self) -> Credit {
        Credit {
            title: self.title.clone(),
            title_url: self.source_url.clone(),
            creator: self.creator.clone(),
            source_name: self.source_name.clone(),
            licence: self.licence,
            licence_name: self.licence.short_name(),
            licence_url: self.licence.deed_url(),
            permission: self.permission.clone(),
        }
    }

    /// The credit as one line of plain text, e.g.
    /// `“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0`.
    pub fn credit_line(&self) -> String {
        self.credit().line()
    }
}

/// A photo's credit in its TASL parts (title, author, source, licence). Data, not
/// HTML: the web and email templates decide how to link each part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Credit {
    /// The work's title; may be empty.
    pub title: String,
    /// Where the title links to: the photo's page at its source; may be empty.
    pub title_url: String,
    /// Who made it; may be empty for public-domain works.
    pub creator: String,
    /// Where it was found (`Flickr`); may be empty.
    pub source_name: String,
    /// The licence's id.
    #[ts(type = "string")]
    pub licence: Licence,
    /// The licence as credits name it (`CC BY 2.0`).
    pub licence_name: String,
    /// The licence's deed, to link the name to; none for public-domain and
    /// all-rights-reserved photos.
    pub licence_url: Option<String>,
    /// For all-rights-reserved photos: who allowed the use.
    pub permission: String,
}

impl Credit {
    /// The credit as plain text: `“Title” by Creator, via Source, CC BY 2.0`;
    /// `Photo: Creator, …` without a title; public-domain photos say so; photos
    /// used with permission say whose.
    pub fn line(&self) -> String {
        self.segments()
            .into_iter()
            .map(|segment| segment.text)
            .collect()
    }

    /// The credit line in pieces, each with the address it links to, if any: the
    /// title to the photo's page, the licence to its deed. Templates link them;
    /// joined, the texts are [`Credit::line`].
    pub fn segments(&self) -> Vec<CreditSegment> {
        let plain = |text: String| CreditSegment { text, url: None };
        let title_url = crate::source::check_web_url(&self.title_url).ok();
        let mut segments = Vec::new();
        match (self.title.is_empty(), self.creator.is_empty()) {
            (false, creator_missing) => {
                segments.push(CreditSegment {
                    text: format!("“{}”", self.title),
                    url: title_url,
                });
                if !creator_missing {
                    segments.push(plain(format!(" by {}", self.creator)));
                }
            }
            (true, false) => segments.push(plain(format!("Photo: {}", self.creator))),
            (true, true) => segments.push(plain("Photo".to_owned())),
        }
        if !self.source_name.is_empty() {
            segments.push(plain(format!(", via {}", self.source_name)));
        }
        segments.push(plain(", ".to_owned()));
        segments.push(CreditSegment {
            text: self.licence.credit_words(),
            url: self.licence_url.clone(),
        });
        if self.licence == Licence::AllRightsReserved {
            segments.push(plain(if self.permission.is_empty() {
                ", used with permission".to_owned()
            } else {
                format!(", used with permission ({})", self.permission)
            }));
        }
        segments
    }
}

/// A piece of a credit line (see [`Credit::segments`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CreditSegment {
    /// The words.
    pub text: String,
    /// What they link to, if anything.
    pub url: Option<String>,
}

/// What an editor gives to add a photo to the library (the file comes separately),
/// or to change its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPhoto {
    /// How issues will refer to it: lowercase letters, digits, dashes.
    pub key: String,
    /// What the image shows, for readers who cannot see it.
    pub alt: String,
    /// The caption printed under it.
    pub caption: String,
    /// The work's title.
    pub title: String,
    /// Who made it; required unless the photo is in the public domain (CC0 or
    /// public-domain).
    pub creator: String,
    /// Where it was found (`Flickr`).
    pub source_name: String,
    /// The photo's page at its source (http or https); may be empty.
    pub source_url: String,
    /// The terms it is used under.
    #[ts(type = "string")]
    pub licence: Licence,
    /// Who allowed the use, and how; required for all-rights-reserved photos.
    pub permission: String,
}

impl NewPhoto {
    /// A photo with a key, a creator and a licence; everything else empty.
    pub fn new(key: impl Into<String>, creator: impl Into<String>, licence: Licence) -> Self {
        NewPhoto {
            key: key.into(),
            alt: String::new(),
            caption: String::new(),
            title: String::new(),
            creator: creator.into(),
            source_name: String::new(),
            source_url: String::new(),
            licence,
            permission: String::new(),
        }
    }

    /// Checks the fields an editor typed; trims them in place and normalises the
    /// source URL.
    pub fn validate(&mut self) -> Result<()> {
        for field in [
            &mut self.key,
            &mut self.alt,
            &mut self.caption,
            &mut self.title,
            &mut self.creator,
            &mut self.source_name,
            &mut self.source_url,
            &mut self.permission,
        ] {
            let trimmed = field.trim();
            if trimmed.len() != field.len() {
                *field = trimmed.to_owned();
            }
        }
        check_photo_key(&self.key)?;
        if !self.source_url.is_empty() {
            self.source_url = check_web_url(&self.source_url)?;
        }
        if self.licence.requires_attribution() && self.creator.is_empty() {
            return Err(Error::InvalidInput(format!(
                "The photo \"{}\" is under {}, which requires naming its creator; give the creator (a person or an organisation).",
                self.key,
                self.licence.short_name()
            )));
        }
        if self.licence == Licence::AllRightsReserved && self.permission.is_empty() {
            return Err(Error::InvalidInput(format!(
                "The photo \"{}\" is all rights reserved, so its permission must be recorded; say who allowed the use and how (e.g. \"email from the photographer, 3 May 2026\").",
                self.key
            )));
        }
        Ok(())
    }
}

/// Refuses photo keys that are not lowercase `[a-z0-9-]+` (the rule of citation keys).
pub fn check_photo_key(key: &str) -> Result<()> {
    check_key(key).map_err(|_| {
        Error::InvalidInput(format!(
            "\"{}\" is not a valid photo key; use lowercase letters, digits and dashes, like \"tonga-ash-cloud\".",
            key.chars().take(80).collect::<String>()
        ))
    })
}

/// The lead photo of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ArticlePhoto {
    /// The article's position in the issue (0 for the first `#` heading).
    pub position: u32,
    /// The photo.
    pub photo: Photo,
    /// Whether the photo is shown cropped (not allowed for no-derivatives licences).
    pub cropped: bool,
}

/// An image file as stored in the asset folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredImage {
    /// `<sha256>.<ext>`, relative to the asset folder.
    pub(crate) file: String,
    pub(crate) sha256: String,
    pub(crate) facts: ImageFacts,
}

/// What the app reads from an image file's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ImageFacts {
    pub(crate) media_type: &'static str,
    pub(crate) extension: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// Why bytes are not a usable image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotAnImage {
    /// Not JPEG, PNG, WebP or GIF.
    UnknownFormat,
    /// The right kind of file, but its size cannot be read.
    Damaged,
}

/// Recognises JPEG, PNG, WebP and GIF by their first bytes (never by the file name)
/// and reads width and height from the header, without decoding the image.
pub(crate) fn inspect_image(bytes: &[u8]) -> Result<ImageFacts, NotAnImage> {
    use imagesize::ImageType;
    let (media_type, extension) = match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => ("image/jpeg", "jpg"),
        Ok(ImageType::Png) => ("image/png", "png"),
        Ok(ImageType::Webp) => ("image/webp", "webp"),
        Ok(ImageType::Gif) => ("image/gif", "gif"),
        _ => return Err(NotAnImage::UnknownFormat),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| NotAnImage::Damaged)?;
    let width = u32::try_from(size.width).map_err(|_| NotAnImage::Damaged)?;
    let height = u32::try_from(size.height).map_err(|_| NotAnImage::Damaged)?;
    if width == 0 || height == 0 {
        return Err(NotAnImage::Damaged);
    }
    Ok(ImageFacts {
        media_type,
        extension,
        width,
        height,
    })
}

/// A photo of the sample content: the file name in `content/photos/` and its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PhotoEntry {
    pub(crate) file: String,
    pub(crate) photo: NewPhoto,
}

/// Writes a photo list in the format [`parse_photo_list`] reads: each photo with the
/// file name its image has beside the list.
pub(crate) fn write_photo_list(photos: &[(String, &Photo)]) -> String {
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
pub(crate) fn parse_photo_list(name: &str, text: &str) -> Result<Vec<PhotoEntry>> {
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
        Error::InvalidInput(format!(
            "The photo list {name} cannot be read: {}; correct it and try again.",
            error.message()
        ))
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

    fn photo(licence: Licence) -> Photo {
        Photo {
            key: "ash".into(),
            file: "abc.jpg".into(),
            sha256: "abc".into(),
            media_type: "image/jpeg".into(),
            width: Some(1200),
            height: Some(675),
            alt: String::new(),
            caption: String::new(),
            title: "Ash over Nukuʻalofa".into(),
            creator: "Jane Doe".into(),
            source_name: "Flickr".into(),
            source_url: "https://www.flickr.com/photos/example/1".into(),
            licence,
            permission: String::new(),
        }
    }

    #[test]
    fn there_are_21_licences_with_distinct_ids() {
        let all = Licence::all();
        assert_eq!(all.len(), 21);
        let ids: std::collections::HashSet<String> = all.iter().map(|l| l.id()).collect();
        assert_eq!(ids.len(), 21);
    }

    #[test]
    fn ids_round_trip_and_parse_ignores_case_and_spaces() {
        for licence in Licence::all() {
            assert_eq!(Licence::parse(&licence.id()).unwrap(), licence);
            assert_eq!(Licence::parse(&licence.short_name()).unwrap(), licence);
            assert_eq!(
                Licence::parse(&licence.id().to_lowercase()).unwrap(),
                licence
            );
        }
        assert_eq!(
            Licence::parse(" cc-by-nc-sa-3.0 ").unwrap(),
            Licence::Cc {
                terms: CcTerms::ByNcSa,
                version: CcVersion::V3
            }
        );
        assert_eq!(Licence::parse("cc0-1.0").unwrap(), Licence::Cc0);
        assert_eq!(
            Licence::parse("All_Rights_Reserved").unwrap(),
            Licence::AllRightsReserved
        );
    }

    #[test]
    fn unknown_licence_lists_the_known_ids() {
        let error = Licence::parse("CC-BY-5.0").unwrap_err();
        let message = error.to_string();
        assert_eq!(error.code(), crate::ErrorCode::InvalidInput);
        assert!(
            message.starts_with("\"CC-BY-5.0\" is not a licence"),
            "{message}"
        );
        for id in ["CC0-1.0", "CC-BY-2.0", "CC-BY-NC-ND-4.0", "public-domain"] {
            assert!(message.contains(id), "{message}");
        }
        assert!(message.ends_with("all-rights-reserved."), "{message}");
    }

    #[test]
    fn names_and_deeds() {
        let by_sa_4 = Licence::parse("CC-BY-SA-4.0").unwrap();
        assert_eq!(by_sa_4.id(), "CC-BY-SA-4.0");
        assert_eq!(by_sa_4.short_name(), "CC BY-SA 4.0");
        assert_eq!(
            by_sa_4.deed_url().unwrap(),
            "https://creativecommons.org/licenses/by-sa/4.0/"
        );
        assert_eq!(
            Licence::Cc0.deed_url().unwrap(),
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        assert_eq!(
            Licence::parse("CC-BY-NC-ND-2.0")
                .unwrap()
                .deed_url()
                .unwrap(),
            "https://creativecommons.org/licenses/by-nc-nd/2.0/"
        );
        assert_eq!(Licence::PublicDomain.deed_url(), None);
        assert_eq!(Licence::AllRightsReserved.deed_url(), None);
    }

    #[test]
    fn what_each_licence_allows() {
        let l = |id: &str| Licence::parse(id).unwrap();
        assert!(!Licence::Cc0.requires_attribution());
        assert!(!Licence::PublicDomain.requires_attribution());
        assert!(l("CC-BY-2.0").requires_attribution());
        assert!(Licence::AllRightsReserved.requires_attribution());

        assert!(l("CC-BY-SA-4.0").allows_derivatives());
        assert!(!l("CC-BY-ND-4.0").allows_derivatives());
        assert!(!l("CC-BY-NC-ND-3.0").allows_derivatives());
        assert!(!Licence::AllRightsReserved.allows_derivatives());
        assert!(l("CC-BY-NC-ND-3.0").forbids_derivatives());
        assert!(!Licence::AllRightsReserved.forbids_derivatives());

        assert!(l("CC-BY-ND-4.0").allows_commercial_use());
        assert!(!l("CC-BY-NC-4.0").allows_commercial_use());
        assert!(!l("CC-BY-NC-SA-2.0").allows_commercial_use());
        assert!(Licence::Cc0.allows_commercial_use());
        assert!(!Licence::AllRightsReserved.allows_commercial_use());
    }

    #[test]
    fn licence_serialises_as_its_id() {
        let json = serde_json::to_string(&Licence::parse("CC-BY-2.0").unwrap()).unwrap();
        assert_eq!(json, "\"CC-BY-2.0\"");
        let back: Licence = serde_json::from_str("\"cc-by-2.0\"").unwrap();
        assert_eq!(back.id(), "CC-BY-2.0");
        assert!(serde_json::from_str::<Licence>("\"GPL-3.0\"").is_err());
    }

    #[test]
    fn credit_lines_follow_tasl() {
        let by = photo(Licence::parse("CC-BY-2.0").unwrap());
        assert_eq!(
            by.credit_line(),
            "“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0"
        );

        let mut untitled = by.clone();
        untitled.title.clear();
        untitled.source_name.clear();
        assert_eq!(untitled.credit_line(), "Photo: Jane Doe, CC BY 2.0");

        let mut reserved = photo(Licence::AllRightsReserved);
        reserved.title.clear();
        reserved.source_name.clear();
        reserved.permission = "email of 3 May 2026".into();
        assert_eq!(
            reserved.credit_line(),
            "Photo: Jane Doe, all rights reserved, used with permission (email of 3 May 2026)"
        );

        let cc0 = photo(Licence::Cc0);
        assert_eq!(
            cc0.credit_line(),
            "“Ash over Nukuʻalofa” by Jane Doe, via Flickr, public domain (CC0 1.0)"
        );
        let mut public = photo(Licence::PublicDomain);
        public.creator.clear();
        public.title.clear();
        public.source_name = "NASA".into();
        assert_eq!(public.credit_line(), "Photo, via NASA, public domain");
    }

    #[test]
    fn structured_credit_carries_links_as_data() {
        let credit = photo(Licence::parse("CC-BY-4.0").unwrap()).credit();
        assert_eq!(credit.title_url, "https://www.flickr.com/photos/example/1");
        assert_eq!(credit.licence_name, "CC BY 4.0");
        assert_eq!(
            credit.licence_url.as_deref(),
            Some("https://creativecommons.org/licenses/by/4.0/")
        );
        let json = serde_json::to_value(&credit).unwrap();
        assert_eq!(json["licence"], "CC-BY-4.0");
        assert_eq!(json["sourceName"], "Flickr");
    }

    #[test]
    fn validation_trims_and_refuses_bad_input() {
        let mut ok = NewPhoto::new(" ash ", " Jane Doe ", Licence::parse("CC-BY-2.0").unwrap());
        ok.source_url = " https://example.org/photo ".into();
        ok.validate().unwrap();
        assert_eq!(ok.key, "ash");
        assert_eq!(ok.creator, "Jane Doe");
        assert_eq!(ok.source_url, "https://example.org/photo");

        let mut bad_key = NewPhoto::new("Ash Cloud", "Jane", Licence::Cc0);
        let message = bad_key.validate().unwrap_err().to_string();
        assert!(message.contains("not a valid photo key"), "{message}");

        let mut script = NewPhoto::new("ash", "Jane", Licence::Cc0);
        script.source_url = "javascript:alert(1)".into();
        let message = script.validate().unwrap_err().to_string();
        assert!(
            message.contains("javascript: links are not allowed"),
            "{message}"
        );

        let mut nameless = NewPhoto::new("ash", "", Licence::parse("CC-BY-4.0").unwrap());
        let message = nameless.validate().unwrap_err().to_string();
        assert!(message.contains("requires naming its creator"), "{message}");
        NewPhoto::new("ash", "", Licence::PublicDomain)
            .validate()
            .unwrap();

        let mut unpermitted = NewPhoto::new("ash", "Jane", Licence::AllRightsReserved);
        let message = unpermitted.validate().unwrap_err().to_string();
        assert!(message.contains("permission must be recorded"), "{message}");
        unpermitted.permission = "  ".into();
        assert!(unpermitted.validate().is_err());
    }

    #[test]
    fn images_are_recognised_by_content() {
        // The smallest valid GIF: "GIF89a", width 3, height 2.
        let gif = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";
        let facts = inspect_image(gif).unwrap();
        assert_eq!(facts.media_type, "image/gif");
        assert_eq!(facts.extension, "gif");
        assert_eq!((facts.width, facts.height), (3, 2));

        assert_eq!(
            inspect_image(b"Dear editor, this is a letter."),
            Err(NotAnImage::UnknownFormat)
        );
        assert_eq!(inspect_image(b""), Err(NotAnImage::UnknownFormat));
        // The start of a JPEG, cut off before its size.
        assert_eq!(
            inspect_image(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01"),
            Err(NotAnImage::Damaged)
        );
    }

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
