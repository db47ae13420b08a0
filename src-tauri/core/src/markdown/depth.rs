//! Keeping nesting within bounds before anything renders it.
//!
//! Readers never see 400 nested quotations, but a paste can hold them (400 `>`
//! characters are 400 bytes), and several of the tools the outputs go through walk
//! trees recursively or check scopes at every level: deep enough, they overflow the
//! 2 MiB stack of the app's worker threads or take quadratic time. So the syntax tree
//! is flattened below [`MAX_NESTING`] levels, and the HTML of an article (raw HTML
//! included) is cut to [`MAX_HTML_NESTING`] levels of elements; the preflight names
//! the lines.

use std::collections::HashMap;

use comrak::Arena;
use comrak::nodes::{Ast, AstNode, NodeValue};

/// The deepest the syntax tree may go: a quotation in a list in a quotation, with
/// emphasis in a link, is about ten levels.
pub const MAX_NESTING: usize = 32;

/// The deepest an article's HTML may nest elements, raw HTML included.
pub const MAX_HTML_NESTING: usize = 48;

/// Replaces every container deeper than `max` levels by its text, in place: a
/// quotation or list by a paragraph, emphasis or a link by plain text (what each
/// stands in can hold them, so the tree stays one comrak can render). Returns the
/// lines where it did, in order, once each. Linear in the size of the tree, and never
/// recursive.
pub fn flatten<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>, max: usize) -> Vec<u32> {
    let mut lines = Vec::new();
    let mut stack = vec![(root, 0_usize)];
    while let Some((parent, depth)) = stack.pop() {
        for child in parent.children().collect::<Vec<_>>() {
            if child.first_child().is_none() {
                continue;
            }
            let replacement = if depth < max {
                None
            } else {
                match child.data.borrow().value {
                    NodeValue::BlockQuote | NodeValue::List(_) => Some(NodeValue::Paragraph),
                    ref value if !value.block() => Some(NodeValue::Text(String::new().into())),
                    // An item holds blocks, a quotation or list in it is cut at the
                    // next level; a table holds rows, which hold only inlines.
                    _ => None,
                }
            };
            let Some(replacement) = replacement else {
                stack.push((child, depth + 1));
                continue;
            };
            let sourcepos = child.data.borrow().sourcepos;
            let text = child.collect_text();
            let node = match replacement {
                NodeValue::Paragraph => {
                    let paragraph: &'a AstNode<'a> = arena.alloc(AstNode::from(
                        Ast::new_with_sourcepos(NodeValue::Paragraph, sourcepos),
                    ));
                    let text_node: &'a AstNode<'a> = arena.alloc(AstNode::from(
                        Ast::new_with_sourcepos(NodeValue::Text(text.into()), sourcepos),
                    ));
                    paragraph.append(text_node);
                    paragraph
                }
                _ => arena.alloc(AstNode::from(Ast::new_with_sourcepos(
                    NodeValue::Text(text.into()),
                    sourcepos,
                ))),
            };
            child.insert_before(node);
            child.detach();
            let line = super::line_of(sourcepos.start.line);
            if lines.last() != Some(&line) {
                lines.push(line);
            }
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// `text` with every line's run of container markers (`>` quotations, `-`, `+`,
/// `*` and `1.` list items, as many as a line opens) cut to `max`, and the lines
/// (1-based) where it was. comrak opens all of a line's containers before it reads
/// the line's text, checking every open one as it goes: 100 KB of `>` on one line
/// takes minutes. Lines and their count stay as they were; linear.
pub fn bound_line_markers(text: &str, max: usize) -> (std::borrow::Cow<'_, str>, Vec<u32>) {
    let mut out: Option<String> = None;
    let mut lines = Vec::new();
    let mut copied = 0;
    let mut start = 0;
    for (index, line) in (1_usize..).zip(text.split_inclusive('\n')) {
        if let Some(cut) = markers_beyond(line, max) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[copied..start + cut.start]);
            copied = start + cut.end;
            lines.push(super::line_of(index));
        }
        start += line.len();
    }
    match out {
        None => (std::borrow::Cow::Borrowed(text), lines),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            (std::borrow::Cow::Owned(out), lines)
        }
    }
}

/// The byte range of `line`'s container markers after the first `max`, if it opens
/// more than `max`. A thematic break (`- - -`, `* * *`) is not a list.
fn markers_beyond(line: &str, max: usize) -> Option<std::ops::Range<usize>> {
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut count = 0;
    let mut cut_from = None;
    loop {
        let mut next = at;
        while next < bytes.len() && next - at < 3 && bytes[next] == b' ' {
            next += 1;
        }
        let marker_end = match bytes.get(next) {
            Some(b'>') => next + 1,
            Some(b'-' | b'+' | b'*') => next + 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[next..]
                    .iter()
                    .take(9)
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                match bytes.get(next + digits) {
                    Some(b'.' | b')') => next + digits + 1,
                    _ => break,
                }
            }
            _ => break,
        };
        let is_quote = bytes[next] == b'>';
        let spaced = matches!(bytes.get(marker_end), Some(b' ' | b'\t'));
        if !is_quote && !spaced {
            break;
        }
        count += 1;
        if count == max + 1 {
            cut_from = Some(at);
        }
        at = if spaced { marker_end + 1 } else { marker_end };
    }
    let cut_from = cut_from?;
    let marks: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let thematic_break = marks.iter().all(|b| *b == b'-') || marks.iter().all(|b| *b == b'*');
    (!thematic_break).then_some(cut_from..at)
}

/// Elements that never hold others, so never nest.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with the start and end tags of elements deeper than `max` levels removed
/// (their text stays), and whether anything was. Linear; reads tags as HTML does
/// (quoted attributes, comments), without building a tree.
pub fn limit_html(html: &str, max: usize) -> (std::borrow::Cow<'_, str>, bool) {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut depth = 0_usize;
    // Closing tags still to drop, by element name.
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut changed = false;
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        if html[start..].starts_with("<!--") {
            at = html[start..]
                .find("-->")
                .map_or(html.len(), |end| start + end + 3);
            continue;
        }
        let Some(end) = tag_end(bytes, start) else {
            break;
        };
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name: String = html[name_start..end]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let self_closing = bytes.get(end.wrapping_sub(1)) == Some(&b'/');
        let mut drop = false;
        if !name.is_empty() && !VOID.contains(&name.as_str()) && !self_closing {
            if closing {
                match dropped.get_mut(&name) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        drop = true;
                    }
                    _ => depth = depth.saturating_sub(1),
                }
            } else if depth >= max {
                *dropped.entry(name).or_default() += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            out.push_str(&html[copied..start]);
            copied = end + 1;
            changed = true;
        }
        at = end + 1;
    }
    if !changed {
        return (std::borrow::Cow::Borrowed(html), false);
    }
    out.push_str(&html[copied..]);
    (std::borrow::Cow::Owned(out), true)
}

/// The position of the `>` that ends the tag starting at `start`, skipping quoted
/// attribute values.
fn tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (index, byte) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(*byte),
            (Some(open), b) if *b == open => quote = None,
            (None, b'>') => return Some(index),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use comrak::parse_document;

    fn depth_of<'a>(node: &'a AstNode<'a>) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(node, 0)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            stack.extend(node.children().map(|child| (child, depth + 1)));
        }
        deepest
    }

    #[test]
    fn deep_quotations_are_flattened_and_their_line_named() {
        let arena = Arena::new();
        let text = format!("Intro\n\n{} deep\n", ">".repeat(10_000));
        let root = parse_document(&arena, &text, &super::super::options());
        let lines = flatten(&arena, root, MAX_NESTING);
        assert_eq!(lines, vec![3]);
        assert!(depth_of(root) <= MAX_NESTING + 2, "{}", depth_of(root));
        let mut html = String::new();
        comrak::format_html(root, &super::super::options(), &mut html).unwrap();
        assert!(html.contains("deep"), "the text stays");
    }

    #[test]
    fn deep_lists_and_emphasis_are_flattened_into_a_tree_comrak_renders() {
        let arena = Arena::new();
        let mut text = String::new();
        for depth in 0..60 {
            text.push_str(&"  ".repeat(depth));
            text.push_str("- item\n");
        }
        text.push_str(&format!("\n{}x{}\n", "*_".repeat(100), "_*".repeat(100)));
        let root = parse_document(&arena, &text, &super::super::options());
        assert!(!flatten(&arena, root, 8).is_empty());
        // comrak checks the tree in debug builds and panics on an ill-formed one.
        let mut html = String::new();
        comrak::format_html(root, &super::super::options(), &mut html).unwrap();
        assert!(html.contains("item") && html.contains('x'));
        assert!(depth_of(root) <= 8 + 3, "{}", depth_of(root));
    }

    #[test]
    fn shallow_trees_are_left_alone() {
        let arena = Arena::new();
        let root = parse_document(
            &arena,
            "> a\n> > b\n\n- c\n  - d\n",
            &super::super::options(),
        );
        assert!(flatten(&arena, root, MAX_NESTING).is_empty());
    }

    #[test]
    fn deep_html_loses_its_deepest_tags_but_keeps_its_text() {
        let html = format!(
            "{}text{}",
            "<div class=\"a>b\">".repeat(100),
            "</div>".repeat(100)
        );
        let (limited, changed) = limit_html(&html, 3);
        assert!(changed);
        assert_eq!(limited.matches("<div").count(), 3, "{limited}");
        assert_eq!(limited.matches("</div>").count(), 3, "{limited}");
        assert!(limited.contains("text"));
        let fine = "<p>a <b>b</b><br><img src=x></p><!-- <div><div> -->";
        let (same, changed) = limit_html(fine, 2);
        assert!(!changed);
        assert_eq!(same, fine);
    }

    #[test]
    fn a_line_opens_at_most_max_containers() {
        let text = format!("a\n{}x\n> - 1. ) b\n", "> ".repeat(50));
        let (bounded, lines) = bound_line_markers(&text, 4);
        assert_eq!(lines, vec![2]);
        assert_eq!(bounded, "a\n> > > > x\n> - 1. ) b\n");
        // Lists count as the quotations do; a thematic break is not a list.
        let (bounded, lines) = bound_line_markers("- * + 1. 2) - x\n- - - - - -\n", 3);
        assert_eq!(bounded, "- * + x\n- - - - - -\n");
        assert_eq!(lines, vec![1]);
        let plain = "> quote\n\n- item\n  - nested\n";
        assert!(matches!(
            bound_line_markers(plain, MAX_NESTING).0,
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_megabyte_of_quotation_marks_is_cut_in_linear_time() {
        let text = ">".repeat(1 << 20);
        let (bounded, lines) = bound_line_markers(&text, MAX_NESTING);
        assert_eq!(bounded.len(), MAX_NESTING);
        assert_eq!(lines, vec![1]);
    }
}
