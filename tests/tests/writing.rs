//! Writing in the window: the preview keeping up, citations, the outline, paste and
//! the menu. Speeds are printed, never asserted (a loaded machine is slow, not broken).

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Client;
use fantoccini::key::Key;
use newsflash_core::{IssueDetails, IssueStatus, NewIssue, Newsroom, Seed};
use newsflash_e2e::{Driver, app_binary, click, fill, find, quit, wait_for_text};
use serde_json::Value;
use time::macros::{date, datetime};

/// The number of the long issue: above the sample issues', so the app opens it first.
const LONG_ISSUE: u32 = 50;

/// An issue of about `words` words in articles of about 500, each with two sections,
/// paragraphs and citations, ending with a paragraph to type at the end of.
fn long_issue_body(words: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "minister",
        "said",
        "on",
        "Tuesday",
        "that",
        "aid",
        "convoys",
        "would",
        "reach",
        "the",
        "coast",
        "within",
        "days",
        "after",
        "roads",
        "reopened",
        "and",
        "officials",
        "counted",
        "damage",
        "to",
        "ports",
        "schools",
        "clinics",
        "while",
        "residents",
        "returned",
        "to",
        "villages",
        "covered",
        "in",
        "ash",
    ];
    let mut body = String::new();
    let mut count = 0;
    let mut article = 0;
    while count < words {
        article += 1;
        body.push_str(&format!("# Article {article} on the eruption\n\n"));
        for section in 1..=3 {
            if section > 1 {
                body.push_str(&format!("## Section {article}.{section}\n\n"));
            }
            for paragraph in 0..3 {
                let sentence: Vec<&str> = (0..55)
                    .map(|i| WORDS[(i * 7 + paragraph * 3 + article + section) % WORDS.len()])
                    .collect();
                count += sentence.len();
                body.push_str(&sentence.join(" "));
                body.push_str(" [@reuters]\n\n");
            }
        }
    }
    body.push_str("The last paragraph, where the editor types.");
    body
}

/// A newsroom with the sample content and a 5,000-word issue, which opens first.
fn newsroom_with_long_issue(dir: &Path) -> PathBuf {
    let path = dir.join("newsroom.db");
    let now = datetime!(2026-11-25 09:00 UTC);
    let newsroom = Newsroom::open(&path, Seed::Content, now).unwrap();
    newsroom
        .issues()
        .add(
            &NewIssue {
                number: LONG_ISSUE,
                details: IssueDetails {
                    date: date!(2026 - 11 - 26),
                    title: "A long issue".into(),
                    preheader: "Everything that happened, at length".into(),
                },
                status: IssueStatus::Draft,
                body: long_issue_body(5_000),
            },
            now,
        )
        .unwrap();
    drop(newsroom);
    path
}

fn percentile(sorted: &[f64], percent: usize) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (sorted.len() * percent).div_ceil(100).max(1) - 1;
    sorted[rank.min(sorted.len() - 1)]
}

fn summary(what: &str, mut samples: Vec<f64>, target: f64) -> String {
    samples.sort_by(f64::total_cmp);
    format!(
        "{what}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} keystrokes (target p95 ≤ {target} ms)",
        percentile(&samples, 50),
        percentile(&samples, 95),
        samples.last().copied().unwrap_or(f64::NAN),
        samples.len(),
    )
}

/// Records, in the page, when each typed letter (a–j, after the marker ZQMARK) was
/// pressed, and the first animation frame in which the editor and the preview showed
/// it: that frame paints it.
const INSTRUMENT: &str = r#"
const nf = { keys: [], painted: [], preview: [], editorSeen: 0, previewSeen: 0, updates: 0 };
window.__nf = nf;
document.addEventListener('keydown', (event) => {
  if (/^[a-j]$/.test(event.key)) nf.keys.push(event.timeStamp);
}, true);
const count = (text) => {
  const match = /ZQMARK([a-j]*)/.exec(text);
  return match ? match[1].length : -1;
};
const frame = (time) => {
  const editor = document.querySelector('[data-testid=editor] .cm-content');
  const typed = editor ? count(editor.textContent) : -1;
  while (nf.editorSeen < typed) nf.painted[nf.editorSeen++] = time;
  const preview = document.querySelector('[data-testid=preview]');
  const body = preview && preview.contentDocument && preview.contentDocument.body;
  const shown = body ? count(body.textContent) : -1;
  if (shown > nf.previewSeen) nf.updates += 1;
  while (nf.previewSeen < shown) nf.preview[nf.previewSeen++] = time;
  requestAnimationFrame(frame);
};
requestAnimationFrame(frame);
"#;

async fn typed_in_preview(app: &Client) -> i64 {
    let value = app
        .execute("return window.__nf.previewSeen;", vec![])
        .await
        .unwrap();
    value.as_i64().unwrap_or(-1)
}

fn latencies(pressed: &[Value], shown: &[Value]) -> Vec<f64> {
    pressed
        .iter()
        .zip(shown)
        .filter_map(|(pressed, shown)| Some(shown.as_f64()? - pressed.as_f64()?))
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn the_preview_keeps_up_with_typing_and_shows_where_she_types() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = newsroom_with_long_issue(dir.path());
    let driver = Driver::start_drawn_as_installed();
    let app = driver.open_app(&newsroom).await;
    find(
        &app,
        &format!("[data-testid=issue-{LONG_ISSUE}][aria-current]"),
    )
    .await;
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("Article 1 on the eruption")
    })
    .await;
    // The first page is in the preview.
    find(&app, "[data-testid=preview]:not(.hidden)").await;

    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    editor
        .send_keys(&format!("{}{}", Key::Control, Key::End))
        .await
        .unwrap();
    editor.send_keys(" ZQMARK").await.unwrap();
    app.execute(INSTRUMENT, vec![]).await.unwrap();

    // 200 keystrokes at 12 a second, as a fast typist writes.
    const KEYS: usize = 200;
    let cadence = Duration::from_millis(83);
    let started = Instant::now();
    for index in 0..KEYS {
        let letter = char::from(b'a' + (index % 10) as u8);
        editor.send_keys(&letter.to_string()).await.unwrap();
        let next = cadence * u32::try_from(index + 1).unwrap();
        if let Some(wait) = next.checked_sub(started.elapsed()) {
            tokio::time::sleep(wait).await;
        }
    }
    let typing = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(20);
    while typed_in_preview(&app).await < KEYS as i64 {
        assert!(
            Instant::now() < deadline,
            "the preview never showed all {KEYS} typed letters"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let record = app.execute("return window.__nf;", vec![]).await.unwrap();
    let keys = record["keys"].as_array().unwrap();
    let painted = latencies(keys, record["painted"].as_array().unwrap());
    let previewed = latencies(keys, record["preview"].as_array().unwrap());
    let updates = record["updates"].as_u64().unwrap();
    println!(
        "binary: {} ({} keystrokes in {:.1} s, 5,000-word issue, drawn as installed: no GL layers)",
        app_binary().display(),
        keys.len(),
        typing.as_secs_f64()
    );
    println!(
        "{}",
        summary("keystroke → preview updated", previewed, 50.0)
    );
    println!(
        "{}",
        summary("keystroke → character painted", painted, 16.0)
    );
    println!("preview updates during the typing: {updates} (for {KEYS} keystrokes)");
    // It updated while she typed, not once after the last key.
    assert!(
        updates > 10,
        "the preview updated only {updates} times during {KEYS} keystrokes"
    );

    // Typing at the end of the issue shows the end of the page.
    let place = app
        .execute(
            r#"
const doc = document.querySelector('[data-testid=preview]').contentDocument;
const paragraph = Array.from(doc.querySelectorAll('p')).find((p) => p.textContent.includes('ZQMARK'));
const box = paragraph.getBoundingClientRect();
return [box.top, box.bottom, doc.defaultView.innerHeight];
"#,
            vec![],
        )
        .await
        .unwrap();
    let [top, bottom, height] = [0, 1, 2].map(|i| place[i].as_f64().unwrap());
    assert!(
        bottom > 0.0 && top < height,
        "the paragraph being typed is out of the preview's view (top {top}, bottom {bottom}, view {height})"
    );
    quit(app).await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_email_is_shown_at_its_own_width_and_in_dark_mode() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    let driver = Driver::start();
    let app = driver.open_app(&newsroom).await;
    find(&app, "[data-testid=issue-2][aria-current]").await;
    click(&app, "[data-testid=preview-email]").await;
    let frame = find(&app, "[data-testid=preview]").await;
    // 640 px: the 600 px column and a little of the page around it, scaled if need be.
    let width = app
        .execute(
            "return document.querySelector('[data-testid=preview]').getBoundingClientRect().width / Number(document.querySelector('[data-testid=preview]').dataset.scale);",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        (width.as_f64().unwrap() - 640.0).abs() < 1.0,
        "the email is {width} px wide"
    );
    drop(frame);
    click(&app, "[data-testid=preview-dark]").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let background = app
            .execute(
                "const doc = document.querySelector('[data-testid=preview]').contentDocument; const section = doc && doc.querySelector('.section-bg'); return section ? getComputedStyle(section).backgroundColor : '';",
                vec![],
            )
            .await
            .unwrap();
        // The dark column colour of the template (#0d1117).
        if background.as_str() == Some("rgb(13, 17, 23)") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the dark-mode email shows the column as {background}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    quit(app).await;
}

/// Opens the sample newsroom's newest issue with the cursor at the end of its text,
/// after a new article with the headline `headline`.
async fn type_new_article(app: &Client, headline: &str, text: &str) {
    find(app, "[data-testid=issue-2][aria-current]").await;
    let editor = find(app, "[data-testid=editor] .cm-content").await;
    editor.click().await.unwrap();
    editor
        .send_keys(&format!("{}{}", Key::Control, Key::End))
        .await
        .unwrap();
    let enter = Key::Enter.to_string();
    editor
        .send_keys(&format!("{enter}{enter}# {headline}{enter}{enter}{text}"))
        .await
        .unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn a_source_is_cited_from_the_suggestions_and_shows_in_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&dir.path().join("newsroom.db")).await;
    type_new_article(&app, "Typed article", "Cited [@reu").await;
    let suggestions = wait_for_text(&app, ".cm-tooltip-autocomplete", |text| {
        text.contains("reuters")
    })
    .await;
    assert!(suggestions.contains("Reuters"), "{suggestions}");
    // As a person would: the list is on screen a moment before she presses Enter
    // (CodeMirror ignores an Enter within 75 ms of showing it).
    tokio::time::sleep(Duration::from_millis(400)).await;
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("Cited [@reuters]")
    })
    .await;
    // The preview's Sources line of the new article names it.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let sources = app
            .execute(
                r#"
const doc = document.querySelector('[data-testid=preview]').contentDocument;
const heading = Array.from(doc.querySelectorAll('h1')).find((h) => h.textContent.trim() === 'Typed article');
const sources = heading && heading.closest('article').querySelector('.sources');
return sources ? sources.textContent : null;
"#,
                vec![],
            )
            .await
            .unwrap();
        if sources.as_str() == Some("Sources: Reuters") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new article's Sources line is {sources}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // A key the library does not have is marked as she types it (from the preflight).
    editor.send_keys(" [@nosuchsource").await.unwrap();
    editor.send_keys(&Key::Escape.to_string()).await.unwrap();
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("[@reuters] [@nosuchsource]")
    })
    .await;
    wait_for_text(&app, ".cm-citation-unknown", |text| {
        text.contains("nosuchsource")
    })
    .await;
    quit(app).await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_outline_jumps_to_a_section_and_counts_words() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&dir.path().join("newsroom.db")).await;
    find(&app, "[data-testid=issue-2][aria-current]").await;
    let length = wait_for_text(&app, "[data-testid=issue-length]", |text| {
        text.contains("words")
    })
    .await;
    println!("outline of the sample issue: {length}");
    let section = find(&app, "[data-testid=outline-section-0-0]").await;
    let heading = section.text().await.unwrap();
    section.click().await.unwrap();
    // The heading is in view in the editor, and the cursor on it (the outline says so).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let current = find(&app, "[data-testid=outline-section-0-0]")
            .await
            .attr("aria-current")
            .await
            .unwrap();
        let shown = app
            .execute(
                r#"
const scroller = document.querySelector('[data-testid=editor] .cm-scroller').getBoundingClientRect();
const line = Array.from(document.querySelectorAll('.cm-line')).find((l) => l.textContent.replace(/^#+\s*/, '') === arguments[0]);
if (!line) return false;
const box = line.getBoundingClientRect();
return box.top >= scroller.top && box.bottom <= scroller.bottom;
"#,
                vec![serde_json::json!(heading.trim())],
            )
            .await
            .unwrap();
        if current.as_deref() == Some("location") && shown == serde_json::json!(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "after the jump: aria-current {current:?}, heading in view {shown}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    quit(app).await;
}

/// Pastes into the editor what a browser or word processor puts on the clipboard: the
/// HTML and its plain-text form.
async fn paste(app: &Client, html: &str, plain: &str) {
    app.execute(
        r#"
const data = new DataTransfer();
data.setData('text/html', arguments[0]);
data.setData('text/plain', arguments[1]);
const content = document.querySelector('[data-testid=editor] .cm-content');
content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
"#,
        vec![html.into(), plain.into()],
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn html_pasted_from_a_browser_becomes_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&dir.path().join("newsroom.db")).await;
    type_new_article(&app, "Pasted", "").await;
    // What a browser puts on the clipboard when a paragraph of a web page is copied.
    paste(
        &app,
        r#"<meta charset="utf-8"><p style="margin:0">Convoys reached <b>Beira</b>, <a href="https://www.reuters.com/world/">Reuters</a> said.</p>"#,
        "Convoys reached Beira, Reuters said.",
    )
    .await;
    wait_for_text(&app, "[data-testid=editor] .cm-content", |text| {
        text.contains("Convoys reached **Beira**, [Reuters](https://www.reuters.com/world/) said.")
    })
    .await;
    quit(app).await;
}

#[tokio::test(flavor = "current_thread")]
async fn an_image_pasted_with_a_page_goes_through_the_photo_form_to_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newsroom.db");
    let driver = Driver::start();
    let app = driver.open_app(&path).await;
    type_new_article(&app, "Pasted map", "").await;
    wait_for_text(&app, "[data-testid=outline]", |text| {
        text.contains("Pasted map")
    })
    .await;
    // What a word processor puts on the clipboard for a paragraph and a picture: the
    // picture's bytes inline (a 3×2 GIF).
    paste(
        &app,
        r#"<p>The route the convoys took.</p><p><img src="data:image/gif;base64,R0lGODlhAwACAAAAADs=" alt="Map of the route"></p>"#,
        "The route the convoys took.",
    )
    .await;
    wait_for_text(&app, "[data-testid=pasted-images]", |text| {
        text.contains("A pasted picture, “Map of the route”")
    })
    .await;
    click(&app, "[data-testid=pasted-image-add-0]").await;
    wait_for_text(&app, "[data-testid=photo-form]", |text| {
        text.contains("New photo: pasted image")
    })
    .await;
    fill(&app, "[data-testid=photo-key]", "route-map").await;
    fill(&app, "[data-testid=photo-creator]", "Ana Editor").await;
    click(&app, "[data-testid=photo-save]").await;
    wait_for_text(&app, "[data-testid=export-notice]", |text| {
        text.contains("as route-map and is now the lead photo of article")
    })
    .await;
    wait_for_text(&app, "[data-testid=save-status]", |text| {
        text.starts_with("Saved")
    })
    .await;
    quit(app).await;
    drop(driver);

    let newsroom = Newsroom::open(&path, Seed::Content, time::OffsetDateTime::now_utc()).unwrap();
    let photo = newsroom.photos().get("route-map").unwrap();
    assert_eq!(photo.alt, "Map of the route");
    assert_eq!(photo.media_type, "image/gif");
    assert_eq!(
        std::fs::read(newsroom.assets_dir().join(&photo.file)).unwrap(),
        b"GIF89a\x03\x00\x02\x00\x00\x00\x00;"
    );
    let lead = newsroom.photos().of_issue(2).unwrap();
    assert!(
        lead.iter().any(|article| article.photo.key == "route-map"),
        "{lead:?}"
    );
    let body = newsroom.issues().get(2).unwrap().body;
    assert!(
        body.ends_with("# Pasted map\n\nThe route the convoys took."),
        "{body:?}"
    );
}

/// Sends keys to the app's window as a keyboard would (XTEST), so they go through
/// GTK and its menu accelerators, not only the page.
fn press_keys(keys: &str) {
    let display = std::env::var("DISPLAY").unwrap();
    let status = std::process::Command::new("xdotool")
        .args(["mousemove", "400", "300", "key", "--clearmodifiers", keys])
        .env("DISPLAY", display)
        .status()
        .expect("xdotool is installed (apt install xdotool)");
    assert!(status.success(), "xdotool key {keys} failed");
}

#[tokio::test(flavor = "current_thread")]
async fn menu_accelerators_switch_the_preview_and_open_the_palette() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&dir.path().join("newsroom.db")).await;
    find(&app, "[data-testid=issue-2][aria-current]").await;
    click(&app, "[data-testid=editor] .cm-content").await;
    // View › Email in dark mode (Ctrl+digit alone opens the desk's views).
    press_keys("ctrl+alt+3");
    wait_for_text(&app, "[data-testid=preview-dark]", |_| true).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while find(&app, "[data-testid=preview-dark]")
        .await
        .attr("aria-checked")
        .await
        .unwrap()
        .as_deref()
        != Some("true")
    {
        assert!(
            Instant::now() < deadline,
            "Ctrl+Alt+3 did not show the dark email"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Edit › All commands…, then a command chosen from the palette by typing.
    press_keys("ctrl+shift+p");
    let input = find(&app, "[data-testid=command-palette-input]").await;
    input.send_keys("plain text").await.unwrap();
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
    wait_for_text(&app, "[data-testid=plain-text-preview]", |text| {
        text.contains("Two storms")
    })
    .await;
    quit(app).await;
}

#[tokio::test(flavor = "current_thread")]
async fn the_smallest_window_keeps_every_toolbar_label_whole() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let app = driver.open_app(&dir.path().join("newsroom.db")).await;
    find(&app, "[data-testid=issue-2][aria-current]").await;
    app.set_window_size(960, 640).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let cut = app
        .execute(
            r#"
const labels = Array.from(document.querySelectorAll('.toolbar button, .toolbar .pill, [data-testid=save-status]'));
return labels.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > window.innerWidth).map((e) => e.textContent.trim());
"#,
            vec![],
        )
        .await
        .unwrap();
    let png = app.screenshot().await.unwrap();
    std::fs::write(
        newsflash_e2e::artifacts_dir().join("writing-960x640.png"),
        png,
    )
    .unwrap();
    assert_eq!(cut, serde_json::json!([]), "labels cut at 960×640");
    quit(app).await;
}
