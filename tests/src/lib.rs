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
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// How long the UI may take to show something before a test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// How long opening one WebDriver session may take before it is asked for again:
/// WebKitWebDriver answers within seconds, but never when the display has gone.
const SESSION_TIMEOUT: Duration = Duration::from_secs(90);

/// How long one driver (one test's app) may run before the whole run is ended: a
/// test that waits on something that never answers must fail the run, not hold CI
/// until its own limit kills it without a word about which test it was.
/// `NEWSFLASH_E2E_DRIVER_LIMIT` (seconds) sets another, for the watchdog's own test.
fn driver_limit() -> Duration {
    std::env::var("NEWSFLASH_E2E_DRIVER_LIMIT")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .map_or(Duration::from_secs(600), Duration::from_secs)
}

static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How the app under test draws its window on Linux (window.rs).
#[derive(Debug, Clone, Copy)]
enum Layers {
    /// With WebKit's GL layers: WebKitWebDriver's screenshots never finish in a
    /// window drawn without them. `NEWSFLASH_GPU_LAYERS` set for the test run wins.
    Test,
    /// Without them, as the installed app draws it. Under Xvfb's software GL each
    /// layer is drawn by the CPU: typing in the 5,000-word issue took 100 ms to the
    /// preview and 30 ms to the paint at the median with them, 34 and 10 without.
    Installed,
}

impl Layers {
    fn setting(self) -> String {
        match self {
            Layers::Test => {
                std::env::var("NEWSFLASH_GPU_LAYERS").unwrap_or_else(|_| "1".to_owned())
            }
            Layers::Installed => "0".to_owned(),
        }
    }
}

/// A running `tauri-driver`, killed when dropped.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    port: u16,
    /// Dropped with the driver, which ends its watchdog (see [`watch`]).
    _watchdog: mpsc::Sender<()>,
    _exclusive: MutexGuard<'static, ()>,
    /// The app's configuration folder (where the window's size and position are
    /// kept), when the driver made one of its own.
    _config: Option<tempfile::TempDir>,
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
    /// Starts `tauri-driver` and waits until it accepts connections. The app gets a
    /// configuration folder of its own (its window size and position), so tests do
    /// not see each other's.
    pub fn start() -> Driver {
        Driver::start_in_own_folder(Layers::Test)
    }

    /// Starts `tauri-driver` as [`Driver::start`] does, with the window drawn as the
    /// installed app draws it on Linux, without WebKit's GL layers: for a test that
    /// measures what an editor sees. WebDriver's screenshots never finish then.
    pub fn start_drawn_as_installed() -> Driver {
        Driver::start_in_own_folder(Layers::Installed)
    }

    fn start_in_own_folder(layers: Layers) -> Driver {
        let config = tempfile::tempdir().expect("a temporary configuration folder");
        let mut driver = Driver::start_writing_log(config.path(), Stdio::inherit(), layers);
        driver._config = Some(config);
        driver
    }

    /// Starts `tauri-driver`, the app keeping its configuration in `config` (as
    /// `XDG_CONFIG_HOME`): a test that restarts the app passes the same folder.
    pub fn start_with_config(config: &Path) -> Driver {
        Driver::start_writing_log(config, Stdio::inherit(), Layers::Test)
    }

    /// Starts `tauri-driver` as [`Driver::start_with_config`] does, with what it and the
    /// app write to stderr (the app's log) going to the file `log` instead: a test that
    /// reads what the app did.
    pub fn start_with_log(config: &Path, log: &Path) -> Driver {
        let file = std::fs::File::create(log).expect("create the app's log file");
        Driver::start_writing_log(config, Stdio::from(file), Layers::Test)
    }

    fn start_writing_log(config: &Path, stderr: Stdio, layers: Layers) -> Driver {
        let exclusive = ONE_APP_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        require(
            std::env::var_os("DISPLAY").is_some(),
            "a display (DISPLAY, e.g. Xvfb)",
        );
        // Without a display the app cannot open a window and WebKitWebDriver never
        // answers: say so at once rather than waiting out every session.
        let display = display_state();
        assert!(display.is_empty(), "no window can open: {display}");
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
            .env("XDG_CONFIG_HOME", config)
            // The first screen the window keeps (first_screen.rs) stays in the test's
            // folder too.
            .env("XDG_CACHE_HOME", config)
            .env("NEWSFLASH_GPU_LAYERS", layers.setting())
            .stdout(Stdio::null())
            .stderr(stderr)
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
        let watchdog = watch(child.id());
        Driver {
            child,
            port,
            _watchdog: watchdog,
            _exclusive: exclusive,
            _config: None,
        }
    }

    /// The process id of the app this driver opened on `newsroom`, once it runs.
    /// (WebKitWebDriver detaches the app: it is no child of the driver.)
    pub fn app_pid(&self, newsroom: &Path) -> Option<u32> {
        app_pid(newsroom)
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
        // Under load the driver now and then drops the first answer ("incomplete
        // message"), and a session can hang: a session that failed to open is asked
        // for again, twice.
        let address = format!("http://127.0.0.1:{}", self.port);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut builder =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            builder.capabilities(capabilities.clone());
            let connecting = builder.connect(&address);
            let failure = match tokio::time::timeout(SESSION_TIMEOUT, connecting).await {
                Ok(Ok(client)) => return client,
                Ok(Err(error)) => error.to_string(),
                Err(_) => format!("no answer in {} s", SESSION_TIMEOUT.as_secs()),
            };
            if let Some(pid) = app_pid(newsroom) {
                kill_now(&[pid]);
                wait_for_exit(pid, Duration::from_secs(10));
            }
            let display = display_state();
            if attempt == 3 || !display.is_empty() {
                panic!(
                    "could not open a WebDriver session on the app: {}",
                    joined(&[&failure, &display])
                );
            }
            eprintln!("opening a WebDriver session failed ({failure}); trying again");
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }
}

/// What a failure to reach the app should add about the display: nothing while it
/// answers, and that it has gone when it does not (then no window can open).
fn display_state() -> String {
    let asked = Command::new("xdotool")
        .arg("getdisplaygeometry")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match asked {
        // Without xdotool nothing is known about the display.
        Err(_) => String::new(),
        Ok(status) if status.success() => String::new(),
        Ok(_) => format!(
            "the display {} does not answer (has Xvfb ended?)",
            std::env::var("DISPLAY").unwrap_or_default()
        ),
    }
}

/// The parts that say something, joined by "; ".
fn joined(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("; ")
}

/// Starts the watchdog of the driver `driver` (its process id) and returns what
/// keeps it waiting: when that is dropped in time the watchdog ends quietly; after
/// [`driver_limit`] it names the test, kills the driver and every app under test,
/// and ends the test run with a failure.
fn watch(driver: u32) -> mpsc::Sender<()> {
    let (keep, limit) = mpsc::channel::<()>();
    // libtest names a test's thread after the test.
    let test = match std::thread::current().name() {
        Some(name) if name != "main" => name.to_owned(),
        _ => "a test".to_owned(),
    };
    let most = driver_limit();
    std::thread::spawn(move || {
        if limit.recv_timeout(most) != Err(mpsc::RecvTimeoutError::Timeout) {
            return;
        }
        let ran_over = format!(
            "{test} ran over {} s with the app open, so the run ends here",
            most.as_secs()
        );
        eprintln!("{}", joined(&[&ran_over, &display_state()]));
        // The driver's WebKitWebDriver too, which would outlive it holding the
        // run's output open; the app is detached from both.
        let mut ended = descendants(driver);
        ended.push(driver);
        ended.extend(running(&app_binary()));
        kill_now(&ended);
        std::process::exit(101);
    });
    keep
}

/// SIGKILLs `pids`, those of them still there: unlike [`signal_together`] it never
/// fails, for clearing up after a failure (a panic in the watchdog would leave the
/// run hanging).
fn kill_now(pids: &[u32]) {
    let _ = Command::new("kill")
        .arg("-KILL")
        .args(pids.iter().map(u32::to_string))
        .stderr(Stdio::null())
        .status();
}

/// The processes whose program is `binary`.
fn running(binary: &Path) -> Vec<u32> {
    let Ok(binary) = std::fs::canonicalize(binary) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary))
        .collect()
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

/// Waits for the element `css` to appear, then clicks it.
pub async fn click(client: &Client, css: &str) {
    find(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|error| panic!("could not click {css}: {error}"));
}

/// Replaces the text of the input `css` with `text`, as typed.
pub async fn fill(client: &Client, css: &str, text: &str) {
    let input = find(client, css).await;
    input
        .clear()
        .await
        .unwrap_or_else(|error| panic!("could not clear {css}: {error}"));
    input
        .send_keys(text)
        .await
        .unwrap_or_else(|error| panic!("could not type into {css}: {error}"));
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

/// The process id of the app (the binary under test) running on `newsroom`.
pub fn app_pid(newsroom: &Path) -> Option<u32> {
    let wanted = newsroom.as_os_str().as_encoded_bytes();
    running(&app_binary()).into_iter().find(|pid| {
        std::fs::read(format!("/proc/{pid}/cmdline"))
            .is_ok_and(|line| line.split(|byte| *byte == 0).any(|arg| arg == wanted))
    })
}

/// The parent of process `pid`, from `/proc/PID/stat`.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name in parentheses may hold spaces: the fields after it are plain.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// Every process below `root`, children before grandchildren.
pub fn descendants(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let all: Vec<(u32, u32)> = entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, parent_of(pid)?)))
        .collect();
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            all.iter()
                .filter(|(_, of)| *of == parent)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    found.remove(0);
    found
}

/// Sends `signal` (`KILL`, `TERM`, ...) to process `pid`, one we started.
pub fn signal(pid: u32, signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(pid.to_string())
        .status()
        .expect("kill is on PATH");
    assert!(status.success(), "kill -{signal} {pid} failed");
}

/// Sends `signal` to the processes `pids` at once, in one `kill`: as a logout sends
/// SIGTERM to every process of the session, or Ctrl+C SIGINT to a terminal's group.
pub fn signal_together(pids: &[u32], signal: &str) {
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .args(pids.iter().map(u32::to_string))
        .status()
        .expect("kill is on PATH");
    assert!(status.success(), "kill -{signal} {pids:?} failed");
}

/// Waits until process `pid` has ended (or is a zombie nobody reaps), at most `limit`.
pub fn wait_for_exit(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => return true,
            Ok(stat)
                if stat
                    .rsplit(')')
                    .next()
                    .is_some_and(|rest| rest.trim_start().starts_with('Z')) =>
            {
                return true;
            }
            Ok(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    false
}

/// What one SIGKILL-while-typing trial typed, before the kill.
#[derive(Debug, Clone)]
pub struct Typed {
    /// The letters sent to the editor, in order, at the end of the text.
    pub letters: String,
}

/// When [`type_then_kill`] kills the app.
#[derive(Debug, Clone, Copy)]
pub enum Kill {
    /// This long after the last key was sent, as if in the middle of typing.
    AfterLastKey(Duration),
    /// This long after the save indicator shows unsaved changes (typing on until it
    /// does): what the autosave has not saved yet is only in the journal.
    WhileUnsaved(Duration),
}

/// Opens the app on `newsroom` (configuration in `config`), types `keys` letters at
/// the end of the open issue's text at `per_second`, and SIGKILLs the app as `kill`
/// says. The app is gone when this returns; what it kept is in the newsroom.
pub async fn type_then_kill(
    newsroom: &Path,
    config: &Path,
    keys: usize,
    per_second: f64,
    kill: Kill,
) -> Typed {
    let driver = Driver::start_with_config(config);
    let app = driver.open_app(newsroom).await;
    let editor = find(&app, "[data-testid=editor] .cm-content").await;
    editor.click().await.expect("click the editor");
    let end = format!(
        "{}{}",
        fantoccini::key::Key::Control,
        fantoccini::key::Key::End
    );
    editor.send_keys(&end).await.expect("go to the end");
    let period = Duration::from_secs_f64(1.0 / per_second);
    let mut letters = String::new();
    let started = Instant::now();
    let mut index = 0;
    loop {
        let letter = char::from(b'a' + (index % 26) as u8);
        editor
            .send_keys(&letter.to_string())
            .await
            .expect("type a letter");
        letters.push(letter);
        index += 1;
        if index >= keys {
            match kill {
                Kill::AfterLastKey(wait) => {
                    tokio::time::sleep(wait).await;
                    break;
                }
                Kill::WhileUnsaved(wait) => {
                    // Still unsaved after the wait: a save that began meanwhile (the
                    // autosave saves at least once a second while she types) would
                    // leave the journal nothing to recover, so then type on.
                    if save_status(&app).await.starts_with("Unsaved") {
                        tokio::time::sleep(wait).await;
                        if save_status(&app).await.starts_with("Unsaved") {
                            break;
                        }
                    }
                    assert!(
                        index < keys + 100,
                        "the save indicator never showed unsaved changes"
                    );
                }
            }
        }
        let next = started + period * u32::try_from(index).unwrap_or(u32::MAX);
        tokio::time::sleep(next.saturating_duration_since(Instant::now())).await;
    }
    let pid = app_pid(newsroom).expect("the app's process");
    signal(pid, "KILL");
    assert!(
        wait_for_exit(pid, Duration::from_secs(10)),
        "the app outlived SIGKILL"
    );
    // The session's browser is gone; ending it tells WebKitWebDriver so.
    let _ = app.close().await;
    drop(driver);
    Typed { letters }
}

/// What the save indicator says ("Saved", "Unsaved changes", …); empty when absent.
async fn save_status(app: &Client) -> String {
    match app.find(Locator::Css("[data-testid=save-status]")).await {
        Ok(status) => text_of(&status).await,
        Err(_) => String::new(),
    }
}

/// How many of the letters typed at the end of `before` are missing from `after`;
/// panics when `after` is not `before` followed by the first of them.
pub fn letters_lost(before: &str, typed: &Typed, after: &str) -> usize {
    let kept = after
        .strip_prefix(before)
        .unwrap_or_else(|| panic!("the issue's text changed elsewhere than at its end: {after:?}"));
    assert!(
        typed.letters.starts_with(kept),
        "the text kept ({kept:?}) is not what was typed ({:?})",
        typed.letters
    );
    typed.letters.len() - kept.len()
}

/// The title of the visible window of process `pid`, as the window manager and the
/// task bar see it (xdotool). WebDriver's title is the page's, not the window's.
pub fn window_title(pid: u32) -> String {
    let found = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
        .output();
    require(found.is_ok(), "xdotool on PATH (apt-get install xdotool)");
    let found = found.expect("checked above");
    for window in String::from_utf8_lossy(&found.stdout).split_whitespace() {
        if let Ok(name) = Command::new("xdotool")
            .args(["getwindowname", window])
            .output()
        {
            let name = String::from_utf8_lossy(&name.stdout).trim().to_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    String::new()
}
