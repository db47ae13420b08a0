//! Keeping what the editor typed: the keystroke journal synced to the disk at least
//! once a second, and an orderly end on SIGTERM (what a logout or shutdown sends),
//! SIGINT (Ctrl+C in a terminal) and SIGHUP, which would otherwise end the app
//! without its exit handler.
//!
//! Those signals seldom come to the app alone: a logout sends SIGTERM to every
//! process of the session, Ctrl+C sends SIGINT to the terminal's whole process group.
//! WebKit's web process, where the page runs, would end at once and the page would
//! never hear that it should save. So on Unix the app holds them (a blocked signal
//! mask) from the start of `main`, before any thread or process starts; every thread
//! and WebKit's processes inherit the mask (GLib, which starts those, resets signal
//! handlers but not the mask), and one thread of the app takes the signals with
//! `sigwait` (a handler takes those that reach a thread that does not hold them).
//! WebKit's processes live on until the app ends, and end with it when
//! their connection to it closes. Programs started with `std::process` (the browser
//! for a link) start with a clear mask: the standard library resets it.

use std::sync::Arc;
#[cfg(unix)]
use std::sync::atomic::{AtomicBool, Ordering};
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

/// The signals that end the app, held since `main` began (see the module's docs).
#[derive(Debug)]
pub struct HeldSignals {
    #[cfg(unix)]
    held: Result<nix::sys::signal::SigSet, nix::Error>,
}

#[cfg(unix)]
fn ending_signals() -> nix::sys::signal::SigSet {
    use nix::sys::signal::{SigSet, Signal};
    let mut set = SigSet::empty();
    for signal in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP] {
        set.add(signal);
    }
    set
}

impl HeldSignals {
    /// Holds SIGTERM, SIGINT and SIGHUP for this thread and every thread and process
    /// started from it: call it first in `main`, before anything starts a thread. A
    /// failure is logged by [`end_on_signals`].
    pub fn hold() -> HeldSignals {
        #[cfg(unix)]
        {
            let set = ending_signals();
            // Said in `end_on_signals`: the log is not set up yet.
            HeldSignals {
                held: set.thread_block().map(|()| set),
            }
        }
        #[cfg(not(unix))]
        HeldSignals {}
    }
}

/// Ends the app cleanly on SIGTERM, SIGINT and SIGHUP: the window saves, whatever
/// it could not is folded in from the journal, and the app exits as when its window
/// is closed. A second signal while that runs ends the app at once (the journal has
/// what was typed, for the next start).
#[cfg(unix)]
pub fn end_on_signals(app: tauri::AppHandle, signals: HeldSignals) {
    let ending = Arc::new(AtomicBool::new(false));
    match signals.held {
        Ok(set) => take_held_signals(app.clone(), Arc::clone(&ending), set),
        Err(error) => tracing::warn!(
            "a logout or Ctrl+C may end the app before its window saves (the journal keeps what it typed): {error}"
        ),
    }
    // A thread that does not hold them gets them with a handler instead: JavaScriptCore
    // starts one before `main` that holds nothing, and without a handler such a
    // signal would end the app on the spot.
    tauri::async_runtime::spawn(async move {
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
                return;
            }
        };
        loop {
            let signal = tokio::select! {
                _ = terminate.recv() => "SIGTERM",
                _ = interrupt.recv() => "SIGINT",
                _ = hangup.recv() => "SIGHUP",
            };
            begin_ending(&app, signal, &ending);
        }
    });
}

/// Takes the held signals (`sigwait`) on a thread of its own.
#[cfg(unix)]
fn take_held_signals(
    app: tauri::AppHandle,
    ending: Arc<AtomicBool>,
    set: nix::sys::signal::SigSet,
) {
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            loop {
                match set.wait() {
                    Ok(signal) => begin_ending(&app, signal.as_str(), &ending),
                    Err(error) => {
                        tracing::warn!("signals to end the app are no longer taken: {error}");
                        return;
                    }
                }
            }
        });
    if let Err(error) = spawned {
        tracing::warn!("a logout or shutdown may end the app before it saves: {error}");
    }
}

/// The first signal saves and ends the app (on a thread of its own, so that a
/// second signal is heard); a second one ends it at once.
#[cfg(unix)]
fn begin_ending(app: &tauri::AppHandle, signal: &str, ending: &AtomicBool) {
    if ending.swap(true, Ordering::SeqCst) {
        tracing::warn!(
            "{signal} again: ending now; the journal keeps what was typed for the next start"
        );
        std::process::exit(1);
    }
    tracing::info!("{signal}: saving and ending");
    let ending_app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("ending".into())
        .spawn(move || {
            save_all(&ending_app);
            ending_app.exit(0);
        });
    if let Err(error) = spawned {
        tracing::error!("the app could not save before ending: {error}");
        app.exit(0);
    }
}

/// Ends the app cleanly on Ctrl+C in its console, as on SIGINT on Unix.
#[cfg(not(unix))]
pub fn end_on_signals(app: tauri::AppHandle, _signals: HeldSignals) {
    tauri::async_runtime::spawn(async move {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!("Ctrl+C may end the app before it saves: {error}");
            return;
        }
        tracing::info!("Ctrl+C: saving and ending");
        let ending = app.clone();
        if let Err(error) = tauri::async_runtime::spawn_blocking(move || save_all(&ending)).await {
            tracing::error!("saving before the end failed: {error}");
        }
        app.exit(0);
    });
}

fn save_all(app: &tauri::AppHandle) {
    let state = app.state::<AppState>();
    let seen = state.flushes();
    match FlushRequested.emit(app) {
        Ok(()) => {
            if state.wait_for_flush(seen, FLUSH_WAIT) {
                // The end-to-end test of SIGTERM looks for this line.
                tracing::info!("the window saved before ending");
            } else {
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
