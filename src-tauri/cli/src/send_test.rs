//! `newsflash send-test`: an issue's .eml sent to the editor's own address through
//! the mail server in the settings, to see it in a real inbox before readers do.

use newsflash_core::{Body, Error, FindingCode, Newsroom, send_test_email};
use time::OffsetDateTime;

use crate::say::{note, out};

/// Where the SMTP password comes from: never a setting, never an argument (which
/// other users of the machine could read in the process list).
pub(crate) const SMTP_PASSWORD_ENV: &str = "NEWSFLASH_SMTP_PASSWORD";

pub(crate) fn run(
    newsroom: &Newsroom,
    number: u32,
    to: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let password = std::env::var(SMTP_PASSWORD_ENV).ok();
    let sent = send_test_email(newsroom, number, to, password.as_deref(), now)?;
    out!(
        "Sent issue {number} to {} through {} ({}).",
        sent.to,
        sent.host,
        sent.reply
    );
    // What the preflight says about messages from a mail program concerns this one.
    for finding in newsroom.preflight(number, Body::Saved)? {
        if matches!(
            finding.code,
            FindingCode::EmlNoUnsubscribe | FindingCode::EmlMergeTag
        ) {
            note!("{}", finding.message);
        }
    }
    Ok(())
}
