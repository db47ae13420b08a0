//! SQL for the keystroke journal (`typing_sessions`, `keystrokes`), the editor's
//! places in issues (`places`).
//!
//! **Invariant:** an issue's text at its session's `base_version`, with the
//! session's keystrokes after `base_seq` applied in order, is the text the editor
//! had: a save of the editor's text deletes the keystrokes it covers and moves the
//! base in the same transaction.

use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use super::format_timestamp;
use crate::error::{Error, Result};
use crate::typing::{Edit, Place, TypedChange};

/// An issue's typing session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Session {
    pub issue_id: i64,
    pub number: u32,
    pub session: u64,
    pub base_version: u32,
    pub base_seq: u32,
}

fn session_of(conn: &Connection, issue_id: i64) -> Result<Option<(u64, u32)>> {
    Ok(conn
        .prepare_cached("SELECT session, base_seq FROM typing_sessions WHERE issue_id = ?1")?
        .query_row([issue_id], |row| {
            Ok((row.get::<_, i64>(0)? as u64, row.get(1)?))
        })
        .optional()?)
}

/// Records one change of issue `issue_id`'s text. A change of a session older than
/// the stored one, or one a save already covered, is dropped; a newer session
/// replaces the stored one and its keystrokes.
pub(crate) fn record(
    conn: &Connection,
    issue_id: i64,
    change: &TypedChange,
    now: OffsetDateTime,
) -> Result<()> {
    // Sessions come from JavaScript numbers (below 2^53): they fit.
    let session = i64::try_from(change.session).unwrap_or(i64::MAX);
    match session_of(conn, issue_id)? {
        Some((stored, _)) if stored > change.session => return Ok(()),
        Some((stored, base_seq)) if stored == change.session => {
            if change.seq <= base_seq {
                return Ok(());
            }
        }
        _ => {
            conn.prepare_cached("DELETE FROM typing_sessions WHERE issue_id = ?1")?
                .execute([issue_id])?;
            conn.prepare_cached(
                "INSERT INTO typing_sessions (issue_id, session, base_version, base_seq, started_at)
                 VALUES (?1, ?2, ?3, 0, ?4)",
            )?
            .execute(params![
                issue_id,
                session,
                change.base_version,
                format_timestamp(now)
            ])?;
        }
    }
    let edits = serde_json::to_string(&change.edits)
        .map_err(|error| Error::Internal(format!("a typed change could not be stored: {error}")))?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO keystrokes (issue_id, seq, length, edits, typed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        issue_id,
        change.seq,
        change.length,
        edits,
        format_timestamp(now)
    ])?;
    Ok(())
}

/// After the editor's text up to change `seq` of `session` was saved as `version`:
/// those keystrokes are in the issue now, and the rest apply to that version.
pub(crate) fn saved_through(
    conn: &Connection,
    issue_id: i64,
    session: u64,
    seq: u32,
    version: u32,
) -> Result<()> {
    let Ok(session) = i64::try_from(session) else {
        return Ok(());
    };
    let moved = conn
        .prepare_cached(
            "UPDATE typing_sessions SET base_version = ?3, base_seq = max(base_seq, ?4)
             WHERE issue_id = ?1 AND session = ?2",
        )?
        .execute(params![issue_id, session, version, seq])?;
    if moved > 0 {
        conn.prepare_cached("DELETE FROM keystrokes WHERE issue_id = ?1 AND seq <= ?2")?
            .execute(params![issue_id, seq])?;
    }
    Ok(())
}

/// Every typing session that has keystrokes no save covered.
pub(crate) fn pending(conn: &Connection) -> Result<Vec<Session>> {
    super::all_rows(
        conn,
        "SELECT s.issue_id, i.number, s.session, s.base_version, s.base_seq
         FROM typing_sessions s JOIN issues i ON i.id = s.issue_id
         WHERE EXISTS (SELECT 1 FROM keystrokes k WHERE k.issue_id = s.issue_id AND k.seq > s.base_seq)
         ORDER BY i.number",
        [], |row| {
        Ok(Session {
            issue_id: row.get(0)?,
            number: row.get(1)?,
            session: row.get::<_, i64>(2)? as u64,
            base_version: row.get(3)?,
            base_seq: row.get(4)?,
        })
    },
    )
}

/// The keystrokes of `session` after its base, in order, as changes.
pub(crate) fn keystrokes(conn: &Connection, session: &Session) -> Result<Vec<TypedChange>> {
    let mut statement = conn.prepare_cached(
        "SELECT seq, length, edits FROM keystrokes WHERE issue_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let rows = statement.query_map(params![session.issue_id, session.base_seq], |row| {
        Ok((
            row.get::<_, u32>(0)?,
            row.get::<_, u32>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut changes = Vec::new();
    for row in rows {
        let (seq, length, edits) = row?;
        // A row this build cannot read ends the journal there, as a gap would.
        let Ok(edits) = serde_json::from_str::<Vec<Edit>>(&edits) else {
            break;
        };
        changes.push(TypedChange {
            session: session.session,
            base_version: session.base_version,
            seq,
            length,
            edits,
        });
    }
    Ok(changes)
}

/// Forgets issue `issue_id`'s typing session and its keystrokes.
pub(crate) fn forget(conn: &Connection, issue_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM typing_sessions WHERE issue_id = ?1")?
        .execute([issue_id])?;
    Ok(())
}

/// Remembers where the editor is in issue `issue_id`, opened at `now`.
pub(crate) fn set_place(
    conn: &Connection,
    issue_id: i64,
    place: Place,
    now: OffsetDateTime,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO places (issue_id, anchor, head, top, opened_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (issue_id) DO UPDATE SET anchor = excluded.anchor, head = excluded.head,
             top = excluded.top, opened_at = excluded.opened_at",
    )?
    .execute(params![
        issue_id,
        place.anchor,
        place.head,
        place.top,
        format_timestamp(now)
    ])?;
    Ok(())
}

/// Where the editor was in issue `issue_id`.
pub(crate) fn place(conn: &Connection, issue_id: i64) -> Result<Option<Place>> {
    Ok(conn
        .prepare_cached("SELECT anchor, head, top FROM places WHERE issue_id = ?1")?
        .query_row([issue_id], |row| {
            Ok(Place {
                anchor: row.get(0)?,
                head: row.get(1)?,
                top: row.get(2)?,
            })
        })
        .optional()?)
}

/// The number of the issue open most recently (a deleted one does not count).
pub(crate) fn last_open(conn: &Connection) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached(
            "SELECT i.number FROM places p JOIN issues i ON i.id = p.issue_id
             WHERE i.deleted_at IS NULL ORDER BY julianday(p.opened_at) DESC, p.rowid DESC LIMIT 1",
        )?
        .query_row([], |row| row.get(0))
        .optional()?)
}
