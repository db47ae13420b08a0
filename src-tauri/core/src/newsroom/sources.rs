//! The newsroom façade for sources: the library issues cite, its search, name
//! resolution, and its CSV file.

use rusqlite::Connection;
use time::OffsetDateTime;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::source::{Source, name_fingerprint};
use crate::source_csv::{SourcesImportReport, parse_sources_csv, write_sources_csv};
use crate::store::{self, sources::Merged};

/// The most results one search returns: more than fit in a suggestion list, and a
/// bound on the work one keystroke can cause.
pub const MAX_SOURCE_SEARCH_RESULTS: usize = 100;

/// The source library of a newsroom ([`Newsroom::sources`]).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub(super) newsroom: &'a Newsroom,
}

impl Sources<'_> {
    /// Adds a source to the library, checked and trimmed (aliases sorted, without
    /// duplicates); returns it as stored. A key already in the library is refused
    /// ([`Error::SourceKeyTaken`]).
    pub fn add(&self, mut source: Source, now: OffsetDateTime) -> Result<Source> {
        prepare(&mut source)?;
        self.newsroom
            .store
            .write(|tx| store::sources::insert(tx, &source, now))?;
        Ok(source)
    }

    /// Replaces the source with key `key` by `source`, aliases and review flag
    /// included; returns it as stored. `source` may carry a new key, which must not
    /// be taken. Renaming a key does not rewrite `[@key]` citations in issue text:
    /// the preflight reports them as missing from the library.
    pub fn update(&self, key: &str, mut source: Source, now: OffsetDateTime) -> Result<Source> {
        prepare(&mut source)?;
        self.newsroom
            .store
            .write(|tx| store::sources::update(tx, key, &source, now))?;
        Ok(source)
    }

    /// Removes the source with key `key`, with its aliases.
    pub fn remove(&self, key: &str) -> Result<()> {
        self.newsroom
            .store
            .write(|tx| store::sources::delete(tx, key))
    }

    /// The source with citation key `key`, if the library has it.
    pub fn get(&self, key: &str) -> Result<Option<Source>> {
        self.newsroom
            .store
            .read(|conn| store::sources::get(conn, key))
    }

    /// The whole library, sorted by key.
    pub fn list(&self) -> Result<Vec<Source>> {
        self.newsroom.store.read(store::sources::list)
    }

    /// Search as you type. Finds the sources whose key, names, aliases or notes
    /// contain every word of `query` as the start of a word ("hum ri" finds Human
    /// Rights Watch), best first: those that answer to the whole query exactly (key,
    /// name, full name or alias, ignoring case, spaces and punctuation), then those
    /// whose key starts with it (names that start with what was typed), then the
    /// rest by relevance (bm25, a match in the key or names counting more than one
    /// in the notes). When a query matches too many sources to rank quickly (a
    /// letter or two of a common word in a large library), the rest are not
    /// ranked: matches in the key, names or aliases come before matches only in the
    /// notes. At most `limit` results, and never more than
    /// [`MAX_SOURCE_SEARCH_RESULTS`]. A query with no letters or digits gives the
    /// first sources by name, for a list to pick from.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Source>> {
        self.newsroom
            .store
            .read(|conn| store::sources::search(conn, query, limit.min(MAX_SOURCE_SEARCH_RESULTS)))
    }

    /// The source a name written by hand means, as in "Sources: HRW, AlJazeera".
    /// Names are compared as fingerprints ([`name_fingerprint`]: case, spaces and
    /// punctuation ignored) with each source's key, name, full name and aliases.
    ///
    /// When several sources answer to the name, the one whose short name matches
    /// wins, then the one whose key matches, then full name, then alias; if two
    /// sources tie at the first level that matches, the name is ambiguous and the
    /// error ([`Error::AmbiguousSourceName`]) lists their keys for the editor to
    /// choose. `None` when no source answers to it.
    pub fn resolve(&self, name: &str) -> Result<Option<Source>> {
        let fingerprint = name_fingerprint(name);
        if fingerprint.is_empty() {
            return Ok(None);
        }
        let mut candidates = self
            .newsroom
            .store
            .read(|conn| store::sources::with_fingerprint(conn, &fingerprint))?;
        if candidates.len() <= 1 {
            return Ok(candidates.pop());
        }
        let levels: [fn(&Source) -> Vec<&str>; 4] = [
            |source| vec![source.name.as_str()],
            |source| vec![source.key.as_str()],
            |source| vec![source.full_name.as_str()],
            |source| source.aliases.iter().map(String::as_str).collect(),
        ];
        for names_at_level in levels {
            let mut matching: Vec<Source> = candidates
                .iter()
                .filter(|source| {
                    names_at_level(source)
                        .into_iter()
                        .any(|candidate| name_fingerprint(candidate) == fingerprint)
                })
                .cloned()
                .collect();
            match matching.len() {
                0 => continue,
                1 => return Ok(matching.pop()),
                _ => {
                    return Err(Error::AmbiguousSourceName {
                        name: name.trim().to_owned(),
                        keys: matching.into_iter().map(|source| source.key).collect(),
                    });
                }
            }
        }
        // Unreachable while fingerprints are derived from these four fields; say so
        // rather than guess.
        Err(Error::AmbiguousSourceName {
            name: name.trim().to_owned(),
            keys: candidates.into_iter().map(|source| source.key).collect(),
        })
    }

    /// Imports a sources file (`key,name,full_name,homepage,kind,notes`, UTF-8, a
    /// byte-order mark allowed), merging by key: new keys are added, known keys get
    /// the file's names, homepage, kind and notes (their aliases and review flag
    /// stay). Importing the same file again changes nothing. If any row is bad, or a
    /// key appears twice, nothing is imported and the error lists the lines. `file`
    /// names the file in messages.
    pub fn import_csv(
        &self,
        file: &str,
        bytes: &[u8],
        now: OffsetDateTime,
    ) -> Result<SourcesImportReport> {
        let mut sources = parse_sources_csv(file, bytes)?;
        // In key order, neighbouring rows share pages of the key and fingerprint
        // indexes: a library of 100,000 imports a quarter faster than in file order.
        sources.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        self.newsroom
            .store
            .write(|tx| merge_sources(tx, &sources, now))
    }

    /// The library as a sources file, sorted by key, which
    /// [`Newsroom::import_sources_csv`] reads back unchanged. Aliases and review
    /// flags are not part of the file.
    pub fn export_csv(&self) -> Result<String> {
        write_sources_csv(&self.list()?)
    }
}

/// Adds or updates each source; the caller holds the transaction.
pub(crate) fn merge_sources(
    conn: &Connection,
    sources: &[Source],
    now: OffsetDateTime,
) -> Result<SourcesImportReport> {
    let mut report = SourcesImportReport::default();
    for source in sources {
        let count = match store::sources::merge(conn, source, now)? {
            Merged::Added => &mut report.added,
            Merged::Updated => &mut report.updated,
            Merged::Unchanged => &mut report.unchanged,
        };
        *count += 1;
    }
    Ok(report)
}

fn prepare(source: &mut Source) -> Result<()> {
    source.validate()?;
    source.aliases.sort();
    source.aliases.dedup();
    Ok(())
}
