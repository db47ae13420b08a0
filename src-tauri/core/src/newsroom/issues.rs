//! The newsroom façade for issues: the list, the text and details an editor saves,
//! the status workflow, deleting and bringing back, and issue files.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use super::outputs::Body;
use super::photos::store_image;
use super::sources::merge_sources;
use super::{BundleContents, Newsroom, insert_issue, revisions, set_article_photos};
use crate::article::{ArticleSummary, Outline};
use crate::error::{Error, Result};
use crate::interchange::{read_issue_file, write_issue_file};
use crate::issue::{
    Issue, IssueDetails, IssueStatus, IssueSummary, NewIssue, SaveOutcome, check_body_size,
    check_transition,
};
use crate::preflight::{Finding, has_errors};
use crate::revision::RevisionReason;
use crate::store::{
    self,
    issues::{Change, Written},
    revisions::Content,
};
use crate::text::normalise_controls;
use crate::typing::TypedThrough;

/// The most issues a search returns.
const MAX_ISSUE_SEARCH_RESULTS: usize = 100;

/// The issues of a newsroom ([`Newsroom::issues`]).
#[derive(Debug, Clone, Copy)]
pub struct Issues<'a> {
    pub(super) newsroom: &'a Newsroom,
}

/// The number and date the next issue gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NextIssue {
    /// One after the highest number given out so far.
    pub number: u32,
    /// One cadence after the latest issue's date, or today for the first issue.
    #[specta(type = String)]
    pub date: Date,
}

impl Issues<'_> {
    /// All issues, newest first (deleted ones are not among them).
    pub fn list(&self) -> Result<Vec<IssueSummary>> {
        self.newsroom.store.read(store::issues::list)
    }

    /// The outline of an issue's text `text` (saved or not): articles and sections
    /// with their lines, words and reading times.
    pub fn outline(&self, text: &str) -> Outline {
        self.newsroom.parser.parse(text).outline()
    }

    /// The deleted issues, most recently deleted first: they can be brought back.
    pub fn deleted(&self) -> Result<Vec<IssueSummary>> {
        self.newsroom.store.read(store::issues::deleted)
    }

    /// Issues whose title or text match `query` (search-as-you-type: every word is
    /// a prefix), best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<IssueSummary>> {
        self.newsroom
            .store
            .read(|conn| store::issues::search(conn, query, limit.min(MAX_ISSUE_SEARCH_RESULTS)))
    }

    /// One issue.
    pub fn get(&self, number: u32) -> Result<Issue> {
        self.newsroom
            .store
            .read(|conn| store::issues::get(conn, number))
    }

    /// The articles of an issue and what each cites, as last saved.
    pub fn articles(&self, number: u32) -> Result<Vec<ArticleSummary>> {
        self.newsroom.store.read(|conn| {
            let id = store::issues::id(conn, number)?;
            store::articles::summaries(conn, id)
        })
    }

    /// The number and date of the next issue: one after the highest number given
    /// out, one cadence after the latest issue's date (or today, for the first).
    pub fn next(&self, today: Date) -> Result<NextIssue> {
        let cadence = i64::from(self.newsroom.publication().cadence_days);
        let latest = self
            .newsroom
            .store
            .read(store::issues::latest_number_and_date)?;
        Ok(match latest {
            Some((number, date)) => NextIssue {
                number: number.saturating_add(1),
                date: date.map_or(today, |date| date + Duration::days(cadence)),
            },
            None => NextIssue {
                number: 1,
                date: today,
            },
        })
    }

    /// Adds an issue as given.
    pub fn add(&self, issue: &NewIssue, now: OffsetDateTime) -> Result<Issue> {
        let issue = prepare_new(issue)?;
        let parsed = self.newsroom.parser.parse(&issue.body);
        self.newsroom
            .store
            .write(|tx| insert_issue(tx, &issue, &parsed, now))?;
        self.get(issue.number)
    }

    /// Starts the next issue (number and date from the cadence) as a draft titled
    /// `title`, with its headline as the first article (an empty title gives an
    /// empty heading to fill in).
    pub fn create(&self, title: &str, today: Date, now: OffsetDateTime) -> Result<Issue> {
        let next = self.next(today)?;
        let mut details = IssueDetails {
            date: next.date,
            title: title.to_owned(),
            preheader: String::new(),
        };
        details.prepare(next.number)?;
        let body = format!("# {}\n\n", details.title);
        self.add(
            &NewIssue {
                number: next.number,
                details,
                status: IssueStatus::Draft,
                body,
            },
            now,
        )
    }

    /// Saves the Markdown text of issue `number`, if it is still at `base_version`
    /// (the version the editor's text started from). Either all of it reaches the
    /// disk or, with an error, nothing changes. When someone else changed the issue
    /// in between, nothing is overwritten: the text is kept as a `conflict` revision
    /// and the outcome says so, with the issue as it is now.
    pub fn save_text(
        &self,
        number: u32,
        base_version: u32,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<SaveOutcome> {
        self.save_text_typed(number, base_version, body, None, now)
    }

    /// [`Issues::save_text`] of the editor's text as it was after change `typed` of
    /// its typing session: the keystroke journal forgets the changes the save
    /// covers, in the same transaction ([`crate::Typing`]).
    pub fn save_text_typed(
        &self,
        number: u32,
        base_version: u32,
        body: &str,
        typed: Option<TypedThrough>,
        now: OffsetDateTime,
    ) -> Result<SaveOutcome> {
        check_body_size(body)?;
        let body = normalise_controls(body);
        // A save keeps headings and citations only: what is not remembered from a
        // preview is not rendered for it.
        let marks = self.newsroom.parser.article_marks(&body);
        self.newsroom.store.write(|tx| {
            refuse_if_published(tx, number)?;
            let written =
                store::issues::update(tx, number, base_version, Change::Body(&body), now)?;
            if let (Written::Saved { id, version, .. }, Some(typed)) = (&written, typed) {
                store::typing::saved_through(tx, *id, typed.session, typed.seq, *version)?;
            }
            Save { number, now }.finish(tx, written, &body, &marks, Unsaved::Text(&body))
        })
    }

    /// Changes the date, title and preheader of issue `number`, if it is still at
    /// `base_version`; a conflict is kept and reported as for [`Issues::save_text`].
    pub fn save_details(
        &self,
        number: u32,
        base_version: u32,
        details: &IssueDetails,
        now: OffsetDateTime,
    ) -> Result<SaveOutcome> {
        let mut details = details.clone();
        details.prepare(number)?;
        self.newsroom.store.write(|tx| {
            refuse_if_published(tx, number)?;
            let written =
                store::issues::update(tx, number, base_version, Change::Details(&details), now)?;
            let body = store::issues::get(tx, number)?.body;
            // The title is searched with the text; the text is as it was, so its marks
            // are remembered or found without rendering.
            let marks = self.newsroom.parser.article_marks(&body);
            Save { number, now }.finish(tx, written, &body, &marks, Unsaved::Details(&details))
        })
    }

    /// Moves issue `number` to `status`: forward one step at a time (draft → in
    /// review → ready → published), or back to draft from any status with a
    /// `reason`, kept as the note of the revision this records (a `correction` when
    /// a published issue is reopened). Ready and published need a preflight without
    /// errors.
    pub fn set_status(
        &self,
        number: u32,
        status: IssueStatus,
        reason: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<Issue> {
        let reason = reason.map(str::trim).unwrap_or_default();
        let current = self.get(number)?.status;
        check_transition(number, current, status, reason)?;
        if matches!(status, IssueStatus::Ready | IssueStatus::Published) {
            let findings = self.newsroom.preflight(number, Body::Saved)?;
            if has_errors(&findings) {
                return Err(Error::StatusNeedsCleanPreflight {
                    number,
                    to: status,
                    errors: errors_in(&findings),
                });
            }
        }
        self.newsroom.store.write(|tx| {
            // Checked again inside the transaction: another process may have moved
            // it since.
            let current = store::issues::get(tx, number)?.status;
            check_transition(number, current, status, reason)?;
            store::issues::set_status(tx, number, status, now)?;
            let why = if current == IssueStatus::Published {
                RevisionReason::Correction
            } else {
                RevisionReason::Status
            };
            store::revisions::insert(tx, number, why, reason, now)?;
            Ok(())
        })?;
        self.get(number)
    }

    /// Moves issue `number` to the deleted issues, keeping a `delete` revision; it
    /// can be brought back with [`Issues::undelete`].
    pub fn delete(&self, number: u32, now: OffsetDateTime) -> Result<()> {
        self.newsroom.store.write(|tx| {
            store::issues::get(tx, number)?;
            store::revisions::insert(tx, number, RevisionReason::Delete, "", now)?;
            store::issues::mark_deleted(tx, number, now)
        })
    }

    /// Brings deleted issue `number` back, as it was when deleted.
    pub fn undelete(&self, number: u32, now: OffsetDateTime) -> Result<Issue> {
        self.newsroom
            .store
            .write(|tx| store::issues::undelete(tx, number, now))?;
        self.get(number)
    }

    /// Marks issue `number` as paid for by a sponsor (non-commercial photo licences
    /// then do not allow its photos), or not.
    pub fn set_sponsored(&self, number: u32, sponsored: bool) -> Result<()> {
        self.newsroom
            .store
            .write(|tx| store::issues::set_sponsored(tx, number, sponsored))
    }

    /// The issue as an interchange file (TOML front matter, then its Markdown).
    pub fn file(&self, number: u32) -> Result<String> {
        self.newsroom.store.read(|conn| {
            let issue = store::issues::get(conn, number)?;
            let id = store::issues::id(conn, number)?;
            Ok(write_issue_file(
                &issue,
                store::issues::sponsored(conn, number)?,
                &store::articles::article_meta(conn, id)?,
            ))
        })
    }

    /// Adds the issue of an interchange file (`name` is used in messages) and
    /// returns its number. Its number must be free and its photos in the library;
    /// otherwise nothing is added.
    pub fn import_file(&self, name: &str, text: &str, now: OffsetDateTime) -> Result<u32> {
        let mut file = read_issue_file(name, text)?;
        file.issue = prepare_new(&file.issue)?;
        let number = file.issue.number;
        let parsed = self.newsroom.parser.parse(&file.issue.body);
        self.newsroom.store.write(|tx| {
            insert_issue(tx, &file.issue, &parsed, now)?;
            store::issues::set_sponsored(tx, number, file.sponsored)?;
            set_article_photos(tx, name, number, &file.articles)?;
            Ok(number)
        })
    }

    /// Adds a bundle's issue with the sources and photos it brings, all in one
    /// transaction: images are written to the asset folder first (content-addressed,
    /// so one left unused by a failed import is harmless).
    pub(crate) fn import_bundle_contents(
        &self,
        contents: &BundleContents<'_>,
        now: OffsetDateTime,
    ) -> Result<()> {
        let issue = prepare_new(&contents.issue.issue)?;
        let parsed = self.newsroom.parser.parse(&issue.body);
        let mut stored = Vec::with_capacity(contents.new_photos.len());
        for (photo, origin, bytes) in contents.new_photos {
            stored.push((photo, store_image(self.newsroom.path(), origin, bytes)?));
        }
        self.newsroom.store.write(|tx| {
            for source in contents.new_sources {
                store::sources::insert(tx, source, now)?;
            }
            merge_sources(tx, contents.changed_sources, now)?;
            for (photo, image) in &stored {
                store::photos::insert(tx, photo, image, now)?;
            }
            insert_issue(tx, &issue, &parsed, now)?;
            store::issues::set_sponsored(tx, issue.number, contents.issue.sponsored)?;
            set_article_photos(
                tx,
                contents.issue_name,
                issue.number,
                &contents.issue.articles,
            )
        })
    }

    /// Checks an interchange file before it is imported: the preflight of its issue
    /// (lines are lines of the file), and whether its number is free and its photos
    /// are in the library. A file that cannot be read at all is an error.
    pub fn check_file(&self, name: &str, text: &str) -> Result<Vec<Finding>> {
        self.newsroom.check_issue_file(name, text)
    }
}

/// An issue to add, with its text and details made fit to keep (see
/// [`IssueDetails::prepare`]).
fn prepare_new(issue: &NewIssue) -> Result<NewIssue> {
    check_body_size(&issue.body)?;
    let mut details = issue.details.clone();
    details.prepare(issue.number)?;
    Ok(NewIssue {
        number: issue.number,
        details,
        status: issue.status,
        body: normalise_controls(&issue.body).into_owned(),
    })
}

/// A published issue is read-only until it is reopened for a correction.
fn refuse_if_published(conn: &rusqlite::Connection, number: u32) -> Result<()> {
    if store::issues::get(conn, number)?.status == IssueStatus::Published {
        return Err(Error::IssuePublished { number });
    }
    Ok(())
}

/// What a save would have written, kept when it finds the issue changed elsewhere.
#[derive(Debug, Clone, Copy)]
enum Unsaved<'a> {
    /// The editor's text.
    Text(&'a str),
    /// The issue's date, title and preheader.
    Details(&'a IssueDetails),
}

/// A versioned save of issue `number` at `now`.
#[derive(Debug, Clone, Copy)]
struct Save {
    number: u32,
    now: OffsetDateTime,
}

impl Save {
    /// Ends the save in its transaction. Written: brings what is derived from the
    /// text (articles, citations, search) in step with `body` and keeps the typing
    /// revision. Stale: keeps `unsaved` over the issue as it is now as a `conflict`
    /// revision, and reports the issue as it is.
    fn finish(
        self,
        tx: &rusqlite::Connection,
        written: Written,
        body: &str,
        marks: &crate::markdown::ArticleMarks,
        unsaved: Unsaved<'_>,
    ) -> Result<SaveOutcome> {
        let Save { number, now } = self;
        match written {
            Written::Saved { id, title, version } => {
                store::articles::sync(tx, id, &title, body, &marks.headings, &marks.citations)?;
                revisions::record_edit(tx, number, now)?;
                Ok(SaveOutcome::Saved {
                    number,
                    version,
                    saved_at: now,
                })
            }
            Written::Stale { .. } => {
                let current = store::issues::get(tx, number)?;
                let kept = match unsaved {
                    Unsaved::Text(text) => Content {
                        date: current.date,
                        title: &current.title,
                        preheader: &current.preheader,
                        body: text,
                    },
                    Unsaved::Details(details) => Content {
                        date: details.date,
                        title: &details.title,
                        preheader: &details.preheader,
                        body: &current.body,
                    },
                };
                let kept_revision = store::revisions::insert_content(
                    tx,
                    number,
                    RevisionReason::Conflict,
                    "changed elsewhere while this was being written",
                    kept,
                    now,
                )?;
                Ok(SaveOutcome::Conflict {
                    current,
                    kept_revision,
                })
            }
        }
    }
}

fn errors_in(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|finding| finding.severity == crate::preflight::Severity::Error)
        .count()
}
