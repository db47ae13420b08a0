//! Keeping what the editor typed: the keystroke journal synced to the disk at least
//! once a second, and an orderly end on SIGTERM (what a logout or shutdown sends)
//! and SIGINT, which would otherwise end the app without its exit handler.

use std::sync::Arc;
use std::time::Duration;

use newsflash_core::Newsroom;
use tauri::Manager;
use tauri_specta::Event as _;

use crate::events::FlushRequested;
use crate::state::AppState;

/// How often the journal is synced when a change has not reached the disk yet
/// (changes are written at once, but only synced by saves and by this).
const SYNC_EVERY: Duration = Duration::from_millis(500);

/// How long the window may take to save when the app is asked to end. What it
/// does not save in time is in the journal, and folded into the issue below.
const FLUSH_WAIT: Duration = Duration::from_secs(2);

/// Syncs the keystroke journal on a thread of its own.
pub fn sync_journal(newsroom: Arc<Newsroom>) {
    let spawned = std::thread::Builder::new()
        .name("journal-sync".into())
        .spawn(move || {
            loop {
                std::thread::sleep(SYNC_EVERY);
                if let Err(error) = newsroom.typing().sync(time::OffsetDateTime::now_utc()) {
                    tracing::warn!("typed text could not be synced to the disk: {error}");
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("typed text will reach the disk only when saved: {error}");
    }
}

/// Ends the app cleanly on SIGTERM, SIGINT and SIGHUP: the window saves, whatever
/// it could not is folded in from the journal, and the app exits as when its window
/// is closed.
pub fn end_on_signals(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let Some(signal) = next_signal().await else {
            return;
        };
        tracing::info!("{signal}: saving and ending");
        let ending = app.clone();
        if let Err(error) = tauri::async_runtime::spawn_blocking(move || save_all(&ending)).await {
            tracing::error!("saving before the end failed: {error}");
        }
        app.exit(0);
    });
}

#[cfg(unix)]
async fn next_signal() -> Option<&'static str> {
    use tokio::signal::unix::{SignalKind, signal};
    let listening = (|| {
        Ok::<_, std::io::Error>((
            signal(SignalKind::terminate())?,
            signal(SignalKind::interrupt())?,
            signal(SignalKind::hangup())?,
        ))
    })();
    let (mut terminate, mut interrupt, mut hangup) = match listening {
        Ok(signals) => signals,
        Err(error) => {
            tracing::warn!("a logout or shutdown may end the app before it saves: {error}");
            return None;
        }
    };
    Some(tokio::select! {
        _ = terminate.recv() => "SIGTERM",
        _ = interrupt.recv() => "SIGINT",
        _ = hangup.recv() => "SIGHUP",
    })
}

#[cfg(not(unix))]
async fn next_signal() -> Option<&'static str> {
    match tokio::signal::ctrl_c().await {
        Ok(()) => Some("Ctrl+C"),
        Err(error) => {
            tracing::warn!("Ctrl+C may end the app before it saves: {error}");
            None
        }
    }
}

fn save_all(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    let seen = state.flushes();
    match FlushRequested.emit(app) {
        Ok(()) => {
            if !state.wait_for_flush(seen, FLUSH_WAIT) {
                tracing::warn!(
                    "the window did not finish saving within {} s; the journal has what it typed",
                    FLUSH_WAIT.as_secs()
                );
            }
        }
        Err(error) => tracing::warn!("the window could not be asked to save: {error}"),
    }
    let Ok(newsroom) = state.newsroom() else {
        return;
    };
    // Whatever the window did not save is still in the journal: into the issue now,
    // so that the next start has nothing to recover.
    match newsroom.typing().recover(time::OffsetDateTime::now_utc()) {
        Ok(folded) => {
            for report in folded {
                tracing::info!(
                    issue = report.number,
                    "saved from the journal before ending"
                );
            }
        }
        Err(error) => {
            tracing::warn!("typed text stays in the journal until the next start: {error}");
        }
    }
}
