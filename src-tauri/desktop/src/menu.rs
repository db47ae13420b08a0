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
//! The editor's own commands (File, Edit, Format, View) are plain items whose ids the
//! window knows: a click or an accelerator is forwarded to it as a `MenuCommand`
//! event, and the UI runs the same command its palette and shortcuts run. Their
//! accelerators are written "CmdOrCtrl+…", which Tauri maps to ⌘ on macOS and Ctrl
//! elsewhere; the few that differ by platform are chosen in [`accelerator`].

use serde::Serialize;
use tauri::menu::{AboutMetadata, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};
use tauri_specta::Event as _;

use crate::events::MenuCommand;

/// The product's name, as in tauri.conf.json and the About box.
const PRODUCT_NAME: &str = "Newsflash Studio";

/// One of the editor's commands in the menu bar.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Command {
    /// What the UI knows it by (`bold`, `preview-email`).
    pub id: &'static str,
    /// The item's text.
    pub label: &'static str,
    /// The menu it is in.
    pub menu: &'static str,
    /// Its keyboard shortcut, as Tauri writes them, if it has one.
    pub accelerator: Option<&'static str>,
}

const fn command(
    menu: &'static str,
    id: &'static str,
    label: &'static str,
    accelerator: Option<&'static str>,
) -> Command {
    Command {
        id,
        label,
        menu,
        accelerator,
    }
}

/// Every command of the menu bar, in menu order. The UI's command list has each of
/// them (a Vitest test checks it against the generated bindings).
pub const COMMANDS: &[Command] = &[
    command("File", "new-issue", "New issue", Some("CmdOrCtrl+N")),
    command("File", "save-now", "Save now", Some("CmdOrCtrl+S")),
    command("File", "export", "Export…", Some("CmdOrCtrl+E")),
    command("File", "settings", "Settings…", Some("CmdOrCtrl+Comma")),
    command("Edit", "find", "Find…", Some("CmdOrCtrl+F")),
    command("Edit", "replace", "Find and replace…", None),
    command(
        "Edit",
        "insert-citation",
        "Cite a source…",
        Some("CmdOrCtrl+Shift+2"),
    ),
    command(
        "Edit",
        "command-palette",
        "All commands…",
        Some("CmdOrCtrl+Shift+P"),
    ),
    command("Format", "bold", "Bold", Some("CmdOrCtrl+B")),
    command("Format", "italic", "Italic", Some("CmdOrCtrl+I")),
    command("Format", "link", "Link", Some("CmdOrCtrl+K")),
    // The desk's views, as the rail shows them (ui/src/lib/views.ts).
    command("View", "view-write", "Write", Some("CmdOrCtrl+1")),
    command("View", "view-issue", "Issue", Some("CmdOrCtrl+2")),
    command("View", "view-revisions", "Revisions", Some("CmdOrCtrl+3")),
    command("View", "view-sources", "Sources", Some("CmdOrCtrl+4")),
    command("View", "view-photos", "Photos", Some("CmdOrCtrl+5")),
    command("View", "view-settings", "Settings", Some("CmdOrCtrl+6")),
    command("View", "preview-web", "Web page", Some("CmdOrCtrl+Alt+1")),
    command("View", "preview-email", "Email", Some("CmdOrCtrl+Alt+2")),
    command(
        "View",
        "preview-dark",
        "Email in dark mode",
        Some("CmdOrCtrl+Alt+3"),
    ),
    command(
        "View",
        "preview-phone",
        "Email on a phone",
        Some("CmdOrCtrl+Alt+4"),
    ),
    command(
        "View",
        "preview-text",
        "Plain text",
        Some("CmdOrCtrl+Alt+5"),
    ),
    command(
        "View",
        "toggle-preview",
        "Show or hide the preview",
        Some("CmdOrCtrl+Backslash"),
    ),
    command(
        "View",
        "focus-mode",
        "Focus mode",
        Some("CmdOrCtrl+Shift+F"),
    ),
    command("View", "theme-system", "Theme: as the system", None),
    command("View", "theme-light", "Theme: light", None),
    command("View", "theme-dark", "Theme: dark", None),
];

/// The shortcut of `command` on this platform: find and replace is ⌥⌘F on macOS
/// (⌘H hides the app there) and Ctrl+H elsewhere.
pub fn accelerator(command: &Command) -> Option<&'static str> {
    match command.id {
        "replace" if cfg!(target_os = "macos") => Some("Cmd+Alt+F"),
        "replace" => Some("Ctrl+H"),
        _ => command.accelerator,
    }
}

/// The commands with this platform's shortcuts, for the UI (palette, tooltips).
pub fn commands_here() -> Vec<Command> {
    COMMANDS
        .iter()
        .map(|command| Command {
            accelerator: accelerator(command),
            ..*command
        })
        .collect()
}

/// Tells the window to run the command of menu item `id`, if it is one of ours (the
/// predefined items, About and Quit, do their own work).
pub fn forward<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if !COMMANDS.iter().any(|command| command.id == id) {
        return;
    }
    if let Err(error) = MenuCommand(id.to_owned()).emit(app) {
        tracing::warn!("the menu command {id} did not reach the window: {error}");
    }
}

/// Lines between groups of a menu: the preview views, the themes, settings and the
/// palette stand apart.
fn starts_group(previous: Option<&str>, id: &str) -> bool {
    let group = |id: &str| id.split('-').next().unwrap_or_default().to_owned();
    previous.is_some_and(|previous| group(previous) != group(id))
        && matches!(
            group(id).as_str(),
            "preview" | "theme" | "settings" | "command" | "toggle"
        )
}

fn submenu_of<R: Runtime>(app: &AppHandle<R>, name: &str) -> tauri::Result<Submenu<R>> {
    let submenu = Submenu::new(app, name, true)?;
    let mut previous = None;
    for command in COMMANDS.iter().filter(|command| command.menu == name) {
        if starts_group(previous, command.id) {
            submenu.append(&PredefinedMenuItem::separator(app)?)?;
        }
        previous = Some(command.id);
        submenu.append(&MenuItem::with_id(
            app,
            command.id,
            command.label,
            true,
            accelerator(command),
        )?)?;
    }
    Ok(submenu)
}

/// The menu bar of the app's windows.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let about = PredefinedMenuItem::about(
        app,
        Some(&format!("About {PRODUCT_NAME}")),
        Some(about_metadata(app)),
    )?;
    let separator = || PredefinedMenuItem::separator(app);
    let [file, edit, format, view] =
        ["File", "Edit", "Format", "View"].map(|name| submenu_of(app, name));
    let (file, edit, format, view) = (file?, edit?, format?, view?);

    let menus: Vec<Submenu<R>> = if cfg!(target_os = "macos") {
        // Without the predefined items, ⌘C, ⌘V and ⌘Z never reach the webview.
        edit.prepend_items(&[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &separator()?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
            &separator()?,
        ])?;
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
            file,
            edit,
            format,
            view,
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
        vec![
            file,
            edit,
            format,
            view,
            Submenu::with_items(app, "Help", true, &[&about])?,
        ]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_own_id_and_shortcut() {
        let mut ids: Vec<_> = COMMANDS.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), COMMANDS.len());
        let mut shortcuts: Vec<_> = commands_here()
            .iter()
            .filter_map(|c| c.accelerator)
            .collect();
        let count = shortcuts.len();
        shortcuts.sort_unstable();
        shortcuts.dedup();
        assert_eq!(shortcuts.len(), count, "two commands share a shortcut");
    }

    /// Tauri drops an accelerator it cannot parse without a word (muda's
    /// `parse_accelerator`): only modifiers and keys it names are used here.
    #[test]
    fn shortcuts_are_ones_tauri_understands() {
        for command in commands_here() {
            let Some(accelerator) = command.accelerator else {
                continue;
            };
            let parts: Vec<_> = accelerator.split('+').collect();
            let (key, modifiers) = parts.split_last().unwrap();
            for modifier in modifiers {
                assert!(
                    ["CmdOrCtrl", "Cmd", "Ctrl", "Shift", "Alt"].contains(modifier),
                    "{accelerator} of {}",
                    command.id
                );
            }
            let single = key.len() == 1 && key.chars().all(|c| c.is_ascii_alphanumeric());
            assert!(
                single || ["Comma", "Backslash"].contains(key),
                "{accelerator} of {}",
                command.id
            );
        }
    }
}
