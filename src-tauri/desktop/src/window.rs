//! The main window: its title, its size and place kept, and how WebKit draws it.

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

/// Opens the main window as tauri.conf.json describes it (`create: false` there, so
/// that it is made here). With `first_screen`, what the window kept of itself when it
/// last closed ([`crate::first_screen::kept`]), the page is given that
/// before any of its own scripts run: `public/first-screen.js` shows it while the UI's
/// modules load, so the issue's text is on screen without waiting for them.
pub fn open_main(
    app: &tauri::App,
    first_screen: Option<&str>,
) -> Result<tauri::WebviewWindow, Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == "main")
        .ok_or("tauri.conf.json describes no main window")?
        .clone();
    let mut builder = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    if let Some(screen) = first_screen {
        builder = builder.initialization_script(first_screen_script(screen));
    }
    Ok(builder.build()?)
}

/// The script that hands the page its first screen: one assignment of a string
/// (JSON is JavaScript, and the text is the window's own markup, never run).
fn first_screen_script(screen: &str) -> String {
    let literal = serde_json::to_string(screen).unwrap_or_else(|_| "null".to_owned());
    format!("window.__NEWSFLASH_FIRST_SCREEN__ = {literal};")
}

/// Set to `1` to have WebKitGTK composite the window in GL layers as it does by default.
pub const GPU_LAYERS_ENV: &str = "NEWSFLASH_GPU_LAYERS";

/// Has WebKitGTK draw the window without composited GL layers (Linux). With software
/// GL (llvmpipe: Xvfb, many virtual machines and remote desktops) every layer is a
/// buffer in the web process: 78 MiB of its 135 MiB with a 5,000-word issue open,
/// against 40 MiB in an empty Tauri window. The editor and the preview use nothing
/// those layers speed up (3D transforms, video, WebGL). `NEWSFLASH_GPU_LAYERS=1`
/// keeps them; the end-to-end tests set it, since WebKitWebDriver's screenshots never
/// finish without them.
pub fn draw_without_gpu_layers(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    {
        if std::env::var_os(GPU_LAYERS_ENV).is_some_and(|value| value == "1") {
            return;
        }
        let drawn = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt as _, WebViewExt as _};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = drawn {
            tracing::warn!("the window keeps WebKit's GL layers: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_screen_reaches_the_page_as_one_string() {
        assert_eq!(
            first_screen_script("<p class=\"x\">Storms</p>\n</script>\u{2028}"),
            "window.__NEWSFLASH_FIRST_SCREEN__ = \"<p class=\\\"x\\\">Storms</p>\\n</script>\u{2028}\";"
        );
    }

    #[test]
    fn the_title_names_the_issue_and_the_app() {
        assert_eq!(
            title_for(3, "Storms hit the coast"),
            "#3 Storms hit the coast — Newsflash Studio"
        );
        assert_eq!(title_for(4, "  "), "Issue #4 — Newsflash Studio");
    }
}
