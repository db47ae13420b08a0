//! `newsflash-studio`: the desktop app. A Tauri shell: the window, the dialogs and
//! thin commands over newsflash-core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod durability;
mod events;
mod first_screen;
mod menu;
mod startup;
mod state;
mod test_email;
mod watch;
mod window;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Parser;
use newsflash_core::{ErrorReport, NEWSROOM_ENV, Newsroom, Seed, choose_newsroom_path};
use tauri::Manager;
use tauri_specta::Event as _;

use crate::state::AppState;

/// What `--version` prints after the name: the release and the commit it was built
/// from (build.rs); the About box shows the same.
const VERSION: &str = env!("NEWSFLASH_VERSION");

/// Newsflash Studio: write, preview and export the issues of a newsletter.
///
/// Opens the default newsroom (newsroom.db in the user's data folder, e.g.
/// ~/.local/share/newsflash-studio/newsroom.db), created from the sample content on
/// first start, or the one chosen with --newsroom or NEWSFLASH_NEWSROOM. Starting it
/// again on the same newsroom brings the open window to the front.
#[derive(Debug, Parser)]
#[command(name = "newsflash-studio", version = VERSION)]
struct Args {
    /// The newsroom file to open.
    #[arg(long, value_name = "PATH", env = NEWSROOM_ENV)]
    newsroom: Option<PathBuf>,
}

/// The commands and events the UI uses, as tauri-specta registers and exports them.
fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(commands::all())
        .events(tauri_specta::collect_events![
            events::NewsroomChanged,
            events::LaunchedAgain,
            events::FlushRequested,
            events::MenuCommand
        ])
        // The menu bar's commands with this platform's shortcuts: the palette lists them.
        .constant("MENU_COMMANDS", menu::commands_here())
        .error_handling(tauri_specta::ErrorHandlingMode::Throw)
        // One TypeScript type per Rust type: ours serialise and deserialise alike.
        .disable_serde_phases()
        // Revision ids are SQLite row ids: far below 2^53.
        .dangerously_cast_bigints_to_number()
}

fn main() {
    // First of all, before anything starts a thread or a process: they inherit the
    // held signals (durability.rs).
    let signals = durability::HeldSignals::hold();
    let started = std::time::Instant::now();
    let started_at = std::time::SystemTime::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let path = choose_newsroom_path(args.newsroom, None);
    let assets = path.as_deref().ok().map(newsflash_core::assets_dir_of);
    let single_instance_id = path.as_deref().ok().map(single_instance_id);
    let newsroom = path
        .and_then(|path| {
            tracing::info!(newsroom = %path.display(), "opening newsroom");
            Newsroom::open(&path, Seed::Content, time::OffsetDateTime::now_utc())
        })
        .map(Arc::new)
        .map_err(|error| {
            tracing::error!("{error}");
            ErrorReport::from(error)
        });
    // What the app typed before it last stopped unexpectedly goes back into the
    // issues before the window asks for any of them.
    let recovered = match &newsroom {
        Ok(newsroom) => newsroom
            .typing()
            .recover(time::OffsetDateTime::now_utc())
            .unwrap_or_else(|error| {
                tracing::error!("typed text could not be recovered: {error}");
                Vec::new()
            }),
        Err(_) => Vec::new(),
    };
    let state = AppState::new(newsroom, recovered, started_at);
    let specta = specta_builder();

    let mut builder = tauri::Builder::default();
    if let Some(id) = single_instance_id {
        builder = builder.plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(id)
                .callback(|app, _args, _cwd| {
                    if let Some(window) = app.get_webview_window("main") {
                        // Best effort: a window manager may refuse to raise a window.
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                    if let Err(error) = events::LaunchedAgain.emit(app) {
                        tracing::warn!("could not tell the window it was launched again: {error}");
                    }
                })
                .build(),
        );
    }
    let app = builder
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(specta.invoke_handler())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::forward(app, event.id().as_ref()))
        .setup(move |app| {
            specta.mount_events(app);
            // The preview shows the newsroom's own images (pages name them under the
            // publication's web address, which may not be online yet): only that
            // folder is readable through the asset protocol.
            if let Some(assets) = &assets
                && let Err(error) = app.asset_protocol_scope().allow_directory(assets, false)
            {
                tracing::warn!("photos will not show in the preview: {error}");
            }
            if let Some(newsroom) = app.state::<AppState>().shared() {
                watch::changes_elsewhere(app.handle().clone(), Arc::clone(&newsroom));
                durability::sync_journal(newsroom);
            }
            durability::end_on_signals(app.handle().clone(), signals);
            window::keep_state(app.handle().clone());
            // How the window looked when it last closed, if the desk would show the
            // same now (nothing recovered, nothing changed elsewhere since).
            let first_screen = app
                .path()
                .app_cache_dir()
                .ok()
                .zip(app.state::<AppState>().newsroom().ok())
                .and_then(|(cache, newsroom)| {
                    first_screen::kept(&first_screen::file_in(&cache), newsroom)
                });
            let window = window::open_main(app, first_screen.as_deref())?;
            window::draw_without_gpu_layers(&window);
            Ok(())
        })
        .on_window_event(|_, event| {
            if matches!(
                event,
                tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
            ) {
                window::moved();
            }
        })
        .on_page_load(move |_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                tracing::info!(
                    "the window's page loaded {} ms after start",
                    started.elapsed().as_millis()
                );
            }
        })
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            eprintln!("newsflash-studio: the window could not be opened: {error}");
            std::process::exit(1);
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            close_newsroom(app);
        }
    });
}

/// One running app per newsroom: a second launch on the same file brings the first
/// window forward instead of opening another (a launch on another newsroom opens its
/// own window). D-Bus names allow letters, digits and dots, so the path is hashed.
/// The hash is FNV-1a, which every version of the app computes alike (std's hasher
/// may change between Rust releases, and two versions must find each other).
fn single_instance_id(newsroom: &Path) -> String {
    let canonical = std::fs::canonicalize(newsroom).unwrap_or_else(|_| newsroom.to_owned());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in canonical.to_string_lossy().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("studio.newsflash.desktop.n{hash:016x}")
}

/// Folds the newsroom's write-ahead log back into the file before the process ends
/// (Tauri exits without running destructors). Nothing depends on it for safety:
/// every save is already on disk.
fn close_newsroom(app: &tauri::AppHandle) {
    if let Ok(newsroom) = app.state::<AppState>().newsroom()
        && let Err(error) = newsroom.checkpoint()
    {
        tracing::warn!("the newsroom's log stays beside it until the next start: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BINDINGS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/lib/api/bindings.ts"
    );

    fn exported() -> String {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bindings.ts");
        specta_builder()
            .export(
                specta_typescript::Typescript::default().header(
                    "// Generated from the Rust commands, events and types by tauri-specta. Do not edit:\n\
                     // run `UPDATE_BINDINGS=1 cargo test -p newsflash-studio bindings` instead.\n",
                ),
                &file,
            )
            .unwrap();
        std::fs::read_to_string(file).unwrap()
    }

    /// The UI's typed calls are generated from the commands; the committed file must
    /// be what the commands make today.
    #[test]
    fn bindings_are_up_to_date() {
        let fresh = exported();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(BINDINGS, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(BINDINGS).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/api/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p newsflash-studio bindings` and commit it"
        );
    }

    #[test]
    fn single_instance_ids_are_per_newsroom_and_valid_dbus_names() {
        let a = single_instance_id(Path::new("/tmp/a.db"));
        let b = single_instance_id(Path::new("/tmp/b.db"));
        assert_ne!(a, b);
        assert_eq!(a, single_instance_id(Path::new("/tmp/a.db")));
        assert!(a.split('.').all(|element| {
            !element.is_empty()
                && !element.starts_with(|c: char| c.is_ascii_digit())
                && element
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
        }));
    }
}
