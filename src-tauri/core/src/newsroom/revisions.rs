//! The newsroom façade for revisions: snapshots of an issue kept as it is written,
//! at each status change, export, import, restore, correction and deletion.

use rusqlite::Connection;
use time::{Duration, OffsetDateTime};

use super::{Newsroom, sync_articles};
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueStatus};
use crate::revision::{DiffLine, Revision, RevisionReason, RevisionSummary, diff_lines};
use crate::store;

/// Saves while typing within this long of the revision they would add refresh it
/// instead, so an afternoon of autosaves keeps one revision a minute, not thousands.
pub(crate) const EDIT_COALESCING: Duration = Duration::minutes(1);

/// The revisions of a newsroom's issues ([`Newsroom::revisions`]).
#[derive(Debug, Clone, Copy)]
pub struct Revisions<'a> {
    pub(super) newsroom: &'a Newsroom,
}

impl Revisions<'_> {
    /// The revisions of issue `number`, newest first.
    pub fn list(&self, number: u32) -> Result<Vec<RevisionSummary>> {
        self.newsroom.store.read(|conn| {
            store::issues::get(conn, number)?;
            store::revisions::list(conn, number)
        })
    }

    /// One revision in full.
    pub fn get(&self, id: i64) -> Result<Revision> {
        self.newsroom
            .store
            .read(|conn| store::revisions::get(conn, id))
    }

    /// The text of revision `id` line by line against its issue's text as saved
    /// now: what restoring it would take out (added since) and bring back
    /// (removed since).
    pub fn diff(&self, id: i64) -> Result<Vec<DiffLine>> {
        let (old, new) = self.newsroom.store.read(|conn| {
            let revision = store::revisions::get(conn, id)?;
            let issue = store::issues::get(conn, revision.issue_number)?;
            Ok((revision.body, issue.body))
        })?;
        Ok(diff_lines(&old, &new))
    }

    /// Puts the title, preheader and text of revision `id` back into issue `number`
    /// (its status stays) and keeps a `restore` revision of the result. The text
    /// it replaces is kept as a revision first, so a restore can be undone. A
    /// published issue must be reopened first.
    pub fn restore(&self, number: u32, id: i64, now: OffsetDateTime) -> Result<Issue> {
        self.newsroom.store.write(|tx| {
            let issue = store::issues::get(tx, number)?;
            if issue.status == IssueStatus::Published {
                return Err(Error::IssuePublished { number });
            }
            let revision = store::revisions::get(tx, id)?;
            if revision.issue_number != number {
                return Err(Error::RevisionOfAnotherIssue {
                    id,
                    belongs_to: revision.issue_number,
                    number,
                });
            }
            keep_unsaved_state(tx, number, now)?;
            store::revisions::copy_to_issue(tx, id, now)?;
            // The restored text has its own articles and citations.
            let restored = store::issues::get(tx, number)?;
            let issue_id = store::issues::id(tx, number)?;
            let parsed = self.newsroom.parser.parse(&restored.body);
            sync_articles(tx, issue_id, &restored.title, &restored.body, &parsed)?;
            store::revisions::insert(
                tx,
                number,
                RevisionReason::Restore,
                &format!("revision {id}"),
                now,
            )?;
            Ok(())
        })?;
        self.newsroom.issues().get(number)
    }

    /// Keeps an `export` revision of issue `number`; `note` names what was written.
    pub(crate) fn record_export(&self, number: u32, note: &str, now: OffsetDateTime) -> Result<()> {
        self.newsroom.store.write(|tx| {
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
