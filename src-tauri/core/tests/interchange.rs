//! Issues in and out of newsrooms as interchange files.

use newsflash_core::{ErrorCode, Newsroom, Seed};

use crate::common::{NOW, SaveLatest, newsroom_path, open, open_for_editing};

const SAMPLE: &str =
    include_str!("../../../content/issues/001-tonga-cut-off-after-volcanic-eruption.md");

#[test]
fn sample_issue_exports_as_the_file_it_was_seeded_from() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    assert_eq!(newsroom.issues().file(1).unwrap(), SAMPLE);
}

#[test]
fn an_issue_moves_to_another_newsroom_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let first = open_for_editing(&newsroom_path(&dir));
    first
        .save_latest(1, "# Changed\n\nNew text [@reuters].\n", NOW)
        .unwrap();
    // The photo library does not travel in an issue file (a bundle carries it).
    first
        .photos()
        .set_for_article(1, 0, None, false, NOW)
        .unwrap();
    let file = first.issues().file(1).unwrap();

    let second = Newsroom::open(&dir.path().join("second.db"), Seed::Empty, NOW).unwrap();
    let number = second.issues().import_file("issue.md", &file, NOW).unwrap();
    assert_eq!(number, 1);
    assert_eq!(second.issues().file(1).unwrap(), file);
    assert_eq!(
        second.issues().articles(1).unwrap()[0].citations[0].key,
        "reuters"
    );
}

#[test]
fn importing_a_taken_number_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let before = newsroom.issues().file(1).unwrap();
    let error = newsroom
        .issues()
        .import_file("again.md", &SAMPLE.replace("# Tonga", "# Other"), NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(newsroom.issues().file(1).unwrap(), before);
}

#[test]
fn a_missing_photo_refuses_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = Newsroom::open(&newsroom_path(&dir), Seed::Empty, NOW).unwrap();
    let text = "+++\nnumber = 5\ndate = 2024-01-02\ntitle = \"T\"\n\n[[articles]]\nphoto = \"nowhere\"\n+++\n\n# A\n";
    let error = newsroom
        .issues()
        .import_file("p.md", text, NOW)
        .unwrap_err();
    assert!(error.to_string().contains("\"nowhere\""), "{error}");
    assert!(
        newsroom.issues().list().unwrap().is_empty(),
        "nothing half-imported"
    );
}

#[test]
fn broken_front_matter_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .issues()
        .import_file("broken.md", "+++\nnumber = 2\ndate = \"soon\"\n+++\n", NOW)
        .unwrap_err();
    assert!(
        error.to_string().starts_with("broken.md, line 3"),
        "{error}"
    );
}
