//! The `newsflash` binary, run on temporary newsrooms.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn newsflash(newsroom: &Path) -> Command {
    let mut command = Command::cargo_bin("newsflash").unwrap();
    command
        .arg("--newsroom")
        .arg(newsroom)
        .env_remove("NEWSFLASH_NEWSROOM");
    command
}

#[test]
fn init_then_list_shows_the_sample_issue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db)
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("with 1 issue."));
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1  2022-01-27  published  Tonga cut off after volcanic eruption",
        ));
}

#[test]
fn init_empty_has_no_issues() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db)
        .args(["init", "--empty"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 issues"));
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn init_refuses_an_existing_newsroom() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .arg("init")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already a newsroom"));
}

#[test]
fn environment_variable_chooses_the_newsroom() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("from-env.db");
    Command::cargo_bin("newsflash")
        .unwrap()
        .env("NEWSFLASH_NEWSROOM", &db)
        .arg("init")
        .assert()
        .success();
    assert!(db.exists());
}

#[test]
fn export_web_writes_slug_html() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .args(["export", "1", "--format", "web", "--out"])
        .arg(&out)
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("001-tonga-cut-off-after-volcanic-eruption.html"))
        .unwrap();
    assert!(page.contains("<h1>Tonga cut off after volcanic eruption</h1>"));
}

#[test]
fn export_of_a_missing_issue_fails_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .args(["export", "9", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr("newsflash: There is no issue 9 in this newsroom.\n");
}

#[test]
fn missing_newsroom_is_not_created_by_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no newsroom at").and(predicate::str::contains("init")));
    assert!(!db.exists());
}

#[test]
fn a_file_that_is_not_a_newsroom_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("letter.txt");
    std::fs::write(&db, "Dear editor, ...".repeat(10)).unwrap();
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a Newsflash newsroom"));
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "Dear editor, ...".repeat(10)
    );
}

#[test]
fn usage_errors_exit_2() {
    Command::cargo_bin("newsflash")
        .unwrap()
        .arg("frobnicate")
        .assert()
        .code(2);
    Command::cargo_bin("newsflash")
        .unwrap()
        .args(["export", "1", "--format", "pdf", "--out", "."])
        .assert()
        .code(2);
}

#[test]
fn every_subcommand_has_help() {
    for args in [
        &["--help"][..],
        &["init", "--help"],
        &["issues", "--help"],
        &["issues", "list", "--help"],
        &["export", "--help"],
        &["issues", "status", "--help"],
        &["photos", "--help"],
        &["photos", "add", "--help"],
        &["photos", "list", "--help"],
        &["revisions", "--help"],
        &["revisions", "list", "--help"],
        &["revisions", "show", "--help"],
        &["revisions", "restore", "--help"],
    ] {
        Command::cargo_bin("newsflash")
            .unwrap()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: newsflash"));
    }
}

const SAMPLE_JPEG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../content/photos/tonga-ash-cloud.jpg"
);

fn initialised() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    (dir, db)
}

#[test]
fn photos_add_prints_the_credit_line_and_list_shows_it() {
    let (dir, db) = initialised();
    newsflash(&db)
        .args(["photos", "add", SAMPLE_JPEG, "--key", "ash", "--creator"])
        .args(["Jane Doe", "--licence", "cc-by-2.0", "--title"])
        .args(["Ash over Nukuʻalofa", "--source", "Flickr", "--source-url"])
        .args([
            "https://www.flickr.com/photos/example/1",
            "--alt",
            "Grey ash",
        ])
        .assert()
        .success()
        .stdout("“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0\n");
    let listing = newsflash(&db)
        .args(["photos", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listing = String::from_utf8(listing).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    assert!(lines[0].starts_with("ash "), "{listing}");
    assert!(lines[0].contains("1200×675"), "{listing}");
    assert!(lines[0].contains(" KB"), "{listing}");
    assert!(lines[0].contains("CC-BY-2.0"), "{listing}");
    assert!(lines[0].ends_with("“Ash over Nukuʻalofa” by Jane Doe, via Flickr, CC BY 2.0"));
    assert!(lines[1].starts_with("tonga-ash-cloud "), "{listing}");
    // One copy of the image: the sample photo is the same file.
    assert_eq!(
        std::fs::read_dir(dir.path().join("newsroom-assets"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn photos_add_refuses_bad_input_with_one_sentence() {
    let (dir, db) = initialised();
    let letter = dir.path().join("letter.png");
    std::fs::write(&letter, "Dear editor").unwrap();
    let missing = dir.path().join("missing.jpg");
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (
            vec![
                SAMPLE_JPEG.as_ref(),
                "--licence".as_ref(),
                "CC-BY-5.0".as_ref(),
            ],
            "is not a licence Newsflash knows; use one of CC0-1.0, CC-BY-2.0",
        ),
        (
            vec![
                SAMPLE_JPEG.as_ref(),
                "--licence".as_ref(),
                "CC-BY-4.0".as_ref(),
                "--source-url".as_ref(),
                "javascript:alert(1)".as_ref(),
            ],
            "javascript: links are not allowed",
        ),
        (
            vec![
                SAMPLE_JPEG.as_ref(),
                "--licence".as_ref(),
                "all-rights-reserved".as_ref(),
            ],
            "permission must be recorded",
        ),
        (
            vec![letter.as_os_str(), "--licence".as_ref(), "CC0-1.0".as_ref()],
            "is not a JPEG, PNG, WebP or GIF image",
        ),
        (
            vec![
                missing.as_os_str(),
                "--licence".as_ref(),
                "CC0-1.0".as_ref(),
            ],
            "There is no file",
        ),
    ];
    for (args, expected) in cases {
        let output = newsflash(&db)
            .args(["photos", "add", "--key", "ash", "--creator", "Jane Doe"])
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .get_output()
            .stderr
            .clone();
        let stderr = String::from_utf8(output).unwrap();
        assert!(stderr.starts_with("newsflash: "), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    newsflash(&db)
        .args(["photos", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("tonga-ash-cloud ")
                .and(predicate::str::contains("\nash").not()),
        );
}

#[test]
fn issues_status_follows_the_workflow() {
    let (_dir, db) = initialised();
    // The sample issue is published.
    newsflash(&db)
        .args(["issues", "status", "1", "ready"])
        .assert()
        .code(1)
        .stderr("newsflash: Issue 1 is published, so it cannot move to ready; it can only go back to draft, with a reason.\n");
    newsflash(&db)
        .args(["issues", "status", "1", "draft"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a reason"));
    newsflash(&db)
        .args(["issues", "status", "1", "draft", "--reason", "Wrong toll"])
        .assert()
        .success()
        .stdout("Issue 1 is now draft.\n");
    for status in ["in_review", "ready", "published"] {
        newsflash(&db)
            .args(["issues", "status", "1", status])
            .assert()
            .success()
            .stdout(format!("Issue 1 is now {status}.\n"));
    }
    newsflash(&db)
        .args(["issues", "status", "1", "done"])
        .assert()
        .code(2);
    newsflash(&db)
        .args(["issues", "status", "9", "ready"])
        .assert()
        .code(1)
        .stderr("newsflash: There is no issue 9 in this newsroom.\n");
}

#[test]
fn revisions_list_show_and_restore() {
    let (dir, db) = initialised();
    newsflash(&db)
        .args(["issues", "status", "1", "draft", "--reason", "Wrong toll"])
        .assert()
        .success();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    newsflash(&db)
        .args(["export", "1", "--out"])
        .arg(&out)
        .assert()
        .success();
    let listing = newsflash(&db)
        .args(["revisions", "list", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listing = String::from_utf8(listing).unwrap();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert!(
        lines[0].contains(" export ")
            && lines[0].ends_with("(001-tonga-cut-off-after-volcanic-eruption.html)"),
        "{listing}"
    );
    assert!(
        lines[1].contains(" status ") && lines[1].ends_with("(Wrong toll)"),
        "{listing}"
    );
    assert!(
        lines[2].trim_start().starts_with("1  ") && lines[2].contains(" import "),
        "{listing}"
    );

    newsflash(&db)
        .args(["revisions", "show", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("Revision 1 of issue 1\n")
                .and(predicate::str::contains("Status:    published"))
                .and(predicate::str::contains(
                    "# Tonga cut off after volcanic eruption",
                )),
        );
    newsflash(&db)
        .args(["revisions", "restore", "1", "1"])
        .assert()
        .success()
        .stdout("Issue 1 now holds the text of revision 1.\n");
    newsflash(&db)
        .args(["revisions", "list", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(" restore ").and(predicate::str::contains("(revision 1)")),
        );
    // Restoring keeps the status: the issue is still a draft.
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .stdout(predicate::str::contains("draft"));

    newsflash(&db)
        .args(["revisions", "restore", "1", "999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("There is no revision 999"));
    newsflash(&db)
        .args(["revisions", "list", "7"])
        .assert()
        .code(1)
        .stderr("newsflash: There is no issue 7 in this newsroom.\n");
}
