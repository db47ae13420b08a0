//! What an editor does in the window.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::path::Path;
use std::time::Duration;

use fantoccini::Client;
use fantoccini::Locator;
use fantoccini::key::Key;
use newsflash_e2e::{
    Driver, answer_native_dialog, artifacts_dir, find, quit, text_of, wait_for_text,
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

async fn click(app: &Client, css: &str) {
    find(app, css).await.click().await.unwrap();
}

/// Replaces the text of the input `css` with `text`, as typed.
async fn fill(app: &Client, css: &str, text: &str) {
    let input = find(app, css).await;
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
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

const STORY: &str = "The Danube rose by more than a metre overnight at Budapest, and the city closed its riverside roads. [@danube-watch]\n\n## What the forecasts say\n\nMore rain is expected upstream in Austria and Slovakia until Sunday, so the crest will reach Hungary late next week. [@icpdr] [@wmo]";

#[tokio::test(flavor = "current_thread")]
async fn an_issue_goes_from_a_new_draft_to_published_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let csv = dir.path().join("river-sources.csv");
    std::fs::write(
        &csv,
        "key,name,full_name,homepage,kind,notes\n\
         icpdr,ICPDR,International Commission for the Protection of the Danube River,https://www.icpdr.org,intergovernmental body,River basin data.\n\
         wmo,WMO,World Meteorological Organization,https://wmo.int,UN agency,Forecasts and warnings.\n",
    )
    .unwrap();
    let photo = dir.path().join("budapest-flood.jpg");
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
    fill(&app, "[data-testid=reason]", "Floods on the Danube").await;
    click(&app, "[data-testid=reason-confirm]").await;
    find(&app, "[data-testid=issue-view]").await;
    wait_for_text(&app, "[data-testid=issue-3]", |text| {
        text.contains("#3 Floods on the Danube")
    })
    .await;
    fill(
        &app,
        "[data-testid=issue-preheader]",
        "Budapest closes its riverside roads as the river rises, and what the forecasts say about the weekend",
    )
    .await;
    let cuts = text_of(&find(&app, "[data-testid=preheader-cuts]").await).await;
    assert!(
        cuts.contains("Budapest closes its riverside roads as…"),
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
    click(&app, "[data-testid=add-source-danube-watch]").await;
    let key = find(&app, "[data-testid=source-key]").await;
    assert_eq!(
        key.prop("value").await.unwrap().as_deref(),
        Some("danube-watch")
    );
    fill(&app, "[data-testid=source-name]", "Danube Watch").await;
    fill(
        &app,
        "[data-testid=source-homepage]",
        "https://danube-watch.example.org",
    )
    .await;
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
        text == "Imported river-sources.csv: 2 added, 0 updated, 0 unchanged."
    })
    .await;
    fill(&app, "[data-testid=source-search]", "danube").await;
    wait_for_text(&app, "[data-testid=sources-table] tbody", |text| {
        text.contains("ICPDR") && text.contains("Danube Watch") && !text.contains("Reuters")
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
        Some("budapest-flood")
    );
    fill(
        &app,
        "[data-testid=photo-alt]",
        "Grey water over a riverside road",
    )
    .await;
    fill(&app, "[data-testid=photo-title]", "High water").await;
    fill(&app, "[data-testid=photo-creator]", "Anna Kovács").await;
    fill(&app, "[data-testid=photo-source]", "Flickr").await;
    wait_for_text(&app, "[data-testid=credit-preview]", |text| {
        text == "Credit line: “High water” by Anna Kovács, via Flickr, CC BY 4.0"
    })
    .await;
    click(&app, "[data-testid=photo-save]").await;
    find(&app, "[data-testid=photo-budapest-flood]").await;
    screenshot(&app, "view-photos").await;
    click(&app, "[data-testid=view-write]").await;
    click(&app, "[data-testid=lead-photos-toggle]").await;
    click(
        &app,
        "[data-testid=lead-photo-0] option[value=budapest-flood]",
    )
    .await;
    let preview = find(&app, "[data-testid=preview]").await;
    preview.enter_frame().await.unwrap();
    app.wait()
        .at_most(PREVIEW_WAIT)
        .for_element(Locator::XPath(
            "//img[@alt='Grey water over a riverside road']",
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
    fill(&app, "[data-testid=reason]", "The crest date was wrong.").await;
    click(&app, "[data-testid=reason-confirm]").await;
    gone(&app, "[data-testid=read-only]").await;
    type_at_end(&app, "\n\nA sentence to take back.").await;
    saved(&app).await;
    click(&app, "[data-testid=view-revisions]").await;
    let list = wait_for_text(&app, "[data-testid=revision-list]", |text| {
        text.contains("Correction") && text.contains("The crest date was wrong.")
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
        text.contains("the crest will reach Hungary")
    })
    .await;
    assert!(!text.contains("A sentence to take back."), "{text}");
    quit(app).await;

    // All of it is in the newsroom file, as the command line sees it.
    let newsroom = newsflash_core::Newsroom::open(
        &newsroom,
        newsflash_core::Seed::Empty,
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();
    let issue = newsroom.issues().get(3).unwrap();
    assert_eq!(issue.title, "Floods on the Danube");
    assert!(!issue.body.contains("A sentence to take back."));
    let photos = newsroom.photos().of_issue(3).unwrap();
    assert_eq!(photos[0].photo.key, "budapest-flood");
    assert_eq!(
        newsroom.settings().publication().sender_name,
        "The Newsflash desk"
    );
}
