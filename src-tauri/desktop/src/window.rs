//! The main window's title.

/// The app's name, as the window title ends.
const APP_NAME: &str = "Newsflash Studio";

/// What the title says while issue `number` is open.
pub fn title_for(number: u32, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        format!("Issue #{number} — {APP_NAME}")
    } else {
        format!("#{number} {title} — {APP_NAME}")
    }
}

/// Names the open issue in the window's title (and so in the task bar).
pub fn name_issue(window: &tauri::WebviewWindow, number: u32, title: &str) {
    if let Err(error) = window.set_title(&title_for(number, title)) {
        tracing::warn!("the window title could not be changed: {error}");
    }
}

/// Set when the window moved or changed size since its state was last saved.
static MOVED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How soon a moved or resized window's size and position are saved.
const SAVE_STATE_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Notes that the window moved or was resized.
pub fn moved() {
    MOVED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Saves the window's size and position soon after it changes, on a thread of its
/// own: the window-state plugin saves them only when the app exits normally, and a
/// crash or a kill would forget them.
pub fn keep_state(app: tauri::AppHandle) {
    use tauri_plugin_window_state::{AppHandleExt, StateFlags};
    let spawned = std::thread::Builder::new()
        .name("window-state".into())
        .spawn(move || {
            loop {
                std::thread::sleep(SAVE_STATE_EVERY);
                if MOVED.swap(false, std::sync::atomic::Ordering::Relaxed)
                    && let Err(error) = app.save_window_state(StateFlags::all())
                {
                    tracing::warn!("the window's size and position could not be kept: {error}");
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("the window's size and position are kept only on a normal exit: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_issue_and_the_app() {
        assert_eq!(
            title_for(3, "Storms hit the coast"),
            "#3 Storms hit the coast — Newsflash Studio"
        );
        assert_eq!(title_for(4, "  "), "Issue #4 — Newsflash Studio");
    }
}
