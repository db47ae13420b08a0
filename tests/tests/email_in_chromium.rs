//! The sample email in headless Chromium at phone (375 px) and desktop mail client
//! (600 px) widths: no horizontal scrolling, every image with alt text, and a
//! screenshot of each in tests/artifacts/ for people to look at.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`./x test` installs them); no
//! display, no app build, no network.

#![allow(clippy::unwrap_used)] // In tests a failed unwrap is a failed test.

use std::net::TcpListener;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use newsflash_core::{Body, Format, Newsroom, Seed};
use newsflash_e2e::artifacts_dir;
use serde_json::{Value, json};
use time::macros::datetime;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "chromedriver";
/// The narrowest window headless Chromium makes.
const MIN_WINDOW_WIDTH: u32 = 500;

/// A running `chromedriver` in a process group of its own; the group (driver and
/// any browser left behind) is ended when dropped.
#[derive(Debug)]
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    fn start() -> ChromeDriver {
        assert!(
            Path::new(CHROMIUM).is_file(),
            "{CHROMIUM} is missing: install the chromium package (./x test does)"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map(|address| address.port())
            .expect("no free local port");
        let mut child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|error| {
                panic!("could not start {CHROMEDRIVER} ({error}): install chromium-driver (./x test does)")
            });
        let driver_deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("chromedriver exited at start ({status})");
            }
            assert!(
                Instant::now() < driver_deadline,
                "chromedriver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        ChromeDriver { child, port }
    }

    /// A headless Chromium session whose window is `width` × 900 px, with a fresh
    /// profile in `profile`.
    async fn session(&self, width: u32, profile: &Path) -> Client {
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                format!("--user-data-dir={}", profile.display()),
                format!("--window-size={width},900"),
            ],
        });
        if width < MIN_WINDOW_WIDTH {
            // Headless Chromium never makes a window narrower than 500 px (it
            // reports innerWidth 500 for --window-size=375,900): a phone's width
            // is emulated instead, as DevTools' device mode does (a mobile viewport
            // that honours the email's viewport meta tag).
            options["mobileEmulation"] = json!({
                "deviceMetrics": {"width": width, "height": 900, "pixelRatio": 1.0, "mobile": true, "touch": true},
            });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("could not open a Chromium session")
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The whole group, by its id (the driver's pid): SIGTERM, then SIGKILL.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &group])
                    .stderr(Stdio::null())
                    .status();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// What the page reports about its layout at the current width.
const MEASURE: &str = r"
const images = Array.from(document.images);
return {
  innerWidth: window.innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  images: images.length,
  imagesWithoutAlt: images
    .filter(img => !(img.getAttribute('alt') || '').trim())
    .map(img => img.outerHTML.slice(0, 120)),
  brokenImages: images
    .filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => img.getAttribute('src')),
  widest: Array.from(document.body.querySelectorAll('*'))
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map(el => el.tagName + ' ' + Math.round(el.getBoundingClientRect().right)),
};
";

/// Loads `url` at `width`, checks the layout and saves a screenshot.
async fn check_at_width(driver: &ChromeDriver, url: &str, width: u32) {
    let profile = tempfile::tempdir().unwrap();
    let client = driver.session(width, profile.path()).await;
    // The checks run in their own task so that a failed assertion still ends the
    // session before the panic goes on.
    let checks = tokio::spawn({
        let client = client.clone();
        let url = url.to_owned();
        async move {
            client.goto(&url).await.unwrap();
            let measured: Value = client.execute(MEASURE, vec![]).await.unwrap();
            let screenshot = client.screenshot().await.unwrap();
            std::fs::write(
                artifacts_dir().join(format!("email-{width}.png")),
                screenshot,
            )
            .unwrap();
            measured
        }
    })
    .await;
    client.close().await.expect("could not end the session");
    let measured = checks.unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));

    assert_eq!(
        measured["innerWidth"],
        json!(width),
        "the window is not {width} px wide: {measured}"
    );
    assert!(
        measured["scrollWidth"].as_u64().unwrap() <= u64::from(width),
        "horizontal scrolling at {width} px: {measured}"
    );
    assert_eq!(measured["images"], json!(1), "the sample has one image");
    assert_eq!(
        measured["imagesWithoutAlt"],
        json!([]),
        "images without alt text at {width} px"
    );
    assert_eq!(
        measured["brokenImages"],
        json!([]),
        "images that did not load at {width} px"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn sample_email_fits_phone_and_desktop_widths_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom_path = dir.path().join("newsroom.db");
    let newsroom = Newsroom::open(
        &newsroom_path,
        Seed::Content,
        datetime!(2026-11-25 09:00 UTC),
    )
    .unwrap();
    let email = newsroom.render(1, Format::Email, Body::Saved).unwrap();
    // Images point at the publication's web address, which tests cannot reach: point
    // them at the newsroom's own copies (same files, same names) instead.
    let web_photos = format!("{}photos/", newsroom.publication().web_base_url);
    assert!(
        email.contains(&web_photos),
        "the sample email has its photo"
    );
    let assets = dir.path().join("newsroom-assets");
    assert!(assets.is_dir(), "no asset folder at {}", assets.display());
    let email = email.replace(&web_photos, &format!("file://{}/", assets.display()));
    let file = dir.path().join("email.html");
    std::fs::write(&file, email).unwrap();
    let url = format!("file://{}", file.display());

    let driver = ChromeDriver::start();
    for width in [375, 600] {
        check_at_width(&driver, &url, width).await;
    }
}
