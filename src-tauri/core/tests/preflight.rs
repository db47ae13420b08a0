//! The preflight: every finding provoked on a temporary newsroom, and the sample
//! issue free of errors.

use std::collections::BTreeSet;

use newsflash_core::{
    Body, EMAIL_CLIP_BYTES, EMAIL_WARN_BYTES, Error, Finding, FindingCode, Format, Licence,
    MAX_ARTICLES, MAX_EMAIL_TEXT_BYTES, MAX_FINDINGS, NewPhoto, Newsroom, Severity, has_errors,
};

use crate::common::{NOW, newsroom_path, open};

/// A 3×2 GIF: the smallest image the library takes.
const TINY_GIF: &[u8] = b"GIF89a\x03\x00\x02\x00\x00\x00\x00;";

fn photo(key: &str, creator: &str, licence: &str, alt: &str) -> NewPhoto {
    let mut photo = NewPhoto::new(key, creator, Licence::parse(licence).unwrap());
    photo.alt = alt.into();
    photo.title = "A photo".into();
    photo.source_name = "Flickr".into();
    photo
}

/// (severity, code, article, line) of each finding, in order.
fn summary(findings: &[Finding]) -> Vec<(&'static str, &str, Option<u32>, Option<u32>)> {
    findings
        .iter()
        .map(|f| {
            let severity = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            (severity, f.code.as_str(), f.article, f.line)
        })
        .collect()
}

fn message<'a>(findings: &'a [Finding], code: &str) -> &'a str {
    &findings
        .iter()
        .find(|f| f.code.as_str() == code)
        .unwrap_or_else(|| panic!("no {code} in {findings:#?}"))
        .message
}

const TROUBLED_ISSUE: &str = r#"+++
number = 7
date = 2026-12-03
title = ""
preheader = ""
status = "draft"
sponsored = true

[[articles]]
photo = "nd-photo"
photo_cropped = true

[[articles]]
photo = "nc-photo"

[[articles]]
photo = "by-photo"

[[articles]]
photo = "pd-photo"
+++

# Cited wrongly

Said so [@bogus] and [@reuters].

### Too deep

Text with a [plain link](http://example.org/report) and TK. [@reuters]

## Nothing here

## Something here

<script>alert(1)</script>

# No sources at all

Just words, and an image ![map](http://example.org/map.png).

# Third

Text. [@bbc]

# Fourth

Text. [@bbc]
"#;

/// Opens a seeded newsroom with four photos, one of whose creator was erased by
/// another tool (the app itself refuses to store a CC BY photo without one).
fn newsroom_with_photos(dir: &tempfile::TempDir) -> Newsroom {
    let path = newsroom_path(dir);
    {
        let newsroom = open(&path);
        let gif = dir.path().join("tiny.gif");
        std::fs::write(&gif, TINY_GIF).unwrap();
        for new in [
            photo("nd-photo", "Jane Doe", "CC-BY-ND-4.0", "A harbour"),
            photo("nc-photo", "Jane Doe", "CC-BY-NC-2.0", ""),
            photo("by-photo", "Jane Doe", "CC-BY-4.0", "A crowd"),
            photo("pd-photo", "", "public-domain", "An old map"),
        ] {
            newsroom.photos().add(&gif, new, NOW).unwrap();
        }
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE photos SET creator = '' WHERE key = 'by-photo'", [])
        .unwrap();
    drop(conn);
    open(&path)
}

#[test]
fn the_sample_issue_has_no_errors() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let findings = newsroom.preflight(1, Body::Saved).unwrap();
    assert!(!has_errors(&findings), "{findings:#?}");
    // Every source cited is in the starter library, the photo is fully credited
    // and the email is far from Gmail's limit: nothing to say.
    assert_eq!(findings, vec![]);
}

#[test]
fn every_check_of_the_text_photos_and_front_matter_fires() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_with_photos(&dir);
    newsroom
        .issues()
        .import_file("troubled.md", TROUBLED_ISSUE, NOW)
        .unwrap();
    let findings = newsroom.preflight(7, Body::Saved).unwrap();
    assert!(has_errors(&findings));
    assert_eq!(
        summary(&findings),
        vec![
            ("error", "unknown-source", Some(0), Some(3)),
            ("error", "placeholder-left", Some(0), Some(7)),
            ("error", "photo-missing-alt", Some(1), Some(15)),
            ("error", "photo-missing-credit", Some(2), Some(19)),
            ("warning", "missing-title", None, None),
            ("warning", "missing-preheader", None, None),
            ("warning", "photo-licence-use", Some(0), Some(1)),
            ("warning", "skipped-heading-level", Some(0), Some(5)),
            ("warning", "insecure-link", Some(0), Some(7)),
            ("warning", "empty-section", Some(0), Some(9)),
            ("warning", "raw-html-removed", Some(0), Some(13)),
            ("warning", "no-sources", Some(1), Some(15)),
            ("warning", "photo-licence-use", Some(1), Some(15)),
            ("warning", "insecure-link", Some(1), Some(17)),
            ("warning", "remote-image", Some(1), Some(17)),
            ("warning", "photo-missing-creator", Some(3), Some(23)),
        ]
    );
    assert_eq!(
        message(&findings, "unknown-source"),
        "The text cites [@bogus], which is not in the source library."
    );
    assert_eq!(
        message(&findings, "photo-licence-use"),
        "The photo \"nd-photo\" is shown cropped but its licence CC BY-ND 4.0 does not allow changing it; show it whole or choose another photo."
    );
    assert!(
        message(&findings, "insecure-link").contains("http://example.org/report"),
        "{findings:#?}"
    );
    assert!(
        findings.iter().any(|f| f.message
            == "The photo \"nc-photo\" is in a sponsored issue but its licence CC BY-NC 2.0 does not allow commercial use; choose another photo."),
        "{findings:#?}"
    );
}

#[test]
fn an_interchange_file_is_checked_before_import_with_lines_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_with_photos(&dir);
    let findings = newsroom
        .issues()
        .check_file("troubled.md", TROUBLED_ISSUE)
        .unwrap();
    // The body starts on line 23 of the file.
    assert!(
        summary(&findings).contains(&("error", "unknown-source", Some(0), Some(25))),
        "{findings:#?}"
    );
    assert!(
        !findings
            .iter()
            .any(|f| f.code == FindingCode::DuplicateNumber)
    );

    // Issue 1 is the sample issue; its file under another photo key.
    let sample = newsroom.issues().file(1).unwrap();
    let renamed = sample.replace("photo = \"tonga-ash-cloud\"", "photo = \"tonga-ash\"");
    let findings = newsroom.issues().check_file("tonga.md", &renamed).unwrap();
    assert_eq!(
        summary(&findings),
        vec![
            ("error", "duplicate-number", None, None),
            ("error", "unknown-photo", Some(0), Some(12)),
        ]
    );
    assert_eq!(
        findings[0].message,
        "tonga.md is issue 1, but this newsroom already has an issue 1 (\"Tonga cut off after volcanic eruption\")."
    );

    let unreadable = newsroom.issues().check_file("broken.md", "no front matter");
    assert!(unreadable.is_err());
}

#[test]
fn title_and_preheader_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let file = newsroom
        .issues()
        .file(1)
        .unwrap()
        .replace("number = 1", "number = 12");
    let repeating = file.replace(
        "preheader = \"What happened, how help arrived, and why a single cable matters\"",
        "preheader = \"Tonga cut off after volcanic eruption: the story\"",
    );
    newsroom
        .issues()
        .import_file("12.md", &repeating, NOW)
        .unwrap();
    assert_eq!(
        summary(&newsroom.preflight(12, Body::Saved).unwrap()),
        vec![("warning", "preheader-repeats-title", None, None)]
    );
    let placeholder = file
        .replace("number = 12", "number = 13")
        .replace("title = \"Tonga", "title = \"TK Tonga");
    newsroom
        .issues()
        .import_file("13.md", &placeholder, NOW)
        .unwrap();
    let findings = newsroom.preflight(13, Body::Saved).unwrap();
    assert_eq!(
        summary(&findings),
        vec![("error", "placeholder-left", None, None)]
    );
    assert_eq!(
        findings[0].message,
        "The placeholder TK is still in the title; write what is to come."
    );
}

#[test]
fn the_email_size_is_measured_against_gmails_limit() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let sample = newsroom.issues().get(1).unwrap().body;
    let paragraph = "More words about the eruption and what followed it, as reported. ".repeat(16);
    // Grow the text until the email crosses each threshold.
    let mut body = sample.clone();
    let mut warned = false;
    loop {
        body.push_str(&format!("\n{paragraph}\n"));
        let size = newsroom
            .render(1, Format::Email, Body::Unsaved(&body))
            .unwrap()
            .len();
        let codes: Vec<String> = newsroom
            .preflight(1, Body::Unsaved(&body))
            .unwrap()
            .into_iter()
            .map(|f| format!("{} {}", f.code, f.message))
            .collect();
        if size > EMAIL_CLIP_BYTES {
            assert_eq!(codes.len(), 1, "{codes:?}");
            assert!(
                codes[0].starts_with("email-too-large The email is 10"),
                "{codes:?}"
            );
            assert!(codes[0].contains(" KB, over the 102 KB"), "{codes:?}");
            break;
        } else if size > EMAIL_WARN_BYTES {
            assert_eq!(codes.len(), 1, "{codes:?}");
            assert!(
                codes[0].starts_with("email-large The email is "),
                "{codes:?}"
            );
            warned = true;
        } else {
            assert_eq!(codes, Vec::<String>::new());
        }
    }
    assert!(warned);
    // The saved issue is untouched by checking unsaved text.
    assert_eq!(newsroom.preflight(1, Body::Saved).unwrap(), vec![]);
}

/// The findings about unsubscribing, in three newsrooms' settings: listmonk with a
/// merge tag in the text, Mailchimp with no real address, and no link at all.
fn unsubscribe_findings(newsroom: &Newsroom) -> Vec<Vec<Finding>> {
    let settings = newsroom.settings();
    let original = settings.publication();
    let text = newsroom
        .issues()
        .get(1)
        .unwrap()
        .body
        .replace("Tonga", "Hello {{ .Subscriber.FirstName }}, Tonga");
    let mut found = Vec::new();
    settings.set("mailingTool", "listmonk").unwrap();
    found.push(newsroom.preflight(1, Body::Unsaved(&text)).unwrap());
    settings.set("mailingTool", "mailchimp").unwrap();
    settings.set("unsubscribeAddress", "").unwrap();
    found.push(newsroom.preflight(1, Body::Saved).unwrap());
    settings.set("mailingTool", "other").unwrap();
    settings.set("unsubscribeUrl", "").unwrap();
    found.push(newsroom.preflight(1, Body::Saved).unwrap());
    settings.update(&original).unwrap();
    found
}

#[test]
fn unsubscribing_is_checked_for_the_email_and_the_eml() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let found = unsubscribe_findings(&newsroom);
    // A merge tag in the text: the email is fine, the .eml would show it as it is.
    assert_eq!(
        summary(&found[0]),
        vec![("warning", "eml-merge-tag", Some(0), Some(1))]
    );
    assert_eq!(
        found[0][0].subject.as_deref(),
        Some("{{ .Subscriber.FirstName }}")
    );
    // The tool's own tags are not reported as such: the .eml replaces them.
    assert!(!message(&found[0], "eml-merge-tag").contains("UnsubscribeURL"));
    assert_eq!(
        summary(&found[1]),
        vec![("warning", "eml-no-unsubscribe", None, None)]
    );
    assert!(
        message(&found[1], "eml-no-unsubscribe").contains("the email's *|UNSUB|* is left out"),
        "{found:#?}"
    );
    assert_eq!(
        summary(&found[2]),
        vec![("warning", "no-unsubscribe", None, None)]
    );
    // The settings are as they were, and so is the sample's clean preflight.
    assert_eq!(newsroom.preflight(1, Body::Saved).unwrap(), vec![]);
}

#[test]
fn every_code_is_provoked_by_these_tests() {
    // Kept in step with the tests above: a new check needs a test that provokes it.
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_with_photos(&dir);
    let mut codes = BTreeSet::new();
    codes.extend(
        newsroom
            .issues()
            .check_file("1.md", &newsroom.issues().file(1).unwrap())
            .unwrap()
            .into_iter()
            .map(|f| f.code.as_str().to_owned()),
    );
    newsroom
        .issues()
        .import_file("troubled.md", TROUBLED_ISSUE, NOW)
        .unwrap();
    codes.extend(
        newsroom
            .preflight(7, Body::Saved)
            .unwrap()
            .into_iter()
            .map(|f| f.code.as_str().to_owned()),
    );
    let big = format!("{}\n{}", TROUBLED_ISSUE, "Words and words. ".repeat(12_000));
    let big = big
        .replace("number = 7", "number = 8")
        .replace("photo = \"pd-photo\"", "photo = \"no-such-photo\"")
        .replace("Said so", "Said\u{0b}so")
        .replace("preheader = \"\"", "preheader = \"Title\"")
        .replace("title = \"\"", "title = \"Title\"");
    codes.extend(
        newsroom
            .issues()
            .check_file("big.md", &big)
            .unwrap()
            .into_iter()
            .map(|f| f.code.as_str().to_owned()),
    );
    // Between the warning and the clipping size.
    let large = format!("{}\n{}", TROUBLED_ISSUE, "Words and words. ".repeat(4_800))
        .replace("number = 7", "number = 9");
    let found = newsroom.issues().check_file("large.md", &large).unwrap();
    assert!(
        found.iter().any(|f| f.code == FindingCode::EmailLarge),
        "{found:#?}"
    );
    codes.extend(found.into_iter().map(|f| f.code.as_str().to_owned()));
    for text in [deep_text(), placeholders_text()] {
        codes.extend(
            newsroom
                .preflight(7, Body::Unsaved(&text))
                .unwrap()
                .into_iter()
                .map(|f| f.code.as_str().to_owned()),
        );
    }
    codes.extend(
        unsubscribe_findings(&newsroom)
            .into_iter()
            .flatten()
            .map(|f| f.code.as_str().to_owned()),
    );
    let expected: BTreeSet<String> = FindingCode::ALL
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect();
    assert_eq!(codes, expected);
}

/// An article with quotations 100 deep on its line 3.
fn deep_text() -> String {
    format!("# Deep\n\n{} too deep [@reuters]\n", ">".repeat(100))
}

/// An article with 500 placeholders.
fn placeholders_text() -> String {
    format!("# Placeholders\n\n{}[@reuters]\n", "TK\n\n".repeat(500))
}

#[test]
fn nesting_deeper_than_the_outputs_show_is_named_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let found = newsroom.preflight(2, Body::Unsaved(&deep_text())).unwrap();
    let flattened: Vec<_> = found
        .iter()
        .filter(|f| f.code == FindingCode::NestingFlattened)
        .collect();
    assert_eq!(flattened.len(), 1, "{found:#?}");
    assert_eq!(flattened[0].line, Some(3));
    assert_eq!(flattened[0].severity, Severity::Warning);
    let web = newsroom
        .render(2, Format::Web, Body::Unsaved(&deep_text()))
        .unwrap();
    assert!(web.contains("too deep"));
    assert!(web.matches("<blockquote>").count() <= newsflash_core::MAX_NESTING);
}

#[test]
fn findings_stop_at_the_cap_and_count_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let found = newsroom
        .preflight(2, Body::Unsaved(&placeholders_text()))
        .unwrap();
    assert_eq!(found.len(), MAX_FINDINGS);
    let last = found.last().unwrap();
    assert_eq!(last.code, FindingCode::MoreFindings);
    assert_eq!(last.severity, Severity::Error);
    let listed = found[..MAX_FINDINGS - 1]
        .iter()
        .filter(|f| f.code == FindingCode::PlaceholderLeft)
        .count();
    assert!(
        last.message
            .starts_with(&format!("{} more findings are not listed", 500 - listed)),
        "{}",
        last.message
    );
}

#[test]
fn an_email_too_large_to_build_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    // List items make almost three times their size in HTML.
    let tables = format!(
        "# Lists\n\n{}\n[@reuters]\n",
        "- a\n".repeat(MAX_EMAIL_TEXT_BYTES / 10)
    );
    let error = newsroom
        .render(2, Format::Email, Body::Unsaved(&tables))
        .unwrap_err();
    assert!(matches!(error, Error::EmailTooLarge { .. }), "{error:?}");
    assert!(
        error.to_string().starts_with("The email would hold "),
        "{error}"
    );
    assert!(
        newsroom
            .render(2, Format::Web, Body::Unsaved(&tables))
            .is_ok()
    );
    let found = newsroom.preflight(2, Body::Unsaved(&tables)).unwrap();
    assert!(
        message(&found, "email-too-large").starts_with("The email is too large to build"),
        "{found:#?}"
    );
}

#[test]
fn more_articles_than_an_issue_shows_are_refused_but_saved() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = crate::common::open_for_editing(&newsroom_path(&dir));
    let text: String = (0..=MAX_ARTICLES)
        .map(|n| format!("# Article {n}\n\nText. [@reuters]\n\n"))
        .collect();
    for refused in [
        newsroom.preflight(2, Body::Unsaved(&text)).map(|_| ()),
        newsroom
            .render(2, Format::Web, Body::Unsaved(&text))
            .map(|_| ()),
    ] {
        let error = refused.unwrap_err();
        assert!(matches!(error, Error::TooManyArticles { count, .. } if count == MAX_ARTICLES + 1));
        assert!(error.to_string().starts_with(&format!(
            "The issue has {} articles, more than the {MAX_ARTICLES}",
            MAX_ARTICLES + 1
        )));
    }
    let version = newsroom.issues().get(2).unwrap().version;
    newsroom
        .issues()
        .save_text(2, version, &text, crate::common::NOW)
        .unwrap();
    assert_eq!(newsroom.issues().get(2).unwrap().body, text);
}
