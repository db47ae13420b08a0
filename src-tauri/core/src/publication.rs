//! Publication settings: what the newsletter is called and how often it appears.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The newsroom's publication settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// The newsletter's name ("Newsflash").
    pub name: String,
    /// The line under the name ("Stay updated with our bi-weekly Newsflash!").
    pub tagline: String,
    /// BCP 47 language tag of the issues ("en").
    pub language: String,
    /// Days between two issues.
    pub cadence_days: u32,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            name: "Newsflash".into(),
            tagline: String::new(),
            language: "en".into(),
            cadence_days: 14,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    name: String,
    #[serde(default)]
    tagline: String,
    #[serde(default = "english")]
    language: String,
    #[serde(default = "fortnight")]
    cadence_days: u32,
}

fn english() -> String {
    "en".into()
}

fn fortnight() -> u32 {
    14
}

impl Publication {
    /// Reads settings written as TOML (`content/newsroom.toml`).
    pub fn from_toml(name: &str, text: &str) -> Result<Self> {
        let file: SettingsFile = toml::from_str(text).map_err(|error| {
            Error::InvalidInput(format!(
                "{name}: the settings are not valid: {}",
                error.message().trim_end_matches('.')
            ))
        })?;
        let publication = Publication {
            name: file.name,
            tagline: file.tagline,
            language: file.language,
            cadence_days: file.cadence_days,
        };
        publication.validate()?;
        Ok(publication)
    }

    /// Refuses settings the app cannot work with.
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "The publication needs a name; type one in the settings.".into(),
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

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
            Publication::from_toml("s.toml", "name = \"N\"\ncadence_days = 0\n").unwrap_err();
        assert!(error.to_string().contains("1 to 366"));
    }
}
