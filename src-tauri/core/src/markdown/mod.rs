//! Markdown, parsed with comrak, and the citations written in it.
//!
//! **Invariant:** no other module parses Markdown.
//!
//! Citations follow the Pandoc/Zotero convention: `[@reuters]` cites a source of the
//! library by its key, `[@reuters, https://www.reuters.com/…]` also names the exact
//! page. They are taken out of the text before comrak sees it (readers see them as
//! the `Sources:` line under each article), which keeps line numbers intact.

use comrak::nodes::{AstNode, NodeValue};

pub use crate::article::{ArticleHeading, CitationMark};
use comrak::{Arena, Options, format_html, parse_document};

mod citations;
mod sanitize;
mod text;
mod walk;

pub use citations::take_out_citations;
pub use sanitize::{RemovedHtml, link_rewriting_sanitizer, removed_html, sanitize};
pub use text::{
    LinkNumbers, TEXT_WIDTH, TextArticle, render_text_articles, render_text_articles_numbered,
};
pub use walk::{has_placeholder, headings, links, placeholder_lines};

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

/// The structure of an issue's text: its articles and their citations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssueOutline {
    /// The articles, in order.
    pub articles: Vec<ArticleHeading>,
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
    let articles: Vec<ArticleHeading> = split_articles(root)
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
    let outlines: Vec<ArticleHeading> = groups.iter().map(|(o, _)| o.clone()).collect();
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

fn line_of(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

type ArticleNodes<'a> = Vec<&'a AstNode<'a>>;

/// Groups the top-level blocks under each `#` heading. Text before the first heading
/// (if any) is an article without a headline.
fn split_articles<'a>(root: &'a AstNode<'a>) -> Vec<(ArticleHeading, ArticleNodes<'a>)> {
    let mut groups: Vec<(ArticleHeading, ArticleNodes<'a>)> = Vec::new();
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
                ArticleHeading {
                    headline,
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                },
                vec![node],
            ));
        } else {
            match groups.last_mut() {
                Some((_, nodes)) => nodes.push(node),
                None => groups.push((
                    ArticleHeading {
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

fn assign_articles(articles: &[ArticleHeading], citations: &mut [CitationMark]) {
    for citation in citations {
        let index = articles
            .iter()
            .rposition(|article| article.line <= citation.line)
            .unwrap_or(0);
        citation.article = u32::try_from(index).unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
