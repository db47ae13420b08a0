//! Reading an issue from plain text, as it was published on a web page or in an
//! email: a tagline, the headline, a lead paragraph, short heading lines, and the
//! `Sources:` and `Photo:` lines. See `tests/fixtures/newsflash-sample-issue.txt` (a real published issue) for the shape.

use crate::source::name_fingerprint;

/// The longest line still taken for a heading.
const MAX_HEADING_CHARS: usize = 90;

/// What was read from pasted text, before it is matched against the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedIssue {
    /// The headline of the story (the first line after the tagline).
    pub headline: String,
    /// The sections: (heading, paragraphs). The first has no heading: the lead.
    pub sections: Vec<(Option<String>, Vec<String>)>,
    /// The names on the `Sources:` line, in order.
    pub source_names: Vec<String>,
    /// What the `Photo:` line says, if there is one.
    pub photo_credit: Option<String>,
}

impl PastedIssue {
    /// The Markdown text of the issue: `#` headline, `##` sections, and `citations`
    /// (already written as `[@key]` marks) after the last paragraph.
    pub fn to_markdown(&self, citations: &[String]) -> String {
        let mut out = format!("# {}\n", self.headline);
        let last_section = self.sections.len().saturating_sub(1);
        for (index, (heading, paragraphs)) in self.sections.iter().enumerate() {
            if let Some(heading) = heading {
                out.push_str(&format!("\n## {heading}\n"));
            }
            let last_paragraph = paragraphs.len().saturating_sub(1);
            for (p, paragraph) in paragraphs.iter().enumerate() {
                out.push('\n');
                out.push_str(&escape_markdown(paragraph));
                if index == last_section && p == last_paragraph && !citations.is_empty() {
                    out.push(' ');
                    out.push_str(&citations.join(" "));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// Characters that would turn plain text into Markdown structure at the start of a
/// line, or into markup anywhere.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, c) in text.char_indices() {
        let at_start = index == 0;
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<')
            || (at_start && matches!(c, '#' | '>' | '-' | '+' | '|'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Reads pasted text. `tagline` is the publication's, dropped when the text starts
/// with it. Returns `None` when there is no text at all.
pub fn read_pasted_text(text: &str, tagline: &str) -> Option<PastedIssue> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks: Vec<String> = text
        .split("\n\n")
        .map(|block| {
            block
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|block| !block.is_empty())
        .collect();
    let mut source_names = Vec::new();
    let mut photo_credit = None;
    blocks.retain(|block| {
        if let Some(names) = strip_label(block, "sources").or_else(|| strip_label(block, "source"))
        {
            source_names.extend(
                names
                    .split([',', ';'])
                    .map(|name| name.trim().trim_end_matches('.').trim().to_owned())
                    .filter(|name| !name.is_empty()),
            );
            false
        } else if let Some(credit) = strip_label(block, "photo") {
            photo_credit = Some(credit.trim().to_owned()).filter(|c| !c.is_empty());
            false
        } else {
            true
        }
    });
    if blocks.is_empty() {
        return None;
    }
    let starts_with_tagline =
        !tagline.trim().is_empty() && name_fingerprint(&blocks[0]) == name_fingerprint(tagline);
    // Without the newsroom's tagline to compare with, a short first line followed by
    // another short line is taken for a tagline above the headline.
    let looks_like_tagline = blocks.len() > 2
        && blocks[0].chars().count() <= MAX_HEADING_CHARS
        && !blocks[0].ends_with('.')
        && is_heading(&blocks[1]);
    if starts_with_tagline || looks_like_tagline {
        blocks.remove(0);
    }
    let headline = blocks.remove(0);
    let mut sections: Vec<(Option<String>, Vec<String>)> = vec![(None, Vec::new())];
    let count = blocks.len();
    for (index, block) in blocks.into_iter().enumerate() {
        let followed_by_text = index + 1 < count;
        if is_heading(&block) && followed_by_text {
            sections.push((Some(block), Vec::new()));
        } else if let Some((_, paragraphs)) = sections.last_mut() {
            paragraphs.push(block);
        }
    }
    sections.retain(|(heading, paragraphs)| heading.is_some() || !paragraphs.is_empty());
    Some(PastedIssue {
        headline,
        sections,
        source_names,
        photo_credit,
    })
}

/// `Sources: a, b` → `a, b` for the label `sources` (any case).
fn strip_label<'a>(block: &'a str, label: &str) -> Option<&'a str> {
    let (head, rest) = block.split_once(':')?;
    head.trim().eq_ignore_ascii_case(label).then_some(rest)
}

/// A short line that does not end like a sentence.
fn is_heading(block: &str) -> bool {
    let chars = block.chars().count();
    chars <= MAX_HEADING_CHARS && !block.ends_with(['.', ',', ';', ':', '!']) || {
        // A quotation set off as a heading ends with a closing quote, not a period.
        chars <= MAX_HEADING_CHARS / 2 && block.ends_with(['”', '"', '’', '»'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REFERENCE: &str = include_str!("../../../tests/fixtures/newsflash-sample-issue.txt");

    #[test]
    fn reads_the_reference_issue() {
        let issue =
            read_pasted_text(REFERENCE, "Stay updated with our bi-weekly Newsflash!").unwrap();
        assert_eq!(issue.headline, "Kazakhstan president claims coup attempt");
        let headings: Vec<_> = issue.sections.iter().map(|(h, _)| h.as_deref()).collect();
        assert_eq!(
            headings,
            vec![
                None,
                Some("Unrest in Kazakhstan"),
                Some("“Shoot to kill”"),
                Some("Media coverage"),
                Some("International reactions"),
                Some("Future steps"),
            ]
        );
        assert!(issue.sections[0].1[0].starts_with("Following the unrest"));
        assert_eq!(issue.sections[2].1.len(), 2);
        assert_eq!(
            issue.source_names,
            vec!["HRW", "AlJazeera", "EurActiv", "Reuters", "RadioFreeEurope"]
        );
        assert_eq!(issue.photo_credit.as_deref(), Some("Flickr"));
    }

    #[test]
    fn tagline_is_recognised_without_the_newsroom_setting() {
        let issue = read_pasted_text(REFERENCE, "").unwrap();
        assert_eq!(issue.headline, "Kazakhstan president claims coup attempt");
    }

    #[test]
    fn markdown_has_headings_and_citations_at_the_end() {
        let issue = read_pasted_text(
            "Head\n\nLead text.\n\nA section\n\nBody *text* [x].\n\nSources: A\n",
            "",
        )
        .unwrap();
        let markdown = issue.to_markdown(&["[@a]".into()]);
        assert_eq!(
            markdown,
            "# Head\n\nLead text.\n\n## A section\n\nBody \\*text\\* \\[x\\]. [@a]\n"
        );
    }

    #[test]
    fn empty_text_is_nothing() {
        assert!(read_pasted_text(" \n\n \r\n", "").is_none());
    }
}
