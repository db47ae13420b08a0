//! The allowlist every HTML output goes through: harmless formatting kept,
//! everything active removed; and the list of what it removes, for the preflight.

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

/// Table cells as Markdown writes them, `<td align="right">`, with the alignment as
/// CSS (`style="text-align: right"`): HTML made `align` obsolete. Run on sanitised
/// HTML only (the allowlist removes `style`), where a `<` is always a tag.
pub fn cells_aligned_by_css(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains(" align=\"") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut aligned = html.to_owned();
    for tag in ["td", "th"] {
        for side in ["left", "right", "center"] {
            aligned = aligned.replace(
                &format!("<{tag} align=\"{side}\">"),
                &format!("<{tag} style=\"text-align: {side}\">"),
            );
        }
    }
    std::borrow::Cow::Owned(aligned)
}

/// Sanitised HTML with every link's address (`<a href="…">`) replaced by what
/// `rewrite` makes of it (the email adds UTM parameters this way). Run on sanitised
/// HTML only, where attribute values are always in double quotes with `&` and `"`
/// escaped; linear, and the allowlist stays the only one.
pub fn rewrite_links(html: &str, rewrite: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = html[at..].find("<a ") {
        let start = at + offset;
        let Some(end) = html[start..].find('>').map(|end| start + end) else {
            break;
        };
        let tag = &html[start..end];
        if let Some(href) = tag.find(" href=\"") {
            let value_start = start + href + " href=\"".len();
            if let Some(length) = html[value_start..end].find('"') {
                let value = &html[value_start..value_start + length];
                let address = value.replace("&quot;", "\"").replace("&amp;", "&");
                out.push_str(&html[copied..value_start]);
                out.push_str(
                    &rewrite(&address)
                        .replace('&', "&amp;")
                        .replace('"', "&quot;"),
                );
                copied = value_start + length;
            }
        }
        at = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Raw HTML in an issue's text that the allowlist removes: what to tell the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedHtml {
    /// The line it is on (1-based).
    pub line: u32,
    /// What was removed, in a few words (`<script>`, `onclick attribute`).
    pub what: String,
}

/// Names what the allowlist takes out of a raw HTML snippet: elements it does not
/// allow, event-handler attributes and active URLs.
pub(super) fn what_sanitizing_removes(raw: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders Markdown as the outputs do, every article's parts together.
    fn render_html(markdown: &str) -> String {
        crate::markdown::IssueParser::default()
            .parse(markdown)
            .articles
            .iter()
            .map(|article| article.html())
            .collect()
    }

    fn removed_html(markdown: &str) -> Vec<RemovedHtml> {
        crate::markdown::IssueParser::default()
            .parse(markdown)
            .removed_html
            .clone()
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
    fn link_addresses_are_rewritten_and_nothing_else() {
        let html = r#"<p><a href="https://a.org/?x=1&amp;y=2" title="a">A</a> <a title="b" href="https://b.org">B</a> <abbr>c</abbr> href="https://not.a.link"</p>"#;
        let rewritten = rewrite_links(html, |href| format!("{href}&z=3"));
        assert_eq!(
            rewritten,
            r#"<p><a href="https://a.org/?x=1&amp;y=2&amp;z=3" title="a">A</a> <a title="b" href="https://b.org&amp;z=3">B</a> <abbr>c</abbr> href="https://not.a.link"</p>"#
        );
    }

    #[test]
    fn table_cells_are_aligned_by_css() {
        let html = render_html("| a | b |\n|---|--:|\n| 1 | 2 |\n");
        assert!(
            html.contains(r#"<th style="text-align: right">b</th>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<td style="text-align: right">2</td>"#),
            "{html}"
        );
        assert!(!html.contains("align=\""), "{html}");
    }

    #[test]
    fn malformed_markdown_still_renders() {
        let html = render_html("# \n\n[unclosed](\n\n**bold\n\n|a|b\n|-\n");
        assert!(html.contains("**bold"), "{html}");
    }
}
