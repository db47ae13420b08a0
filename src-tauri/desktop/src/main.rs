//! `newsflash-studio`: the desktop app. A Tauri shell: the window, the dialogs and
//! thin commands over newsflash-core.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod menu;

use std::path::PathBuf;
use std::sync::Mutex;

use clap::Parser;
use newsflash_core::{ErrorReport, NEWSROOM_ENV, Newsroom, Seed, choose_newsroom_path};
use tauri::Manager;

/// What `--version` prints after the name: the release and the commit it was built
/// from (build.rs); the About box shows the same.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("NEWSFLASH_COMMIT"),
    ")"
);

/// Newsflash Studio: write, preview and export the issues of a newsletter.
///
/// Opens the default newsroom (newsroom.db in the user's data folder, e.g.
/// ~/.local/share/newsflash-studio/newsroom.db), created from the sample content on
/// first start, or the one chosen with --newsroom or NEWSFLASH_NEWSROOM.
#[derive(Debug, Parser)]
#[command(name = "newsflash-studio", version = VERSION)]
struct Args {
    /// The newsroom file to open.
    #[arg(long, value_name = "PATH", env = NEWSROOM_ENV)]
    newsroom: Option<PathBuf>,
}

/// The open newsroom, or why it could not be opened: the window shows that sentence
/// instead of failing to start.
#[derive(Debug)]
pub struct AppState {
    newsroom: Mutex<Result<Newsroom, ErrorReport>>,
}

fn main() {
    let started = std::time::Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let path = choose_newsroom_path(args.newsroom, None);
    let assets = path.as_deref().ok().map(newsflash_core::assets_dir_of);
    let newsroom = path
        .and_then(|path| {
            tracing::info!(newsroom = %path.display(), "opening newsroom");
            Newsroom::open(&path, Seed::Content, time::OffsetDateTime::now_utc())
        })
        .map_err(|error| {
            tracing::error!("{error}");
            ErrorReport::from(error)
        });
    let state = AppState {
        newsroom: Mutex::new(newsroom),
    };

    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .menu(menu::build)
        .setup(move |app| {
            // The preview shows the newsroom's own images (pages name them under the
            // publication's web address, which may not be online yet): only that
            // folder is readable through the asset protocol.
            if let Some(assets) = &assets
                && let Err(error) = app.asset_protocol_scope().allow_directory(assets, false)
            {
                tracing::warn!("photos will not show in the preview: {error}");
            }
            Ok(())
        })
        .on_page_load(move |_, payload| {
            if matches!(payload.event(), tauri::webview::PageLoadEvent::Finished) {
                tracing::info!(
                    "window loaded {} ms after start",
                    started.elapsed().as_millis()
                );
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::newsroom_info,
            commands::list_issues,
            commands::get_issue,
            commands::save_issue_body,
            commands::preview_issue,
            commands::check_issue,
            commands::export_issue,
        ])
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

/// Closes the newsroom before the process ends (Tauri exits without running
/// destructors), so its write-ahead log is folded back into the file and the lock
/// released at once. Nothing depends on it for safety: every save is already on disk.
fn close_newsroom(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    let mut guard = match state.newsroom.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    let closed = Err(ErrorReport::internal("The newsroom was closed."));
    drop(std::mem::replace(&mut *guard, closed));
}
