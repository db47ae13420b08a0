//! Revisions of issues, and the status workflow that records them.

use newsflash_core::{ErrorCode, Format, IssueStatus, RevisionReason, export_issue_formats};
use time::Duration;

use crate::common::{NOW, SaveLatest, newsroom_path, open};

fn reasons(newsroom: &newsflash_core::Newsroom, number: u32) -> Vec<RevisionReason> {
    newsroom
        .revisions()
        .list(number)
        .unwrap()
        .into_iter()
        .map(|revision| revision.reason)
        .collect()
}

/// The sample's draft, issue 2, to write in (issue 1 is published, so read-only).
fn draft(newsroom: &newsflash_core::Newsroom) -> u32 {
    assert_eq!(newsroom.issues().get(2).unwrap().status, IssueStatus::Draft);
    2
}

/// Exports issue `number` as a web page into `out`.
fn export(
    newsroom: &newsflash_core::Newsroom,
    number: u32,
    out: &std::path::Path,
    at: time::OffsetDateTime,
) -> newsflash_core::Result<Vec<std::path::PathBuf>> {
    export_issue_formats(newsroom, number, &[Format::Web], out, true, at)
}

#[test]
fn a_seeded_issue_starts_with_an_import_revision() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let revisions = newsroom.revisions().list(1).unwrap();
    assert_eq!(revisions.len(), 1);
    assert_eq!(revisions[0].reason, RevisionReason::Import);
    assert_eq!(revisions[0].created_at, NOW);
    let issue = newsroom.issues().get(1).unwrap();
    assert_eq!(revisions[0].title, issue.title);
    assert_eq!(revisions[0].size as usize, issue.body.len());
    let full = newsroom.revisions().get(revisions[0].id).unwrap();
    assert_eq!(full.body, issue.body);
    assert_eq!(full.issue_number, 1);
    assert_eq!(full.status, IssueStatus::Published);
}

#[test]
fn typing_keeps_at_most_one_revision_a_minute() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    // A save every 10 s for 3 minutes.
    for step in 0..18 {
        let at = NOW + Duration::seconds(10 * step);
        newsroom
            .save_latest(number, &format!("# Draft\n\nVersion {step}.\n"), at)
            .unwrap();
    }
    let revisions = newsroom.revisions().list(number).unwrap();
    // import, then edits starting at 0 s, 60 s, 120 s.
    assert_eq!(
        reasons(&newsroom, number),
        [
            RevisionReason::Edit,
            RevisionReason::Edit,
            RevisionReason::Edit,
            RevisionReason::Import
        ]
    );
    let starts: Vec<_> = revisions.iter().map(|r| r.created_at - NOW).collect();
    assert_eq!(
        starts,
        [
            Duration::seconds(120),
            Duration::seconds(60),
            Duration::ZERO,
            Duration::ZERO
        ]
    );
    // Each holds the last text saved in its minute.
    let newest = newsroom.revisions().get(revisions[0].id).unwrap();
    assert_eq!(newest.body, "# Draft\n\nVersion 17.\n");
    let first_minute = newsroom.revisions().get(revisions[2].id).unwrap();
    assert_eq!(first_minute.body, "# Draft\n\nVersion 5.\n");
}

#[test]
fn saving_unchanged_text_adds_no_revision() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let body = newsroom.issues().get(number).unwrap().body;
    newsroom
        .save_latest(number, &body, NOW + Duration::hours(1))
        .unwrap();
    assert_eq!(reasons(&newsroom, number), [RevisionReason::Import]);
}

#[test]
fn an_import_revision_is_not_overwritten_by_typing() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let imported = newsroom.issues().get(number).unwrap().body;
    newsroom
        .save_latest(number, "# Changed\n", NOW + Duration::seconds(5))
        .unwrap();
    let revisions = newsroom.revisions().list(number).unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(
        newsroom.revisions().get(revisions[1].id).unwrap().body,
        imported
    );
}

#[test]
fn restore_puts_text_back_keeps_status_and_is_itself_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let original = newsroom.issues().get(number).unwrap();
    let import_id = newsroom.revisions().list(number).unwrap()[0].id;
    let later = NOW + Duration::minutes(5);
    newsroom.save_latest(number, "# Oops\n", later).unwrap();

    let at = NOW + Duration::minutes(10);
    let restored = newsroom.revisions().restore(number, import_id, at).unwrap();
    assert_eq!(restored.body, original.body);
    assert_eq!(restored.title, original.title);
    assert_eq!(restored.status, IssueStatus::Draft);
    assert_eq!(restored.updated_at, at);
    assert_eq!(newsroom.issues().get(number).unwrap(), restored);

    let revisions = newsroom.revisions().list(number).unwrap();
    assert_eq!(
        reasons(&newsroom, number),
        [
            RevisionReason::Restore,
            RevisionReason::Edit,
            RevisionReason::Import
        ]
    );
    assert_eq!(revisions[0].note, format!("revision {import_id}"));
    // The text the restore replaced is still there, so the restore can be undone.
    assert_eq!(
        newsroom.revisions().get(revisions[1].id).unwrap().body,
        "# Oops\n"
    );
    newsroom
        .revisions()
        .restore(number, revisions[1].id, at + Duration::minutes(1))
        .unwrap();
    assert_eq!(newsroom.issues().get(number).unwrap().body, "# Oops\n");
}

#[test]
fn restore_refuses_a_revision_of_another_issue_or_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    newsroom
        .issues()
        .add(
            &newsflash_core::NewIssue {
                number: 3,
                details: newsflash_core::IssueDetails {
                    date: time::macros::date!(2022 - 02 - 24),
                    title: "Second".into(),
                    preheader: String::new(),
                },
                status: IssueStatus::Draft,
                body: "# Second\n".into(),
            },
            NOW,
        )
        .unwrap();
    assert_eq!(reasons(&newsroom, 3), [RevisionReason::Import]);
    let of_one = newsroom.revisions().list(1).unwrap()[0].id;
    let error = newsroom.revisions().restore(3, of_one, NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert_eq!(
        error.to_string(),
        format!("Revision {of_one} belongs to issue 1, not issue 3.")
    );
    assert_eq!(newsroom.issues().get(3).unwrap().body, "# Second\n");

    let error = newsroom.revisions().restore(3, 9999, NOW).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(error.to_string().contains("no revision 9999"), "{error}");
    assert_eq!(
        newsroom
            .revisions()
            .restore(7, of_one, NOW)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        newsroom.revisions().list(7).unwrap_err().code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        newsroom.revisions().get(9999).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn the_workflow_moves_forward_and_back_to_draft_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let mut at = NOW;
    let mut step =
        |newsroom: &newsflash_core::Newsroom, status: IssueStatus, reason: Option<&str>| {
            at += Duration::minutes(1);
            newsroom.issues().set_status(1, status, reason, at)
        };
    // The sample issue is published: back to draft needs a reason.
    let error = step(&newsroom, IssueStatus::Draft, None).unwrap_err();
    assert!(error.to_string().contains("needs a reason"), "{error}");
    let error = step(&newsroom, IssueStatus::Draft, Some("   ")).unwrap_err();
    assert!(error.to_string().contains("needs a reason"), "{error}");
    step(&newsroom, IssueStatus::Draft, Some(" Wrong death toll ")).unwrap();
    assert_eq!(newsroom.issues().get(1).unwrap().status, IssueStatus::Draft);

    let error = step(&newsroom, IssueStatus::Ready, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Issue 1 is draft, so it cannot move to ready; it can move on to in_review."
    );
    step(&newsroom, IssueStatus::InReview, None).unwrap();
    let error = step(&newsroom, IssueStatus::Published, None).unwrap_err();
    assert!(error.to_string().contains("move on to ready"), "{error}");
    step(&newsroom, IssueStatus::Ready, None).unwrap();
    step(&newsroom, IssueStatus::Draft, Some("Needs a photo")).unwrap();
    step(&newsroom, IssueStatus::InReview, None).unwrap();
    step(&newsroom, IssueStatus::Ready, None).unwrap();
    step(&newsroom, IssueStatus::Published, None).unwrap();
    let issue = newsroom.issues().get(1).unwrap();
    assert_eq!(issue.status, IssueStatus::Published);
    assert_eq!(issue.updated_at, at);

    let revisions = newsroom.revisions().list(1).unwrap();
    let status_changes: Vec<_> = revisions
        .iter()
        .filter(|r| {
            matches!(
                r.reason,
                RevisionReason::Status | RevisionReason::Correction
            )
        })
        .map(|r| (r.status, r.note.as_str()))
        .collect();
    assert_eq!(
        revisions[revisions.len() - 2].reason,
        RevisionReason::Correction
    );
    assert_eq!(
        status_changes,
        [
            (IssueStatus::Published, ""),
            (IssueStatus::Ready, ""),
            (IssueStatus::InReview, ""),
            (IssueStatus::Draft, "Needs a photo"),
            (IssueStatus::Ready, ""),
            (IssueStatus::InReview, ""),
            (IssueStatus::Draft, "Wrong death toll"),
        ]
    );
    assert_eq!(revisions.len(), 8, "the import and 7 status changes");
}

#[test]
fn status_of_a_missing_issue_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let error = newsroom
        .issues()
        .set_status(5, IssueStatus::Ready, None, NOW)
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
}

#[test]
fn every_export_keeps_a_revision_and_typing_after_it_adds_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let out = tempfile::tempdir().unwrap();
    newsroom
        .save_latest(number, "# One\n", NOW + Duration::seconds(1))
        .unwrap();
    export(&newsroom, number, out.path(), NOW + Duration::seconds(2)).unwrap();
    export(&newsroom, number, out.path(), NOW + Duration::seconds(3)).unwrap();
    newsroom
        .save_latest(number, "# Two\n", NOW + Duration::seconds(4))
        .unwrap();
    assert_eq!(
        reasons(&newsroom, number),
        [
            RevisionReason::Edit,
            RevisionReason::Export,
            RevisionReason::Export,
            RevisionReason::Edit,
            RevisionReason::Import
        ]
    );
    let export = &newsroom.revisions().list(number).unwrap()[1];
    assert_eq!(
        export.note,
        "002-two-storms-in-two-weeks-for-southern-africa.html"
    );
    assert_eq!(newsroom.revisions().get(export.id).unwrap().body, "# One\n");
}

#[test]
fn a_failed_export_keeps_no_revision() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let missing = dir.path().join("no-such-folder");
    assert!(export(&newsroom, number, &missing, NOW).is_err());
    assert_eq!(reasons(&newsroom, number), [RevisionReason::Import]);
}

#[test]
fn a_revision_is_diffed_against_the_text_now() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    let number = draft(&newsroom);
    let first = newsroom.revisions().list(number).unwrap()[0].id;
    let before = newsroom.issues().get(number).unwrap().body;
    let changed = format!("{before}\nA line added later.\n");
    newsroom
        .save_latest(number, &changed, NOW + Duration::minutes(5))
        .unwrap();
    let diff = newsroom.revisions().diff(first).unwrap();
    let added: Vec<_> = diff
        .iter()
        .filter(|line| line.change == newsflash_core::DiffChange::Added)
        .map(|line| line.text.as_str())
        .collect();
    assert_eq!(added, ["", "A line added later."]);
    assert!(
        diff.iter()
            .all(|line| line.change != newsflash_core::DiffChange::Removed)
    );
    let error = newsroom.revisions().diff(999_999).unwrap_err();
    assert_eq!(error.code(), ErrorCode::NotFound);
}
