//! Cutting an issue's text into pieces that can be parsed apart, so that a keystroke
//! in one article re-parses that article only.
//!
//! A piece starts at a line that is certainly a top-level `#` heading: `#` in the
//! first column followed by a space or the end of the line, outside fenced code, not
//! inside an HTML block, not continuing an HTML line. Where that cannot be told by
//! looking at lines, the text is simply not cut: a piece may hold several articles
//! (the syntax tree tells them apart), but an article never straddles two pieces.
//!
//! Link reference definitions (`[label]: https://…`) apply across the whole text,
//! as in one document: [`reference_definitions`] finds the one-line ones, for links
//! in other pieces to resolve.

use std::collections::HashMap;

/// One piece of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Where it starts, in bytes.
    pub start: usize,
    /// Where it ends, in bytes (exclusive).
    pub end: usize,
    /// The line it starts on, counted from 0.
    pub first_line: u32,
}

/// The pieces of `text`, in order, covering all of it.
pub fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut scanner = Scanner::default();
    let mut start = 0;
    let mut first_line = 0;
    let mut offset = 0;
    for (number, line) in (0_u32..).zip(text.split_inclusive('\n')) {
        if offset > start && scanner.starts_piece(line) {
            pieces.push(Piece {
                start,
                end: offset,
                first_line,
            });
            start = offset;
            first_line = number;
        }
        scanner.after(line);
        offset += line.len();
    }
    pieces.push(Piece {
        start,
        end: text.len(),
        first_line,
    });
    pieces
}

/// What the lines so far leave open that a heading line cannot end.
#[derive(Debug, Default)]
struct Scanner {
    /// An open fenced code block: its character and length.
    fence: Option<(u8, usize)>,
    /// An open HTML block of the kinds that end at a marker (script, pre, style,
    /// textarea, comments, processing instructions, declarations, CDATA): the
    /// marker that ends it.
    html_until: Option<&'static str>,
    /// Whether the previous line was an HTML line (an HTML block of the other kinds
    /// runs until a blank line).
    after_html: bool,
}

impl Scanner {
    fn starts_piece(&self, line: &str) -> bool {
        if self.fence.is_some() || self.html_until.is_some() || self.after_html {
            return false;
        }
        let bytes = line.as_bytes();
        bytes.first() == Some(&b'#')
            && bytes
                .get(1)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    }

    fn after(&mut self, line: &str) {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some((c, n)) = self.fence {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if indent <= 3 && run >= n && trimmed[run..].trim().is_empty() {
                self.fence = None;
            }
            return;
        }
        if let Some(marker) = self.html_until {
            if line.to_ascii_lowercase().contains(marker) {
                self.html_until = None;
            }
            return;
        }
        if indent <= 3
            && let Some(c) = trimmed.bytes().next().filter(|c| *c == b'`' || *c == b'~')
        {
            let run = trimmed.bytes().take_while(|b| *b == c).count();
            if run >= 3 {
                self.fence = Some((c, run));
                self.after_html = false;
                return;
            }
        }
        if trimmed.trim().is_empty() {
            self.after_html = false;
            return;
        }
        if indent <= 3 && trimmed.starts_with('<') {
            let lower = trimmed.to_ascii_lowercase();
            let ends_at = [
                ("<script", "</script>"),
                ("<pre", "</pre>"),
                ("<style", "</style>"),
                ("<textarea", "</textarea>"),
                ("<!--", "-->"),
                ("<?", "?>"),
                ("<![cdata[", "]]>"),
                ("<!", ">"),
            ]
            .into_iter()
            .find(|(opening, _)| lower.starts_with(opening));
            match ends_at {
                // It may end on its own line.
                Some((opening, marker)) if !lower[opening.len()..].contains(marker) => {
                    self.html_until = Some(marker);
                }
                _ => {}
            }
            self.after_html = true;
            return;
        }
        self.after_html = false;
    }
}

/// The one-line link reference definitions of `text` (`[label]: url "title"`),
/// outside fenced code, by label as [`normalise_label`] has it. The first of a label
/// wins, as in CommonMark.
pub fn reference_definitions(text: &str) -> HashMap<String, (String, String)> {
    let mut found = HashMap::new();
    let mut scanner = Scanner::default();
    for line in text.split_inclusive('\n') {
        if scanner.fence.is_none()
            && scanner.html_until.is_none()
            && let Some((label, url, title)) = definition(line)
        {
            found.entry(normalise_label(label)).or_insert((url, title));
        }
        scanner.after(line);
    }
    found
}

/// Reads `[label]: url` with an optional `"title"`, `'title'` or `(title)`.
fn definition(line: &str) -> Option<(&str, String, String)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let rest = trimmed.strip_prefix('[')?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    if label.trim().is_empty() || label.contains(['[', ']']) || label.len() > 999 {
        return None;
    }
    let rest = rest[close + 2..].trim();
    let (url, rest) = match rest.strip_prefix('<') {
        Some(bracketed) => {
            let end = bracketed.find('>')?;
            (&bracketed[..end], bracketed[end + 1..].trim())
        }
        None => {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], rest[end..].trim())
        }
    };
    if url.is_empty() {
        return None;
    }
    let title = if rest.is_empty() {
        String::new()
    } else {
        let (open, close) = match rest.as_bytes()[0] {
            b'"' => ('"', '"'),
            b'\'' => ('\'', '\''),
            b'(' => ('(', ')'),
            _ => return None,
        };
        let inner = rest.strip_prefix(open)?.strip_suffix(close)?;
        inner.to_owned()
    };
    Some((label, url.to_owned(), title))
}

/// A label as links and definitions are matched: trimmed, runs of white space one
/// space, lowercase.
pub fn normalise_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<&str> {
        pieces(text)
            .into_iter()
            .map(|piece| &text[piece.start..piece.end])
            .collect()
    }

    #[test]
    fn pieces_start_at_top_level_headings() {
        assert_eq!(
            cut("Intro\n\n# One\n\nText\n# Two\nMore\n#Not\n## Sub\n"),
            vec![
                "Intro\n\n",
                "# One\n\nText\n",
                "# Two\nMore\n#Not\n## Sub\n"
            ]
        );
        assert_eq!(cut("# Only\n"), vec!["# Only\n"]);
        assert_eq!(cut(""), vec![""]);
        assert_eq!(cut("#\n#\n"), vec!["#\n", "#\n"]);
    }

    #[test]
    fn nothing_is_cut_where_a_heading_line_may_not_be_a_heading() {
        for text in [
            "# A\n```\n# in code\n```\n",
            "# A\n~~~~\n# in code\n~~~\n# still code\n~~~~\n",
            "# A\n<div>\n# inside the HTML block\n</div>\n",
            "# A\n<!--\n\n# in a comment\n\n-->\n",
            "# A\n<pre>\n\n# in pre\n</pre>\n",
        ] {
            let pieces = cut(text);
            assert!(
                pieces.len() == 1 || !pieces[1].starts_with("# in"),
                "{text:?} was cut into {pieces:?}"
            );
        }
        // After the fence, the HTML comment or a blank line, cutting starts again.
        assert_eq!(cut("# A\n```\n# x\n```\n# B\n").len(), 2);
        assert_eq!(cut("# A\n<!-- c -->\n\n# B\n").len(), 2);
        assert_eq!(cut("# A\n<div>\n\n# B\n").len(), 2);
    }

    #[test]
    fn pieces_cover_the_text_and_know_their_first_line() {
        let text = "a\n# b\nc\n\n# d\n";
        let found = pieces(text);
        assert_eq!(found.first().unwrap().start, 0);
        assert_eq!(found.last().unwrap().end, text.len());
        let lines: Vec<u32> = found.iter().map(|p| p.first_line).collect();
        assert_eq!(lines, vec![0, 1, 4]);
    }

    #[test]
    fn one_line_definitions_are_found_by_their_label() {
        let defs = reference_definitions(
            "# A\n\nSee [x][Report  One].\n\n[report one]: https://example.org/r \"The report\"\n[b]: <https://b.org>\n```\n[c]: https://c.org\n```\n[report one]: https://second.org\n",
        );
        assert_eq!(
            defs.get("report one"),
            Some(&("https://example.org/r".to_owned(), "The report".to_owned()))
        );
        assert_eq!(defs.get("b").map(|d| d.0.as_str()), Some("https://b.org"));
        assert!(!defs.contains_key("c"), "definitions in code do not count");
    }
}
