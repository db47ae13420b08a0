//! What the app tells the window without being asked.

use serde::{Deserialize, Serialize};

/// Another window or the command line changed the newsroom: lists, the open issue
/// and the settings may be out of date.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct NewsroomChanged;

/// The app was started again on this newsroom; this window was brought forward
/// instead.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct LaunchedAgain;

/// The app is asked to end (SIGTERM at logout or shutdown, SIGINT): save what is
/// typed now, then call `flushed`.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct FlushRequested;
/// A command chosen in the menu bar (by click or shortcut), by its id: the window
/// runs it as it runs the same command from its palette.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct MenuCommand(pub String);
