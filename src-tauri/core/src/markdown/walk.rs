//! What the preflight looks for in a text: links and images, headings, `TK`
//! placeholders, each with its line.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use super::{line_of, options, take_out_citations};

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

/// The links and images of a text (autolinks included), in order. Citation URLs
/// are not among them: [`outline`] has those.
pub fn links(markdown: &str) -> Vec<LinkMark> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    let mut found = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let (url, image) = match &data.value {
            NodeValue::Link(link) => (link.url.to_string(), false),
            NodeValue::Image(image) => (image.url.to_string(), true),
            _ => continue,
        };
        found.push(LinkMark {
            line: line_of(data.sourcepos.start.line),
            url,
            image,
        });
    }
    found
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

/// The headings of a text, in order.
pub fn headings(markdown: &str) -> Vec<HeadingMark> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
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

/// The lines on which the placeholder `TK` (or `TKTK`, the journalists' "to come")
/// is left in the text: as a word of its own, in capitals, outside code.
pub fn placeholder_lines(markdown: &str) -> Vec<u32> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    let mut lines = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let found = match &data.value {
            NodeValue::Text(literal) => has_placeholder(literal),
            // `[more](TK)`: an address still to come.
            NodeValue::Link(link) => has_placeholder(&link.url),
            NodeValue::Image(image) => has_placeholder(&image.url),
            _ => false,
        };
        let line = line_of(data.sourcepos.start.line);
        if found && !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines
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
    use super::*;

    #[test]
    fn links_and_images_with_their_lines() {
        let found: Vec<_> = links(
            "# A\n\nSee [the report](http://example.org/r) [@x, http://cite.org]\nand ![map](https://example.org/m.png) or <https://example.org>.\n\n`[not](http://code)`\n",
        )
        .into_iter()
        .map(|l| (l.line, l.url, l.image))
        .collect();
        assert_eq!(
            found,
            vec![
                (3, "http://example.org/r".to_owned(), false),
                (4, "https://example.org/m.png".to_owned(), true),
                (4, "https://example.org".to_owned(), false),
            ]
        );
    }
    #[test]
    fn headings_know_their_level_and_whether_they_are_empty() {
        let found: Vec<_> = headings(
            "# One\n\nText.\n\n## Empty\n\n## Full\n\nText. [@x]\n\n## Parent\n\n### Child\n\nText.\n\n## Only a citation\n\n[@x]\n\n# Two\n",
        )
        .into_iter()
        .map(|h| (h.level, h.line, h.text, h.empty))
        .collect();
        assert_eq!(
            found,
            vec![
                (1, 1, "One".to_owned(), false),
                (2, 5, "Empty".to_owned(), true),
                (2, 7, "Full".to_owned(), false),
                (2, 11, "Parent".to_owned(), false),
                (3, 13, "Child".to_owned(), false),
                (2, 17, "Only a citation".to_owned(), true),
                (1, 21, "Two".to_owned(), true),
            ]
        );
    }
    #[test]
    fn placeholders_are_capital_words_outside_code() {
        let text = "# TK\n\nDone. TK\nNot TKO, tk or STK.\nMore (TKTK).\n\n`TK` and\n\n```\nTK\n```\n\n[link](TK)\n";
        assert_eq!(placeholder_lines(text), vec![1, 3, 5, 13]);
        assert!(has_placeholder("Quote TK."));
        assert!(!has_placeholder("TKT, TK1, Tk"));
    }
}
