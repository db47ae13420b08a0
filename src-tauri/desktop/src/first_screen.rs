//! The window's first screen: how it looked when it last closed, kept by the window
//! (`ui/src/lib/firstScreen.ts`) and shown at the next start while the UI's modules
//! load (`ui/public/first-screen.js`), so that the last open issue's text is on
//! screen before CodeMirror is ready. It is shown only while the desk would look the
//! same ([`newsflash_core::Typing::shown`]): a screen with stale text would be worse
//! than none.
//!
//! It lives in the user's cache folder, not in the newsroom: it is this window's
//! picture of itself (its theme, its panes), and a newsroom file from elsewhere must
//! not be able to put markup into the window.

use std::path::{Path, PathBuf};

use newsflash_core::{Error, Newsroom};
use serde::{Deserialize, Serialize};

/// The most a kept screen may take: the window's markup with an issue open is a few
/// hundred kilobytes (the editor draws only the lines in view).
pub const MAX_SCREEN_BYTES: usize = 4 << 20;

/// The file's name in the app's cache folder.
const FILE_NAME: &str = "first-screen.json";

/// What is kept: the screen, and what it showed.
#[derive(Debug, Serialize, Deserialize)]
struct Kept {
    /// The newsroom the window had open.
    newsroom: PathBuf,
    /// What the desk showed ([`newsflash_core::Typing::shown`]).
    shown: String,
    /// The window's markup, as it made it (opaque here).
    screen: String,
}

/// Where the screen is kept, in the app's cache folder `cache`.
pub fn file_in(cache: &Path) -> PathBuf {
    cache.join(FILE_NAME)
}

/// Keeps `screen`, how the window looks with issue `number` of `newsroom` open, in
/// `file`, in place of any earlier one.
pub fn keep(file: &Path, newsroom: &Newsroom, number: u32, screen: String) -> Result<(), Error> {
    if screen.len() > MAX_SCREEN_BYTES {
        return Err(Error::TooLarge {
            what: "first screen",
            size: screen.len(),
            limit: MAX_SCREEN_BYTES,
        });
    }
    let kept = Kept {
        newsroom: newsroom.path().to_owned(),
        shown: newsroom.typing().shown(Some(number))?,
        screen,
    };
    // Strings and a path: serialising them cannot fail.
    let json = serde_json::to_vec(&kept).map_err(|error| Error::Internal(error.to_string()))?;
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).map_err(|source| Error::File {
            action: "make the folder",
            path: folder.to_owned(),
            source,
        })?;
    }
    newsflash_core::write_atomically(file, &json)
}

/// The screen kept in `file`, if it is of `newsroom` and the desk would show the
/// same now. A missing, unreadable or damaged file is no screen: the window starts
/// as it would without one.
pub fn kept(file: &Path, newsroom: &Newsroom) -> Option<String> {
    let limit = u64::try_from(MAX_SCREEN_BYTES * 2).unwrap_or(u64::MAX);
    let text = newsflash_core::read_text_limited(file, limit).ok()?;
    let kept: Kept = serde_json::from_str(&text).ok()?;
    if kept.newsroom != newsroom.path() {
        return None;
    }
    match newsroom.typing().shown(None) {
        Ok(shown) if shown == kept.shown => Some(kept.screen),
        Ok(_) => None,
        Err(error) => {
            tracing::warn!("the window starts without its first screen: {error}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use newsflash_core::Seed;
    use time::macros::datetime;

    use super::*;

    const NOW: time::OffsetDateTime = datetime!(2026-12-03 09:00 UTC);

    #[test]
    fn a_kept_screen_comes_back_while_the_desk_is_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let file = file_in(&dir.path().join("cache"));
        let newsroom = Newsroom::open(&dir.path().join("newsroom.db"), Seed::Content, NOW).unwrap();
        assert_eq!(kept(&file, &newsroom), None, "nothing kept yet");
        let number = newsroom
            .typing()
            .desk(NOW.date())
            .unwrap()
            .open
            .unwrap()
            .number;
        keep(&file, &newsroom, number, "<main>Storms</main>".into()).unwrap();
        assert_eq!(
            kept(&file, &newsroom).as_deref(),
            Some("<main>Storms</main>")
        );

        // A change the screen does not show (a new issue in the list) makes it stale.
        newsroom
            .issues()
            .create("Another", NOW.date(), NOW)
            .unwrap();
        assert_eq!(kept(&file, &newsroom), None);
    }

    #[test]
    fn a_screen_of_another_newsroom_a_damaged_file_or_a_huge_screen_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = file_in(dir.path());
        let one = Newsroom::open(&dir.path().join("one.db"), Seed::Content, NOW).unwrap();
        let other = Newsroom::open(&dir.path().join("other.db"), Seed::Content, NOW).unwrap();
        let number = one.typing().desk(NOW.date()).unwrap().open.unwrap().number;
        keep(&file, &one, number, "<main>one</main>".into()).unwrap();
        assert_eq!(kept(&file, &other), None);

        let huge = "x".repeat(MAX_SCREEN_BYTES + 1);
        let error = keep(&file, &one, number, huge).unwrap_err();
        assert_eq!(error.code(), newsflash_core::ErrorCode::TooLarge, "{error}");
        assert_eq!(kept(&file, &one).as_deref(), Some("<main>one</main>"));

        std::fs::write(&file, "{\"newsroom\": ").unwrap();
        assert_eq!(kept(&file, &one), None);
    }
}
