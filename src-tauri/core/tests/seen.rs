//! What a hostile user saw go wrong (issue 8's "What was seen"), each case once more,
//! where no test elsewhere already holds it.

use newsflash_core::{Body, Error, Format, IssueStatus, Licence, NewPhoto, Newsroom, Seed};

use crate::common::{NOW, newsroom_path, open};

fn one_sentence(error: &Error) -> String {
    let message = error.to_string();
    assert!(
        !message.contains('\n') && message.ends_with('.'),
        "not one sentence: {message:?}"
    );
    message
}

#[test]
fn an_sqlite_uri_is_a_file_name_and_never_opens_another_database() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let uri = std::path::PathBuf::from(format!("file:{}", other.display()));
    let error = Newsroom::open(&uri, Seed::Content, NOW).unwrap_err();
    one_sentence(&error);
    assert_eq!(std::fs::read(&other).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("other.db")]);
}

#[test]
fn a_header_claiming_four_billion_pixels_is_refused_in_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    // A PNG signature and an IHDR chunk claiming 4294967295 × 4294967295, no pixels.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&u32::MAX.to_be_bytes());
    png.extend_from_slice(&u32::MAX.to_be_bytes());
    png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    let file = dir.path().join("huge.png");
    std::fs::write(&file, &png).unwrap();
    let mut photo = NewPhoto::new("huge", "Jane Doe", Licence::parse("CC-BY-4.0").unwrap());
    photo.alt = "Nothing".into();
    let error = newsroom.photos().add(&file, photo, NOW).unwrap_err();
    let message = one_sentence(&error);
    assert!(message.contains("4294967295"), "{message}");
    assert!(
        newsroom
            .photos()
            .list()
            .unwrap()
            .iter()
            .all(|p| p.key != "huge")
    );
}

#[cfg(unix)]
#[test]
fn an_export_never_writes_through_links_in_the_folder_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();

    // A `photos` link in the target folder: refused, nothing written elsewhere.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("photos")).unwrap();
    let error =
        newsflash_core::export_issue_formats(&newsroom, 1, &[Format::Web], &out, false, NOW)
            .unwrap_err();
    one_sentence(&error);
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);

    // A photo file that is a link: replaced by the real photo, its target untouched.
    let out = dir.path().join("out2");
    std::fs::create_dir_all(out.join("photos")).unwrap();
    let photo = &newsroom.photos().of_issue(1).unwrap()[0].photo;
    let decoy = elsewhere.join("decoy.jpg");
    std::fs::write(
        &decoy,
        vec![b'x'; usize::try_from(photo_len(&newsroom, &photo.file)).unwrap()],
    )
    .unwrap();
    let link = out.join("photos").join(&photo.file);
    std::os::unix::fs::symlink(&decoy, &link).unwrap();
    newsflash_core::export_issue_formats(&newsroom, 1, &[Format::Web], &out, false, NOW).unwrap();
    assert!(
        !std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read(&link).unwrap(),
        std::fs::read(newsroom.assets_dir().join(&photo.file)).unwrap()
    );
    assert!(std::fs::read(&decoy).unwrap().iter().all(|b| *b == b'x'));
}

fn photo_len(newsroom: &Newsroom, file: &str) -> u64 {
    std::fs::metadata(newsroom.assets_dir().join(file))
        .unwrap()
        .len()
}

#[test]
fn the_archive_refuses_a_published_issue_with_errors_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(&newsroom_path(&dir)));
    check_refusal_after_correction(&dir);
}

/// Issue 1 published, then its stored text given an error behind the workflow's back
/// (as an older version or another tool could leave it): the archive says so.
fn check_refusal_after_correction(dir: &tempfile::TempDir) {
    let path = newsroom_path(dir);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE issues SET body = body || char(10) || 'More to come TK [@nowhere].' WHERE number = 1",
            [],
        )
        .unwrap();
    }
    let newsroom = open(&path);
    assert_eq!(
        newsroom.issues().get(1).unwrap().status,
        IssueStatus::Published
    );
    let out = dir.path().join("site2");
    std::fs::create_dir(&out).unwrap();
    let error = newsflash_core::export_archive(&newsroom, &out, false, NOW).unwrap_err();
    let message = one_sentence(&error);
    assert!(
        matches!(error, Error::PreflightFailed { number: 1, .. }),
        "{message}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    newsflash_core::export_archive(&newsroom, &out, true, NOW).unwrap();
    assert!(out.join("index.html").is_file());
    // The preview still shows it: only shipping is refused.
    newsroom.render(1, Format::Web, Body::Saved).unwrap();
}

#[test]
fn a_twenty_megabyte_title_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let before = newsroom.issues().list().unwrap().len();
    let title = "T".repeat(20 * 1024 * 1024);
    let error = newsroom
        .issues()
        .create(&title, NOW.date(), NOW)
        .unwrap_err();
    let message = one_sentence(&error);
    assert!(message.len() < 300, "{message}");
    assert_eq!(newsroom.issues().list().unwrap().len(), before);
}
