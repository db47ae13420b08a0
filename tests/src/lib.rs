//! Harness for end-to-end tests of the real app: a fresh `tauri-driver` per test
//! (WebKitWebDriver allows one session at a time, and a leaked session breaks every
//! later one), a plain W3C session that opens `newsflash-studio` on a newsroom of
//! the test's own, and helpers that wait for the UI instead of sleeping.
//!
//! Needs a display (`DISPLAY`, e.g. Xvfb), `tauri-driver` and `WebKitWebDriver` on
//! PATH and the built app; `./x test` provides all of them.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long the UI may take to show something before a test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A running `tauri-driver`, killed when dropped.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
    _exclusive: MutexGuard<'static, ()>,
}

/// The app binary under test: `NEWSFLASH_STUDIO_BIN`, else the debug build in the
/// workspace's target folder.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("NEWSFLASH_STUDIO_BIN") {
        return PathBuf::from(path);
    }
    debug_binary("newsflash-studio")
}

/// The `newsflash` command line, as `cargo build -p newsflash-cli` leaves it (./x test
/// builds it before these tests).
pub fn cli_binary() -> PathBuf {
    debug_binary("newsflash")
}

fn debug_binary(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug").join(name)
}

fn require(condition: bool, what: &str) {
    assert!(
        condition,
        "end-to-end tests need {what}; run them with `./x test`, which sets everything up"
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("no free local port")
}

impl Driver {
    /// Starts `tauri-driver` and waits until it accepts connections.
    pub fn start() -> Driver {
        let exclusive = ONE_APP_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        require(
            std::env::var_os("DISPLAY").is_some(),
            "a display (DISPLAY, e.g. Xvfb)",
        );
        require(
            app_binary().is_file(),
            "the built app (cargo build -p newsflash-studio)",
        );
        let port = free_port();
        let native_port = free_port();
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn();
        require(
            child.is_ok(),
            "tauri-driver on PATH (cargo install tauri-driver --locked)",
        );
        let mut child = child.expect("checked above");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "tauri-driver exited at start ({status}); is WebKitWebDriver installed (webkit2gtk-driver)?"
                );
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start listening on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            child,
            port,
            _exclusive: exclusive,
        }
    }

    /// Opens the app on the newsroom at `newsroom`.
    pub async fn open_app(&self, newsroom: &Path) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({
                "application": app_binary(),
                "args": ["--newsroom", newsroom],
            }),
        );
        // Under load a start now and then dies before the session answers (the
        // connection closes, "IncompleteMessage"); a second try starts afresh.
        let mut tries = 0;
        loop {
            tries += 1;
            match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{}", self.port))
                .await
            {
                Ok(client) => return client,
                Err(error) if tries < 3 => {
                    eprintln!("starting the app failed ({error}); trying again");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(error) => panic!("could not open a WebDriver session on the app: {error}"),
            }
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SIGTERM first: tauri-driver then stops its WebKitWebDriver too, which a
        // SIGKILL would leave running.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the element `css` to appear.
pub async fn find(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("{css} did not appear: {error}"))
}

/// The text of an element as the DOM holds it. (WebKitWebDriver's "element text"
/// answered "" for some visible elements here, so this reads `textContent`.)
pub async fn text_of(element: &Element) -> String {
    element
        .prop("textContent")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Waits until the text of `css` satisfies `accept`, returning it.
pub async fn wait_for_text(client: &Client, css: &str, accept: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + UI_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            let text = text_of(&element).await;
            if accept(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed the expected text; last seen: {last:?}");
}

/// Ends the session (which closes the app). Always call it: a leaked session blocks
/// the next one.
pub async fn quit(client: Client) {
    client
        .close()
        .await
        .expect("could not end the WebDriver session");
}

/// Where tests keep screenshots for people to look at.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/artifacts");
    dir
}

/// The windows on the display whose name is `name` (xdotool): a native dialog
/// the app opened.
fn windows_named(name: &str) -> Vec<String> {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", &format!("^{name}$")])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn xdotool(args: &[&str]) {
    let status = Command::new("xdotool").args(args).status();
    require(
        status.is_ok_and(|status| status.success()),
        "xdotool (apt-get install xdotool), to answer the app's native dialogs",
    );
}

/// Waits for the native dialog titled `title` and gives it `keys` (xdotool key
/// names, typed in order after `text`, if any): how a test answers a file chooser
/// or a yes/no question, which WebDriver cannot reach.
pub async fn answer_native_dialog(title: &str, text: Option<&str>, keys: &[&str]) {
    let deadline = Instant::now() + UI_TIMEOUT;
    let window = loop {
        if let Some(window) = windows_named(title).pop() {
            break window;
        }
        assert!(
            Instant::now() < deadline,
            "the dialog {title:?} did not open"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // GTK maps the dialog before it takes keys.
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["windowfocus", "--sync", &window]);
    if let Some(text) = text {
        xdotool(&["key", "--window", &window, "ctrl+l"]);
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["type", "--delay", "20", text]);
    }
    for key in keys {
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["key", key]);
    }
    let deadline = Instant::now() + UI_TIMEOUT;
    while !windows_named(title).is_empty() {
        assert!(
            Instant::now() < deadline,
            "the dialog {title:?} did not close"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
