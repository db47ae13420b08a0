//! What the preflight finds: one finding per problem, with how bad it is, what kind
//! it is and where.

use serde::{Deserialize, Serialize};

/// Declares the finding codes once: the enum, its names and the list of all, so that
/// a code cannot be added without its name or be missing from [`FindingCode::ALL`].
macro_rules! finding_codes {
    ($($(#[doc = $doc:literal])* $code:ident => $name:literal,)+) => {
        /// What kind of problem a finding is. Serialised as a stable kebab-case name
        /// (`unknown-source`).
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
            specta::Type,
        )]
        #[serde(rename_all = "kebab-case")]
        pub enum FindingCode {
            $($(#[doc = $doc])* $code,)+
        }

        impl FindingCode {
            /// Every code, in the order they are declared.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$code,)+];

            /// The stable kebab-case name (`unknown-source`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$code => $name,)+
                }
            }
        }
    };
}

finding_codes! {
    /// An issue file's number is taken by another issue.
    DuplicateNumber => "duplicate-number",
    /// The .eml (and test emails) would show a merge tag as it is: a mail program
    /// fills in none.
    EmlMergeTag => "eml-merge-tag",
    /// The .eml (and test emails) have no unsubscribe link: the email's is a merge
    /// tag and no real unsubscribe address is set.
    EmlNoUnsubscribe => "eml-no-unsubscribe",
    /// The email is close to the size at which Gmail clips it.
    EmailLarge => "email-large",
    /// The email is over the size at which Gmail clips it.
    EmailTooLarge => "email-too-large",
    /// A heading with no text under it.
    EmptySection => "empty-section",
    /// A link or image that is not a full https:// address.
    InsecureLink => "insecure-link",
    /// No preheader: inboxes show the first words of the body instead.
    MissingPreheader => "missing-preheader",
    /// No title: the email has no subject.
    MissingTitle => "missing-title",
    /// An article that cites no sources.
    NoSources => "no-sources",
    /// The email has no unsubscribe link at all.
    NoUnsubscribe => "no-unsubscribe",
    /// A photo used in a way its licence does not allow (cropped, sponsored).
    PhotoLicenceUse => "photo-licence-use",
    /// A photo without alt text.
    PhotoMissingAlt => "photo-missing-alt",
    /// A photo that names no creator, though its licence does not require one.
    PhotoMissingCreator => "photo-missing-creator",
    /// A photo whose licence requires naming its creator, without one.
    PhotoMissingCredit => "photo-missing-credit",
    /// The placeholder TK left in the text.
    PlaceholderLeft => "placeholder-left",
    /// A preheader that only repeats the title.
    PreheaderRepeatsTitle => "preheader-repeats-title",
    /// Raw HTML that every output removes.
    RawHtmlRemoved => "raw-html-removed",
    /// An image loaded from another site than the publication's own: each reader's
    /// mail program asks that site for it when the email opens.
    RemoteImage => "remote-image",
    /// A heading that skips a level.
    SkippedHeadingLevel => "skipped-heading-level",
    /// An issue file names a photo the library does not have.
    UnknownPhoto => "unknown-photo",
    /// A citation of a source the library does not have.
    UnknownSource => "unknown-source",
    /// Control characters (a vertical tab from Word, an escape) in the text.
    ControlCharacters => "control-characters",
    /// Quotations, lists or HTML nested deeper than any output shows, flattened.
    NestingFlattened => "nesting-flattened",
    /// More findings than the preflight lists: how many were left out.
    MoreFindings => "more-findings",
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How bad a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The issue must not go out like this.
    Error,
    /// Worth a look; the issue may go out anyway.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One thing the preflight found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// How bad it is.
    pub severity: Severity,
    /// What kind of finding it is: scripts and the front ends branch on it.
    pub code: FindingCode,
    /// The article it is in (0-based position), if it is in one.
    pub article: Option<u32>,
    /// The line of the text it is on (1-based), if it is on one.
    pub line: Option<u32>,
    /// One sentence for the editor: what is wrong (each front end offers its own
    /// way to fix it).
    pub message: String,
    /// What it is about, when it names one thing in the library: the citation key of
    /// an unknown source, the key of a photo.
    pub subject: Option<String>,
}

/// Whether any finding is an error (the issue should not be exported as it is).
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_serialises_as_its_name() {
        for code in FindingCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn codes_serialise_as_their_names() {
        let json = serde_json::to_string(&FindingCode::UnknownSource).unwrap();
        assert_eq!(json, "\"unknown-source\"");
        assert_eq!(FindingCode::PhotoMissingAlt.as_str(), "photo-missing-alt");
    }
}
