//! Noticing changes made to the newsroom by another window or the command line.

use std::sync::Arc;
use std::time::Duration;

use newsflash_core::Newsroom;
use tauri_specta::Event as _;

use crate::events::NewsroomChanged;

/// How often the newsroom is asked whether someone else changed it: a change made
/// on the command line shows in the window well within a second, and asking costs
/// microseconds.
const POLL: Duration = Duration::from_millis(250);

/// Watches the newsroom on a thread of its own and tells the window when another
/// window or process changed it (after reading the settings again, which the
/// renderers use).
pub fn changes_elsewhere(app: tauri::AppHandle, newsroom: Arc<Newsroom>) {
    let spawned = std::thread::Builder::new()
        .name("newsroom-watch".into())
        .spawn(move || {
            let mut seen = newsroom.changes_elsewhere().ok();
            loop {
                std::thread::sleep(POLL);
                match newsroom.changes_elsewhere() {
                    Ok(now) if Some(now) != seen => {
                        seen = Some(now);
                        if let Err(error) = newsroom.settings().reload() {
                            tracing::warn!("the settings could not be read again: {error}");
                        }
                        if NewsroomChanged.emit(&app).is_err() {
                            // The window is gone: nobody to tell any more.
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!("changes made elsewhere will not show: {error}");
                        return;
                    }
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("changes made elsewhere will not show: {error}");
    }
}
