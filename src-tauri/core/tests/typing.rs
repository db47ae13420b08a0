//! The keystroke journal: every change the editor sends is kept until a save covers
//! it, and after a crash the next start puts it back and says so.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use newsflash_core::{Edit, Newsroom, Place, SaveOutcome, Seed, TypedChange, TypedThrough};
use time::macros::datetime;

use crate::common::{NOW, SaveLatest, newsroom_path, open, open_for_editing};

/// Typing `characters` at the end of a text of `length` UTF-16 units.
fn typed(session: u64, base_version: u32, seq: u32, length: u32, characters: &str) -> TypedChange {
    TypedChange {
        session,
        base_version,
        seq,
        length,
        edits: vec![Edit {
            from: length,
            to: length,
            insert: characters.to_owned(),
        }],
    }
}

fn units(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap()
}

#[test]
fn changes_no_save_covered_are_put_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let issue = newsroom.issues().get(1).unwrap();
    let mut text = issue.body.clone();
    for (seq, word) in (1..).zip(["Storms ", "hit ", "the ", "coast."]) {
        newsroom
            .typing()
            .record(1, &typed(7, issue.version, seq, units(&text), word), NOW)
            .unwrap();
        text.push_str(word);
    }
    // The app is killed: nothing saved the text.
    drop(newsroom);

    let newsroom = open(&path);
    let later = datetime!(2026-11-25 09:05 UTC);
    let recovered = newsroom.typing().recover(later).unwrap();
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    assert_eq!(recovered[0].number, 1);
    assert_eq!(recovered[0].characters, 21);
    assert!(recovered[0].restored);
    assert_eq!(
        recovered[0].message,
        "Recovered 21 characters typed in issue #1 after the app stopped unexpectedly."
    );
    let now = newsroom.issues().get(1).unwrap();
    assert_eq!(now.body, text);
    assert_eq!(now.version, issue.version + 1);
    // The cursor goes where the typing stopped, and the issue opens first.
    assert_eq!(
        newsroom.typing().place(1).unwrap().map(|place| place.head),
        Some(units(&text))
    );
    assert_eq!(newsroom.typing().last_open().unwrap(), Some(1));
    // Once put back, it is not recovered a second time.
    assert!(newsroom.typing().recover(later).unwrap().is_empty());
}

#[test]
fn a_save_folds_in_the_changes_it_covers_and_keeps_the_later_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let issue = newsroom.issues().get(1).unwrap();
    let mut text = issue.body.clone();
    let mut saved_text = String::new();
    let mut version = issue.version;
    for seq in 1..=30u32 {
        let change = typed(9, issue.version, seq, units(&text), "x");
        newsroom.typing().record(1, &change, NOW).unwrap();
        text.push('x');
        if seq == 20 {
            let through = Some(TypedThrough { session: 9, seq });
            let outcome = newsroom
                .issues()
                .save_text_typed(1, version, &text, through, NOW)
                .unwrap();
            let SaveOutcome::Saved { version: saved, .. } = outcome else {
                panic!("{outcome:?}");
            };
            version = saved;
            saved_text = text.clone();
        }
    }
    // A change arriving late, after the save that covers it, is dropped.
    let late = typed(9, issue.version, 5, 3, "zzz");
    newsroom.typing().record(1, &late, NOW).unwrap();
    drop(newsroom);

    let newsroom = open(&path);
    assert_eq!(newsroom.issues().get(1).unwrap().body, saved_text);
    let recovered = newsroom.typing().recover(NOW).unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!(
        recovered[0].characters, 10,
        "only what the save did not cover"
    );
    assert_eq!(newsroom.issues().get(1).unwrap().body, text);
}

#[test]
fn changes_arriving_out_of_order_are_replayed_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let issue = newsroom.issues().get(1).unwrap();
    let length = units(&issue.body);
    // Commands run on a pool of threads: the second change can be stored first.
    newsroom
        .typing()
        .record(1, &typed(3, issue.version, 2, length + 1, "b"), NOW)
        .unwrap();
    newsroom
        .typing()
        .record(1, &typed(3, issue.version, 1, length, "a"), NOW)
        .unwrap();
    // A change of an earlier editor session (an issue shown before) is ignored.
    newsroom
        .typing()
        .record(1, &typed(2, issue.version, 9, length, "OLD"), NOW)
        .unwrap();
    newsroom.typing().recover(NOW).unwrap();
    assert_eq!(
        newsroom.issues().get(1).unwrap().body,
        format!("{}ab", issue.body)
    );
}

#[test]
fn a_gap_in_the_changes_ends_what_is_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let issue = newsroom.issues().get(1).unwrap();
    let length = units(&issue.body);
    newsroom
        .typing()
        .record(1, &typed(3, issue.version, 1, length, "a"), NOW)
        .unwrap();
    // Change 2 never arrived (its call was lost with the app): 3 cannot follow 1.
    newsroom
        .typing()
        .record(1, &typed(3, issue.version, 3, length + 2, "c"), NOW)
        .unwrap();
    let recovered = newsroom.typing().recover(NOW).unwrap();
    assert_eq!(recovered[0].characters, 1);
    assert_eq!(
        newsroom.issues().get(1).unwrap().body,
        format!("{}a", issue.body)
    );
}

#[test]
fn changes_to_an_issue_changed_elsewhere_since_are_not_forced_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let issue = newsroom.issues().get(1).unwrap();
    newsroom
        .typing()
        .record(
            1,
            &typed(3, issue.version, 1, units(&issue.body), "mine"),
            NOW,
        )
        .unwrap();
    // The command line saved the issue after the app died.
    newsroom
        .save_latest(1, "# From the command line\n", NOW)
        .unwrap();
    let recovered = newsroom.typing().recover(NOW).unwrap();
    assert_eq!(recovered.len(), 1);
    assert!(!recovered[0].restored);
    assert!(
        recovered[0].message.contains("could not be put back"),
        "{}",
        recovered[0].message
    );
    assert_eq!(
        newsroom.issues().get(1).unwrap().body,
        "# From the command line\n"
    );
    assert!(newsroom.typing().recover(NOW).unwrap().is_empty());
}

#[test]
fn the_desk_opens_the_last_issue_open_where_the_editor_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open(&path);
    let created = newsroom.issues().create("Second", NOW.date(), NOW).unwrap();
    // With nothing remembered, the newest issue.
    let desk = newsroom.typing().desk(NOW.date()).unwrap();
    assert_eq!(
        desk.open.as_ref().map(|issue| issue.number),
        Some(created.number)
    );
    assert_eq!(desk.place, None);
    assert_eq!(desk.issues.len(), newsroom.issues().list().unwrap().len());

    let place = Place {
        anchor: 10,
        head: 12,
        top: 4,
    };
    newsroom.typing().set_place(1, place, NOW).unwrap();
    newsroom.typing().set_export_folder("/tmp/exports").unwrap();
    drop(newsroom);
    let newsroom = open(&path);
    let desk = newsroom.typing().desk(NOW.date()).unwrap();
    assert_eq!(desk.open.as_ref().map(|issue| issue.number), Some(1));
    assert_eq!(desk.place, Some(place));
    assert_eq!(desk.export_folder.as_deref(), Some("/tmp/exports"));

    // A place past the end of a text shortened elsewhere is brought inside it.
    newsroom.save_latest(1, "# Short\n", NOW).ok();
    let far = Place {
        anchor: 9_999,
        head: 9_999,
        top: 9_999,
    };
    newsroom.typing().set_place(1, far, NOW).unwrap();
    let desk = newsroom.typing().desk(NOW.date()).unwrap();
    let length = units(&desk.open.unwrap().body);
    assert_eq!(desk.place.map(|place| place.head), Some(length));
}

#[test]
fn what_the_desk_shows_changes_with_the_open_issue_its_text_and_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    let typing = newsroom.typing();
    typing.opened(1, NOW).unwrap();
    let kept = typing.shown(Some(1)).unwrap();
    drop(newsroom);

    // The next start: nothing has changed, and the desk opens issue 1.
    let newsroom = open(&path);
    let typing = newsroom.typing();
    assert_eq!(typing.shown(None).unwrap(), kept);
    // The editor's place is not in it: the window keeps its own.
    let place = Place {
        anchor: 3,
        head: 3,
        top: 0,
    };
    typing.set_place(1, place, NOW).unwrap();
    assert_eq!(typing.shown(None).unwrap(), kept);

    // The open issue's text changed (elsewhere, or by the journal's recovery).
    newsroom.save_latest(1, "# Changed\n", NOW).unwrap();
    let changed = typing.shown(None).unwrap();
    assert_ne!(changed, kept);
    assert_eq!(typing.shown(Some(1)).unwrap(), changed);

    // Another issue in the list changed: the list on screen would be stale.
    let created = newsroom.issues().create("Second", NOW.date(), NOW).unwrap();
    let two = typing.shown(Some(1)).unwrap();
    assert_ne!(two, changed);
    newsroom
        .issues()
        .save_text(created.number, created.version, "# Two\n", NOW)
        .unwrap();
    assert_ne!(typing.shown(Some(1)).unwrap(), two);

    // The desk opens another issue than issue 1.
    typing.opened(created.number, NOW).unwrap();
    assert_ne!(typing.shown(None).unwrap(), typing.shown(Some(1)).unwrap());
    assert_eq!(
        typing.shown(None).unwrap(),
        typing.shown(Some(created.number)).unwrap()
    );

    let error = typing.shown(Some(99)).unwrap_err();
    assert_eq!(error.code(), newsflash_core::ErrorCode::NotFound, "{error}");
}

#[test]
fn sync_is_needed_only_after_a_change_that_did_not_wait_for_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    let newsroom = open_for_editing(&path);
    assert!(!newsroom.typing().sync(NOW).unwrap());
    let issue = newsroom.issues().get(1).unwrap();
    newsroom
        .typing()
        .record(1, &typed(1, issue.version, 1, units(&issue.body), "a"), NOW)
        .unwrap();
    assert!(newsroom.typing().sync(NOW).unwrap());
    assert!(!newsroom.typing().sync(NOW).unwrap());
    newsroom
        .typing()
        .record(
            1,
            &typed(1, issue.version, 2, units(&issue.body) + 1, "b"),
            NOW,
        )
        .unwrap();
    // A save waits for the disk, and so makes the changes before it durable too.
    newsroom
        .save_latest(1, &format!("{}ab", issue.body), NOW)
        .unwrap();
    assert!(!newsroom.typing().sync(NOW).unwrap());
}

/// The typist built from examples/typing_loop.rs (cargo builds examples for tests).
fn typing_loop() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let target = exe.parent().unwrap().parent().unwrap();
    target.join("examples").join("typing_loop")
}

#[test]
fn sigkill_while_typing_loses_no_recorded_keystroke() {
    let typist = typing_loop();
    assert!(
        typist.is_file(),
        "{} is not built; run the whole package (cargo test -p newsflash-core), which builds examples",
        typist.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let path = newsroom_path(&dir);
    drop(Newsroom::open(&path, Seed::Empty, NOW).unwrap());
    let mut expected = String::new();
    let mut recorded_total = 0;
    let waits_ms = [0, 4, 13, 30, 55, 2, 21, 80];
    for wait in waits_ms {
        let mut child = Command::new(&typist)
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (first, typing) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut recorded = String::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if recorded.is_empty() {
                    let _ = first.send(());
                }
                recorded.push_str(line.trim());
            }
            recorded
        });
        typing
            .recv_timeout(Duration::from_secs(30))
            .expect("the typist never recorded a keystroke");
        std::thread::sleep(Duration::from_millis(wait));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let recorded = reader.join().unwrap();
        recorded_total += recorded.len();
        expected.push_str(&recorded);

        // What the next start finds: every recorded keystroke (and at most the one
        // whose acknowledgement the kill cut off).
        let newsroom = Newsroom::open(&path, Seed::Empty, NOW).unwrap();
        newsroom.check_integrity().unwrap();
        newsroom.typing().recover(NOW).unwrap();
        let body = newsroom.issues().get(1).unwrap().body;
        let typed_text = body.strip_prefix("# Typed\n\n").unwrap();
        assert!(
            typed_text.starts_with(&expected),
            "recorded keystrokes were lost: expected {} characters starting {expected:?}, found {typed_text:?}",
            expected.len()
        );
        assert!(typed_text.len() <= expected.len() + 1, "{typed_text:?}");
        expected = typed_text.to_owned();
    }
    assert!(
        recorded_total >= 40,
        "the typist recorded too few keystrokes ({recorded_total}) for the test to mean anything"
    );
}
