//! Errors of the core, and the one serialisable shape they take when they leave it.
//!
//! Every message is a sentence an editor can act on: what happened, to which file or
//! issue, and what to do next. The UI branches on [`ErrorCode`], never on the text.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder the newsroom should live in does not exist.
    #[error(
        "The folder for the newsroom {} does not exist; create it first or choose another location.",
        path.display()
    )]
    NewsroomFolderMissing {
        /// The newsroom file that was asked for.
        path: PathBuf,
    },
    /// The newsroom file, or the folder a new one would go in, cannot be written.
    #[error(
        "The newsroom {} is in a read-only location; make it writable or choose another location.",
        path.display()
    )]
    NewsroomReadOnly {
        /// The newsroom file that was asked for.
        path: PathBuf,
    },
    /// The path holds something that is not a newsroom.
    #[error(
        "The file {} is not a Newsflash newsroom ({reason}); it was left untouched, so choose another file.",
        path.display()
    )]
    NotANewsroom {
        /// The file that was opened.
        path: PathBuf,
        /// What it is instead, in a few words.
        reason: String,
    },
    /// The newsroom was written by a newer version of the app.
    #[error(
        "The newsroom {} was saved by a newer version of Newsflash Studio (schema {found}, this version knows up to {supported}); it was left untouched, so update the app to open it.",
        path.display()
    )]
    NewsroomTooNew {
        /// The newsroom file.
        path: PathBuf,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build understands.
        supported: u32,
    },
    /// Another window or process holds the newsroom open.
    #[error(
        "The newsroom {} is open in another window or process; close that one first, then try again.",
        path.display()
    )]
    NewsroomLocked {
        /// The newsroom file.
        path: PathBuf,
    },
    /// The newsroom file is damaged.
    #[error(
        "The newsroom {} is damaged ({detail}); it was left untouched, so restore it from a backup.",
        path.display()
    )]
    NewsroomCorrupt {
        /// The newsroom file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// No default newsroom location could be worked out (no home directory).
    #[error(
        "There is no data folder for this user to keep the newsroom in; choose a file with --newsroom or NEWSFLASH_NEWSROOM."
    )]
    NoDataFolder,
    /// An issue number that is not in the newsroom.
    #[error("There is no issue {number} in this newsroom.")]
    IssueNotFound {
        /// The issue number asked for.
        number: u32,
    },
    /// A photo key that is not in the library.
    #[error(
        "There is no photo \"{key}\" in this newsroom's library; add it first or check the key."
    )]
    PhotoNotFound {
        /// The key asked for.
        key: String,
    },
    /// A revision id that is not in the newsroom.
    #[error("There is no revision {id} in this newsroom; list the issue's revisions to find one.")]
    RevisionNotFound {
        /// The id asked for.
        id: i64,
    },
    /// Text that is too large to keep.
    #[error(
        "The {what} is {size} bytes, more than the {limit} bytes an issue may hold; nothing was saved, so split it or remove pasted material."
    )]
    TooLarge {
        /// What was too large ("issue text").
        what: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// An export for readers refused because the preflight found errors.
    #[error(
        "Issue {number} has {errors} preflight error{} (newsflash check {number} lists them); fix them, or export anyway.",
        if *errors == 1 { "" } else { "s" }
    )]
    PreflightFailed {
        /// The issue.
        number: u32,
        /// How many errors the preflight found.
        errors: usize,
    },
    /// Input the editor gave that cannot be used as it is.
    #[error("{0}")]
    InvalidInput(String),
    /// A source with this citation key is already in the library.
    #[error(
        "There is already a source with the key {key}; choose another key or edit that source instead."
    )]
    SourceKeyTaken {
        /// The key asked for.
        key: String,
    },
    /// A citation key that is not in the library.
    #[error("There is no source with the key {key} in this newsroom.")]
    SourceNotFound {
        /// The key asked for.
        key: String,
    },
    /// A name that several sources answer to equally well.
    #[error(
        "\"{name}\" could be any of the sources {}; cite one of them by its key instead.",
        keys.join(", ")
    )]
    AmbiguousSourceName {
        /// The name as given.
        name: String,
        /// The keys of the sources it could mean, sorted.
        keys: Vec<String>,
    },
    /// A sources CSV file with problems; nothing of it was imported.
    #[error(
        "Nothing was imported from {file} because {}; fix {} and import again:\n{}{}",
        if problems.len() + more == 1 { "of a problem".to_owned() } else { format!("of {} problems", problems.len() + more) },
        if problems.len() + more == 1 { "it" } else { "them" },
        problems.join("\n"),
        if *more > 0 { format!("\n(and {more} more)") } else { String::new() }
    )]
    SourcesCsv {
        /// The file's name, as the editor knows it.
        file: String,
        /// The first problems, each "line N: ...".
        problems: Vec<String>,
        /// How many more problems were found but not listed.
        more: usize,
    },
    /// A template failed to render.
    #[error("The template {name} could not be rendered: {detail}.")]
    Template {
        /// The template's file name.
        name: String,
        /// Where and why, as minijinja reports it.
        detail: String,
    },
    /// Reading or writing a file failed.
    #[error("Could not {action} {}: {source}.", path.display())]
    File {
        /// What was being done ("write", "read").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The database failed in a way not covered above.
    #[error("The newsroom could not be read or written: {0}.")]
    Storage(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("The newsroom could not be brought up to date: {0}.")]
    Migration(#[from] rusqlite_migration::Error),
}

/// Convenience alias for results of core functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NewsroomFolderMissing { .. }
            | Error::NewsroomReadOnly { .. }
            | Error::NotANewsroom { .. }
            | Error::NewsroomTooNew { .. }
            | Error::NewsroomCorrupt { .. }
            | Error::NoDataFolder => ErrorCode::NewsroomUnavailable,
            Error::NewsroomLocked { .. } => ErrorCode::NewsroomLocked,
            Error::IssueNotFound { .. }
            | Error::PhotoNotFound { .. }
            | Error::RevisionNotFound { .. } => ErrorCode::NotFound,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::PreflightFailed { .. } => ErrorCode::PreflightFailed,
            Error::SourceNotFound { .. } => ErrorCode::NotFound,
            Error::SourceKeyTaken { .. }
            | Error::AmbiguousSourceName { .. }
            | Error::SourcesCsv { .. } => ErrorCode::InvalidInput,
            Error::Template { .. } => ErrorCode::Template,
            Error::File { .. } => ErrorCode::File,
            Error::Storage(_) | Error::Migration(_) => ErrorCode::Storage,
        }
    }

    /// Whether the editor caused this (bad input) rather than the machine.
    pub fn is_user_error(&self) -> bool {
        !matches!(self.code(), ErrorCode::Storage | ErrorCode::Internal)
    }

    pub(crate) fn file(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::File {
            action,
            path: path.to_owned(),
            source,
        }
    }
}

/// What kind of failure an [`ErrorReport`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The newsroom could not be opened; nothing else will work until another is chosen.
    NewsroomUnavailable,
    /// Another window or process has the newsroom open.
    NewsroomLocked,
    /// The issue (or other record) asked for does not exist.
    NotFound,
    /// The input was refused as it is.
    InvalidInput,
    /// The input was larger than the newsroom accepts.
    TooLarge,
    /// A template failed to render.
    Template,
    /// An export was refused because the preflight found errors.
    PreflightFailed,
    /// A file could not be read or written.
    File,
    /// The database failed.
    Storage,
    /// A bug: something the app did not expect.
    Internal,
}

/// The one shape in which an error leaves Rust: `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorReport {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// One sentence for the editor.
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(error: &Error) -> Self {
        ErrorReport {
            code: error.code(),
            message: error.to_string(),
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(error: Error) -> Self {
        ErrorReport::from(&error)
    }
}

impl ErrorReport {
    /// A report for a failure outside the core (a panic caught, a task that died).
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorReport {
            code: ErrorCode::Internal,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI branches on this exact shape (ui/src/lib/api): changing it is a
    /// breaking change of the command contract.
    #[test]
    fn error_report_matches_the_ui_wire_contract() {
        let report = ErrorReport::from(Error::IssueNotFound { number: 4 });
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "not_found",
                "message": "There is no issue 4 in this newsroom."
            })
        );
        let locked = ErrorReport::from(Error::NewsroomLocked {
            path: "/tmp/n.db".into(),
        });
        assert_eq!(
            serde_json::to_value(&locked).unwrap()["code"],
            "newsroom_locked"
        );
    }
}
