//! What the editor types, one change at a time, kept until a save covers it: the
//! keystroke journal that lets the app give back text typed just before it was
//! killed.
//!
//! A change is what CodeMirror reports for one transaction: the ranges of the text
//! before it that were replaced, and what replaced them. Positions count UTF-16 code
//! units, as the editor's do (JavaScript strings), so they are converted here.

use serde::{Deserialize, Serialize};

/// One replaced range: the UTF-16 positions `from..to` of the text before the change
/// become `insert`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Edit {
    /// Where the replaced range starts (UTF-16 code units).
    pub from: u32,
    /// Where it ends; `from` for a pure insertion.
    pub to: u32,
    /// What is there now; empty for a deletion.
    pub insert: String,
}

/// One change of the editor's text, numbered within its typing session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TypedChange {
    /// The editor's session: one per issue shown, larger for later ones, so a change
    /// of an earlier session arriving late is recognised and dropped.
    pub session: u64,
    /// The issue version the session's text started from.
    pub base_version: u32,
    /// 1 for the session's first change, then one more for each.
    pub seq: u32,
    /// The text's length before the change (UTF-16 code units): a check that the
    /// changes are applied to the text they were made on.
    pub length: u32,
    /// The replaced ranges, in order, not overlapping.
    pub edits: Vec<Edit>,
}

/// The last change of a typing session that a save of the editor's text covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TypedThrough {
    /// The session ([`TypedChange::session`]).
    pub session: u64,
    /// Its last change the saved text includes ([`TypedChange::seq`]).
    pub seq: u32,
}

/// Why a change could not be applied: the journal does not fit the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Misfit;

/// The byte offset of UTF-16 position `at` in `text`, if it falls on a character.
fn byte_offset(text: &str, at: u32) -> Option<usize> {
    let mut units = 0u32;
    for (offset, c) in text.char_indices() {
        if units == at {
            return Some(offset);
        }
        if units > at {
            return None;
        }
        units += c.len_utf16() as u32;
    }
    (units == at).then_some(text.len())
}

/// The length of `text` in UTF-16 code units, as the editor counts it.
pub(crate) fn utf16_len(text: &str) -> u32 {
    text.chars()
        .map(|c| c.len_utf16() as u32)
        .fold(0u32, u32::saturating_add)
}

/// What applying one change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Applied {
    /// Characters inserted.
    pub typed: u32,
    /// Characters removed.
    pub removed: u32,
    /// Where the change ends in the new text (UTF-16): the cursor after typing.
    pub end: u32,
}

/// Applies `change` to `text`, or says it does not fit (another length, ranges out
/// of order or outside the text, or splitting a character).
pub(crate) fn apply(text: &mut String, change: &TypedChange) -> Result<Applied, Misfit> {
    if utf16_len(text) != change.length {
        return Err(Misfit);
    }
    let mut previous_end = 0u32;
    let mut ranges = Vec::with_capacity(change.edits.len());
    for edit in &change.edits {
        if edit.from < previous_end || edit.to < edit.from || edit.to > change.length {
            return Err(Misfit);
        }
        previous_end = edit.to;
        let from = byte_offset(text, edit.from).ok_or(Misfit)?;
        let to = byte_offset(text, edit.to).ok_or(Misfit)?;
        ranges.push((from, to));
    }
    let mut applied = Applied {
        typed: 0,
        removed: 0,
        end: 0,
    };
    // Back to front: the byte offsets of earlier ranges stay valid.
    for (edit, (from, to)) in change.edits.iter().zip(ranges).rev() {
        applied.removed = applied
            .removed
            .saturating_add(text[from..to].chars().count() as u32);
        applied.typed = applied
            .typed
            .saturating_add(edit.insert.chars().count() as u32);
        text.replace_range(from..to, &edit.insert);
    }
    // Where the last range ends once the earlier ones have grown or shrunk the text.
    let mut shift: i64 = 0;
    for edit in &change.edits {
        let inserted = i64::from(utf16_len(&edit.insert));
        applied.end = u32::try_from(i64::from(edit.from) + shift + inserted).unwrap_or(0);
        shift += inserted - i64::from(edit.to - edit.from);
    }
    Ok(applied)
}

/// The UTF-16 position of the start of the line `lines` lines above the one holding
/// position `at` (or of the text): where to show the text from so that `at` is in
/// view, near the top.
pub(crate) fn view_top_before(text: &str, at: u32, lines: usize) -> u32 {
    let end = byte_offset(text, at).unwrap_or(text.len());
    let mut start = end;
    for _ in 0..=lines {
        match text[..start].rfind('\n') {
            Some(newline) => start = newline,
            None => return 0,
        }
    }
    utf16_len(&text[..start + 1])
}

/// Text typed in an issue and given back after the app stopped without saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Recovered {
    /// The issue.
    pub number: u32,
    /// Characters typed that no save had covered.
    pub characters: u32,
    /// Characters deleted that no save had covered.
    pub deleted: u32,
    /// Whether they are in the text now (else they could not be put back).
    pub restored: bool,
    /// What the window tells the editor.
    pub message: String,
}

impl Recovered {
    pub(crate) fn restored(number: u32, typed: u32, removed: u32) -> Recovered {
        let message = match (typed, removed) {
            (0, removed) => format!(
                "Recovered {} deleted in issue #{number} after the app stopped unexpectedly.",
                characters(removed)
            ),
            (typed, _) => format!(
                "Recovered {} typed in issue #{number} after the app stopped unexpectedly.",
                characters(typed)
            ),
        };
        Recovered {
            number,
            characters: typed,
            deleted: removed,
            restored: true,
            message,
        }
    }

    pub(crate) fn unfitting(number: u32, changes: u32) -> Recovered {
        let changes = if changes == 1 {
            "1 change".to_owned()
        } else {
            format!("{changes} changes")
        };
        Recovered {
            number,
            characters: 0,
            deleted: 0,
            restored: false,
            message: format!(
                "{changes} typed in issue #{number} before the app stopped unexpectedly could not be put back: the issue was changed elsewhere since."
            ),
        }
    }
}

fn characters(count: u32) -> String {
    if count == 1 {
        "1 character".to_owned()
    } else {
        format!("{count} characters")
    }
}

/// Where the editor was in an issue: the selection and the first position shown at
/// the top of the editor (UTF-16 positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    /// Where the selection started.
    pub anchor: u32,
    /// Where the cursor is.
    pub head: u32,
    /// The text position at the top of the editor's view.
    pub top: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(length: u32, edits: &[(u32, u32, &str)]) -> TypedChange {
        TypedChange {
            session: 1,
            base_version: 1,
            seq: 1,
            length,
            edits: edits
                .iter()
                .map(|&(from, to, insert)| Edit {
                    from,
                    to,
                    insert: insert.to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn typing_deleting_and_replacing_apply_as_the_editor_did() {
        let mut text = "Storms hit".to_owned();
        let typed = apply(&mut text, &change(10, &[(10, 10, " the coast")])).unwrap();
        assert_eq!(text, "Storms hit the coast");
        assert_eq!((typed.typed, typed.removed, typed.end), (10, 0, 20));
        let replaced = apply(&mut text, &change(20, &[(0, 6, "Cyclones")])).unwrap();
        assert_eq!(text, "Cyclones hit the coast");
        assert_eq!((replaced.typed, replaced.removed, replaced.end), (8, 6, 8));
        apply(&mut text, &change(22, &[(8, 12, "")])).unwrap();
        assert_eq!(text, "Cyclones the coast");
    }

    #[test]
    fn several_ranges_of_one_change_use_positions_before_it() {
        // Two cursors typing at once: positions are in the text before the change.
        let mut text = "ab".to_owned();
        let applied = apply(&mut text, &change(2, &[(0, 0, "1"), (1, 2, "22")])).unwrap();
        assert_eq!(text, "1a22");
        assert_eq!(applied.end, 4);
    }

    #[test]
    fn positions_count_utf16_units_as_the_editor_does() {
        // "é" is one unit, "🗞" (newspaper) two: the editor counts 4 units before "x".
        let mut text = "é🗞 x".to_owned();
        apply(&mut text, &change(5, &[(4, 5, "y")])).unwrap();
        assert_eq!(text, "é🗞 y");
        // A position inside the emoji's surrogate pair does not fit.
        assert_eq!(
            apply(&mut text, &change(5, &[(2, 2, "z")])),
            Err(Misfit),
            "{text}"
        );
    }

    #[test]
    fn changes_made_on_another_text_do_not_fit() {
        let mut text = "short".to_owned();
        assert_eq!(apply(&mut text, &change(9, &[(0, 0, "x")])), Err(Misfit));
        assert_eq!(apply(&mut text, &change(5, &[(3, 9, "x")])), Err(Misfit));
        assert_eq!(
            apply(&mut text, &change(5, &[(3, 4, "x"), (1, 2, "y")])),
            Err(Misfit)
        );
        assert_eq!(text, "short", "a misfit changes nothing");
    }

    #[test]
    fn the_view_starts_a_few_lines_above_the_cursor() {
        let text = "one\ntwo\nthree\nfour\nfive";
        let at = utf16_len(text);
        assert_eq!(
            view_top_before(text, at, 0),
            utf16_len("one\ntwo\nthree\nfour\n")
        );
        assert_eq!(view_top_before(text, at, 2), utf16_len("one\ntwo\n"));
        assert_eq!(view_top_before(text, at, 10), 0);
        assert_eq!(view_top_before("é\nx", 3, 0), 2);
    }

    #[test]
    fn the_window_says_what_was_recovered() {
        assert_eq!(
            Recovered::restored(3, 11, 0).message,
            "Recovered 11 characters typed in issue #3 after the app stopped unexpectedly."
        );
        assert_eq!(
            Recovered::restored(3, 0, 1).message,
            "Recovered 1 character deleted in issue #3 after the app stopped unexpectedly."
        );
        assert!(
            Recovered::unfitting(2, 1)
                .message
                .starts_with("1 change typed in issue #2")
        );
    }
}
