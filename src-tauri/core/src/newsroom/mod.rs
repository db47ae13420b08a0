//! A newsroom: one SQLite file holding the publication's settings and issues.
//! This is the façade the CLI and the desktop app call.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};
use ts_rs::TS;

mod archive;
mod bundle;
mod import_text;
mod photos;
mod preflight;
mod revisions;
mod sources;

use crate::citation::ArticleSummary;
pub use bundle::BundleImport;
pub use import_text::TextImport;
pub use photos::assets_dir_of;
pub use sources::MAX_SOURCE_SEARCH_RESULTS;

use crate::content;
use crate::error::{Error, Result};
use crate::interchange::{IssueFile, read_issue_file, write_issue_file};
use crate::issue::{Issue, IssueSummary, NewIssue, SaveReceipt, check_body_size};
use crate::markdown;
use crate::photo::{ArticlePhoto, NewPhoto, StoredImage, parse_photo_list};
use crate::publication::Publication;
use crate::render::{ArticleView, Templates, article_views, photo_view};
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
    /// The folder the newsroom's images are in (`<stem>-assets/`).
    pub assets_dir: String,
}

/// The outputs the app previews, as readers will get them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreviewFormat {
    /// The web page.
    Web,
    /// The email edition (HTML).
    Email,
    /// The plain-text edition.
    Text,
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
        match found {
            Found::Nothing => seed_newsroom(&mut store, seed, now)?,
            // What is derived from the text (articles, citations, search) may be
            // new in this schema: derive it again for every issue.
            Found::Newsroom { version } if version < store::schema_version() => {
                store.write(|tx| {
                    for summary in store::issues::list(tx)? {
                        let issue = store::issues::get(tx, summary.number)?;
                        let id = store::issues::id(tx, issue.number)?;
                        let outline = markdown::outline(&issue.body);
                        store::articles::sync(tx, id, &issue.title, &issue.body, &outline)?;
                    }
                    Ok(())
                })?;
            }
            Found::Newsroom { .. } => {}
        }
        let publication = load_publication(&store)?;
        Ok(Newsroom {
            store,
            publication,
            templates: Templates::with_overrides(&templates_dir_of(path)),
        })
    }

    /// The newsroom file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// The folder whose `web.html`, `email.mjml` and `text.txt` replace the
    /// embedded templates: beside the newsroom file, named after it
    /// (`newsroom.db` → `newsroom-templates/`). Read when the newsroom opens.
    pub fn templates_dir(&self) -> PathBuf {
        templates_dir_of(self.path())
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
            assets_dir: self.assets_dir().display().to_string(),
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

    /// Runs SQLite's full integrity check; an error says what is damaged.
    pub fn check_integrity(&self) -> Result<()> {
        self.store.check_integrity()
    }

    /// All issues, newest first.
    pub fn issues(&self) -> Result<Vec<IssueSummary>> {
        store::issues::list(self.store.conn())
    }

    /// Issues whose title or text match `query` (search-as-you-type: every word is
    /// a prefix), best first, at most `limit`.
    pub fn search_issues(&self, query: &str, limit: usize) -> Result<Vec<IssueSummary>> {
        store::issues::search(self.store.conn(), query, limit.min(100))
    }

    /// One issue.
    pub fn issue(&self, number: u32) -> Result<Issue> {
        store::issues::get(self.store.conn(), number)
    }

    /// The articles of an issue and what each cites, as last saved.
    pub fn articles(&self, number: u32) -> Result<Vec<ArticleSummary>> {
        let id = store::issues::id(self.store.conn(), number)?;
        store::articles::summaries(self.store.conn(), id)
    }

    /// The issue as an interchange file (TOML front matter, then its Markdown).
    pub fn issue_file(&self, number: u32) -> Result<String> {
        let conn = self.store.conn();
        let issue = store::issues::get(conn, number)?;
        let id = store::issues::id(conn, number)?;
        Ok(write_issue_file(
            &issue,
            store::issues::sponsored(conn, number)?,
            &store::articles::article_meta(conn, id)?,
        ))
    }

    /// Adds the issue of an interchange file (`name` is used in messages) and
    /// returns its number. Its number must be free and its photos in the library;
    /// otherwise nothing is added.
    pub fn import_issue_file(
        &mut self,
        name: &str,
        text: &str,
        now: OffsetDateTime,
    ) -> Result<u32> {
        let file = read_issue_file(name, text)?;
        check_body_size(&file.issue.body)?;
        let number = file.issue.number;
        self.store.write(|tx| {
            insert_issue(tx, &file.issue, now)?;
            store::issues::set_sponsored(tx, number, file.sponsored)?;
            set_article_photos(tx, name, &file)?;
            Ok(number)
        })
    }

    /// Adds an issue.
    pub fn add_issue(&mut self, issue: &NewIssue, now: OffsetDateTime) -> Result<()> {
        check_body_size(&issue.body)?;
        self.store.write(|tx| insert_issue(tx, issue, now))
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
        let outline = markdown::outline(body);
        self.store.write(|tx| {
            let (id, title) = store::issues::update_body(tx, number, body, now)?;
            store::articles::sync(tx, id, &title, body, &outline)?;
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
        self.web_page_of(&issue)
    }

    /// The web page of an issue with text the editor has not saved yet: the live
    /// preview. Same renderer as the export.
    pub fn preview_web_page(&self, number: u32, body: &str) -> Result<String> {
        self.web_page_of(&self.with_unsaved_body(number, body)?)
    }

    /// Issue `number` as saved, but with the text the editor has in front of her.
    pub(super) fn with_unsaved_body(&self, number: u32, body: &str) -> Result<Issue> {
        check_body_size(body)?;
        let mut issue = self.issue(number)?;
        issue.body = body.to_owned();
        Ok(issue)
    }

    /// Issue `number` with unsaved text `body`, rendered as `format` by the same
    /// code as its export: the preview is byte for byte what the export writes.
    pub fn preview(&self, number: u32, body: &str, format: PreviewFormat) -> Result<String> {
        match format {
            PreviewFormat::Web => self.preview_web_page(number, body),
            PreviewFormat::Email => self.preview_email(number, body),
            PreviewFormat::Text => self.preview_text(number, body),
        }
    }

    /// The email edition of an issue as saved.
    pub fn render_email(&self, number: u32) -> Result<String> {
        let issue = self.issue(number)?;
        self.email_of(&issue)
    }

    /// The email edition of an issue with unsaved text: the email preview.
    pub fn preview_email(&self, number: u32, body: &str) -> Result<String> {
        self.email_of(&self.with_unsaved_body(number, body)?)
    }

    /// The issue as an `.eml` draft: the email edition with its plain-text part,
    /// subject from the title, sender from the settings, dated `now`.
    pub fn render_eml(&self, number: u32, now: OffsetDateTime) -> Result<String> {
        let issue = self.issue(number)?;
        let html = self.email_of(&issue)?;
        let text = self.text_of(&issue)?;
        crate::eml::build_eml(&self.publication, &issue, &html, &text, now)
    }

    /// The plain-text edition of an issue as saved (also the text part of the .eml).
    pub fn render_text(&self, number: u32) -> Result<String> {
        let issue = self.issue(number)?;
        self.text_of(&issue)
    }

    /// The plain-text edition with unsaved text: its preview.
    pub fn preview_text(&self, number: u32, body: &str) -> Result<String> {
        self.text_of(&self.with_unsaved_body(number, body)?)
    }

    fn text_of(&self, issue: &Issue) -> Result<String> {
        let articles = self.article_views(issue)?;
        self.templates
            .render_text(&self.publication, issue, &articles)
    }

    /// The MJML the email edition of issue `number` is made from, before mrml and
    /// CSS inlining (for benchmarks, and to compare with other MJML tools).
    pub fn render_email_mjml(&self, number: u32) -> Result<String> {
        let issue = self.issue(number)?;
        let articles = self.article_views(&issue)?;
        self.templates
            .render_email_mjml(&self.publication, &issue, &articles)
    }

    fn email_of(&self, issue: &Issue) -> Result<String> {
        let articles = self.article_views(issue)?;
        self.templates
            .render_email(&self.publication, issue, &articles)
    }

    fn web_page_of(&self, issue: &Issue) -> Result<String> {
        let articles = self.article_views(issue)?;
        self.templates
            .render_web_page(&self.publication, issue, &articles)
    }

    /// The articles of a text as templates show them, sources named as the library
    /// names them.
    fn article_views(&self, issue: &Issue) -> Result<Vec<ArticleView>> {
        let photos = self.article_photos(issue.number)?;
        self.article_views_with(issue, photos)
    }

    /// The articles of a text with the lead photos given (an issue not stored yet).
    fn article_views_with(
        &self,
        issue: &Issue,
        photos: Vec<ArticlePhoto>,
    ) -> Result<Vec<ArticleView>> {
        let outline = markdown::outline(&issue.body);
        let keys: Vec<&str> = outline.citations.iter().map(|c| c.key.as_str()).collect();
        let labels = store::sources::labels(self.store.conn(), &keys)?;
        let mut articles = article_views(&issue.body, &labels);
        for lead in photos {
            if let Some(article) = articles.get_mut(lead.position as usize) {
                article.photo = Some(photo_view(&self.publication, &lead.photo));
            }
        }
        Ok(articles)
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
        save_publication(tx, &publication)?;
        for (photo, image) in &photos {
            store::photos::insert(tx, photo, image, now)?;
        }
        for file in &issues {
            insert_issue(tx, &file.issue, now)?;
            store::issues::set_sponsored(tx, file.issue.number, file.sponsored)?;
            set_article_photos(tx, "content/issues", file)?;
        }
        sources::merge_sources(tx, &sources, now)?;
        Ok(())
    })
}

/// Adds an issue with its articles, citations and search entry.
pub(super) fn insert_issue(
    conn: &rusqlite::Connection,
    issue: &NewIssue,
    now: OffsetDateTime,
) -> Result<()> {
    store::issues::insert(conn, issue, now)?;
    let id = store::issues::id(conn, issue.number)?;
    store::articles::sync(
        conn,
        id,
        &issue.title,
        &issue.body,
        &markdown::outline(&issue.body),
    )?;
    revisions::record_import(conn, issue.number, now)
}

/// Gives the articles of an imported issue the lead photos its front matter names;
/// a photo missing from the library refuses the import (`name` is the file).
pub(super) fn set_article_photos(
    conn: &rusqlite::Connection,
    name: &str,
    file: &IssueFile,
) -> Result<()> {
    let number = file.issue.number;
    let id = store::issues::id(conn, number)?;
    for (position, meta) in (0_u32..).zip(&file.articles) {
        let Some(photo) = &meta.photo else { continue };
        store::photos::set_article_photo(conn, id, position, Some(photo), meta.photo_cropped)
            .map_err(|error| match error {
                Error::PhotoNotFound { .. } => Error::InvalidInput(format!(
                    "{name}: article {} uses the photo \"{photo}\", which is not in the photo library; add it first (newsflash photos add).",
                    position + 1
                )),
                other => other,
            })?;
    }
    Ok(())
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

fn templates_dir_of(newsroom: &Path) -> PathBuf {
    let stem = newsroom
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "newsroom".to_owned());
    newsroom.with_file_name(format!("{stem}-templates"))
}

/// Settings are stored one per row, keyed by their camelCase name, so adding a
/// setting needs no migration.
fn save_publication(conn: &rusqlite::Connection, publication: &Publication) -> Result<()> {
    let serde_json::Value::Object(fields) = serde_json::to_value(publication).unwrap_or_default()
    else {
        return Ok(());
    };
    for (key, value) in fields {
        let text = match value {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        };
        store::settings::set(conn, &key, &text)?;
    }
    Ok(())
}

/// Reads the settings back; unknown keys (from a newer version) are ignored and
/// missing ones take their defaults.
fn load_publication(store: &Store) -> Result<Publication> {
    let defaults = serde_json::to_value(Publication::default()).unwrap_or_default();
    let serde_json::Value::Object(mut fields) = defaults else {
        return Ok(Publication::default());
    };
    for (key, value) in fields.iter_mut() {
        if let Some(text) = store::settings::get(store.conn(), key)? {
            *value = match value {
                serde_json::Value::Number(_) => text
                    .parse::<u64>()
                    .map(serde_json::Value::from)
                    .unwrap_or(value.clone()),
                _ => serde_json::Value::String(text),
            };
        }
    }
    Ok(serde_json::from_value(serde_json::Value::Object(fields)).unwrap_or_default())
}
