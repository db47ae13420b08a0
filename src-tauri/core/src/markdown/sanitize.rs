//! The allowlist every HTML output goes through: harmless formatting kept,
//! everything active removed; and the list of what it removes, for the preflight.

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use super::{options, take_out_citations};

/// The allowlist: ammonia's defaults (formatting, lists, tables, images, links)
/// minus everything that is not plain http(s) or mailto in a URL, and `cite`. Scripts, styles,
/// iframes, forms, event handlers and `javascript:`/`data:` URLs are removed, never
/// shown as escaped tags.
///
/// **Invariant:** this is the only sanitiser configuration; every output uses it.
fn allowlist() -> ammonia::Builder<'static> {
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
}

static SANITIZER: std::sync::LazyLock<ammonia::Builder<'static>> =
    std::sync::LazyLock::new(allowlist);

static ALLOWED_TAGS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| SANITIZER.clone_tags());

/// Cleans an HTML fragment with the allowlist.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// A sanitiser with the same allowlist that also rewrites every link's address
/// with `rewrite` (the email adds UTM parameters this way).
pub fn link_rewriting_sanitizer(
    rewrite: impl Fn(&str) -> String + Send + Sync + 'static,
) -> ammonia::Builder<'static> {
    let mut builder = allowlist();
    builder.attribute_filter(move |element, attribute, value| {
        if element == "a" && attribute == "href" {
            Some(std::borrow::Cow::Owned(rewrite(value)))
        } else {
            Some(std::borrow::Cow::Borrowed(value))
        }
    });
    builder
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

/// Renders Markdown to an HTML fragment (citations are not treated specially).
#[cfg(test)]
fn render_html(markdown: &str) -> String {
    sanitize(&comrak::markdown_to_html(markdown, &options()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
