//! Any bytes as the text of an issue, through everything the window and the CLI do
//! with it: every preview format, the preflight and a save, on a thread with the
//! 2 MiB stack of Tauri's async workers. A crash, a hang (libFuzzer's -timeout) or an
//! error that is not one sentence is a finding.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsflash_core::{Body, Format, Newsroom, Seed};

/// The sample newsroom, opened once; issue 2 is its draft.
static NEWSROOM: LazyLock<Newsroom> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("newsroom.db");
    // The folder lives as long as the fuzzer.
    std::mem::forget(dir);
    Newsroom::open(&path, Seed::Content, time::OffsetDateTime::UNIX_EPOCH).expect("the sample newsroom")
});

const DRAFT: u32 = 2;

fn one_sentence(what: &str, error: &newsflash_core::Error) {
    let message = error.to_string();
    assert!(
        !message.is_empty() && !message.contains('\n') && message.ends_with('.'),
        "{what}: not one sentence: {message:?}"
    );
}

fn every_path(text: &str) {
    let newsroom = &*NEWSROOM;
    for format in [Format::Web, Format::Email, Format::Text, Format::Eml, Format::Markdown] {
        if let Err(error) = newsroom.render(DRAFT, format, Body::Unsaved(text)) {
            one_sentence("preview", &error);
        }
    }
    if let Err(error) = newsroom.preflight(DRAFT, Body::Unsaved(text)) {
        one_sentence("preflight", &error);
    }
    let version = newsroom.issues().get(DRAFT).expect("the draft").version;
    if let Err(error) = newsroom.issues().save_text(DRAFT, version, text, time::OffsetDateTime::UNIX_EPOCH) {
        one_sentence("save", &error);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    LazyLock::force(&NEWSROOM);
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || every_path(&text))
        .expect("a thread")
        .join()
        .expect("the 2 MiB stack thread crashed");
});
