//! The plain-text edition of a text, written from its syntax tree (never converted
//! from HTML, which reads badly).

use comrak::nodes::{AstNode, NodeValue};

/// The width plain-text mail is wrapped at.
pub const TEXT_WIDTH: usize = 72;

/// One article as plain text, built from the syntax tree (not from HTML).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextArticle {
    /// The article: headings underlined, paragraphs wrapped at [`TEXT_WIDTH`],
    /// each link followed by its number, `[1]`.
    pub text: String,
    /// The links' addresses, in number order.
    pub links: Vec<String>,
}

/// One article as plain text, from its top-level nodes.
pub(super) fn article_text<'a>(nodes: &[&'a AstNode<'a>]) -> TextArticle {
    let mut writer = TextWriter::default();
    for node in nodes {
        writer.block(node, "");
    }
    TextArticle {
        text: writer.out.trim_end().to_owned() + "\n",
        links: writer.links,
    }
}

#[derive(Default)]
struct TextWriter {
    out: String,
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
                    self.links.push(url);
                    text.push_str(&format!(" [{}]", self.links.len()));
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
}
