//! A newsroom: one SQLite file holding the publication's settings, issues, sources,
//! photos and revisions. This is the façade the CLI and the desktop app call.
//!
//! It is grouped by what editors work on: [`Newsroom::issues`],
//! [`Newsroom::sources`], [`Newsroom::photos`], [`Newsroom::revisions`],
//! [`Newsroom::settings`], and the outputs ([`Newsroom::render`],
//! [`Newsroom::preflight`]).
//!
//! A `Newsroom` is shared between threads as it is (`&self` everywhere): the store
//! locks only while it reads or writes, and rendering and checks work on what they
//! read, with no lock held, so a save never waits for a preview.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

mod import_text;
mod issues;
mod outputs;
mod photos;
mod revisions;
mod settings;
mod sources;
mod typing;

pub use import_text::TextImport;
pub use issues::{Issues, NextIssue};
pub use outputs::{Body, Format};
pub use photos::{Photos, assets_dir_of};
pub use revisions::Revisions;
pub use settings::{Settings, TemplateInUse};
pub use sources::{IMPORT_PROGRESS_STEP, ImportProgress, MAX_SOURCE_SEARCH_RESULTS, Sources};
pub use typing::{Desk, Typing};

use crate::article::ArticleMeta;
use crate::content;
use crate::error::{Error, Result};
use crate::image::StoredImage;
use crate::interchange::{IssueFile, read_issue_file};
use crate::issue::NewIssue;
use crate::markdown::{IssueParser, ParsedIssue};
use crate::photo::NewPhoto;
use crate::photo_list::parse_photo_list;
use crate::preflight::PreflightMemo;
use crate::publication::Publication;
use crate::render::{EmailMemo, Templates};
use crate::source::Source;
use crate::source_csv::parse_sources_csv;
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewsroomInfo {
    /// The newsroom file.
    pub path: String,
    /// Its publication settings.
    pub publication: Publication,
    /// The number the next issue would get.
    pub next_issue_number: u32,
    /// The day the next issue is due, following the cadence.
    #[specta(type = String)]
    pub next_issue_date: Date,
    /// The folder the newsroom's images are in (`<stem>-assets/`).
    pub assets_dir: String,
    /// The folder whose templates replace the embedded ones (`<stem>-templates/`).
    pub templates_dir: String,
}

/// An open newsroom.
#[derive(Debug)]
pub struct Newsroom {
    store: Store,
    publication: RwLock<Arc<Publication>>,
    templates: RwLock<Arc<Templates>>,
    /// Parses issue texts, remembering their articles.
    parser: IssueParser,
    /// Remembers the parts of emails between renders.
    email_memo: EmailMemo,
    /// Remembers what the preflight found in each article.
    preflight_memo: PreflightMemo,
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
        let (store, found) = Store::open(path)?;
        let parser = IssueParser::default();
        match found {
            Found::Nothing => seed_newsroom(&store, &parser, seed, now)?,
            // What is derived from the text (articles, citations, search) may be
            // new in this schema: derive it again for every issue.
            Found::Newsroom { version } if version < store::schema_version() => {
                store.write(|tx| {
                    for summary in store::issues::list(tx)? {
                        let issue = store::issues::get(tx, summary.number)?;
                        let id = store::issues::id(tx, issue.number)?;
                        let parsed = parser.parse(&issue.body);
                        sync_articles(tx, id, &issue.title, &issue.body, &parsed)?;
                    }
                    Ok(())
                })?;
            }
            Found::Newsroom { .. } => {}
        }
        let publication = store.read(settings::load_publication)?;
        Ok(Newsroom {
            templates: RwLock::new(Arc::new(Templates::with_overrides(&templates_dir_of(path)))),
            publication: RwLock::new(Arc::new(publication)),
            store,
            parser,
            email_memo: EmailMemo::default(),
            preflight_memo: PreflightMemo::default(),
        })
    }

    /// The newsroom file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The folder the newsroom keeps its images in: beside the newsroom file, named
    /// after it (`newsroom.db` → `newsroom-assets/`). Made on the first photo added.
    pub fn assets_dir(&self) -> PathBuf {
        assets_dir_of(self.path())
    }

    /// The folder whose `web.html`, `email.mjml`, `text.txt`, `archive.html` and
    /// `feed.xml` replace the embedded templates: beside the newsroom file, named
    /// after it (`newsroom.db` → `newsroom-templates/`).
    pub fn templates_dir(&self) -> PathBuf {
        templates_dir_of(self.path())
    }

    /// [`Newsroom::templates_dir`], made if it is not there yet, for an editor to
    /// put her own templates in.
    pub fn make_templates_dir(&self) -> Result<PathBuf> {
        let dir = self.templates_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|error| crate::error::Error::file("create the folder", &dir, error))?;
        Ok(dir)
    }

    /// The issues: list, search, write, move through the workflow, import.
    pub fn issues(&self) -> Issues<'_> {
        Issues { newsroom: self }
    }

    /// The library of sources issues cite.
    pub fn sources(&self) -> Sources<'_> {
        Sources { newsroom: self }
    }

    /// The library of photos and their credits, and the lead photos of articles.
    pub fn photos(&self) -> Photos<'_> {
        Photos { newsroom: self }
    }

    /// The revisions of issues: browse, compare, restore.
    pub fn revisions(&self) -> Revisions<'_> {
        Revisions { newsroom: self }
    }

    /// The keystroke journal, where the editor was in each issue, and what the
    /// window opens at start.
    pub fn typing(&self) -> Typing<'_> {
        Typing { newsroom: self }
    }

    /// The publication settings and the templates.
    pub fn settings(&self) -> Settings<'_> {
        Settings { newsroom: self }
    }

    /// The publication settings as they are now.
    pub fn publication(&self) -> Arc<Publication> {
        Arc::clone(
            &self
                .publication
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    pub(crate) fn templates(&self) -> Arc<Templates> {
        Arc::clone(
            &self
                .templates
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// What the app shows about this newsroom; `today` anchors the next due date.
    pub fn info(&self, today: Date) -> Result<NewsroomInfo> {
        let next = self.issues().next(today)?;
        Ok(NewsroomInfo {
            path: self.path().display().to_string(),
            publication: (*self.publication()).clone(),
            next_issue_number: next.number,
            next_issue_date: next.date,
            assets_dir: self.assets_dir().display().to_string(),
            templates_dir: self.templates_dir().display().to_string(),
        })
    }

    /// Runs SQLite's full integrity check; an error says what is damaged.
    pub fn check_integrity(&self) -> Result<()> {
        self.store.check_integrity()
    }

    /// A number that changes whenever another window or process changes the
    /// newsroom (this newsroom's own changes leave it as it is): poll it to notice
    /// changes made elsewhere.
    pub fn changes_elsewhere(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// Folds the write-ahead log back into the newsroom file, so that the file alone
    /// is complete (when the app closes). Every save is already on disk without it.
    pub fn checkpoint(&self) -> Result<()> {
        self.store.checkpoint()
    }
}

fn seed_newsroom(
    store: &Store,
    parser: &IssueParser,
    seed: Seed,
    now: OffsetDateTime,
) -> Result<()> {
    let publication = match seed {
        Seed::Content => {
            Publication::from_toml("content/newsroom.toml", content::NEWSROOM_SETTINGS)?
        }
        Seed::Empty => Publication::default(),
    };
    let issues = match seed {
        Seed::Content => content::SAMPLE_ISSUES
            .iter()
            .map(|(name, text)| read_issue_file(name, text))
            .collect::<Result<Vec<_>>>()?,
        Seed::Empty => Vec::new(),
    };
    let sources = match seed {
        Seed::Content => {
            parse_sources_csv("content/sources.csv", content::STARTER_SOURCES.as_bytes())?
        }
        Seed::Empty => Vec::new(),
    };
    // Image files first, rows after: a row never names a file that is not there.
    let photos = match seed {
        Seed::Content => seed_photo_files(store.path())?,
        Seed::Empty => Vec::new(),
    };
    store.write(|tx| {
        settings::save_publication(tx, &publication)?;
        for (photo, image) in &photos {
            store::photos::insert(tx, photo, image, now)?;
        }
        for file in &issues {
            insert_issue(tx, &file.issue, &parser.parse(&file.issue.body), now)?;
            store::issues::set_sponsored(tx, file.issue.number, file.sponsored)?;
            set_article_photos(tx, "content/issues", file.issue.number, &file.articles)?;
        }
        sources::merge_sources(tx, &sources, now)?;
        Ok(())
    })
}

/// Brings the articles, citations and search entry of an issue in step with its text
/// (`parsed`, parsed before the write began: parsing never holds the write lock).
pub(crate) fn sync_articles(
    conn: &rusqlite::Connection,
    issue_id: i64,
    title: &str,
    body: &str,
    parsed: &ParsedIssue,
) -> Result<()> {
    store::articles::sync(
        conn,
        issue_id,
        title,
        body,
        &parsed.article_headings(),
        &parsed.citations,
    )
}

/// Adds an issue with its articles, citations, search entry and first revision;
/// `parsed` is its text parsed.
pub(crate) fn insert_issue(
    conn: &rusqlite::Connection,
    issue: &NewIssue,
    parsed: &ParsedIssue,
    now: OffsetDateTime,
) -> Result<()> {
    store::issues::insert(conn, issue, now)?;
    let id = store::issues::id(conn, issue.number)?;
    sync_articles(conn, id, &issue.details.title, &issue.body, parsed)?;
    revisions::record_import(conn, issue.number, now)
}

/// Gives the articles of an imported issue the lead photos its front matter names;
/// a photo missing from the library refuses the import (`file` names the issue file).
pub(crate) fn set_article_photos(
    conn: &rusqlite::Connection,
    file: &str,
    number: u32,
    articles: &[ArticleMeta],
) -> Result<()> {
    let id = store::issues::id(conn, number)?;
    for (position, meta) in (0_u32..).zip(articles) {
        let Some(photo) = &meta.photo else { continue };
        store::articles::set_article_photo(conn, id, position, Some(photo), meta.photo_cropped)
            .map_err(|error| match error {
                Error::PhotoNotFound { .. } => Error::PhotoNotInLibrary {
                    file: file.to_owned(),
                    article: position + 1,
                    key: photo.clone(),
                },
                other => other,
            })?;
    }
    Ok(())
}

/// What a bundle adds to a newsroom, checked and ready to write in one transaction.
#[derive(Debug)]
pub(crate) struct BundleContents<'a> {
    /// The issue file's name, for messages.
    pub(crate) issue_name: &'a str,
    pub(crate) issue: &'a IssueFile,
    /// Sources the library does not have.
    pub(crate) new_sources: &'a [Source],
    /// Sources of the library to change to the bundle's details.
    pub(crate) changed_sources: &'a [Source],
    /// Photos the library does not have: details, where the image came from, bytes.
    pub(crate) new_photos: &'a [(NewPhoto, &'a Path, &'a [u8])],
}

/// Reads an image of the newsroom's asset folder (`file` as a photo names it).
pub(crate) fn read_image_file_in(newsroom: &Newsroom, file: &str) -> Result<Vec<u8>> {
    photos::read_image_file(&newsroom.assets_dir().join(file))
}

/// Writes the images of `content/photos.toml` into the new newsroom's asset folder.
fn seed_photo_files(newsroom: &Path) -> Result<Vec<(NewPhoto, StoredImage)>> {
    parse_photo_list("content/photos.toml", content::SAMPLE_PHOTO_LIST)?
        .into_iter()
        .map(|entry| {
            let bytes = content::sample_photo_file(&entry.file).ok_or_else(|| {
                Error::Internal(format!(
                    "content/photos.toml names {}, which is not in content/photos/",
                    entry.file
                ))
            })?;
            let origin = Path::new("content/photos").join(&entry.file);
            let image = photos::store_image(newsroom, &origin, bytes)?;
            Ok((entry.photo, image))
        })
        .collect()
}

fn templates_dir_of(newsroom: &Path) -> PathBuf {
    let stem = newsroom
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "newsroom".to_owned());
    newsroom.with_file_name(format!("{stem}-templates"))
}
