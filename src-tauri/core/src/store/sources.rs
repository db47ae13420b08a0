//! SQL for sources: `sources`, `source_aliases`, `source_fingerprints`, `sources_search`.
//!
//! **Invariant:** `source_fingerprints` and `sources_search` are derived from
//! `sources` and `source_aliases`. Every function here that writes a source rewrites
//! its fingerprints and search row in the same (the caller's) transaction, so they
//! never disagree with the source.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, Row, named_params, params};
use time::OffsetDateTime;

use super::format_timestamp;
use crate::error::{Error, Result};
use crate::search_query::fts_query;
use crate::source::{Source, SourceLabel, name_fingerprint};

/// The columns [`source_from_row`] reads, in its order.
const COLUMNS: &str = "id, key, name, full_name, homepage, kind, notes, needs_review";

/// Column weights for bm25, in the order of `sources_search`'s columns (key, name,
/// full_name, aliases, notes): a word in the key or a name says far more about what
/// the editor is looking for than the same word in the notes.
const RANK: &str = "bm25(10.0, 8.0, 5.0, 5.0, 1.0)";

/// What an import did with one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merged {
    Added,
    Updated,
    Unchanged,
}

/// The source with this key.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<Source>> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM sources WHERE key = ?1"))?
        .query_row([key], source_from_row)
        .optional()?;
    match found {
        Some((id, mut source)) => {
            source.aliases = aliases_of(conn, id)?;
            Ok(Some(source))
        }
        None => Ok(None),
    }
}

/// All sources, sorted by key.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Source>> {
    // Two queries rather than one per source: the library can hold 100,000.
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    let mut statement = conn
        .prepare_cached("SELECT source_id, alias FROM source_aliases ORDER BY source_id, alias")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        aliases.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    let mut statement =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM sources ORDER BY key"))?;
    let rows = statement.query_map([], source_from_row)?;
    let mut sources = Vec::new();
    for row in rows {
        let (id, mut source) = row?;
        source.aliases = aliases.remove(&id).unwrap_or_default();
        sources.push(source);
    }
    Ok(sources)
}

/// Adds a checked source. Refuses a key that is taken.
pub(crate) fn insert(conn: &Connection, source: &Source, now: OffsetDateTime) -> Result<()> {
    if id_of(conn, &source.key)?.is_some() {
        return Err(Error::SourceKeyTaken {
            key: source.key.clone(),
        });
    }
    insert_new(conn, source, now)
}

/// [`insert`] for a key known to be free.
fn insert_new(conn: &Connection, source: &Source, now: OffsetDateTime) -> Result<()> {
    let id = write_row(conn, None, source, now)?;
    insert_aliases(conn, id, &source.aliases)?;
    index(conn, id, source)
}

/// Writes `source`'s own columns to row `id`, or to a new row when `id` is None
/// (SQLite numbers a row inserted with a NULL id), and returns the row's id.
fn write_row(
    conn: &Connection,
    id: Option<i64>,
    source: &Source,
    now: OffsetDateTime,
) -> Result<i64> {
    let sql = if id.is_some() {
        "UPDATE sources SET key = :key, name = :name, full_name = :full_name,
             homepage = :homepage, kind = :kind, notes = :notes,
             needs_review = :needs_review, updated_at = :now
         WHERE id = :id"
    } else {
        "INSERT INTO sources (id, key, name, full_name, homepage, kind, notes, needs_review,
             created_at, updated_at)
         VALUES (:id, :key, :name, :full_name, :homepage, :kind, :notes, :needs_review,
             :now, :now)"
    };
    conn.prepare_cached(sql)?.execute(named_params! {
        ":id": id,
        ":key": source.key,
        ":name": source.name,
        ":full_name": source.full_name,
        ":homepage": source.homepage,
        ":kind": source.kind,
        ":notes": source.notes,
        ":needs_review": source.needs_review,
        ":now": format_timestamp(now),
    })?;
    Ok(id.unwrap_or_else(|| conn.last_insert_rowid()))
}

/// Replaces the source with key `key` by `source` (which may carry a new key),
/// aliases included.
pub(crate) fn update(
    conn: &Connection,
    key: &str,
    source: &Source,
    now: OffsetDateTime,
) -> Result<()> {
    let id = id_of(conn, key)?.ok_or_else(|| Error::SourceNotFound {
        key: key.to_owned(),
    })?;
    if source.key != key && id_of(conn, &source.key)?.is_some() {
        return Err(Error::SourceKeyTaken {
            key: source.key.clone(),
        });
    }
    write_row(conn, Some(id), source, now)?;
    conn.prepare_cached("DELETE FROM source_aliases WHERE source_id = ?1")?
        .execute([id])?;
    insert_aliases(conn, id, &source.aliases)?;
    unindex(conn, id)?;
    index(conn, id, source)
}

/// Adds `source` if its key is new, otherwise updates the fields a sources file
/// holds (names, homepage, kind, notes) and leaves its aliases and review flag alone.
pub(crate) fn merge(conn: &Connection, source: &Source, now: OffsetDateTime) -> Result<Merged> {
    let existing = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM sources WHERE key = ?1"))?
        .query_row([&source.key], source_from_row)
        .optional()?;
    let Some((id, mut stored)) = existing else {
        insert_new(conn, source, now)?;
        return Ok(Merged::Added);
    };
    let same = stored.name == source.name
        && stored.full_name == source.full_name
        && stored.homepage == source.homepage
        && stored.kind == source.kind
        && stored.notes == source.notes;
    if same {
        return Ok(Merged::Unchanged);
    }
    conn.prepare_cached(
        "UPDATE sources SET name = ?2, full_name = ?3, homepage = ?4, kind = ?5, notes = ?6,
             updated_at = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        source.name,
        source.full_name,
        source.homepage,
        source.kind,
        source.notes,
        format_timestamp(now),
    ])?;
    stored.name.clone_from(&source.name);
    stored.full_name.clone_from(&source.full_name);
    stored.homepage.clone_from(&source.homepage);
    stored.kind.clone_from(&source.kind);
    stored.notes.clone_from(&source.notes);
    stored.aliases = aliases_of(conn, id)?;
    unindex(conn, id)?;
    index(conn, id, &stored)?;
    Ok(Merged::Updated)
}

/// Removes a source with its aliases, fingerprints and search row.
pub(crate) fn delete(conn: &Connection, key: &str) -> Result<()> {
    let id = id_of(conn, key)?.ok_or_else(|| Error::SourceNotFound {
        key: key.to_owned(),
    })?;
    conn.prepare_cached("DELETE FROM sources_search WHERE rowid = ?1")?
        .execute([id])?;
    // Aliases and fingerprints go with it (ON DELETE CASCADE).
    conn.prepare_cached("DELETE FROM sources WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The sources that answer to `fingerprint` through their key, names or aliases,
/// sorted by key.
pub(crate) fn with_fingerprint(conn: &Connection, fingerprint: &str) -> Result<Vec<Source>> {
    ids(
        conn,
        "SELECT f.source_id FROM source_fingerprints f JOIN sources s ON s.id = f.source_id
         WHERE f.fingerprint = ?1 ORDER BY s.key",
        [fingerprint],
    )?
    .into_iter()
    .map(|id| by_id(conn, id))
    .collect()
}

/// Search as you type: the sources matching every word of `text` (each word as a
/// prefix), best first, at most `limit`:
///
/// 1. sources that answer to the whole text exactly (key, name, full name or alias,
///    compared as fingerprints);
/// 2. sources whose key starts with the text made into a key ("kyiv ev" →
///    `kyiv-ev…`): keys are made from names, so these are the names that start with
///    what was typed, found in the key index without touching the full-text index;
/// 3. the rest by bm25 over key, names, aliases and notes, when at most
///    [`MAX_RANKED`] sources match. Ranking costs time for every match, so a text
///    that matches more (a letter or two of a common word) is not ranked: sources
///    with a match in the key, names or aliases come before those with one only in
///    the notes, each in the order they were added.
///
/// Empty text (or text with no letters or digits) gives the first sources by name.
pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<Source>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let Some(query) = fts_query(text) else {
        let ids: Vec<i64> = conn
            .prepare_cached("SELECT id FROM sources ORDER BY name COLLATE NOCASE, key LIMIT ?1")?
            .query_map([sql_limit], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return ids.into_iter().map(|id| by_id(conn, id)).collect();
    };
    let mut found = Found::new(limit);
    found.extend(ids(
        conn,
        "SELECT f.source_id FROM source_fingerprints f JOIN sources s ON s.id = f.source_id
         WHERE f.fingerprint = ?1 ORDER BY s.key LIMIT ?2",
        params![name_fingerprint(text), sql_limit],
    )?);
    if let Some((from, to)) = key_range(text)
        && !found.is_full()
    {
        found.extend(ids(
            conn,
            "SELECT id FROM sources WHERE key >= ?1 AND key < ?2 ORDER BY key LIMIT ?3",
            params![from, to, sql_limit],
        )?);
    }
    if found.is_full() {
        return found.load(conn);
    }
    // The exact and key matches may come again: ask for that many more.
    let wanted = sql_limit.saturating_add(found.len() as i64);
    let matches = ids(
        conn,
        "SELECT rowid FROM sources_search WHERE sources_search MATCH ?1 LIMIT ?2",
        params![query, MAX_RANKED as i64 + 1],
    )?;
    if matches.len() <= MAX_RANKED {
        // `ORDER BY rank` lets FTS5 rank and cut inside the index.
        found.extend(ids(
            conn,
            &format!(
                "SELECT rowid FROM sources_search
                 WHERE sources_search MATCH ?1 AND rank MATCH '{RANK}'
                 ORDER BY rank LIMIT ?2"
            ),
            params![query, wanted],
        )?);
    } else {
        found.extend(ids(
            conn,
            "SELECT rowid FROM sources_search WHERE sources_search MATCH ?1 LIMIT ?2",
            params![
                format!("{{key name full_name aliases}} : ({query})"),
                wanted
            ],
        )?);
        found.extend(matches);
    }
    found.load(conn)
}

/// The most full-text matches that are ranked by bm25. Ranking reads every match;
/// this many take about a millisecond at 100,000 sources.
pub(crate) const MAX_RANKED: usize = 400;

/// Ids of search results in order, without repeats, up to a limit.
struct Found {
    ids: Vec<i64>,
    limit: usize,
}

impl Found {
    fn new(limit: usize) -> Self {
        Found {
            ids: Vec::with_capacity(limit),
            limit,
        }
    }

    fn extend(&mut self, ids: impl IntoIterator<Item = i64>) {
        for id in ids {
            if self.is_full() {
                return;
            }
            if !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
    }

    fn is_full(&self) -> bool {
        self.ids.len() >= self.limit
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn load(self, conn: &Connection) -> Result<Vec<Source>> {
        self.ids.into_iter().map(|id| by_id(conn, id)).collect()
    }
}

/// The range of keys that start with `text` made into a key: "Kyiv ev" gives
/// `kyiv-ev` to `kyiv-ew`. None when the text has letters a key cannot hold (keys
/// are ASCII; "Médecins" would become "m-decins" and find the wrong sources).
fn key_range(text: &str) -> Option<(String, String)> {
    if text
        .chars()
        .any(|c| c.is_alphanumeric() && !c.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut from = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if !from.is_empty() {
            from.push('-');
        }
        from.push_str(&word.to_ascii_lowercase());
    }
    // The smallest string after every string that starts with `from`: its last
    // character (a letter or digit) plus one.
    let last = from.pop()?;
    let mut to = from.clone();
    from.push(last);
    to.push(char::from(last as u8 + 1));
    Some((from, to))
}

fn ids(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map(params, |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn id_of(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sources WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
}

fn by_id(conn: &Connection, id: i64) -> Result<Source> {
    let (_, mut source) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM sources WHERE id = ?1"))?
        .query_row([id], source_from_row)?;
    source.aliases = aliases_of(conn, id)?;
    Ok(source)
}

fn aliases_of(conn: &Connection, id: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT alias FROM source_aliases WHERE source_id = ?1 ORDER BY alias")?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn insert_aliases(conn: &Connection, id: i64, aliases: &[String]) -> Result<()> {
    let mut statement = conn.prepare_cached(
        "INSERT OR IGNORE INTO source_aliases (source_id, alias) VALUES (?1, ?2)",
    )?;
    for alias in aliases {
        statement.execute(params![id, alias])?;
    }
    Ok(())
}

/// Writes the derived rows of source `id`: its fingerprints and its search row.
fn index(conn: &Connection, id: i64, source: &Source) -> Result<()> {
    let fingerprints: BTreeSet<String> = [&source.key, &source.name, &source.full_name]
        .into_iter()
        .chain(&source.aliases)
        .map(|name| name_fingerprint(name))
        .filter(|fingerprint| !fingerprint.is_empty())
        .collect();
    let mut statement = conn.prepare_cached(
        "INSERT OR IGNORE INTO source_fingerprints (fingerprint, source_id) VALUES (?1, ?2)",
    )?;
    for fingerprint in &fingerprints {
        statement.execute(params![fingerprint, id])?;
    }
    conn.prepare_cached(
        "INSERT INTO sources_search (rowid, key, name, full_name, aliases, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        source.key,
        source.name,
        source.full_name,
        source.aliases.join("\n"),
        source.notes,
    ])?;
    Ok(())
}

/// Removes the derived rows of source `id`, before [`index`] writes them anew.
fn unindex(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM source_fingerprints WHERE source_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM sources_search WHERE rowid = ?1")?
        .execute([id])?;
    Ok(())
}

fn source_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, Source)> {
    Ok((
        row.get(0)?,
        Source {
            key: row.get(1)?,
            name: row.get(2)?,
            full_name: row.get(3)?,
            homepage: row.get(4)?,
            kind: row.get(5)?,
            notes: row.get(6)?,
            aliases: Vec::new(),
            needs_review: row.get(7)?,
        },
    ))
}

/// The labels of the sources with these keys (keys not in the library are absent).
pub(crate) fn labels(conn: &Connection, keys: &[&str]) -> Result<HashMap<String, SourceLabel>> {
    let mut labels = HashMap::new();
    let mut statement = conn.prepare_cached("SELECT name, homepage FROM sources WHERE key = ?1")?;
    for key in keys {
        if labels.contains_key(*key) {
            continue;
        }
        let mut rows = statement.query([key])?;
        if let Some(row) = rows.next()? {
            labels.insert(
                (*key).to_owned(),
                SourceLabel {
                    name: row.get(0)?,
                    homepage: row.get(1)?,
                },
            );
        }
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);

    fn library() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for step in super::super::MIGRATION_STEPS {
            conn.execute_batch(step).unwrap();
        }
        let mut hrw = Source::new("hrw", "HRW");
        hrw.full_name = "Human Rights Watch".into();
        hrw.notes = "International human rights NGO, New York.".into();
        insert(&conn, &hrw, NOW).unwrap();
        let mut rferl = Source::new("rferl", "RadioFreeEurope");
        rferl.full_name = "Radio Free Europe/Radio Liberty".into();
        rferl.aliases = vec!["RFE/RL".into()];
        insert(&conn, &rferl, NOW).unwrap();
        let mut rights = Source::new("rights-daily", "Rights Daily");
        rights.notes = "Not Human Rights Watch.".into();
        insert(&conn, &rights, NOW).unwrap();
        conn
    }

    fn keys(sources: Vec<Source>) -> Vec<String> {
        sources.into_iter().map(|source| source.key).collect()
    }

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn search_ranks_exact_names_then_key_and_names_above_notes() {
        let conn = library();
        assert_eq!(
            keys(search(&conn, "human rights watch", 10).unwrap()),
            ["hrw", "rights-daily"]
        );
        assert_eq!(
            keys(search(&conn, "Hum", 10).unwrap()),
            ["hrw", "rights-daily"]
        );
        assert_eq!(keys(search(&conn, "radio fr", 10).unwrap()), ["rferl"]);
        assert_eq!(keys(search(&conn, "rfe", 10).unwrap()), ["rferl"]);
        // "rights daily" is exactly a name: first, whatever bm25 says.
        assert_eq!(
            keys(search(&conn, "Rights Daily", 10).unwrap())[0],
            "rights-daily"
        );
        assert_eq!(keys(search(&conn, "RFE/RL", 10).unwrap()), ["rferl"]);
        assert_eq!(keys(search(&conn, "hrw", 1).unwrap()), ["hrw"]);
        assert!(search(&conn, "zzz", 10).unwrap().is_empty());
        assert!(search(&conn, "hrw", 0).unwrap().is_empty());
        // Nothing to search for: the first by name.
        assert_eq!(keys(search(&conn, " ", 2).unwrap()), ["hrw", "rferl"]);
    }

    #[test]
    fn typed_text_becomes_a_range_of_keys() {
        let range = |text| key_range(text);
        assert_eq!(range("Kyiv ev"), Some(("kyiv-ev".into(), "kyiv-ew".into())));
        assert_eq!(
            range("radio-free 9"),
            Some(("radio-free-9".into(), "radio-free-:".into()))
        );
        assert_eq!(range("ap"), Some(("ap".into(), "aq".into())));
        assert_eq!(range("Médecins"), None);
        assert_eq!(range(" - "), None);
    }

    #[test]
    fn names_that_start_with_the_text_come_before_other_matches() {
        let conn = library();
        let mut radio = Source::new("radio-rights", "Radio Rights");
        radio.notes = "Rights, rights, rights.".into();
        insert(&conn, &radio, NOW).unwrap();
        assert_eq!(keys(search(&conn, "righ", 10).unwrap())[0], "rights-daily");
        assert_eq!(
            keys(search(&conn, "rights d", 10).unwrap()),
            ["rights-daily"]
        );
    }

    #[test]
    fn a_text_that_matches_too_many_to_rank_puts_name_matches_first() {
        let conn = library();
        for n in 0..=MAX_RANKED {
            let mut many = Source::new(format!("outlet-{n}"), format!("Outlet {n}"));
            many.notes = "Covers human rights.".into();
            insert(&conn, &many, NOW).unwrap();
        }
        let found = keys(search(&conn, "hum", 5).unwrap());
        assert_eq!(found[0], "hrw", "{found:?}");
        assert_eq!(found.len(), 5);
        assert_eq!(
            keys(search(&conn, "outlet 1", 3).unwrap()),
            ["outlet-1", "outlet-10", "outlet-100"]
        );
    }

    #[test]
    fn derived_rows_follow_every_write() {
        let conn = library();
        let fingerprints = |conn: &Connection| {
            count(
                conn,
                "SELECT count(*) FROM source_fingerprints f JOIN sources s ON s.id = f.source_id WHERE s.key = 'rferl'",
            )
        };
        // rferl, radiofreeeurope, radiofreeeuroperadioliberty, rferl (alias: same).
        assert_eq!(fingerprints(&conn), 3);
        let mut renamed = get(&conn, "rferl").unwrap().unwrap();
        renamed.key = "rfe".into();
        renamed.aliases = vec!["Radio Liberty".into()];
        update(&conn, "rferl", &renamed, NOW).unwrap();
        assert_eq!(keys(search(&conn, "liberty", 10).unwrap()), ["rfe"]);
        assert_eq!(
            keys(with_fingerprint(&conn, "radioliberty").unwrap()),
            ["rfe"]
        );
        assert!(with_fingerprint(&conn, "rferl").unwrap().is_empty());
        assert_eq!(count(&conn, "SELECT count(*) FROM sources_search"), 3);
        delete(&conn, "rfe").unwrap();
        assert_eq!(count(&conn, "SELECT count(*) FROM sources_search"), 2);
        // hrw and humanrightswatch; rightsdaily.
        assert_eq!(count(&conn, "SELECT count(*) FROM source_fingerprints"), 3);
        assert_eq!(count(&conn, "SELECT count(*) FROM source_aliases"), 0);
        assert!(matches!(
            delete(&conn, "rfe"),
            Err(Error::SourceNotFound { .. })
        ));
    }

    #[test]
    fn merge_keeps_aliases_and_reports_what_it_did() {
        let conn = library();
        let mut rferl = get(&conn, "rferl").unwrap().unwrap();
        rferl.aliases.clear();
        assert_eq!(merge(&conn, &rferl, NOW).unwrap(), Merged::Unchanged);
        rferl.notes = "Prague.".into();
        assert_eq!(merge(&conn, &rferl, NOW).unwrap(), Merged::Updated);
        let stored = get(&conn, "rferl").unwrap().unwrap();
        assert_eq!(
            (stored.notes.as_str(), stored.aliases.as_slice()),
            ("Prague.", &["RFE/RL".to_owned()][..])
        );
        assert_eq!(keys(search(&conn, "prague rfe", 10).unwrap()), ["rferl"]);
        assert_eq!(
            merge(&conn, &Source::new("new", "New"), NOW).unwrap(),
            Merged::Added
        );
    }

    #[test]
    fn keys_are_unique() {
        let conn = library();
        let error = insert(&conn, &Source::new("hrw", "Other"), NOW).unwrap_err();
        assert!(
            matches!(error, Error::SourceKeyTaken { ref key } if key == "hrw"),
            "{error}"
        );
        let error = update(&conn, "rferl", &Source::new("hrw", "Other"), NOW).unwrap_err();
        assert!(matches!(error, Error::SourceKeyTaken { .. }), "{error}");
        let error = update(&conn, "nope", &Source::new("nope", "Nope"), NOW).unwrap_err();
        assert!(matches!(error, Error::SourceNotFound { .. }), "{error}");
    }

    proptest! {
        /// Whatever the editor types, the query is valid FTS5: no syntax errors.
        #[test]
        fn any_text_searches_without_error(text in "\\PC{0,40}|[\"*^:(){}+\\- a-zA-Z0-9]{0,20}") {
            let conn = library();
            search(&conn, &text, 5).unwrap();
        }
    }
}
