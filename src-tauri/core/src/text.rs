//! Text as editors paste it and terminals show it: line numbers, control characters,
//! and the ASCII words file names and keys are made of.

/// The 1-based line of byte `at` in `text`.
pub fn line_at(text: &str, at: usize) -> u32 {
    let before = &text.as_bytes()[..at.min(text.len())];
    u32::try_from(before.iter().filter(|b| **b == b'\n').count() + 1).unwrap_or(u32::MAX)
}

/// Whether `c` is a control character no output can carry: C0 controls other than
/// tab and line feed (and carriage return, which ends lines on Windows), DEL, and C1.
pub fn is_stray_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The text with stray control characters made harmless: a vertical tab or form
/// feed (what Word uses for a line or page break) becomes a line feed, as do the
/// Unicode line and paragraph separators; every other stray control character is
/// removed. Borrowed when there is none, which is nearly always.
pub fn normalise_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_stray_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{0b}' | '\u{0c}' | '\u{2028}' | '\u{2029}' => clean.push('\n'),
            c if is_stray_control(c) => {}
            c => clean.push(c),
        }
    }
    std::borrow::Cow::Owned(clean)
}

/// The lines (1-based) that hold a stray control character, at most `limit` of them.
pub fn lines_with_controls(text: &str, limit: usize) -> Vec<u32> {
    let mut lines = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if lines.len() >= limit {
            break;
        }
        if line.chars().any(is_stray_control) {
            lines.push(u32::try_from(index + 1).unwrap_or(u32::MAX));
        }
    }
    lines
}

/// `text` as lowercase ASCII words joined by `-`, at most `max` bytes long, for file
/// names, URLs and keys. No letter is dropped: letters and digits of every script
/// are transliterated (Łódź → lodz, Αθήνα → athena, 北京 → bei-jing), German umlauts
/// the way German writes them without (Überschwemmung → ueberschwemmung, as ICAO
/// passports do too), and ß as ss. Everything else breaks words, except apostrophes,
/// which join them (Russia’s → russias); symbols and emoji are not words.
pub fn ascii_words(text: &str, max: usize) -> String {
    let mut words = Words::default();
    for c in text.chars() {
        if words.out.len() >= max {
            break;
        }
        match c {
            '\'' | '’' | 'ʼ' => {}
            'ä' | 'Ä' => words.push("ae"),
            'ö' | 'Ö' => words.push("oe"),
            'ü' | 'Ü' => words.push("ue"),
            c if c.is_ascii() => words.push(c.encode_utf8(&mut [0; 4])),
            // A CJK character's transliteration ends with a space: each is a word.
            c if c.is_alphanumeric() => words.push(deunicode::deunicode_char(c).unwrap_or("")),
            _ => words.pending_dash = true,
        }
    }
    words.out.truncate(max);
    words.out.trim_end_matches('-').to_owned()
}

/// Words as [`ascii_words`] writes them: a dash only between two of them.
#[derive(Default)]
struct Words {
    out: String,
    pending_dash: bool,
}

impl Words {
    fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            if c.is_ascii_alphanumeric() {
                if self.pending_dash && !self.out.is_empty() {
                    self.out.push('-');
                }
                self.pending_dash = false;
                self.out.push(c.to_ascii_lowercase());
            } else {
                self.pending_dash = true;
            }
        }
    }
}

/// Text for a terminal: control characters (an escape sequence in a title could
/// rewrite the editor's screen) shown as `\u{1b}`-style escapes; tabs and line
/// feeds kept.
pub fn for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n'))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n') {
            shown.push_str(&c.escape_unicode().to_string());
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

/// Trims each of `fields` in place, as the fields an editor typed are checked. A
/// field already trimmed (nearly every one) is not copied.
pub fn trim_in_place<const N: usize>(fields: [&mut String; N]) {
    for field in fields {
        let trimmed = field.trim();
        if trimmed.len() != field.len() {
            *field = trimmed.to_owned();
        }
    }
}

/// `value` in quotation marks, cut to its first 40 characters: how a message
/// shows what an editor wrote (a whole pasted paragraph would bury the sentence).
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", value.chars().take(40).collect::<String>())
}

/// `85.3 KB`.
pub fn kilobytes(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // Sizes here are far below 2^52.
    let kb = bytes as f64 / 1024.0;
    format!("{kb:.1} KB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_shows_at_most_forty_characters() {
        assert_eq!(quoted("en-GB!"), "\"en-GB!\"");
        assert_eq!(quoted(&"ü".repeat(50)), format!("\"{}\"", "ü".repeat(40)));
    }

    #[test]
    fn word_breaks_become_line_feeds_and_other_controls_go() {
        assert_eq!(normalise_controls("a\u{0b}b\u{0c}c"), "a\nb\nc");
        assert_eq!(
            normalise_controls("x\u{1b}[31my\u{07}\u{7f}\u{85}"),
            "x[31my"
        );
        assert_eq!(normalise_controls("tab\tand\r\nlines"), "tab\tand\r\nlines");
        assert!(matches!(
            normalise_controls("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(lines_with_controls("a\nb\u{0b}\nc\n\u{1b}", 10), vec![2, 4]);
        assert_eq!(lines_with_controls("\u{1b}\n\u{1b}\n\u{1b}", 2), vec![1, 2]);
    }

    #[test]
    fn ascii_words_keep_every_letter() {
        for (text, words) in [
            (
                "Überschwemmung an der Donau",
                "ueberschwemmung-an-der-donau",
            ),
            ("Straße in Köln, Gärten", "strasse-in-koeln-gaerten"),
            ("Łódź: powódź na Śląsku", "lodz-powodz-na-slasku"),
            ("Σεισμός στην Αθήνα", "seismos-sten-athena"),
            ("São Paulo à noite", "sao-paulo-a-noite"),
            ("Russia’s NATO", "russias-nato"),
            ("Flood 🌊 warning!", "flood-warning"),
            ("北京", "bei-jing"),
            ("¿¡!?", ""),
        ] {
            assert_eq!(ascii_words(text, 60), words, "{text}");
        }
        let long = ascii_words(&"Überschwemmung ".repeat(20), 60);
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn terminals_see_escapes_as_text() {
        assert_eq!(for_terminal("Tonga\u{1b}[2J"), "Tonga\\u{1b}[2J");
        assert_eq!(for_terminal("two\nlines\tok"), "two\nlines\tok");
    }

    #[test]
    fn typed_fields_are_trimmed_in_place() {
        let mut key = " hrw\t".to_owned();
        let mut name = "Human Rights Watch".to_owned();
        let mut notes = " \n ".to_owned();
        trim_in_place([&mut key, &mut name, &mut notes]);
        assert_eq!([key, name, notes], ["hrw", "Human Rights Watch", ""]);
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_at("a\nb\nc", 0), 1);
        assert_eq!(line_at("a\nb\nc", 2), 2);
        assert_eq!(line_at("a\nb\nc", 99), 3);
    }
}
