//! `newsflash settings`: the publication settings, by the keys of the settings file.

use clap::Subcommand;
use newsflash_core::{Error, Newsroom, Publication};

use crate::say::out;

#[derive(Debug, Subcommand)]
pub(crate) enum SettingsCommand {
    /// Show every setting: its key (as the settings file names it) and its value.
    Show,
    /// Set one setting, checked (an address must be an address, the accent colour
    /// six hex digits, the web address https://).
    ///
    /// Keys: name, tagline, language, cadenceDays, webBaseUrl, mailingTool,
    /// unsubscribeUrl, unsubscribeAddress, senderName, senderEmail, utmSource,
    /// utmMedium, utmCampaign, accentColour, smtpHost, smtpPort, smtpSecurity,
    /// smtpUser, testRecipient.
    ///
    /// mailingTool is the tool the email goes to, which decides its unsubscribe
    /// merge tag: listmonk ({{ UnsubscribeURL }}), mailchimp (*|UNSUB|*, with the
    /// postal address *|LIST:ADDRESSLINE|*), buttondown ({{ unsubscribe_url }}),
    /// sendy ([unsubscribe]), other (unsubscribeUrl as it is) or none (no tool).
    /// unsubscribeAddress is the real address of the .eml and test emails, which
    /// a mail program sends: an https:// page (one-click, it receives a POST)
    /// and/or a mailto: address, separated by a space; they go into its link and
    /// its List-Unsubscribe header. smtpSecurity is starttls (port 587), tls (465)
    /// or none (only for a server on this computer); an empty smtpPort means the
    /// usual one. The SMTP password is never a setting: `newsflash send-test`
    /// reads it from NEWSFLASH_SMTP_PASSWORD.
    Set {
        /// The setting's key, e.g. senderEmail.
        key: String,
        /// Its new value (an empty one, "", clears a setting that may be empty).
        value: String,
    },
}

pub(crate) fn run(newsroom: &Newsroom, command: SettingsCommand) -> Result<(), Error> {
    match command {
        SettingsCommand::Show => show(&newsroom.settings().publication())?,
        SettingsCommand::Set { key, value } => {
            let publication = newsroom.settings().set(&key, &value)?;
            let key = Publication::KEYS
                .into_iter()
                .find(|known| known.eq_ignore_ascii_case(&key.replace(['-', '_'], "")))
                .unwrap_or(key.as_str());
            out!("{key} = {}", publication.get(key)?);
        }
    }
    Ok(())
}

fn show(publication: &Publication) -> Result<(), Error> {
    let width = Publication::KEYS
        .iter()
        .map(|key| key.len())
        .max()
        .unwrap_or(0);
    for key in Publication::KEYS {
        out!("{key:<width$} = {}", publication.get(key)?);
    }
    Ok(())
}
