//! The email edition: the issue's MJML template (minijinja) rendered by mrml into
//! table-based HTML, then its CSS inlined by css-inline, as mail clients need.
//!
//! Inlining is most of the work, and an article's HTML does not change with a
//! keystroke in another article. So the email is made in two parts, each
//! remembered: the skeleton (the template with a marker where each article's text
//! goes, through mrml and the inliner) and each article's text (through the inliner
//! with the skeleton's stylesheet, inside the `.copy` block it sits in), then the
//! texts are put in at their markers. This is exact for the embedded template,
//! whose inlined rules for article text are all `.copy …` rules (tested against the
//! whole pipeline); a newsroom's own template goes through the whole pipeline.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::links::with_utm;
use crate::markdown;
use crate::memo::{TextMemo, hash_of};

/// How much MJML and article HTML the email remembers.
const REMEMBERED_BYTES: usize = 16 * 1024 * 1024;

/// What the email remembers between renders.
#[derive(Debug)]
pub(crate) struct EmailMemo {
    /// By the skeleton's MJML: the skeleton inlined, with its stylesheet.
    skeletons: TextMemo<Skeleton>,
    /// By an article's HTML (salted with the UTM parameters and the stylesheet): the
    /// article with its links tagged and its CSS inlined.
    articles: TextMemo<String>,
}

impl Default for EmailMemo {
    fn default() -> Self {
        EmailMemo {
            skeletons: TextMemo::new(REMEMBERED_BYTES),
            articles: TextMemo::new(REMEMBERED_BYTES),
        }
    }
}

#[derive(Debug)]
struct Skeleton {
    /// The email without its articles' texts, which [`marker`] stands for.
    html: String,
    /// The rules the inliner applied (at-rules left out), for the articles' texts.
    css: String,
}

/// What stands in the skeleton where article `index`'s text goes.
pub(crate) fn marker(index: usize) -> String {
    format!("<!--newsflash-article-{index}-->")
}

/// An article's HTML with UTM parameters added to its links (none when there are
/// none to add).
pub(crate) fn tagged(html: &str, utm: &[(&'static str, String)]) -> String {
    if utm.is_empty() {
        return html.to_owned();
    }
    markdown::rewrite_links(html, |href| with_utm(href, utm).into_owned())
}

/// The email from a skeleton MJML (articles' texts replaced by [`marker`]s) and the
/// articles' HTML; `None` when the skeleton does not hold each marker once (the
/// caller then takes the whole pipeline).
pub(crate) fn spliced_email(
    template_name: &str,
    skeleton_mjml: &str,
    articles: &[&str],
    utm: &[(&'static str, String)],
    memo: &EmailMemo,
) -> Result<Option<String>> {
    let skeleton = memo.skeletons.try_get_or(skeleton_mjml, 0, || {
        let html = mjml_to_html(template_name, skeleton_mjml)?;
        let (html, shared) = take_shared_styles(&html);
        let css = without_at_rules(&style_contents(&html));
        let inlined = inline_document(template_name, &html, &shared)?;
        Ok::<_, Error>(Skeleton { html: inlined, css })
    })?;
    let salt = hash_of(&(utm, &skeleton.css));
    let mut email = String::with_capacity(
        skeleton.html.len() + articles.iter().map(|a| a.len() * 2).sum::<usize>(),
    );
    let mut rest = skeleton.html.as_str();
    for (index, article) in articles.iter().enumerate() {
        let marker = marker(index);
        let Some(at) = rest.find(&marker) else {
            return Ok(None);
        };
        let text = memo.articles.try_get_or(article, salt, || {
            inline_fragment(template_name, &tagged(article, utm), &skeleton.css)
        })?;
        email.push_str(&rest[..at]);
        email.push_str(&text);
        rest = &rest[at + marker.len()..];
        if rest.contains(&marker) {
            return Ok(None);
        }
    }
    email.push_str(rest);
    Ok(Some(email))
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
    let html = mjml_to_html(template_name, mjml)?;
    let (html, shared) = take_shared_styles(&html);
    inline_document(template_name, &html, &shared)
}

fn template_error(template_name: &str, detail: String) -> Error {
    Error::Template {
        name: template_name.to_owned(),
        detail,
    }
}

/// mrml: MJML to table-based HTML.
fn mjml_to_html(template_name: &str, mjml: &str) -> Result<String> {
    let parsed = mrml::parse(mjml)
        .map_err(|error| template_error(template_name, format!("MJML: {error}")))?;
    let options = mrml::prelude::render::RenderOptions {
        disable_comments: false,
        social_icon_origin: None,
        // No web fonts: a <link> to a font service is an external stylesheet.
        fonts: HashMap::new(),
    };
    parsed
        .element
        .render(&options)
        .map_err(|error| template_error(template_name, format!("MJML: {error}")))
}

/// The inliner's settings, the same for documents and fragments: at-rules kept (for
/// documents), nothing loaded, widths and heights as attributes, CSS minified
/// (`color:#1f2328` rather than `color: #1f2328;`: every inlined rule is repeated on
/// many elements).
fn inliner(keep_at_rules: bool) -> css_inline::CSSInliner<'static> {
    css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_at_rules(keep_at_rules)
        .keep_link_tags(false)
        .apply_width_attributes(true)
        .apply_height_attributes(true)
        .minify_css(true)
        .build()
}

/// Inlines a document's CSS and puts the shared stylesheets back in its head.
fn inline_document(template_name: &str, html: &str, shared: &str) -> Result<String> {
    let inlined = inliner(true)
        .inline(html)
        .map_err(|error| template_error(template_name, format!("inlining CSS: {error}")))?;
    let inlined = match inlined.find("</head>") {
        Some(end) => format!("{}{shared}{}", &inlined[..end], &inlined[end..]),
        None => inlined,
    };
    // Outlook shows &apos; literally.
    Ok(inlined.replace("&apos;", "&#39;"))
}

/// Inlines `css` into an article's text as if it stood in the template's `.copy`
/// block.
fn inline_fragment(template_name: &str, html: &str, css: &str) -> Result<String> {
    const OPEN: &str = "<div class=\"copy\">";
    const CLOSE: &str = "</div>";
    let inlined = inliner(false)
        .inline_fragment(&format!("{OPEN}{html}{CLOSE}"), css)
        .map_err(|error| template_error(template_name, format!("inlining CSS: {error}")))?;
    let inner = inlined
        .trim_end()
        .strip_prefix(OPEN)
        .and_then(|inner| inner.strip_suffix(CLOSE))
        .ok_or_else(|| Error::Internal("the inliner changed an article's wrapper".into()))?;
    Ok(inner.replace("&apos;", "&#39;"))
}

/// The contents of the `<style>` elements in `html`'s head.
fn style_contents(html: &str) -> String {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    let mut css = String::new();
    let mut rest = head;
    while let Some(start) = rest.find("<style") {
        let Some(open_end) = rest[start..].find('>') else {
            break;
        };
        let body_start = start + open_end + 1;
        let Some(length) = rest[body_start..].find("</style>") else {
            break;
        };
        css.push_str(&rest[body_start..body_start + length]);
        css.push('\n');
        rest = &rest[body_start + length..];
    }
    css
}

/// `css` without its at-rules (`@media … { … }`), which are never inlined.
fn without_at_rules(css: &str) -> String {
    let mut kept = String::with_capacity(css.len());
    let mut depth = 0_usize;
    let mut in_at_rule = false;
    for c in css.chars() {
        match c {
            '@' if depth == 0 => in_at_rule = true,
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if in_at_rule && depth == 0 {
                    in_at_rule = false;
                    continue;
                }
            }
            ';' if in_at_rule && depth == 0 => {
                in_at_rule = false;
                continue;
            }
            _ => {}
        }
        if !in_at_rule {
            kept.push(c);
        }
    }
    kept
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
