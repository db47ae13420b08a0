//! The commands the UI calls. Each delegates to newsflash-core: take the newsroom,
//! call into it, turn its error into the `{code, message, subject}` the UI shows.
//! They touch the disk, so they run off the UI thread (`async`).
//!
//! Most commands need only the newsroom and are written as entries of a
//! `newsroom_commands!` table; those that also reach the window, the file manager,
//! the keychain or the app's own state are functions beside them.
//!
//! A command is named once, here: build.rs makes its permission and registration
//! from this file ([`all`]), and tauri-specta its TypeScript
//! (`ui/src/lib/api/bindings.ts`).

use std::path::Path;

use newsflash_core::{
    ArticlePhoto, ArticleSummary, Body, Desk, DiffLine, ErrorCode, ErrorReport, Finding, Format,
    ImportProgress, Issue, IssueDetails, IssueStatus, IssueSummary, NewPhoto, Newsroom,
    NewsroomInfo, Outline, Photo, PhotoUse, Place, Publication, Revision, RevisionSummary,
    SaveOutcome, Source, SourceUse, SourcesImportReport, TemplateInUse, TestEmailSent, TextImport,
    TypedChange, TypedThrough, export_issue_formats,
};
use tauri::ipc::Channel;
use tauri::{Manager as _, State};
use tauri_plugin_opener::OpenerExt;
use time::OffsetDateTime;

use crate::startup::PageStart;
use crate::state::{AppState, CommandResult, guarded};

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// Runs `work` on the open newsroom: a failure (or a panic) becomes the report the
/// window shows, and a newsroom that could not be opened says why.
fn with_newsroom<T>(
    state: &AppState,
    work: impl FnOnce(&Newsroom) -> Result<T, newsflash_core::Error>,
) -> CommandResult<T> {
    guarded(|| Ok(work(state.newsroom()?)?))
}

/// Commands whose work needs only the open newsroom (mostly one call on it), one an
/// entry: `name(arguments) -> what it returns = |newsroom| the work;`. Each becomes a
/// Tauri command that runs off the UI thread and takes the app's state first.
///
/// The functions are private on purpose: a `pub` command made by a macro has its
/// Tauri and specta helper macros exported from a macro expansion, which Rust does
/// not let other modules name; [`all`] lists them from inside this module.
macro_rules! newsroom_commands {
    ($(
        $(#[$doc:meta])*
        $name:ident($($argument:ident: $type:ty),* $(,)?) -> $returns:ty =
            |$newsroom:ident| $work:expr;
    )*) => {$(
        $(#[$doc])*
        #[tauri::command(async)]
        #[specta::specta]
        fn $name(state: State<'_, AppState>, $($argument: $type),*) -> CommandResult<$returns> {
            with_newsroom(&state, |$newsroom| $work)
        }
    )*};
}

/// Every command, for tauri-specta to register and to write the TypeScript of: the
/// list is made by build.rs from this file.
pub fn all() -> tauri_specta::Commands<tauri::Wry> {
    include!(concat!(env!("OUT_DIR"), "/commands.rs"))
}

/// What an output is rendered from: the editor's unsaved text, or the saved one.
fn body(text: Option<&String>) -> Body<'_> {
    text.map_or(Body::Saved, |text| Body::Unsaved(text))
}

/// The file name of `path` for messages, or the whole path.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Files written, as the window lists them.
fn shown(files: &[std::path::PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|file| file.display().to_string())
        .collect()
}

/// An issue file's name (for messages) and text, read within the issue size limit.
fn read_issue_file(path: &str) -> Result<(String, String), newsflash_core::Error> {
    let path = Path::new(path);
    let text = newsflash_core::read_text_limited(path, newsflash_core::MAX_ISSUE_FILE_BYTES)?;
    Ok((file_name(path), text))
}

// --- The newsroom ----------------------------------------------------------------

newsroom_commands! {
    newsroom_info() -> NewsroomInfo = |newsroom| newsroom.info(now().date());
}

/// Everything the window shows first, in one call: the newsroom, the issues, the
/// last open one with the editor's place in it, and what was recovered at start.
#[tauri::command(async)]
#[specta::specta]
pub fn open_desk(state: State<'_, AppState>) -> CommandResult<Desk> {
    guarded(|| {
        let mut desk = state.newsroom()?.typing().desk(now().date())?;
        desk.recovered = state.recovered().to_vec();
        Ok(desk)
    })
}

// --- Typing ------------------------------------------------------------------------

newsroom_commands! {
    /// One change of the editor's text, kept until a save covers it (the keystroke
    /// journal), so that a crash loses none of it.
    record_change(number: u32, change: TypedChange) -> () =
        |newsroom| newsroom.typing().record(number, &change, now());
    /// Saves the editor's text as it was after change `typed`, folding the keystroke
    /// journal up to there into the issue.
    save_typed_text(number: u32, base_version: u32, body: String, typed: Option<TypedThrough>)
        -> SaveOutcome =
        |newsroom| newsroom.issues().save_text_typed(number, base_version, &body, typed, now());
    /// Where the editor is in issue `number` (selection, text at the top of the view).
    set_place(number: u32, place: Place) -> () =
        |newsroom| newsroom.typing().set_place(number, place, now());
    /// Remembers the folder of the last export, offered first next time.
    set_export_folder(folder: String) -> () =
        |newsroom| newsroom.typing().set_export_folder(&folder);
}

/// Keeps how the window looks as it closes with issue `number` open, to show at the
/// next start while the UI's scripts load (first_screen.rs).
#[tauri::command(async)]
#[specta::specta]
pub fn keep_first_screen(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    number: u32,
    screen: String,
) -> CommandResult<()> {
    guarded(|| {
        let cache = app
            .path()
            .app_cache_dir()
            .map_err(|_| newsflash_core::Error::NoDataFolder)?;
        let file = crate::first_screen::file_in(&cache);
        Ok(crate::first_screen::keep(
            &file,
            state.newsroom()?,
            number,
            screen,
        )?)
    })
}

/// The window shows issue `number`: it is the one to reopen, and the title names it.
#[tauri::command(async)]
#[specta::specta]
pub fn issue_shown(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    number: u32,
) -> CommandResult<()> {
    guarded(|| {
        let title = state.newsroom()?.typing().opened(number, now())?;
        crate::window::name_issue(&window, number, &title);
        Ok(())
    })
}

/// The window finished saving after the app asked it to (on SIGTERM or SIGINT):
/// the app can end now.
#[tauri::command(async)]
#[specta::specta]
pub fn flushed(state: State<'_, AppState>) -> CommandResult<()> {
    state.flushed();
    Ok(())
}

/// The editor drew its first frame with the issue's text: the start, logged.
#[tauri::command(async)]
#[specta::specta]
pub fn editor_shown(state: State<'_, AppState>, start: PageStart) -> CommandResult<()> {
    tracing::info!("{}", crate::startup::describe(&start, state.started()));
    Ok(())
}

// --- Issues ----------------------------------------------------------------------

newsroom_commands! {
    list_issues() -> Vec<IssueSummary> = |newsroom| newsroom.issues().list();
    list_deleted_issues() -> Vec<IssueSummary> = |newsroom| newsroom.issues().deleted();
    search_issues(query: String, limit: u32) -> Vec<IssueSummary> =
        |newsroom| newsroom.issues().search(&query, limit as usize);
    get_issue(number: u32) -> Issue = |newsroom| newsroom.issues().get(number);
    issue_articles(number: u32) -> Vec<ArticleSummary> =
        |newsroom| newsroom.issues().articles(number);
    /// A new issue from an issue pasted as it was published (plain text): its sources
    /// resolved to the library, names it does not know added for review.
    import_pasted_issue(text: String) -> TextImport =
        |newsroom| newsroom.issues().import_pasted_text("the pasted text", &text, now());
    create_issue(title: String) -> Issue =
        |newsroom| newsroom.issues().create(&title, now().date(), now());
    save_issue_text(number: u32, base_version: u32, body: String) -> SaveOutcome =
        |newsroom| newsroom.issues().save_text(number, base_version, &body, now());
    save_issue_details(number: u32, base_version: u32, details: IssueDetails) -> SaveOutcome =
        |newsroom| newsroom.issues().save_details(number, base_version, &details, now());
    set_issue_status(number: u32, status: IssueStatus, reason: Option<String>) -> Issue =
        |newsroom| newsroom.issues().set_status(number, status, reason.as_deref(), now());
    delete_issue(number: u32) -> () = |newsroom| newsroom.issues().delete(number, now());
    undelete_issue(number: u32) -> Issue = |newsroom| newsroom.issues().undelete(number, now());
    /// The outline of the editor's text: articles and sections, their lines, words
    /// and reading times. Quick: the pieces of the text are remembered.
    outline_text(body: String) -> Outline = |newsroom| Ok(newsroom.issues().outline(&body));
    /// Adds the issue of an interchange file (Markdown with its front matter, its
    /// number free); the issue's number.
    import_issue_file(path: String) -> u32 = |newsroom| {
        let (name, text) = read_issue_file(&path)?;
        newsroom.issues().import_file(&name, &text, now())
    };
    /// A new issue from a file holding an issue as it was published (plain text).
    import_pasted_text(path: String) -> TextImport = |newsroom| {
        let (name, text) = read_issue_file(&path)?;
        newsroom.issues().import_pasted_text(&name, &text, now())
    };
    /// Writes issue `number` with the sources and photos it needs into `folder`, to
    /// move it to another newsroom; the files written.
    export_bundle(number: u32, folder: String) -> Vec<String> = |newsroom| {
        newsflash_core::export_bundle(newsroom, number, Path::new(&folder))
            .map(|files| shown(&files))
    };
    /// Adds the issue of a bundle folder with the sources the library lacks and its
    /// photos; sources the library has take the bundle's details when
    /// `update_sources`.
    import_bundle(folder: String, update_sources: bool) -> newsflash_core::BundleImport =
        |newsroom| {
            let bundle = newsflash_core::read_bundle(Path::new(&folder))?;
            newsflash_core::import_bundle(newsroom, &bundle, update_sources, now())
        };
    /// Writes the archive (the published issues' web pages, an index and a feed)
    /// into `folder`; the files written.
    export_archive(folder: String, force: bool) -> Vec<String> = |newsroom| {
        newsflash_core::export_archive(newsroom, Path::new(&folder), force, now())
            .map(|files| shown(&files))
    };
}

// --- What readers receive ----------------------------------------------------------

newsroom_commands! {
    render_issue(number: u32, format: Format, body_text: Option<String>) -> String =
        |newsroom| newsroom.render(number, format, body(body_text.as_ref()));
    preflight_issue(number: u32, body_text: Option<String>) -> Vec<Finding> =
        |newsroom| newsroom.preflight(number, body(body_text.as_ref()));
    /// Writes issue `number` in `formats` into `folder`; the files written.
    export_issue(number: u32, formats: Vec<Format>, folder: String, force: bool)
        -> Vec<String> = |newsroom| {
        export_issue_formats(newsroom, number, &formats, Path::new(&folder), force, now())
            .map(|files| shown(&files))
    };
}

/// Sends the issue's .eml as a test email to `to` (empty: the testRecipient
/// setting), with the password typed (kept in the system keychain when
/// `remember`) or else the one kept. The UI asks for a password on the error
/// codes `password_required` and `login_refused`, and offers to send without
/// remembering on `keychain_unavailable`.
#[tauri::command(async)]
#[specta::specta]
pub fn send_test_email(
    state: State<'_, AppState>,
    number: u32,
    to: String,
    password: Option<String>,
    remember: bool,
) -> CommandResult<TestEmailSent> {
    guarded(|| {
        crate::test_email::send(
            state.newsroom()?,
            &crate::test_email::Keychain,
            number,
            &to,
            password,
            remember,
            now(),
        )
    })
}

// --- Sources -----------------------------------------------------------------------

newsroom_commands! {
    list_sources() -> Vec<Source> = |newsroom| newsroom.sources().list();
    search_sources(query: String, limit: u32) -> Vec<Source> =
        |newsroom| newsroom.sources().search(&query, limit as usize);
    get_source(key: String) -> Option<Source> = |newsroom| newsroom.sources().get(&key);
    add_source(source: Source) -> Source = |newsroom| newsroom.sources().add(source, now());
    update_source(key: String, source: Source) -> Source =
        |newsroom| newsroom.sources().update(&key, source, now());
    source_uses(key: String) -> Vec<SourceUse> = |newsroom| newsroom.sources().uses(&key);
    merge_sources(from: String, into: String) -> Source =
        |newsroom| newsroom.sources().merge(&from, &into, now());
    remove_source(key: String) -> () = |newsroom| newsroom.sources().remove(&key);
    /// Adds and updates sources from a CSV file, telling `on_progress` how far it is.
    import_sources_csv(path: String, on_progress: Channel<ImportProgress>)
        -> SourcesImportReport = |newsroom| {
        let path = Path::new(&path);
        let bytes =
            newsflash_core::read_limited(path, newsflash_core::MAX_SOURCES_CSV_BYTES as u64)?;
        let mut report = |progress| {
            // A window that went away stops listening; the import goes on.
            let _ = on_progress.send(progress);
        };
        newsroom.sources().import_csv_with_progress(&file_name(path), &bytes, now(), &mut report)
    };
    /// Writes the library to a CSV file; how many sources it holds.
    export_sources_csv(path: String) -> u32 = |newsroom| {
        let sources = newsroom.sources();
        newsflash_core::write_atomically(Path::new(&path), sources.export_csv()?.as_bytes())?;
        Ok(u32::try_from(sources.list()?.len()).unwrap_or(u32::MAX))
    };
}

// --- Photos ------------------------------------------------------------------------

newsroom_commands! {
    list_photos() -> Vec<Photo> = |newsroom| newsroom.photos().list();
    add_photo(path: String, photo: NewPhoto) -> Photo =
        |newsroom| newsroom.photos().add(Path::new(&path), photo, now());
    update_photo(photo: NewPhoto) -> Photo = |newsroom| newsroom.photos().update(photo, now());
    photo_uses(key: String) -> Vec<PhotoUse> = |newsroom| newsroom.photos().uses(&key);
    issue_photos(number: u32) -> Vec<ArticlePhoto> =
        |newsroom| newsroom.photos().of_issue(number);
    /// Adds an image pasted into the editor (the clipboard's bytes) to the library
    /// with the credit the editor gave it.
    add_pasted_photo(bytes: Vec<u8>, photo: NewPhoto) -> Photo = |newsroom| {
        newsroom.photos().add_pasted("pasted from the clipboard", &bytes, photo, now())
    };
    /// Sets (or with `None` clears) the lead photo of article `position` of issue
    /// `number`; the issue's new version.
    set_article_photo(number: u32, position: u32, photo_key: Option<String>, cropped: bool)
        -> u32 = |newsroom| {
        newsroom.photos().set_for_article(number, position, photo_key.as_deref(), cropped, now())
    };
}

/// The credit line a photo with these details gets (built, never typed).
#[tauri::command]
#[specta::specta]
pub fn photo_credit(photo: NewPhoto) -> String {
    photo.credit_line()
}

// --- Revisions ---------------------------------------------------------------------

newsroom_commands! {
    list_revisions(number: u32) -> Vec<RevisionSummary> =
        |newsroom| newsroom.revisions().list(number);
    get_revision(id: i64) -> Revision = |newsroom| newsroom.revisions().get(id);
    revision_diff(id: i64) -> Vec<DiffLine> = |newsroom| newsroom.revisions().diff(id);
    restore_revision(number: u32, id: i64) -> Issue =
        |newsroom| newsroom.revisions().restore(number, id, now());
}

// --- Settings ----------------------------------------------------------------------

newsroom_commands! {
    set_setting(key: String, value: String) -> Publication =
        |newsroom| newsroom.settings().set(&key, &value);
    update_settings(publication: Publication) -> Publication =
        |newsroom| newsroom.settings().update(&publication);
    /// Each template, read again, and which the newsroom replaces with its own file.
    list_templates() -> Vec<TemplateInUse> = |newsroom| {
        let settings = newsroom.settings();
        settings.reload_templates();
        Ok(settings.templates())
    };
}

/// Opens the newsroom's template folder (made if missing) in the file manager.
#[tauri::command(async)]
#[specta::specta]
pub fn open_templates_folder(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<String> {
    guarded(|| {
        let dir = state.newsroom()?.make_templates_dir()?;
        let shown = dir.display().to_string();
        app.opener()
            .open_path(&shown, None::<&str>)
            .map_err(|error| ErrorReport {
                code: ErrorCode::File,
                message: format!(
                    "The folder {shown} could not be opened in the file manager: {error}."
                ),
                subject: None,
            })?;
        Ok(shown)
    })
}
