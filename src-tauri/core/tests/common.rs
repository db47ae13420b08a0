use std::path::{Path, PathBuf};

use newsflash_core::{Newsroom, SaveOutcome, Seed};
use time::OffsetDateTime;
use time::macros::datetime;

pub const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);

pub fn open(path: &Path) -> Newsroom {
    Newsroom::open(path, Seed::Content, NOW).expect("open newsroom")
}

/// The sample newsroom with its published issue 1 reopened for a correction, so
/// that tests can edit it (a published issue is read-only).
pub fn open_for_editing(path: &Path) -> Newsroom {
    let newsroom = open(path);
    newsroom
        .issues()
        .set_status(
            1,
            newsflash_core::IssueStatus::Draft,
            Some("edited by a test"),
            NOW,
        )
        .expect("reopen issue 1");
    newsroom
}

pub fn newsroom_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("newsroom.db")
}

/// Saving as the only writer does: from the version the issue is at now.
pub trait SaveLatest {
    /// Saves the text of issue `number`, starting from its current version.
    fn save_latest(
        &self,
        number: u32,
        body: &str,
        at: OffsetDateTime,
    ) -> newsflash_core::Result<SaveOutcome>;
}

impl SaveLatest for Newsroom {
    fn save_latest(
        &self,
        number: u32,
        body: &str,
        at: OffsetDateTime,
    ) -> newsflash_core::Result<SaveOutcome> {
        let version = self.issues().get(number)?.version;
        self.issues().save_text(number, version, body, at)
    }
}
