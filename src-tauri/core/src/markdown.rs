//! Markdown, parsed with comrak, and the citations written in it.
//!
//! **Invariant:** no other module parses Markdown.
//!
//! Citations follow the Pandoc/Zotero convention: `[@reuters]` cites a source of the
//! library by its key, `[@reuters, https://www.reuters.com/…]` also names the exact
//! page. They are taken out of the text before comrak sees it (readers see them as
//! the `Sources:` line under each article), which keeps line numbers intact.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, format_html, parse_document};

/// The Markdown dialect of issues: CommonMark with tables, strikethrough and
/// autolinks. Raw HTML is rendered, then every article goes through [`sanitize`],
/// so harmless inline formatting survives and nothing active ever reaches a reader
/// or the app.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.render.r#unsafe = true;
    options
}

/// The allowlist: ammonia's defaults (formatting, lists, tables, images, links)
/// minus everything that is not plain http(s) or mailto in a URL, and `cite`. Scripts, styles,
/// iframes, forms, event handlers and `javascript:`/`data:` URLs are removed, never
/// shown as escaped tags.
static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> = std::sync::LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(None);
    // ammonia allows `cite` (a URL no reader sees) without checking its scheme, so
    // `<blockquote cite="javascript:…">` would survive: drop it.
    for tag in ["blockquote", "del", "ins", "q"] {
        builder.rm_tag_attributes(tag, &["cite"]);
    }
    builder
});

static ALLOWED_TAGS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| SANITIZER.clone_tags());

/// Cleans an HTML fragment with the allowlist.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Raw HTML in an issue's text that the allowlist removes: what to tell the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedHtml {
    /// The line it is on (1-based).
    pub line: u32,
    /// What was removed, in a few words (`<script>`, `onclick attribute`).
    pub what: String,
}

/// Lists the raw HTML of a text that would be removed from every output.
pub fn removed_html(markdown: &str) -> Vec<RemovedHtml> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    let mut removed = Vec::new();
    for node in root.descendants() {
        let data = node.data.borrow();
        let literal = match &data.value {
            NodeValue::HtmlBlock(block) => block.literal.as_str(),
            NodeValue::HtmlInline(literal) => literal.as_str(),
            _ => continue,
        };
        let line = u32::try_from(data.sourcepos.start.line).unwrap_or(u32::MAX);
        for what in what_sanitizing_removes(literal) {
            if !removed
                .iter()
                .any(|r: &RemovedHtml| r.line == line && r.what == what)
            {
                removed.push(RemovedHtml { line, what });
            }
        }
    }
    removed
}

/// Names what the allowlist takes out of a raw HTML snippet: elements it does not
/// allow, event-handler attributes and active URLs.
fn what_sanitizing_removes(raw: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = raw.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(start) = rest.find('<') {
        let tag: String = rest[start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !tag.is_empty() && !ALLOWED_TAGS.contains(tag.as_str()) {
            let what = format!("<{tag}>");
            if !found.contains(&what) {
                found.push(what);
            }
        }
        rest = &rest[start + 1..];
    }
    for (index, _) in lower.match_indices(" on") {
        let name: String = lower[index + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.len() > 2
            && lower[index + 1 + name.len()..]
                .trim_start()
                .starts_with('=')
        {
            found.push(format!("{name} attribute"));
        }
    }
    for scheme in ["javascript:", "data:", "vbscript:"] {
        if lower.contains(scheme) {
            found.push(format!("{scheme} link"));
        }
    }
    found
}

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

fn line_of(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Renders Markdown to an HTML fragment (citations are not treated specially).
#[cfg(test)]
fn render_html(markdown: &str) -> String {
    sanitize(&comrak::markdown_to_html(markdown, &options()))
}

/// A citation as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationMark {
    /// The citation key, lowercased (`reuters`).
    pub key: String,
    /// The exact page cited, if given, as written.
    pub url: Option<String>,
    /// The line it is on (1-based).
    pub line: u32,
    /// The article it belongs to (0-based position).
    pub article: u32,
}

/// An article as the text outlines it: a `#` heading and what follows until the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleOutline {
    /// The heading's text; empty for text before the first heading.
    pub headline: String,
    /// The line of the heading (1-based; 1 for text before any heading).
    pub line: u32,
}

/// The structure of an issue's text: its articles and their citations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueOutline {
    /// The articles, in order.
    pub articles: Vec<ArticleOutline>,
    /// The citations, in order of appearance.
    pub citations: Vec<CitationMark>,
}

/// One article rendered to HTML (its heading included), with its citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedArticle {
    /// The heading's text.
    pub headline: String,
    /// The article as an HTML fragment, citation marks removed.
    pub html: String,
    /// The same HTML in parts: the heading and lead (everything before the first
    /// `##`), then one part per `##` section, so templates can wrap each in
    /// `<section>`.
    pub parts: Vec<String>,
    /// Its citations, in order of appearance.
    pub citations: Vec<CitationMark>,
}

/// Finds the articles and citations of an issue's text.
pub fn outline(markdown: &str) -> IssueOutline {
    let (text, mut citations) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    let articles: Vec<ArticleOutline> = split_articles(root)
        .into_iter()
        .map(|(heading, _)| heading)
        .collect();
    assign_articles(&articles, &mut citations);
    IssueOutline {
        articles,
        citations,
    }
}

/// Renders each article of an issue's text separately, so that templates can put
/// its sources, photo and credit beside it.
pub fn render_articles(markdown: &str) -> Vec<RenderedArticle> {
    let (text, mut citations) = take_out_citations(markdown);
    let arena = Arena::new();
    let options = options();
    let root = parse_document(&arena, &text, &options);
    let groups = split_articles(root);
    let outlines: Vec<ArticleOutline> = groups.iter().map(|(o, _)| o.clone()).collect();
    assign_articles(&outlines, &mut citations);
    groups
        .into_iter()
        .enumerate()
        .map(|(index, (outline, nodes))| {
            // A new part starts at every `##` heading.
            let mut groups: Vec<Vec<&AstNode<'_>>> = vec![Vec::new()];
            for node in nodes {
                let is_section =
                    matches!(node.data.borrow().value, NodeValue::Heading(ref h) if h.level == 2);
                if is_section && !groups.last().is_some_and(Vec::is_empty) {
                    groups.push(Vec::new());
                }
                if let Some(group) = groups.last_mut() {
                    group.push(node);
                }
            }
            let parts: Vec<String> = groups
                .into_iter()
                .map(|group| {
                    let document = arena.alloc(AstNode::from(NodeValue::Document));
                    for node in group {
                        node.detach();
                        document.append(node);
                    }
                    let mut html = String::new();
                    // Writing into a String cannot fail.
                    let _ = format_html(document, &options, &mut html);
                    sanitize(&html)
                })
                .collect();
            RenderedArticle {
                headline: outline.headline,
                html: parts.concat(),
                parts,
                citations: citations
                    .iter()
                    .filter(|c| c.article as usize == index)
                    .cloned()
                    .collect(),
            }
        })
        .collect()
}

/// The width plain-text mail is wrapped at.
pub const TEXT_WIDTH: usize = 72;

/// One article as plain text, built from the syntax tree (not from HTML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextArticle {
    /// The article: headings underlined, paragraphs wrapped at [`TEXT_WIDTH`],
    /// each link followed by its number, `[1]`.
    pub text: String,
    /// The links' addresses, in number order.
    pub links: Vec<String>,
}

/// Renders each article of an issue's text as plain text.
pub fn render_text_articles(markdown: &str) -> Vec<TextArticle> {
    let (text, _) = take_out_citations(markdown);
    let arena = Arena::new();
    let root = parse_document(&arena, &text, &options());
    split_articles(root)
        .into_iter()
        .map(|(_, nodes)| {
            let mut writer = TextWriter::default();
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

type ArticleNodes<'a> = Vec<&'a AstNode<'a>>;

/// Groups the top-level blocks under each `#` heading. Text before the first heading
/// (if any) is an article without a headline.
fn split_articles<'a>(root: &'a AstNode<'a>) -> Vec<(ArticleOutline, ArticleNodes<'a>)> {
    let mut groups: Vec<(ArticleOutline, ArticleNodes<'a>)> = Vec::new();
    for node in root.children() {
        let (is_article_heading, line) = {
            let data = node.data.borrow();
            (
                matches!(data.value, NodeValue::Heading(ref h) if h.level == 1),
                data.sourcepos.start.line,
            )
        };
        if is_article_heading {
            let headline = node.collect_text().trim().to_owned();
            groups.push((
                ArticleOutline {
                    headline,
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                },
                vec![node],
            ));
        } else {
            match groups.last_mut() {
                Some((_, nodes)) => nodes.push(node),
                None => groups.push((
                    ArticleOutline {
                        headline: String::new(),
                        line: 1,
                    },
                    vec![node],
                )),
            }
        }
    }
    groups
}

fn assign_articles(articles: &[ArticleOutline], citations: &mut [CitationMark]) {
    for citation in citations {
        let index = articles
            .iter()
            .rposition(|article| article.line <= citation.line)
            .unwrap_or(0);
        citation.article = u32::try_from(index).unwrap_or(0);
    }
}

/// Removes citation marks from the text (with the spaces before them), keeping every
/// line where it was. Marks inside code are left alone.
pub fn take_out_citations(markdown: &str) -> (String, Vec<CitationMark>) {
    let mut out = String::with_capacity(markdown.len());
    let mut citations = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (index, line) in markdown.split_inclusive('\n').enumerate() {
        let line_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if let Some(marker) = fence_marker(line) {
            match fence {
                None => fence = Some(marker),
                Some((c, n)) if c == marker.0 && marker.1 >= n => fence = None,
                Some(_) => {}
            }
            out.push_str(line);
            continue;
        }
        if fence.is_some() || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        take_out_of_line(line, line_number, &mut out, &mut citations);
    }
    (out, citations)
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
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
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
                Some((length, key, url)) => {
                    let kept = line[copied..i].trim_end_matches([' ', '\t']);
                    out.push_str(kept);
                    citations.push(CitationMark {
                        key,
                        url,
                        line: line_number,
                        article: 0,
                    });
                    i += length;
                    copied = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    out.push_str(&line[copied.min(line.len())..]);
}

/// Reads `[@key]` or `[@key, url]` at the start of `text`: (length, key, url).
fn parse_mark(text: &str) -> Option<(usize, String, Option<String>)> {
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
    Some((
        inner_end + 1,
        key.to_ascii_lowercase(),
        url.map(str::to_owned),
    ))
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

    #[test]
    fn headings_and_paragraphs() {
        let html = render_html("# Title\n\n## Section\n\nText with *emphasis*.\n");
        assert_eq!(
            html,
            "<h1>Title</h1>\n<h2>Section</h2>\n<p>Text with <em>emphasis</em>.</p>\n"
        );
    }

    #[test]
    fn active_raw_html_is_removed_and_harmless_formatting_kept() {
        let text = "<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> <b>bold</b> <sup>2</sup>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n<style>p{}</style>\n\n<form action=\"/x\"><input name=a></form>\n\n<a href=\"javascript:alert(1)\">x</a> <a href=\"data:text/html,x\">y</a>\n";
        let html = render_html(text);
        for active in [
            "<script",
            "alert(1)",
            "onerror",
            "<iframe",
            "<style",
            "p{}",
            "<form",
            "<input",
            "javascript:",
            "data:",
        ] {
            assert!(!html.contains(active), "{active} survived: {html}");
        }
        assert!(
            html.contains("<b>bold</b>") && html.contains("<sup>2</sup>"),
            "{html}"
        );
        assert!(
            !html.contains("&lt;script"),
            "never shown as escaped tags: {html}"
        );
        let removed: Vec<_> = removed_html(text)
            .into_iter()
            .map(|r| (r.line, r.what))
            .collect();
        for expected in [
            (1, "<script>"),
            (3, "onerror attribute"),
            (5, "<iframe>"),
            (7, "<style>"),
            (9, "<form>"),
            (9, "<input>"),
            (11, "javascript: link"),
            (11, "data: link"),
        ] {
            assert!(
                removed.contains(&(expected.0, expected.1.to_owned())),
                "{expected:?} not reported in {removed:?}"
            );
        }
        assert!(
            !removed
                .iter()
                .any(|(_, what)| what == "<b>" || what == "<sup>"),
            "{removed:?}"
        );
    }

    #[test]
    fn malformed_markdown_still_renders() {
        let html = render_html("# \n\n[unclosed](\n\n**bold\n\n|a|b\n|-\n");
        assert!(html.contains("**bold"), "{html}");
    }

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
    fn not_citations_stay_as_text() {
        let text = "Mail [@ me] or [@bad key] or [@x, two words] or `[@code]`\n\n```\n[@fenced]\n```\n\n    [@indented]\n[link](https://x.org) and [@]\n";
        let (kept, citations) = take_out_citations(text);
        assert_eq!(kept, text);
        assert!(citations.is_empty(), "{citations:?}");
    }

    #[test]
    fn outline_finds_articles_and_assigns_citations() {
        let outline = outline(
            "Intro [@a]\n\n# First\n\nText [@b]\n\n## Section\n\nMore [@c]\n\n# Second *story*\n\n[@d]\n",
        );
        let headlines: Vec<_> = outline
            .articles
            .iter()
            .map(|a| (a.headline.as_str(), a.line))
            .collect();
        assert_eq!(headlines, vec![("", 1), ("First", 3), ("Second story", 11)]);
        let cited: Vec<_> = outline
            .citations
            .iter()
            .map(|c| (c.key.as_str(), c.article))
            .collect();
        assert_eq!(cited, vec![("a", 0), ("b", 1), ("c", 1), ("d", 2)]);
    }

    #[test]
    fn articles_render_separately_without_marks() {
        let articles = render_articles(
            "# One\n\nA [@x].\n\n# Two\n\nB.\n\n[ref]: https://example.org\n\nSee [ref].\n",
        );
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].html, "<h1>One</h1>\n<p>A.</p>\n");
        assert_eq!(articles[0].citations.len(), 1);
        assert!(
            articles[1]
                .html
                .contains("<a href=\"https://example.org\">ref</a>"),
            "{}",
            articles[1].html
        );
    }
}
