//! The email edition: the issue's MJML template (minijinja) rendered by mrml into
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
/// `@media` kept in the head, shared stylesheets kept as they are, widths and heights
/// as attributes, nothing loaded from the network).
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
        // `color:#1f2328` rather than `color: #1f2328;`: every inlined rule is
        // repeated on many elements.
        .minify_css(true)
        .build();
    let (html, shared) = take_shared_styles(&html);
    let inlined = inliner
        .inline(&html)
        .map_err(|error| template_error(format!("inlining CSS: {error}")))?;
    let inlined = match inlined.find("</head>") {
        Some(end) => format!("{}{shared}{}", &inlined[..end], &inlined[end..]),
        None => inlined,
    };
    // Outlook shows &apos; literally.
    Ok(inlined.replace("&apos;", "&#39;"))
}

/// Takes out of the head the stylesheets that stay shared instead of being inlined:
/// mrml's reset (the one that starts with `#outlook a`), which inlined would repeat
/// its table and paragraph rules on every table, cell and paragraph (MJML's own
/// output keeps it in the head too), and the template's `<style data-shared>`
/// blocks. Returns the rest of the HTML and the shared stylesheets.
fn take_shared_styles(html: &str) -> (String, String) {
    let head_end = html.find("</head>").unwrap_or(html.len());
    let (head, body) = html.split_at(head_end);
    let mut rest = String::with_capacity(html.len());
    let mut shared = String::new();
    let mut tail = head;
    while let Some(start) = tail.find("<style") {
        let Some(length) = tail[start..].find("</style>") else {
            break;
        };
        let end = start + length + "</style>".len();
        let element = &tail[start..end];
        let inner = &element[element.find('>').map_or(0, |i| i + 1)..];
        rest.push_str(&tail[..start]);
        if element.starts_with("<style data-shared>")
            || inner.trim_start().starts_with("#outlook a")
        {
            // As a plain <style>: HTML needs no type="text/css".
            shared.push_str("<style>");
            shared.push_str(inner);
        } else {
            rest.push_str(element);
        }
        tail = &tail[end..];
    }
    rest.push_str(tail);
    rest.push_str(body);
    (rest, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_styles_stay_in_the_head_and_the_rest_is_inlined() {
        let html = email_html_from_mjml(
            "test.mjml",
            r#"<mjml><mj-head>
              <mj-raw><style data-shared>.copy p { margin: 0 0 16px 0; }</style></mj-raw>
              <mj-style inline="inline">h1 { color: #1f2328; }</mj-style>
            </mj-head><mj-body><mj-section><mj-column><mj-text css-class="copy">
              <h1>Title</h1><p>Text</p>
            </mj-text></mj-column></mj-section></mj-body></mjml>"#,
        )
        .unwrap();
        let (head, body) = html.split_at(html.find("</head>").unwrap());
        // mrml's reset and the template's shared rule: in the head, once.
        assert!(head.contains("#outlook a"), "{head}");
        assert!(
            head.contains("<style>.copy p { margin: 0 0 16px 0; }</style>"),
            "{head}"
        );
        assert!(!html.contains("data-shared"));
        // Not repeated on the elements; the template's inline rule is inlined.
        assert!(body.contains("<p>Text</p>"), "{body}");
        assert!(!body.contains("mso-table-lspace"), "{body}");
        assert!(
            body.contains(r#"<h1 style="color:#1f2328">Title</h1>"#),
            "{body}"
        );
    }
}
