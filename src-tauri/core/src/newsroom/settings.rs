//! The newsroom façade for the publication settings and the templates.
//!
//! Settings are stored one per row, keyed by their camelCase name, so adding a
//! setting needs no migration.

use std::sync::{Arc, PoisonError};

use serde::{Deserialize, Serialize};

use super::Newsroom;
use crate::error::Result;
use crate::publication::Publication;
use crate::render::{TEMPLATE_NAMES, Templates};
use crate::store;

/// The settings of a newsroom ([`Newsroom::settings`]).
#[derive(Debug, Clone, Copy)]
pub struct Settings<'a> {
    pub(super) newsroom: &'a Newsroom,
}

/// One of the templates an output is made with, and whether the newsroom replaces
/// it with its own file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplateInUse {
    /// Its file name (`email.mjml`).
    pub name: String,
    /// The newsroom's own file that replaces the embedded one, if there is one.
    pub overridden_by: Option<String>,
    /// Why that file cannot be used (the embedded template is not used instead:
    /// rendering that output reports this).
    pub problem: Option<String>,
}

impl Settings<'_> {
    /// The publication settings.
    pub fn publication(&self) -> Arc<Publication> {
        self.newsroom.publication()
    }

    /// Sets one setting by its key (as the settings file names it: `senderEmail`),
    /// checked; returns the settings as they are now.
    pub fn set(&self, key: &str, value: &str) -> Result<Publication> {
        let changed = self.publication().with(key, value)?;
        self.store(changed)
    }

    /// Replaces all settings at once (the app's settings form), checked.
    pub fn update(&self, publication: &Publication) -> Result<Publication> {
        let changed = publication.tidied();
        changed.validate()?;
        self.store(changed)
    }

    fn store(&self, publication: Publication) -> Result<Publication> {
        self.newsroom
            .store
            .write(|tx| save_publication(tx, &publication))?;
        *self
            .newsroom
            .publication
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(publication.clone());
        Ok(publication)
    }

    /// Reads the settings again from the newsroom file (after another window or the
    /// command line changed them).
    pub fn reload(&self) -> Result<Publication> {
        let publication = self.newsroom.store.read(load_publication)?;
        *self
            .newsroom
            .publication
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(publication.clone());
        Ok(publication)
    }

    /// Reads the template overrides again from the templates folder (after the
    /// editor changed one).
    pub fn reload_templates(&self) {
        let templates = Templates::with_overrides(&self.newsroom.templates_dir());
        *self
            .newsroom
            .templates
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(templates);
    }

    /// Each template, and which the newsroom replaces with its own file.
    pub fn templates(&self) -> Vec<TemplateInUse> {
        let templates = self.newsroom.templates();
        TEMPLATE_NAMES
            .into_iter()
            .map(|name| TemplateInUse {
                name: name.to_owned(),
                overridden_by: templates.overridden_by(name).map(str::to_owned),
                problem: templates.problem_with(name),
            })
            .collect()
    }
}

/// Writes every setting.
pub(super) fn save_publication(
    conn: &rusqlite::Connection,
    publication: &Publication,
) -> Result<()> {
    for key in Publication::KEYS {
        store::values::SETTINGS.set(conn, key, &publication.get(key)?)?;
    }
    Ok(())
}

/// Reads the settings back; unknown keys (from a newer version) are ignored, and
/// missing or unusable ones take their defaults, so a hand-edited row never keeps
/// the newsroom from opening.
pub(super) fn load_publication(conn: &rusqlite::Connection) -> Result<Publication> {
    let mut publication = Publication::default();
    for key in Publication::KEYS {
        if let Some(value) = store::values::SETTINGS.get(conn, key)?
            && let Ok(changed) = publication.with(key, &value)
        {
            publication = changed;
        }
    }
    Ok(publication)
}
