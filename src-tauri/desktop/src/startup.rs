//! How long the window took to show the text, for the log. The page's load
//! event comes 0.2–0.3 s before the editor paints any text (the script, the desk and
//! the editor still have to run), so the log line that counts is this one, sent by
//! the window once the editor's first frame is drawn.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// The window's marks of its start, in whole milliseconds since the page began to
/// load (the page's `performance.now()`), and when that was. A stage the window did
/// not mark is missing.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PageStart {
    /// When the page began to load, in milliseconds since 1970 (`performance.timeOrigin`).
    pub page_began: u64,
    /// The screen kept at the last close was shown (first_screen.rs): the issue's
    /// text was on screen from then. None when there was none to show.
    pub first_screen: Option<u32>,
    /// The UI's script ran (after its modules, CodeMirror among them, were loaded).
    pub script: Option<u32>,
    /// The desk (issues, the last open issue) arrived from the app.
    pub desk: Option<u32>,
    /// The desk was made, the editor with the text in it.
    pub mounted: Option<u32>,
    /// The first frame with the editor in it was drawn.
    pub painted: u32,
}

/// The log line: the time from the app's start to the editor's first text, and where
/// it went.
pub fn describe(start: &PageStart, app_started: SystemTime) -> String {
    let started = app_started
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_millis());
    // Signed: the two clocks are the same, but a clock set back between them is not.
    let began = i128::from(start.page_began) - i128::try_from(started).unwrap_or(i128::MAX);
    let mark = |at: Option<u32>| at.map_or_else(|| "not reached".to_owned(), |ms| ms.to_string());
    format!(
        "the editor showed the issue's text {} ms after start (the page began to load at {began} ms; \
         from there: first screen {}, script {}, desk {}, editor made {}, first frame {} ms)",
        began + i128::from(start.painted),
        start
            .first_screen
            .map_or_else(|| "none".to_owned(), |ms| ms.to_string()),
        mark(start.script),
        mark(start.desk),
        mark(start.mounted),
        start.painted,
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_line_counts_from_the_app_start_through_the_page() {
        let app_started = UNIX_EPOCH + Duration::from_millis(1_000_000);
        let start = PageStart {
            page_began: 1_000_300,
            first_screen: Some(20),
            script: Some(90),
            desk: Some(105),
            mounted: None,
            painted: 222,
        };
        assert_eq!(
            describe(&start, app_started),
            "the editor showed the issue's text 522 ms after start (the page began to load at 300 ms; \
             from there: first screen 20, script 90, desk 105, editor made not reached, first frame 222 ms)"
        );
    }
}
