//! SQL for revisions: `revisions`, snapshots of an issue's row.

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;

use super::{format_timestamp, parse_date, parse_status, parse_timestamp};
use crate::error::{Error, Result};
use crate::revision::{Revision, RevisionReason, RevisionSummary};

/// What the coalescing of typing needs to know about an issue's latest revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Latest {
    pub(crate) id: i64,
    pub(crate) reason: RevisionReason,
    pub(crate) created_at: OffsetDateTime,
    /// Whether it holds exactly what the issue holds now.
    pub(crate) same_as_issue: bool,
}

pub(crate) fn latest(conn: &Connection, number: u32) -> Result<Option<Latest>> {
    conn.prepare_cached(
        "SELECT r.id, r.reason, r.created_at,
                r.date = i.date AND r.title = i.title AND r.preheader = i.preheader
                AND r.status = i.status AND r.body = i.body
         FROM revisions r JOIN issues i ON i.id = r.issue_id
         WHERE i.number = ?1 ORDER BY r.id DESC LIMIT 1",
    )?
    .query_row([number], |row| {
        Ok(Latest {
            id: row.get(0)?,
            reason: parse_reason(row, 1)?,
            created_at: parse_timestamp(row, 2)?,
            same_as_issue: row.get(3)?,
        })
    })
    .optional()
    .map_err(Into::into)
}

/// Keeps a snapshot of issue `number` as it is now; returns the revision's id.
pub(crate) fn insert(
    conn: &Connection,
    number: u32,
    reason: RevisionReason,
    note: &str,
    now: OffsetDateTime,
) -> Result<i64> {
    insert_row(conn, number, reason, note, None, now)
}

/// What a revision holds besides its issue's status: for one kept of a save that
/// found the issue changed elsewhere, what that save would have written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Content<'a> {
    pub(crate) date: time::Date,
    pub(crate) title: &'a str,
    pub(crate) preheader: &'a str,
    pub(crate) body: &'a str,
}

/// Keeps `content` as a revision of issue `number` (with the issue's status);
/// returns its id.
pub(crate) fn insert_content(
    conn: &Connection,
    number: u32,
    reason: RevisionReason,
    note: &str,
    content: Content<'_>,
    now: OffsetDateTime,
) -> Result<i64> {
    insert_row(conn, number, reason, note, Some(content), now)
}

/// A revision of issue `number` holding `content`, or the issue as it is where
/// there is none (the NULLs fall back to the issue's columns).
fn insert_row(
    conn: &Connection,
    number: u32,
    reason: RevisionReason,
    note: &str,
    content: Option<Content<'_>>,
    now: OffsetDateTime,
) -> Result<i64> {
    let id = conn
        .prepare_cached(
            "INSERT INTO revisions (issue_id, created_at, reason, note,
                                    date, title, preheader, status, body)
             SELECT id, ?2, ?3, ?4, coalesce(?5, date), coalesce(?6, title),
                    coalesce(?7, preheader), status, coalesce(?8, body)
             FROM issues WHERE number = ?1
             RETURNING id",
        )?
        .query_row(
            params![
                number,
                format_timestamp(now),
                reason.as_str(),
                note,
                content.map(|content| super::format_date(content.date)),
                content.map(|content| content.title),
                content.map(|content| content.preheader),
                content.map(|content| content.body),
            ],
            |row| row.get(0),
        )
        .optional()?;
    id.ok_or(Error::IssueNotFound { number })
}

/// Replaces the snapshot in revision `id` with its issue as it is now; its time,
/// reason and note stay.
pub(crate) fn refresh(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE revisions AS r
         SET date = i.date, title = i.title, preheader = i.preheader,
             status = i.status, body = i.body
         FROM issues AS i
         WHERE r.id = ?1 AND i.id = r.issue_id",
    )?
    .execute([id])?;
    Ok(())
}

/// The revisions of issue `number`, newest first.
pub(crate) fn list(conn: &Connection, number: u32) -> Result<Vec<RevisionSummary>> {
    super::all_rows(
        conn,
        "SELECT r.id, r.created_at, r.reason, r.note, r.title, r.status,
                length(CAST(r.body AS BLOB))
         FROM revisions r JOIN issues i ON i.id = r.issue_id
         WHERE i.number = ?1 ORDER BY r.id DESC",
        [number],
        |row| {
            Ok(RevisionSummary {
                id: row.get(0)?,
                created_at: parse_timestamp(row, 1)?,
                reason: parse_reason(row, 2)?,
                note: row.get(3)?,
                title: row.get(4)?,
                status: parse_status(row, 5)?,
                size: row.get(6)?,
            })
        },
    )
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Revision> {
    conn.prepare_cached(
        "SELECT r.id, i.number, r.created_at, r.reason, r.note,
                r.date, r.title, r.preheader, r.status, r.body
         FROM revisions r JOIN issues i ON i.id = r.issue_id
         WHERE r.id = ?1",
    )?
    .query_row([id], |row| {
        Ok(Revision {
            id: row.get(0)?,
            issue_number: row.get(1)?,
            created_at: parse_timestamp(row, 2)?,
            reason: parse_reason(row, 3)?,
            note: row.get(4)?,
            date: parse_date(row, 5)?,
            title: row.get(6)?,
            preheader: row.get(7)?,
            status: parse_status(row, 8)?,
            body: row.get(9)?,
        })
    })
    .optional()?
    .ok_or(Error::RevisionNotFound { id })
}

/// Puts the title, preheader and text of revision `id` back into its issue. The
/// status and date stay as they are: a restore is an edit, not a workflow step.
pub(crate) fn copy_to_issue(conn: &Connection, id: i64, now: OffsetDateTime) -> Result<()> {
    let changed = conn
        .prepare_cached(
            "UPDATE issues AS i
             SET title = r.title, preheader = r.preheader, body = r.body, updated_at = ?2,
                 version = i.version + 1
             FROM revisions AS r
             WHERE r.id = ?1 AND i.id = r.issue_id",
        )?
        .execute(params![id, format_timestamp(now)])?;
    if changed == 0 {
        return Err(Error::RevisionNotFound { id });
    }
    Ok(())
}

fn parse_reason(row: &Row<'_>, index: usize) -> rusqlite::Result<RevisionReason> {
    let name: String = row.get(index)?;
    RevisionReason::parse(&name).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}
