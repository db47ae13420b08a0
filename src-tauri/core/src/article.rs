//! Articles (each `#` heading of an issue's text) and what they cite: as written in
//! the text, as stored after a save, and as an issue file describes them.

use serde::{Deserialize, Serialize};

/// One `[@key]` or `[@key, https://…]` of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    /// The source's citation key (it may be missing from the library).
    pub key: String,
    /// The exact page cited, or empty.
    pub url: String,
    /// The title of the page, if an editor added it.
    pub title: String,
    /// When the page was read (YYYY-MM-DD), if an editor added it.
    pub accessed: Option<String>,
    /// The line of the issue text it is on (1-based).
    pub line: u32,
}

/// An article of an issue, with what it cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ArticleSummary {
    /// Its place in the issue (0-based).
    pub position: u32,
    /// The text of its `#` heading.
    pub headline: String,
    /// The line of its heading (1-based).
    pub line: u32,
    /// Its citations, in order.
    pub citations: Vec<Citation>,
}

/// An article's heading as the text outlines it: a `#` heading and what follows
/// until the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHeading {
    /// The heading's text; empty for text before the first heading.
    pub headline: String,
    /// The line of the heading (1-based; 1 for text before any heading).
    pub line: u32,
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

/// What an issue file's front matter says about one article, in body order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// The key of its lead photo in the photo library.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    /// Whether the lead photo was cropped.
    #[serde(default, skip_serializing_if = "is_false")]
    pub photo_cropped: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
pub(crate) fn is_false(value: &bool) -> bool {
    !*value
}

/// How long a text takes to read, in whole minutes (at least one for any words), at
/// [`WORDS_PER_MINUTE`].
pub fn reading_minutes(words: u32) -> u32 {
    if words == 0 {
        0
    } else {
        words.div_ceil(WORDS_PER_MINUTE)
    }
}

/// The reading speed reading times assume: a common figure for adults reading news
/// on a screen.
pub const WORDS_PER_MINUTE: u32 = 230;

/// The outline of an issue's text: its articles and their sections, with their
/// lines and lengths, for the editor's navigation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Outline {
    /// The articles, in order (text before the first `#` is one without a headline).
    pub articles: Vec<OutlineArticle>,
    /// The words of the whole text (headings included, citation marks not).
    pub words: u32,
    /// How long the whole issue takes to read, in minutes.
    pub reading_minutes: u32,
}

/// An article in an [`Outline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OutlineArticle {
    /// The text of its `#` heading; empty for text before the first heading.
    pub headline: String,
    /// The line of its heading (1-based).
    pub line: u32,
    /// Its words.
    pub words: u32,
    /// How long it takes to read, in minutes.
    pub reading_minutes: u32,
    /// Its `##` sections, in order.
    pub sections: Vec<OutlineSection>,
}

/// A `##` section in an [`Outline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OutlineSection {
    /// The text of its heading.
    pub heading: String,
    /// The line of its heading (1-based).
    pub line: u32,
    /// Its words (heading included).
    pub words: u32,
}
