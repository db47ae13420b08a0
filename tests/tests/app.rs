//! What an editor does in the window.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use fantoccini::Locator;
use fantoccini::key::Key;
use newsflash_core::{Newsroom, Seed};
use newsflash_e2e::{
    Driver, Kill, answer_native_dialog, artifacts_dir, click, fill, find, letters_lost, quit,
    text_of, type_then_kill, wait_for_text, window_title,
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
    let unsubscribe = in_preview(&app, "//a[normalize-space()='Unsubscribe']").await;
    if !unsubscribe {
        screenshot(&app, "failed-email-preview").await;
        let html = app.source().await.unwrap_or_default();
        std::fs::write(artifacts_dir().join("failed-email-preview.html"), html).unwrap();
        panic!("the email preview has no unsubscribe link");
    }
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

/// Whether the preview comes to show an element matching `xpath` within
/// PREVIEW_WAIT. Each try enters the preview's frame afresh: a new page replaces the
/// frame's document, and WebKitWebDriver can lose a frame entered before that (seen
/// under load: the page on show, the element never found). Leaves the parent frame
/// current.
async fn in_preview(app: &Client, xpath: &str) -> bool {
    let deadline = std::time::Instant::now() + PREVIEW_WAIT;
    while std::time::Instant::now() < deadline {
        let frame = find(app, "[data-testid=preview]").await;
        if frame.enter_frame().await.is_ok() {
            let found = app
                .wait()
                .at_most(Duration::from_secs(2))
                .for_element(Locator::XPath(xpath))
                .await
                .is_ok();
            app.enter_parent_frame().await.unwrap();
            if found {
                return true;
            }
        }
    }
    false
}

/// Saves what the window shows as `tests/artifacts/<name>.png`.
async fn screenshot(app: &Client, name: &str) {
    // Give WebKit two frames to paint before the screenshot (it can lag the DOM).
    tokio::time::sleep(Duration::from_millis(400)).await;
    let png = app.screenshot().await.unwrap();
    std::fs::write(artifacts_dir().join(format!("{name}.png")), png).unwrap();
}

/// Types `text` at the end of the editor's text (Enter sent as the key).
async fn type_at_end(app: &Client, text: &str) {
    let editor = find(app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    editor
        .send_keys(&format!("{}{}", Key::Control, Key::End))
        .await
        .unwrap();
    let enter = Key::Enter.to_string();
    editor.send_keys(&text.replace('\n', &enter)).await.unwrap();
}

/// Waits until nothing matches `css` any more.
async fn gone(app: &Client, css: &str) {
    let deadline = std::time::Instant::now() + newsflash_e2e::UI_TIMEOUT;
    while app.find(Locator::Css(css)).await.is_ok() {
        assert!(std::time::Instant::now() < deadline, "{css} stayed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn saved(app: &Client) {
    wait_for_text(app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
}

const STORY: &str = "Five weeks after the eruption cut it, the submarine cable that connects Tonga to the internet works again: a repair ship spliced in a new section 90 kilometres long. [@tonga-cable]\n\n## What comes next\n\nThe government wants a second cable and satellite back-up, so that one break can no longer cut off the whole country. [@itu] [@digicel]";

#[tokio::test(flavor = "current_thread")]
async fn an_issue_goes_from_a_new_draft_to_published_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let csv = dir.path().join("telecom-sources.csv");
    std::fs::write(
        &csv,
        "key,name,full_name,homepage,kind,notes\n\
         itu,ITU,International Telecommunication Union,https://www.itu.int,UN agency,Submarine cable resilience.\n\
         digicel,Digicel,Digicel Pacific,https://www.digicelgroup.com,telecom operator,Mobile network in Tonga.\n",
    )
    .unwrap();
    let photo = dir.path().join("ash-over-the-pacific.jpg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/photos/tonga-ash-cloud.jpg"),
        &photo,
    )
    .unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-2]").await;
    find(&app, "[data-testid=editor] .cm-content").await;

    // A new issue (Ctrl+N) takes the next number; its details.
    find(&app, "[data-testid=editor] .cm-content")
        .await
        .send_keys(&format!("{}n", Key::Control))
        .await
        .unwrap();
    fill(&app, "[data-testid=reason]", "Tonga is back online").await;
    click(&app, "[data-testid=reason-confirm]").await;
    find(&app, "[data-testid=issue-view]").await;
    wait_for_text(&app, "[data-testid=issue-3]", |text| {
        text.contains("#3 Tonga is back online")
    })
    .await;
    fill(
        &app,
        "[data-testid=issue-preheader]",
        "A repair ship restores the cable cut by the eruption, and what comes next for the islands",
    )
    .await;
    let cuts = text_of(&find(&app, "[data-testid=preheader-cuts]").await).await;
    assert!(
        cuts.contains("A repair ship restores the cable cut…"),
        "{cuts}"
    );
    click(&app, "[data-testid=details-save]").await;
    wait_for_text(&app, "[data-testid=issue-view] [role=status]", |text| {
        text == "Saved."
    })
    .await;
    screenshot(&app, "view-issue").await;

    // A paragraph citing a source the library lacks; the fix from the finding.
    click(&app, "[data-testid=view-write]").await;
    type_at_end(&app, STORY).await;
    wait_for_text(&app, "[data-testid=preflight-summary]", |text| {
        text.starts_with("3 errors")
    })
    .await;
    click(&app, "[data-testid=preflight] .summary").await;
    click(&app, "[data-testid=add-source-tonga-cable]").await;
    let key = find(&app, "[data-testid=source-key]").await;
    assert_eq!(
        key.prop("value").await.unwrap().as_deref(),
        Some("tonga-cable")
    );
    fill(&app, "[data-testid=source-name]", "Tonga Cable").await;
    fill(&app, "[data-testid=source-full-name]", "Tonga Cable Ltd").await;
    click(&app, "[data-testid=source-save]").await;
    find(&app, "[data-testid=editor]").await;
    wait_for_text(&app, "[data-testid=preflight-summary]", |text| {
        text.starts_with("2 errors")
    })
    .await;

    // The other two come from a CSV file chosen in the native dialog.
    click(&app, "[data-testid=view-sources]").await;
    click(&app, "[data-testid=import-sources]").await;
    answer_native_dialog(
        "Import sources from a CSV file",
        Some(&csv.display().to_string()),
        &["Return"],
    )
    .await;
    wait_for_text(&app, "[data-testid=import-report]", |text| {
        text == "Imported telecom-sources.csv: 2 added, 0 updated, 0 unchanged."
    })
    .await;
    fill(&app, "[data-testid=source-search]", "tonga").await;
    wait_for_text(&app, "[data-testid=sources-table] tbody", |text| {
        text.contains("Tonga Cable Ltd")
            && text.contains("Digicel Pacific")
            && !text.contains("Reuters")
    })
    .await;
    screenshot(&app, "view-sources").await;
    click(&app, "[data-testid=view-write]").await;
    wait_for_text(&app, "[data-testid=preflight-summary]", |text| {
        !text.contains("error")
    })
    .await;

    // A photo with its credit, then the article's lead photo.
    click(&app, "[data-testid=view-photos]").await;
    click(&app, "[data-testid=add-photos]").await;
    answer_native_dialog(
        "Add photos",
        Some(&photo.display().to_string()),
        &["Return"],
    )
    .await;
    let key = find(&app, "[data-testid=photo-key]").await;
    assert_eq!(
        key.prop("value").await.unwrap().as_deref(),
        Some("ash-over-the-pacific")
    );
    fill(
        &app,
        "[data-testid=photo-alt]",
        "An ash cloud rising from an island volcano over the sea",
    )
    .await;
    fill(&app, "[data-testid=photo-title]", "Ash over the Pacific").await;
    fill(
        &app,
        "[data-testid=photo-creator]",
        "Newsflash Studio contributors",
    )
    .await;
    fill(&app, "[data-testid=photo-source]", "Newsflash Studio").await;
    wait_for_text(&app, "[data-testid=credit-preview]", |text| {
        text == "Credit line: “Ash over the Pacific” by Newsflash Studio contributors, via Newsflash Studio, CC BY 4.0"
    })
    .await;
    click(&app, "[data-testid=photo-save]").await;
    find(&app, "[data-testid=photo-ash-over-the-pacific]").await;
    screenshot(&app, "view-photos").await;
    click(&app, "[data-testid=view-write]").await;
    click(&app, "[data-testid=lead-photos-toggle]").await;
    click(
        &app,
        "[data-testid=lead-photo-0] option[value=ash-over-the-pacific]",
    )
    .await;
    let preview = find(&app, "[data-testid=preview]").await;
    preview.enter_frame().await.unwrap();
    app.wait()
        .at_most(PREVIEW_WAIT)
        .for_element(Locator::XPath(
            "//img[@alt='An ash cloud rising from an island volcano over the sea']",
        ))
        .await
        .expect("the lead photo never appeared in the preview");
    app.enter_parent_frame().await.unwrap();
    screenshot(&app, "view-write").await;

    // The sender, changed in the settings, is what the email preview shows.
    click(&app, "[data-testid=view-settings]").await;
    fill(
        &app,
        "[data-testid=setting-senderName]",
        "The Newsflash desk",
    )
    .await;
    wait_for_text(&app, "[data-testid=settings-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    click(&app, "[data-testid=preview-email]").await;
    wait_for_text(&app, "[data-testid=email-from]", |text| {
        text == "The Newsflash desk <editors@newsflash.example.org>"
    })
    .await;
    screenshot(&app, "view-settings").await;
    click(&app, "[data-testid=preview-web]").await;

    // Through the workflow to published, confirmed in the native dialog.
    click(&app, "[data-testid=view-issue]").await;
    for status in ["In review", "Ready"] {
        click(&app, "[data-testid=status-next]").await;
        wait_for_text(&app, "[data-testid=status]", |text| text == status).await;
    }
    click(&app, "[data-testid=status-next]").await;
    answer_native_dialog("Publish this issue", None, &["alt+y"]).await;
    wait_for_text(&app, "[data-testid=status]", |text| text == "Published").await;
    click(&app, "[data-testid=view-write]").await;
    find(&app, "[data-testid=read-only]").await;
    let editable = find(&app, "[data-testid=editor] .cm-content").await;
    assert_eq!(
        editable.attr("contenteditable").await.unwrap().as_deref(),
        Some("false")
    );

    // Corrected, a sentence added, then taken back by restoring a revision.
    click(&app, "[data-testid=correct-issue]").await;
    fill(
        &app,
        "[data-testid=reason]",
        "The length of the new section was wrong.",
    )
    .await;
    click(&app, "[data-testid=reason-confirm]").await;
    gone(&app, "[data-testid=read-only]").await;
    type_at_end(&app, "\n\nA sentence to take back.").await;
    saved(&app).await;
    click(&app, "[data-testid=view-revisions]").await;
    let list = wait_for_text(&app, "[data-testid=revision-list]", |text| {
        text.contains("Correction") && text.contains("The length of the new section was wrong.")
    })
    .await;
    assert!(list.contains("Status change"), "{list}");
    click(&app, "[data-testid=revision-list] li:nth-child(2) button").await;
    wait_for_text(&app, "[data-testid=diff]", |text| {
        text.contains("+ A sentence to take back.")
    })
    .await;
    screenshot(&app, "view-revisions").await;
    click(&app, "[data-testid=restore-revision]").await;
    answer_native_dialog("Restore this revision", None, &["alt+y"]).await;
    find(&app, "[data-testid=editor]").await;
    let text = wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("one break can no longer cut off")
            && !text.contains("A sentence to take back.")
    })
    .await;
    assert!(text.contains("[@digicel]"), "{text}");

    // Where a source is cited, from the library.
    click(&app, "[data-testid=view-sources]").await;
    click(&app, "[data-testid=source-itu] td:nth-child(2)").await;
    wait_for_text(&app, "[data-testid=source-uses]", |text| {
        text.contains("#3 Tonga is back online: 1 citation")
    })
    .await;
    screenshot(&app, "view-sources-editing").await;
    quit(app).await;

    // All of it is in the newsroom file, as the command line sees it.
    let newsroom = newsflash_core::Newsroom::open(
        &newsroom,
        newsflash_core::Seed::Empty,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    let issue = newsroom.issues().get(3).unwrap();
    assert_eq!(issue.title, "Tonga is back online");
    assert!(!issue.body.contains("A sentence to take back."));
    let photos = newsroom.photos().of_issue(3).unwrap();
    assert_eq!(photos[0].photo.key, "ash-over-the-pacific");
    assert_eq!(
        newsroom.settings().publication().sender_name,
        "The Newsflash desk"
    );
}

/// aiosmtpd on a loopback port (the core's test server), stopped when dropped.
struct MailServer {
    child: std::process::Child,
    port: u16,
    inbox: tempfile::TempDir,
}

impl MailServer {
    const USER: &str = "anna";
    const PASSWORD: &str = "correct horse battery staple";
    const REFUSED: &str = "nobody@example.net";

    fn start() -> MailServer {
        use std::io::BufRead;
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/core/tests/smtp_server.py");
        let inbox = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("python3")
            .arg(&script)
            .arg("--out")
            .arg(inbox.path())
            .args(["--user", Self::USER, "--password", Self::PASSWORD])
            .args(["--reject", Self::REFUSED])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 with aiosmtpd (./x installs it)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        MailServer { child, port, inbox }
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_test_email_goes_out_from_the_export_dialog() {
    let server = MailServer::start();
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let driver = Driver::start();
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-2]").await;

    click(&app, "[data-testid=view-settings]").await;
    fill(&app, "[data-testid=setting-smtpHost]", "127.0.0.1").await;
    fill(
        &app,
        "[data-testid=setting-smtpPort]",
        &server.port.to_string(),
    )
    .await;
    click(
        &app,
        "[data-testid=setting-smtpSecurity] option[value=none]",
    )
    .await;
    fill(&app, "[data-testid=setting-smtpUser]", MailServer::USER).await;
    fill(
        &app,
        "[data-testid=setting-testRecipient]",
        "desk@example.org",
    )
    .await;
    wait_for_text(&app, "[data-testid=settings-status]", |text| {
        text.starts_with("Saved")
    })
    .await;

    click(&app, "[data-testid=view-write]").await;
    click(&app, "[data-testid=export]").await;
    click(&app, "[data-testid=test-send]").await;
    // No password kept (no keychain under Xvfb): the dialog asks for it.
    find(&app, "[data-testid=test-password]").await;
    fill(&app, "[data-testid=test-password]", "wrong").await;
    click(&app, "[data-testid=test-send]").await;
    let refused = wait_for_text(&app, "[data-testid=test-result]", |text| {
        text.contains("refused")
    })
    .await;
    assert!(refused.contains(MailServer::USER), "{refused}");

    fill(&app, "[data-testid=test-to]", MailServer::REFUSED).await;
    fill(&app, "[data-testid=test-password]", MailServer::PASSWORD).await;
    click(&app, "[data-testid=test-send]").await;
    wait_for_text(&app, "[data-testid=test-result]", |text| {
        text.contains(MailServer::REFUSED)
    })
    .await;

    fill(&app, "[data-testid=test-to]", "desk@example.org").await;
    fill(&app, "[data-testid=test-password]", MailServer::PASSWORD).await;
    click(&app, "[data-testid=test-send]").await;
    wait_for_text(&app, "[data-testid=test-result]", |text| {
        text.starts_with("Sent to desk@example.org through 127.0.0.1")
    })
    .await;
    screenshot(&app, "export-dialog").await;
    quit(app).await;

    let received = std::fs::read_to_string(server.inbox.path().join("1.eml")).unwrap();
    assert!(received.contains("To: <desk@example.org>"), "{received}");
    assert!(
        received.contains("Subject: Two storms in two weeks for southern Africa"),
        "{received}"
    );
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
    let mut before = sample_newsroom(&newsroom);

    // Killed a moment after the last key, before the autosave's pause (300 ms) is
    // over: every key is in the journal by then, the last ones in no save. A save
    // already on its way when the indicator was read can still keep them all; that
    // trial tested nothing, so she types again (at most five times).
    let mut attempts = 0;
    let typed = loop {
        attempts += 1;
        let typed = type_then_kill(
            &newsroom,
            config.path(),
            24,
            12.0,
            Kill::WhileUnsaved(Duration::from_millis(100)),
        )
        .await;
        let saved = Newsroom::open(&newsroom, Seed::Content, time::OffsetDateTime::now_utc())
            .unwrap()
            .issues()
            .get(2)
            .unwrap()
            .body;
        // Every letter saved after the text as it was: nothing left to recover. (The
        // letters are the same each time, so an earlier trial's saved letters must not
        // count for this one's.)
        let all_saved = saved.strip_prefix(before.as_str()) == Some(typed.letters.as_str());
        if !all_saved || attempts == 5 {
            break typed;
        }
        before = saved;
    };

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

/// What the app logs when the window answered its request to save before ending
/// (src-tauri/desktop/src/durability.rs).
const WINDOW_SAVED: &str = "the window saved before ending";
/// What it logs for text the window did not save, folded in from the journal instead.
const FROM_THE_JOURNAL: &str = "saved from the journal before ending";

/// The sample newsroom open in the window, what the app logs going to a file.
struct Logged {
    _dir: tempfile::TempDir,
    _config: tempfile::TempDir,
    driver: Driver,
    app: Client,
    newsroom: PathBuf,
    log: PathBuf,
    /// The text of the draft the window opens first.
    draft: String,
}

async fn open_with_log() -> Logged {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let config = tempfile::tempdir().unwrap();
    let log = dir.path().join("app.log");
    let draft = sample_newsroom(&newsroom);
    let driver = Driver::start_with_log(config.path(), &log);
    let app = driver.open_app(&newsroom).await;
    Logged {
        _dir: dir,
        _config: config,
        driver,
        app,
        newsroom,
        log,
        draft,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn sigterm_has_the_window_save_what_was_typed_before_the_app_ends() {
    let Logged {
        _dir,
        _config,
        driver,
        app,
        newsroom,
        log,
        draft: before,
    } = open_with_log().await;
    let typed = " Typed a moment before the logout.";
    type_at_end(&app, typed).await;
    // At once, inside the autosave's pause: only the window's own save (asked for by
    // `flush-requested`) or the journal can keep the last of it. To the app and its
    // WebKit processes together, as a logout does: the page must outlive the signal
    // long enough to save.
    let pid = newsflash_e2e::app_pid(&newsroom).expect("the app's process");
    let webkit = newsflash_e2e::descendants(pid);
    assert!(!webkit.is_empty(), "the app has no WebKit processes");
    newsflash_e2e::signal_together(&[&[pid][..], &webkit].concat(), "TERM");
    assert!(
        newsflash_e2e::wait_for_exit(pid, Duration::from_secs(20)),
        "the app did not end after SIGTERM"
    );
    // The session's browser is gone; ending it tells WebKitWebDriver so.
    let _ = app.close().await;
    drop(driver);

    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("SIGTERM: saving and ending"),
        "the app did not see SIGTERM:\n{logged}"
    );
    assert!(
        logged.contains(WINDOW_SAVED),
        "the window never answered the request to save (flush-requested):\n{logged}"
    );
    assert!(
        !logged.contains(FROM_THE_JOURNAL),
        "the window's save left text to the journal:\n{logged}"
    );
    let now = time::OffsetDateTime::now_utc();
    let newsroom = Newsroom::open(&newsroom, Seed::Content, now).unwrap();
    assert!(newsroom.typing().recover(now).unwrap().is_empty());
    assert_eq!(
        newsroom.issues().get(2).unwrap().body,
        format!("{before}{typed}")
    );
}

/// What the app logs once the window's editor first drew the issue's text
/// (src-tauri/desktop/src/startup.rs).
const START_SHOWN: &str = "the editor showed the issue's text ";

#[tokio::test(flavor = "current_thread")]
async fn the_log_says_how_long_the_start_took_to_the_editor_showing_the_text() {
    let Logged {
        _dir,
        _config,
        driver,
        app,
        log,
        draft,
        ..
    } = open_with_log().await;
    let first_line = draft.lines().next().unwrap().trim_start_matches("# ");
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains(first_line)
    })
    .await;
    let line = start_line(&log).await;
    quit(app).await;
    drop(driver);

    println!("{line}");
    let after = line.split(START_SHOWN).nth(1).unwrap();
    let total: u64 = after
        .split(" ms after start")
        .next()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or_else(|| panic!("no time in the line: {line}"));
    assert!(
        (1..120_000).contains(&total),
        "an implausible start time: {line}"
    );
    // Every stage of the start was marked on the way.
    assert!(!line.contains("not reached"), "{line}");
}

/// Adds a draft to `newsroom` as another process would, while no app has it open.
fn create_issue_elsewhere(newsroom: &Path, title: &str) {
    let now = time::OffsetDateTime::now_utc();
    let newsroom = Newsroom::open(newsroom, Seed::Content, now).unwrap();
    newsroom.issues().create(title, now.date(), now).unwrap();
}

/// The start's log line, once the window has sent it (after the first frame).
async fn start_line(log: &Path) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let logged = std::fs::read_to_string(log).unwrap_or_default();
        if let Some(line) = logged.lines().find(|line| line.contains(START_SHOWN)) {
            return line.to_owned();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the window never reported its start:\n{logged}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Ends the app as a logout does (SIGTERM): the window saves, and keeps its screen.
async fn end_with_sigterm(app: Client, newsroom: &Path) {
    let pid = newsflash_e2e::app_pid(newsroom).expect("the app's process");
    newsflash_e2e::signal_together(&[pid], "TERM");
    assert!(
        newsflash_e2e::wait_for_exit(pid, Duration::from_secs(20)),
        "the app did not end after SIGTERM"
    );
    let _ = app.close().await;
}

#[tokio::test(flavor = "current_thread")]
async fn a_restart_shows_the_window_as_it_closed_until_the_editor_is_live() {
    let started = open_with_log().await;
    let (driver, app, newsroom) = (started.driver, started.app, started.newsroom);
    let (config, log) = (started._config, started.log);
    let first_line = started
        .draft
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("# ");
    let editor = "[data-testid=editor] .cm-content";
    wait_for_text(&app, editor, |text| text.contains(first_line)).await;
    let line = start_line(&log).await;
    assert!(
        line.contains("first screen none"),
        "nothing was kept yet: {line}"
    );
    end_with_sigterm(app, &newsroom).await;
    drop(driver);

    // The same desk: the kept screen is on show before the scripts have run.
    let log = started._dir.path().join("second.log");
    let driver = Driver::start_with_log(config.path(), &log);
    let app = driver.open_app(&newsroom).await;
    wait_for_text(&app, editor, |text| text.contains(first_line)).await;
    let line = start_line(&log).await;
    println!("{line}");
    let mark = |stage: &str| -> u64 {
        line.split(&format!("{stage} "))
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|ms| ms.parse().ok())
            .unwrap_or_else(|| panic!("no {stage} mark in the start's line: {line}"))
    };
    let (shown_at, script_at) = (mark("first screen"), mark("script"));
    assert!(shown_at <= script_at, "shown after the scripts ran: {line}");
    // Then the live editor, and nothing of the kept screen left over it.
    gone(&app, "#first-screen").await;
    type_at_end(&app, " Typed live.").await;
    wait_for_text(&app, editor, |text| text.contains("Typed live.")).await;
    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    end_with_sigterm(app, &newsroom).await;
    drop(driver);

    // The issue changed elsewhere since: the kept screen would show stale text.
    create_issue_elsewhere(&newsroom, "Made elsewhere");
    let log = started._dir.path().join("third.log");
    let driver = Driver::start_with_log(config.path(), &log);
    let app = driver.open_app(&newsroom).await;
    let line = start_line(&log).await;
    assert!(
        line.contains("first screen none"),
        "a stale screen was shown: {line}"
    );
    wait_for_text(&app, editor, |text| text.contains(first_line)).await;
    quit(app).await;
    drop(driver);
}

#[tokio::test(flavor = "current_thread")]
async fn a_restart_finds_the_window_size_the_issue_and_the_cursor_where_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let config = tempfile::tempdir().unwrap();
    sample_newsroom(&newsroom);
    // A newer draft: the app would open it, had it not remembered issue 2.
    create_issue_elsewhere(&newsroom, "A newer draft");

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
