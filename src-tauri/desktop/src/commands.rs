//! The commands the UI calls. Each is a thin wrapper over newsflash-core: take the
//! newsroom, call one function, turn its error into the `{code, message}` the UI
//! shows. They touch the disk, so they run off the UI thread (`async`).

use newsflash_core::{
    ErrorReport, Finding, Format, Issue, IssueSummary, Newsroom, NewsroomInfo, PreviewFormat,
    SaveReceipt,
};
use tauri::State;
use time::OffsetDateTime;

use crate::AppState;

type CommandResult<T> = Result<T, ErrorReport>;

/// Runs `work` on the open newsroom, or reports why there is none.
fn with_newsroom<T>(
    state: &AppState,
    work: impl FnOnce(&mut Newsroom) -> newsflash_core::Result<T>,
) -> CommandResult<T> {
    let mut guard = state.newsroom.lock().map_err(|_| {
        ErrorReport::internal(
            "The newsroom is unavailable after an earlier failure; restart the app.",
        )
    })?;
    match guard.as_mut() {
        Ok(newsroom) => work(newsroom).map_err(ErrorReport::from),
        Err(report) => Err(report.clone()),
    }
}

#[tauri::command(async)]
pub fn newsroom_info(state: State<'_, AppState>) -> CommandResult<NewsroomInfo> {
    with_newsroom(&state, |newsroom| {
        newsroom.info(OffsetDateTime::now_utc().date())
    })
}

#[tauri::command(async)]
pub fn list_issues(state: State<'_, AppState>) -> CommandResult<Vec<IssueSummary>> {
    with_newsroom(&state, |newsroom| newsroom.issues())
}

#[tauri::command(async)]
pub fn get_issue(state: State<'_, AppState>, number: u32) -> CommandResult<Issue> {
    with_newsroom(&state, |newsroom| newsroom.issue(number))
}

#[tauri::command(async)]
pub fn save_issue_body(
    state: State<'_, AppState>,
    number: u32,
    body: String,
) -> CommandResult<SaveReceipt> {
    with_newsroom(&state, |newsroom| {
        newsroom.save_issue_body(number, &body, OffsetDateTime::now_utc())
    })
}

#[tauri::command(async)]
pub fn preview_issue(
    state: State<'_, AppState>,
    number: u32,
    body: String,
    format: PreviewFormat,
) -> CommandResult<String> {
    with_newsroom(&state, |newsroom| newsroom.preview(number, &body, format))
}

#[tauri::command(async)]
pub fn check_issue(
    state: State<'_, AppState>,
    number: u32,
    body: String,
) -> CommandResult<Vec<Finding>> {
    with_newsroom(&state, |newsroom| newsroom.check_issue_text(number, &body))
}

#[tauri::command(async)]
pub fn export_issue(
    state: State<'_, AppState>,
    number: u32,
    formats: Vec<Format>,
    folder: String,
    force: bool,
) -> CommandResult<Vec<String>> {
    with_newsroom(&state, |newsroom| {
        let files = newsflash_core::export_issue_formats(
            newsroom,
            number,
            &formats,
            std::path::Path::new(&folder),
            force,
            OffsetDateTime::now_utc(),
        )?;
        Ok(files
            .iter()
            .map(|file| file.display().to_string())
            .collect())
    })
}
