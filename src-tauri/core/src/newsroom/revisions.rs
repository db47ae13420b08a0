//! The newsroom façade for revisions and for the status workflow, whose every step
//! keeps a revision.

use rusqlite::Connection;
use time::{Duration, OffsetDateTime};

use super::Newsroom;
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueStatus};
use crate::revision::{Revision, RevisionReason, RevisionSummary};
use crate::store;

/// Saves while typing within this long of the revision they would add refresh it
/// instead, so an afternoon of autosaves keeps one revision a minute, not thousands.
pub(crate) const EDIT_COALESCING: Duration = Duration::minutes(1);

impl Newsroom {
    /// The revisions of issue `number`, newest first.
    pub fn revisions(&self, number: u32) -> Result<Vec<RevisionSummary>> {
        let conn = self.store.conn();
        store::issues::get(conn, number)?;
        store::revisions::list(conn, number)
    }

    /// One revision in full.
    pub fn revision(&self, id: i64) -> Result<Revision> {
        store::revisions::get(self.store.conn(), id)
    }

    /// Puts the title, preheader and text of revision `id` back into issue `number`
    /// (its status stays) and keeps a `restore` revision of the result. The text
    /// it replaces is kept as a revision first, so a restore can be undone.
    pub fn restore_revision(&mut self, number: u32, id: i64, now: OffsetDateTime) -> Result<Issue> {
        self.store.write(|tx| {
            store::issues::get(tx, number)?;
            let revision = store::revisions::get(tx, id)?;
            if revision.issue_number != number {
                return Err(Error::InvalidInput(format!(
                    "Revision {id} belongs to issue {}, not issue {number}; choose one from issue {number}'s revisions.",
                    revision.issue_number
                )));
            }
            keep_unsaved_state(tx, number, now)?;
            store::revisions::copy_to_issue(tx, id, now)?;
            // The restored text has its own articles and citations.
            let restored = store::issues::get(tx, number)?;
            let issue_id = store::issues::id(tx, number)?;
            store::articles::sync(
                tx,
                issue_id,
                &restored.title,
                &restored.body,
                &crate::markdown::outline(&restored.body),
            )?;
            store::revisions::insert(
                tx,
                number,
                RevisionReason::Restore,
                &format!("revision {id}"),
                now,
            )?;
            Ok(())
        })?;
        self.issue(number)
    }

    /// Moves issue `number` to `status`: forward one step at a time (draft → in
    /// review → ready → published), or back to draft from any status with a
    /// `reason`, kept as the note of the `status` revision this records.
    pub fn set_issue_status(
        &mut self,
        number: u32,
        status: IssueStatus,
        reason: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let reason = reason.map(str::trim).unwrap_or_default();
        self.store.write(|tx| {
            let current = store::issues::get(tx, number)?.status;
            check_transition(number, current, status, reason)?;
            store::issues::set_status(tx, number, status, now)?;
            store::revisions::insert(tx, number, RevisionReason::Status, reason, now)?;
            Ok(())
        })
    }

    /// Keeps an `export` revision of issue `number`; `note` names what was written.
    pub(crate) fn record_export(
        &mut self,
        number: u32,
        note: &str,
        now: OffsetDateTime,
    ) -> Result<()> {
        self.store.write(|tx| {
            store::revisions::insert(tx, number, RevisionReason::Export, note, now).map(drop)
        })
    }
}

/// Keeps the issue's text after a save while typing: refreshes the latest revision
/// if it is a typing revision less than [`EDIT_COALESCING`] old, else adds one
/// (unless the latest revision already holds exactly this).
pub(super) fn record_edit(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    match store::revisions::latest(conn, number)? {
        Some(latest)
            if latest.reason == RevisionReason::Edit
                && now - latest.created_at < EDIT_COALESCING =>
        {
            store::revisions::refresh(conn, latest.id)
        }
        Some(latest) if latest.same_as_issue => Ok(()),
        _ => store::revisions::insert(conn, number, RevisionReason::Edit, "", now).map(drop),
    }
}

/// Keeps a revision of an issue as it was added (from a file, the sample content or
/// the app's "new issue").
pub(super) fn record_import(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    store::revisions::insert(conn, number, RevisionReason::Import, "", now).map(drop)
}

/// Makes sure the issue as it is now is in some revision (a newsroom from before
/// revisions, or a change made outside the app's saving), before it is overwritten.
fn keep_unsaved_state(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    match store::revisions::latest(conn, number)? {
        Some(latest) if latest.same_as_issue => Ok(()),
        _ => store::revisions::insert(conn, number, RevisionReason::Edit, "", now).map(drop),
    }
}

/// Refuses a status change the workflow does not allow, naming what is allowed.
fn check_transition(number: u32, from: IssueStatus, to: IssueStatus, reason: &str) -> Result<()> {
    if to == IssueStatus::Draft && from != IssueStatus::Draft {
        if reason.is_empty() {
            return Err(Error::InvalidInput(format!(
                "Issue {number} is {from}; moving it back to draft needs a reason (what must change), so give one."
            )));
        }
        return Ok(());
    }
    if from.next() == Some(to) {
        return Ok(());
    }
    let allowed = match (from.next(), from) {
        (Some(next), IssueStatus::Draft) => format!("it can move on to {next}"),
        (Some(next), _) => format!("it can move on to {next}, or back to draft with a reason"),
        (None, _) => "it can only go back to draft, with a reason".to_owned(),
    };
    let state = if from == to {
        format!("already {from}")
    } else {
        from.to_string()
    };
    Err(Error::InvalidInput(format!(
        "Issue {number} is {state}, so it cannot move to {to}; {allowed}."
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use IssueStatus::{Draft, InReview, Published, Ready};

    #[test]
    fn forward_one_step_is_allowed() {
        for (from, to) in [(Draft, InReview), (InReview, Ready), (Ready, Published)] {
            check_transition(1, from, to, "").unwrap();
            check_transition(1, from, to, "why not").unwrap();
        }
    }

    #[test]
    fn back_to_draft_needs_a_reason() {
        for from in [InReview, Ready, Published] {
            check_transition(1, from, Draft, "typo in the headline").unwrap();
            let message = check_transition(1, from, Draft, "")
                .unwrap_err()
                .to_string();
            assert!(message.contains("needs a reason"), "{message}");
        }
    }

    #[test]
    fn every_other_move_is_refused_naming_the_allowed_ones() {
        let allowed = |from: IssueStatus, to: IssueStatus| {
            from.next() == Some(to) || (to == Draft && from != Draft)
        };
        for from in IssueStatus::ALL {
            for to in IssueStatus::ALL {
                if allowed(from, to) {
                    continue;
                }
                let message = check_transition(4, from, to, "a reason")
                    .unwrap_err()
                    .to_string();
                assert!(message.starts_with("Issue 4 is "), "{message}");
                for next in from.allowed_next() {
                    assert!(message.contains(next.as_str()), "{message}");
                }
            }
        }
        assert_eq!(
            check_transition(4, Draft, Ready, "")
                .unwrap_err()
                .to_string(),
            "Issue 4 is draft, so it cannot move to ready; it can move on to in_review."
        );
        assert_eq!(
            check_transition(4, InReview, Published, "")
                .unwrap_err()
                .to_string(),
            "Issue 4 is in_review, so it cannot move to published; it can move on to ready, or back to draft with a reason."
        );
        assert_eq!(
            check_transition(4, Published, Published, "")
                .unwrap_err()
                .to_string(),
            "Issue 4 is already published, so it cannot move to published; it can only go back to draft, with a reason."
        );
        assert_eq!(
            check_transition(4, Draft, Draft, "x")
                .unwrap_err()
                .to_string(),
            "Issue 4 is already draft, so it cannot move to draft; it can move on to in_review."
        );
    }

    #[test]
    fn allowed_next_statuses() {
        assert_eq!(Draft.allowed_next(), vec![InReview]);
        assert_eq!(InReview.allowed_next(), vec![Ready, Draft]);
        assert_eq!(Ready.allowed_next(), vec![Published, Draft]);
        assert_eq!(Published.allowed_next(), vec![Draft]);
    }
}
