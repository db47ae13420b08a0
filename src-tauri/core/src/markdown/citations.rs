//! Citation marks, `[@key]` and `[@key, https://…]`, taken out of the text with
//! their lines before comrak sees it.

use super::CitationMark;

/// Removes citation marks from the text (with the spaces before them), keeping every
/// line where it was. Marks inside code are left alone.
pub fn take_out_citations(markdown: &str) -> (String, Vec<CitationMark>) {
    let mut out = String::with_capacity(markdown.len());
    let mut citations = Vec::new();
    for_each_line(markdown, |index, line, code| {
        if code {
            out.push_str(line);
        } else {
            let line_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            take_out_of_line(line, line_number, &mut out, &mut citations);
        }
    });
    (out, citations)
}

/// Calls `visit` with each line of `markdown` (its index, the line with its line
/// break, and whether it is code: a fence line, inside a fence, or indented), so
/// that every reader of citation marks skips code the same way.
fn for_each_line<'a>(markdown: &'a str, mut visit: impl FnMut(usize, &'a str, bool)) {
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in markdown.split_inclusive('\n').enumerate() {
        let code = if let Some(marker) = fence_marker(line) {
            match fence {
                None => fence = Some(marker),
                Some((c, n)) if c == marker.0 && marker.1 >= n => fence = None,
                Some(_) => {}
            }
            true
        } else {
            fence.is_some() || line.starts_with("    ") || line.starts_with('\t')
        };
        visit(index, line, code);
    }
}

/// Writes `to` for the key of every citation of `from` (`[@from]`, `[@FROM, url]`)
/// outside code, leaving everything else as it is; returns the text and how many
/// citations changed. The same marks [`take_out_citations`] finds, found the same way.
pub fn rename_citations(markdown: &str, from: &str, to: &str) -> (String, usize) {
    let mut out = String::with_capacity(markdown.len());
    let mut renamed = 0;
    for_each_line(markdown, |_, line, code| {
        if code {
            out.push_str(line);
            return;
        }
        let mut copied = 0;
        for (start, mark) in marks_in_line(line) {
            if mark.key == from {
                let key_start = start + 2;
                out.push_str(&line[copied..key_start]);
                out.push_str(to);
                copied = key_start + mark.raw_key_len;
                renamed += 1;
            }
        }
        out.push_str(&line[copied..]);
    });
    (out, renamed)
}

/// A mark as [`parse_mark`] reads it.
struct Mark {
    length: usize,
    key: String,
    /// The key's length as written (before a comma and spaces).
    raw_key_len: usize,
    url: Option<String>,
}

/// The citation marks of a line outside code spans: (byte offset, mark).
fn marks_in_line(line: &str) -> Vec<(usize, Mark)> {
    let bytes = line.as_bytes();
    let mut marks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                // Skip a code span: a run of backticks up to the same run.
                let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
                let closing = "`".repeat(run);
                match line[i + run..].find(&closing) {
                    Some(end) => i += run + end + run,
                    None => i += run,
                }
            }
            b'\\' => i += 2,
            b'[' if bytes.get(i + 1) == Some(&b'@') => match parse_mark(&line[i..]) {
                Some(mark) => {
                    let length = mark.length;
                    marks.push((i, mark));
                    i += length;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    marks
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.chars().take_while(|x| *x == c).count();
    (run >= 3).then_some((c, run))
}

fn take_out_of_line(
    line: &str,
    line_number: u32,
    out: &mut String,
    citations: &mut Vec<CitationMark>,
) {
    let mut copied = 0;
    for (start, mark) in marks_in_line(line) {
        let kept = line[copied..start].trim_end_matches([' ', '\t']);
        out.push_str(kept);
        citations.push(CitationMark {
            key: mark.key,
            url: mark.url,
            line: line_number,
            article: 0,
        });
        copied = start + mark.length;
    }
    out.push_str(&line[copied.min(line.len())..]);
}

/// Reads `[@key]` or `[@key, url]` at the start of `text`: (length, key, url).
fn parse_mark(text: &str) -> Option<Mark> {
    let inner_end = text.find(']')?;
    let inner = &text[2..inner_end];
    let (key, url) = match inner.split_once(',') {
        Some((key, url)) => (key, Some(url.trim())),
        None => (inner, None),
    };
    let key_ok = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !key_ok || url.is_some_and(|u| u.is_empty() || u.contains(char::is_whitespace)) {
        return None;
    }
    Some(Mark {
        length: inner_end + 1,
        key: key.to_ascii_lowercase(),
        raw_key_len: key.len(),
        url: url.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_taken_out_with_their_lines() {
        let (text, citations) = take_out_citations(
            "# A\n\nSaid so. [@reuters] [@hrw, https://www.hrw.org/news/1]\nNext [@BBC].\n",
        );
        assert_eq!(text, "# A\n\nSaid so.\nNext.\n");
        let found: Vec<_> = citations
            .iter()
            .map(|c| (c.key.as_str(), c.url.as_deref(), c.line))
            .collect();
        assert_eq!(
            found,
            vec![
                ("reuters", None, 3),
                ("hrw", Some("https://www.hrw.org/news/1"), 3),
                ("bbc", None, 4)
            ]
        );
    }
    #[test]
    fn renaming_rewrites_only_the_citations_of_that_key() {
        let text = "# A\n\nSaid [@hrw] and [@HRW, https://hrw.org/x] not [@hrwatch].\n`[@hrw]`\n\n```\n[@hrw]\n```\n    [@hrw]\nMail hrw@x.org [@ hrw]\n";
        let (renamed, count) = rename_citations(text, "hrw", "human-rights-watch");
        assert_eq!(count, 2);
        assert_eq!(
            renamed,
            text.replacen("[@hrw]", "[@human-rights-watch]", 1)
                .replace("[@HRW,", "[@human-rights-watch,")
        );
        let (_, citations) = take_out_citations(&renamed);
        let keys: Vec<_> = citations.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            ["human-rights-watch", "human-rights-watch", "hrwatch"]
        );
        assert_eq!(rename_citations(text, "bbc", "b"), (text.to_owned(), 0));
    }

    #[test]
    fn not_citations_stay_as_text() {
        let text = "Mail [@ me] or [@bad key] or [@x, two words] or `[@code]`\n\n```\n[@fenced]\n```\n\n    [@indented]\n[link](https://x.org) and [@]\n";
        let (kept, citations) = take_out_citations(text);
        assert_eq!(kept, text);
        assert!(citations.is_empty(), "{citations:?}");
    }
}
