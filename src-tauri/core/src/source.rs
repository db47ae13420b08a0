//! Sources: the outlets and organisations issues cite.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::links::check_web_url;
use crate::text::trim_in_place;

/// An issue that cites a source, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SourceUse {
    /// The number.
    pub number: u32,
    /// Its title.
    pub title: String,
    /// How many of its citations name the source.
    pub citations: u32,
    /// Whether the issue is among the deleted ones (which can be brought back).
    pub deleted: bool,
}

/// A source in the newsroom's library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The citation key used in Markdown (`[@hrw]`): lowercase letters, digits, dashes.
    pub key: String,
    /// The short name readers see in the Sources line (`HRW`).
    pub name: String,
    /// The full name (`Human Rights Watch`).
    pub full_name: String,
    /// The homepage (https preferred).
    pub homepage: String,
    /// What kind of source it is (news agency, broadcaster, NGO, ...).
    pub kind: String,
    /// Notes for editors.
    pub notes: String,
    /// Other names that resolve to this source (`Human Rights Watch`, `hrw.org`).
    pub aliases: Vec<String>,
    /// Created by an import from a name that was not in the library: an editor
    /// should check its details.
    pub needs_review: bool,
}

impl Source {
    /// A source with just a key and a name; the rest empty.
    pub fn new(key: impl Into<String>, name: impl Into<String>) -> Self {
        Source {
            key: key.into(),
            name: name.into(),
            full_name: String::new(),
            homepage: String::new(),
            kind: String::new(),
            notes: String::new(),
            aliases: Vec::new(),
            needs_review: false,
        }
    }

    /// Checks the fields an editor typed; trims them in place.
    pub fn validate(&mut self) -> Result<()> {
        trim_in_place([
            &mut self.key,
            &mut self.name,
            &mut self.full_name,
            &mut self.homepage,
            &mut self.kind,
            &mut self.notes,
        ]);
        check_key(&self.key)?;
        if self.name.is_empty() {
            return Err(Error::SourceNameRequired {
                key: self.key.clone(),
            });
        }
        if !self.homepage.is_empty() {
            self.homepage = check_web_url(&self.homepage)?;
        }
        self.aliases.retain(|alias| !alias.trim().is_empty());
        for alias in &mut self.aliases {
            *alias = alias.trim().to_owned();
        }
        Ok(())
    }
}

/// One field in which two versions of a source differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SourceChange {
    /// The field, as the sources file names its column (`homepage`).
    pub field: String,
    /// Its value in the library.
    pub library: String,
    /// Its value in the file being imported.
    pub incoming: String,
}

impl Source {
    /// The fields of the sources file in which `incoming` differs from this source.
    pub fn changes_to(&self, incoming: &Source) -> Vec<SourceChange> {
        [
            ("name", &self.name, &incoming.name),
            ("full_name", &self.full_name, &incoming.full_name),
            ("homepage", &self.homepage, &incoming.homepage),
            ("kind", &self.kind, &incoming.kind),
            ("notes", &self.notes, &incoming.notes),
        ]
        .into_iter()
        .filter(|(_, library, incoming)| library != incoming)
        .map(|(field, library, incoming)| SourceChange {
            field: field.to_owned(),
            library: library.clone(),
            incoming: incoming.clone(),
        })
        .collect()
    }
}

/// The longest citation key accepted.
pub const MAX_KEY_LEN: usize = 64;

/// Refuses keys that are not lowercase `[a-z0-9-]+`.
pub fn check_key(key: &str) -> Result<()> {
    let valid = !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !key.starts_with('-')
        && !key.ends_with('-');
    if valid {
        Ok(())
    } else {
        Err(Error::InvalidKey {
            key: key.chars().take(80).collect(),
            what: "citation",
            example: "radio-free-europe",
        })
    }
}

/// The form names are compared in: case, spaces and punctuation ignored, so that
/// "Al Jazeera", "AlJazeera" and "al-jazeera" are one name.
pub fn name_fingerprint(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Makes a citation key from a name ("Radio Free Europe" → "radio-free-europe",
/// "Polska Agencja Prasowa – Łódź" → "polska-agencja-prasowa-lodz"), transliterated
/// like file names so that no letter is lost.
pub fn key_from_name(name: &str) -> String {
    let key = crate::text::ascii_words(name, MAX_KEY_LEN);
    if key.is_empty() { "source".into() } else { key }
}

/// What the Sources line needs of a source: its short name and homepage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLabel {
    /// The short name readers see.
    pub name: String,
    /// Its homepage, as stored.
    pub homepage: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        for good in ["hrw", "radio-free-europe", "abc-au", "a1"] {
            check_key(good).unwrap();
        }
        for bad in ["", "HRW", "hrw!", "-x", "x-", "hr w", &"a".repeat(65)] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(
            check_web_url("https://hrw.org").unwrap(),
            "https://hrw.org/"
        );
        check_web_url("http://example.com/a?b=c").unwrap();
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "hrw.org",
            "ftp://x.org",
            "https://",
        ] {
            let error = check_web_url(bad).unwrap_err().to_string();
            assert!(error.contains("https://"), "{bad}: {error}");
        }
    }

    #[test]
    fn fingerprints_and_keys_from_names() {
        assert_eq!(
            name_fingerprint("Al Jazeera"),
            name_fingerprint("AlJazeera")
        );
        assert_eq!(
            name_fingerprint("Médecins Sans Frontières"),
            "médecinssansfrontières"
        );
        assert_eq!(key_from_name("Radio Free Europe"), "radio-free-europe");
        assert_eq!(key_from_name("Le Monde (FR)"), "le-monde-fr");
        assert_eq!(key_from_name("¿?"), "source");
        assert_eq!(key_from_name("Süddeutsche Zeitung"), "sueddeutsche-zeitung");
        assert_eq!(
            key_from_name("Gazeta Wyborcza – Łódź"),
            "gazeta-wyborcza-lodz"
        );
        assert_eq!(key_from_name("Η Καθημερινή"), "e-kathemerine");
        for name in ["Süddeutsche Zeitung", "Η Καθημερινή", &"Łódź ".repeat(30)] {
            check_key(&key_from_name(name)).unwrap();
        }
    }

    #[test]
    fn validate_trims_and_normalises() {
        let mut source = Source::new(" hrw ", " HRW ");
        source.homepage = "https://www.hrw.org".into();
        source.validate().unwrap();
        assert_eq!((source.key.as_str(), source.name.as_str()), ("hrw", "HRW"));
        assert_eq!(source.homepage, "https://www.hrw.org/");
        let mut bad = Source::new("x", "X");
        bad.homepage = "javascript:alert(1)".into();
        assert!(bad.validate().is_err());
    }
}
