//! The outputs readers receive: web page and email edition.

use crate::common::{newsroom_path, open};
use newsflash_core::{Body, Format};

fn sample_email() -> String {
    let dir = tempfile::tempdir().unwrap();
    open(&newsroom_path(&dir))
        .render(1, Format::Email, Body::Saved)
        .unwrap()
}

#[test]
fn email_follows_the_rules_of_mail_clients() {
    let html = sample_email();
    let body_start = html.find("<body").unwrap();
    let after_body = &html[html[body_start..].find('>').unwrap() + body_start + 1..];
    assert!(
        after_body.starts_with("<div style=\"display:none;")
            && after_body.contains("What happened, how help arrived"),
        "hidden preheader right after <body>"
    );
    assert!(html.contains(r#"<meta name="color-scheme" content="light dark">"#));
    assert!(html.contains(r#"<meta name="supported-color-schemes" content="light dark">"#));
    assert!(
        html.contains("@media (prefers-color-scheme: dark)"),
        "dark mode kept in the head"
    );
    for table in html
        .match_indices("<table")
        .map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()])
    {
        assert!(
            table.contains(r#"role="presentation""#),
            "layout table without role: {table}"
        );
    }
    assert!(
        html.contains(r#"width="600""#),
        "600 px as an attribute for Outlook"
    );
    for forbidden in [
        "<script",
        "<form",
        "<iframe",
        "<link",
        "&apos;",
        "javascript:",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in the email");
    }
    assert!(
        html.contains(r#"<a href="{{ unsubscribe_url }}""#),
        "unsubscribe merge tag kept as is"
    );
    assert!(html.contains(">Unsubscribe</a>"));
    assert!(
        html.len() < 102 * 1024,
        "under Gmail's clipping limit: {} bytes",
        html.len()
    );
}

#[test]
fn email_sources_are_live_links_with_utm() {
    let html = sample_email();
    assert!(
        html.contains("Sources: <a href=\"https://www.reuters.com/?utm_source=newsflash&amp;utm_medium=email&amp;utm_campaign=issue-1\""),
        "{}",
        &html[html.find("Sources:").unwrap_or(0)..][..300.min(html.len())]
    );
}

#[test]
fn email_preview_and_export_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let body = newsroom.issues().get(1).unwrap().body;
    let preview = newsroom
        .render(1, Format::Email, Body::Unsaved(&body))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = newsflash_core::export_issue_formats(
        &newsroom,
        1,
        &[Format::Email],
        out.path(),
        false,
        crate::common::NOW,
    )
    .unwrap();
    let file = &files[0];
    assert!(file.to_string_lossy().ends_with(".email.html"));
    assert_eq!(std::fs::read_to_string(file).unwrap(), preview);
}

#[test]
fn raw_html_in_the_text_never_reaches_the_email() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let html = newsroom
        .render(1, Format::Email, Body::Unsaved("# A\n\n<script>alert('x')</script>\n\nHi <b onclick=\"steal()\">there</b> <a href=\"javascript:alert(1)\">link</a>\n"))
        .unwrap();
    for active in ["<script", "alert(", "onclick", "steal()", "javascript:"] {
        assert!(!html.contains(active), "{active} reached the email");
    }
    assert!(html.contains("<b>there</b>"));
}

#[test]
fn email_snapshot() {
    insta::assert_snapshot!("sample_issue_email", sample_email());
}

fn sample_newsroom(dir: &tempfile::TempDir) -> newsflash_core::Newsroom {
    open(&newsroom_path(dir))
}

#[test]
fn text_edition_snapshot_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let text = sample_newsroom(&dir)
        .render(1, Format::Text, Body::Saved)
        .unwrap();
    for line in text
        .lines()
        .filter(|line| !line.starts_with('[') && !line.starts_with("Read it on the web"))
    {
        assert!(line.chars().count() <= 72, "longer than 72 columns: {line}");
    }
    assert!(text.contains("Tonga cut off after volcanic eruption\n====="));
    assert!(text.contains("A blast felt around the globe\n-----"));
    assert!(text.contains("Sources: Reuters [1], BBC [2], NASA [3], AlJazeera [4], OCHA [5]"));
    assert!(text.contains("Photo: “Ash cloud over the Pacific” by Newsflash Studio contributors,"));
    assert!(!text.contains('<'), "no markup in plain text");
    insta::assert_snapshot!("sample_issue_text", text);
}

#[test]
fn text_preview_and_export_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = sample_newsroom(&dir);
    let body = newsroom.issues().get(1).unwrap().body;
    let preview = newsroom
        .render(1, Format::Text, Body::Unsaved(&body))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = newsflash_core::export_issue_formats(
        &newsroom,
        1,
        &[Format::Text],
        out.path(),
        false,
        crate::common::NOW,
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), preview);
}

#[test]
fn eml_is_a_multipart_alternative_draft() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = sample_newsroom(&dir);
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    assert!(eml.starts_with("From: \"Newsflash editors\" <editors@newsflash.example.org>\r\n"));
    assert!(eml.contains("Subject: Tonga cut off after volcanic eruption\r\n"));
    assert!(eml.contains("X-Unsent: 1\r\n"));
    assert!(eml.contains("Content-Type: multipart/alternative;"));
    let text_at = eml.find("Content-Type: text/plain").unwrap();
    let html_at = eml.find("Content-Type: text/html").unwrap();
    assert!(text_at < html_at, "plain text first, HTML preferred last");
    // Dated on the issue's day, not when it was exported or last changed.
    assert!(
        eml.contains("Date: Thu, 27 Jan 2022 12:00:00 +0000\r\n"),
        "{eml}"
    );
    // The same issue makes the same bytes, boundary and Message-ID included.
    assert_eq!(eml, newsroom.render(1, Format::Eml, Body::Saved).unwrap());
    insta::assert_snapshot!("sample_issue_eml", eml);
}

#[test]
fn eml_links_only_to_real_unsubscribe_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = sample_newsroom(&dir);
    newsroom.settings().set("mailingTool", "listmonk").unwrap();
    let email = newsroom.render(1, Format::Email, Body::Saved).unwrap();
    let text = newsroom.render(1, Format::Text, Body::Saved).unwrap();
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    // The mailing tool gets its merge tag; the mail program a real address.
    assert!(
        email.contains(r#"<a href="{{ UnsubscribeURL }}""#),
        "{email}"
    );
    assert!(
        text.contains("Unsubscribe: {{ UnsubscribeURL }}\n"),
        "{text}"
    );
    assert!(!eml.contains("UnsubscribeURL"), "{eml}");
    assert!(eml.contains("Unsubscribe: https://newsflash.example.org/unsubscribe"));
    assert!(eml.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));

    // Only a mailto: address: no one-click header, the link writes an email.
    newsroom
        .settings()
        .set("unsubscribeAddress", "mailto:leave@newsflash.example.org")
        .unwrap();
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    assert!(eml.contains("List-Unsubscribe: <mailto:leave@newsflash.example.org>\r\n"));
    assert!(!eml.contains("List-Unsubscribe-Post"));
    assert!(eml.contains("Unsubscribe: mailto:leave@newsflash.example.org"));

    // No real address: the .eml has no unsubscribe link rather than a broken one,
    // and the preflight says so.
    newsroom.settings().set("unsubscribeAddress", "").unwrap();
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    assert!(!eml.contains("List-Unsubscribe"));
    assert!(!eml.contains("Unsubscribe"), "{eml}");
    assert!(!eml.contains("{{"), "{eml}");

    // Mailchimp's terms require the postal address tag in every campaign.
    newsroom.settings().set("mailingTool", "mailchimp").unwrap();
    let email = newsroom.render(1, Format::Email, Body::Saved).unwrap();
    let text = newsroom.render(1, Format::Text, Body::Saved).unwrap();
    assert!(email.contains(r#"<a href="*|UNSUB|*""#));
    assert!(email.contains("<br>*|LIST:ADDRESSLINE|*</p>"), "{email}");
    assert!(
        text.contains("Unsubscribe: *|UNSUB|*\n*|LIST:ADDRESSLINE|*\n"),
        "{text}"
    );
    let eml = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
    assert!(!eml.contains("*|"), "{eml}");
}

#[test]
fn eml_without_a_sender_address_is_refused_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let empty = newsflash_core::Newsroom::open(
        &newsroom_path(&dir),
        newsflash_core::Seed::Empty,
        crate::common::NOW,
    )
    .unwrap();
    empty
        .issues()
        .add(
            &newsflash_core::NewIssue {
                number: 1,
                details: newsflash_core::IssueDetails {
                    date: time::macros::date!(2024 - 01 - 01),
                    title: "T".into(),
                    preheader: String::new(),
                },
                status: newsflash_core::IssueStatus::Draft,
                body: "# T\n".into(),
            },
            crate::common::NOW,
        )
        .unwrap();
    let error = empty.render(1, Format::Eml, Body::Saved).unwrap_err();
    assert_eq!(error.subject().as_deref(), Some("senderEmail"), "{error}");
    assert!(
        error.to_string().contains("sender's email address"),
        "{error}"
    );
}

#[test]
fn a_newsroom_can_override_a_template_and_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let templates = dir.path().join("newsroom-templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("text.txt"),
        "{{ issue.title | upper }}\n{% for article in articles %}{{ article.text }}{% endfor %}\n",
    )
    .unwrap();
    std::fs::write(
        templates.join("web.html"),
        "<p>{{ issue.title }}</p>\n{% if %}\n",
    )
    .unwrap();
    let newsroom = open(&path);
    assert_eq!(newsroom.templates_dir(), templates);

    let text = newsroom.render(1, Format::Text, Body::Saved).unwrap();
    assert!(
        text.starts_with("TONGA CUT OFF AFTER VOLCANIC ERUPTION\n"),
        "{text}"
    );

    let error = newsroom.render(1, Format::Web, Body::Saved).unwrap_err();
    assert_eq!(error.code(), newsflash_core::ErrorCode::Template);
    let message = error.to_string();
    assert!(
        message.contains("newsroom-templates/web.html"),
        "names the file: {message}"
    );
    assert!(message.contains("line 2"), "names the line: {message}");
    // The other outputs still use the embedded templates.
    assert!(
        newsroom
            .render(1, Format::Email, Body::Saved)
            .unwrap()
            .contains("Tonga cut off after volcanic eruption")
    );
}

#[test]
fn archive_lists_published_issues_with_a_feed() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = sample_newsroom(&dir);
    newsroom
        .issues()
        .add(
            &newsflash_core::NewIssue {
                number: 3,
                details: newsflash_core::IssueDetails {
                    date: time::macros::date!(2022 - 02 - 24),
                    title: "Still a draft".into(),
                    preheader: String::new(),
                },
                status: newsflash_core::IssueStatus::Draft,
                body: "# Still a draft\n".into(),
            },
            crate::common::NOW,
        )
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let written =
        newsflash_core::export_archive(&newsroom, out.path(), false, crate::common::NOW).unwrap();
    let names: Vec<_> = written
        .iter()
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "001-tonga-cut-off-after-volcanic-eruption.html",
            "index.html",
            "feed.xml"
        ]
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains(r#"<a href="001-tonga-cut-off-after-volcanic-eruption.html">Tonga cut off after volcanic eruption</a>"#));
    assert!(
        !index.contains("Still a draft"),
        "drafts stay out of the archive"
    );
    let feed = std::fs::read_to_string(out.path().join("feed.xml")).unwrap();
    assert!(feed.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    assert!(feed.contains(
        "<id>https://newsflash.example.org/001-tonga-cut-off-after-volcanic-eruption.html</id>"
    ));
    assert!(feed.contains("<updated>2026-11-25T09:00:00Z</updated>"));
    assert_eq!(feed.matches("<entry>").count(), 1);
    insta::assert_snapshot!("sample_archive_feed", feed);
}

#[test]
fn archive_needs_a_web_address() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsflash_core::Newsroom::open(
        &newsroom_path(&dir),
        newsflash_core::Seed::Empty,
        crate::common::NOW,
    )
    .unwrap();
    let error = newsflash_core::export_archive(&newsroom, dir.path(), false, crate::common::NOW)
        .unwrap_err();
    assert_eq!(error.subject().as_deref(), Some("webBaseUrl"), "{error}");
    assert!(error.to_string().contains("web address"), "{error}");
}

#[test]
fn web_page_snapshot_and_structure() {
    let dir = tempfile::tempdir().unwrap();
    let page = sample_newsroom(&dir)
        .render(1, Format::Web, Body::Saved)
        .unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    assert_eq!(page.matches("<article>").count(), 1);
    assert_eq!(page.matches("<section>").count(), 5, "one per ## section");
    assert!(page.contains("<figure>\n<img src=\"https://newsflash.example.org/photos/"));
    assert!(page.contains("<figcaption>"));
    assert!(page.contains(
        "<meta property=\"og:title\" content=\"Tonga cut off after volcanic eruption\">"
    ));
    assert!(page.contains("@media print"));
    insta::assert_snapshot!("sample_issue_web_page", page);
}
