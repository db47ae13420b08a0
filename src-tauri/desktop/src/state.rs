//! What every command shares: the open newsroom (or why there is none), and the
//! guard that turns a panic into an error the window can show.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use newsflash_core::{ErrorReport, Newsroom, Recovered};

/// The result every command returns: its value, or the `{code, message, subject}`
/// the UI shows as a sentence.
pub type CommandResult<T> = Result<T, ErrorReport>;

/// The open newsroom, or why it could not be opened: the window shows that sentence
/// instead of failing to start. The newsroom locks only while it reads or writes, so
/// commands share it without a lock of their own.
#[derive(Debug)]
pub struct AppState {
    newsroom: Result<Arc<Newsroom>, ErrorReport>,
    /// What the keystroke journal put back at start.
    recovered: Vec<Recovered>,
    /// How many times the window said it finished saving when asked to.
    flushes: Mutex<u64>,
    flushed: Condvar,
    /// When the app started (the first line of `main`).
    started: SystemTime,
}

impl AppState {
    pub fn new(
        newsroom: Result<Arc<Newsroom>, ErrorReport>,
        recovered: Vec<Recovered>,
        started: SystemTime,
    ) -> Self {
        AppState {
            newsroom,
            recovered,
            flushes: Mutex::new(0),
            flushed: Condvar::new(),
            started,
        }
    }

    /// When the app started.
    pub fn started(&self) -> SystemTime {
        self.started
    }

    /// What the keystroke journal put back at start.
    pub fn recovered(&self) -> &[Recovered] {
        &self.recovered
    }

    /// The number of flushes the window reported so far: pass it to
    /// [`AppState::wait_for_flush`].
    pub fn flushes(&self) -> u64 {
        *self.flushes.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The window finished saving.
    pub fn flushed(&self) {
        *self.flushes.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.flushed.notify_all();
    }

    /// Waits until the window reports a flush after the `seen`-th, at most `limit`;
    /// says whether it did.
    pub fn wait_for_flush(&self, seen: u64, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        let mut flushes = self.flushes.lock().unwrap_or_else(PoisonError::into_inner);
        while *flushes <= seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            flushes = self
                .flushed
                .wait_timeout(flushes, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// The newsroom, or the report of why it could not be opened.
    pub fn newsroom(&self) -> Result<&Newsroom, ErrorReport> {
        self.newsroom.as_deref().map_err(Clone::clone)
    }

    /// The newsroom to hand to work that outlives a command (the watcher).
    pub fn shared(&self) -> Option<Arc<Newsroom>> {
        self.newsroom.as_ref().ok().map(Arc::clone)
    }
}

/// Runs a command's work; a panic in it (a bug) becomes an error report instead of
/// a call that never answers. Nothing is left half-written by one: every write is a
/// transaction, rolled back when it is dropped.
pub fn guarded<T>(work: impl FnOnce() -> CommandResult<T>) -> CommandResult<T> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unexpected failure".to_owned());
        tracing::error!("a command panicked: {what}");
        Err(ErrorReport::internal(format!(
            "Something went wrong inside Newsflash Studio ({what}); nothing was changed. Try again, and if it happens again, restart the app."
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_for_a_flush_ends_when_the_window_reports_one_or_at_the_limit() {
        let state = Arc::new(AppState::new(
            Err(ErrorReport::internal("no newsroom")),
            Vec::new(),
            SystemTime::now(),
        ));
        let seen = state.flushes();
        assert!(!state.wait_for_flush(seen, Duration::from_millis(20)));
        let window = Arc::clone(&state);
        let reporter = std::thread::spawn(move || window.flushed());
        assert!(state.wait_for_flush(seen, Duration::from_secs(30)));
        reporter.join().unwrap();
        // A flush reported before the request does not count for the next one.
        assert!(!state.wait_for_flush(state.flushes(), Duration::from_millis(20)));
    }

    #[test]
    fn a_panic_becomes_an_internal_error_report() {
        let report = guarded::<()>(|| panic!("index out of bounds")).unwrap_err();
        assert_eq!(report.code, newsflash_core::ErrorCode::Internal);
        assert!(report.message.contains("index out of bounds"), "{report:?}");
        assert_eq!(guarded(|| Ok(3)), Ok(3));
    }
}
