//! SQL for the `issues` table.

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::{Date, OffsetDateTime};

use super::{format_date, format_timestamp, parse_date, parse_timestamp};
use crate::error::{Error, Result};
use crate::issue::{Issue, IssueStatus, IssueSummary, NewIssue, issue_slug};

pub(crate) fn list(conn: &Connection) -> Result<Vec<IssueSummary>> {
    let mut statement =
        conn.prepare_cached("SELECT number, date, title, status FROM issues ORDER BY number DESC")?;
    let rows = statement.query_map([], summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads `number, date, title, status`, in that order.
fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<IssueSummary> {
    let number: u32 = row.get(0)?;
    let title: String = row.get(2)?;
    Ok(IssueSummary {
        number,
        date: parse_date(row, 1)?,
        slug: issue_slug(number, &title),
        title,
        status: parse_status(row, 3)?,
    })
}

/// The row id of issue `number`.
pub(crate) fn id(conn: &Connection, number: u32) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM issues WHERE number = ?1")?
        .query_row([number], |row| row.get(0))
        .optional()?
        .ok_or(Error::IssueNotFound { number })
}

pub(crate) fn get(conn: &Connection, number: u32) -> Result<Issue> {
    conn.prepare_cached(
        "SELECT number, date, title, preheader, status, body, updated_at
         FROM issues WHERE number = ?1",
    )?
    .query_row([number], issue_from_row)
    .optional()?
    .ok_or(Error::IssueNotFound { number })
}

pub(crate) fn insert(conn: &Connection, issue: &NewIssue, now: OffsetDateTime) -> Result<()> {
    let taken: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM issues WHERE number = ?1)")?
        .query_row([issue.number], |row| row.get(0))?;
    if taken {
        return Err(Error::InvalidInput(format!(
            "Issue {} already exists; choose another number.",
            issue.number
        )));
    }
    let now = format_timestamp(now);
    conn.prepare_cached(
        "INSERT INTO issues (number, date, title, preheader, status, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        issue.number,
        format_date(issue.date),
        issue.title,
        issue.preheader,
        issue.status.as_str(),
        issue.body,
        now,
    ])?;
    Ok(())
}

/// Replaces the text of issue `number`; returns its row id and title, which the
/// caller needs to bring the derived tables in step (no second read of the row).
pub(crate) fn update_body(
    conn: &Connection,
    number: u32,
    body: &str,
    now: OffsetDateTime,
) -> Result<(i64, String)> {
    conn.prepare_cached(
        "UPDATE issues SET body = ?2, updated_at = ?3 WHERE number = ?1 RETURNING id, title",
    )?
    .query_row(params![number, body, format_timestamp(now)], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })
    .optional()?
    .ok_or(Error::IssueNotFound { number })
}

/// Moves an issue to `status`; whether the move is allowed is decided by the caller.
pub(crate) fn set_status(
    conn: &Connection,
    number: u32,
    status: IssueStatus,
    now: OffsetDateTime,
) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE issues SET status = ?2, updated_at = ?3 WHERE number = ?1")?
        .execute(params![number, status.as_str(), format_timestamp(now)])?;
    if changed == 0 {
        return Err(Error::IssueNotFound { number });
    }
    Ok(())
}

/// Marks an issue as changed now, for changes kept outside its row (its photos).
pub(crate) fn touch(conn: &Connection, number: u32, now: OffsetDateTime) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE issues SET updated_at = ?2 WHERE number = ?1")?
        .execute(params![number, format_timestamp(now)])?;
    if changed == 0 {
        return Err(Error::IssueNotFound { number });
    }
    Ok(())
}

pub(crate) fn latest_number_and_date(conn: &Connection) -> Result<Option<(u32, Date)>> {
    conn.prepare_cached("SELECT number, date FROM issues ORDER BY number DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get(0)?, parse_date(row, 1)?)))
        .optional()
        .map_err(Into::into)
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
    })
}

fn parse_status(row: &Row<'_>, index: usize) -> rusqlite::Result<IssueStatus> {
    let name: String = row.get(index)?;
    IssueStatus::parse(&name).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}

/// Whether a sponsor paid for issue `number`.
pub(crate) fn sponsored(conn: &Connection, number: u32) -> Result<bool> {
    conn.prepare_cached("SELECT sponsored FROM issues WHERE number = ?1")?
        .query_row([number], |row| row.get(0))
        .optional()?
        .ok_or(Error::IssueNotFound { number })
}

/// Marks issue `number` as sponsored or not.
pub(crate) fn set_sponsored(conn: &Connection, number: u32, sponsored: bool) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE issues SET sponsored = ?2 WHERE number = ?1")?
        .execute(params![number, sponsored])?;
    if changed == 0 {
        return Err(Error::IssueNotFound { number });
    }
    Ok(())
}

/// Issues whose title or text match what the editor typed (every word as a prefix),
/// best first (bm25, a word in the title counting more), at most `limit`.
pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<IssueSummary>> {
    let Some(query) = super::sources::fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut statement = conn.prepare_cached(
        "SELECT i.number, i.date, i.title, i.status FROM issues_search
         JOIN issues i ON i.id = issues_search.rowid
         WHERE issues_search MATCH ?1
         ORDER BY bm25(issues_search, 5.0, 1.0), i.number DESC
         LIMIT ?2",
    )?;
    let rows = statement.query_map(
        params![query, i64::try_from(limit).unwrap_or(i64::MAX)],
        summary_from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
