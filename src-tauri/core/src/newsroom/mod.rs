//! A newsroom: one SQLite file holding the publication's settings and issues.
//! This is the façade the CLI and the desktop app call.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use ts_rs::TS;

mod photos;
mod revisions;
mod sources;

use crate::content;
use crate::error::{Error, Result};
use crate::interchange::parse_issue_file;
use crate::issue::{Issue, IssueSummary, NewIssue, SaveReceipt, check_body_size};
use crate::photo::{NewPhoto, StoredImage, parse_photo_list};
use crate::publication::Publication;
use crate::render::Templates;
use crate::store::{self, Found, Store};

/// The environment variable that chooses a newsroom file for both binaries.
pub const NEWSROOM_ENV: &str = "NEWSFLASH_NEWSROOM";

/// What a newsroom created on first open starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The sample issue and settings from `content/`.
    Content,
    /// Nothing but default settings.
    Empty,
}

/// What the app shows about the open newsroom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewsroomInfo {
    /// The newsroom file.
    pub path: String,
    /// Its publication settings.
    pub publication: Publication,
    /// The number the next issue would get.
    pub next_issue_number: u32,
    /// The day the next issue is due, following the cadence.
    #[ts(type = "string")]
    pub next_issue_date: Date,
}

/// An open newsroom. Holds the file locked until dropped.
#[derive(Debug)]
pub struct Newsroom {
    store: Store,
    publication: Publication,
    templates: Templates,
}

/// Where the newsroom is: `--newsroom PATH` first, then `NEWSFLASH_NEWSROOM`, then the
/// default newsroom in the user's data folder (made if missing).
pub fn choose_newsroom_path(
    explicit: Option<PathBuf>,
    from_env: Option<OsString>,
) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    if let Some(path) = from_env.filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    default_newsroom_path()
}

/// `newsroom.db` in the OS data folder (`~/.local/share/newsflash-studio` on Linux),
/// creating the folder.
pub fn default_newsroom_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("", "", "newsflash-studio").ok_or(Error::NoDataFolder)?;
    let folder = dirs.data_dir();
    std::fs::create_dir_all(folder)
        .map_err(|error| Error::file("create the folder", folder, error))?;
    Ok(folder.join("newsroom.db"))
}

impl Newsroom {
    /// Opens the newsroom at `path`; a new one is created and seeded as `seed` says.
    /// A file that is not a newsroom this version can use is refused untouched.
    pub fn open(path: &Path, seed: Seed, now: OffsetDateTime) -> Result<Newsroom> {
        let (mut store, found) = Store::open(path)?;
        if found == Found::Nothing {
            seed_newsroom(&mut store, seed, now)?;
        }
        let publication = load_publication(&store)?;
        Ok(Newsroom {
            store,
            publication,
            templates: Templates::embedded(),
        })
    }

    /// The newsroom file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The publication settings.
    pub fn publication(&self) -> &Publication {
        &self.publication
    }

    /// What the app shows about this newsroom; `today` anchors the next due date.
    pub fn info(&self, today: Date) -> Result<NewsroomInfo> {
        let (next_issue_number, next_issue_date) = self.next_issue(today)?;
        Ok(NewsroomInfo {
            path: self.path().display().to_string(),
            publication: self.publication.clone(),
            next_issue_number,
            next_issue_date,
        })
    }

    /// The suggested number and date of the next issue: one after the latest, one
    /// cadence after its date (or today, for the first issue).
    pub fn next_issue(&self, today: Date) -> Result<(u32, Date)> {
        Ok(
            match store::issues::latest_number_and_date(self.store.conn())? {
                Some((number, date)) => (
                    number.saturating_add(1),
                    date + Duration::days(i64::from(self.publication.cadence_days)),
                ),
                None => (1, today),
            },
        )
    }

    /// All issues, newest first.
    pub fn issues(&self) -> Result<Vec<IssueSummary>> {
        store::issues::list(self.store.conn())
    }

    /// One issue.
    pub fn issue(&self, number: u32) -> Result<Issue> {
        store::issues::get(self.store.conn(), number)
    }

    /// Adds an issue.
    pub fn add_issue(&mut self, issue: &NewIssue, now: OffsetDateTime) -> Result<()> {
        check_body_size(&issue.body)?;
        self.store.write(|tx| {
            store::issues::insert(tx, issue, now)?;
            revisions::record_import(tx, issue.number, now)
        })
    }

    /// Saves the Markdown text of an issue. Either all of it reaches the disk or,
    /// with an error, nothing changes.
    pub fn save_issue_body(
        &mut self,
        number: u32,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<SaveReceipt> {
        check_body_size(body)?;
        self.store.write(|tx| {
            store::issues::update_body(tx, number, body, now)?;
            revisions::record_edit(tx, number, now)
        })?;
        Ok(SaveReceipt {
            number,
            saved_at: now,
        })
    }

    /// The web page of an issue as saved.
    pub fn render_web_page(&self, number: u32) -> Result<String> {
        let issue = self.issue(number)?;
        self.templates.render_web_page(&self.publication, &issue)
    }

    /// The web page of an issue with text the editor has not saved yet: the live
    /// preview. Same renderer as the export.
    pub fn preview_web_page(&self, number: u32, body: &str) -> Result<String> {
        check_body_size(body)?;
        let mut issue = self.issue(number)?;
        issue.body = body.to_owned();
        self.templates.render_web_page(&self.publication, &issue)
    }
}

fn seed_newsroom(store: &mut Store, seed: Seed, now: OffsetDateTime) -> Result<()> {
    let publication = match seed {
        Seed::Content => {
            Publication::from_toml("content/newsroom.toml", content::NEWSROOM_SETTINGS)?
        }
        Seed::Empty => Publication::default(),
    };
    let issues = match seed {
        Seed::Content => content::SAMPLE_ISSUES
            .iter()
            .map(|(name, text)| parse_issue_file(name, text))
            .collect::<Result<Vec<_>>>()?,
        Seed::Empty => Vec::new(),
    };
    // Image files first, rows after: a row never names a file that is not there.
    let photos = match seed {
        Seed::Content => seed_photo_files(store.path())?,
        Seed::Empty => Vec::new(),
    };
    store.write(|tx| {
        save_publication(tx, &publication)?;
        for issue in &issues {
            store::issues::insert(tx, issue, now)?;
            revisions::record_import(tx, issue.number, now)?;
        }
        for (photo, image) in &photos {
            store::photos::insert(tx, photo, image, now)?;
        }
        Ok(())
    })
}

/// Writes the images of `content/photos.toml` into the new newsroom's asset folder.
fn seed_photo_files(newsroom: &Path) -> Result<Vec<(NewPhoto, StoredImage)>> {
    parse_photo_list("content/photos.toml", content::SAMPLE_PHOTO_LIST)?
        .into_iter()
        .map(|entry| {
            let bytes = content::sample_photo_file(&entry.file).ok_or_else(|| {
                Error::InvalidInput(format!(
                    "content/photos.toml names {}, which is not in content/photos/.",
                    entry.file
                ))
            })?;
            let origin = Path::new("content/photos").join(&entry.file);
            let image = photos::store_image(newsroom, &origin, bytes)?;
            Ok((entry.photo, image))
        })
        .collect()
}

fn save_publication(conn: &rusqlite::Connection, publication: &Publication) -> Result<()> {
    store::settings::set(conn, "name", &publication.name)?;
    store::settings::set(conn, "tagline", &publication.tagline)?;
    store::settings::set(conn, "language", &publication.language)?;
    store::settings::set(conn, "cadence_days", &publication.cadence_days.to_string())?;
    Ok(())
}

fn load_publication(store: &Store) -> Result<Publication> {
    let conn = store.conn();
    let defaults = Publication::default();
    let text = |key: &str, default: String| -> Result<String> {
        Ok(store::settings::get(conn, key)?.unwrap_or(default))
    };
    Ok(Publication {
        name: text("name", defaults.name)?,
        tagline: text("tagline", defaults.tagline)?,
        language: text("language", defaults.language)?,
        cadence_days: store::settings::get(conn, "cadence_days")?
            .and_then(|days| days.parse().ok())
            .unwrap_or(defaults.cadence_days),
    })
}
