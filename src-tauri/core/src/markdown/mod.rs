//! Markdown, parsed with comrak, and the citations written in it.
//!
//! **Invariant:** no other module parses Markdown, and an issue's text is parsed once
//! per change: [`IssueParser::parse`] makes a [`ParsedIssue`], which holds everything
//! the outputs and the preflight use (articles rendered to HTML and plain text,
//! citations, links, headings, placeholders, removed HTML, word counts).
//!
//! The text is cut into pieces at its article headings ([`chunks`]), each parsed and
//! rendered on its own and remembered by its text: a keystroke in one article of a
//! long issue parses and renders that article again, and nothing else. No walk is
//! recursive, none worse than linear, and nesting is bounded ([`depth`]) before
//! anything renders it.
//!
//! Citations follow the Pandoc/Zotero convention: `[@reuters]` cites a source of the
//! library by its key, `[@reuters, https://www.reuters.com/…]` also names the exact
//! page. They are taken out of the text before comrak sees it (readers see them as
//! the `Sources:` line under each article), which keeps line numbers intact.

use std::collections::HashMap;
use std::sync::Arc;

use comrak::nodes::{AstNode, NodeValue};
use comrak::options::BrokenLinkReference;
use comrak::{Arena, Options, ResolvedReference, format_html, parse_document};

pub use crate::article::{ArticleHeading, CitationMark};
use crate::article::{Outline, OutlineArticle, OutlineSection, reading_minutes};
use crate::memo::{TextMemo, hash_of};

mod chunks;
mod citations;
mod depth;
mod sanitize;
mod text;
mod walk;

pub use citations::{rename_citations, take_out_citations};
pub use depth::{MAX_HTML_NESTING, MAX_NESTING};
pub use sanitize::{RemovedHtml, cells_aligned_by_css, rewrite_links, sanitize};
pub use text::{LinkNumbers, TEXT_WIDTH, TextArticle, WrittenText};
pub use walk::{HeadingMark, LinkMark, has_placeholder};

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

fn line_of(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// An issue's text, parsed once.
#[derive(Debug, Clone, Default)]
pub struct ParsedIssue {
    /// The articles (each `#` heading; text before the first one is an article
    /// without a headline), in order.
    pub articles: Vec<ParsedArticle>,
    /// The citations, in order of appearance.
    pub citations: Vec<CitationMark>,
    /// Links and images, in order (citation addresses are in `citations`).
    pub links: Vec<LinkMark>,
    /// Headings at the top level, in order.
    pub headings: Vec<HeadingMark>,
    /// The lines with a `TK` placeholder.
    pub placeholder_lines: Vec<u32>,
    /// Raw HTML every output removes.
    pub removed_html: Vec<RemovedHtml>,
    /// The lines where nesting deeper than [`MAX_NESTING`] levels was flattened, or
    /// HTML deeper than [`MAX_HTML_NESTING`] cut.
    pub flattened_lines: Vec<u32>,
    /// The pieces the text was parsed in, in order: what of the above each made.
    pub(crate) pieces: Vec<ParsedPiece>,
}

/// One piece of a parsed text (see [`chunks`]): where it is, and which of the
/// marks of [`ParsedIssue`] are its, so that work on its marks can be remembered
/// by its text as its parse is.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParsedPiece {
    /// Its bytes in the text.
    pub(crate) text: std::ops::Range<usize>,
    /// The line before its first (0-based): a line of the piece counted from 1 at
    /// its start is this much further on in the text.
    pub(crate) first_line: u32,
    /// What else its parse depended on (the text's link reference definitions).
    pub(crate) salt: u64,
    /// Its citations, links, headings, placeholder lines, removed HTML and
    /// flattened lines, as positions in the lists of [`ParsedIssue`].
    pub(crate) citations: std::ops::Range<usize>,
    pub(crate) links: std::ops::Range<usize>,
    pub(crate) headings: std::ops::Range<usize>,
    pub(crate) placeholder_lines: std::ops::Range<usize>,
    pub(crate) removed_html: std::ops::Range<usize>,
    pub(crate) flattened_lines: std::ops::Range<usize>,
}

/// One article of a parsed text.
#[derive(Debug, Clone)]
pub struct ParsedArticle {
    /// The heading's text; empty for text before the first heading.
    pub headline: String,
    /// The line of the heading (1-based; 1 for text before any heading).
    pub line: u32,
    /// How many words it has (headings included, citation marks not).
    pub words: usize,
    /// Its `##` sections: heading, line and words.
    pub sections: Vec<OutlineSection>,
    /// Its citations, as positions in [`ParsedIssue::citations`].
    pub citations: std::ops::Range<usize>,
    rendered: Arc<Rendered>,
}

/// An article rendered, as the cache keeps it.
#[derive(Debug)]
struct Rendered {
    /// The heading and lead (everything before the first `##`), then one part per
    /// `##` section: sanitised HTML fragments.
    parts: Vec<String>,
    text: TextArticle,
}

impl ParsedArticle {
    /// Its HTML in parts: heading and lead, then one part per `##` section.
    pub fn parts(&self) -> &[String] {
        &self.rendered.parts
    }

    /// Its whole HTML (heading included).
    pub fn html(&self) -> String {
        self.rendered.parts.concat()
    }

    /// It as plain text, links numbered within it.
    pub fn text(&self) -> &TextArticle {
        &self.rendered.text
    }
}

impl ParsedIssue {
    /// The articles' headings and lines.
    pub fn article_headings(&self) -> Vec<ArticleHeading> {
        self.articles
            .iter()
            .map(|article| ArticleHeading {
                headline: article.headline.clone(),
                line: article.line,
            })
            .collect()
    }

    /// The citations of article `index`.
    pub fn citations_of(&self, index: usize) -> &[CitationMark] {
        self.articles
            .get(index)
            .map_or(&[], |article| &self.citations[article.citations.clone()])
    }

    /// The article line `line` is in (0-based), if any.
    pub fn article_at(&self, line: u32) -> Option<u32> {
        let after = self
            .articles
            .partition_point(|article| article.line <= line);
        after
            .checked_sub(1)
            .and_then(|index| u32::try_from(index).ok())
    }

    /// How many words the text has.
    pub fn words(&self) -> usize {
        self.articles.iter().map(|article| article.words).sum()
    }

    /// Its articles and sections with their lines, words and reading times.
    pub fn outline(&self) -> Outline {
        let count = |words: usize| u32::try_from(words).unwrap_or(u32::MAX);
        let words = count(self.words());
        Outline {
            articles: self
                .articles
                .iter()
                .map(|article| OutlineArticle {
                    headline: article.headline.clone(),
                    line: article.line,
                    words: count(article.words),
                    reading_minutes: reading_minutes(count(article.words)),
                    sections: article.sections.clone(),
                })
                .collect(),
            words,
            reading_minutes: reading_minutes(words),
        }
    }
}

/// Parses issue texts, remembering each piece by its text so that an unchanged
/// article is never parsed or rendered twice. Shared between threads.
#[derive(Debug)]
pub struct IssueParser {
    pieces: TextMemo<PieceAnalysis>,
}

/// How much piece text the parser remembers: a few long issues' worth.
const REMEMBERED_BYTES: usize = 16 * 1024 * 1024;

impl Default for IssueParser {
    fn default() -> Self {
        IssueParser {
            pieces: TextMemo::new(REMEMBERED_BYTES),
        }
    }
}

impl IssueParser {
    /// Parses `text` (citation marks in it are taken out as they are read).
    pub fn parse(&self, text: &str) -> ParsedIssue {
        let (definitions, salt) = definitions_of(text);
        let mut parsed = ParsedIssue::default();
        for (piece, piece_text) in pieces_of(text) {
            let analysis = self
                .pieces
                .get_or(piece_text, salt, || analyse(piece_text, &definitions));
            parsed.append(&analysis, &piece, salt);
        }
        parsed
    }
}

impl IssueParser {
    /// The articles' headings and the citations of `text`, as [`IssueParser::parse`]
    /// finds them, without rendering what is not remembered already: what a save
    /// keeps in the store, and all it needs.
    pub fn article_marks(&self, text: &str) -> ArticleMarks {
        let (definitions, salt) = definitions_of(text);
        let mut marks = ArticleMarks::default();
        for (piece, piece_text) in pieces_of(text) {
            let (headings, citations): (Vec<ArticleHeading>, _) =
                match self.pieces.kept(piece_text, salt) {
                    Some(analysis) => (
                        analysis
                            .articles
                            .iter()
                            .map(|article| ArticleHeading {
                                headline: article.headline.clone(),
                                line: article.line,
                            })
                            .collect(),
                        analysis.citations.clone(),
                    ),
                    None => {
                        let arena = Arena::new();
                        let tree = PieceTree::parse(&arena, piece_text, &definitions);
                        let headings = tree.groups.into_iter().map(|(heading, _)| heading);
                        (headings.collect(), tree.citations)
                    }
                };
            let first_article = u32::try_from(marks.headings.len()).unwrap_or(u32::MAX);
            marks
                .citations
                .extend(shifted(&citations, piece.first_line, first_article));
            marks
                .headings
                .extend(headings.into_iter().map(|heading| ArticleHeading {
                    line: heading.line.saturating_add(piece.first_line),
                    ..heading
                }));
        }
        marks
    }
}

/// What the store keeps of a text's articles: their headings and citations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMarks {
    /// The articles' headings and lines, in order.
    pub headings: Vec<ArticleHeading>,
    /// The citations, in order of appearance.
    pub citations: Vec<CitationMark>,
}

impl ParsedIssue {
    /// What the store keeps of its articles.
    pub fn article_marks(&self) -> ArticleMarks {
        ArticleMarks {
            headings: self.article_headings(),
            citations: self.citations.clone(),
        }
    }
}

/// The pieces of `text`, each with its text.
fn pieces_of(text: &str) -> impl Iterator<Item = (chunks::Piece, &str)> {
    chunks::pieces(text)
        .into_iter()
        .map(|piece| (piece, &text[piece.start..piece.end]))
}

/// Link reference definitions by label: URL and title.
type Definitions = HashMap<String, (String, String)>;

/// The one-line link reference definitions of `text`, and a hash of them: every
/// piece's parse depends on them.
fn definitions_of(text: &str) -> (Arc<Definitions>, u64) {
    let definitions = chunks::reference_definitions(text);
    let mut sorted: Vec<_> = definitions.iter().collect();
    sorted.sort_unstable();
    let salt = hash_of(&sorted);
    (Arc::new(definitions), salt)
}

/// A piece's citations with lines counted in the text (the piece starts after line
/// `first_line`) and articles in the issue (its first is `first_article`).
fn shifted(
    citations: &[CitationMark],
    first_line: u32,
    first_article: u32,
) -> impl Iterator<Item = CitationMark> + '_ {
    citations.iter().map(move |citation| CitationMark {
        key: citation.key.clone(),
        url: citation.url.clone(),
        line: citation.line.saturating_add(first_line),
        article: citation.article.saturating_add(first_article),
    })
}

/// One piece parsed and rendered, with lines counted from the piece's start (1 for
/// its first line) and articles from its first: the same wherever the piece stands.
#[derive(Debug)]
struct PieceAnalysis {
    articles: Vec<PieceArticle>,
    citations: Vec<CitationMark>,
    marks: walk::Marks,
    flattened_lines: Vec<u32>,
}

#[derive(Debug)]
struct PieceArticle {
    headline: String,
    line: u32,
    words: usize,
    sections: Vec<OutlineSection>,
    rendered: Arc<Rendered>,
}

impl ParsedIssue {
    /// Adds `piece` of the text (parsed with `salt`) and remembers which of the
    /// marks are its.
    fn append(&mut self, analysis: &PieceAnalysis, piece: &chunks::Piece, salt: u64) {
        let before = self.mark_counts();
        self.append_marks(analysis, piece.first_line);
        let after = self.mark_counts();
        let range = |index: usize| before[index]..after[index];
        self.pieces.push(ParsedPiece {
            text: piece.start..piece.end,
            first_line: piece.first_line,
            salt,
            citations: range(0),
            links: range(1),
            headings: range(2),
            placeholder_lines: range(3),
            removed_html: range(4),
            flattened_lines: range(5),
        });
    }

    /// How many of each mark there are, in the order of [`ParsedPiece`]'s ranges.
    fn mark_counts(&self) -> [usize; 6] {
        [
            self.citations.len(),
            self.links.len(),
            self.headings.len(),
            self.placeholder_lines.len(),
            self.removed_html.len(),
            self.flattened_lines.len(),
        ]
    }

    /// Adds a piece's marks; it starts on line `first_line` (0-based) of the text.
    fn append_marks(&mut self, piece: &PieceAnalysis, first_line: u32) {
        let line = |relative: u32| relative.saturating_add(first_line);
        let first_article = u32::try_from(self.articles.len()).unwrap_or(u32::MAX);
        let first_citation = self.citations.len();
        self.citations
            .extend(shifted(&piece.citations, first_line, first_article));
        let mut next_citation = first_citation;
        for (index, article) in (0_u32..).zip(&piece.articles) {
            let end = next_citation
                + piece.citations[next_citation - first_citation..]
                    .iter()
                    .take_while(|citation| citation.article == index)
                    .count();
            self.articles.push(ParsedArticle {
                headline: article.headline.clone(),
                line: line(article.line),
                words: article.words,
                sections: article
                    .sections
                    .iter()
                    .map(|section| OutlineSection {
                        line: line(section.line),
                        ..section.clone()
                    })
                    .collect(),
                citations: next_citation..end,
                rendered: Arc::clone(&article.rendered),
            });
            next_citation = end;
        }
        self.links
            .extend(piece.marks.links.iter().map(|link| LinkMark {
                line: line(link.line),
                ..link.clone()
            }));
        self.headings
            .extend(piece.marks.headings.iter().map(|heading| HeadingMark {
                line: line(heading.line),
                ..heading.clone()
            }));
        self.placeholder_lines
            .extend(piece.marks.placeholder_lines.iter().map(|l| line(*l)));
        self.removed_html
            .extend(piece.marks.removed_html.iter().map(|removed| RemovedHtml {
                line: line(removed.line),
                what: removed.what.clone(),
            }));
        self.flattened_lines
            .extend(piece.flattened_lines.iter().map(|l| line(*l)));
    }
}

/// Parses and renders one piece: one comrak parse, the nesting bounded, one walk,
/// and each article rendered to HTML (sanitised) and plain text.
fn analyse(piece: &str, definitions: &Arc<Definitions>) -> PieceAnalysis {
    let arena = Arena::new();
    let PieceTree {
        options,
        citations,
        mut flattened_lines,
        marks,
        groups,
    } = PieceTree::parse(&arena, piece, definitions);
    let articles = groups
        .into_iter()
        .map(|(heading, nodes)| {
            let words = count_words(&nodes);
            let sections = sections_of(&nodes);
            let text = text::article_text(&nodes);
            let (parts, cut) = render_parts(&arena, nodes, &options);
            if cut && flattened_lines.last() != Some(&heading.line) {
                flattened_lines.push(heading.line);
            }
            PieceArticle {
                headline: heading.headline,
                line: heading.line,
                words,
                sections,
                rendered: Arc::new(Rendered { parts, text }),
            }
        })
        .collect();
    flattened_lines.sort_unstable();
    flattened_lines.dedup();
    PieceAnalysis {
        articles,
        citations,
        marks,
        flattened_lines,
    }
}

/// One piece parsed: one comrak parse, the nesting bounded, one walk, the blocks
/// grouped by article and each citation given its article.
struct PieceTree<'a> {
    options: Options<'static>,
    citations: Vec<CitationMark>,
    flattened_lines: Vec<u32>,
    marks: walk::Marks,
    groups: Vec<(ArticleHeading, ArticleNodes<'a>)>,
}

impl<'a> PieceTree<'a> {
    fn parse(arena: &'a Arena<'a>, piece: &str, definitions: &Arc<Definitions>) -> Self {
        let (text, mut citations) = take_out_citations(piece);
        let mut options = options();
        if !definitions.is_empty() {
            let definitions = Arc::clone(definitions);
            options.parse.broken_link_callback =
                Some(Arc::new(move |link: BrokenLinkReference| {
                    definitions
                        .get(&chunks::normalise_label(link.original))
                        .map(|(url, title)| ResolvedReference {
                            url: url.clone(),
                            title: title.clone(),
                        })
                }));
        }
        let (text, mut flattened_lines) = depth::bound_line_markers(&text, MAX_NESTING);
        let root = parse_document(arena, &text, &options);
        flattened_lines.extend(depth::flatten(arena, root, MAX_NESTING));
        let marks = walk::marks(root);
        let groups = split_articles(root);
        let headings: Vec<ArticleHeading> =
            groups.iter().map(|(heading, _)| heading.clone()).collect();
        assign_articles(&headings, &mut citations);
        PieceTree {
            options,
            citations,
            flattened_lines,
            marks,
            groups,
        }
    }
}

/// The most `##` sections an article is cut into; any further ones stay in the last
/// part. Each part is sanitised on its own, and 40,000 headings make 40,000 parts.
const MAX_SECTIONS: usize = 64;

/// The article's HTML in parts (a new one at every `##`, up to [`MAX_SECTIONS`]), each formatted, its
/// nesting cut to [`MAX_HTML_NESTING`] and sanitised; and whether anything was cut.
fn render_parts<'a>(
    arena: &'a Arena<'a>,
    nodes: Vec<&'a AstNode<'a>>,
    options: &Options<'_>,
) -> (Vec<String>, bool) {
    let mut groups: Vec<Vec<&AstNode<'_>>> = vec![Vec::new()];
    for node in nodes {
        let is_section =
            matches!(node.data.borrow().value, NodeValue::Heading(ref h) if h.level == 2);
        if is_section && !groups.last().is_some_and(Vec::is_empty) && groups.len() <= MAX_SECTIONS {
            groups.push(Vec::new());
        }
        if let Some(group) = groups.last_mut() {
            group.push(node);
        }
    }
    let mut cut = false;
    let parts = groups
        .into_iter()
        .map(|group| {
            let document = arena.alloc(AstNode::from(NodeValue::Document));
            for node in group {
                node.detach();
                document.append(node);
            }
            let mut html = String::new();
            // Writing into a String cannot fail.
            let _ = format_html(document, options, &mut html);
            let (limited, was_cut) = depth::limit_html(&html, MAX_HTML_NESTING);
            cut |= was_cut;
            cells_aligned_by_css(&sanitize(&limited)).into_owned()
        })
        .collect();
    (parts, cut)
}

/// Words in the text of `nodes` (code included).
fn count_words<'a>(nodes: &[&'a AstNode<'a>]) -> usize {
    let mut words = 0;
    for node in nodes {
        for descendant in node.descendants() {
            match &descendant.data.borrow().value {
                NodeValue::Text(literal) => words += literal.split_whitespace().count(),
                NodeValue::Code(code) => words += code.literal.split_whitespace().count(),
                NodeValue::CodeBlock(code) => words += code.literal.split_whitespace().count(),
                _ => {}
            }
        }
    }
    words
}

/// The `##` sections among an article's blocks, each with its words (the words of the
/// blocks from its heading to the next `##`).
fn sections_of<'a>(nodes: &[&'a AstNode<'a>]) -> Vec<OutlineSection> {
    let mut sections: Vec<OutlineSection> = Vec::new();
    for node in nodes {
        let (is_section, line) = {
            let data = node.data.borrow();
            (
                matches!(data.value, NodeValue::Heading(ref h) if h.level == 2),
                data.sourcepos.start.line,
            )
        };
        if is_section {
            sections.push(OutlineSection {
                heading: node.collect_text().trim().to_owned(),
                line: line_of(line),
                words: 0,
            });
        }
        if let Some(section) = sections.last_mut() {
            let words = u32::try_from(count_words(&[node])).unwrap_or(u32::MAX);
            section.words = section.words.saturating_add(words);
        }
    }
    sections
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
                    line: line_of(line),
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

/// Gives each citation the article it is in: the last one starting on or before its
/// line (the first, for a citation before any).
fn assign_articles(articles: &[ArticleHeading], citations: &mut [CitationMark]) {
    for citation in citations {
        let after = articles.partition_point(|article| article.line <= citation.line);
        citation.article = u32::try_from(after.saturating_sub(1)).unwrap_or(0);
    }
}

/// Every article of a text as plain text, links numbered across them (tests).
#[cfg(test)]
pub fn render_text_articles(markdown: &str) -> Vec<WrittenText> {
    render_text_articles_numbered(markdown, &mut LinkNumbers::default())
}

/// Every article of a text as plain text, links numbered with `numbers` (tests).
#[cfg(test)]
pub fn render_text_articles_numbered(
    markdown: &str,
    numbers: &mut LinkNumbers,
) -> Vec<WrittenText> {
    IssueParser::default()
        .parse(markdown)
        .articles
        .iter()
        .map(|article| article.text().write(numbers))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedIssue {
        IssueParser::default().parse(text)
    }

    #[test]
    fn links_and_images_with_their_lines() {
        let found: Vec<_> = parse(
            "# A\n\nSee [the report](http://example.org/r) [@x, http://cite.org]\nand ![map](https://example.org/m.png) or <https://example.org>.\n\n`[not](http://code)`\n",
        )
        .links
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
        let found: Vec<_> = parse(
            "# One\n\nText.\n\n## Empty\n\n## Full\n\nText. [@x]\n\n## Parent\n\n### Child\n\nText.\n\n## Only a citation\n\n[@x]\n\n# Two\n",
        )
        .headings
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
        assert_eq!(parse(text).placeholder_lines, vec![1, 3, 5, 13]);
        assert!(has_placeholder("Quote TK."));
        assert!(!has_placeholder("TKT, TK1, Tk"));
    }

    #[test]
    fn articles_find_their_headings_and_citations() {
        let parsed = parse(
            "Intro [@a]\n\n# First\n\nText [@b]\n\n## Section\n\nMore [@c]\n\n# Second *story*\n\n[@d]\n",
        );
        let headlines: Vec<_> = parsed
            .articles
            .iter()
            .map(|a| (a.headline.as_str(), a.line))
            .collect();
        assert_eq!(headlines, vec![("", 1), ("First", 3), ("Second story", 11)]);
        let cited: Vec<_> = parsed
            .citations
            .iter()
            .map(|c| (c.key.as_str(), c.article))
            .collect();
        assert_eq!(cited, vec![("a", 0), ("b", 1), ("c", 1), ("d", 2)]);
        let of_first: Vec<_> = parsed
            .citations_of(1)
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(of_first, vec!["b", "c"]);
        assert_eq!(parsed.article_at(12), Some(2));
    }

    #[test]
    fn articles_render_separately_without_marks() {
        let parsed =
            parse("# One\n\nA [@x].\n\n# Two\n\nB.\n\n[ref]: https://example.org\n\nSee [ref].\n");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].html(), "<h1>One</h1>\n<p>A.</p>\n");
        assert_eq!(parsed.citations_of(0).len(), 1);
        assert!(
            parsed.articles[1]
                .html()
                .contains("<a href=\"https://example.org\">ref</a>"),
            "{}",
            parsed.articles[1].html()
        );
    }

    #[test]
    fn references_defined_in_another_article_still_resolve() {
        let parsed = parse(
            "# One\n\nSee [the report][r] and [the map].\n\n# Notes\n\n[r]: https://example.org/r \"Report\"\n[The Map]: https://example.org/m\n",
        );
        let html = parsed.articles[0].html();
        assert!(
            html.contains(r#"<a href="https://example.org/r" title="Report">the report</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://example.org/m">the map</a>"#),
            "{html}"
        );
    }

    #[test]
    fn outline_of_articles_and_sections_with_words_and_reading_times() {
        let words = |n: usize| vec!["word"; n].join(" ");
        let text = format!(
            "Before any heading.\n\n# First story\n\n{} [@reuters]\n\n## What happened\n\n{}\n\n## Next\n\n{}\n\n# Second *story*\n\n{}\n",
            words(10),
            words(100),
            words(20),
            words(500)
        );
        let outline = parse(&text).outline();
        let summary: Vec<_> = outline
            .articles
            .iter()
            .map(|a| (a.headline.as_str(), a.line, a.words, a.reading_minutes))
            .collect();
        assert_eq!(
            summary,
            [
                ("", 1, 3, 1),
                ("First story", 3, 2 + 10 + 2 + 100 + 1 + 20, 1),
                ("Second story", 15, 2 + 500, 3),
            ]
        );
        let sections: Vec<_> = outline.articles[1]
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.line, s.words))
            .collect();
        assert_eq!(sections, [("What happened", 7, 102), ("Next", 11, 21)]);
        assert_eq!(outline.words, 3 + 135 + 502);
        assert_eq!(outline.reading_minutes, 3);
        // The same outline when the text is parsed in pieces remembered from before.
        let parser = IssueParser::default();
        parser.parse(&text);
        assert_eq!(parser.parse(&text).outline(), outline);
    }

    #[test]
    fn a_keystroke_in_one_article_parses_only_that_article_again() {
        let parser = IssueParser::default();
        let first = "# One\n\nA.\n\n# Two\n\nB.\n";
        let a = parser.parse(first);
        let b = parser.parse("# One\n\nA.\n\n# Two\n\nBe.\n");
        assert!(Arc::ptr_eq(
            &a.articles[0].rendered,
            &b.articles[0].rendered
        ));
        assert!(!Arc::ptr_eq(
            &a.articles[1].rendered,
            &b.articles[1].rendered
        ));
        assert_eq!(b.articles[1].html(), "<h1>Two</h1>\n<p>Be.</p>\n");
        // The same article lower down keeps its lines right.
        let c = parser.parse("Lead\n\n# One\n\nA.\n\n# Two\n\nB.\n");
        assert_eq!(
            c.articles.iter().map(|a| a.line).collect::<Vec<_>>(),
            vec![1, 3, 7]
        );
    }

    #[test]
    fn words_are_counted_per_article() {
        let parsed = parse("# One two\n\nThree four five. [@x]\n\n# Six\n\n`seven eight`\n");
        let words: Vec<_> = parsed.articles.iter().map(|a| a.words).collect();
        assert_eq!(words, vec![5, 3]);
        assert_eq!(parsed.words(), 8);
    }

    #[test]
    fn deep_nesting_is_bounded_and_named() {
        let deep = format!(
            "# A\n\n{}x\n\n{}y\n",
            ">".repeat(5_000),
            "<div>".repeat(5_000)
        );
        let parsed = parse(&deep);
        assert_eq!(parsed.flattened_lines, vec![1, 3]);
        let html = parsed.articles[0].html();
        assert!(
            html.matches("<blockquote>").count() <= MAX_NESTING,
            "{}",
            html.len()
        );
        assert!(html.matches("<div>").count() <= MAX_HTML_NESTING);
        assert!(html.contains('x') && html.contains('y'));
    }

    proptest::proptest! {
        /// What a save keeps of a text is what the whole parse finds, whether its
        /// pieces were parsed before or not.
        #[test]
        fn article_marks_are_those_of_the_whole_parse(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "# Article [@reuters]",
                    "# See [the report][ref]",
                    "## Section",
                    "",
                    "Text. [@afp, https://example.org/a]",
                    "More [@reuters] and [@ap].",
                    "[ref]: https://ref.example.org",
                    "```",
                    "# in code?",
                    "<div>",
                    "> # quoted [@quoted]",
                    "Before *any* heading [@early].",
                ]),
                0..30,
            ),
            remembered in proptest::prelude::any::<bool>(),
        ) {
            let text = lines.join("\n");
            let parser = IssueParser::default();
            let whole = parser.parse(&text).article_marks();
            let fresh = if remembered {
                parser.article_marks(&text)
            } else {
                IssueParser::default().article_marks(&text)
            };
            proptest::prop_assert_eq!(fresh, whole);
        }
    }
}
