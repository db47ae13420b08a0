//! Issues made from pasted plain text.

use newsflash_core::{Body, ErrorCode, Format};

use crate::common::{NOW, newsroom_path, open};

const REFERENCE: &str = include_str!("../../../tests/fixtures/newsflash-sample-issue.txt");

#[test]
fn the_reference_issue_becomes_an_issue_with_sections_sources_and_credit() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let import = newsroom
        .issues()
        .import_pasted_text("newsflash-sample-issue.txt", REFERENCE, NOW)
        .unwrap();
    assert_eq!(import.number, 3);
    assert_eq!(
        import.matched_sources,
        vec!["hrw", "aljazeera", "euractiv", "reuters", "rferl"]
    );
    assert!(import.new_sources.is_empty());
    assert_eq!(import.photo_credit.as_deref(), Some("Flickr"));

    let issue = newsroom.issues().get(3).unwrap();
    assert_eq!(issue.title, "Kazakhstan president claims coup attempt");
    assert_eq!(
        issue.date.to_string(),
        "2022-02-24",
        "next date by the cadence"
    );
    let headings: Vec<&str> = issue
        .body
        .lines()
        .filter(|line| line.starts_with('#'))
        .collect();
    assert_eq!(
        headings,
        vec![
            "# Kazakhstan president claims coup attempt",
            "## Unrest in Kazakhstan",
            "## “Shoot to kill”",
            "## Media coverage",
            "## International reactions",
            "## Future steps",
        ]
    );
    assert!(
        !issue.body.contains("Stay updated"),
        "the tagline is not part of the story"
    );
    assert!(!issue.body.contains("Sources:") && !issue.body.contains("Photo:"));

    let articles = newsroom.issues().articles(3).unwrap();
    assert_eq!(articles.len(), 1);
    let cited: Vec<&str> = articles[0]
        .citations
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    assert_eq!(
        cited,
        vec!["hrw", "aljazeera", "euractiv", "reuters", "rferl"]
    );
    let page = newsroom.render(3, Format::Web, Body::Saved).unwrap();
    assert!(
        page.contains(">HRW</a>, <a href=\"https://www.aljazeera.com/\">AlJazeera</a>, <a href=\"https://www.euractiv.com/\">EurActiv</a>, <a href=\"https://www.reuters.com/\">Reuters</a>, <a href=\"https://www.rferl.org/\">RadioFreeEurope</a></p>"),
        "the Sources line reads as it was published"
    );
}

#[test]
fn unknown_source_names_become_sources_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let text = "A headline\n\nThe lead paragraph of the story.\n\nSources: Reuters, The Daily Planet, the daily planet\n";
    let import = newsroom
        .issues()
        .import_pasted_text("paste", text, NOW)
        .unwrap();
    assert_eq!(import.matched_sources, vec!["reuters"]);
    assert_eq!(import.new_sources, vec!["the-daily-planet"]);
    let source = newsroom.sources().get("the-daily-planet").unwrap().unwrap();
    assert!(source.needs_review);
    assert_eq!(source.name, "The Daily Planet");
}

#[test]
fn empty_text_is_refused_and_nothing_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .issues()
        .import_pasted_text("empty.txt", "\n\n  \n", NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert!(error.to_string().contains("empty.txt"), "{error}");
    assert_eq!(newsroom.issues().list().unwrap().len(), 2);
}
