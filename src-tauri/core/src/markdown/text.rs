//! The plain-text edition of a text, written from its syntax tree (never converted
//! from HTML, which reads badly).
//!
//! An article's text is kept as it is written (blocks, breaks, paragraphs still to
//! wrap, each link as a mark) so that the parser can remember it by its text: links
//! are numbered once for the whole issue, so an article's numbers depend on the
//! articles before it, and each render numbers and wraps the kept text
//! ([`TextArticle::write`]), which is linear and quick.

use std::collections::HashMap;

use comrak::nodes::{AstNode, NodeValue};

/// The width plain-text mail is wrapped at.
pub const TEXT_WIDTH: usize = 72;

/// Stands before a link's position in [`TextArticle::links`] in kept text; control
/// characters are taken out of issue text before it is parsed, and out of the text
/// of nodes here, so the marks are never the editor's.
const LINK_OPEN: char = '\u{1}';
/// Stands after it.
const LINK_CLOSE: char = '\u{2}';

/// One article as plain text, built from the syntax tree (not from HTML), its links
/// not yet numbered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextArticle {
    steps: Vec<Step>,
    /// The addresses of its numbered links, in order, one per link (an address
    /// linked twice is here twice).
    links: Vec<String>,
}

/// How the text is written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// An empty line unless there is one already (or nothing yet).
    Break,
    /// Lines as they are (link marks in them numbered).
    Lines(String),
    /// A paragraph wrapped at [`TEXT_WIDTH`], its first line after `first`, the
    /// others after `rest`; hard line breaks kept.
    Wrapped {
        text: String,
        first: String,
        rest: String,
    },
    /// A line of `mark` as wide as `text` once numbered, after `indent`.
    Underline {
        text: String,
        indent: String,
        mark: char,
    },
}

/// An article written for readers: its text, and the addresses it links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenText {
    /// Headings underlined, paragraphs wrapped at [`TEXT_WIDTH`], each link
    /// followed by its number, `[1]`.
    pub text: String,
    /// The addresses the article links to (rewritten), each once, in the order it
    /// first links to them; their numbers are in the [`LinkNumbers`] it was written
    /// with.
    pub links: Vec<String>,
}

impl TextArticle {
    /// The article written out, its links numbered with `numbers` (which the
    /// caller goes on using for the next articles and the Sources lines).
    pub fn write(&self, numbers: &mut LinkNumbers) -> WrittenText {
        let mut links: Vec<String> = Vec::new();
        let mut numbered = |text: &str| -> String {
            if !text.contains(LINK_OPEN) {
                return text.to_owned();
            }
            let mut out = String::with_capacity(text.len() + 8);
            let mut rest = text;
            while let Some(open) = rest.find(LINK_OPEN) {
                out.push_str(&rest[..open]);
                let after = &rest[open + LINK_OPEN.len_utf8()..];
                let Some(close) = after.find(LINK_CLOSE) else {
                    rest = after;
                    continue;
                };
                if let Some(address) = after[..close]
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| self.links.get(index))
                {
                    let (address, number) = numbers.number(address);
                    if !links.contains(&address) {
                        links.push(address);
                    }
                    out.push_str(&format!("[{number}]"));
                }
                rest = &after[close + LINK_CLOSE.len_utf8()..];
            }
            out.push_str(rest);
            out
        };
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Break => {
                    if !out.is_empty() && !out.ends_with("\n\n") {
                        out.push('\n');
                    }
                }
                Step::Lines(lines) => out.push_str(&numbered(lines)),
                Step::Wrapped { text, first, rest } => {
                    let text = numbered(text);
                    let options = textwrap::Options::new(TEXT_WIDTH)
                        .initial_indent(first)
                        .subsequent_indent(rest)
                        .break_words(false);
                    for line in text.split('\n') {
                        for wrapped in textwrap::wrap(line, &options) {
                            out.push_str(wrapped.trim_end());
                            out.push('\n');
                        }
                    }
                }
                Step::Underline { text, indent, mark } => {
                    let width = textwrap::core::display_width(&numbered(text));
                    out.push_str(indent);
                    out.extend(std::iter::repeat_n(*mark, width));
                    out.push('\n');
                }
            }
        }
        WrittenText {
            text: out.trim_end().to_owned() + "\n",
            links,
        }
    }
}

/// The numbers of link addresses in the plain text, shared by all the articles of
/// an issue (and its Sources lines): each address gets the next number the first
/// time it appears and keeps it, so `[3]` means one address everywhere in the
/// issue. Addresses may be rewritten before they are numbered (UTM parameters), so
/// that what is numbered is what readers get.
pub struct LinkNumbers {
    numbers: HashMap<String, usize>,
    rewrite: Box<dyn Fn(&str) -> String>,
}

impl std::fmt::Debug for LinkNumbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkNumbers")
            .field("numbers", &self.numbers)
            .finish_non_exhaustive()
    }
}

impl Default for LinkNumbers {
    fn default() -> Self {
        LinkNumbers::with_rewrite(str::to_owned)
    }
}

impl LinkNumbers {
    /// Numbers that rewrite each address with `rewrite` first.
    pub fn with_rewrite(rewrite: impl Fn(&str) -> String + 'static) -> Self {
        LinkNumbers {
            numbers: HashMap::new(),
            rewrite: Box::new(rewrite),
        }
    }

    /// The address rewritten, and its number (a new one if it has none yet).
    pub fn number(&mut self, address: &str) -> (String, usize) {
        let address = (self.rewrite)(address);
        let next = self.numbers.len() + 1;
        let number = *self.numbers.entry(address.clone()).or_insert(next);
        (address, number)
    }

    /// The number of an address as [`LinkNumbers::number`] returned it.
    pub fn get(&self, rewritten: &str) -> Option<usize> {
        self.numbers.get(rewritten).copied()
    }
}

/// One article as plain text, from its top-level nodes.
pub(super) fn article_text<'a>(nodes: &[&'a AstNode<'a>]) -> TextArticle {
    let mut writer = TextWriter::default();
    for node in nodes {
        writer.block(node, "");
    }
    TextArticle {
        steps: writer.steps,
        links: writer.links,
    }
}

#[derive(Default)]
struct TextWriter {
    steps: Vec<Step>,
    links: Vec<String>,
}

impl TextWriter {
    fn block<'a>(&mut self, node: &'a AstNode<'a>, indent: &str) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Heading(heading) => {
                let text = self.inline_children(node);
                let underline = match heading.level {
                    1 => Some('='),
                    2 => Some('-'),
                    _ => None,
                };
                self.paragraph_break();
                self.steps.push(Step::Lines(format!("{indent}{text}\n")));
                if let Some(mark) = underline {
                    self.steps.push(Step::Underline {
                        text,
                        indent: indent.to_owned(),
                        mark,
                    });
                }
            }
            NodeValue::Paragraph => {
                let text = self.inline_children(node);
                self.wrapped(&text, indent, indent);
            }
            NodeValue::BlockQuote => {
                let inner = format!("{indent}> ");
                for child in node.children() {
                    self.block(child, &inner);
                }
            }
            NodeValue::List(list) => {
                self.paragraph_break();
                for (number, item) in (list.start..).zip(node.children()) {
                    let marker = match list.list_type {
                        comrak::nodes::ListType::Bullet => "- ".to_owned(),
                        comrak::nodes::ListType::Ordered => format!("{number}. "),
                    };
                    let hanging = format!("{indent}{}", " ".repeat(marker.len()));
                    let mut first = true;
                    for child in item.children() {
                        if first && matches!(child.data.borrow().value, NodeValue::Paragraph) {
                            let text = self.inline_children(child);
                            self.wrapped_item(&text, &format!("{indent}{marker}"), &hanging);
                        } else {
                            self.block(child, &hanging);
                        }
                        first = false;
                    }
                }
            }
            NodeValue::CodeBlock(code) => {
                self.paragraph_break();
                let mut lines = String::new();
                for line in code.literal.lines() {
                    let line: String = line.chars().filter(|c| !is_link_mark(*c)).collect();
                    lines.push_str(&format!("{indent}    {line}\n"));
                }
                self.steps.push(Step::Lines(lines));
            }
            NodeValue::ThematicBreak => {
                self.paragraph_break();
                self.steps.push(Step::Lines(format!("{indent}* * *\n")));
            }
            NodeValue::Table(_) => {
                self.paragraph_break();
                for row in node.children() {
                    let cells: Vec<String> = row
                        .children()
                        .map(|cell| self.inline_children(cell))
                        .collect();
                    self.steps
                        .push(Step::Lines(format!("{indent}{}\n", cells.join(" | "))));
                }
            }
            // Raw HTML blocks carry no text readers should see in a plain-text mail.
            NodeValue::HtmlBlock(_) => {}
            _ => {
                for child in node.children() {
                    self.block(child, indent);
                }
            }
        }
    }

    fn paragraph_break(&mut self) {
        self.steps.push(Step::Break);
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        self.paragraph_break();
        self.wrapped_item(text, first, rest);
    }

    fn wrapped_item(&mut self, text: &str, first: &str, rest: &str) {
        self.steps.push(Step::Wrapped {
            text: text.to_owned(),
            first: first.to_owned(),
            rest: rest.to_owned(),
        });
    }

    fn inline_children<'a>(&mut self, node: &'a AstNode<'a>) -> String {
        let mut text = String::new();
        for child in node.children() {
            self.inline(child, &mut text);
        }
        text.trim().to_owned()
    }

    fn inline<'a>(&mut self, node: &'a AstNode<'a>, text: &mut String) {
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Text(literal) => push_unmarked(text, &literal),
            NodeValue::Code(code) => push_unmarked(text, &code.literal),
            NodeValue::SoftBreak => text.push(' '),
            NodeValue::LineBreak => text.push('\n'),
            NodeValue::HtmlInline(_) => {}
            NodeValue::Link(link) => {
                let mut label = String::new();
                for child in node.children() {
                    self.inline(child, &mut label);
                }
                let url = link.url.to_string();
                text.push_str(&label);
                // A bare address needs no number: it is already there to read.
                if label.trim() != url.trim_start_matches("mailto:") && !url.is_empty() {
                    text.push_str(&format!(" {LINK_OPEN}{}{LINK_CLOSE}", self.links.len()));
                    self.links.push(url);
                }
            }
            NodeValue::Image(image) => {
                let mut alt = String::new();
                for child in node.children() {
                    self.inline(child, &mut alt);
                }
                if !alt.is_empty() && !image.url.is_empty() {
                    text.push_str(&format!("[image: {alt}]"));
                }
            }
            _ => {
                for child in node.children() {
                    self.inline(child, text);
                }
            }
        }
    }
}

/// Whether `c` is one of the marks kept text uses for links.
fn is_link_mark(c: char) -> bool {
    c == LINK_OPEN || c == LINK_CLOSE
}

/// Adds `literal` to `text` without the link marks, should it hold them.
fn push_unmarked(text: &mut String, literal: &str) {
    if literal.contains(is_link_mark) {
        text.extend(literal.chars().filter(|c| !is_link_mark(*c)));
    } else {
        text.push_str(literal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_underlines_wraps_and_numbers_links() {
        let articles = crate::markdown::render_text_articles(
            "# Big news\n\nA long paragraph that goes on and on about the news of the day, with a [link to the report](https://example.org/report) and <b>raw</b> bits. [@x]\n\n## A section\n\n- one item\n- two *items*\n\n> quoted words\n\nSee https://example.org/bare too.\n",
        );
        assert_eq!(articles.len(), 1);
        let text = &articles[0].text;
        assert_eq!(
            text,
            "Big news\n========\n\nA long paragraph that goes on and on about the news of the day, with a\nlink to the report [1] and raw bits.\n\nA section\n---------\n\n- one item\n- two items\n\n> quoted words\n\nSee https://example.org/bare too.\n"
        );
        assert_eq!(articles[0].links, vec!["https://example.org/report"]);
        assert!(text.lines().all(|line| line.chars().count() <= TEXT_WIDTH));
    }

    #[test]
    fn links_are_numbered_once_per_issue() {
        let mut numbers = LinkNumbers::with_rewrite(|url| format!("{url}?utm=x"));
        let articles = crate::markdown::render_text_articles_numbered(
            "# One\n\n[a](https://a.org/) and [b](https://b.org/) and [a again](https://a.org/)\n\n# Two\n\n[c](https://c.org/) then [b](https://b.org/)\n",
            &mut numbers,
        );
        assert!(
            articles[0].text.contains("a [1] and b [2] and a again [1]"),
            "{}",
            articles[0].text
        );
        assert!(
            articles[1].text.contains("c [3] then b [2]"),
            "{}",
            articles[1].text
        );
        assert_eq!(
            articles[0].links,
            vec!["https://a.org/?utm=x", "https://b.org/?utm=x"]
        );
        assert_eq!(
            articles[1].links,
            vec!["https://c.org/?utm=x", "https://b.org/?utm=x"]
        );
        assert_eq!(numbers.get("https://b.org/?utm=x"), Some(2));
        // What the Sources lines number next continues the issue's count.
        assert_eq!(
            numbers.number("https://d.org/"),
            ("https://d.org/?utm=x".to_owned(), 4)
        );
        assert_eq!(numbers.number("https://a.org/").1, 1);
    }

    #[test]
    fn numbers_are_wrapped_as_they_are_written() {
        // The tenth link's number is wider than the first's: the line is wrapped
        // with "[10]", not with the mark kept in its place.
        let mut numbers = LinkNumbers::default();
        for n in 0..9 {
            numbers.number(&format!("https://earlier.org/{n}"));
        }
        // With "[1]" the line would be 72 wide, just fitting.
        let text = format!("# A\n\n{} [word](https://x.org/)\n", "w".repeat(63));
        let articles = crate::markdown::render_text_articles_numbered(&text, &mut numbers);
        assert!(
            articles[0].text.contains("word\n[10]"),
            "{}",
            articles[0].text
        );
        assert!(
            articles[0]
                .text
                .lines()
                .all(|line| line.chars().count() <= TEXT_WIDTH),
            "{}",
            articles[0].text
        );
        // A heading's underline is as wide as the heading with its number.
        let articles = crate::markdown::render_text_articles_numbered(
            "# See [this](https://y.org/)\n",
            &mut numbers,
        );
        assert_eq!(articles[0].text, "See this [11]\n=============\n");
    }

    #[test]
    fn the_marks_links_are_kept_with_never_come_from_the_text() {
        let articles = crate::markdown::render_text_articles("# A\n\nx\u{1}0\u{2} `\u{1}0\u{2}`\n");
        assert_eq!(articles[0].text, "A\n=\n\nx0 0\n");
    }
}
