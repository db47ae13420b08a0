//! The outputs are well-formed HTML, and nothing an editor types ever makes them
//! active: no scripts, frames, plugins, forms, event handlers or script URLs.
//!
//! Outputs are parsed with html5ever (the version ammonia and css-inline use), with
//! exact error messages, through a small sink that keeps the parse errors and every
//! element with its (entity-decoded) attributes.

use newsflash_core::{Body, Format};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, ParseOpts, QualName, parse_document};
use proptest::prelude::*;

use crate::common::{newsroom_path, open};

/// What parsing a document found.
#[derive(Debug, Default)]
struct Parsed {
    /// Parse errors, each with the line it was reported on.
    errors: Vec<String>,
    /// Every element created: (local name, [(attribute name, value)]).
    elements: Vec<(String, Vec<(String, String)>)>,
    quirks: Option<QuirksMode>,
}

#[derive(Default)]
struct Sink {
    names: RefCell<Vec<Option<QualName>>>,
    line: Cell<u64>,
    parsed: RefCell<Parsed>,
}

/// An element's name, owned (atoms are cheap to clone).
#[derive(Debug)]
struct Name(Namespace, LocalName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0
    }
    fn local_name(&self) -> &LocalName {
        &self.1
    }
}

fn attributes(attrs: &[Attribute]) -> Vec<(String, String)> {
    attrs
        .iter()
        .map(|a| {
            let name = match &a.name.prefix {
                Some(prefix) => format!("{prefix}:{}", a.name.local),
                None => a.name.local.to_string(),
            };
            (name, a.value.to_string())
        })
        .collect()
}

impl Sink {
    /// Handle 0 is the document; every node gets a new handle (element or not).
    fn new_node(&self, name: Option<QualName>) -> usize {
        let mut names = self.names.borrow_mut();
        if names.is_empty() {
            names.push(None);
        }
        names.push(name);
        names.len() - 1
    }
}

impl TreeSink for Sink {
    type Handle = usize;
    type Output = Parsed;
    type ElemName<'a> = Name;

    fn finish(self) -> Parsed {
        self.parsed.into_inner()
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        let line = self.line.get();
        self.parsed
            .borrow_mut()
            .errors
            .push(format!("line {line}: {msg}"));
    }
    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number);
    }
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name(&self, target: &usize) -> Name {
        let names = self.names.borrow();
        let name = names[*target].as_ref().expect("not an element");
        Name(name.ns.clone(), name.local.clone())
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        self.parsed
            .borrow_mut()
            .elements
            .push((name.local.to_string(), attributes(&attrs)));
        let is_template = &*name.local == "template";
        let handle = self.new_node(Some(name));
        if is_template {
            // Its contents: the next handle.
            self.new_node(None);
        }
        handle
    }
    fn create_comment(&self, _text: StrTendril) -> usize {
        self.new_node(None)
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> usize {
        self.new_node(None)
    }
    fn append(&self, _parent: &usize, _child: NodeOrText<usize>) {}
    fn append_based_on_parent_node(&self, _: &usize, _: &usize, _: NodeOrText<usize>) {}
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn get_template_contents(&self, target: &usize) -> usize {
        target + 1
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.parsed.borrow_mut().quirks = Some(mode);
    }
    fn append_before_sibling(&self, _: &usize, _: NodeOrText<usize>) {}
    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let name = self.elem_name(target).1.to_string();
        self.parsed
            .borrow_mut()
            .elements
            .push((name, attributes(&attrs)));
    }
    fn remove_from_parent(&self, _: &usize) {}
    fn reparent_children(&self, _: &usize, _: &usize) {}
}

fn parse(html: &str) -> Parsed {
    let mut opts = ParseOpts::default();
    opts.tokenizer.exact_errors = true;
    opts.tree_builder.exact_errors = true;
    parse_document(Sink::default(), opts).one(html)
}

fn sample() -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let newsroom = open(&newsroom_path(&dir));
    (
        newsroom.render(1, Format::Web, Body::Saved).unwrap(),
        newsroom.render(1, Format::Email, Body::Saved).unwrap(),
    )
}

fn assert_parses_cleanly(what: &str, html: &str) {
    let parsed = parse(html);
    assert!(
        parsed.errors.is_empty(),
        "{what}: {} parse errors:\n{}",
        parsed.errors.len(),
        parsed.errors.join("\n")
    );
    assert_eq!(
        parsed.quirks,
        Some(QuirksMode::NoQuirks),
        "{what}: not in standards mode"
    );
    assert!(parsed.elements.len() > 20, "{what}: parsed as almost empty");
}

#[test]
fn sample_web_page_parses_without_errors() {
    let (web, _) = sample();
    assert_parses_cleanly("web page", &web);
}

#[test]
fn sample_email_parses_without_errors() {
    let (_, email) = sample();
    assert_parses_cleanly("email", &email);
}

#[test]
fn the_parser_reports_what_the_check_looks_for() {
    // The check is only worth something if it can fail.
    let errors = parse("<!doctype html><p class=a class=b>x</p>").errors;
    assert!(
        errors.iter().any(|e| e.contains("Duplicate attribute")),
        "{errors:?}"
    );
    assert!(!parse("<p>unclosed <b>x</p>").errors.is_empty());
}

// ---- No active markup, whatever the editor types --------------------------------

/// Elements that run code, load other documents or submit data.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
    "button", "textarea", "select", "base", "meta", "link",
];

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "background",
    "poster",
    "data",
    "srcset",
    "cite",
    "longdesc",
];

/// A URL as a browser reads its scheme: leading spaces and control characters
/// dropped, tabs and newlines removed anywhere, lowercased.
fn url_as_browsers_read_it(value: &str) -> String {
    value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}

fn is_script_url(value: &str) -> bool {
    let url = url_as_browsers_read_it(value);
    url.starts_with("javascript:") || url.starts_with("vbscript:") || url.starts_with("data:")
}

/// The start tags of raw HTML, each as (name, [(attribute, raw value)]), read
/// without decoding entities (comments included: Outlook reads conditional ones).
fn raw_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        i += 1;
        let start = i;
        while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let name_start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let attr = html[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                    let quote = bytes[i];
                    let value_start = i + 1;
                    i = value_start;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    value = html[value_start..i.min(bytes.len())].to_owned();
                    i += 1;
                } else {
                    let value_start = i;
                    while i < bytes.len()
                        && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'>')
                    {
                        i += 1;
                    }
                    value = html[value_start..i].to_owned();
                }
            }
            attrs.push((attr, value));
        }
        tags.push((name, attrs));
    }
    tags
}

/// Everything active found in an output, in words; empty when it is inert.
fn active_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for tag in ["<script", "<iframe", "<object", "<embed", "<form", "<input"] {
        if lower.contains(tag) {
            found.push(format!("raw {tag}"));
        }
    }
    for (name, attrs) in raw_tags(html) {
        for (attr, value) in attrs {
            let value_lower = value.to_ascii_lowercase();
            if attr.starts_with("on") && attr.len() > 2 {
                found.push(format!("raw <{name} {attr}=…>"));
            }
            if value_lower.contains("javascript:") || value_lower.contains("vbscript:") {
                found.push(format!("raw <{name} {attr}={value:?}>"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && is_script_url(&value) {
                found.push(format!("raw <{name} {attr}={value:?}>"));
            }
        }
    }
    // As a browser sees it: entities decoded, tags found the way it finds them.
    for (name, attrs) in parse(html).elements {
        if ACTIVE_ELEMENTS.contains(&name.as_str()) && !is_templates_own(&name, &attrs) {
            found.push(format!("<{name}> element"));
        }
        for (attr, value) in attrs {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") && attr.len() > 2 {
                found.push(format!("<{name} {attr}> handler"));
            }
            if URL_ATTRIBUTES.contains(&attr.as_str()) && is_script_url(&value) {
                found.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    found
}

/// The templates' own head elements: `<meta>` tags (charset, viewport, colour
/// scheme, OpenGraph, MJML's http-equiv), never a refresh; the web page's canonical `<link>`.
fn is_templates_own(name: &str, attrs: &[(String, String)]) -> bool {
    let has = |attr: &str, value: Option<&str>| {
        attrs.iter().any(|(a, v)| {
            a.eq_ignore_ascii_case(attr) && value.is_none_or(|value| v.eq_ignore_ascii_case(value))
        })
    };
    match name {
        // MJML's own Content-Type and X-UA-Compatible are harmless.
        "meta" => !has("http-equiv", Some("refresh")) && !has("http-equiv", Some("set-cookie")),
        "link" => has("rel", Some("canonical")),
        _ => false,
    }
}

/// Ways of writing a script URL that browsers (or sloppy sanitizers) accept.
fn hostile_url() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "\tjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "javascript&#58;alert(1)",
        "javascript&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "DATA:text/html,<script>alert(1)</script>",
    ])
    .prop_map(str::to_owned)
}

/// Raw HTML and Markdown that would be active if it got through; `{url}` is
/// replaced with a hostile URL.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=\"{url}\"></SCRIPT>",
    "<script\n>alert(1)</script\n>",
    "<iframe src=\"{url}\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<style>body { background: url(\"{url}\") }</style>",
    "<object data=\"{url}\"><param name=\"src\" value=\"{url}\"></object>",
    "<embed src=\"{url}\">",
    "<form action=\"{url}\"><input type=\"submit\" formaction=\"{url}\" value=\"Go\"></form>",
    "<input autofocus onfocus=\"alert(1)\">",
    "<button formaction=\"{url}\">Go</button>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<img src=\"{url}\" alt=\"photo\">",
    "<IMG SRC=\"x\" ONERROR=\"alert(1)\">",
    "<a href=\"{url}\" onclick=\"alert(1)\">click</a>",
    "<a href=\" javascript:alert(1)\">spaced</a>",
    "<a href=\"{url}\">linked</a>",
    "<a href='{url}' onmouseover='alert(1)'>single quotes</a>",
    "<svg onload=\"alert(1)\"><circle r=\"4\"/></svg>",
    "<svg><a xlink:href=\"{url}\"><text>x</text></a></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"{url}\">x</mi></math>",
    "<p style=\"background:url('{url}')\" onmouseover=\"alert(1)\">hover</p>",
    "<div/onclick=\"alert(1)\">slash</div>",
    "<details open ontoggle=\"alert(1)\">x</details>",
    "<body onload=\"alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url={url}\">",
    "<base href=\"{url}\">",
    "<link rel=\"stylesheet\" href=\"{url}\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!-- --><script>alert(1)</script> -->",
    "<table background=\"{url}\"><tr><td>cell</td></tr></table>",
    "<video poster=\"{url}\"><source src=\"{url}\"></video>",
    "<blockquote cite=\"{url}\">quote</blockquote>",
    "[click]({url})",
    "![image]({url})",
    "<{url}>",
    "[ref link][evil]\n\n[evil]: {url}",
    "<a href=\"https://example.org/\" onclick=\"alert(1)\">good link, bad handler</a>",
];

fn hostile_fragment() -> impl Strategy<Value = String> {
    (prop::sample::select(HOSTILE), hostile_url())
        .prop_map(|(template, url)| template.replace("{url}", &url))
}

fn markdown_fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "# A headline",
        "## A subheading",
        "Plain words in a paragraph.",
        "Some *emphasis* and **strong** text.",
        "- one\n- two",
        "1. first\n2. second",
        "> a quotation",
        "A [good link](https://example.org/page) here.",
        "Cited [@reuters] and [@hrw, https://www.hrw.org/news].",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "`inline code`",
        "<em>allowed</em> <strong>markup</strong>",
        "---",
    ])
    .prop_map(str::to_owned)
}

fn issue_body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![2 => hostile_fragment(), 1 => markdown_fragment()];
    let separator = prop::sample::select(vec!["\n\n", "\n", " ", ""]);
    (
        markdown_fragment(),
        prop::collection::vec((separator, piece), 1..8),
    )
        .prop_map(|(first, rest)| {
            let mut body = format!("# Issue\n\n{first}");
            for (separator, piece) in rest {
                body.push_str(separator);
                body.push_str(&piece);
            }
            body.push('\n');
            body
        })
}

#[test]
fn the_active_markup_check_finds_what_it_looks_for() {
    for html in [
        "<p><a href=\"javascript:alert(1)\">x</a></p>",
        "<p><a href=\"java&#x09;script&#58;alert(1)\">x</a></p>",
        "<img src=x onerror=alert(1)>",
        "<div/onclick=alert(1)>",
        "<svg><a xlink:href=\"data:text/html,x\">x</a></svg>",
        "<IFRAME src=about:blank></IFRAME>",
    ] {
        assert!(!active_markup(html).is_empty(), "missed: {html}");
    }
    let (web, email) = sample();
    assert_eq!(active_markup(&web), Vec::<String>::new(), "sample web page");
    assert_eq!(active_markup(&email), Vec::<String>::new(), "sample email");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_output_ever_contains_active_markup(body in issue_body()) {
        thread_local! {
            static NEWSROOM: (tempfile::TempDir, newsflash_core::Newsroom) = {
                let dir = tempfile::tempdir().unwrap();
                let newsroom = open(&newsroom_path(&dir));
                (dir, newsroom)
            };
        }
        NEWSROOM.with(|(_, newsroom)| {
            let web = newsroom.render(1, Format::Web, Body::Unsaved(&body)).unwrap();
            let found = active_markup(&web);
            prop_assert!(found.is_empty(), "web page: {found:?}\nbody:\n{body}");
            let email = newsroom.render(1, Format::Email, Body::Unsaved(&body)).unwrap();
            let found = active_markup(&email);
            prop_assert!(found.is_empty(), "email: {found:?}\nbody:\n{body}");
            Ok(())
        })?;
    }
}
