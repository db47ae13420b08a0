//! SQL for the `issues` table.
//!
//! **Invariant:** every change to an issue's row adds one to its `version`, so a
//! save that names the version it started from can tell whether someone else (another
//! window, the command line) changed the issue in between.
//!
//! A deleted issue keeps its row (and so its number and revisions) with `deleted_at`
//! set; every read here but [`deleted`] and [`latest_number_and_date`] skips it.

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{format_date, format_timestamp, parse_date, parse_status, parse_timestamp};
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueDetails, IssueStatus, IssueSummary, NewIssue, issue_slug};

const SUMMARY_COLUMNS: &str = "number, date, title, status, version, updated_at";

/// The issues, newest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<IssueSummary>> {
    super::all_rows(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM issues WHERE deleted_at IS NULL ORDER BY number DESC"
        ),
        [],
        summary_from_row,
    )
}

/// The deleted issues, most recently deleted first.
pub(crate) fn deleted(conn: &Connection) -> Result<Vec<IssueSummary>> {
    super::all_rows(
        conn,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM issues WHERE deleted_at IS NOT NULL
             ORDER BY deleted_at DESC, number DESC"
        ),
        [],
        summary_from_row,
    )
}

/// Reads [`SUMMARY_COLUMNS`], in that order.
fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<IssueSummary> {
    let number: u32 = row.get(0)?;
    let title: String = row.get(2)?;
    Ok(IssueSummary {
        number,
        date: parse_date(row, 1)?,
        slug: issue_slug(number, &title),
        title,
        status: parse_status(row, 3)?,
        version: row.get(4)?,
        updated_at: parse_timestamp(row, 5)?,
    })
}

/// The row id of issue `number`.
pub(crate) fn id(conn: &Connection, number: u32) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM issues WHERE number = ?1 AND deleted_at IS NULL")?
        .query_row([number], |row| row.get(0))
        .optional()?
        .ok_or(Error::IssueNotFound { number })
}

/// The text of the issue with row id `id` (deleted or not).
pub(crate) fn body_by_id(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT body FROM issues WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?)
}

/// Replaces the text of the issue with row id `id` whatever its version, status or
/// deletion: for rewrites the newsroom makes in every issue at once (a citation key
/// renamed). Returns its number and title.
pub(crate) fn rewrite_body(
    conn: &Connection,
    id: i64,
    body: &str,
    now: OffsetDateTime,
) -> Result<(u32, String)> {
    Ok(conn
        .prepare_cached(
            "UPDATE issues SET body = ?2, updated_at = ?3, version = version + 1
             WHERE id = ?1 RETURNING number, title",
        )?
        .query_row(params![id, body, format_timestamp(now)], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?)
}

pub(crate) fn get(conn: &Connection, number: u32) -> Result<Issue> {
    conn.prepare_cached(
        "SELECT number, date, title, preheader, status, body, updated_at, version
         FROM issues WHERE number = ?1 AND deleted_at IS NULL",
    )?
    .query_row([number], issue_from_row)
    .optional()?
    .ok_or(Error::IssueNotFound { number })
}

pub(crate) fn insert(conn: &Connection, issue: &NewIssue, now: OffsetDateTime) -> Result<()> {
    if issue.number == 0 {
        return Err(Error::IssueNumberZero);
    }
    // Deleted issues keep their numbers: a number is never given out twice.
    let taken: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM issues WHERE number = ?1)")?
        .query_row([issue.number], |row| row.get(0))?;
    if taken {
        return Err(Error::IssueNumberTaken {
            number: issue.number,
        });
    }
    let now = format_timestamp(now);
    conn.prepare_cached(
        "INSERT INTO issues (number, date, title, preheader, status, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        issue.number,
        format_date(issue.details.date),
        issue.details.title,
        issue.details.preheader,
        issue.status.as_str(),
        issue.body,
        now,
    ])?;
    Ok(())
}

/// What a versioned change of an issue's row did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// Written; the row id and title (which the caller needs to bring the derived
    /// tables in step without a second read), and the new version.
    Saved {
        id: i64,
        title: String,
        version: u32,
    },
    /// Not written: the issue is at `current`, not at the version the change
    /// started from.
    Stale { current: u32 },
}

/// What a versioned change of an issue's row replaces.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Change<'a> {
    /// The text.
    Body(&'a str),
    /// The date, title and preheader.
    Details(&'a IssueDetails),
}

// The versioned changes, for `update`: issue number `?1`, at version `?2`.
const UPDATE_BODY: &str = "UPDATE issues SET body = ?3, updated_at = ?4, version = version + 1
    WHERE number = ?1 AND version = ?2 AND deleted_at IS NULL
    RETURNING id, title, version";
const UPDATE_DETAILS: &str = "UPDATE issues SET date = ?3, title = ?4, preheader = ?5,
                      updated_at = ?6, version = version + 1
    WHERE number = ?1 AND version = ?2 AND deleted_at IS NULL
    RETURNING id, title, version";

/// Makes `change` to issue `number` if it is still at `version`.
pub(crate) fn update(
    conn: &Connection,
    number: u32,
    version: u32,
    change: Change<'_>,
    now: OffsetDateTime,
) -> Result<Written> {
    let now = format_timestamp(now);
    let written = match change {
        Change::Body(body) => conn
            .prepare_cached(UPDATE_BODY)?
            .query_row(params![number, version, body, now], saved),
        Change::Details(details) => conn.prepare_cached(UPDATE_DETAILS)?.query_row(
            params![
                number,
                version,
                format_date(details.date),
                details.title,
                details.preheader,
                now
            ],
            saved,
        ),
    }
    .optional()?;
    match written {
        Some(written) => Ok(written),
        None => stale(conn, number),
    }
}

/// A versioned update's `RETURNING id, title, version`.
fn saved(row: &rusqlite::Row<'_>) -> rusqlite::Result<Written> {
    Ok(Written::Saved {
        id: row.get(0)?,
        title: row.get(1)?,
        version: row.get(2)?,
    })
}

/// Why a versioned update changed nothing: the issue is gone, or at another version.
fn stale(conn: &Connection, number: u32) -> Result<Written> {
    conn.prepare_cached("SELECT version FROM issues WHERE number = ?1 AND deleted_at IS NULL")?
        .query_row([number], |row| row.get(0))
        .optional()?
        .map(|current| Written::Stale { current })
        .ok_or(Error::IssueNotFound { number })
}

/// Moves an issue to `status` (whether the move is allowed is decided by the
/// caller); returns its new version.
pub(crate) fn set_status(
    conn: &Connection,
    number: u32,
    status: IssueStatus,
    now: OffsetDateTime,
) -> Result<u32> {
    conn.prepare_cached(
        "UPDATE issues SET status = ?2, updated_at = ?3, version = version + 1
         WHERE number = ?1 AND deleted_at IS NULL RETURNING version",
    )?
    .query_row(
        params![number, status.as_str(), format_timestamp(now)],
        |row| row.get(0),
    )
    .optional()?
    .ok_or(Error::IssueNotFound { number })
}

/// Marks an issue as changed now, for changes kept outside its row (its photos);
/// returns its new version.
pub(crate) fn touch(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<u32> {
    conn.prepare_cached(
        "UPDATE issues SET updated_at = ?2, version = version + 1
         WHERE number = ?1 AND deleted_at IS NULL RETURNING version",
    )?
    .query_row(params![number, format_timestamp(now)], |row| row.get(0))
    .optional()?
    .ok_or(Error::IssueNotFound { number })
}

// The changes to an issue's row alone, for `change_row`: issue number `?1`, value `?2`.
const MARK_DELETED: &str = "UPDATE issues SET deleted_at = ?2, version = version + 1
    WHERE number = ?1 AND deleted_at IS NULL";
const UNDELETE: &str = "UPDATE issues SET deleted_at = NULL, updated_at = ?2, version = version + 1
    WHERE number = ?1 AND deleted_at IS NOT NULL";
const SET_SPONSORED: &str = "UPDATE issues SET sponsored = ?2, version = version + 1
    WHERE number = ?1 AND deleted_at IS NULL";

/// Moves issue `number` to the deleted issues.
pub(crate) fn mark_deleted(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    change_row(conn, number, MARK_DELETED, format_timestamp(now))
}

/// Brings deleted issue `number` back.
pub(crate) fn undelete(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    change_row(conn, number, UNDELETE, format_timestamp(now))
}

/// The highest number given out (deleted issues included: numbers are never
/// reused), and the date of the latest issue that is not deleted.
pub(crate) fn latest_number_and_date(conn: &Connection) -> Result<Option<(u32, Option<Date>)>> {
    let highest: Option<u32> = conn
        .prepare_cached("SELECT max(number) FROM issues")?
        .query_row([], |row| row.get(0))?;
    let Some(highest) = highest else {
        return Ok(None);
    };
    let date = conn
        .prepare_cached(
            "SELECT date FROM issues WHERE deleted_at IS NULL ORDER BY number DESC LIMIT 1",
        )?
        .query_row([], |row| parse_date(row, 0))
        .optional()?;
    Ok(Some((highest, date)))
}

/// Runs `sql`, one of the changes above, on issue `number`'s row with `value`; an
/// issue it changes nothing of is not there (or not in the state `sql` asks for).
fn change_row(
    conn: &Connection,
    number: u32,
    sql: &str,
    value: impl rusqlite::ToSql,
) -> Result<()> {
    let changed = conn.prepare_cached(sql)?.execute(params![number, value])?;
    if changed == 0 {
        return Err(Error::IssueNotFound { number });
    }
    Ok(())
}

fn issue_from_row(row: &Row<'_>) -> rusqlite::Result<Issue> {
    Ok(Issue {
        number: row.get(0)?,
        date: parse_date(row, 1)?,
        title: row.get(2)?,
        preheader: row.get(3)?,
        status: parse_status(row, 4)?,
        body: row.get(5)?,
        updated_at: parse_timestamp(row, 6)?,
        version: row.get(7)?,
    })
}

/// Whether a sponsor paid for issue `number`.
pub(crate) fn sponsored(conn: &Connection, number: u32) -> Result<bool> {
    conn.prepare_cached("SELECT sponsored FROM issues WHERE number = ?1 AND deleted_at IS NULL")?
        .query_row([number], |row| row.get(0))
        .optional()?
        .ok_or(Error::IssueNotFound { number })
}

/// Marks issue `number` as sponsored or not.
pub(crate) fn set_sponsored(conn: &Connection, number: u32, sponsored: bool) -> Result<()> {
    change_row(conn, number, SET_SPONSORED, sponsored)
}

/// Issues whose title or text match what the editor typed (every word as a prefix),
/// best first (bm25, a word in the title counting more), at most `limit`.
pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<IssueSummary>> {
    let Some(query) = crate::search_query::fts_query(text) else {
        return Ok(Vec::new());
    };
    super::all_rows(
        conn,
        "SELECT i.number, i.date, i.title, i.status, i.version, i.updated_at FROM issues_search
         JOIN issues i ON i.id = issues_search.rowid
         WHERE issues_search MATCH ?1 AND i.deleted_at IS NULL
         ORDER BY bm25(issues_search, 5.0, 1.0), i.number DESC
         LIMIT ?2",
        params![query, i64::try_from(limit).unwrap_or(i64::MAX)],
        summary_from_row,
    )
}
