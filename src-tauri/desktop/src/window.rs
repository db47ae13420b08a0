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
