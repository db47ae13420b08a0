//! What an editor does in the window.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::key::Key;
use newsflash_core::{Newsroom, Seed};
use newsflash_e2e::{
    Driver, Kill, artifacts_dir, find, letters_lost, quit, text_of, type_then_kill, wait_for_text,
    window_title,
};

const PREVIEW_WAIT: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "current_thread")]
async fn typed_text_is_previewed_and_still_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let driver = Driver::start();

    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-1]").await;
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    // Go to the end of the document, then type a new section. Enter is sent as the
    // key, since WebKitWebDriver drops "\n" in typed text.
    let end = format!("{}{}", Key::Control, Key::End);
    editor.send_keys(&end).await.unwrap();
    let enter = Key::Enter.to_string();
    let typed = format!("{enter}{enter}## Typed in the window{enter}{enter}Robots can write too.");
    editor.send_keys(&typed).await.unwrap();

    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    // The preflight runs on the text as typed: the sample issue has nothing to fix.
    wait_for_text(&app, "[data-testid=preflight-summary]", |text| {
        text == "Ready to export: nothing to fix"
    })
    .await;

    // The preview is a sandboxed iframe rendered by newsflash-core.
    let preview = find(&app, "[data-testid=preview]").await;
    assert_eq!(
        preview.attr("sandbox").await.unwrap().as_deref(),
        Some("allow-same-origin")
    );
    preview.clone().enter_frame().await.unwrap();
    let heading = app
        .wait()
        .at_most(PREVIEW_WAIT)
        .for_element(Locator::XPath(
            "//h2[normalize-space()='Typed in the window']",
        ))
        .await
        .expect("the typed section never appeared in the preview");
    assert_eq!(text_of(&heading).await, "Typed in the window");
    let paragraph = app
        .find(Locator::XPath(
            "//h2[normalize-space()='Typed in the window']/following-sibling::p[1]",
        ))
        .await
        .unwrap();
    assert_eq!(text_of(&paragraph).await, "Robots can write too.");
    app.enter_parent_frame().await.unwrap();

    // The same text as email, then as plain text: the other previews.
    find(&app, "[data-testid=preview-email]")
        .await
        .click()
        .await
        .unwrap();
    let frame = find(&app, "[data-testid=preview]").await;
    frame.enter_frame().await.unwrap();
    app.wait()
        .at_most(PREVIEW_WAIT)
        .for_element(Locator::XPath("//a[normalize-space()='Unsubscribe']"))
        .await
        .expect("the email preview has no unsubscribe link");
    app.enter_parent_frame().await.unwrap();
    find(&app, "[data-testid=preview-text]")
        .await
        .click()
        .await
        .unwrap();
    let text = wait_for_text(&app, "[data-testid=plain-text-preview]", |text| {
        text.contains("Robots can write too.")
    })
    .await;
    assert!(
        text.contains("Typed in the window\n-------------------"),
        "{text}"
    );
    find(&app, "[data-testid=preview-web]")
        .await
        .click()
        .await
        .unwrap();

    // Give WebKit two frames to paint before the screenshot (it can lag the DOM).
    tokio::time::sleep(Duration::from_millis(400)).await;
    let png = app.screenshot().await.unwrap();
    std::fs::write(artifacts_dir().join("editor-and-preview.png"), png).unwrap();
    quit(app).await;

    let app = driver.open_app(&newsroom).await;
    // CodeMirror only renders the lines in view: go to the end, where the text was typed.
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    editor.send_keys(&end).await.unwrap();
    let text = wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("Robots can write too.")
    })
    .await;
    assert!(text.contains("Typed in the window"), "{text}");
    quit(app).await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_file_that_is_not_a_newsroom_is_explained_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let letter = dir.path().join("letter.txt");
    let contents = "Dear editor, this is not a database.\n".repeat(10);
    std::fs::write(&letter, &contents).unwrap();
    let driver = Driver::start();

    let app = driver.open_app(&letter).await;
    let message = wait_for_text(&app, "[data-testid=newsroom-error]", |text| {
        text.contains("is not a Newsflash newsroom")
    })
    .await;
    assert!(message.contains(&letter.display().to_string()), "{message}");
    quit(app).await;
    assert_eq!(std::fs::read_to_string(&letter).unwrap(), contents);
}

/// The sample newsroom at `path`; returns the text of its draft, issue 2, which the
/// app opens first.
fn sample_newsroom(path: &std::path::Path) -> String {
    let now = time::OffsetDateTime::now_utc();
    let newsroom = Newsroom::open(path, Seed::Content, now).unwrap();
    newsroom.issues().get(2).unwrap().body
}

#[tokio::test(flavor = "current_thread")]
async fn sigkill_while_typing_loses_no_recorded_keystroke_and_the_next_start_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let config = tempfile::tempdir().unwrap();
    let before = sample_newsroom(&newsroom);

    // Killed a moment after the last key, before the autosave's pause (300 ms) is
    // over: every key is in the journal by then, the last ones in no save.
    let typed = type_then_kill(
        &newsroom,
        config.path(),
        24,
        12.0,
        Kill::WhileUnsaved(Duration::from_millis(100)),
    )
    .await;

    let driver = Driver::start_with_config(config.path());
    let app = driver.open_app(&newsroom).await;
    let notice = wait_for_text(&app, "[data-testid=export-notice]", |text| {
        text.contains("after the app stopped unexpectedly")
    })
    .await;
    // The autosave saves at least once a second while she types: what is recovered
    // is what was typed since.
    let count: usize = notice
        .strip_prefix("Recovered ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("{notice:?}"));
    assert!((1..=typed.letters.len()).contains(&count), "{notice:?}");
    assert!(
        notice.ends_with("typed in issue #2 after the app stopped unexpectedly."),
        "{notice:?}"
    );
    // The editor opens where the typing stopped: the letters are in view.
    let last_letters = &typed.letters[typed.letters.len() - 8..];
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains(last_letters)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let png = app.screenshot().await.unwrap();
    std::fs::write(artifacts_dir().join("recovered-after-sigkill.png"), png).unwrap();
    quit(app).await;
    drop(driver);

    let now = time::OffsetDateTime::now_utc();
    let after = Newsroom::open(&newsroom, Seed::Content, now)
        .unwrap()
        .issues()
        .get(2)
        .unwrap()
        .body;
    assert_eq!(letters_lost(&before, &typed, &after), 0, "{after:?}");

    // Killed right after a key was sent: that key may still be on its way.
    let again = type_then_kill(
        &newsroom,
        config.path(),
        12,
        12.0,
        Kill::AfterLastKey(Duration::ZERO),
    )
    .await;
    let newsroom = Newsroom::open(&newsroom, Seed::Content, now).unwrap();
    newsroom.typing().recover(now).unwrap();
    let last = newsroom.issues().get(2).unwrap().body;
    let lost = letters_lost(&after, &again, &last);
    println!(
        "SIGKILL right after a keystroke at 12 characters a second: {lost} of 12 characters lost"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_restart_finds_the_window_size_the_issue_and_the_cursor_where_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let config = tempfile::tempdir().unwrap();
    sample_newsroom(&newsroom);
    {
        // A newer draft: the app would open it, had it not remembered issue 2.
        let now = time::OffsetDateTime::now_utc();
        let newsroom = Newsroom::open(&newsroom, Seed::Content, now).unwrap();
        newsroom
            .issues()
            .create("A newer draft", now.date(), now)
            .unwrap();
    }

    let driver = Driver::start_with_config(config.path());
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-3][aria-current=true]").await;
    app.set_window_size(1000, 700).await.unwrap();
    find(&app, "[data-testid=issue-2]")
        .await
        .click()
        .await
        .unwrap();
    find(&app, "[data-testid=issue-2][aria-current=true]").await;
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("Two storms in two weeks")
    })
    .await;
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    // The cursor a few lines down, marked there.
    // (Control stays down until the end of a send: the rest goes in a send of its own.)
    let home = format!("{}{}", Key::Control, Key::Home);
    editor.send_keys(&home).await.unwrap();
    let keys = format!("{}{}{}<<", Key::Down, Key::Down, Key::End);
    editor.send_keys(&keys).await.unwrap();
    // Saved within a second; the place half a second after the cursor moved.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    assert_eq!(
        window_title(driver.app_pid(&newsroom).unwrap()),
        "#2 Two storms in two weeks for southern Africa — Newsflash Studio"
    );
    quit(app).await;
    drop(driver);

    let driver = Driver::start_with_config(config.path());
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-2][aria-current=true]").await;
    let (width, height) = app.get_window_size().await.unwrap();
    assert_eq!((width, height), (1000, 700));
    assert_eq!(
        window_title(driver.app_pid(&newsroom).unwrap()),
        "#2 Two storms in two weeks for southern Africa — Newsflash Studio"
    );
    // Typing without clicking first goes where the cursor was left.
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    app.execute(
        "document.querySelector('[data-testid=editor] .cm-content').focus();",
        vec![],
    )
    .await
    .unwrap();
    editor.send_keys(">>").await.unwrap();
    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    quit(app).await;
    drop(driver);

    let now = time::OffsetDateTime::now_utc();
    let body = Newsroom::open(&newsroom, Seed::Content, now)
        .unwrap()
        .issues()
        .get(2)
        .unwrap()
        .body;
    assert!(body.contains("<<>>"), "{body:?}");
}
