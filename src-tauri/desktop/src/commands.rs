//! The commands the UI calls. Each is one delegation to newsflash-core: take the
//! newsroom, call one function, turn its error into the `{code, message, subject}`
//! the UI shows. They touch the disk, so they run off the UI thread (`async`).
//!
//! A command is named once, here: build.rs makes its permission and registration
//! from this file, and tauri-specta its TypeScript (`ui/src/lib/api/bindings.ts`).

use std::path::Path;

use newsflash_core::{
    ArticlePhoto, ArticleSummary, Body, Desk, DiffLine, ErrorCode, ErrorReport, Finding, Format,
    ImportProgress, Issue, IssueDetails, IssueStatus, IssueSummary, NewPhoto, Newsroom,
    NewsroomInfo, Outline, Photo, PhotoUse, Place, Publication, Revision, RevisionSummary,
    SaveOutcome, Source, SourceUse, SourcesImportReport, TemplateInUse, TestEmailSent, TextImport,
    TypedChange, TypedThrough, export_issue_formats,
};
use tauri::State;
use tauri::ipc::Channel;
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

/// What an output is rendered from: the editor's unsaved text, or the saved one.
fn body(text: Option<&String>) -> Body<'_> {
    text.map_or(Body::Saved, |text| Body::Unsaved(text))
}

// --- The newsroom ----------------------------------------------------------------

#[tauri::command(async)]
#[specta::specta]
pub fn newsroom_info(state: State<'_, AppState>) -> CommandResult<NewsroomInfo> {
    with_newsroom(&state, |newsroom| newsroom.info(now().date()))
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

/// One change of the editor's text, kept until a save covers it (the keystroke
/// journal), so that a crash loses none of it.
#[tauri::command(async)]
#[specta::specta]
pub fn record_change(
    state: State<'_, AppState>,
    number: u32,
    change: TypedChange,
) -> CommandResult<()> {
    with_newsroom(&state, |newsroom| {
        newsroom.typing().record(number, &change, now())
    })
}

/// Saves the editor's text as it was after change `typed`, folding the keystroke
/// journal up to there into the issue.
#[tauri::command(async)]
#[specta::specta]
pub fn save_typed_text(
    state: State<'_, AppState>,
    number: u32,
    base_version: u32,
    body: String,
    typed: Option<TypedThrough>,
) -> CommandResult<SaveOutcome> {
    with_newsroom(&state, |newsroom| {
        newsroom
            .issues()
            .save_text_typed(number, base_version, &body, typed, now())
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

/// Where the editor is in issue `number` (selection, text at the top of the view).
#[tauri::command(async)]
#[specta::specta]
pub fn set_place(state: State<'_, AppState>, number: u32, place: Place) -> CommandResult<()> {
    with_newsroom(&state, |newsroom| {
        newsroom.typing().set_place(number, place, now())
    })
}

/// Remembers the folder of the last export, offered first next time.
#[tauri::command(async)]
#[specta::specta]
pub fn set_export_folder(state: State<'_, AppState>, folder: String) -> CommandResult<()> {
    with_newsroom(&state, |newsroom| {
        newsroom.typing().set_export_folder(&folder)
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

#[tauri::command(async)]
#[specta::specta]
pub fn list_issues(state: State<'_, AppState>) -> CommandResult<Vec<IssueSummary>> {
    with_newsroom(&state, |newsroom| newsroom.issues().list())
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_deleted_issues(state: State<'_, AppState>) -> CommandResult<Vec<IssueSummary>> {
    with_newsroom(&state, |newsroom| newsroom.issues().deleted())
}

#[tauri::command(async)]
#[specta::specta]
pub fn search_issues(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> CommandResult<Vec<IssueSummary>> {
    with_newsroom(&state, |newsroom| {
        newsroom.issues().search(&query, limit as usize)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_issue(state: State<'_, AppState>, number: u32) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| newsroom.issues().get(number))
}

#[tauri::command(async)]
#[specta::specta]
pub fn issue_articles(
    state: State<'_, AppState>,
    number: u32,
) -> CommandResult<Vec<ArticleSummary>> {
    with_newsroom(&state, |newsroom| newsroom.issues().articles(number))
}

/// A new issue from an issue pasted as it was published (plain text): its sources
/// resolved to the library, names it does not know added for review.
#[tauri::command(async)]
#[specta::specta]
pub fn import_pasted_issue(state: State<'_, AppState>, text: String) -> CommandResult<TextImport> {
    with_newsroom(&state, |newsroom| {
        newsroom
            .issues()
            .import_pasted_text("the pasted text", &text, now())
    })
}

/// The outline of the editor's text: articles and sections, their lines, words and
/// reading times. Synchronous and quick (the pieces of the text are remembered).
#[tauri::command(async)]
#[specta::specta]
pub fn outline_text(state: State<'_, AppState>, body: String) -> CommandResult<Outline> {
    guarded(|| Ok(state.newsroom()?.issues().outline(&body)))
}

#[tauri::command(async)]
#[specta::specta]
pub fn create_issue(state: State<'_, AppState>, title: String) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| {
        newsroom.issues().create(&title, now().date(), now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_issue_text(
    state: State<'_, AppState>,
    number: u32,
    base_version: u32,
    body: String,
) -> CommandResult<SaveOutcome> {
    with_newsroom(&state, |newsroom| {
        newsroom
            .issues()
            .save_text(number, base_version, &body, now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn save_issue_details(
    state: State<'_, AppState>,
    number: u32,
    base_version: u32,
    details: IssueDetails,
) -> CommandResult<SaveOutcome> {
    with_newsroom(&state, |newsroom| {
        newsroom
            .issues()
            .save_details(number, base_version, &details, now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_issue_status(
    state: State<'_, AppState>,
    number: u32,
    status: IssueStatus,
    reason: Option<String>,
) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| {
        newsroom
            .issues()
            .set_status(number, status, reason.as_deref(), now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_issue(state: State<'_, AppState>, number: u32) -> CommandResult<()> {
    with_newsroom(&state, |newsroom| newsroom.issues().delete(number, now()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn undelete_issue(state: State<'_, AppState>, number: u32) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| newsroom.issues().undelete(number, now()))
}

/// The file name of `path` for messages, or the whole path.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn shown(files: &[std::path::PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|file| file.display().to_string())
        .collect()
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_issue_file(state: State<'_, AppState>, path: String) -> CommandResult<u32> {
    guarded(|| {
        let path = Path::new(&path);
        let text = newsflash_core::read_text_limited(path, newsflash_core::MAX_ISSUE_FILE_BYTES)?;
        Ok(state
            .newsroom()?
            .issues()
            .import_file(&file_name(path), &text, now())?)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_pasted_text(state: State<'_, AppState>, path: String) -> CommandResult<TextImport> {
    guarded(|| {
        let path = Path::new(&path);
        let text = newsflash_core::read_text_limited(path, newsflash_core::MAX_ISSUE_FILE_BYTES)?;
        Ok(state
            .newsroom()?
            .issues()
            .import_pasted_text(&file_name(path), &text, now())?)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_bundle(
    state: State<'_, AppState>,
    number: u32,
    folder: String,
) -> CommandResult<Vec<String>> {
    guarded(|| {
        Ok(shown(&newsflash_core::export_bundle(
            state.newsroom()?,
            number,
            Path::new(&folder),
        )?))
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_bundle(
    state: State<'_, AppState>,
    folder: String,
    update_sources: bool,
) -> CommandResult<newsflash_core::BundleImport> {
    guarded(|| {
        let bundle = newsflash_core::read_bundle(Path::new(&folder))?;
        Ok(newsflash_core::import_bundle(
            state.newsroom()?,
            &bundle,
            update_sources,
            now(),
        )?)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_archive(
    state: State<'_, AppState>,
    folder: String,
    force: bool,
) -> CommandResult<Vec<String>> {
    guarded(|| {
        Ok(shown(&newsflash_core::export_archive(
            state.newsroom()?,
            Path::new(&folder),
            force,
            now(),
        )?))
    })
}

// --- What readers receive ----------------------------------------------------------

#[tauri::command(async)]
#[specta::specta]
pub fn render_issue(
    state: State<'_, AppState>,
    number: u32,
    format: Format,
    body_text: Option<String>,
) -> CommandResult<String> {
    with_newsroom(&state, |newsroom| {
        newsroom.render(number, format, body(body_text.as_ref()))
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn preflight_issue(
    state: State<'_, AppState>,
    number: u32,
    body_text: Option<String>,
) -> CommandResult<Vec<Finding>> {
    with_newsroom(&state, |newsroom| {
        newsroom.preflight(number, body(body_text.as_ref()))
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_issue(
    state: State<'_, AppState>,
    number: u32,
    formats: Vec<Format>,
    folder: String,
    force: bool,
) -> CommandResult<Vec<String>> {
    guarded(|| {
        let files = export_issue_formats(
            state.newsroom()?,
            number,
            &formats,
            Path::new(&folder),
            force,
            now(),
        )?;
        Ok(files
            .iter()
            .map(|file| file.display().to_string())
            .collect())
    })
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

#[tauri::command(async)]
#[specta::specta]
pub fn list_sources(state: State<'_, AppState>) -> CommandResult<Vec<Source>> {
    with_newsroom(&state, |newsroom| newsroom.sources().list())
}

#[tauri::command(async)]
#[specta::specta]
pub fn search_sources(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> CommandResult<Vec<Source>> {
    with_newsroom(&state, |newsroom| {
        newsroom.sources().search(&query, limit as usize)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_source(state: State<'_, AppState>, key: String) -> CommandResult<Option<Source>> {
    with_newsroom(&state, |newsroom| newsroom.sources().get(&key))
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_source(state: State<'_, AppState>, source: Source) -> CommandResult<Source> {
    with_newsroom(&state, |newsroom| newsroom.sources().add(source, now()))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_source(
    state: State<'_, AppState>,
    key: String,
    source: Source,
) -> CommandResult<Source> {
    with_newsroom(&state, |newsroom| {
        newsroom.sources().update(&key, source, now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn source_uses(state: State<'_, AppState>, key: String) -> CommandResult<Vec<SourceUse>> {
    with_newsroom(&state, |newsroom| newsroom.sources().uses(&key))
}

#[tauri::command(async)]
#[specta::specta]
pub fn merge_sources(
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> CommandResult<Source> {
    with_newsroom(&state, |newsroom| {
        newsroom.sources().merge(&from, &into, now())
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn remove_source(state: State<'_, AppState>, key: String) -> CommandResult<()> {
    with_newsroom(&state, |newsroom| newsroom.sources().remove(&key))
}

#[tauri::command(async)]
#[specta::specta]
pub fn import_sources_csv(
    state: State<'_, AppState>,
    path: String,
    on_progress: Channel<ImportProgress>,
) -> CommandResult<SourcesImportReport> {
    guarded(|| {
        let path = Path::new(&path);
        let bytes =
            newsflash_core::read_limited(path, newsflash_core::MAX_SOURCES_CSV_BYTES as u64)?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        Ok(state.newsroom()?.sources().import_csv_with_progress(
            &name,
            &bytes,
            now(),
            &mut |progress| {
                // A window that went away stops listening; the import goes on.
                let _ = on_progress.send(progress);
            },
        )?)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn export_sources_csv(state: State<'_, AppState>, path: String) -> CommandResult<u32> {
    guarded(|| {
        let sources = state.newsroom()?.sources();
        newsflash_core::write_atomically(Path::new(&path), sources.export_csv()?.as_bytes())?;
        Ok(u32::try_from(sources.list()?.len()).unwrap_or(u32::MAX))
    })
}

// --- Photos ------------------------------------------------------------------------

#[tauri::command(async)]
#[specta::specta]
pub fn list_photos(state: State<'_, AppState>) -> CommandResult<Vec<Photo>> {
    with_newsroom(&state, |newsroom| newsroom.photos().list())
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_photo(
    state: State<'_, AppState>,
    path: String,
    photo: NewPhoto,
) -> CommandResult<Photo> {
    with_newsroom(&state, |newsroom| {
        newsroom.photos().add(Path::new(&path), photo, now())
    })
}

/// Adds an image pasted into the editor (the clipboard's bytes) to the library with
/// the credit the editor gave it.
#[tauri::command(async)]
#[specta::specta]
pub fn add_pasted_photo(
    state: State<'_, AppState>,
    bytes: Vec<u8>,
    photo: NewPhoto,
) -> CommandResult<Photo> {
    guarded(|| {
        Ok(state.newsroom()?.photos().add_pasted(
            "pasted from the clipboard",
            &bytes,
            photo,
            now(),
        )?)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_photo(state: State<'_, AppState>, photo: NewPhoto) -> CommandResult<Photo> {
    with_newsroom(&state, |newsroom| newsroom.photos().update(photo, now()))
}

/// The credit line a photo with these details gets (built, never typed).
#[tauri::command]
#[specta::specta]
pub fn photo_credit(photo: NewPhoto) -> String {
    photo.credit_line()
}

#[tauri::command(async)]
#[specta::specta]
pub fn photo_uses(state: State<'_, AppState>, key: String) -> CommandResult<Vec<PhotoUse>> {
    with_newsroom(&state, |newsroom| newsroom.photos().uses(&key))
}

#[tauri::command(async)]
#[specta::specta]
pub fn issue_photos(state: State<'_, AppState>, number: u32) -> CommandResult<Vec<ArticlePhoto>> {
    with_newsroom(&state, |newsroom| newsroom.photos().of_issue(number))
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_article_photo(
    state: State<'_, AppState>,
    number: u32,
    position: u32,
    photo_key: Option<String>,
    cropped: bool,
) -> CommandResult<u32> {
    guarded(|| {
        Ok(state.newsroom()?.photos().set_for_article(
            number,
            position,
            photo_key.as_deref(),
            cropped,
            now(),
        )?)
    })
}

// --- Revisions ---------------------------------------------------------------------

#[tauri::command(async)]
#[specta::specta]
pub fn list_revisions(
    state: State<'_, AppState>,
    number: u32,
) -> CommandResult<Vec<RevisionSummary>> {
    with_newsroom(&state, |newsroom| newsroom.revisions().list(number))
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_revision(state: State<'_, AppState>, id: i64) -> CommandResult<Revision> {
    with_newsroom(&state, |newsroom| newsroom.revisions().get(id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn revision_diff(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<DiffLine>> {
    with_newsroom(&state, |newsroom| newsroom.revisions().diff(id))
}

#[tauri::command(async)]
#[specta::specta]
pub fn restore_revision(state: State<'_, AppState>, number: u32, id: i64) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| {
        newsroom.revisions().restore(number, id, now())
    })
}

// --- Settings ----------------------------------------------------------------------

#[tauri::command(async)]
#[specta::specta]
pub fn set_setting(
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> CommandResult<Publication> {
    with_newsroom(&state, |newsroom| newsroom.settings().set(&key, &value))
}

#[tauri::command(async)]
#[specta::specta]
pub fn update_settings(
    state: State<'_, AppState>,
    publication: Publication,
) -> CommandResult<Publication> {
    with_newsroom(&state, |newsroom| newsroom.settings().update(&publication))
}

#[tauri::command(async)]
#[specta::specta]
pub fn list_templates(state: State<'_, AppState>) -> CommandResult<Vec<TemplateInUse>> {
    guarded(|| {
        let settings = state.newsroom()?.settings();
        settings.reload_templates();
        Ok(settings.templates())
    })
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
