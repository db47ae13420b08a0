//! What an editor waits for while she writes: the preview and the preflight after a
//! keystroke in a long issue, a save while previews run, and the worst inputs she
//! could paste, up to the 256 KiB an issue may hold. Prints each figure beside its
//! target; `cargo bench -p newsflash-core --bench editing`.
//!
//! The hostile inputs each run in a child process of this benchmark, on a thread
//! with Tauri's 2 MiB stack and with a time limit, so that one that crashes or hangs
//! is reported as such instead of stopping the run.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed benchmark should stop loudly.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{Figure, long_issue_body, millis};
use newsflash_core::{
    Body, Format, IssueDetails, IssueStatus, MAX_ISSUE_BODY_BYTES, NewIssue, Newsroom, Seed,
};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);
const WORDS: usize = 5_000;
/// Tauri runs commands on threads with stacks this small.
const COMMAND_STACK: usize = 2 * 1024 * 1024;
/// A hostile input that takes longer than this is reported as hanging.
const HOSTILE_LIMIT: Duration = Duration::from_secs(20);
const HOSTILE_CASE: &str = "NEWSFLASH_BENCH_HOSTILE_CASE";

fn main() {
    if let Ok(case) = std::env::var(HOSTILE_CASE) {
        run_hostile_case(&case);
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only
    // check that the benchmark runs, with a few runs.
    let full = std::env::args().any(|arg| arg == "--bench");
    // `cargo bench --bench editing -- hostile` measures only the hostile inputs.
    if std::env::args().any(|arg| arg == "hostile") {
        print_hostile_figures(HOSTILE);
        return;
    }
    let runs = if full { 200 } else { 5 };
    let warmups = if full { 20 } else { 1 };

    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    let newsroom =
        Arc::new(Newsroom::open(&dir.path().join("bench.db"), Seed::Content, NOW).unwrap());
    let body = long_issue_body(WORDS);
    let words = body.split_whitespace().count();
    newsroom
        .issues()
        .add(
            &NewIssue {
                number: 10,
                details: IssueDetails {
                    date: date!(2022 - 05 - 05),
                    title: "A long issue".into(),
                    preheader: "Everything that happened, at length".into(),
                },
                status: IssueStatus::Draft,
                body: body.clone(),
            },
            NOW,
        )
        .unwrap();

    let mut results = Vec::new();
    // One character typed near the end of the last article before each run: what
    // the live preview and preflight do on every keystroke.
    let typed = |run: usize| {
        let at = body.len() - 40;
        let at = (at..body.len())
            .find(|i| body.is_char_boundary(*i))
            .unwrap();
        let mut text = body.clone();
        text.insert(at, char::from(b'a' + (run % 26) as u8));
        text
    };
    for (what, format, target) in [
        ("web preview", Some(Format::Web), Duration::from_millis(1)),
        (
            "email preview",
            Some(Format::Email),
            Duration::from_millis(3),
        ),
        (
            "plain-text preview",
            Some(Format::Text),
            Duration::from_millis(3),
        ),
        ("preflight", None, Duration::from_millis(1)),
    ] {
        let mut samples = Vec::with_capacity(runs);
        for run in 0..warmups + runs {
            let text = typed(run);
            let started = Instant::now();
            match format {
                Some(format) => {
                    newsroom.render(10, format, Body::Unsaved(&text)).unwrap();
                }
                None => {
                    newsroom.preflight(10, Body::Unsaved(&text)).unwrap();
                }
            }
            if run >= warmups {
                samples.push(started.elapsed());
            }
        }
        results.push(Figure::percentiles(
            format!("{words} words, one character typed: {what}"),
            samples,
            Some(target),
        ));
    }

    // Every article changed at once (a paste over the whole text): nothing to reuse.
    let mut samples = Vec::with_capacity(runs);
    for run in 0..warmups + runs {
        let text = body.replace("minister", &format!("minister{run}"));
        let started = Instant::now();
        newsroom
            .render(10, Format::Email, Body::Unsaved(&text))
            .unwrap();
        if run >= warmups {
            samples.push(started.elapsed());
        }
    }
    results.push(Figure::percentiles(
        format!("{words} words, every article changed: email preview"),
        samples,
        Some(Duration::from_millis(10)),
    ));

    // Saves while previews and preflights run on other threads, as in the app.
    let busy = Arc::new(AtomicBool::new(true));
    let previewers: Vec<_> = (0..2)
        .map(|thread| {
            let newsroom = Arc::clone(&newsroom);
            let busy = Arc::clone(&busy);
            let text = typed(thread);
            std::thread::spawn(move || {
                while busy.load(Ordering::Relaxed) {
                    newsroom
                        .render(10, Format::Email, Body::Unsaved(&text))
                        .unwrap();
                    newsroom.preflight(10, Body::Unsaved(&text)).unwrap();
                }
            })
        })
        .collect();
    let mut saves = Vec::with_capacity(runs);
    for run in 0..warmups + runs {
        let text = typed(run);
        let version = newsroom.issues().get(10).unwrap().version;
        let started = Instant::now();
        newsroom
            .issues()
            .save_text(10, version, &text, NOW)
            .unwrap();
        if run >= warmups {
            saves.push(started.elapsed());
        }
    }
    busy.store(false, Ordering::Relaxed);
    for previewer in previewers {
        previewer.join().unwrap();
    }
    results.push(Figure::percentiles(
        format!("save ({words} words, FULL sync) while 2 threads preview and check"),
        saves,
        Some(Duration::from_millis(10)),
    ));

    println!();
    println!("newsflash-core: editing ({runs} runs after {warmups} warm-ups)");
    for figure in &results {
        println!("{figure}");
    }

    print_hostile_figures(if full { HOSTILE } else { &HOSTILE[..2] });
}

fn print_hostile_figures(cases: &[HostileCase]) {
    println!();
    println!(
        "Hostile inputs up to {} KiB, each in a child process on a 2 MiB stack: the slowest of save, then web, email, text and preflight each on a newly opened newsroom (as a CLI command is):",
        MAX_ISSUE_BODY_BYTES / 1024
    );
    for (name, _) in cases {
        println!("{}", hostile_figure(name));
    }
}

/// Texts an editor could paste, as (name, maker): each fills the 256 KiB an issue
/// may hold, or is the size at which it used to fail.
/// A hostile input: its name and what makes it.
type HostileCase = (&'static str, fn() -> String);

const HOSTILE: &[HostileCase] = &[
    ("40,000 articles of `# a / b [@k]` (520 KB)", || {
        "# a\n\nb [@k]\n\n".repeat(40_000)
    }),
    ("different articles to the cap", || {
        let mut text = String::new();
        for n in 0.. {
            let article = format!("# Article {n}\n\nText {n} [@source{n}]\n\n");
            if text.len() + article.len() > MAX_ISSUE_BODY_BYTES - 1024 {
                break;
            }
            text.push_str(&article);
        }
        text
    }),
    (
        "the most articles an issue shows, 100, of 3 paragraphs",
        || {
            (0..newsflash_core::MAX_ARTICLES)
                .map(|n| {
                    format!(
                        "# Article {n}\n\n{}\n\n{}\n\n{} [@source{n}]\n\n",
                        "A paragraph of the article, long enough to wrap. ".repeat(4),
                        "And [a link](https://example.org/report) in another one. ".repeat(3),
                        "A last paragraph that cites its source. ".repeat(3)
                    )
                })
                .collect()
        },
    ),
    ("headings only", || fill("## Heading\n\n")),
    ("TK on every line", || fill("A line with TK in it.\n")),
    ("raw HTML lines", || fill("<p>raw <b>html</b> line</p>\n")),
    ("400 `>` (400 bytes)", || ">".repeat(400)),
    ("100 KB of `>`", || ">".repeat(100 * 1024)),
    ("`>` to the cap", || fill(">")),
    ("400 nested <div>s", || "<div>".repeat(400) + "x"),
    ("nested <div>s to the cap", || fill("<div>")),
    ("nested lists to the cap", || {
        let mut text = String::new();
        let mut depth = 0;
        while text.len() < MAX_ISSUE_BODY_BYTES - 2048 {
            text.push_str(&"  ".repeat(depth % 200));
            text.push_str("- item\n");
            depth += 1;
        }
        text
    }),
    ("nested emphasis to the cap", || {
        let half = (MAX_ISSUE_BODY_BYTES - 16) / 4;
        "*_".repeat(half / 2) + "x" + &"_*".repeat(half / 2)
    }),
    ("links and citations to the cap", || {
        fill("See [the report](https://example.org/r) [@reuters, https://example.org/a].\n")
    }),
    ("one long line to the cap", || fill("word ")),
    ("tables to the cap", || {
        fill("| a | b |\n|---|---|\n| 1 | 2 |\n\n")
    }),
    // Tables to the cap are refused: this is the most of them an issue takes.
    ("tables up to the cells an issue may hold", || {
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n".repeat(newsflash_core::MAX_TABLE_CELLS / 4)
    }),
    // Few bars, many cells: rows without a bar get the header's cells.
    ("a table 100 columns wide to the cap", || {
        format!("{}\n{}\n", "a|".repeat(100), "-|".repeat(100)) + &fill("x\n")
    }),
    ("control characters to the cap", || {
        fill("a\u{0b}b\u{1b}c\u{07}\n")
    }),
];

/// `piece` repeated up to the cap.
fn fill(piece: &str) -> String {
    piece.repeat((MAX_ISSUE_BODY_BYTES - 1024) / piece.len())
}

/// Runs one hostile case in a child process and reports its slowest step, or how
/// it failed.
fn hostile_figure(name: &str) -> Figure {
    let exe = std::env::current_exe().unwrap();
    let mut child = std::process::Command::new(exe)
        .env(HOSTILE_CASE, name)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > HOSTILE_LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        use std::io::Read as _;
        stdout.read_to_string(&mut out).unwrap();
    }
    let target = Some(Duration::from_millis(200));
    match status {
        None => Figure {
            what: name.to_owned(),
            shown: format!("hangs (> {})", millis(HOSTILE_LIMIT)),
            measured: HOSTILE_LIMIT,
            target,
            target_name: "",
        },
        Some(status) if !status.success() => Figure {
            what: name.to_owned(),
            shown: format!("crashes ({status})"),
            measured: HOSTILE_LIMIT,
            target,
            target_name: "",
        },
        Some(_) => {
            let (slowest, step) = out.trim().split_once(' ').unwrap_or(("0", "?"));
            let slowest = Duration::from_micros(slowest.parse().unwrap_or(0));
            Figure {
                what: name.to_owned(),
                shown: format!("{} ({step})", millis(slowest)),
                measured: slowest,
                target,
                target_name: "",
            }
        }
    }
}

/// In the child: saves, renders and checks one hostile text on a 2 MiB stack and
/// prints the slowest step as `<microseconds> <step>`. A text refused with an error
/// counts as done (it is refused with one sentence).
fn run_hostile_case(name: &str) {
    let (_, make) = HOSTILE.iter().find(|(case, _)| *case == name).unwrap();
    let text = make();
    let worker = std::thread::Builder::new()
        .stack_size(COMMAND_STACK)
        .spawn(move || {
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
            let newsroom =
                Newsroom::open(&dir.path().join("bench.db"), Seed::Content, NOW).unwrap();
            let mut slowest = (Duration::ZERO, "nothing");
            let mut note = |took: Duration, step: &'static str| {
                if took > slowest.0 {
                    slowest = (took, step);
                }
            };
            let version = newsroom.issues().get(2).unwrap().version;
            let started = Instant::now();
            let _ = newsroom.issues().save_text(2, version, &text, NOW);
            note(started.elapsed(), "save");
            drop(newsroom);
            let cold = || Newsroom::open(&dir.path().join("bench.db"), Seed::Content, NOW).unwrap();
            for (format, step) in [
                (Format::Web, "web"),
                (Format::Email, "email"),
                (Format::Text, "text"),
            ] {
                let newsroom = cold();
                let started = Instant::now();
                let _ = newsroom.render(2, format, Body::Unsaved(&text));
                note(started.elapsed(), step);
            }
            let newsroom = cold();
            let started = Instant::now();
            let _ = newsroom.preflight(2, Body::Unsaved(&text));
            note(started.elapsed(), "preflight");
            slowest
        })
        .unwrap();
    let (took, step) = worker.join().unwrap();
    println!("{} {step}", took.as_micros());
}
