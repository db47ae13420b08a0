//! The `newsflash` binary, run on temporary newsrooms.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

mod kill;

fn newsflash(newsroom: &Path) -> Command {
    let mut command = Command::cargo_bin("newsflash").unwrap();
    command
        .arg("--newsroom")
        .arg(newsroom)
        .env_remove("NEWSFLASH_NEWSROOM");
    command
}

#[test]
fn version_names_the_release_and_the_commit_it_was_built_from() {
    // The commit checked out here, as build.rs reads it ("unknown" outside git).
    let git = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    let commit = match git {
        Ok(output) if output.status.success() => String::from_utf8(output.stdout).unwrap(),
        _ => "unknown".to_owned(),
    };
    Command::cargo_bin("newsflash")
        .unwrap()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!(
            "newsflash {} (commit {})\n",
            env!("CARGO_PKG_VERSION"),
            commit.trim()
        ));
}

#[test]
fn init_then_list_shows_the_sample_issue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db)
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains("with 2 issues."));
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .success()
        .stdout(
            "   2  2022-02-10  draft      Two storms in two weeks for southern Africa\n   \
             1  2022-01-27  published  Tonga cut off after volcanic eruption\n",
        );
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
        &["sources", "--help"],
        &["sources", "list", "--help"],
        &["sources", "add", "--help"],
        &["sources", "search", "--help"],
        &["sources", "import", "--help"],
        &["sources", "export", "--help"],
        &["issues", "status", "--help"],
        &["bundle", "--help"],
        &["export-archive", "--help"],
        &["bundle", "export", "--help"],
        &["bundle", "import", "--help"],
        &["import", "--help"],
        &["import-text", "--help"],
        &["issues", "new", "--help"],
        &["issues", "show", "--help"],
        &["photos", "--help"],
        &["photos", "add", "--help"],
        &["photos", "list", "--help"],
        &["revisions", "--help"],
        &["revisions", "list", "--help"],
        &["revisions", "show", "--help"],
        &["revisions", "restore", "--help"],
        &["check", "--help"],
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
        .args(["issues", "new", "--title", "Floods in the Sahel"])
        .assert()
        .success();
    for number in ["1", "3"] {
        newsflash(&first)
            .args(["export", number, "--format", "md", "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    let floods = dir.path().join("003-floods-in-the-sahel.md");
    newsflash(&second)
        .arg("import")
        .arg(&floods)
        .assert()
        .success()
        .stdout("3\n");
    newsflash(&second)
        .args(["issues", "list"])
        .assert()
        .stdout(predicate::str::contains("Floods in the Sahel"));
    newsflash(&second)
        .arg("import")
        .arg(&floods)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Issue 3 already exists"));
    // Issue 1 has a lead photo the empty newsroom does not have: refused whole.
    newsflash(&second)
        .arg("import")
        .arg(
            dir.path()
                .join("001-tonga-cut-off-after-volcanic-eruption.md"),
        )
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"tonga-ash-cloud\", which is not in the photo library",
        ));
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
        .stdout("3\n");
    newsflash(&db)
        .args(["issues", "list"])
        .assert()
        .stdout(predicate::str::contains(
            "3  2022-02-24  draft      Floods in the Sahel",
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

fn initialised(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    db
}

#[test]
fn sources_list_shows_the_starter_library_aligned() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let output = newsflash(&db).args(["sources", "list"]).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 38);
    assert!(lines[0].starts_with("abc-au "), "{stdout}");
    let hrw = lines.iter().find(|line| line.starts_with("hrw ")).unwrap();
    assert!(
        hrw.contains(" HRW ")
            && hrw.contains("Human Rights Watch")
            && hrw.ends_with("https://www.hrw.org/"),
        "{hrw}"
    );
    // Columns line up: every full name starts at the same place.
    let column = |line: &str, text: &str| line.find(text).unwrap();
    let afp = lines.iter().find(|line| line.starts_with("afp ")).unwrap();
    assert_eq!(
        column(hrw, "Human Rights Watch"),
        column(afp, "Agence France-Presse")
    );
}

#[test]
fn sources_add_then_search_finds_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args([
            "sources",
            "add",
            "kyiv-independent",
            "Kyiv Independent",
            "--full-name",
            "The Kyiv Independent",
            "--homepage",
            "https://kyivindependent.com",
            "--kind",
            "newspaper",
            "--notes",
            "English-language, Kyiv.",
            "--alias",
            "KI",
            "--alias",
            "Kyiv Indy",
        ])
        .assert()
        .success()
        .stdout("Added the source kyiv-independent (Kyiv Independent).\n");
    newsflash(&db)
        .args(["sources", "search", "kyiv ind"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "kyiv-independent  Kyiv Independent  The Kyiv Independent\n",
        ));
    newsflash(&db)
        .args(["sources", "search", "KI"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("kyiv-independent "));
    newsflash(&db)
        .args(["sources", "search", "hum ri", "--limit", "1"])
        .assert()
        .success()
        .stdout("hrw  HRW  Human Rights Watch\n");
    newsflash(&db)
        .args(["sources", "search", "zzzz"])
        .assert()
        .success()
        .stdout("")
        .stderr("No source matches \"zzzz\".\n");
}

#[test]
fn sources_add_refuses_a_taken_key_and_unsafe_homepages() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args(["sources", "add", "hrw", "Another"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("newsflash: There is already a source with the key hrw. Choose another key.\n");
    for homepage in ["javascript:alert(1)", "not a url", "ftp://example.org"] {
        newsflash(&db)
            .args(["sources", "add", "x", "X", "--homepage", homepage])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a usable web address"));
    }
    newsflash(&db)
        .args(["sources", "add", "Bad Key", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid citation key"));
    newsflash(&db)
        .args(["sources", "search", "x"])
        .assert()
        .success();
    let count = newsflash(&db).args(["sources", "list"]).output().unwrap();
    assert_eq!(String::from_utf8(count.stdout).unwrap().lines().count(), 38);
}

#[test]
fn sources_import_reports_and_reimporting_is_safe() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("sources.csv");
    std::fs::write(
        &file,
        "\u{FEFF}key,name,full_name,homepage,kind,notes\n\
         kyiv-independent,Kyiv Independent,The Kyiv Independent,https://kyivindependent.com/,newspaper,\n\
         hrw,HRW,Human Rights Watch,https://www.hrw.org/,NGO,\"New notes, with a comma.\"\n\
         reuters,Reuters,Reuters,https://www.reuters.com/,news agency,\"International news agency, London.\"\n",
    )
    .unwrap();
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout("Imported sources.csv: 1 added, 1 updated, 1 unchanged.\n");
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout("Imported sources.csv: 0 added, 0 updated, 3 unchanged.\n");
}

#[test]
fn sources_import_of_a_bad_file_lists_the_lines_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "key,name,full_name,homepage,kind,notes\n\
         new-one,New,,,,\n\
         x,X,,javascript:alert(1),,\n\
         new-one,Again,,,,\n",
    )
    .unwrap();
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "newsflash: Nothing was imported from bad.csv because of 2 problems:\n\
             line 3: \"javascript:alert(1)\" is not a usable web address (javascript: links are not allowed); it must be a full address starting with https://\n\
             line 4: the key new-one is already used on line 2; each key may appear once\n",
        );
    newsflash(&db)
        .args(["sources", "search", "new-one"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn sources_import_names_a_missing_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("old.csv");
    std::fs::write(&file, "key,name,homepage\nhrw,HRW,https://www.hrw.org/\n").unwrap();
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "line 1: the columns full_name, kind, notes are missing",
        ));
}

#[test]
fn sources_import_of_ten_megabytes_of_garbage_fails_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("garbage.csv");
    let mut state: u32 = 2_463_534_242;
    let bytes: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect();
    std::fs::write(&file, bytes).unwrap();
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Nothing was imported from garbage.csv because of a problem",
        ));
    newsflash(&db)
        .args(["sources", "import"])
        .arg(dir.path().join("missing.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("There is no file"));
}

#[test]
fn sources_export_writes_a_file_that_imports_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("library.csv");
    newsflash(&db)
        .args(["sources", "export"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Exported 38 sources to "));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("key,name,full_name,homepage,kind,notes\n"));
    let empty = dir.path().join("empty.db");
    newsflash(&empty)
        .args(["init", "--empty"])
        .assert()
        .success();
    newsflash(&empty)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout("Imported library.csv: 38 added, 0 updated, 0 unchanged.\n");
    newsflash(&db)
        .args(["sources", "import"])
        .arg(&file)
        .assert()
        .success()
        .stdout("Imported library.csv: 0 added, 0 updated, 38 unchanged.\n");
    newsflash(&db)
        .args(["sources", "export"])
        .arg(dir.path().join("no/such/folder.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not exist"));
}

#[test]
fn sources_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    for args in [
        &["sources"][..],
        &["sources", "frobnicate"],
        &["sources", "add", "only-key"],
        &["sources", "search"],
        &["sources", "search", "x", "--limit", "many"],
        &["sources", "import"],
    ] {
        newsflash(&db).args(args).assert().code(2);
    }
}

#[test]
fn import_text_makes_an_issue_from_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let reference = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/newsflash-sample-issue.txt"
    );
    newsflash(&db)
        .arg("import-text")
        .arg(reference)
        .assert()
        .success()
        .stdout("3\n")
        .stderr(predicate::str::contains("credits a photo (\"Flickr\")"));
    newsflash(&db)
        .args(["issues", "show", "3"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("# Kazakhstan president claims coup attempt")
                .and(predicate::str::contains("[@rferl]")),
        );
}

const SAMPLE_JPEG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../content/photos/tonga-ash-cloud.jpg"
);

fn initialised_with_photos() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    (dir, db)
}

#[test]
fn photos_add_prints_the_credit_line_and_list_shows_it() {
    let (dir, db) = initialised_with_photos();
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
    let (dir, db) = initialised_with_photos();
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
            "is not a licence Newsflash knows; the known ones are CC0-1.0, CC-BY-2.0",
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
            "how, must be recorded",
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
    let (_dir, db) = initialised_with_photos();
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
    let (dir, db) = initialised_with_photos();
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
        lines[1].contains(" correction ") && lines[1].ends_with("(Wrong toll)"),
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

#[test]
fn bundle_moves_an_issue_with_sources_and_photo() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let second = dir.path().join("second.db");
    let out = dir.path().join("bundle");
    std::fs::create_dir(&out).unwrap();
    newsflash(&first).arg("init").assert().success();
    newsflash(&second)
        .args(["init", "--empty"])
        .assert()
        .success();
    newsflash(&first)
        .args(["bundle", "export", "1", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("photos.toml"));
    newsflash(&second)
        .args(["bundle", "import"])
        .arg(&out)
        .assert()
        .success()
        .stdout("1\n")
        .stderr("Sources: 5 added, 0 updated; photos: 1 added.\n");
    newsflash(&second)
        .args(["photos", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tonga-ash-cloud"));
}

#[test]
fn export_writes_every_format_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .args([
            "export", "1", "--format", "web", "--format", "email", "--format", "text", "--format",
            "eml", "--format", "md", "--out",
        ])
        .arg(dir.path())
        .assert()
        .success();
    for ending in ["html", "email.html", "txt", "eml", "md"] {
        let file = dir.path().join(format!(
            "001-tonga-cut-off-after-volcanic-eruption.{ending}"
        ));
        assert!(file.is_file(), "{} missing", file.display());
    }
    assert!(
        dir.path().join("photos").is_dir(),
        "lead photo beside the pages"
    );
}

const TROUBLED_ISSUE: &str = "+++
number = 7
date = 2026-12-03
title = \"Troubled\"
preheader = \"\"
+++

# Cited wrongly

Said so [@bogus], see [the report](http://example.org/report). [@reuters]
";

#[test]
fn check_of_the_sample_issue_finds_nothing_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args(["check", "1"])
        .assert()
        .success()
        .stdout("0 errors, 0 warnings.\n");
    newsflash(&db)
        .args(["check", "1", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn check_lists_findings_and_exits_1_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    let file = dir.path().join("troubled.md");
    std::fs::write(&file, TROUBLED_ISSUE).unwrap();
    newsflash(&db).arg("import").arg(&file).assert().success();
    newsflash(&db)
        .args(["check", "7"])
        .assert()
        .code(1)
        .stdout(
            "error   unknown-source     article 1, line 3: The text cites [@bogus], which is not in the source library. Add it with `newsflash sources add bogus NAME`, or fix the key.\n\
             warning missing-preheader  issue: The issue has no preheader, so inboxes show the first words of the email instead; write one line that makes readers open it.\n\
             warning insecure-link      article 1, line 3: The link http://example.org/report is not secure (http); change it to https:// if the site has it, or link another page.\n\
             1 error, 2 warnings.\n",
        );
    let output = newsflash(&db)
        .args(["check", "7", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(
        json[0],
        serde_json::json!({
            "severity": "error",
            "code": "unknown-source",
            "article": 0,
            "line": 3,
            "message": "The text cites [@bogus], which is not in the source library.",
            "subject": "bogus"
        })
    );
    assert_eq!(json.as_array().unwrap().len(), 3);
}

#[test]
fn check_of_a_missing_issue_fails_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args(["check", "42"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("newsflash: There is no issue 42 in this newsroom.\n");
}

#[test]
fn export_refuses_an_issue_with_preflight_errors_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    let file = dir.path().join("troubled.md");
    std::fs::write(&file, TROUBLED_ISSUE).unwrap();
    newsflash(&db).arg("init").assert().success();
    newsflash(&db).arg("import").arg(&file).assert().success();
    newsflash(&db)
        .args(["export", "7", "--format", "email", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("preflight error").and(predicate::str::contains("--force")),
        );
    assert!(
        !dir.path().join("007-troubled.email.html").exists(),
        "nothing written"
    );
    newsflash(&db)
        .args(["export", "7", "--format", "md", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    newsflash(&db)
        .args(["export", "7", "--format", "email", "--force", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("007-troubled.email.html").is_file());
}

#[test]
fn settings_are_shown_and_set_by_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    newsflash(&db).args(["init", "--empty"]).assert().success();
    newsflash(&db)
        .args(["settings", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("senderEmail        = \n"))
        .stdout(predicate::str::contains("cadenceDays        = 14\n"))
        .stdout(predicate::str::contains("mailingTool        = other\n"))
        .stdout(predicate::str::contains("smtpSecurity       = starttls\n"));
    // An empty newsroom cannot export an .eml until the sender is set.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    newsflash(&db)
        .args(["issues", "new", "--title", "First"])
        .assert()
        .success();
    newsflash(&db)
        .args(["export", "1", "--format", "eml", "--force", "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Set it with `newsflash settings set senderEmail",
        ));
    newsflash(&db)
        .args(["settings", "set", "senderEmail", "editors@example.org"])
        .assert()
        .success()
        .stdout("senderEmail = editors@example.org\n");
    newsflash(&db)
        .args(["export", "1", "--format", "eml", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    newsflash(&db)
        .args(["settings", "set", "accentColour", "red"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("six hex digits like #8a3324"));
    newsflash(&db)
        .args(["settings", "set", "colour", "#000000"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`newsflash settings show` lists them",
        ));
    newsflash(&db)
        .args(["settings", "set", "mailing-tool", "Listmonk"])
        .assert()
        .success()
        .stdout("mailingTool = listmonk\n");
    newsflash(&db)
        .args(["settings", "set", "mailingTool", "substack"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "must be one of listmonk, mailchimp, buttondown, sendy, other or none",
        ));
    newsflash(&db)
        .args([
            "settings",
            "set",
            "unsubscribeAddress",
            "{{ UnsubscribeURL }}",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no mail program fills in"));
    newsflash(&db)
        .args(["settings", "set", "smtpHost", "smtp.example.org"])
        .assert()
        .success();
    newsflash(&db)
        .args(["settings", "set", "smtpSecurity", "none"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "only for a mail server on this computer",
        ));
}

#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    // `newsflash issues show 1 | head -0`: the reader is gone before the first line
    // (closing it here takes microseconds; the command takes milliseconds to start).
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("newsflash"))
        .arg("--newsroom")
        .arg(&db)
        .args(["issues", "show", "1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.status.success(), "{:?}: {stderr}", output.status);
}

#[test]
fn issue_number_zero_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args(["issues", "new", "--title", "Zero", "--number", "0"])
        .assert()
        .code(1)
        .stderr("newsflash: Issue numbers start at 1, so there can be no issue 0.\n");
}

#[test]
fn control_characters_from_a_newsroom_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = initialised(&dir);
    newsflash(&db)
        .args(["sources", "add", "evil", "Evil\u{1b}[2J"])
        .assert()
        .success()
        .stdout("Added the source evil (Evil\\u{1b}[2J).\n");
    let listing = newsflash(&db)
        .args(["sources", "search", "evil"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        !listing.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&listing)
    );
}

/// aiosmtpd on a loopback port (the core tests' `smtp_server.py`), stopped when
/// dropped; it takes the login anna / "secret" and refuses nobody@example.net.
struct SmtpServer {
    child: std::process::Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl SmtpServer {
    fn start() -> SmtpServer {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/smtp_server.py");
        let inbox = tempfile::tempdir().unwrap();
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let mut child = std::process::Command::new(python)
            .arg(script)
            .arg("--out")
            .arg(inbox.path())
            .args([
                "--user",
                "anna",
                "--password",
                "secret",
                "--reject",
                "nobody@example.net",
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 runs the SMTP server (./x setup installs aiosmtpd)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| {
                panic!("the SMTP server did not start ({line:?}); is aiosmtpd installed?")
            });
        SmtpServer { child, port, inbox }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn send_test_mails_the_eml_with_the_password_from_the_environment() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("newsroom.db");
    newsflash(&db).arg("init").assert().success();
    newsflash(&db)
        .args(["send-test", "1", "--to", "me@example.net"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Test emails need a mail server to go through, but the settings have none. Set it with `newsflash settings set smtpHost",
        ));
    for (key, value) in [
        ("smtpHost", "127.0.0.1"),
        ("smtpSecurity", "none"),
        ("smtpPort", &server.port.to_string()),
        ("smtpUser", "anna"),
    ] {
        newsflash(&db)
            .args(["settings", "set", key, value])
            .assert()
            .success();
    }
    newsflash(&db)
        .args(["send-test", "1"])
        .env("NEWSFLASH_SMTP_PASSWORD", "secret")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Give one with --to ADDRESS"));
    newsflash(&db)
        .args(["send-test", "1", "--to", "me@example.net"])
        .env_remove("NEWSFLASH_SMTP_PASSWORD")
        .assert()
        .code(1)
        .stderr(
            "newsflash: The mail server 127.0.0.1 needs the password of anna, and none was given. Put it in the environment variable NEWSFLASH_SMTP_PASSWORD.\n",
        );
    newsflash(&db)
        .args(["send-test", "1", "--to", "me@example.net"])
        .env("NEWSFLASH_SMTP_PASSWORD", "guess")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "refused the login of anna (535 5.7.8",
        ))
        .stderr(predicate::str::contains(
            "Check the password in NEWSFLASH_SMTP_PASSWORD",
        ));
    newsflash(&db)
        .args(["send-test", "1", "--to", "me@example.net"])
        .env("NEWSFLASH_SMTP_PASSWORD", "secret")
        .assert()
        .success()
        .stdout(
            "Sent issue 1 to me@example.net through 127.0.0.1 (250 2.0.0 Ok: queued as TEST1).\n",
        )
        .stderr("");
    let received = std::fs::read_to_string(server.inbox.path().join("1.eml")).unwrap();
    assert!(
        received.starts_with("To: <me@example.net>\r\n"),
        "{received}"
    );
    assert!(received.contains("Subject: Tonga cut off after volcanic eruption\r\n"));

    // Without a real unsubscribe address the message goes, and the CLI says what
    // it lacks.
    newsflash(&db)
        .args(["settings", "set", "mailingTool", "listmonk"])
        .assert()
        .success();
    newsflash(&db)
        .args(["settings", "set", "unsubscribeAddress", ""])
        .assert()
        .success();
    newsflash(&db)
        .args(["send-test", "1", "--to", "me@example.net"])
        .env("NEWSFLASH_SMTP_PASSWORD", "secret")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "no unsubscribe link or List-Unsubscribe header: the email's {{ UnsubscribeURL }} is left out",
        ));
}
