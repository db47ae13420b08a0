//! How fast an issue becomes what readers receive, and how our email pipeline
//! (mrml and css-inline) compares with mjml and juice on Node on the same MJML.
//! Prints each figure beside its target; `cargo bench -p newsflash-core --bench publishing`.
//!
//! The Node side needs its packages once: `cd bench/email-node && npm ci`. Without
//! them that one comparison is skipped (and says so).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed benchmark should stop loudly.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Figure, long_issue_body, millis, percentile};
use newsflash_core::{
    Body, Format, IssueDetails, IssueStatus, NewIssue, Newsroom, Seed, email_html_from_mjml,
};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const WARMUPS: usize = 20;
const RUNS: usize = 200;
const LONG_ISSUE_WORDS: usize = 5_000;
const NOW: OffsetDateTime = datetime!(2026-11-25 09:00 UTC);

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only
    // check that the benchmark runs, with a few runs and no Node.
    let full = std::env::args().any(|arg| arg == "--bench");
    let (warmups, runs) = if full { (WARMUPS, RUNS) } else { (1, 5) };
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temporary folder");
    let newsroom = Newsroom::open(&dir.path().join("bench.db"), Seed::Content, NOW).unwrap();
    let mut results = Vec::new();

    // (a) Every output of the sample issue.
    let mut web = Vec::with_capacity(runs);
    let mut email = Vec::with_capacity(runs);
    let mut text = Vec::with_capacity(runs);
    let mut eml = Vec::with_capacity(runs);
    let mut total = Vec::with_capacity(runs);
    for run in 0..warmups + runs {
        let started = Instant::now();
        let page = newsroom.render(1, Format::Web, Body::Saved).unwrap();
        let web_took = started.elapsed();
        let mail = newsroom.render(1, Format::Email, Body::Saved).unwrap();
        let email_took = started.elapsed();
        let plain = newsroom.render(1, Format::Text, Body::Saved).unwrap();
        let text_took = started.elapsed();
        let draft = newsroom.render(1, Format::Eml, Body::Saved).unwrap();
        let all_took = started.elapsed();
        assert!(
            page.len() > 1_000 && mail.len() > 1_000 && plain.len() > 1_000 && draft.len() > 1_000
        );
        if run >= warmups {
            web.push(web_took);
            email.push(email_took - web_took);
            text.push(text_took - email_took);
            eml.push(all_took - text_took);
            total.push(all_took);
        }
    }
    results.push(Figure::percentiles(
        "sample issue: web page".into(),
        web,
        None,
    ));
    results.push(Figure::percentiles(
        "sample issue: email (MJML, mrml, css-inline)".into(),
        email,
        None,
    ));
    results.push(Figure::percentiles(
        "sample issue: plain text".into(),
        text,
        None,
    ));
    results.push(Figure::percentiles(
        "sample issue: .eml (renders email and text again)".into(),
        eml,
        None,
    ));
    results.push(Figure::percentiles(
        "sample issue: all four outputs".into(),
        total,
        Some(Duration::from_millis(20)),
    ));

    // (b) A long issue's email.
    let body = long_issue_body(LONG_ISSUE_WORDS);
    let words = body.split_whitespace().count();
    newsroom
        .issues()
        .add(
            &NewIssue {
                number: 2,
                details: IssueDetails {
                    date: date!(2022 - 02 - 10),
                    title: "A long issue".into(),
                    preheader: "Everything that happened, at length".into(),
                },
                status: IssueStatus::Draft,
                body,
            },
            NOW,
        )
        .unwrap();
    let mut long_email = Vec::with_capacity(runs);
    for run in 0..warmups + runs {
        let started = Instant::now();
        let mail = newsroom.render(2, Format::Email, Body::Saved).unwrap();
        if run >= warmups {
            long_email.push(started.elapsed());
        }
        assert!(mail.len() > 20_000);
    }
    results.push(Figure::percentiles(
        format!("{words}-word issue: email"),
        long_email,
        Some(Duration::from_millis(10)),
    ));

    // (c) The same MJML through both pipelines.
    let mjml = newsroom.render_email_mjml(1).unwrap();
    let mjml_file = dir.path().join("sample-issue.mjml");
    std::fs::write(&mjml_file, &mjml).unwrap();
    let mut ours = Vec::with_capacity(runs);
    let mut our_bytes = 0;
    for run in 0..warmups + runs {
        let started = Instant::now();
        let html = email_html_from_mjml("sample-issue.mjml", &mjml).unwrap();
        if run >= warmups {
            ours.push(started.elapsed());
        }
        our_bytes = html.len();
    }
    ours.sort();
    let (our_p50, our_p95) = (percentile(&ours, 50), percentile(&ours, 95));
    let node = if full {
        node_pipeline(&mjml_file)
    } else {
        Err("(a small run: `cargo bench` runs Node too)".into())
    };

    println!();
    println!("newsflash-core: publishing");
    for figure in &results {
        println!("{figure}");
    }
    println!();
    println!(
        "Same MJML ({:.1} KB, render_email_mjml(1)), in-process, {warmups} warm-ups then {runs} runs:",
        mjml.len() as f64 / 1e3
    );
    println!(
        "  {:<40} p50 {:>8}, p95 {:>8}   ({:.1} KB out)",
        "mrml 6 + css-inline 0.23 (Rust)",
        millis(our_p50),
        millis(our_p95),
        our_bytes as f64 / 1e3
    );
    match node {
        Ok(node) => {
            println!(
                "  {:<40} p50 {:>8}, p95 {:>8}   ({:.1} KB out)",
                format!(
                    "mjml {} + juice {} ({})",
                    node.mjml, node.juice, node.runtime
                ),
                millis(node.p50),
                millis(node.p95),
                node.bytes as f64 / 1e3
            );
            let ratio = node.p50.as_secs_f64() / our_p50.as_secs_f64();
            let ratio95 = node.p95.as_secs_f64() / our_p95.as_secs_f64();
            println!(
                "  {:<40} {:>12.1}x at p50, {:.1}x at p95   target >= 10x   {}",
                "ours faster by",
                ratio,
                ratio95,
                if ratio >= 10.0 { "met" } else { "MISSED" }
            );
        }
        Err(why) => println!("  {why}"),
    }
    if !full {
        println!("(a small run: `cargo bench` runs {RUNS} runs after {WARMUPS} warm-ups)");
    }
}

struct NodeFigures {
    p50: Duration,
    p95: Duration,
    bytes: u64,
    mjml: String,
    juice: String,
    runtime: String,
}

/// Runs bench/email-node/bench.mjs on `mjml_file`, or says why it cannot.
fn node_pipeline(mjml_file: &Path) -> Result<NodeFigures, String> {
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/email-node");
    if !project.join("node_modules").is_dir() {
        return Err(
            "mjml + juice skipped: install them once with `cd bench/email-node && npm ci`".into(),
        );
    }
    let output = Command::new("node")
        .arg(project.join("bench.mjs"))
        .arg(mjml_file)
        .output()
        .map_err(|error| format!("mjml + juice skipped: could not run node ({error})"))?;
    if !output.status.success() {
        return Err(format!(
            "mjml + juice failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let figures: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("mjml + juice printed no JSON ({error})"))?;
    let ms = |name: &str| {
        figures[name]
            .as_f64()
            .map(|ms| Duration::from_secs_f64(ms / 1e3))
            .ok_or_else(|| format!("mjml + juice printed no {name}: {figures}"))
    };
    let version = |package: &str| {
        std::fs::read_to_string(project.join(format!("node_modules/{package}/package.json")))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|json| json["version"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "?".into())
    };
    let runtime = Command::new("node")
        .arg("--version")
        .output()
        .map(|output| format!("Node {}", String::from_utf8_lossy(&output.stdout).trim()))
        .unwrap_or_else(|_| "Node".into());
    Ok(NodeFigures {
        p50: ms("p50")?,
        p95: ms("p95")?,
        bytes: figures["bytes"].as_u64().unwrap_or(0),
        mjml: version("mjml"),
        juice: version("juice"),
        runtime,
    })
}
