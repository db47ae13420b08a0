//! Issues: the numbered, dated editions of the newsletter.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{Error, Result};
pub use crate::status::IssueStatus;

/// The most text one issue may hold. An issue is a few thousand words; anything near
/// this is a runaway paste, and refusing it keeps the newsroom and the preview fast.
pub const MAX_ISSUE_BODY_BYTES: usize = 256 * 1024;

impl std::str::FromStr for IssueStatus {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        IssueStatus::from_name(name).ok_or_else(|| Error::UnknownStatus {
            name: name.chars().take(40).collect(),
        })
    }
}

/// The workflow's rule: forward one step at a time (draft → in review → ready →
/// published), or back to draft from any other status with a `reason`.
pub fn check_transition(
    number: u32,
    from: IssueStatus,
    to: IssueStatus,
    reason: &str,
) -> Result<()> {
    if to == IssueStatus::Draft && from != IssueStatus::Draft {
        if reason.trim().is_empty() {
            return Err(Error::ReasonRequired { number, from });
        }
        return Ok(());
    }
    if from.next() == Some(to) {
        return Ok(());
    }
    Err(Error::StatusChangeRefused { number, from, to })
}

/// One issue as the editor works on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// The issue's number, unique in the newsroom.
    pub number: u32,
    /// The day it goes out.
    pub date: Date,
    /// The headline readers see first (also the email subject).
    pub title: String,
    /// The short line mail clients show after the subject.
    pub preheader: String,
    /// Where it stands.
    pub status: IssueStatus,
    /// The Markdown text: each `#` heading starts an article, `##` headings are sections.
    pub body: String,
    /// When it was last saved.
    #[serde(with = "time::serde::rfc3339")]
    #[specta(type = String)]
    pub updated_at: OffsetDateTime,
    /// Goes up by one with every change; a save names the version it started from.
    pub version: u32,
}

impl Issue {
    /// The file-name stem for this issue's exports, e.g. `012-kazakhstan-coup`.
    pub fn slug(&self) -> String {
        issue_slug(self.number, &self.title)
    }
}

/// A line in the list of issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IssueSummary {
    /// The issue's number.
    pub number: u32,
    /// The day it goes out.
    pub date: Date,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: IssueStatus,
    /// The file-name stem of its exports.
    pub slug: String,
    /// Goes up by one with every change (see [`Issue::version`]).
    pub version: u32,
    /// When it was last changed.
    #[serde(with = "time::serde::rfc3339")]
    #[specta(type = String)]
    pub updated_at: OffsetDateTime,
}

/// What the issue's details form changes: everything of an issue but its text and
/// status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct IssueDetails {
    /// The day it goes out.
    #[specta(type = String)]
    pub date: Date,
    /// The headline readers see first (also the email subject).
    pub title: String,
    /// The short line mail clients show after the subject.
    pub preheader: String,
}

/// What is needed to add an issue to the newsroom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIssue {
    /// Its number; must not be taken yet.
    pub number: u32,
    /// Its date, title and preheader.
    pub details: IssueDetails,
    /// Where it stands.
    pub status: IssueStatus,
    /// Its Markdown text.
    pub body: String,
}

/// What a save of an issue's text or details did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SaveOutcome {
    /// Saved: it reached the disk, and the issue is now at `version`.
    Saved {
        /// The issue.
        number: u32,
        /// Its version now; the next save starts from it.
        version: u32,
        /// When, as stored.
        #[serde(with = "time::serde::rfc3339")]
        #[specta(type = String)]
        saved_at: OffsetDateTime,
    },
    /// Not saved: someone else (another window, the command line) changed the issue
    /// after the version the save started from. The issue is as `current` shows;
    /// what the save would have written is kept as revision `kept_revision`, so
    /// nothing is lost and both can be compared.
    Conflict {
        /// The issue as it is now.
        current: Issue,
        /// The revision holding the text that was not saved.
        kept_revision: i64,
    },
}

/// The longest title accepted, in characters: a subject line is read in 40 to 90.
pub const MAX_TITLE_CHARS: usize = 300;

/// The longest preheader accepted, in characters: inboxes show 40 to 140.
pub const MAX_PREHEADER_CHARS: usize = 300;

impl IssueDetails {
    /// Makes the details fit to keep: control characters and line breaks (a pasted
    /// title) become spaces, the ends are trimmed; then refuses a title or preheader
    /// over its limit. An empty title is kept (a draft may not have one yet): the
    /// preflight reports it.
    pub fn prepare(&mut self, number: u32) -> Result<()> {
        self.title = one_line(&self.title);
        self.preheader = one_line(&self.preheader);
        for (what, text, limit) in [
            ("title", &self.title, MAX_TITLE_CHARS),
            ("preheader", &self.preheader, MAX_PREHEADER_CHARS),
        ] {
            let length = text.chars().count();
            if length > limit {
                return Err(Error::InvalidIssueDetail {
                    number,
                    what,
                    problem: format!(
                        "is {length} characters long, more than the {limit} it may have"
                    ),
                });
            }
        }
        Ok(())
    }
}

/// `text` on one line: every control character and line break a space, runs of
/// spaces one, the ends trimmed.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
    {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    line
}

/// The most articles an issue's outputs and preflight take: a newsletter issue has
/// a handful, and every one costs the email a few kilobytes of tables.
pub const MAX_ARTICLES: usize = 100;

/// The most table cells an issue's text may make. Every output builds, sanitises
/// and (in the email) inlines CSS into each cell as HTML elements: 256 KiB of small
/// tables (43,600 cells) took about 190 ms of CPU a command, and on a loaded machine
/// 17,800 cells still took 170-250 ms. A real issue (5-40 KB) has a few hundred.
pub const MAX_TABLE_CELLS: usize = 10_000;

/// Refuses issue text over [`MAX_ISSUE_BODY_BYTES`], or whose tables make more than
/// [`MAX_TABLE_CELLS`], before anything is written.
pub fn check_body_size(body: &str) -> Result<()> {
    if body.len() > MAX_ISSUE_BODY_BYTES {
        return Err(Error::TooLarge {
            what: "issue text",
            size: body.len(),
            limit: MAX_ISSUE_BODY_BYTES,
        });
    }
    let cells = table_cells(body);
    if cells > MAX_TABLE_CELLS {
        return Err(Error::TooManyTableCells {
            count: cells,
            limit: MAX_TABLE_CELLS,
        });
    }
    Ok(())
}

/// How many cells the tables of `text` make, or a few more: a table starts at a
/// delimiter row (`|---|:-:|`) under a line with a `|`, and every line up to the
/// next blank one is a row with as many cells as the delimiter row has (a row
/// without a `|` too: missing cells are made empty). Counted by lines, without
/// parsing: code and quotations that look like tables count as well.
fn table_cells(text: &str) -> usize {
    let mut cells = 0_usize;
    let mut columns = 0;
    let mut previous_has_bar = false;
    for line in text.lines() {
        if columns > 0 {
            if line.trim().is_empty() {
                columns = 0;
            } else {
                cells = cells.saturating_add(columns);
                continue;
            }
        }
        let trimmed = line.trim();
        let is_delimiter_row = trimmed.contains('|')
            && trimmed.contains('-')
            && trimmed
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if previous_has_bar && is_delimiter_row {
            let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            columns = inner.split('|').count();
            // The header row above it.
            cells = cells.saturating_add(columns);
        }
        previous_has_bar = line.contains('|');
    }
    cells
}

/// `012-kazakhstan-president-claims-coup-attempt`: the number keeps files in order,
/// the title makes them recognisable; ASCII only so every file system and URL takes it,
/// transliterated so that no letter of the title is lost (`003-ueberschwemmung-an-der-donau`).
pub fn issue_slug(number: u32, title: &str) -> String {
    const MAX_TITLE_PART: usize = 60;
    let words = crate::text::ascii_words(title, MAX_TITLE_PART);
    if words.is_empty() {
        format!("{number:03}")
    } else {
        format!("{number:03}-{words}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_is_number_and_ascii_words() {
        assert_eq!(
            issue_slug(1, "Kazakhstan president claims “coup” attempt"),
            "001-kazakhstan-president-claims-coup-attempt"
        );
        assert_eq!(issue_slug(42, "Russia’s NATO"), "042-russias-nato");
        assert_eq!(issue_slug(7, "¿¡!?"), "007");
        assert_eq!(issue_slug(1234, "  Trailing --- "), "1234-trailing");
    }

    #[test]
    fn slug_transliterates_other_scripts() {
        assert_eq!(
            issue_slug(3, "Überschwemmung an der Donau"),
            "003-ueberschwemmung-an-der-donau"
        );
        assert_eq!(
            issue_slug(4, "Powódź w Łodzi i Wrocławiu"),
            "004-powodz-w-lodzi-i-wroclawiu"
        );
        assert_eq!(
            issue_slug(5, "Πλημμύρες στη Θεσσαλία"),
            "005-plemmures-ste-thessalia"
        );
    }

    #[test]
    fn slug_is_bounded() {
        let slug = issue_slug(3, &"word ".repeat(100));
        assert!(slug.len() <= 4 + 64, "{slug}");
        assert!(!slug.ends_with('-'));
    }

    #[test]
    fn status_names_round_trip() {
        for status in IssueStatus::ALL {
            assert_eq!(status.as_str().parse::<IssueStatus>().unwrap(), status);
        }
        let error = "done".parse::<IssueStatus>().unwrap_err();
        assert!(
            error
                .to_string()
                .contains("draft, in_review, ready and published"),
            "{error}"
        );
    }

    use IssueStatus::{Draft, InReview, Published, Ready};

    #[test]
    fn forward_one_step_is_allowed() {
        for (from, to) in [(Draft, InReview), (InReview, Ready), (Ready, Published)] {
            check_transition(1, from, to, "").unwrap();
            check_transition(1, from, to, "why not").unwrap();
        }
    }

    #[test]
    fn back_to_draft_needs_a_reason() {
        for from in [InReview, Ready, Published] {
            check_transition(1, from, Draft, "typo in the headline").unwrap();
            let error = check_transition(1, from, Draft, "  ").unwrap_err();
            assert!(matches!(error, Error::ReasonRequired { .. }), "{error}");
        }
    }

    #[test]
    fn every_other_move_is_refused_naming_the_allowed_ones() {
        let allowed = |from: IssueStatus, to: IssueStatus| {
            from.next() == Some(to) || (to == Draft && from != Draft)
        };
        for from in IssueStatus::ALL {
            for to in IssueStatus::ALL {
                if allowed(from, to) {
                    continue;
                }
                let message = check_transition(4, from, to, "a reason")
                    .unwrap_err()
                    .to_string();
                assert!(message.starts_with("Issue 4 is "), "{message}");
                for next in from.allowed_next() {
                    assert!(message.contains(next.as_str()), "{message}");
                }
            }
        }
    }

    #[test]
    fn allowed_next_statuses() {
        assert_eq!(Draft.allowed_next(), vec![InReview]);
        assert_eq!(InReview.allowed_next(), vec![Ready, Draft]);
        assert_eq!(Ready.allowed_next(), vec![Published, Draft]);
        assert_eq!(Published.allowed_next(), vec![Draft]);
    }

    #[test]
    fn details_are_kept_on_one_line_and_within_their_limits() {
        let mut details = IssueDetails {
            date: time::macros::date!(2026 - 12 - 01),
            title: "  Storms\u{0b}over the\n  coast ".into(),
            preheader: "What\u{1b}[2J happened".into(),
        };
        details.prepare(3).unwrap();
        assert_eq!(details.title, "Storms over the coast");
        assert_eq!(details.preheader, "What [2J happened");
        details.title = "x".repeat(MAX_TITLE_CHARS + 1);
        let error = details.prepare(3).unwrap_err();
        assert!(error.to_string().contains("301 characters"), "{error}");
        details.title = " \n ".into();
        details.prepare(3).unwrap();
        assert_eq!(details.title, "");
    }

    #[test]
    fn oversized_body_is_refused_with_its_size() {
        let body = "x".repeat(MAX_ISSUE_BODY_BYTES + 1);
        let error = check_body_size(&body).unwrap_err();
        assert_eq!(error.code(), crate::error::ErrorCode::TooLarge);
        assert!(error.to_string().contains(&body.len().to_string()));
        check_body_size("fine").unwrap();
    }

    #[test]
    fn a_text_of_tables_is_refused_past_the_cells_an_issue_may_hold() {
        let table = "| a | b |\n|---|---|\n| 1 | 2 |\n\n";
        assert_eq!(table_cells(table), 4);
        // Rows without a bar have the header's cells; a blank line ends the table.
        assert_eq!(table_cells("a|b|c\n-|:-:|-\nx\ny\n\nafter\n"), 9);
        assert_eq!(table_cells("not | a table\n\n|---|\n"), 0);
        assert_eq!(table_cells("a --- b\n---\n"), 0);
        check_body_size(&table.repeat(MAX_TABLE_CELLS / 4)).unwrap();
        let error = check_body_size(&table.repeat(MAX_TABLE_CELLS / 4 + 1)).unwrap_err();
        assert_eq!(error.code(), crate::error::ErrorCode::TooLarge);
        assert_eq!(
            error.to_string(),
            "The text's tables have 10004 cells, more than the 10000 an issue may hold; split them over several issues or shorten them."
        );
        // Few bars can make many cells.
        let wide = format!(
            "{}\n{}\n{}",
            "a|".repeat(100),
            "-|".repeat(100),
            "x\n".repeat(200)
        );
        assert!(check_body_size(&wide).is_err());
    }
}
