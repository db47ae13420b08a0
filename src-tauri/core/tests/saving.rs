//! Saving issue text and details: versioned, so two writers never overwrite each
//! other, and rendering what was saved.

use newsflash_core::{
    Body, Error, ErrorCode, Format, IssueDetails, IssueStatus, MAX_ISSUE_BODY_BYTES,
    RevisionReason, SaveOutcome, export_issue_formats,
};
use time::macros::datetime;

use crate::common::{NOW, SaveLatest, newsroom_path, open, open_for_editing};

#[test]
fn saved_text_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let at = datetime!(2026-11-25 10:30 UTC);
    let version = newsroom.issues().get(1).unwrap().version;
    let outcome = newsroom
        .issues()
        .save_text(1, version, "# New headline\n\nFresh text.\n", at)
        .unwrap();
    assert_eq!(
        outcome,
        SaveOutcome::Saved {
            number: 1,
            version: version + 1,
            saved_at: at
        }
    );
    drop(newsroom);
    let issue = open(&path).issues().get(1).unwrap();
    assert_eq!(issue.body, "# New headline\n\nFresh text.\n");
    assert_eq!(issue.updated_at, at);
    assert_eq!(issue.version, version + 1);
}

#[test]
fn two_writers_from_the_same_version_one_wins_and_the_other_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let app = open_for_editing(&path);
    let command_line = open(&path);
    let started_from = app.issues().get(1).unwrap().version;

    let first = command_line
        .issues()
        .save_text(1, started_from, "# From the command line\n", NOW)
        .unwrap();
    assert!(matches!(first, SaveOutcome::Saved { .. }), "{first:?}");
    let second = app
        .issues()
        .save_text(
            1,
            started_from,
            "# From the window\n\nTyped meanwhile.\n",
            NOW,
        )
        .unwrap();
    let SaveOutcome::Conflict {
        current,
        kept_revision,
    } = second
    else {
        panic!("the second save must not overwrite the first: {second:?}");
    };
    assert_eq!(current.body, "# From the command line\n");
    let kept = app.revisions().get(kept_revision).unwrap();
    assert_eq!(kept.reason, RevisionReason::Conflict);
    assert_eq!(kept.body, "# From the window\n\nTyped meanwhile.\n");
    assert_eq!(
        app.issues().get(1).unwrap().body,
        "# From the command line\n",
        "nothing was overwritten"
    );
    // From the version the conflict reported, the window's save goes through.
    let again = app
        .issues()
        .save_text(1, current.version, &kept.body, NOW)
        .unwrap();
    assert!(matches!(again, SaveOutcome::Saved { .. }), "{again:?}");
}

#[test]
fn every_change_of_an_issue_moves_its_version_on() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let version = |newsroom: &newsflash_core::Newsroom| newsroom.issues().get(1).unwrap().version;
    let mut last = version(&newsroom);
    let mut moved = |newsroom: &newsflash_core::Newsroom, what: &str| -> u32 {
        let now = version(newsroom);
        assert!(now > last, "{what} left the version at {now}");
        last = now;
        now
    };
    newsroom.save_latest(1, "# Text\n", NOW).unwrap();
    let current = moved(&newsroom, "a save");
    let details = IssueDetails {
        date: time::macros::date!(2022 - 01 - 28),
        title: "Another title".into(),
        preheader: "Another preheader".into(),
    };
    newsroom
        .issues()
        .save_details(1, current, &details, NOW)
        .unwrap();
    moved(&newsroom, "new details");
    newsroom
        .issues()
        .set_status(1, IssueStatus::InReview, None, NOW)
        .unwrap();
    moved(&newsroom, "a status change");
    newsroom
        .photos()
        .set_for_article(1, 0, None, false, NOW)
        .unwrap();
    moved(&newsroom, "a lead photo");
    let revision = newsroom.revisions().list(1).unwrap()[2].id;
    newsroom.revisions().restore(1, revision, NOW).unwrap();
    moved(&newsroom, "a restore");
}

#[test]
fn details_are_saved_with_their_version_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let issue = newsroom.issues().get(1).unwrap();
    let details = IssueDetails {
        date: time::macros::date!(2022 - 01 - 28),
        title: "  Tonga: the cable\nis cut ".into(),
        preheader: "Why one cable matters".into(),
    };
    let outcome = newsroom
        .issues()
        .save_details(1, issue.version, &details, NOW)
        .unwrap();
    assert!(matches!(outcome, SaveOutcome::Saved { .. }));
    let saved = newsroom.issues().get(1).unwrap();
    assert_eq!(saved.title, "Tonga: the cable is cut");
    assert_eq!(saved.preheader, "Why one cable matters");
    assert_eq!(saved.date.to_string(), "2022-01-28");
    assert_eq!(saved.body, issue.body, "the text stays");
    assert_eq!(newsroom.issues().search("cable", 5).unwrap()[0].number, 1);

    let stale = newsroom
        .issues()
        .save_details(1, issue.version, &details, NOW)
        .unwrap();
    assert!(matches!(stale, SaveOutcome::Conflict { .. }), "{stale:?}");

    let long = IssueDetails {
        title: "x".repeat(newsflash_core::MAX_TITLE_CHARS + 1),
        ..details
    };
    let error = newsroom
        .issues()
        .save_details(1, saved.version, &long, NOW)
        .unwrap_err();
    assert!(
        matches!(error, Error::InvalidIssueDetail { what: "title", .. }),
        "{error}"
    );
}

#[test]
fn a_published_issue_is_read_only_until_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    assert_eq!(
        newsroom.issues().get(1).unwrap().status,
        IssueStatus::Published
    );
    let before = newsroom.issues().get(1).unwrap();
    let error = newsroom
        .save_latest(1, "# Changed after sending\n", NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::IssuePublished, "{error}");
    assert_eq!(newsroom.issues().get(1).unwrap(), before);

    newsroom
        .issues()
        .set_status(1, IssueStatus::Draft, Some("Wrong death toll"), NOW)
        .unwrap();
    let correction = &newsroom.revisions().list(1).unwrap()[0];
    assert_eq!(correction.reason, RevisionReason::Correction);
    assert_eq!(correction.note, "Wrong death toll");
    newsroom.save_latest(1, "# Corrected\n", NOW).unwrap();
}

#[test]
fn control_characters_never_reach_the_saved_text() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    newsroom
        .save_latest(
            1,
            "# Word\u{0b}break\n\nBell\u{07} and escape\u{1b}[2J.\n",
            NOW,
        )
        .unwrap();
    assert_eq!(
        newsroom.issues().get(1).unwrap().body,
        "# Word\nbreak\n\nBell and escape[2J.\n"
    );
}

#[test]
fn oversized_text_is_refused_and_the_saved_text_kept() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let before = newsroom.issues().get(1).unwrap().body;
    let huge = "a".repeat(20 * 1024 * 1024);
    let error = newsroom.save_latest(1, &huge, NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::TooLarge);
    assert!(
        error
            .to_string()
            .contains(&MAX_ISSUE_BODY_BYTES.to_string()),
        "{error}"
    );
    assert_eq!(newsroom.issues().get(1).unwrap().body, before);
}

#[test]
fn saving_an_unknown_issue_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom.issues().save_text(99, 1, "x", NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert_eq!(error.to_string(), "There is no issue 99 in this newsroom.");
}

#[test]
fn preview_and_export_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let body = "# Headline\n\nA *new* paragraph.\n";
    let preview = newsroom
        .render(1, Format::Web, Body::Unsaved(body))
        .unwrap();
    newsroom.save_latest(1, body, NOW).unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = export_issue_formats(&newsroom, 1, &[Format::Web], out.path(), true, NOW).unwrap();
    assert_eq!(
        files[0].file_name().unwrap(),
        "001-tonga-cut-off-after-volcanic-eruption.html"
    );
    let photo = newsroom.photos().get("tonga-ash-cloud").unwrap();
    assert!(
        out.path().join("photos").join(&photo.file).is_file(),
        "the lead photo is exported beside the page"
    );
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), preview);
    assert!(preview.contains("<p>A <em>new</em> paragraph.</p>"));
}

#[test]
fn saving_keeps_articles_and_citations_in_step_with_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open_for_editing(&newsroom_path(&dir));
    let body = "# First story\n\nA claim. [@reuters]\n\n## Section\n\nMore [@hrw, https://www.hrw.org/news/x] [@reuters]\n\n# Second story\n\nNothing cited.\n";
    newsroom.save_latest(1, body, NOW).unwrap();
    let articles = newsroom.issues().articles(1).unwrap();
    let shape: Vec<_> = articles
        .iter()
        .map(|a| {
            (
                a.headline.as_str(),
                a.line,
                a.citations
                    .iter()
                    .map(|c| (c.key.as_str(), c.url.as_str(), c.line))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "First story",
                1,
                vec![
                    ("reuters", "", 3),
                    ("hrw", "https://www.hrw.org/news/x", 7),
                    ("reuters", "", 7)
                ]
            ),
            ("Second story", 9, vec![]),
        ]
    );

    newsroom.save_latest(1, "# Only one\n", NOW).unwrap();
    let articles = newsroom.issues().articles(1).unwrap();
    assert_eq!(articles.len(), 1);
    assert!(articles[0].citations.is_empty());
}

#[test]
fn the_web_page_has_a_sources_line_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let page = newsroom
        .render(
            1,
            Format::Web,
            Body::Unsaved(
                "# A\n\nText [@unknown-outlet, https://example.org/a]\n\n# B\n\nPlain.\n",
            ),
        )
        .unwrap();
    assert!(
        page.contains(
            r#"<p class="sources">Sources: <a href="https://example.org/a">unknown-outlet</a></p>"#
        ),
        "{page}"
    );
    assert_eq!(page.matches("class=\"sources\"").count(), 1);
    assert!(
        !page.contains("[@"),
        "citation marks must not reach readers"
    );
}

#[test]
fn issues_are_found_by_words_of_their_title_and_text_as_typed() {
    fn numbers(newsroom: &newsflash_core::Newsroom, query: &str) -> Vec<u32> {
        newsroom
            .issues()
            .search(query, 10)
            .unwrap()
            .iter()
            .map(|i| i.number)
            .collect()
    }
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    newsroom
        .issues()
        .add(
            &newsflash_core::NewIssue {
                number: 3,
                details: newsflash_core::IssueDetails {
                    date: time::macros::date!(2022 - 02 - 24),
                    title: "Floods in the Sahel".into(),
                    preheader: String::new(),
                },
                status: IssueStatus::Draft,
                body: "# Floods in the Sahel\n\nRivers rose across Niger and Chad.\n".into(),
            },
            NOW,
        )
        .unwrap();
    assert_eq!(numbers(&newsroom, "ton"), vec![1], "prefix of Tonga");
    assert_eq!(numbers(&newsroom, "sahel"), vec![3]);
    assert_eq!(
        numbers(&newsroom, "niger cha"),
        vec![3],
        "words of the text, last one unfinished"
    );
    assert_eq!(
        numbers(&newsroom, "tonga \"OR\" NEAR("),
        Vec::<u32>::new(),
        "syntax is searched for, not obeyed"
    );
    assert!(numbers(&newsroom, "  ").is_empty());

    newsroom.save_latest(3, "# Drought instead\n", NOW).unwrap();
    assert!(
        numbers(&newsroom, "niger").is_empty(),
        "the index follows every save"
    );
}

#[test]
fn new_issues_follow_the_cadence_and_deleted_ones_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let created = newsroom
        .issues()
        .create("Floods in the Sahel", NOW.date(), NOW)
        .unwrap();
    assert_eq!(created.number, 3);
    assert_eq!(
        created.date.to_string(),
        "2022-02-24",
        "14 days after issue 2"
    );
    assert_eq!(created.status, IssueStatus::Draft);
    assert_eq!(created.body, "# Floods in the Sahel\n\n");

    newsroom.issues().delete(3, NOW).unwrap();
    assert_eq!(newsroom.issues().list().unwrap().len(), 2);
    assert_eq!(newsroom.issues().deleted().unwrap()[0].number, 3);
    assert_eq!(
        newsroom.issues().get(3).unwrap_err().code(),
        ErrorCode::NotFound
    );
    // Numbers are never given out twice.
    assert_eq!(newsroom.issues().next(NOW.date()).unwrap().number, 4);
    let back = newsroom.issues().undelete(3, NOW).unwrap();
    assert_eq!(back.title, "Floods in the Sahel");
    let reasons: Vec<_> = newsroom
        .revisions()
        .list(3)
        .unwrap()
        .iter()
        .map(|r| r.reason)
        .collect();
    assert_eq!(
        reasons,
        vec![RevisionReason::Delete, RevisionReason::Import]
    );
}

#[test]
fn issue_number_zero_is_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .issues()
        .add(
            &newsflash_core::NewIssue {
                number: 0,
                details: newsflash_core::IssueDetails {
                    date: NOW.date(),
                    title: "Zero".into(),
                    preheader: String::new(),
                },
                status: IssueStatus::Draft,
                body: String::new(),
            },
            NOW,
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Issue numbers start at 1, so there can be no issue 0."
    );
}
