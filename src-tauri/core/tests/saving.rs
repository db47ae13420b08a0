//! Saving issue text and rendering it.

use newsflash_core::{ErrorCode, Format, MAX_ISSUE_BODY_BYTES, export_issue};
use time::macros::datetime;

use crate::common::{newsroom_path, open};

#[test]
fn saved_text_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let mut newsroom = open(&path);
    let at = datetime!(2026-11-25 10:30 UTC);
    let receipt = newsroom
        .save_issue_body(1, "# New headline\n\nFresh text.\n", at)
        .unwrap();
    assert_eq!(receipt.saved_at, at);
    drop(newsroom);
    let issue = open(&path).issue(1).unwrap();
    assert_eq!(issue.body, "# New headline\n\nFresh text.\n");
    assert_eq!(issue.updated_at, at);
}

#[test]
fn oversized_text_is_refused_and_the_saved_text_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    let before = newsroom.issue(1).unwrap().body;
    let huge = "a".repeat(20 * 1024 * 1024);
    let error = newsroom
        .save_issue_body(1, &huge, crate::common::NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::TooLarge);
    assert!(
        error
            .to_string()
            .contains(&MAX_ISSUE_BODY_BYTES.to_string()),
        "{error}"
    );
    assert_eq!(newsroom.issue(1).unwrap().body, before);
}

#[test]
fn saving_an_unknown_issue_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .save_issue_body(99, "x", crate::common::NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert_eq!(error.to_string(), "There is no issue 99 in this newsroom.");
}

#[test]
fn preview_and_export_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    let body = "# Headline\n\nA *new* paragraph.\n";
    let preview = newsroom.preview_web_page(1, body).unwrap();
    newsroom
        .save_issue_body(1, body, crate::common::NOW)
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = export_issue(
        &mut newsroom,
        1,
        Format::Web,
        out.path(),
        crate::common::NOW,
    )
    .unwrap();
    assert_eq!(
        file.file_name().unwrap(),
        "001-tonga-cut-off-after-volcanic-eruption.html"
    );
    let photo = newsroom.photo("tonga-ash-cloud").unwrap();
    assert!(
        out.path().join("photos").join(&photo.file).is_file(),
        "the lead photo is exported beside the page"
    );
    assert_eq!(std::fs::read_to_string(file).unwrap(), preview);
    assert!(preview.contains("<p>A <em>new</em> paragraph.</p>"));
}

#[test]
fn saving_keeps_articles_and_citations_in_step_with_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    let body = "# First story\n\nA claim. [@reuters]\n\n## Section\n\nMore [@hrw, https://www.hrw.org/news/x] [@reuters]\n\n# Second story\n\nNothing cited.\n";
    newsroom
        .save_issue_body(1, body, crate::common::NOW)
        .unwrap();
    let articles = newsroom.articles(1).unwrap();
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

    newsroom
        .save_issue_body(1, "# Only one\n", crate::common::NOW)
        .unwrap();
    let articles = newsroom.articles(1).unwrap();
    assert_eq!(articles.len(), 1);
    assert!(articles[0].citations.is_empty());
}

#[test]
fn the_web_page_has_a_sources_line_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let page = newsroom
        .preview_web_page(
            1,
            "# A\n\nText [@unknown-outlet, https://example.org/a]\n\n# B\n\nPlain.\n",
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
            .search_issues(query, 10)
            .unwrap()
            .iter()
            .map(|i| i.number)
            .collect()
    }
    let dir = tempfile::tempdir().unwrap();
    let mut newsroom = open(&newsroom_path(&dir));
    newsroom
        .add_issue(
            &newsflash_core::NewIssue {
                number: 2,
                date: time::macros::date!(2022 - 02 - 10),
                title: "Floods in the Sahel".into(),
                preheader: String::new(),
                status: newsflash_core::IssueStatus::Draft,
                body: "# Floods in the Sahel\n\nRivers rose across Niger and Chad.\n".into(),
            },
            crate::common::NOW,
        )
        .unwrap();
    assert_eq!(numbers(&newsroom, "ton"), vec![1], "prefix of Tonga");
    assert_eq!(numbers(&newsroom, "sahel"), vec![2]);
    assert_eq!(
        numbers(&newsroom, "niger cha"),
        vec![2],
        "words of the text, last one unfinished"
    );
    assert_eq!(
        numbers(&newsroom, "tonga \"OR\" NEAR("),
        Vec::<u32>::new(),
        "syntax is searched for, not obeyed"
    );
    assert!(numbers(&newsroom, "  ").is_empty());

    newsroom
        .save_issue_body(2, "# Drought instead\n", crate::common::NOW)
        .unwrap();
    assert!(
        numbers(&newsroom, "niger").is_empty(),
        "the index follows every save"
    );
}
