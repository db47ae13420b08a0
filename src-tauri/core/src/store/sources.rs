//! SQL for sources: `sources`, `source_aliases`, `source_fingerprints`, `sources_search`.

use rusqlite::Connection;

/// What the Sources line needs of a source: its short name and homepage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceLabel {
    pub name: String,
    pub homepage: String,
}

/// The labels of the sources with these keys (keys not in the library are absent).
pub(crate) fn labels(
    conn: &Connection,
    keys: &[&str],
) -> crate::error::Result<std::collections::HashMap<String, SourceLabel>> {
    let mut labels = std::collections::HashMap::new();
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
