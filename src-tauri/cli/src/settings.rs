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
    /// Keys: name, tagline, language, cadenceDays, webBaseUrl, unsubscribeUrl,
    /// senderName, senderEmail, utmSource, utmMedium, utmCampaign, accentColour.
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
