//! The email edition: the MJML template (minijinja) rendered by mrml into
//! table-based HTML, then its CSS inlined by css-inline, as mail clients need.

use std::collections::HashMap;

use super::views::{ArticleView, SourceLink};
use crate::error::{Error, Result};
use crate::links::with_utm;
use crate::markdown;

/// Rewrites the links of articles for the email: UTM parameters added.
pub(crate) fn articles_for_email(
    articles: &[ArticleView],
    utm: &[(&'static str, String)],
) -> Vec<ArticleView> {
    if utm.is_empty() {
        return articles.to_vec();
    }
    let utm_for_filter = utm.to_vec();
    let builder = markdown::link_rewriting_sanitizer(move |href| {
        with_utm(href, &utm_for_filter).into_owned()
    });
    articles
        .iter()
        .map(|article| ArticleView {
            headline: article.headline.clone(),
            html: builder.clean(&article.html).to_string(),
            lead: builder.clean(&article.lead).to_string(),
            sections: article
                .sections
                .iter()
                .map(|section| builder.clean(section).to_string())
                .collect(),
            sources: article
                .sources
                .iter()
                .map(|source| SourceLink {
                    name: source.name.clone(),
                    url: source
                        .url
                        .as_deref()
                        .map(|url| with_utm(url, utm).into_owned()),
                })
                .collect(),
            photo: article.photo.clone(),
        })
        .collect()
}

/// MJML to email-ready HTML, exactly as the email edition is made (mrml, then CSS
/// inlined). For benchmarks and tools; `name` is used in error messages.
pub fn email_html_from_mjml(name: &str, mjml: &str) -> Result<String> {
    mjml_to_email_html(name, mjml)
}

/// MJML to email-ready HTML: mrml, then CSS inlined (at-rules such as dark mode and
/// `@media` kept in the head, widths and heights as attributes, nothing loaded from
/// the network).
pub(crate) fn mjml_to_email_html(template_name: &str, mjml: &str) -> Result<String> {
    let template_error = |detail: String| Error::Template {
        name: template_name.to_owned(),
        detail,
    };
    let parsed = mrml::parse(mjml).map_err(|error| template_error(format!("MJML: {error}")))?;
    let options = mrml::prelude::render::RenderOptions {
        disable_comments: false,
        social_icon_origin: None,
        // No web fonts: a <link> to a font service is an external stylesheet.
        fonts: HashMap::new(),
    };
    let html = parsed
        .element
        .render(&options)
        .map_err(|error| template_error(format!("MJML: {error}")))?;
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_at_rules(true)
        .keep_link_tags(false)
        .apply_width_attributes(true)
        .apply_height_attributes(true)
        .build();
    let inlined = inliner
        .inline(&html)
        .map_err(|error| template_error(format!("inlining CSS: {error}")))?;
    // Outlook shows &apos; literally.
    Ok(inlined.replace("&apos;", "&#39;"))
}
