//! Opening newsrooms, and refusing files that are not ones, leaving them untouched.

use std::os::unix::fs::PermissionsExt;

use newsflash_core::{ErrorCode, Newsroom, Seed};

use crate::common::{NOW, SaveLatest, newsroom_path, open, open_for_editing};

fn assert_refused_untouched(path: &std::path::Path, expected: ErrorCode, words: &str) {
    let before = std::fs::read(path).unwrap();
    let error = Newsroom::open(path, Seed::Content, NOW).unwrap_err();
    assert_eq!(error.code(), expected, "{error}");
    let message = error.to_string();
    assert!(
        message.contains(&path.display().to_string()),
        "names the file: {message}"
    );
    assert!(message.contains(words), "{message}");
    assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
    assert_eq!(std::fs::read(path).unwrap(), before, "file changed");
}

#[test]
fn new_newsroom_is_seeded_from_content() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let issues = newsroom.issues().list().unwrap();
    assert_eq!(issues.len(), 2);
    assert_eq!(
        issues[0].title,
        "Two storms in two weeks for southern Africa"
    );
    assert_eq!(issues[1].title, "Tonga cut off after volcanic eruption");
    assert_eq!(
        newsroom.publication().tagline,
        "Stay updated with our bi-weekly Newsflash!"
    );
}

#[test]
fn empty_newsroom_has_no_issues_and_next_is_one_today() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = Newsroom::open(&newsroom_path(&dir), Seed::Empty, NOW).unwrap();
    assert!(newsroom.issues().list().unwrap().is_empty());
    let info = newsroom.info(NOW.date()).unwrap();
    assert_eq!(
        (info.next_issue_number, info.next_issue_date),
        (1, NOW.date())
    );
}

#[test]
fn next_issue_follows_the_cadence() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let next = newsroom.issues().next(NOW.date()).unwrap();
    assert_eq!(next.number, 3);
    assert_eq!(next.date.to_string(), "2022-02-24");
}

#[test]
fn reopening_keeps_everything_and_does_not_seed_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    drop(open(&path));
    let newsroom = open(&path);
    assert_eq!(newsroom.issues().list().unwrap().len(), 2);
}

#[test]
fn missing_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/folder/newsroom.db");
    let error = Newsroom::open(&path, Seed::Content, NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NewsroomUnavailable);
    assert!(error.to_string().contains("does not exist"), "{error}");
    assert!(!path.exists());
}

#[test]
fn read_only_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let path = folder.join("newsroom.db");
    let error = Newsroom::open(&path, Seed::Content, NOW).unwrap_err();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(error.code(), ErrorCode::NewsroomUnavailable);
    assert!(error.to_string().contains("read-only"), "{error}");
    assert!(!path.exists());
}

#[test]
fn read_only_newsroom_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    drop(open(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert_refused_untouched(&path, ErrorCode::NewsroomUnavailable, "read-only");
}

#[test]
fn text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Shopping list: milk, eggs\n".repeat(20)).unwrap();
    assert_refused_untouched(
        &path,
        ErrorCode::NewsroomUnavailable,
        "not a SQLite database",
    );
}

#[test]
fn short_binary_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.jpg");
    std::fs::write(&path, [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).unwrap();
    assert_refused_untouched(
        &path,
        ErrorCode::NewsroomUnavailable,
        "not a SQLite database",
    );
}

#[test]
fn database_of_another_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    drop(conn);
    assert_refused_untouched(&path, ErrorCode::NewsroomUnavailable, "another application");
}

#[test]
fn newsroom_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    drop(open(&path));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", newsflash_core::schema_version() + 1)
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    assert_refused_untouched(&path, ErrorCode::NewsroomUnavailable, "newer version");
}

#[test]
fn a_newsroom_open_elsewhere_opens_here_too_and_sees_its_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let app = open(&path);
    let before = app.changes_elsewhere().unwrap();
    let command_line = Newsroom::open(&path, Seed::Content, NOW).unwrap();
    assert_eq!(
        command_line.issues().list().unwrap().len(),
        2,
        "not seeded twice"
    );
    command_line
        .sources()
        .add(
            newsflash_core::Source::new("kyiv-independent", "Kyiv Independent"),
            NOW,
        )
        .unwrap();
    assert_ne!(app.changes_elsewhere().unwrap(), before, "the app notices");
    assert!(
        app.sources().get("kyiv-independent").unwrap().is_some(),
        "and reads the change"
    );
    let seen = app.changes_elsewhere().unwrap();
    app.sources()
        .add(newsflash_core::Source::new("meduza", "Meduza"), NOW)
        .unwrap();
    assert_eq!(
        app.changes_elsewhere().unwrap(),
        seen,
        "its own changes are not news to it"
    );
}

#[test]
fn empty_file_becomes_a_newsroom() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    std::fs::write(&path, "").unwrap();
    assert_eq!(open(&path).issues().list().unwrap().len(), 2);
}

/// A process that dies (or a window closed without a clean shutdown) leaves its last
/// saves in the write-ahead log; the next start must find them and not mistake the
/// newsroom for a new one.
#[test]
fn newsroom_left_by_a_dead_process_reopens_with_its_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    newsroom
        .save_latest(1, "# Saved just before the crash\n", NOW)
        .unwrap();
    // Copy the files while the newsroom is still open: what a crash leaves behind.
    let crashed = dir.path().join("crashed.db");
    std::fs::copy(&path, &crashed).unwrap();
    let wal = dir.path().join("newsroom.db-wal");
    assert!(
        wal.metadata().unwrap().len() > 0,
        "the save should sit in the log"
    );
    std::fs::copy(&wal, dir.path().join("crashed.db-wal")).unwrap();
    drop(newsroom);

    let reopened = open(&crashed);
    assert_eq!(reopened.issues().list().unwrap().len(), 2);
    assert_eq!(
        reopened.issues().get(1).unwrap().body,
        "# Saved just before the crash\n"
    );
}

/// A newsroom of the first schema, as the first release wrote it.
fn first_schema_newsroom(path: &std::path::Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../src/store/migrations/0001_newsroom.sql"))
        .unwrap();
    conn.execute_batch(
        "INSERT INTO settings VALUES ('name', 'Old Times');
         INSERT INTO issues (number, date, title, body, created_at, updated_at)
         VALUES (7, '2021-05-01', 'Kept', '# Kept\n\nCited [@reuters].\n', '2021-05-01T00:00:00Z', '2021-05-01T00:00:00Z');
         PRAGMA application_id = 1313231694;
         PRAGMA user_version = 1;",
    )
    .unwrap();
}

#[test]
fn an_older_newsroom_is_backed_up_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    first_schema_newsroom(&path);
    let before = std::fs::read(&path).unwrap();

    let newsroom = open(&path);
    assert_eq!(newsroom.publication().name, "Old Times");
    assert_eq!(newsroom.issues().get(7).unwrap().title, "Kept");
    assert_eq!(
        newsroom.issues().list().unwrap().len(),
        1,
        "an existing newsroom is not seeded"
    );
    assert_eq!(
        newsroom.issues().search("kept", 5).unwrap().len(),
        1,
        "old issues are searchable"
    );

    let backup = dir.path().join("newsroom.db.before-schema-2.bak");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    let title: String = conn
        .query_row("SELECT title FROM issues", [], |row| row.get(0))
        .unwrap();
    assert_eq!((version, title.as_str()), (1, "Kept"));
    assert!(!before.is_empty());
}

#[test]
fn a_damaged_newsroom_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    drop(open(&path));
    // Scribble over the schema on page 1, after the 100-byte header.
    let mut bytes = std::fs::read(&path).unwrap();
    for byte in &mut bytes[100..4096] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, ErrorCode::NewsroomDamaged, "damaged");
}
