//! The newsroom façade for the desk: the keystroke journal (every change of the
//! editor's text, kept as it happens until a save covers it, and given back after a
//! crash), where the editor was in each issue, and what the app opens at start.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Newsroom, NewsroomInfo, revisions, sync_articles};
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueStatus, IssueSummary};
use crate::revision::RevisionReason;
use crate::store::{
    self,
    issues::{Change, Written},
    revisions::Content,
    typing::Session,
};
use crate::typing::{Place, Recovered, TypedChange, apply, utf16_len, view_top_before};

/// The desk's remembered export folder.
const EXPORT_FOLDER: &str = "export_folder";
/// When the journal last reached the disk (written by a synchronous commit).
const JOURNAL_SYNCED: &str = "journal_synced_at";

/// The keystroke journal and the editor's places ([`Newsroom::typing`]).
#[derive(Debug, Clone, Copy)]
pub struct Typing<'a> {
    pub(super) newsroom: &'a Newsroom,
}

/// Everything the window needs to show the editor's work at once: one call at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Desk {
    /// The newsroom.
    pub info: NewsroomInfo,
    /// Its issues, newest first.
    pub issues: Vec<IssueSummary>,
    /// The issue to open: the last one open, else the newest.
    pub open: Option<Issue>,
    /// Where the editor was in it.
    pub place: Option<Place>,
    /// The folder the last export went into.
    pub export_folder: Option<String>,
    /// What [`Typing::recover`] put back at start (the app fills it in), for the
    /// window to say.
    pub recovered: Vec<Recovered>,
}

/// The editor's text of an issue as the journal gives it back.
struct Replayed {
    text: String,
    typed: u32,
    removed: u32,
    end: u32,
    applied: u32,
    refused: u32,
}

fn replay(body: &str, session: &Session, changes: &[TypedChange]) -> Replayed {
    let mut replayed = Replayed {
        text: body.to_owned(),
        typed: 0,
        removed: 0,
        end: 0,
        applied: 0,
        refused: 0,
    };
    let mut expected = session.base_seq.saturating_add(1);
    for change in changes {
        // A missing change (its write never happened) ends what can be replayed.
        if change.seq != expected {
            break;
        }
        match apply(&mut replayed.text, change) {
            Ok(applied) => {
                replayed.typed = replayed.typed.saturating_add(applied.typed);
                replayed.removed = replayed.removed.saturating_add(applied.removed);
                replayed.end = applied.end;
                replayed.applied += 1;
            }
            Err(_) => break,
        }
        expected = expected.saturating_add(1);
    }
    replayed.refused = u32::try_from(changes.len())
        .unwrap_or(u32::MAX)
        .saturating_sub(replayed.applied);
    replayed
}

impl Typing<'_> {
    /// Records one change the editor made to issue `number`'s text, without waiting
    /// for the disk: it survives the app being killed at once, and a power cut
    /// after the next [`Typing::sync`] (or save).
    pub fn record(&self, number: u32, change: &TypedChange, now: OffsetDateTime) -> Result<()> {
        self.newsroom.store.write_unsynced(|tx| {
            let id = store::issues::id(tx, number)?;
            store::typing::record(tx, id, change, now)
        })
    }

    /// Makes what was recorded durable against a power cut, if something is not
    /// yet; says whether it had to. Call it at least once a second.
    pub fn sync(&self, now: OffsetDateTime) -> Result<bool> {
        if !self.newsroom.store.has_unsynced() {
            return Ok(false);
        }
        // A synchronous commit syncs the log, with every commit before it.
        self.newsroom.store.write(|tx| {
            store::values::DESK.set(tx, JOURNAL_SYNCED, &store::format_timestamp(now))
        })?;
        Ok(true)
    }

    /// Puts back into each issue the changes no save covered (the app stopped before
    /// saving them), and says what was put back. Call it once at start, before the
    /// window shows an issue.
    pub fn recover(&self, now: OffsetDateTime) -> Result<Vec<Recovered>> {
        let sessions = self.newsroom.store.read(store::typing::pending)?;
        let mut recovered = Vec::new();
        for session in sessions {
            if let Some(report) = self.recover_session(&session, now)? {
                tracing::info!(issue = session.number, "{}", report.message);
                recovered.push(report);
            }
        }
        Ok(recovered)
    }

    fn recover_session(&self, session: &Session, now: OffsetDateTime) -> Result<Option<Recovered>> {
        let store = &self.newsroom.store;
        let (issue, changes) = store.read(|conn| {
            let issue = match store::issues::get(conn, session.number) {
                Ok(issue) => Some(issue),
                Err(Error::IssueNotFound { .. }) => None,
                Err(other) => return Err(other),
            };
            Ok((issue, store::typing::keystrokes(conn, session)?))
        })?;
        let Some(issue) = issue else {
            // Deleted since: its keystrokes go with it.
            store.write(|tx| store::typing::forget(tx, session.issue_id))?;
            return Ok(None);
        };
        let count = u32::try_from(changes.len()).unwrap_or(u32::MAX);
        if issue.version != session.base_version {
            store.write(|tx| store::typing::forget(tx, session.issue_id))?;
            return Ok(Some(Recovered::unfitting(issue.number, count)));
        }
        let replayed = replay(&issue.body, session, &changes);
        if replayed.applied == 0 {
            store.write(|tx| store::typing::forget(tx, session.issue_id))?;
            return Ok(Some(Recovered::unfitting(issue.number, count)));
        }
        if replayed.text == issue.body {
            // Typed and undone: nothing to put back, nothing to tell.
            store.write(|tx| store::typing::forget(tx, session.issue_id))?;
            return Ok(None);
        }
        if replayed.refused > 0 {
            tracing::warn!(
                issue = issue.number,
                "{} typed changes did not fit the text and were left out",
                replayed.refused
            );
        }
        let parsed = self.newsroom.parser.parse(&replayed.text);
        store.write(|tx| {
            let number = issue.number;
            if issue.status == IssueStatus::Published {
                // Read-only: the text is kept as a revision to copy from.
                store::revisions::insert_content(
                    tx,
                    number,
                    RevisionReason::Conflict,
                    "typed before the app stopped unexpectedly",
                    Content {
                        date: issue.date,
                        title: &issue.title,
                        preheader: &issue.preheader,
                        body: &replayed.text,
                    },
                    now,
                )?;
            } else {
                match store::issues::update(
                    tx,
                    number,
                    session.base_version,
                    Change::Body(&replayed.text),
                    now,
                )? {
                    Written::Saved { id, title, .. } => {
                        sync_articles(tx, id, &title, &replayed.text, &parsed)?;
                        revisions::record_edit(tx, number, now)?;
                    }
                    // Read a moment ago at this version, inside no other window: only
                    // another process writing right now gets here.
                    Written::Stale { .. } => {
                        return Err(Error::NewsroomBusy {
                            path: self.newsroom.path().to_owned(),
                        });
                    }
                }
                // The cursor where the typing stopped, in view with a few lines above it.
                let place = Place {
                    anchor: replayed.end,
                    head: replayed.end,
                    top: view_top_before(&replayed.text, replayed.end, 6),
                };
                store::typing::set_place(tx, session.issue_id, place, now)?;
            }
            store::typing::forget(tx, session.issue_id)
        })?;
        Ok(Some(Recovered::restored(
            issue.number,
            replayed.typed,
            replayed.removed,
        )))
    }

    /// Records that issue `number` is open in the window now (keeping the place the
    /// editor had in it); returns its title.
    pub fn opened(&self, number: u32, now: OffsetDateTime) -> Result<String> {
        self.newsroom.store.write_unsynced(|tx| {
            let id = store::issues::id(tx, number)?;
            let place = store::typing::place(tx, id)?.unwrap_or(Place {
                anchor: 0,
                head: 0,
                top: 0,
            });
            store::typing::set_place(tx, id, place, now)?;
            Ok(store::issues::get(tx, number)?.title)
        })
    }

    /// Remembers where the editor is in issue `number`, and that it is the one open.
    pub fn set_place(&self, number: u32, place: Place, now: OffsetDateTime) -> Result<()> {
        self.newsroom.store.write_unsynced(|tx| {
            let id = store::issues::id(tx, number)?;
            store::typing::set_place(tx, id, place, now)
        })
    }

    /// Where the editor was in issue `number`.
    pub fn place(&self, number: u32) -> Result<Option<Place>> {
        self.newsroom.store.read(|conn| {
            let id = store::issues::id(conn, number)?;
            store::typing::place(conn, id)
        })
    }

    /// The issue the editor had open last.
    pub fn last_open(&self) -> Result<Option<u32>> {
        self.newsroom.store.read(store::typing::last_open)
    }

    /// The folder the last export went into.
    pub fn export_folder(&self) -> Result<Option<String>> {
        self.newsroom
            .store
            .read(|conn| store::values::DESK.get(conn, EXPORT_FOLDER))
    }

    /// Remembers `folder` as the one to offer for the next export.
    pub fn set_export_folder(&self, folder: &str) -> Result<()> {
        self.newsroom
            .store
            .write(|tx| store::values::DESK.set(tx, EXPORT_FOLDER, folder))
    }

    /// What the desk shows with issue `number` open (else the one it opens at start),
    /// as far as a picture of it depends on the newsroom: that issue, its version and
    /// the list. Two answers are equal exactly when the desk would look the same, so
    /// a window can tell whether what it kept of itself at its last close is still
    /// true ([`Typing::desk`] opens the same issue with the same text and list). An
    /// issue `number` that is not there is refused.
    pub fn shown(&self, number: Option<u32>) -> Result<String> {
        self.newsroom.store.read(|conn| {
            if let Some(number) = number {
                store::issues::id(conn, number)?;
            }
            desk_shown(conn, number)
        })
    }

    /// What the window shows first: the last open issue (else the newest) with the
    /// editor's place in it, the list, and the newsroom; one read.
    pub fn desk(&self, today: Date) -> Result<Desk> {
        let info = self.newsroom.info(today)?;
        let (issues, open, place, export_folder) = self.newsroom.store.read(|conn| {
            let issues = store::issues::list(conn)?;
            let number = store::typing::last_open(conn)?
                .or_else(|| issues.first().map(|summary| summary.number));
            let (open, place) = match number {
                Some(number) => {
                    let id = store::issues::id(conn, number)?;
                    (
                        Some(store::issues::get(conn, number)?),
                        store::typing::place(conn, id)?,
                    )
                }
                None => (None, None),
            };
            let export_folder = store::values::DESK.get(conn, EXPORT_FOLDER)?;
            Ok((issues, open, place, export_folder))
        })?;
        // A place past the end (the text was shortened elsewhere) is clamped.
        let place = match (&open, place) {
            (Some(issue), Some(place)) => {
                let length = utf16_len(&issue.body);
                Some(Place {
                    anchor: place.anchor.min(length),
                    head: place.head.min(length),
                    top: place.top.min(length),
                })
            }
            _ => None,
        };
        Ok(Desk {
            info,
            issues,
            open,
            place,
            export_folder,
            recovered: Vec::new(),
        })
    }
}

/// What the desk shows, as far as its first screen depends on it: the issue open
/// (`number`, else the one the desk opens at start), that issue's version, and the
/// list (each change of an issue adds one to its version; a deletion shortens it).
fn desk_shown(conn: &rusqlite::Connection, number: Option<u32>) -> Result<String> {
    let issues = store::issues::list(conn)?;
    let open = match number {
        Some(number) => Some(number),
        None => store::typing::last_open(conn)?.or_else(|| issues.first().map(|i| i.number)),
    };
    let open_version = issues
        .iter()
        .find(|summary| Some(summary.number) == open)
        .map(|summary| summary.version);
    let versions: u64 = issues
        .iter()
        .map(|summary| u64::from(summary.version))
        .sum();
    Ok(format!(
        "issue {open:?} at version {open_version:?}; {} issues, versions summing to {versions}",
        issues.len()
    ))
}
