//! Photos and their credits.
//!
//! A photo is an image file in the newsroom's asset folder plus what an editor must
//! know to use it: alt text, caption, and the TASL credit (title, author, source,
//! licence). The credit line is always built from those fields, never typed, so
//! every issue credits a photo the same way and a licence cannot be misquoted.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::licence::Licence;
use crate::links::check_web_url;
use crate::source::check_key;
use crate::text::trim_in_place;

/// The largest image file accepted. Camera originals are a few tens of megabytes;
/// anything larger is a mistake (a video, a disk image) and would bloat the newsroom.
pub const MAX_PHOTO_BYTES: u64 = 50 * 1024 * 1024;

/// A photo in the newsroom's library: what the editor gave ([`NewPhoto`], read
/// through this type as if they were its own fields) and the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Photo {
    /// Key, alt text, caption and credit.
    #[serde(flatten)]
    pub details: NewPhoto,
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
}

impl std::ops::Deref for Photo {
    type Target = NewPhoto;

    fn deref(&self) -> &NewPhoto {
        &self.details
    }
}

impl std::ops::DerefMut for Photo {
    fn deref_mut(&mut self) -> &mut NewPhoto {
        &mut self.details
    }
}

impl Photo {
    /// The structured credit, for templates that link its parts.
    pub fn credit(&self) -> Credit {
        self.details.credit()
    }

    /// The credit as one line of plain text, e.g.
    /// `“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0`.
    pub fn credit_line(&self) -> String {
        self.credit().line()
    }
}

/// A photo's credit in its TASL parts (title, author, source, licence). Data, not
/// HTML: the web and email templates decide how to link each part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
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
    #[specta(type = String)]
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
        let title_url = crate::links::check_web_url(&self.title_url).ok();
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CreditSegment {
    /// The words.
    pub text: String,
    /// What they link to, if anything.
    pub url: Option<String>,
}

/// What an editor gives to add a photo to the library (the file comes separately),
/// or to change its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
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
    #[specta(type = String)]
    pub licence: Licence,
    /// Who allowed the use, and how; required for all-rights-reserved photos.
    pub permission: String,
}

impl NewPhoto {
    /// The structured credit of a photo with these details (trimmed, so that a form
    /// can show it before the photo is saved).
    pub fn credit(&self) -> Credit {
        Credit {
            title: self.title.trim().to_owned(),
            title_url: self.source_url.trim().to_owned(),
            creator: self.creator.trim().to_owned(),
            source_name: self.source_name.trim().to_owned(),
            licence: self.licence,
            licence_name: self.licence.short_name(),
            licence_url: self.licence.deed_url(),
            permission: self.permission.trim().to_owned(),
        }
    }

    /// The credit as one line of plain text, as [`Photo::credit_line`] builds it.
    pub fn credit_line(&self) -> String {
        self.credit().line()
    }

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
        trim_in_place([
            &mut self.key,
            &mut self.alt,
            &mut self.caption,
            &mut self.title,
            &mut self.creator,
            &mut self.source_name,
            &mut self.source_url,
            &mut self.permission,
        ]);
        check_photo_key(&self.key)?;
        if !self.source_url.is_empty() {
            self.source_url = check_web_url(&self.source_url)?;
        }
        if self.licence.requires_attribution() && self.creator.is_empty() {
            return Err(Error::CreatorRequired {
                key: self.key.clone(),
                licence: self.licence.short_name(),
            });
        }
        if self.licence == Licence::AllRightsReserved && self.permission.is_empty() {
            return Err(Error::PermissionRequired {
                key: self.key.clone(),
            });
        }
        Ok(())
    }
}

/// Refuses photo keys that are not lowercase `[a-z0-9-]+` (the rule of citation keys).
pub fn check_photo_key(key: &str) -> Result<()> {
    check_key(key).map_err(|_| Error::InvalidKey {
        key: key.chars().take(80).collect(),
        what: "photo",
        example: "tonga-ash-cloud",
    })
}

/// An article that shows a photo as its lead photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PhotoUse {
    /// The number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// The article's position in the issue (0 for the first `#` heading).
    pub position: u32,
    /// The article's headline (empty while its heading is gone from the text).
    pub headline: String,
    /// Whether the issue is among the deleted ones (which can be brought back).
    pub deleted: bool,
}

/// The lead photo of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticlePhoto {
    /// The article's position in the issue (0 for the first `#` heading).
    pub position: u32,
    /// The photo.
    pub photo: Photo,
    /// Whether the photo is shown cropped (not allowed for no-derivatives licences).
    pub cropped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(licence: Licence) -> Photo {
        Photo {
            details: NewPhoto {
                key: "ash".into(),
                alt: String::new(),
                caption: String::new(),
                title: "Ash over Nukuʻalofa".into(),
                creator: "Jane Doe".into(),
                source_name: "Flickr".into(),
                source_url: "https://www.flickr.com/photos/example/1".into(),
                licence,
                permission: String::new(),
            },
            file: "abc.jpg".into(),
            sha256: "abc".into(),
            media_type: "image/jpeg".into(),
            width: Some(1200),
            height: Some(675),
        }
    }

    #[test]
    fn a_new_photo_is_credited_as_the_stored_one_will_be() {
        let stored = photo(Licence::parse("CC-BY-SA-4.0").unwrap());
        let mut new = NewPhoto::new("ash", " Jane Doe ", stored.licence);
        new.title = stored.title.clone();
        new.source_name = stored.source_name.clone();
        new.source_url = stored.source_url.clone();
        assert_eq!(new.credit_line(), stored.credit_line());
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
        assert!(message.contains("must be recorded"), "{message}");
        unpermitted.permission = "  ".into();
        assert!(unpermitted.validate().is_err());
    }
}
