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
    ] {
        Command::cargo_bin("newsflash")
            .unwrap()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: newsflash"));
    }
}

#[test]
fn export_md_then_import_into_another_newsroom() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let second = dir.path().join("second.db");
    newsflash(&first).arg("init").assert().success();
    newsflash(&second)
        .args(["init", "--empty"])
        .assert()
        .success();
    newsflash(&first)
        .args(["export", "1", "--format", "md", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let file = dir
        .path()
        .join("001-tonga-cut-off-after-volcanic-eruption.md");
    newsflash(&second)
        .arg("import")
        .arg(&file)
        .assert()
        .success()
        .stdout("1\n");
    newsflash(&second)
        .args(["issues", "list"])
        .assert()
        .stdout(predicate::str::contains(
            "Tonga cut off after volcanic eruption",
        ));
    newsflash(&second)
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn issues_new_follows_the_cadence_and_show_lists_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .args(["issues", "new", "--title", "Floods in the Sahel"])
        .assert()
        .success()
        .stdout("2\n");
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .stdout(predicate::str::contains(
            "2  2022-02-10  draft      Floods in the Sahel",
        ));
    newsflash(&db)
        .args(["issues", "show", "1"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("# Tonga cut off after volcanic eruption (line 1)")
                .and(predicate::str::contains("[@reuters] line 3")),
        );
    newsflash(&db)
        .args(["issues", "new", "--title", "X", "--date", "2024-13-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn importing_a_broken_file_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let file = dir.path().join("broken.md");
    std::fs::write(&file, "+++\nnumber = 3\ntitle = \"no date\n+++\n").unwrap();
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .arg("import")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.md, line 3"));
}
