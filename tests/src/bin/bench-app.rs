//! `./x bench-app`: what the release app costs, beside an empty Tauri 2 window with
//! the same tauri (tests/empty-window), printed, never asserted:
//!
//! - SIGKILL during continuous typing at 12 characters a second: characters lost
//!   per trial (typed in the real window through WebDriver, killed at a moment in
//!   the middle of typing, the journal recovered as the next start does);
//! - start: from process spawn to the editor showing the last open issue's text (a
//!   5,000-word issue), by screenshots of the display, beside the empty window's
//!   time to show its text, measured the same way: on a restart (the window shows
//!   the screen it kept at its last end) and with nothing kept (a first start, or
//!   the issue changed since);
//! - memory: PSS summed over the app and its WebKit processes with that issue open,
//!   beside the empty window's, and their private memory (what no other process
//!   shares: PSS also moves with the other WebKit programs running on the machine).
//!
//! Usage: bench-app [--trials N] [--starts N]  (NEWSFLASH_STUDIO_BIN and
//! NEWSFLASH_EMPTY_WINDOW_BIN name the binaries; ./x bench-app builds and sets them.)

#![allow(clippy::unwrap_used)] // A failed step ends the benchmark with its reason.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use newsflash_core::{Newsroom, Seed};
use newsflash_e2e::{
    Kill, app_binary, descendants, letters_lost, signal, type_then_kill, wait_for_exit,
};
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat};

/// Where each program paints the text that counts (the screen is 1280×800 and each
/// window opens at 0,0 at 1280×800): the app's editor pane, and the empty window's
/// page.
const APP_REGION: (i16, i16, u16, u16) = (300, 90, 460, 600);
const EMPTY_REGION: (i16, i16, u16, u16) = (0, 0, 1280, 800);
/// How long a start is watched; the last screenshot is the text as it stays.
const WATCH: Duration = Duration::from_secs(8);

fn main() {
    let mut trials = 20;
    let mut starts = 5;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--trials" => trials = args.next().and_then(|n| n.parse().ok()).unwrap_or(trials),
            "--starts" => starts = args.next().and_then(|n| n.parse().ok()).unwrap_or(starts),
            other => {
                eprintln!("bench-app: unknown argument {other} (try --trials N --starts N)");
                std::process::exit(2);
            }
        }
    }
    let app = app_binary();
    let empty = std::env::var_os("NEWSFLASH_EMPTY_WINDOW_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| app.with_file_name("newsflash-empty-window"));
    println!("app: {}", app.display());
    println!("empty window: {}", empty.display());

    start_and_memory(&app, &empty, starts);
    sigkill_trials(trials);
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

// --- SIGKILL while typing ----------------------------------------------------------

fn sigkill_trials(trials: usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    drop(Newsroom::open(&newsroom, Seed::Content, now()).unwrap());
    let config = tempfile::tempdir().unwrap();
    // A fixed sequence of pseudo-random numbers: the same trials every run.
    let mut seed: u64 = 0x5eed;
    let mut next = move |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let mut lost = Vec::new();
    println!();
    println!("SIGKILL during continuous typing at 12 characters a second, {trials} trials:");
    for trial in 1..=trials {
        let before = Newsroom::open(&newsroom, Seed::Content, now())
            .unwrap()
            .issues()
            .get(2)
            .unwrap()
            .body;
        let keys = 18 + next(30) as usize;
        // Anywhere between two keys (83 ms apart): the next key would have come.
        let moment = Duration::from_millis(next(83));
        let typed = runtime.block_on(type_then_kill(
            &newsroom,
            config.path(),
            keys,
            12.0,
            Kill::AfterLastKey(moment),
        ));
        let reopened = Newsroom::open(&newsroom, Seed::Content, now()).unwrap();
        let recovered = reopened.typing().recover(now()).unwrap();
        let after = reopened.issues().get(2).unwrap().body;
        let missing = letters_lost(&before, &typed, &after);
        let from_journal: u32 = recovered.iter().map(|r| r.characters).sum();
        println!(
            "  trial {trial:2}: {keys} typed, killed {} ms after the last, {from_journal} recovered from the journal, {missing} lost",
            moment.as_millis()
        );
        lost.push(missing);
    }
    let total: usize = lost.iter().sum();
    let worst = lost.iter().max().copied().unwrap_or(0);
    let with_loss = lost.iter().filter(|&&n| n > 0).count();
    println!(
        "  characters lost per trial: at most {worst}, {total} in all, in {with_loss} of {trials} trials (target: at most 1 per trial; before the journal: 11 lost in 3 of 5 trials)"
    );
}

// --- Start and memory --------------------------------------------------------------

/// A newsroom whose last open issue has 5,000 words.
fn newsroom_with_long_issue(path: &Path) {
    let newsroom = Newsroom::open(path, Seed::Content, now()).unwrap();
    let sample = newsroom.issues().get(2).unwrap().body;
    let paragraphs: Vec<&str> = sample
        .split("\n\n")
        .filter(|p| !p.starts_with('#') && !p.trim().is_empty())
        .collect();
    let mut body = String::from("# Five thousand words\n\n");
    let mut words = 0;
    let mut section = 0;
    while words < 5_000 {
        if words / 600 >= section {
            section += 1;
            body.push_str(&format!("## Section {section}\n\n"));
        }
        let paragraph = paragraphs[words % paragraphs.len()];
        words += paragraph.split_whitespace().count();
        body.push_str(paragraph);
        body.push_str("\n\n");
    }
    let issue = newsroom
        .issues()
        .create("Five thousand words", now().date(), now())
        .unwrap();
    newsroom
        .issues()
        .save_text(issue.number, issue.version, &body, now())
        .unwrap();
    newsroom.typing().opened(issue.number, now()).unwrap();
    println!("the open issue: #{} with {words} words", issue.number);
}

struct Screen {
    connection: x11rb::rust_connection::RustConnection,
    root: u32,
}

impl Screen {
    fn open() -> Screen {
        let (connection, screen) = x11rb::connect(None).expect("a display (DISPLAY)");
        let root = connection.setup().roots[screen].root;
        Screen { connection, root }
    }

    fn grab(&self, (x, y, width, height): (i16, i16, u16, u16)) -> Vec<u8> {
        self.connection
            .get_image(ImageFormat::Z_PIXMAP, self.root, x, y, width, height, !0)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .map(|reply| reply.data)
            .unwrap_or_default()
    }
}

/// The share of 4-byte pixels that differ.
fn difference(a: &[u8], b: &[u8]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 1.0;
    }
    let differing = a
        .chunks_exact(4)
        .zip(b.chunks_exact(4))
        .filter(|(p, q)| p[..3] != q[..3])
        .count();
    differing as f64 / (a.len() / 4) as f64
}

/// What one start showed.
struct Start {
    /// From spawn to the first screenshot showing what the window shows at the end.
    shown: Duration,
    /// Of the process and its children then.
    memory: Memory,
    /// The app's own account of its start (its log line), if it gave one.
    account: Option<String>,
}

/// Spawns `program` with `cache` as its cache folder (where the app keeps its first
/// screen; a fresh folder when None), watches `region` until it shows what it shows at
/// the end, and returns the time from spawn to the first screenshot showing that
/// (within 0.2 % of its pixels), the memory then, and the app's log line about its
/// start.
fn one_start(
    screen: &Screen,
    program: &Path,
    args: &[&std::ffi::OsStr],
    region: (i16, i16, u16, u16),
    cache: Option<&Path>,
) -> Option<Start> {
    let config = tempfile::tempdir().unwrap();
    let log = config.path().join("stderr.log");
    let blank = screen.grab(region);
    let spawned = Instant::now();
    let child = Command::new(program)
        .args(args)
        .env("XDG_CONFIG_HOME", config.path())
        .env("XDG_CACHE_HOME", cache.unwrap_or(config.path()))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut frames: Vec<(Duration, Vec<u8>)> = vec![(Duration::ZERO, blank)];
    while spawned.elapsed() < WATCH {
        let frame = screen.grab(region);
        if frames.last().is_none_or(|(_, last)| *last != frame) {
            frames.push((spawned.elapsed(), frame));
        }
    }
    let memory = memory_kib(pid);
    let webkit = descendants(pid);
    signal(pid, "TERM");
    if !wait_for_exit(pid, Duration::from_secs(10)) {
        signal(pid, "KILL");
    }
    let mut child = child;
    let _ = child.wait();
    // The next start is measured on a machine this one has left: WebKit's processes
    // outlive the app for a moment, and their teardown slowed the next start by up
    // to 0.15 s.
    for process in webkit {
        if !wait_for_exit(process, Duration::from_secs(5)) {
            signal(process, "KILL");
        }
    }
    let (_, last) = frames.last()?;
    if difference(&frames[0].1, last) < 0.002 {
        return None; // nothing was painted
    }
    let shown = frames
        .iter()
        .find(|(_, frame)| difference(frame, last) < 0.002)?
        .0;
    let account = std::fs::read_to_string(&log).ok().and_then(|log| {
        log.lines().find_map(|line| {
            line.split_once("the editor showed ")
                .map(|(_, rest)| rest.to_owned())
        })
    });
    Some(Start {
        shown,
        memory,
        account,
    })
}

/// Memory of a process and everything below it, in KiB.
#[derive(Debug, Clone, Copy, Default)]
struct Memory {
    pss: u64,
    /// Pages no other process maps (Private_Clean + Private_Dirty).
    private: u64,
}

fn memory_kib(pid: u32) -> Memory {
    std::iter::once(pid)
        .chain(descendants(pid))
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .fold(Memory::default(), |sum, rollup| Memory {
            pss: sum.pss + rollup_kib(&rollup, "Pss:"),
            private: sum.private
                + rollup_kib(&rollup, "Private_Clean:")
                + rollup_kib(&rollup, "Private_Dirty:"),
        })
}

fn rollup_kib(rollup: &str, field: &str) -> u64 {
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// What one program showed over the runs.
#[derive(Default)]
struct Measured {
    ms: Vec<f64>,
    mib: Vec<f64>,
    private: Vec<f64>,
}

fn start_and_memory(app: &Path, empty: &Path, starts: usize) {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = dir.path().join("newsroom.db");
    newsroom_with_long_issue(&newsroom);
    // The restart an editor makes: the app's cache folder keeps the first screen the
    // window kept at its last end (each start ends with SIGTERM, as a logout does).
    let kept_cache = dir.path().join("cache");
    let screen = Screen::open();
    let app_args = [std::ffi::OsStr::new("--newsroom"), newsroom.as_os_str()];
    let programs = [
        (
            "app",
            app,
            &app_args[..],
            APP_REGION,
            Some(kept_cache.as_path()),
        ),
        ("app, none kept", app, &app_args[..], APP_REGION, None),
        ("empty window", empty, &[][..], EMPTY_REGION, None),
    ];
    let mut measured: Vec<Measured> = programs.iter().map(|_| Measured::default()).collect();
    // Each run's app starts beside the empty window's just after them: the load of
    // the other sessions on the machine drifts over a benchmark and moves all alike.
    let mut paired: Vec<Vec<f64>> = vec![vec![], vec![]];
    let mut failed = 0;
    println!();
    println!(
        "start (spawn to text on screen) and PSS, {starts} interleaved runs each (the app's first \
         run keeps the screen its next runs show):"
    );
    for run in 0..=starts {
        let mut this_run = [None; 3];
        for (index, (name, program, args, region, cache)) in programs.iter().enumerate() {
            if run == 0 && index > 0 {
                continue; // run 0 only keeps a first screen for the runs that follow
            }
            // A start that dies at once (GTK under a busy display) is tried again.
            let mut start = None;
            for _ in 0..3 {
                start = one_start(&screen, program, args, *region, *cache);
                if start.is_some() {
                    break;
                }
                failed += 1;
            }
            let Some(Start {
                shown,
                memory,
                account,
            }) = start
            else {
                println!("  run {run} {name}: never showed its text");
                continue;
            };
            if run == 0 {
                continue;
            }
            let ms = shown.as_secs_f64() * 1000.0;
            let mib = memory.pss as f64 / 1024.0;
            let private = memory.private as f64 / 1024.0;
            println!(
                "  run {run} {name:14}: text at {ms:4.0} ms, PSS {mib:5.1} MiB, private {private:5.1} MiB"
            );
            if let Some(account) = account {
                // Counted from the first line of main, not from spawn: the loading of
                // the libraries before it (about 80 ms here) is not in it.
                println!("    its log: {account}");
            }
            this_run[index] = Some(ms);
            measured[index].ms.push(ms);
            measured[index].mib.push(mib);
            measured[index].private.push(private);
        }
        if let Some(empty) = this_run[2] {
            for (gaps, app) in paired.iter_mut().zip(this_run) {
                if let Some(app) = app {
                    gaps.push(app - empty);
                }
            }
        }
    }
    let empty = &measured[2];
    let (e, em, ep) = (
        median(empty.ms.clone()),
        median(empty.mib.clone()),
        median(empty.private.clone()),
    );
    for ((name, ..), (program, gaps)) in programs.iter().zip(measured.iter().zip(&paired)) {
        let a = median(program.ms.clone());
        println!(
            "  start, medians: {name} {a:.0} ms, empty window {e:.0} ms: {:+.0} ms (target: at most +100 ms; before: +300 ms)",
            a - e
        );
        println!(
            "    each run beside the empty window's: {}; median {:+.0} ms",
            gaps.iter()
                .map(|gap| format!("{gap:+.0}"))
                .collect::<Vec<_>>()
                .join(", "),
            median(gaps.clone())
        );
    }
    let (am, ap) = (
        median(measured[0].mib.clone()),
        median(measured[0].private.clone()),
    );
    println!(
        "  PSS, medians: app {am:.1} MiB, empty window {em:.1} MiB: +{:.1} MiB (target: at most +40 MB; before: +56 MiB, 251 vs 195)",
        am - em
    );
    println!(
        "  private, medians: app {ap:.1} MiB, empty window {ep:.1} MiB: +{:.1} MiB",
        ap - ep
    );
    if failed > 0 {
        println!("  ({failed} starts showed nothing and were tried again)");
    }
}
