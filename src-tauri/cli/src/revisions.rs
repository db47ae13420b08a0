//! `newsflash revisions`: the kept versions of an issue.

use clap::Subcommand;
use newsflash_core::{Error, Newsroom};
use time::OffsetDateTime;
use time::macros::format_description;

use crate::say::{out, text_out};

#[derive(Debug, Subcommand)]
pub(crate) enum RevisionsCommand {
    /// List an issue's revisions, newest first: id, time (UTC), reason, status,
    /// size, title and note.
    List {
        /// The issue's number.
        number: u32,
    },
    /// Print one revision: its details, then the issue text it holds.
    Show {
        /// The revision's id, as `revisions list` shows it.
        revision_id: i64,
    },
    /// Put an issue's title, preheader and text back as a revision holds them (the
    /// status stays). The text replaced is kept as a revision, so this can be undone.
    Restore {
        /// The issue's number.
        number: u32,
        /// The revision's id, as `revisions list` shows it.
        revision_id: i64,
    },
}

pub(crate) fn run(
    newsroom: &Newsroom,
    command: RevisionsCommand,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let revisions = newsroom.revisions();
    match command {
        RevisionsCommand::List { number } => {
            for revision in revisions.list(number)? {
                let note = if revision.note.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", revision.note)
                };
                out!(
                    "{:>5}  {}  {:<10}  {:<9}  {:>6}  {}{note}",
                    revision.id,
                    utc(revision.created_at),
                    revision.reason,
                    revision.status,
                    format!("{} B", revision.size),
                    revision.title,
                );
            }
        }
        RevisionsCommand::Show { revision_id } => {
            let revision = revisions.get(revision_id)?;
            out!(
                "Revision {} of issue {}",
                revision.id,
                revision.issue_number
            );
            out!(
                "Kept:      {} ({})",
                utc(revision.created_at),
                revision.reason
            );
            if !revision.note.is_empty() {
                out!("Note:      {}", revision.note);
            }
            out!("Date:      {}", revision.date);
            out!("Title:     {}", revision.title);
            out!("Preheader: {}", revision.preheader);
            out!("Status:    {}", revision.status);
            out!("");
            text_out(&revision.body);
        }
        RevisionsCommand::Restore {
            number,
            revision_id,
        } => {
            revisions.restore(number, revision_id, now)?;
            out!("Issue {number} now holds the text of revision {revision_id}.");
        }
    }
    Ok(())
}

fn utc(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}
