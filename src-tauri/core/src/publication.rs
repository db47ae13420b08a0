//! Publication settings: what the newsletter is called and how often it appears.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The newsroom's publication settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Publication {
    /// The newsletter's name ("Newsflash").
    pub name: String,
    /// The line under the name ("Stay updated with our bi-weekly Newsflash!").
    pub tagline: String,
    /// BCP 47 language tag of the issues ("en").
    pub language: String,
    /// Days between two issues.
    pub cadence_days: u32,
    /// Where web pages and photos are published (`https://example.org/newsflash/`);
    /// email images and the "read it on the web" link are made absolute with it.
    pub web_base_url: String,
    /// The unsubscribe link of every email: a URL, or the mailing tool's merge tag
    /// (`{{ unsubscribe_url }}`), copied as it is.
    pub unsubscribe_url: String,
    /// The sender of the .eml draft: a name.
    pub sender_name: String,
    /// The sender of the .eml draft: an address.
    pub sender_email: String,
    /// `utm_source` added to links in the email (none when empty).
    pub utm_source: String,
    /// `utm_medium` added to links in the email (none when empty).
    pub utm_medium: String,
    /// `utm_campaign` added to links in the email (none when empty); `{number}` is
    /// replaced by the issue number.
    pub utm_campaign: String,
    /// The accent colour of links and the masthead, `#rrggbb`.
    pub accent_colour: String,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            name: "Newsflash".into(),
            tagline: String::new(),
            language: "en".into(),
            cadence_days: 14,
            web_base_url: String::new(),
            unsubscribe_url: "{{ unsubscribe_url }}".into(),
            sender_name: String::new(),
            sender_email: String::new(),
            utm_source: String::new(),
            utm_medium: String::new(),
            utm_campaign: String::new(),
            accent_colour: "#8a3324".into(),
        }
    }
}

impl Publication {
    /// Reads settings written as TOML (`content/newsroom.toml`).
    pub fn from_toml(name: &str, text: &str) -> Result<Self> {
        let publication: Publication = toml::from_str(text).map_err(|error| {
            Error::InvalidInput(format!(
                "{name}: the settings are not valid: {}",
                error.message().trim_end_matches('.')
            ))
        })?;
        publication.validate()?;
        Ok(publication)
    }

    /// The web address as a base to join page and photo names to: an http(s) URL
    /// whose path ends with `/`. None when the publication has none (or it is not
    /// a web address).
    pub fn web_base(&self) -> Option<url::Url> {
        let base = url::Url::parse(self.web_base_url.trim()).ok()?;
        if !matches!(base.scheme(), "https" | "http") {
            return None;
        }
        if base.path().ends_with('/') {
            Some(base)
        } else {
            url::Url::parse(&format!("{base}/")).ok()
        }
    }

    /// Refuses settings the app cannot work with.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "The publication needs a name; type one in the settings.".into(),
            ));
        }
        if !is_hex_colour(&self.accent_colour) {
            return Err(Error::InvalidInput(format!(
                "The accent colour \"{}\" is not a colour mail clients understand; write six hex digits like #8a3324.",
                self.accent_colour
            )));
        }
        if !self.web_base_url.is_empty() {
            crate::source::check_web_url(&self.web_base_url)?;
        }
        if !(1..=366).contains(&self.cadence_days) {
            return Err(Error::InvalidInput(format!(
                "A cadence of {} days is not possible; use a number of days from 1 to 366.",
                self.cadence_days
            )));
        }
        Ok(())
    }
}

fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_base_always_ends_with_a_slash() {
        let with = |url: &str| Publication {
            web_base_url: url.into(),
            ..Publication::default()
        };
        assert_eq!(
            with("https://example.org/news")
                .web_base()
                .unwrap()
                .as_str(),
            "https://example.org/news/"
        );
        assert_eq!(
            with("https://example.org/news/")
                .web_base()
                .unwrap()
                .as_str(),
            "https://example.org/news/"
        );
        assert!(with("").web_base().is_none());
        assert!(with("ftp://example.org/").web_base().is_none());
    }

    #[test]
    fn starter_settings_parse() {
        let publication =
            Publication::from_toml("newsroom.toml", crate::content::NEWSROOM_SETTINGS).unwrap();
        assert_eq!(publication.name, "Newsflash");
        assert_eq!(publication.cadence_days, 14);
    }

    #[test]
    fn bad_cadence_is_refused() {
        let error =
            Publication::from_toml("s.toml", "name = \"N\"\ncadenceDays = 0\n").unwrap_err();
        assert!(error.to_string().contains("1 to 366"), "{error}");
        let error =
            Publication::from_toml("s.toml", "name = \"N\"\naccentColour = \"red\"\n").unwrap_err();
        assert!(error.to_string().contains("#8a3324"), "{error}");
    }
}
