//! A writer for the durability test (tests/durability.rs): saves to a newsroom as
//! fast as it can and prints the number of every issue whose save was acknowledged,
//! until it is killed.
//!
//! Usage: save_loop NEWSROOM

use std::io::Write;

use newsflash_core::{IssueDetails, IssueStatus, NewIssue, Newsroom, Seed};
use time::OffsetDateTime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: save_loop NEWSROOM")?;
    let now = OffsetDateTime::now_utc();
    let newsroom = Newsroom::open(path.as_ref(), Seed::Empty, now)?;
    let mut stdout = std::io::stdout().lock();
    let mut number = newsroom
        .issues()
        .list()?
        .first()
        .map_or(1, |issue| issue.number + 1);
    loop {
        let body = format!(
            "# Issue {number}\n\n{}\n",
            "Words of the issue. ".repeat(200 + number as usize % 300)
        );
        newsroom.issues().add(
            &NewIssue {
                number,
                details: IssueDetails {
                    date: now.date(),
                    title: format!("Issue {number}"),
                    preheader: String::new(),
                },
                status: IssueStatus::Draft,
                body: body.clone(),
            },
            now,
        )?;
        // Rewrite an older issue too, so that kills also land in updates.
        let older = 1 + number / 2;
        let version = newsroom.issues().get(older)?.version;
        newsroom.issues().save_text(
            older,
            version,
            &format!("{body}\nEdited while issue {number} was new.\n"),
            now,
        )?;
        writeln!(stdout, "{number}")?;
        stdout.flush()?;
        number += 1;
    }
}
