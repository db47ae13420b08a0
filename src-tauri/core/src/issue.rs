//! Issues: the numbered, dated editions of the newsletter.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The most text one issue may hold. An issue is a few thousand words; anything near
/// this is a runaway paste, and refusing it keeps the newsroom and the preview fast.
pub const MAX_ISSUE_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Where an issue stands on its way to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    /// Being written.
    Draft,
    /// Written, waiting for a second pair of eyes.
    InReview,
    /// Checked and ready to export.
    Ready,
    /// Sent to readers.
    Published,
}

impl IssueStatus {
    /// All statuses in the order an issue moves through them.
    pub const ALL: [IssueStatus; 4] = [
        IssueStatus::Draft,
        IssueStatus::InReview,
        IssueStatus::Ready,
        IssueStatus::Published,
    ];

    /// The name used in the store, the interchange file and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Draft => "draft",
            IssueStatus::InReview => "in_review",
            IssueStatus::Ready => "ready",
            IssueStatus::Published => "published",
        }
    }

    /// Parses the stored name; the inverse of [`IssueStatus::as_str`].
    pub fn parse(name: &str) -> Result<Self> {
        IssueStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "\"{name}\" is not an issue status; use draft, in_review, ready or published."
                ))
            })
    }
}

/// The workflow: forward one step at a time (draft → in review → ready →
/// published), and back to draft from anywhere, with a reason.
impl IssueStatus {
    /// The status after this one on the way to readers, if any.
    pub fn next(self) -> Option<IssueStatus> {
        match self {
            IssueStatus::Draft => Some(IssueStatus::InReview),
            IssueStatus::InReview => Some(IssueStatus::Ready),
            IssueStatus::Ready => Some(IssueStatus::Published),
            IssueStatus::Published => None,
        }
    }

    /// The statuses an issue in this one may move to (back to draft needs a reason).
    pub fn allowed_next(self) -> Vec<IssueStatus> {
        let mut allowed: Vec<IssueStatus> = self.next().into_iter().collect();
        if self != IssueStatus::Draft {
            allowed.push(IssueStatus::Draft);
        }
        allowed
    }
}

impl std::fmt::Display for IssueStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // pad, not write_str: column widths (`{:<9}`) apply.
        f.pad(self.as_str())
    }
}

/// One issue as the editor works on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// The issue's number, unique in the newsroom.
    pub number: u32,
    /// The day it goes out.
    #[ts(type = "string")]
    pub date: Date,
    /// The headline readers see first (also the email subject).
    pub title: String,
    /// The short line mail clients show after the subject.
    pub preheader: String,
    /// Where it stands.
    pub status: IssueStatus,
    /// The Markdown text: each `#` heading starts an article, `##` headings are sections.
    pub body: String,
    /// When it was last saved.
    #[ts(type = "string")]
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Issue {
    /// The file-name stem for this issue's exports, e.g. `012-kazakhstan-coup`.
    pub fn slug(&self) -> String {
        issue_slug(self.number, &self.title)
    }
}

/// A line in the list of issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueSummary {
    /// The issue's number.
    pub number: u32,
    /// The day it goes out.
    #[ts(type = "string")]
    pub date: Date,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: IssueStatus,
    /// The file-name stem of its exports.
    pub slug: String,
}

/// What is needed to add an issue to the newsroom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssue {
    /// Its number; must not be taken yet.
    pub number: u32,
    /// The day it goes out.
    pub date: Date,
    /// Its title.
    pub title: String,
    /// The mail preheader.
    pub preheader: String,
    /// Where it stands.
    pub status: IssueStatus,
    /// Its Markdown text.
    pub body: String,
}

/// Proof that a save reached the disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveReceipt {
    /// The issue that was saved.
    pub number: u32,
    /// When, as stored.
    #[ts(type = "string")]
    #[serde(with = "time::serde::rfc3339")]
    pub saved_at: OffsetDateTime,
}

/// Refuses issue text over [`MAX_ISSUE_BODY_BYTES`] before anything is written.
pub fn check_body_size(body: &str) -> Result<()> {
    if body.len() > MAX_ISSUE_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "issue text",
            size: body.len(),
            limit: MAX_ISSUE_BODY_BYTES,
        });
    }
    Ok(())
}

/// `012-kazakhstan-president-claims-coup-attempt`: the number keeps files in order,
/// the title makes them recognisable; ASCII only so every file system and URL takes it.
pub fn issue_slug(number: u32, title: &str) -> String {
    const MAX_TITLE_PART: usize = 60;
    let mut words = String::new();
    let mut pending_dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !words.is_empty() {
                words.push('-');
            }
            pending_dash = false;
            words.push(c);
        } else if !matches!(c, '\'' | '’') {
            pending_dash = true;
        }
        if words.len() >= MAX_TITLE_PART {
            break;
        }
    }
    let words = words.trim_end_matches('-');
    if words.is_empty() {
        format!("{number:03}")
    } else {
        format!("{number:03}-{words}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_number_and_ascii_words() {
        assert_eq!(
            issue_slug(1, "Kazakhstan president claims “coup” attempt"),
            "001-kazakhstan-president-claims-coup-attempt"
        );
        assert_eq!(issue_slug(42, "Russia’s NATO"), "042-russias-nato");
        assert_eq!(issue_slug(7, "¿¡!?"), "007");
        assert_eq!(issue_slug(1234, "  Trailing --- "), "1234-trailing");
    }

    #[test]
    fn slug_is_bounded() {
        let slug = issue_slug(3, &"word ".repeat(100));
        assert!(slug.len() <= 4 + 64, "{slug}");
        assert!(!slug.ends_with('-'));
    }

    #[test]
    fn status_names_round_trip() {
        for status in IssueStatus::ALL {
            assert_eq!(IssueStatus::parse(status.as_str()).unwrap(), status);
        }
        let error = IssueStatus::parse("done").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("draft, in_review, ready or published")
        );
    }

    #[test]
    fn oversized_body_is_refused_with_its_size() {
        let body = "x".repeat(MAX_ISSUE_BODY_BYTES + 1);
        let error = check_body_size(&body).unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::TooLarge);
        assert!(error.to_string().contains(&body.len().to_string()));
        check_body_size("fine").unwrap();
    }
}
