//! What every command shares: the open newsroom (or why there is none), and the
//! guard that turns a panic into an error the window can show.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use newsflash_core::{ErrorReport, Newsroom};

/// The result every command returns: its value, or the `{code, message, subject}`
/// the UI shows as a sentence.
pub type CommandResult<T> = Result<T, ErrorReport>;

/// The open newsroom, or why it could not be opened: the window shows that sentence
/// instead of failing to start. The newsroom locks only while it reads or writes, so
/// commands share it without a lock of their own.
#[derive(Debug)]
pub struct AppState {
    newsroom: Result<Arc<Newsroom>, ErrorReport>,
}

impl AppState {
    pub fn new(newsroom: Result<Arc<Newsroom>, ErrorReport>) -> Self {
        AppState { newsroom }
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
    fn a_panic_becomes_an_internal_error_report() {
        let report = guarded::<()>(|| panic!("index out of bounds")).unwrap_err();
        assert_eq!(report.code, newsflash_core::ErrorCode::Internal);
        assert!(report.message.contains("index out of bounds"), "{report:?}");
        assert_eq!(guarded(|| Ok(3)), Ok(3));
    }
}
