//! Citations: an article citing a source, as stored after a save.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One `[@key]` or `[@key, https://…]` of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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
