//! Where an issue stands on its way to readers, and the order it moves in.
//!
//! It depends on nothing else in the crate, so that errors can name statuses.

use serde::{Deserialize, Serialize};

/// Where an issue stands on its way to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
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

    /// Reads the stored name; the inverse of [`IssueStatus::as_str`].
    pub fn from_name(name: &str) -> Option<Self> {
        IssueStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
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
