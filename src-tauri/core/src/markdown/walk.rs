//! What the preflight looks for in a text, found in one walk over its syntax tree:
//! links and images, headings, `TK` placeholders and the raw HTML every output
//! removes, each with its line.

use std::collections::HashSet;

use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};

use super::line_of;
use super::sanitize::{RemovedHtml, what_sanitizing_removes};

/// A link or image written in an issue's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkMark {
    /// The line it is on (1-based).
    pub line: u32,
    /// Its address, as written.
    pub url: String,
    /// Whether it is an image rather than a link.
    pub image: bool,
}

/// A heading of an issue's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMark {
    /// 1 for `#` (an article's headline), 2 for `##` (a section), and so on.
    pub level: u8,
    /// The line it is on (1-based).
    pub line: u32,
    /// Its text.
    pub text: String,
    /// Whether nothing follows it before the next heading of the same or a higher
    /// level (or the end): a section without text.
    pub empty: bool,
}

/// What one walk over a tree found; lines as the tree has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Links and images (autolinks included), in order. Citation addresses are not
    /// among them: the citations have those.
    pub links: Vec<LinkMark>,
    /// The headings at the top level, in order.
    pub headings: Vec<HeadingMark>,
    /// The lines with a `TK` placeholder, once each.
    pub placeholder_lines: Vec<u32>,
    /// Raw HTML the allowlist removes, once per line and kind.
    pub removed_html: Vec<RemovedHtml>,
}

/// Walks `root` once, iteratively. A heading last in the tree counts as empty:
/// what follows it (if anything) is the next article's headline.
pub fn marks<'a>(root: &'a AstNode<'a>) -> Marks {
    let mut marks = Marks::default();
    let mut removed_seen = HashSet::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let line = line_of(data.sourcepos.start.line);
        let placeholder = match &data.value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                marks.links.push(LinkMark {
                    line,
                    url: link.url.to_string(),
                    image: matches!(data.value, NodeValue::Image(_)),
                });
                // `[more](TK)`: an address still to come.
                has_placeholder(&link.url)
            }
            NodeValue::Text(literal) => has_placeholder(literal),
            NodeValue::HtmlBlock(NodeHtmlBlock { literal, .. })
            | NodeValue::HtmlInline(literal) => {
                note_removed(literal, line, &mut marks, &mut removed_seen);
                note_images(literal, line, &mut marks);
                false
            }
            _ => false,
        };
        if placeholder && marks.placeholder_lines.last() != Some(&line) {
            marks.placeholder_lines.push(line);
        }
    }
    marks.placeholder_lines.sort_unstable();
    marks.placeholder_lines.dedup();
    marks.headings = headings(root);
    marks
}

fn note_removed(raw: &str, line: u32, marks: &mut Marks, seen: &mut HashSet<(u32, String)>) {
    for what in what_sanitizing_removes(raw) {
        if seen.insert((line, what.clone())) {
            marks.removed_html.push(RemovedHtml { line, what });
        }
    }
}

/// Images written as raw HTML (`<img src="…">`), which the allowlist keeps: the
/// preflight checks their addresses as it does Markdown images'.
fn note_images(raw: &str, line: u32, marks: &mut Marks) {
    for url in raw_image_sources(raw) {
        marks.links.push(LinkMark {
            line,
            url,
            image: true,
        });
    }
}

/// The `src` of every `<img>` tag in a piece of raw HTML, in one pass (a tag's
/// attributes are read up to its `>`; the scan goes on after it).
pub(crate) fn raw_image_sources(raw: &str) -> Vec<String> {
    let bytes = raw.as_bytes();
    let mut sources = Vec::new();
    let mut at = 0;
    while let Some(found) = find_ascii_ci(&bytes[at..], b"<img") {
        at += found + 4;
        // `<imgx` is another tag.
        if bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'/' && *b != b'>')
        {
            continue;
        }
        loop {
            while bytes
                .get(at)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                at += 1;
            }
            match bytes.get(at) {
                None => return sources,
                Some(b'>') => {
                    at += 1;
                    break;
                }
                Some(_) => {}
            }
            let name_start = at;
            while bytes
                .get(at)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
            {
                at += 1;
            }
            let name = &raw[name_start..at];
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            if bytes.get(at) != Some(&b'=') {
                continue;
            }
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            let value = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let start = at + 1;
                    let end = bytes[start..]
                        .iter()
                        .position(|b| *b == quote)
                        .map_or(bytes.len(), |offset| start + offset);
                    at = (end + 1).min(bytes.len());
                    &raw[start..end]
                }
                _ => {
                    let start = at;
                    while bytes
                        .get(at)
                        .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                    {
                        at += 1;
                    }
                    &raw[start..at]
                }
            };
            if name.eq_ignore_ascii_case("src") {
                sources.push(value.trim().to_owned());
            }
        }
    }
    sources
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// The headings among the top-level blocks of `root`, with whether each is empty.
fn headings<'a>(root: &'a AstNode<'a>) -> Vec<HeadingMark> {
    let blocks: Vec<_> = root.children().collect();
    let level_of = |node: &AstNode<'_>| match node.data.borrow().value {
        NodeValue::Heading(ref heading) => Some(heading.level),
        _ => None,
    };
    let mut found = Vec::new();
    for (index, node) in blocks.iter().enumerate() {
        let Some(level) = level_of(node) else {
            continue;
        };
        // A deeper heading right after it is content (a subsection); a heading of
        // the same or a higher level, or the end, means there is none.
        let empty = blocks
            .get(index + 1)
            .is_none_or(|next| level_of(next).is_some_and(|next| next <= level));
        found.push(HeadingMark {
            level,
            line: line_of(node.data.borrow().sourcepos.start.line),
            text: node.collect_text().trim().to_owned(),
            empty,
        });
    }
    found
}

/// Whether `text` has `TK`, `TKTK` (…) as a word of its own.
pub fn has_placeholder(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        !word.is_empty()
            && word.len() % 2 == 0
            && word.as_bytes().chunks(2).all(|pair| pair == b"TK")
    })
}

#[cfg(test)]
mod tests {
    use super::raw_image_sources;

    #[test]
    fn image_sources_are_read_from_raw_html_however_written() {
        assert_eq!(
            raw_image_sources(
                "<p><IMG alt='a > b' SRC=\"https://tracker.example/p.gif\"> <img/src=x.png>\
                 <imgx src=no> <img src = 'https://e.org/ü.png' width=1/><img src"
            ),
            vec![
                "https://tracker.example/p.gif".to_owned(),
                "x.png".to_owned(),
                "https://e.org/ü.png".to_owned(),
            ]
        );
        assert!(raw_image_sources("<b>no images</b>").is_empty());
        assert!(raw_image_sources(&"<img ".repeat(10_000)).is_empty());
    }
}
