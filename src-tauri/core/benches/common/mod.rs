//! What the benchmarks share: figures with percentiles beside their targets, and
//! the long issue they render.

#![allow(dead_code)] // Each benchmark uses its own part of this.

use std::fmt::Write as _;
use std::time::Duration;

/// One line of the report: what was measured, the figure, and its target if any.
pub struct Figure {
    pub what: String,
    pub shown: String,
    pub measured: Duration,
    pub target: Option<Duration>,
    pub target_name: &'static str,
}

impl Figure {
    /// One measurement.
    pub fn single(what: String, took: Duration, target: Option<Duration>) -> Self {
        Figure {
            what,
            shown: millis(took),
            measured: took,
            target,
            target_name: "",
        }
    }

    /// The median and 95th percentile of `samples`, judged by the 95th.
    pub fn percentiles(what: String, mut samples: Vec<Duration>, target: Option<Duration>) -> Self {
        samples.sort();
        let p50 = percentile(&samples, 50);
        let p95 = percentile(&samples, 95);
        Figure {
            what,
            shown: format!("p50 {}, p95 {}", millis(p50), millis(p95)),
            measured: p95,
            target,
            target_name: "p95 ",
        }
    }

    /// The median of `samples`.
    pub fn median(what: String, mut samples: Vec<Duration>, target: Option<Duration>) -> Self {
        samples.sort();
        let median = percentile(&samples, 50);
        Figure {
            what,
            shown: millis(median),
            measured: median,
            target,
            target_name: "",
        }
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "  {:<58} {:>24}", self.what, self.shown)?;
        if let Some(target) = self.target {
            write!(
                f,
                "   target {}<= {:<8} {}",
                self.target_name,
                millis(target),
                if self.measured <= target {
                    "met"
                } else {
                    "MISSED"
                }
            )?;
        }
        Ok(())
    }
}

/// The `percent`th percentile of sorted samples.
pub fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let index = (sorted.len() * percent).div_ceil(100).saturating_sub(1);
    sorted[index.min(sorted.len() - 1)]
}

/// `0.42 ms`, `12.3 ms`, `1.25 s`.
pub fn millis(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1e3;
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

/// An issue of about `words` words: articles with headings, paragraphs, a list,
/// a quotation, links and citations, like an editor's. The same text on every run.
pub fn long_issue_body(words: usize) -> String {
    let mut random = 0x5EED_CAFE_F00D_BEEF_u64;
    let mut next = move |n: usize| {
        random ^= random >> 12;
        random ^= random << 25;
        random ^= random >> 27;
        (random.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    };
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
        "water",
        "supplies",
        "remain",
        "limited",
        "according",
        "to",
        "a",
        "report",
        "published",
        "by",
        "researchers",
        "who",
        "measured",
        "the",
        "eruption",
        "from",
        "satellites",
    ];
    const SOURCES: &[&str] = &["reuters", "ap", "bbc", "hrw", "unocha", "guardian"];
    let mut body = String::new();
    let mut count = 0;
    let mut article = 0;
    while count < words {
        article += 1;
        writeln!(body, "# Article {article}: what changed this week\n").unwrap();
        for paragraph in 0..6 {
            let length = 50 + next(30);
            let mut sentence_start = true;
            for i in 0..length {
                let word = WORDS[next(WORDS.len())];
                if sentence_start {
                    let mut chars = word.chars();
                    let first = chars.next().unwrap().to_uppercase();
                    write!(body, "{first}{}", chars.as_str()).unwrap();
                    sentence_start = false;
                } else if i % 17 == 5 {
                    write!(body, "[{word}](https://example.org/{article}/{i})").unwrap();
                } else if i % 23 == 7 {
                    write!(body, "*{word}*").unwrap();
                } else {
                    body.push_str(word);
                }
                if i % 13 == 12 {
                    body.push('.');
                    sentence_start = true;
                }
                body.push(' ');
            }
            count += length;
            let source = SOURCES[next(SOURCES.len())];
            writeln!(body, "[@{source}].\n").unwrap();
            if paragraph == 2 {
                body.push_str("- ports reopened\n- schools closed\n- clinics short of staff\n\n");
                count += 9;
            }
            if paragraph == 4 {
                body.push_str("> We have never seen ash like this, a fisherman said.\n\n");
                count += 10;
            }
        }
    }
    body
}
