//! Markdown, parsed with comrak.
//!
//! **Invariant:** no other module parses Markdown.

use comrak::{Options, markdown_to_html};

/// The Markdown dialect of issues: CommonMark with tables, strikethrough and
/// autolinks. Raw HTML is never passed through: comrak replaces it with a comment, so
/// nothing typed into an issue can run in a reader's mail client or in the app.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    options
}

/// Renders an issue's Markdown to an HTML fragment.
pub fn render_html(markdown: &str) -> String {
    markdown_to_html(markdown, &options())
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
    fn raw_html_never_passes_through() {
        let html = render_html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn malformed_markdown_still_renders() {
        let html = render_html("# \n\n[unclosed](\n\n**bold\n\n|a|b\n|-\n");
        assert!(html.contains("**bold"), "{html}");
    }
}
