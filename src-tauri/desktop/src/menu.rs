//! The window's menu bar, the one place that knows how menus differ between platforms.
//!
//! macOS puts the app's own menu first (About, Services, Hide, Quit) and needs an Edit
//! menu: without its predefined items, ⌘C, ⌘V and ⌘Z never reach the editor in the
//! webview. Linux and Windows get a Help menu with About, and no predefined Edit items,
//! whose accelerators would take Ctrl+C, Ctrl+Z… from CodeMirror.
//!
//! Branches use `cfg!` rather than `#[cfg]`, so every platform's menu type-checks and
//! is linted on any machine (there are no macOS or Windows toolchains here).
//!
//! To add the editor's menus (File, Edit, View…), add a `Submenu` to `build`; give
//! custom items an accelerator as "CmdOrCtrl+…", which Tauri maps to ⌘ on macOS and
//! Ctrl elsewhere, and handle them in `Builder::on_menu_event` by their id.

use tauri::menu::{AboutMetadata, Menu, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};

/// The product's name, as in tauri.conf.json and the About box.
const PRODUCT_NAME: &str = "Newsflash Studio";

/// The menu bar of the app's windows.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let about = PredefinedMenuItem::about(
        app,
        Some(&format!("About {PRODUCT_NAME}")),
        Some(about_metadata(app)),
    )?;
    let separator = || PredefinedMenuItem::separator(app);

    let menus: Vec<Submenu<R>> = if cfg!(target_os = "macos") {
        vec![
            Submenu::with_items(
                app,
                PRODUCT_NAME,
                true,
                &[
                    &about,
                    &separator()?,
                    &PredefinedMenuItem::services(app, None)?,
                    &separator()?,
                    &PredefinedMenuItem::hide(app, None)?,
                    &PredefinedMenuItem::hide_others(app, None)?,
                    &PredefinedMenuItem::show_all(app, None)?,
                    &separator()?,
                    &PredefinedMenuItem::quit(app, None)?,
                ],
            )?,
            Submenu::with_items(
                app,
                "Edit",
                true,
                &[
                    &PredefinedMenuItem::undo(app, None)?,
                    &PredefinedMenuItem::redo(app, None)?,
                    &separator()?,
                    &PredefinedMenuItem::cut(app, None)?,
                    &PredefinedMenuItem::copy(app, None)?,
                    &PredefinedMenuItem::paste(app, None)?,
                    &PredefinedMenuItem::select_all(app, None)?,
                ],
            )?,
            Submenu::with_items(
                app,
                "Window",
                true,
                &[
                    &PredefinedMenuItem::minimize(app, None)?,
                    &PredefinedMenuItem::maximize(app, None)?,
                    &separator()?,
                    &PredefinedMenuItem::close_window(app, None)?,
                ],
            )?,
        ]
    } else {
        vec![Submenu::with_items(app, "Help", true, &[&about])?]
    };

    let menu = Menu::new(app)?;
    for submenu in menus {
        menu.append(&submenu)?;
    }
    Ok(menu)
}

/// What the About box shows. The version and the commit (from build.rs) are given
/// apart: Linux and Windows show "0.1.0 (commit 1a2b3c4)", macOS "Version 0.1.0
/// (commit 1a2b3c4)".
fn about_metadata<R: Runtime>(app: &AppHandle<R>) -> AboutMetadata<'static> {
    AboutMetadata {
        name: Some(PRODUCT_NAME.to_owned()),
        version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        short_version: Some(concat!("commit ", env!("NEWSFLASH_COMMIT")).to_owned()),
        comments: Some("Write, preview and export the issues of a newsletter.".to_owned()),
        license: Some(env!("CARGO_PKG_LICENSE").to_owned()),
        icon: app
            .default_window_icon()
            .cloned()
            .map(|icon| icon.to_owned()),
        ..AboutMetadata::default()
    }
}
