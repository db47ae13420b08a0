//! What an editor does in the window.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::key::Key;
use newsflash_e2e::{Driver, artifacts_dir, find, quit, text_of, wait_for_text};

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

#[tokio::test(flavor = "current_thread")]
async fn a_command_line_change_shows_in_the_open_window() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let driver = Driver::start();
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-1]").await;

    // The app holds no lock that keeps the command line out: it runs and succeeds.
    let cli = newsflash_e2e::cli_binary();
    assert!(
        cli.is_file(),
        "{} is not built (cargo build -p newsflash-cli)",
        cli.display()
    );
    let started = std::time::Instant::now();
    let output = std::process::Command::new(&cli)
        .arg("--newsroom")
        .arg(&newsroom)
        .args(["issues", "new", "--title", "Made on the command line"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let number = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    let ran = started.elapsed();

    // The window notices the change by itself and lists the new issue.
    // Polled often, so that the figure printed is the app's delay, not the test's.
    let item = app
        .wait()
        .at_most(PREVIEW_WAIT)
        .every(Duration::from_millis(20))
        .for_element(Locator::Css(&format!("[data-testid=issue-{number}]")))
        .await
        .expect("the issue made on the command line never appeared in the window");
    let shown = started.elapsed();
    assert!(
        text_of(&item).await.contains("Made on the command line"),
        "{}",
        text_of(&item).await
    );
    println!(
        "a command-line change shown in the open window {} ms after the command started (the command itself took {} ms)",
        shown.as_millis(),
        ran.as_millis()
    );
    quit(app).await;
}
