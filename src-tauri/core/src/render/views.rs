//! What templates see of an issue: its articles with their Sources line and lead
//! photo, ready to print.

use std::collections::HashMap;

use serde::Serialize;

use crate::links::check_web_url;
use crate::markdown::{ParsedIssue, TextArticle};
use crate::photo::{CreditSegment, Photo};
use crate::publication::Publication;
use crate::source::SourceLabel;

/// One article as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The heading's text.
    pub headline: String,
    /// The article's HTML (heading included).
    pub html: String,
    /// The heading and lead paragraphs, before the first section.
    pub lead: String,
    /// Each `##` section's HTML.
    pub sections: Vec<String>,
    /// The outlets it cites, in order of first citation: the `Sources:` line.
    pub sources: Vec<SourceLink>,
    /// Its lead photo.
    pub photo: Option<PhotoView>,
    /// It as plain text, for the plain-text edition.
    #[serde(skip)]
    pub text: TextArticle,
}

/// A lead photo as templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoView {
    /// Where the image is: under the publication's web address when it has one
    /// (absolute, as email needs), else `photos/<file>` beside the exported page.
    pub url: String,
    /// The file name in the asset folder (and in `photos/` of an export).
    pub file: String,
    /// Its alt text.
    pub alt: String,
    /// Width in pixels of the image.
    pub width: u32,
    /// Height in pixels of the image.
    pub height: u32,
    /// Width in pixels in the 552 px column of the email.
    pub email_width: u32,
    /// Height in pixels in the email, keeping the proportions.
    pub email_height: u32,
    /// The caption, if any.
    pub caption: String,
    /// The credit (TASL) as plain text.
    pub credit_line: String,
    /// The credit in pieces, with what each links to.
    pub credit: Vec<CreditSegment>,
}

/// The content width of the email column: 600 px less 24 px padding each side.
const EMAIL_CONTENT_WIDTH: u32 = 552;

/// How templates see a lead photo of this publication.
pub fn photo_view(publication: &Publication, photo: &Photo) -> PhotoView {
    let relative = format!("photos/{}", photo.file);
    let url = publication
        .web_base()
        .and_then(|base| base.join(&relative).ok())
        .map_or(relative, String::from);
    let width = photo.width.unwrap_or(EMAIL_CONTENT_WIDTH).max(1);
    let height = photo
        .height
        .unwrap_or_else(|| width.saturating_mul(9) / 16)
        .max(1);
    let email_width = width.min(EMAIL_CONTENT_WIDTH);
    let email_height = u32::try_from(u64::from(height) * u64::from(email_width) / u64::from(width))
        .unwrap_or(u32::MAX);
    let credit = photo.credit();
    PhotoView {
        url,
        file: photo.file.clone(),
        alt: photo.alt.clone(),
        width,
        height,
        email_width,
        email_height,
        caption: photo.caption.clone(),
        credit_line: credit.line(),
        credit: credit.segments(),
    }
}

/// An entry of the `Sources:` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLink {
    /// The short name readers see (the key itself when it is not in the library).
    pub name: String,
    /// Where the name links to: the first exact page cited, else the homepage. Only
    /// http(s) addresses ever become links.
    pub url: Option<String>,
}

/// The articles of a parsed text with their `Sources:` lines built from the
/// citations, each source named as the library names it.
pub fn article_views(
    parsed: &ParsedIssue,
    labels: &HashMap<String, SourceLabel>,
) -> Vec<ArticleView> {
    parsed
        .articles
        .iter()
        .enumerate()
        .map(|(index, article)| {
            // (key, first exact page cited) in order of first citation.
            let mut cited: Vec<(&str, Option<String>)> = Vec::new();
            let mut position: HashMap<&str, usize> = HashMap::new();
            for citation in parsed.citations_of(index) {
                let url = || {
                    citation
                        .url
                        .as_deref()
                        .and_then(|url| check_web_url(url).ok())
                };
                match position.get(citation.key.as_str()) {
                    Some(&at) => {
                        if cited[at].1.is_none() {
                            cited[at].1 = url();
                        }
                    }
                    None => {
                        position.insert(&citation.key, cited.len());
                        cited.push((&citation.key, url()));
                    }
                }
            }
            let sources = cited
                .into_iter()
                .map(|(key, url)| {
                    let label = labels.get(key);
                    SourceLink {
                        name: label.map_or_else(|| key.to_owned(), |l| l.name.clone()),
                        url: url.or_else(|| label.and_then(|l| check_web_url(&l.homepage).ok())),
                    }
                })
                .collect();
            let mut parts = article.parts().iter().cloned();
            ArticleView {
                headline: article.headline.clone(),
                html: article.html(),
                lead: parts.next().unwrap_or_default(),
                sections: parts.collect(),
                sources,
                photo: None,
                text: article.text().clone(),
            }
        })
        .collect()
}
