//! Any text an editor could paste, up to 100 KB, finishes every output, the preflight
//! and a save on a 2 MiB stack (the size of Tauri's async worker threads), or is
//! refused with one sentence.

use std::sync::Arc;

use newsflash_core::{Body, Format, Newsroom, email_html_from_mjml};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::common::{NOW, SaveLatest, newsroom_path, open};

/// The draft issue of the sample newsroom, which tests may edit.
const DRAFT: u32 = 2;

const STACK: usize = 2 * 1024 * 1024;

/// Pieces of the shapes that broke the core before: deep nesting by every marker,
/// headings and placeholders by the thousand, raw HTML, control characters, tables,
/// emphasis runs, long lines, citations and links.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(">".to_owned()),
        Just("> ".to_owned()),
        Just("<div>".to_owned()),
        Just("</div>".to_owned()),
        Just("<blockquote>".to_owned()),
        Just("# Story\n\n".to_owned()),
        Just("## Section\n".to_owned()),
        Just("TK ".to_owned()),
        Just("[@reuters] ".to_owned()),
        Just("[@nope, https://example.org/x] ".to_owned()),
        Just("[a link](https://example.org/a) ".to_owned()),
        Just("<img src=\"https://tracker.example/p.gif\">".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("**".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("    ".to_owned()),
        Just("```\n".to_owned()),
        Just("| a | b |\n|---|---|\n| c | d |\n".to_owned()),
        Just("\u{b}".to_owned()),
        Just("\u{1b}[31m".to_owned()),
        Just("\u{7}\u{c}\u{0}".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("Überschwemmung an der Donau ".to_owned()),
        Just("\u{200d}\u{202e}".to_owned()),
        "[ -~]{0,40}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// A text of pieces, each repeated: repetition is what turns a shape into depth or
/// volume. Capped at 100 KB.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), 1usize..2_000), 1..24).prop_map(|runs| {
        let mut text = String::from("# Hostile\n\n");
        for (piece, times) in runs {
            for _ in 0..times {
                if text.len() + piece.len() > 100_000 {
                    return text;
                }
                text.push_str(&piece);
            }
        }
        text
    })
}

/// An error a front end can show as it is: one sentence on one line.
fn assert_one_sentence(what: &str, error: &newsflash_core::Error) {
    let message = error.to_string();
    assert!(
        !message.is_empty() && !message.contains('\n') && message.ends_with('.'),
        "{what}: not one sentence: {message:?}"
    );
}

/// Everything the window and the CLI do with a text, on a thread with Tauri's stack.
fn every_path(newsroom: &Arc<Newsroom>, text: String) {
    let newsroom = Arc::clone(newsroom);
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            for format in [
                Format::Web,
                Format::Email,
                Format::Text,
                Format::Eml,
                Format::Markdown,
            ] {
                if let Err(error) = newsroom.render(DRAFT, format, Body::Unsaved(&text)) {
                    assert_one_sentence(&format!("{format:?} preview"), &error);
                }
            }
            if let Err(error) = newsroom.preflight(DRAFT, Body::Unsaved(&text)) {
                assert_one_sentence("preflight", &error);
            }
            match newsroom.save_latest(DRAFT, &text, NOW) {
                Ok(_) => {
                    // The email is spliced from remembered pieces; it must be the
                    // email the whole template makes.
                    let spliced = newsroom.render(DRAFT, Format::Email, Body::Saved);
                    let whole = newsroom
                        .render_email_mjml(DRAFT)
                        .and_then(|mjml| email_html_from_mjml("email.mjml", &mjml));
                    match (spliced, whole) {
                        (Ok(spliced), Ok(whole)) => {
                            // White space aside, they must be the same.
                            let spliced = without_white_space(&spliced);
                            let whole = without_white_space(&whole);
                            if spliced != whole {
                                let at = spliced
                                    .bytes()
                                    .zip(whole.bytes())
                                    .position(|(a, b)| a != b)
                                    .unwrap_or(spliced.len().min(whole.len()));
                                let around = |s: &str| {
                                    s.get(at.saturating_sub(80)..(at + 120).min(s.len()))
                                        .unwrap_or_default()
                                        .to_owned()
                                };
                                panic!(
                                    "the spliced email differs from the whole template's at byte {at}:\n{}\n---\n{}",
                                    around(&spliced),
                                    around(&whole)
                                );
                            }
                        }
                        (Err(error), _) | (_, Err(error)) => {
                            assert_one_sentence("saved email", &error);
                        }
                    }
                    if let Err(error) = newsroom.preflight(DRAFT, Body::Saved) {
                        assert_one_sentence("saved preflight", &error);
                    }
                }
                Err(error) => assert_one_sentence("save", &error),
            }
        })
        .unwrap()
        .join()
        .expect("a thread with a 2 MiB stack crashed on this text");
}

/// `html` without its white space: where mrml re-serialises raw HTML it moves and
/// drops line breaks around tags, which no mail client shows (outside `<pre>`, which
/// the sanitiser's output puts no raw tags in).
fn without_white_space(html: &str) -> String {
    html.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn any_text_up_to_100_kb_finishes_every_output_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = Arc::new(open(&newsroom_path(&dir)));
    // The same cases on every run, so that CI never fails on a case met once: the
    // fuzzer (./x fuzz) is where new inputs are explored.
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 48,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    runner
        .run(&hostile_text(), |text| {
            every_path(&newsroom, text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_shapes_that_crashed_the_core_finish_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = Arc::new(open(&newsroom_path(&dir)));
    let shapes = [
        ">".repeat(400),
        ">".repeat(100_000),
        "<div>".repeat(2_000),
        "<blockquote>".repeat(500),
        "# a\n\nb [@k]\n\n".repeat(7_000),
        "## heading\n".repeat(9_000),
        "TK\n".repeat(30_000),
        "<b>x</b>\n".repeat(10_000),
        "- ".repeat(20_000),
        "*".repeat(90_000),
        "[a](https://e.org/) ".repeat(4_000),
        "word ".repeat(20_000),
        "| a | b |\n|---|---|\n".repeat(3_000),
        "title\u{b}line\u{1b}\u{7}\u{c}\n".repeat(5_000),
    ];
    for shape in shapes {
        every_path(&newsroom, shape);
    }
}
