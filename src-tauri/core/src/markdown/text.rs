//! The plain-text edition of a text, written from its syntax tree (never converted
//! from HTML, which reads badly).

use std::collections::HashMap;

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, parse_document};

use super::{options, split_articles, take_out_citations};

/// The width plain-text mail is wrapped at.
pub const TEXT_WIDTH: usize = 72;

/// One article as plain text, built from the syntax tree (not from HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArticle {
    /// The article: headings underlined, paragraphs wrapped at [`TEXT_WIDTH`],
    /// each link followed by its number, `[1]`.
    pub text: String,
    /// The addresses the article links to, each once, in the order it first links
    /// to them; their numbers are in the [`LinkNumbers`] it was rendered with.
    pub links: Vec<String>,
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

/// Renders each article of an issue's text as plain text, its links numbered
/// across the whole issue.
pub fn render_text_articles(markdown: &str) -> Vec<TextArticle> {
    render_text_articles_numbered(markdown, &mut LinkNumbers::default())
}

/// Renders each article of an issue's text as plain text, numbering its links with
/// `numbers` (which the caller goes on using for the Sources lines).
pub fn render_text_articles_numbered(
    markdown: &str,
    numbers: &mut LinkNumbers,
) -> Vec<TextArticle> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    split_articles(root)
        .into_iter()
        .map(|(_, nodes)| {
            let mut writer = TextWriter {
                out: String::new(),
                links: Vec::new(),
                numbers: &mut *numbers,
            };
            for node in nodes {
                writer.block(node, "");
            }
            TextArticle {
                text: writer.out.trim_end().to_owned() + "\n",
                links: writer.links,
            }
        })
        .collect()
}

struct TextWriter<'n> {
    out: String,
    links: Vec<String>,
    numbers: &'n mut LinkNumbers,
}

impl TextWriter<'_> {
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
                self.out.push_str(indent);
                self.out.push_str(&text);
                self.out.push('\n');
                if let Some(c) = underline {
                    self.out.push_str(indent);
                    let width = textwrap::core::display_width(&text);
                    self.out.extend(std::iter::repeat_n(c, width));
                    self.out.push('\n');
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
                for line in code.literal.lines() {
                    self.out.push_str(indent);
                    self.out.push_str("    ");
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            NodeValue::ThematicBreak => {
                self.paragraph_break();
                self.out.push_str(indent);
                self.out.push_str("* * *\n");
            }
            NodeValue::Table(_) => {
                self.paragraph_break();
                for row in node.children() {
                    let cells: Vec<String> = row
                        .children()
                        .map(|cell| self.inline_children(cell))
                        .collect();
                    self.out.push_str(indent);
                    self.out.push_str(&cells.join(" | "));
                    self.out.push('\n');
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
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn wrapped(&mut self, text: &str, first: &str, rest: &str) {
        self.paragraph_break();
        self.wrapped_item(text, first, rest);
    }

    fn wrapped_item(&mut self, text: &str, first: &str, rest: &str) {
        let options = textwrap::Options::new(TEXT_WIDTH)
            .initial_indent(first)
            .subsequent_indent(rest)
            .break_words(false);
        for line in text.split('\n') {
            for wrapped in textwrap::wrap(line, &options) {
                self.out.push_str(wrapped.trim_end());
                self.out.push('\n');
            }
        }
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
            NodeValue::Text(literal) => text.push_str(&literal),
            NodeValue::Code(code) => text.push_str(&code.literal),
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
                    let (address, number) = self.numbers.number(&url);
                    if !self.links.contains(&address) {
                        self.links.push(address);
                    }
                    text.push_str(&format!(" [{number}]"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_underlines_wraps_and_numbers_links() {
        let articles = render_text_articles(
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
        let articles = render_text_articles_numbered(
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
}
