//! Importing an issue from pasted plain text (see `paste.rs` for the reading).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Issues, insert_issue};
use crate::error::{Error, Result};
use crate::issue::{IssueDetails, IssueStatus, MAX_ISSUE_BODY_BYTES, NewIssue};
use crate::paste::read_pasted_text;
use crate::source::{Source, key_from_name, name_fingerprint};
use crate::store;

/// What importing pasted text did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TextImport {
    /// The new issue's number.
    pub number: u32,
    /// Keys of library sources the `Sources:` names resolved to.
    pub matched_sources: Vec<String>,
    /// Keys of sources made for names the library did not know (flagged for review).
    pub new_sources: Vec<String>,
    /// The `Photo:` credit as pasted, for the editor to enter as a photo's credit.
    pub photo_credit: Option<String>,
}

impl Issues<'_> {
    /// Makes a new issue (the next number and date) from an issue pasted as it was
    /// published (`name` names the text in messages). The names on its `Sources:`
    /// lines are resolved to the library; a name it does not know becomes a new
    /// source flagged for review, so nothing pasted is dropped.
    pub fn import_pasted_text(
        &self,
        name: &str,
        text: &str,
        now: OffsetDateTime,
    ) -> Result<TextImport> {
        if text.len() > MAX_ISSUE_BODY_BYTES {
            return Err(Error::TooLarge {
                what: "pasted text",
                size: text.len(),
                limit: MAX_ISSUE_BODY_BYTES,
            });
        }
        let tagline = self.newsroom.publication().tagline.clone();
        let pasted = read_pasted_text(text, &tagline).ok_or_else(|| {
            Error::invalid_file(name, None, "there is no text to make an issue from")
        })?;
        let sources = self.newsroom.sources();
        let mut matched_sources = Vec::new();
        let mut new_sources: Vec<Source> = Vec::new();
        // By fingerprint: the same unknown name twice ("X, x") makes one source.
        let mut pending: HashMap<String, String> = HashMap::new();
        let mut pending_keys: HashSet<String> = HashSet::new();
        // Where the search for a free key went last, per wanted key: names that
        // all make the same key take the next suffixes without trying the taken ones.
        let mut next_suffix: HashMap<String, u32> = HashMap::new();
        let mut citations = Vec::new();
        let mut cited = HashSet::new();
        for source_name in &pasted.source_names {
            let fingerprint = name_fingerprint(source_name);
            let key = if let Some(key) = pending.get(&fingerprint) {
                key.clone()
            } else if let Some(source) = sources.resolve(source_name)? {
                matched_sources.push(source.key.clone());
                source.key
            } else {
                let wanted = key_from_name(source_name);
                let start = next_suffix.get(&wanted).copied().unwrap_or(1);
                let (key, suffix) = free_key(&wanted, start, |key| {
                    Ok(pending_keys.contains(key) || sources.get(key)?.is_some())
                })?;
                next_suffix.insert(wanted, suffix + 1);
                let mut source = Source::new(key.clone(), source_name.trim());
                source.needs_review = true;
                source.notes = format!("Created by importing {name}; check its details.");
                source.validate()?;
                new_sources.push(source);
                pending.insert(fingerprint, key.clone());
                pending_keys.insert(key.clone());
                key
            };
            let mark = format!("[@{key}]");
            if cited.insert(mark.clone()) {
                citations.push(mark);
            }
        }
        let next = self.next(now.date())?;
        let issue = NewIssue {
            number: next.number,
            details: IssueDetails {
                date: next.date,
                title: pasted.headline.clone(),
                preheader: String::new(),
            },
            status: IssueStatus::Draft,
            body: pasted.to_markdown(&citations),
        };
        let parsed = self.newsroom.parser.parse(&issue.body);
        self.newsroom.store.write(|tx| {
            for source in &new_sources {
                store::sources::insert(tx, source, now)?;
            }
            insert_issue(tx, &issue, &parsed, now)
        })?;
        Ok(TextImport {
            number: next.number,
            matched_sources,
            new_sources: new_sources.into_iter().map(|source| source.key).collect(),
            photo_credit: pasted.photo_credit,
        })
    }
}

/// The most keys tried for one name before giving up.
const MAX_KEY_SUFFIX: u32 = 100_000;

/// The first of `wanted` (suffix 1), `wanted-2`, `wanted-3` … from suffix `start`
/// that is not `taken`, with its suffix.
fn free_key(
    wanted: &str,
    start: u32,
    taken: impl Fn(&str) -> Result<bool>,
) -> Result<(String, u32)> {
    for n in start.max(1)..=MAX_KEY_SUFFIX {
        let key = if n == 1 {
            wanted.to_owned()
        } else {
            format!("{wanted}-{n}")
        };
        if !taken(&key)? {
            return Ok((key, n));
        }
    }
    Err(Error::NoFreeKey {
        wanted: wanted.to_owned(),
    })
}
