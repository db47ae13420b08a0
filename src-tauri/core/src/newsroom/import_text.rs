//! Importing an issue from pasted plain text (see `paste.rs` for the reading).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use super::{Newsroom, insert_issue};
use crate::error::{Error, Result};
use crate::issue::{IssueStatus, MAX_ISSUE_BODY_BYTES, NewIssue};
use crate::paste::read_pasted_text;
use crate::source::{Source, key_from_name, name_fingerprint};
use crate::store;

/// What an import of pasted text made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextImport {
    /// The new issue's number.
    pub number: u32,
    /// Keys of the sources on the `Sources:` line that matched the library.
    pub matched_sources: Vec<String>,
    /// Keys of sources created for names the library did not know; flagged for review.
    pub new_sources: Vec<String>,
    /// What the `Photo:` line said, if there was one.
    pub photo_credit: Option<String>,
}

impl Newsroom {
    /// Makes a new issue (the next number and date) from pasted plain text: the
    /// headline, sections under short heading lines, citations of the sources on
    /// the `Sources:` line (matched by name or alias; unknown names become new
    /// sources flagged for review). `name` is used in messages. All or nothing.
    pub fn import_pasted_text(
        &mut self,
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
        let pasted = read_pasted_text(text, &self.publication.tagline).ok_or_else(|| {
            Error::InvalidInput(format!("{name} has no text to make an issue from."))
        })?;
        let mut matched_sources = Vec::new();
        let mut new_sources: Vec<Source> = Vec::new();
        let mut citations = Vec::new();
        for source_name in &pasted.source_names {
            let key = match self.resolve_source(source_name)? {
                Some(source) => {
                    matched_sources.push(source.key.clone());
                    source.key
                }
                None => match new_sources.iter().find(|pending| {
                    name_fingerprint(&pending.name) == name_fingerprint(source_name)
                }) {
                    // The same unknown name twice ("X, x"): one new source.
                    Some(pending) => pending.key.clone(),
                    None => {
                        let key =
                            self.free_source_key(&key_from_name(source_name), &new_sources)?;
                        let mut source = Source::new(key.clone(), source_name.trim());
                        source.needs_review = true;
                        source.notes = format!("Created by importing {name}; check its details.");
                        source.validate()?;
                        new_sources.push(source);
                        key
                    }
                },
            };
            let mark = format!("[@{key}]");
            if !citations.contains(&mark) {
                citations.push(mark);
            }
        }
        let (number, date) = self.next_issue(now.date())?;
        let issue = NewIssue {
            number,
            date,
            title: pasted.headline.clone(),
            preheader: String::new(),
            status: IssueStatus::Draft,
            body: pasted.to_markdown(&citations),
        };
        self.store.write(|tx| {
            for source in &new_sources {
                store::sources::insert(tx, source, now)?;
            }
            insert_issue(tx, &issue, now)
        })?;
        Ok(TextImport {
            number,
            matched_sources,
            new_sources: new_sources.into_iter().map(|source| source.key).collect(),
            photo_credit: pasted.photo_credit,
        })
    }

    /// `wanted`, or `wanted-2`, `wanted-3`… if the library or this import has it.
    fn free_source_key(&self, wanted: &str, pending: &[Source]) -> Result<String> {
        let taken = |key: &str| -> Result<bool> {
            Ok(pending.iter().any(|source| source.key == key) || self.source(key)?.is_some())
        };
        if !taken(wanted)? {
            return Ok(wanted.to_owned());
        }
        for n in 2..=1000 {
            let key = format!("{wanted}-{n}");
            if !taken(&key)? {
                return Ok(key);
            }
        }
        Err(Error::InvalidInput(format!(
            "Every citation key like \"{wanted}\" is taken; add that source by hand with its own key."
        )))
    }
}
