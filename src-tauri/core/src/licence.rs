//! The licences photos are used under (Creative Commons, public domain, all rights
//! reserved), what each allows, and how credits and deeds name them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(into = "String", try_from = "String")]
#[specta(type = String)]
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
                Error::UnknownLicence {
                    text: text.trim().chars().take(60).collect(),
                    known,
                }
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
    pub(crate) fn credit_words(self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(error.code(), crate::error::ErrorCode::InvalidInput);
        assert!(
            message.starts_with("\"CC-BY-5.0\" is not a licence"),
            "{message}"
        );
        for id in ["CC0-1.0", "CC-BY-2.0", "CC-BY-NC-ND-4.0", "public-domain"] {
            assert!(message.contains(id), "{message}");
        }
        assert!(message.ends_with("all-rights-reserved."), "{message}");
        assert!(matches!(error, Error::UnknownLicence { .. }));
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
}
