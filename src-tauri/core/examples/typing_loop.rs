//! A typist for the keystroke-journal test (tests/typing.rs): types one character
//! at a time into issue 1 of a newsroom, as the editor sends changes, saving now
//! and then as the autosave does, and prints each character once its change was
//! recorded, until it is killed.
//!
//! Usage: typing_loop NEWSROOM

use std::io::Write;

use newsflash_core::{Edit, Newsroom, SaveOutcome, Seed, TypedChange, TypedThrough};
use time::OffsetDateTime;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: typing_loop NEWSROOM")?;
    let now = OffsetDateTime::now_utc();
    let newsroom = Newsroom::open(path.as_ref(), Seed::Empty, now)?;
    newsroom.typing().recover(now)?;
    let issue = match newsroom.issues().get(1) {
        Ok(issue) => issue,
        Err(_) => newsroom.issues().create("Typed", now.date(), now)?,
    };
    let mut text = issue.body;
    let mut version = issue.version;
    let session = u64::try_from(now.unix_timestamp_nanos() / 1000)?;
    let mut stdout = std::io::stdout().lock();
    for seq in 1u32.. {
        let character = char::from(b'a' + (seq % 26) as u8);
        let length = u32::try_from(text.encode_utf16().count())?;
        let change = TypedChange {
            session,
            base_version: issue.version,
            seq,
            length,
            edits: vec![Edit {
                from: length,
                to: length,
                insert: character.to_string(),
            }],
        };
        newsroom.typing().record(1, &change, now)?;
        text.push(character);
        writeln!(stdout, "{character}")?;
        stdout.flush()?;
        // Saves come far less often than keystrokes.
        if seq % 40 == 0 {
            let typed = Some(TypedThrough { session, seq });
            match newsroom
                .issues()
                .save_text_typed(1, version, &text, typed, now)?
            {
                SaveOutcome::Saved { version: saved, .. } => version = saved,
                SaveOutcome::Conflict { .. } => return Err("another writer".into()),
            }
        }
        if seq % 7 == 0 {
            newsroom.typing().sync(now)?;
        }
    }
    Ok(())
}
