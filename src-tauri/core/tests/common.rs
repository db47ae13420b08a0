use std::path::{Path, PathBuf};

use newsflash_core::{Newsroom, Seed};
use time::OffsetDateTime;
use time::macros::datetime;

pub const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);

pub fn open(path: &Path) -> Newsroom {
    Newsroom::open(path, Seed::Content, NOW).expect("open newsroom")
}

pub fn newsroom_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("newsroom.db")
}
