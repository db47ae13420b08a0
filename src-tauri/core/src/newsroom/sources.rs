//! The newsroom façade for sources: the library issues cite, its search, name
//! resolution, and its CSV file.

use rusqlite::Connection;
use time::OffsetDateTime;

use super::{Newsroom, sync_articles};
use crate::error::{Error, Result};
use crate::markdown::rename_citations;
use crate::revision::RevisionReason;
use crate::source::{Source, SourceUse, name_fingerprint};
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
    /// be taken: then every `[@key]` citation of every issue (published and deleted
    /// ones too) is rewritten to the new key in the same transaction, each changed
    /// issue keeping a revision that says so. [`Sources::uses`] tells beforehand
    /// how many citations that is.
    pub fn update(&self, key: &str, mut source: Source, now: OffsetDateTime) -> Result<Source> {
        prepare(&mut source)?;
        self.newsroom.store.write(|tx| {
            store::sources::update(tx, key, &source, now)?;
            if source.key != key {
                rewrite_citations(self.newsroom, tx, key, &source.key, now)?;
            }
            Ok(())
        })?;
        Ok(source)
    }

    /// The issues that cite the source with key `key` (whether or not the library
    /// has it), newest first, with how many citations each has.
    pub fn uses(&self, key: &str) -> Result<Vec<SourceUse>> {
        let uses = self
            .newsroom
            .store
            .read(|conn| store::articles::source_uses(conn, key))?;
        Ok(uses.into_iter().map(|(_, used)| used).collect())
    }

    /// Merges the duplicate source `from` into `into`: every citation of `from` is
    /// rewritten to `into` (as a key rename does), `from`'s names and aliases
    /// become aliases of `into`, and `from` is removed, all in one transaction.
    /// Returns `into` as stored.
    pub fn merge(&self, from: &str, into: &str, now: OffsetDateTime) -> Result<Source> {
        if from == into {
            return Err(Error::SourceMergedIntoItself {
                key: from.to_owned(),
            });
        }
        self.newsroom.store.write(|tx| {
            let duplicate = store::sources::get(tx, from)?.ok_or_else(|| not_found(from))?;
            let mut kept = store::sources::get(tx, into)?.ok_or_else(|| not_found(into))?;
            let known: Vec<String> = [&kept.key, &kept.name, &kept.full_name]
                .into_iter()
                .chain(&kept.aliases)
                .map(|name| name_fingerprint(name))
                .collect();
            for name in [duplicate.name, duplicate.full_name]
                .into_iter()
                .chain(duplicate.aliases)
            {
                let fingerprint = name_fingerprint(&name);
                if !fingerprint.is_empty() && !known.contains(&fingerprint) {
                    kept.aliases.push(name.trim().to_owned());
                }
            }
            prepare(&mut kept)?;
            rewrite_citations(self.newsroom, tx, from, into, now)?;
            store::sources::delete(tx, from)?;
            store::sources::update(tx, into, &kept, now)?;
            Ok(kept)
        })
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
        self.import_csv_with_progress(file, bytes, now, &mut |_| {})
    }

    /// [`Sources::import_csv`], telling `progress` how far it got every
    /// [`IMPORT_PROGRESS_STEP`] sources (and once at the end), for a large file.
    pub fn import_csv_with_progress(
        &self,
        file: &str,
        bytes: &[u8],
        now: OffsetDateTime,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<SourcesImportReport> {
        let mut sources = parse_sources_csv(file, bytes)?;
        // In key order, neighbouring rows share pages of the key and fingerprint
        // indexes: a library of 100,000 imports a quarter faster than in file order.
        sources.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        let total = u32::try_from(sources.len()).unwrap_or(u32::MAX);
        progress(ImportProgress { done: 0, total });
        let report = self.newsroom.store.write(|tx| {
            let mut report = SourcesImportReport::default();
            for (done, chunk) in (0_u32..).zip(sources.chunks(IMPORT_PROGRESS_STEP)) {
                let part = merge_sources(tx, chunk, now)?;
                report.added += part.added;
                report.updated += part.updated;
                report.unchanged += part.unchanged;
                let step = u32::try_from(IMPORT_PROGRESS_STEP).unwrap_or(u32::MAX);
                progress(ImportProgress {
                    done: done.saturating_add(1).saturating_mul(step).min(total),
                    total,
                });
            }
            Ok(report)
        })?;
        Ok(report)
    }

    /// The library as a sources file, sorted by key, which
    /// [`Newsroom::import_sources_csv`] reads back unchanged. Aliases and review
    /// flags are not part of the file.
    pub fn export_csv(&self) -> Result<String> {
        write_sources_csv(&self.list()?)
    }
}

/// How many sources an import merges between two reports of its progress.
pub const IMPORT_PROGRESS_STEP: usize = 2000;

/// How far an import of a sources file got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// Sources merged so far.
    pub done: u32,
    /// Sources in the file.
    pub total: u32,
}

fn not_found(key: &str) -> Error {
    Error::SourceNotFound {
        key: key.to_owned(),
    }
}

/// Rewrites every citation of `from` to `to` in every issue that has one, keeping a
/// revision of each issue changed; the caller holds the transaction. Returns how
/// many citations changed.
fn rewrite_citations(
    newsroom: &Newsroom,
    tx: &Connection,
    from: &str,
    to: &str,
    now: OffsetDateTime,
) -> Result<usize> {
    let mut total = 0;
    for (id, _) in store::articles::source_uses(tx, from)? {
        let body = store::issues::body_by_id(tx, id)?;
        let (text, renamed) = rename_citations(&body, from, to);
        if renamed == 0 {
            continue;
        }
        let (number, title) = store::issues::rewrite_body(tx, id, &text, now)?;
        let parsed = newsroom.parser.parse(&text);
        sync_articles(tx, id, &title, &text, &parsed)?;
        store::revisions::insert(
            tx,
            number,
            RevisionReason::Edit,
            &format!("citations of {from} now name {to}"),
            now,
        )?;
        total += renamed;
    }
    Ok(total)
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
