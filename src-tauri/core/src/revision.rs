//! Revisions: snapshots of an issue kept as it is written, to browse and restore.
//!
//! Saving while typing keeps at most one revision a minute (later saves within the
//! minute refresh it); a status change, an export, an import and a restore each
//! keep one of their own.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{Error, Result};
use crate::issue::IssueStatus;

/// Why a revision was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RevisionReason {
    /// The editor was typing (one revision a minute at most).
    Edit,
    /// The issue's status changed.
    Status,
    /// The issue was exported.
    Export,
    /// An earlier revision was put back.
    Restore,
    /// The issue was added from a file or the sample content.
    Import,
    /// A save found the issue changed elsewhere: the text it would have written.
    Conflict,
    /// A published issue was reopened to correct it.
    Correction,
    /// The issue was deleted (and can be brought back).
    Delete,
}

impl RevisionReason {
    /// The name used in the store and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Edit => "edit",
            RevisionReason::Status => "status",
            RevisionReason::Export => "export",
            RevisionReason::Restore => "restore",
            RevisionReason::Import => "import",
            RevisionReason::Conflict => "conflict",
            RevisionReason::Correction => "correction",
            RevisionReason::Delete => "delete",
        }
    }

    /// Every reason, in the order the revisions view explains them.
    pub const ALL: [RevisionReason; 8] = [
        RevisionReason::Edit,
        RevisionReason::Status,
        RevisionReason::Export,
        RevisionReason::Restore,
        RevisionReason::Import,
        RevisionReason::Conflict,
        RevisionReason::Correction,
        RevisionReason::Delete,
    ];

    /// Parses the stored name; the inverse of [`RevisionReason::as_str`].
    pub fn parse(name: &str) -> Result<Self> {
        RevisionReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == name)
            .ok_or_else(|| Error::UnknownRevisionReason {
                name: name.chars().take(40).collect(),
            })
    }
}

impl std::fmt::Display for RevisionReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a line of a revision's text compares with the issue's text now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DiffChange {
    /// In both.
    Same,
    /// Only in the revision: restoring it brings the line back.
    Removed,
    /// Only in the issue now: restoring the revision takes the line out.
    Added,
}

/// One line of a revision's diff against the issue's text now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DiffLine {
    /// Where the line is.
    pub change: DiffChange,
    /// The line, without its line break.
    pub text: String,
    /// Its number in the revision's text (1-based), if it is there.
    pub old_line: Option<u32>,
    /// Its number in the issue's text now (1-based), if it is there.
    pub new_line: Option<u32>,
}

/// The lines of `old` and `new`, in order, each marked as in both or in one of them.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    // A last line without its line break is the same line as with one.
    let (old, new) = (terminated(old), terminated(new));
    let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
    diff.iter_all_changes()
        .map(|change| DiffLine {
            change: match change.tag() {
                similar::ChangeTag::Equal => DiffChange::Same,
                similar::ChangeTag::Delete => DiffChange::Removed,
                similar::ChangeTag::Insert => DiffChange::Added,
            },
            text: change
                .value()
                .strip_suffix('\n')
                .unwrap_or(change.value())
                .to_owned(),
            old_line: change
                .old_index()
                .and_then(|index| u32::try_from(index + 1).ok()),
            new_line: change
                .new_index()
                .and_then(|index| u32::try_from(index + 1).ok()),
        })
        .collect()
}

fn terminated(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_empty() || text.ends_with('\n') {
        text.into()
    } else {
        format!("{text}\n").into()
    }
}

/// A line in the list of an issue's revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RevisionSummary {
    /// The revision's id, unique in the newsroom.
    pub id: i64,
    /// When it was kept (for typing: when the minute it covers began).
    #[specta(type = String)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Why it was kept.
    pub reason: RevisionReason,
    /// The editor's words (why the issue went back to draft), or what was done
    /// (the file exported, the revision restored).
    pub note: String,
    /// The issue's title then.
    pub title: String,
    /// The issue's status then.
    pub status: IssueStatus,
    /// The size of the text, in bytes.
    pub size: u32,
}

/// A revision in full: the issue as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Revision {
    /// The revision's id.
    pub id: i64,
    /// The issue it belongs to.
    pub issue_number: u32,
    /// When it was kept.
    #[specta(type = String)]
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// Why it was kept.
    pub reason: RevisionReason,
    /// The editor's words, or what was done.
    pub note: String,
    /// The issue's date then.
    #[specta(type = String)]
    pub date: Date,
    /// The issue's title then.
    pub title: String,
    /// The mail preheader then.
    pub preheader: String,
    /// The issue's status then.
    pub status: IssueStatus,
    /// The Markdown text then.
    pub body: String,
}

#[cfg(test)]
mod diff_tests {
    use super::*;

    #[test]
    fn a_diff_marks_removed_and_added_lines_with_their_numbers() {
        let lines = diff_lines("# A\nold line\nsame\n", "# A\nsame\nnew line\n");
        let shown: Vec<_> = lines
            .iter()
            .map(|line| {
                (
                    line.change,
                    line.text.as_str(),
                    line.old_line,
                    line.new_line,
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                (DiffChange::Same, "# A", Some(1), Some(1)),
                (DiffChange::Removed, "old line", Some(2), None),
                (DiffChange::Same, "same", Some(3), Some(2)),
                (DiffChange::Added, "new line", None, Some(3)),
            ]
        );
        let unterminated = diff_lines("# A\nlast", "# A\nlast\nmore\n");
        let changes: Vec<_> = unterminated.iter().map(|line| line.change).collect();
        assert_eq!(
            changes,
            [DiffChange::Same, DiffChange::Same, DiffChange::Added]
        );
        assert!(
            diff_lines("x", "x")
                .iter()
                .all(|line| line.change == DiffChange::Same)
        );
    }
}
