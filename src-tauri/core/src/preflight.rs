//! The preflight: what is wrong with an issue before it goes out.
//!
//! Each check looks at what an issue is made of (its text, title and preheader, its
//! lead photos, what its citations resolve to, the size of its email) and says in
//! one sentence what is wrong and what to do. The checks are plain functions of
//! that material; `newsroom/preflight.rs` gathers it from the store.
//!
//! Some problems the issue names cannot arise for a stored issue, and are therefore
//! not checked here:
//! - a photo without a licence: the licence is a required field, parsed on every
//!   write and every read, so a photo cannot be stored without one;
//! - a duplicate issue number: numbers are unique in the store, so only an
//!   interchange file can collide with a stored issue (`Newsroom::check_issue_file`).

use std::collections::HashSet;
use std::sync::Arc;

pub use crate::finding::{Finding, FindingCode, Severity, has_errors};
use crate::licence::Licence;
use crate::mailing::merge_tags;
use crate::markdown;
use crate::markdown::{HeadingMark, ParsedIssue, ParsedPiece};
use crate::memo::{TextMemo, hash_of};
use crate::photo::ArticlePhoto;
use crate::publication::Publication;
use crate::text::kilobytes;

/// Gmail clips an email over this size (102 KB): readers then see "[Message
/// clipped]" and lose the end of the issue, its sources and unsubscribe link.
pub const EMAIL_CLIP_BYTES: usize = 102 * 1024;

/// Above this size an email is close enough to clipping (some clients clip
/// earlier, reports of 99 KB exist) to warn.
pub const EMAIL_WARN_BYTES: usize = 80 * 1024;

/// What an issue is made of, as far as the checks need it.
#[derive(Debug)]
pub(crate) struct Material<'a> {
    pub(crate) title: &'a str,
    pub(crate) preheader: &'a str,
    /// The text (control characters taken out), and it parsed.
    pub(crate) body: &'a str,
    pub(crate) parsed: &'a ParsedIssue,
    pub(crate) sponsored: bool,
    pub(crate) photos: &'a [ArticlePhoto],
    /// The cited keys that are in the source library.
    pub(crate) known_sources: &'a HashSet<String>,
    /// The size of the rendered email in bytes, or of its articles' HTML when the
    /// email was too large to build.
    pub(crate) email_bytes: EmailSize,
    /// The lines of the text as typed that hold control characters (the text checked
    /// here has them taken out already).
    pub(crate) control_lines: &'a [u32],
    /// The publication settings (the mailing tool and unsubscribe addresses).
    pub(crate) publication: &'a Publication,
    /// The email as the mailing tool gets it, for the merge tags in it (empty when
    /// it was too large to build).
    pub(crate) email_html: &'a str,
}

/// How large the email is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum EmailSize {
    /// Built, this many bytes.
    Built(usize),
    /// Not built: its articles alone are this many bytes.
    TooLargeToBuild(usize),
}

/// The most lines with control characters listed; the rest are counted.
pub(crate) const MAX_CONTROL_LINES: usize = 20;

/// Runs every check on `material`; errors first, then by line. What the checks find
/// in one piece of the text (mostly one article) is remembered in `memo` by the
/// piece's text: a keystroke in one article checks that article again, and the
/// checks of the whole issue.
pub(crate) fn check(material: &Material<'_>, memo: &PreflightMemo) -> Vec<Finding> {
    let parsed = material.parsed;
    let article_at = |line: u32| parsed.article_at(line);
    let mut found = Found {
        list: Vec::new(),
        article_at: &article_at,
    };
    let own_host = own_host(material.publication);
    let pieces: Vec<_> = parsed
        .pieces
        .iter()
        .map(|piece| (piece, memo.piece(material, piece, own_host.as_deref())))
        .collect();
    // The findings of each piece, in the order of the pieces, where the checks of
    // the whole issue ran them: the sort below keeps that order among findings
    // of one severity on one line.
    let from_pieces = |found: &mut Found<'_>, of: fn(&PieceFindings) -> &[Finding]| {
        for (piece, findings) in &pieces {
            for finding in of(findings) {
                let line = finding
                    .line
                    .map(|line| line.saturating_add(piece.first_line));
                found.list.push(Finding {
                    article: line.and_then(|line| parsed.article_at(line)),
                    line,
                    ..finding.clone()
                });
            }
        }
    };

    check_title(material, &mut found);

    for citation in &parsed.citations {
        if !material.known_sources.contains(&citation.key) {
            found
                .add(
                    Severity::Error,
                    FindingCode::UnknownSource,
                    Some(citation.line),
                    format!(
                        "The text cites [@{}], which is not in the source library.",
                        citation.key
                    ),
                )
                .subject = Some(citation.key.clone());
        }
    }
    from_pieces(&mut found, |piece| &piece.citations);
    let cited: HashSet<u32> = parsed.citations.iter().map(|c| c.article).collect();
    for (position, article) in (0_u32..).zip(&parsed.articles) {
        if !cited.contains(&position) {
            found.add(
                Severity::Warning,
                FindingCode::NoSources,
                Some(article.line),
                format!(
                    "{} cites no sources; cite at least one with [@key] so readers see where it comes from.",
                    article_name(&article.headline)
                ),
            );
        }
    }

    for lead in material.photos {
        let line = parsed
            .articles
            .get(lead.position as usize)
            .map(|article| article.line);
        check_photo(lead, material.sponsored, line, &mut found);
    }

    from_pieces(&mut found, |piece| &piece.links);

    match material.email_bytes {
        EmailSize::TooLargeToBuild(text_bytes) => {
            found.add(
            Severity::Error,
            FindingCode::EmailTooLarge,
            None,
            format!(
                "The email is too large to build: its articles alone are {}, and Gmail clips messages at 102 KB; shorten the issue or move articles to the next one.",
                kilobytes(text_bytes)
            ),
        );
        }
        EmailSize::Built(size) => check_email_size(size, &mut found),
    }

    check_unsubscribe(material, &mut found);

    from_pieces(&mut found, |piece| &piece.headings);
    from_pieces(&mut found, |piece| &piece.placeholders);
    from_pieces(&mut found, |piece| &piece.removed_html);
    from_pieces(&mut found, |piece| &piece.flattened);

    for line in material.control_lines {
        found.add(
            Severity::Warning,
            FindingCode::ControlCharacters,
            Some(*line),
            "This line has invisible control characters (a line break from a word processor, an escape code); they are taken out of the saved text and every output.".to_owned(),
        );
    }

    let mut findings = found.list;
    sort(&mut findings);
    keep_first_findings(&mut findings, MAX_FINDINGS);
    findings
}

/// What the checks found in the pieces of texts, remembered by each piece's text
/// (as much as the parser remembers: a few long issues').
#[derive(Debug)]
pub(crate) struct PreflightMemo(TextMemo<PieceFindings>);

impl Default for PreflightMemo {
    fn default() -> Self {
        PreflightMemo(TextMemo::new(16 * 1024 * 1024))
    }
}

/// What the checks find in one piece of the text, in the order they find it, by
/// check; lines counted from 1 at the piece's start, articles not yet known.
#[derive(Debug, Default)]
pub(crate) struct PieceFindings {
    citations: Vec<Finding>,
    links: Vec<Finding>,
    headings: Vec<Finding>,
    placeholders: Vec<Finding>,
    removed_html: Vec<Finding>,
    flattened: Vec<Finding>,
}

impl PreflightMemo {
    /// The findings of `piece` of `material`'s text, checked now or remembered.
    fn piece(
        &self,
        material: &Material<'_>,
        piece: &ParsedPiece,
        own_host: Option<&str>,
    ) -> Arc<PieceFindings> {
        let parsed = material.parsed;
        // A skipped heading level is counted from the heading before the piece.
        let level_before = parsed.headings[..piece.headings.start]
            .last()
            .map_or(1, |heading| heading.level);
        let make = || check_piece(parsed, piece, own_host, level_before);
        match material.body.get(piece.text.clone()) {
            Some(text) => {
                let salt = hash_of(&(piece.salt, own_host, level_before));
                self.0.get_or(text, salt, make)
            }
            None => Arc::new(make()),
        }
    }
}

/// The checks of what one piece of the text holds.
fn check_piece(
    parsed: &ParsedIssue,
    piece: &ParsedPiece,
    own_host: Option<&str>,
    level_before: u8,
) -> PieceFindings {
    let no_article = |_: u32| None;
    let mut found = Found {
        list: Vec::new(),
        article_at: &no_article,
    };
    let taken = |found: &mut Found<'_>| {
        let mut list = std::mem::take(&mut found.list);
        for finding in &mut list {
            finding.line = finding
                .line
                .map(|line| line.saturating_sub(piece.first_line));
        }
        list
    };

    for citation in &parsed.citations[piece.citations.clone()] {
        if let Some(url) = &citation.url {
            check_address(url, "The citation address", citation.line, &mut found);
        }
    }
    let citations = taken(&mut found);

    for link in &parsed.links[piece.links.clone()] {
        let what = if link.image { "The image" } else { "The link" };
        check_address(&link.url, what, link.line, &mut found);
        if link.image {
            check_image_host(&link.url, own_host, link.line, &mut found);
        }
    }
    let links = taken(&mut found);

    check_headings(
        &parsed.headings[piece.headings.clone()],
        level_before,
        &mut found,
    );
    let headings = taken(&mut found);

    found.add_at_lines(
        &parsed.placeholder_lines[piece.placeholder_lines.clone()],
        Severity::Error,
        FindingCode::PlaceholderLeft,
        "The placeholder TK is still in the text; write what is to come or remove it.",
    );
    let placeholders = taken(&mut found);

    for removed in &parsed.removed_html[piece.removed_html.clone()] {
        found.add(
            Severity::Warning,
            FindingCode::RawHtmlRemoved,
            Some(removed.line),
            format!(
                "The raw HTML {} is removed from every output; write it in Markdown or leave it out.",
                removed.what
            ),
        );
    }
    let removed_html = taken(&mut found);

    found.add_at_lines(
        &parsed.flattened_lines[piece.flattened_lines.clone()],
        Severity::Warning,
        FindingCode::NestingFlattened,
        &format!(
            "Quotations, lists or HTML on this line are nested deeper than {} levels; the outputs show the deepest ones as plain text.",
            markdown::MAX_NESTING
        ),
    );
    let flattened = taken(&mut found);

    PieceFindings {
        citations,
        links,
        headings,
        placeholders,
        removed_html,
        flattened,
    }
}

/// The most findings the preflight lists; a text can make tens of thousands (a
/// `TK` on every line), and nobody reads past the first screens of them.
pub const MAX_FINDINGS: usize = 200;

/// Keeps the first `max - 1` findings and counts the rest in a last one, as severe
/// as the worst of them.
fn keep_first_findings(findings: &mut Vec<Finding>, max: usize) {
    if findings.len() <= max {
        return;
    }
    let left_out = findings.split_off(max - 1);
    let severity = left_out
        .iter()
        .map(|finding| finding.severity)
        .min()
        .unwrap_or(Severity::Warning);
    findings.push(Finding {
        severity,
        code: FindingCode::MoreFindings,
        article: None,
        line: left_out.iter().find_map(|finding| finding.line),
        message: format!(
            "{} more findings are not listed; fix the ones above and check again.",
            left_out.len()
        ),
        subject: None,
    });
}

/// The findings so far, each placed in the article its line is in.
struct Found<'a> {
    list: Vec<Finding>,
    article_at: &'a dyn Fn(u32) -> Option<u32>,
}

impl Found<'_> {
    fn add(
        &mut self,
        severity: Severity,
        code: FindingCode,
        line: Option<u32>,
        message: String,
    ) -> &mut Finding {
        let article = line.and_then(self.article_at);
        self.list.push(Finding {
            severity,
            code,
            article,
            line,
            message,
            subject: None,
        });
        let last = self.list.len() - 1;
        &mut self.list[last]
    }

    /// The same finding on each of `lines`.
    fn add_at_lines(
        &mut self,
        lines: &[u32],
        severity: Severity,
        code: FindingCode,
        message: &str,
    ) {
        for &line in lines {
            self.add(severity, code, Some(line), message.to_owned());
        }
    }
}

/// The email must let readers leave, and so must the `.eml` and test emails, which
/// go out from a mail program: it fills in no merge tags, so they carry the real
/// unsubscribe address or none, and any other merge tag shows as it is.
fn check_unsubscribe(material: &Material<'_>, found: &mut Found<'_>) {
    let publication = material.publication;
    let tool_link = publication.tool_unsubscribe_link();
    let direct = publication.direct_unsubscribe();
    if tool_link.trim().is_empty() {
        found.add(
            Severity::Warning,
            FindingCode::NoUnsubscribe,
            None,
            "The email has no unsubscribe link, which anti-spam laws and mailbox providers require; choose the mailing tool, or give the unsubscribe link, in the settings.".to_owned(),
        );
    } else if direct.is_empty() {
        found.add(
            Severity::Warning,
            FindingCode::EmlNoUnsubscribe,
            None,
            format!(
                "The .eml and test emails have no unsubscribe link or List-Unsubscribe header: the email's {tool_link} is left out of them, because a mail program fills in no merge tags; give a real unsubscribe address for messages sent from a mail program in the settings."
            ),
        );
    }
    // The tool's own tags are replaced or left out in the .eml; anything else
    // that looks like a merge tag (in the text, or in the newsroom's own
    // template) reaches its readers as it is.
    let own: Vec<&str> = [
        Some(tool_link.as_str()),
        publication.mailing_tool.postal_address_tag(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for tag in merge_tags(&unescape_quotes(material.email_html)) {
        if own.contains(&tag.as_str()) {
            continue;
        }
        let line = material
            .body
            .lines()
            .position(|line| line.contains(&tag))
            .and_then(|index| u32::try_from(index + 1).ok());
        let message = format!(
            "The merge tag {tag} is filled in by the mailing tool, but the .eml and test emails go out from a mail program, which shows it as it is; write the words instead, or send this issue only through the mailing tool."
        );
        found
            .add(Severity::Warning, FindingCode::EmlMergeTag, line, message)
            .subject = Some(tag);
    }
}

/// `html` with `&quot;`, `&#39;` and `&amp;` written as the characters they stand
/// for (what merge tags hold in the email's text), in one pass.
fn unescape_quotes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (character, length) = [("&quot;", '"'), ("&#39;", '\''), ("&amp;", '&')]
            .into_iter()
            .find(|(entity, _)| rest.starts_with(entity))
            .map_or(('&', 1), |(entity, character)| (character, entity.len()));
        out.push(character);
        rest = &rest[length..];
    }
    out.push_str(rest);
    out
}

fn check_title(material: &Material<'_>, found: &mut Found<'_>) {
    let title = material.title.trim();
    let preheader = material.preheader.trim();
    if title.is_empty() {
        found.add(
            Severity::Warning,
            FindingCode::MissingTitle,
            None,
            "The issue has no title, so the email has no subject; give the issue a title."
                .to_owned(),
        );
    }
    if preheader.is_empty() {
        found.add(
            Severity::Warning,
            FindingCode::MissingPreheader,
            None,
            "The issue has no preheader, so inboxes show the first words of the email instead; write one line that makes readers open it.".to_owned(),
        );
    } else if !title.is_empty() && repeats(preheader, title) {
        found.add(
            Severity::Warning,
            FindingCode::PreheaderRepeatsTitle,
            None,
            "The preheader repeats the title, which inboxes show right before it; say something the title does not.".to_owned(),
        );
    }
    for (what, text) in [("title", title), ("preheader", preheader)] {
        if markdown::has_placeholder(text) {
            found.add(
                Severity::Error,
                FindingCode::PlaceholderLeft,
                None,
                format!("The placeholder TK is still in the {what}; write what is to come."),
            );
        }
    }
}

/// Whether `preheader` is the title, or starts with all of its words.
fn repeats(preheader: &str, title: &str) -> bool {
    let (preheader, title) = (comparable(preheader), comparable(title));
    preheader == title || preheader.starts_with(&format!("{title} "))
}

/// Lowercase words only, so "Tonga: cut off!" repeats "Tonga cut off".
fn comparable(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_photo(lead: &ArticlePhoto, sponsored: bool, line: Option<u32>, found: &mut Found<'_>) {
    let photo = &lead.photo;
    let key = &photo.key;
    let licence = photo.licence;
    let first = found.list.len();
    if photo.alt.trim().is_empty() {
        found.add(
            Severity::Error,
            FindingCode::PhotoMissingAlt,
            line,
            format!(
                "The photo \"{key}\" has no alt text, so readers who cannot see it (and mail clients that block images) get nothing; describe what it shows in the photo library."
            ),
        );
    }
    if photo.creator.trim().is_empty() {
        if licence.requires_attribution() {
            found.add(
                Severity::Error,
                FindingCode::PhotoMissingCredit,
                line,
                format!(
                    "The photo \"{key}\" is under {}, which requires naming its creator, but it has none; add the creator in the photo library.",
                    licence.short_name()
                ),
            );
        } else {
            found.add(
                Severity::Warning,
                FindingCode::PhotoMissingCreator,
                line,
                format!(
                    "The photo \"{key}\" names no creator, so its credit names none; add the creator in the photo library if it is known."
                ),
            );
        }
    }
    // What the licence must allow for how the photo is used: (used so, how it is
    // used, what the permission must allow, what the licence does not allow).
    let uses = [
        (
            lead.cropped && !licence.allows_derivatives(),
            "is shown cropped",
            "allows changing it, or show it whole",
            "does not allow changing it; show it whole or choose another photo",
        ),
        (
            sponsored && !licence.allows_commercial_use(),
            "is in a sponsored issue",
            "covers commercial use, or choose another photo",
            "does not allow commercial use; choose another photo",
        ),
    ];
    for (used, how, permission, not_allowed) in uses {
        if !used {
            continue;
        }
        let message = if licence == Licence::AllRightsReserved {
            format!(
                "The photo \"{key}\" {how} but is all rights reserved; make sure the permission {permission}."
            )
        } else {
            format!(
                "The photo \"{key}\" {how} but its licence {} {not_allowed}.",
                licence.short_name()
            )
        };
        found.add(
            Severity::Warning,
            FindingCode::PhotoLicenceUse,
            line,
            message,
        );
    }
    for finding in &mut found.list[first..] {
        finding.subject = Some(key.clone());
    }
}

fn check_address(url: &str, what: &str, line: u32, found: &mut Found<'_>) {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("mailto:") {
        return;
    }
    // A placeholder address is reported as a placeholder, not twice.
    if markdown::has_placeholder(url) {
        return;
    }
    let message = if lower.starts_with("http://") {
        format!(
            "{what} {url} is not secure (http); change it to https:// if the site has it, or link another page."
        )
    } else {
        format!(
            "{what} {url} is not a full https:// address, so readers of the email cannot open it; write the whole https:// address."
        )
    };
    found.add(
        Severity::Warning,
        FindingCode::InsecureLink,
        Some(line),
        message,
    );
}

/// The host of the publication's web address, where its own images live.
fn own_host(publication: &Publication) -> Option<String> {
    let base = url::Url::parse(publication.web_base_url.trim()).ok()?;
    base.host_str().map(str::to_ascii_lowercase)
}

/// An image from another site is fetched from there by every reader who opens the
/// email (and by the editor's preview if she shows remote images): that site learns
/// who read the issue and when, and the image can change or vanish after sending.
fn check_image_host(url: &str, own_host: Option<&str>, line: u32, found: &mut Found<'_>) {
    let Ok(address) = url::Url::parse(url.trim()) else {
        return;
    };
    if !matches!(address.scheme(), "http" | "https") {
        return;
    }
    let Some(host) = address.host_str().map(str::to_ascii_lowercase) else {
        return;
    };
    let own = own_host.is_some_and(|own| host == own || host.ends_with(&format!(".{own}")));
    if own {
        return;
    }
    let message = match own_host {
        Some(own) => format!(
            "The image {url} is loaded from {host}, not from the publication's own site ({own}), so every reader's mail program asks {host} for it; add it to the photo library or host it on {own}."
        ),
        None => format!(
            "The image {url} is loaded from {host}, so every reader's mail program asks {host} for it; add it to the photo library instead, or set the publication's web address and host it there."
        ),
    };
    found.add(
        Severity::Warning,
        FindingCode::RemoteImage,
        Some(line),
        message,
    );
}

/// `level_before`: the level of the heading before these (1 for the issue's title,
/// which stands above everything, as a level-1 heading would).
fn check_headings(headings: &[HeadingMark], level_before: u8, found: &mut Found<'_>) {
    let mut previous = level_before;
    for heading in headings {
        if heading.level > previous + 1 {
            found.add(
                Severity::Warning,
                FindingCode::SkippedHeadingLevel,
                Some(heading.line),
                format!(
                    "The heading \"{}\" is at level {} right after level {previous}, which screen readers announce as a missing level; use {} instead.",
                    heading.text,
                    heading.level,
                    "#".repeat(usize::from(previous) + 1)
                ),
            );
        }
        previous = heading.level;
        if heading.empty {
            let what = if heading.level == 1 {
                "article"
            } else {
                "section"
            };
            found.add(
                Severity::Warning,
                FindingCode::EmptySection,
                Some(heading.line),
                format!(
                    "The {what} \"{}\" has no text under its heading; write it or remove the heading.",
                    heading.text
                ),
            );
        }
    }
}

fn article_name(headline: &str) -> String {
    if headline.is_empty() {
        "The text before the first headline".to_owned()
    } else {
        format!("The article \"{headline}\"")
    }
}

/// The email's size against Gmail's clipping.
fn check_email_size(size: usize, found: &mut Found<'_>) {
    if size > EMAIL_CLIP_BYTES {
        found.add(
            Severity::Error,
            FindingCode::EmailTooLarge,
            None,
            format!(
                "The email is {}, over the 102 KB at which Gmail clips messages; shorten the issue or move an article to the next one.",
                kilobytes(size)
            ),
        );
    } else if size > EMAIL_WARN_BYTES {
        found.add(
            Severity::Warning,
            FindingCode::EmailLarge,
            None,
            format!(
                "The email is {}, close to the 102 KB at which Gmail clips messages; shorten the issue to stay under 80 KB.",
                kilobytes(size)
            ),
        );
    }
}

/// Errors first, then by line (findings about the whole issue before those on a
/// line); ties keep the order the checks ran in.
pub(crate) fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, f.line));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::Photo;

    /// Settings with an unsubscribe link everywhere, so only the checks under
    /// test find anything.
    static PUBLICATION: std::sync::LazyLock<Publication> = std::sync::LazyLock::new(|| {
        Publication::default()
            .with("mailingTool", "listmonk")
            .and_then(|p| p.with("unsubscribeAddress", "https://example.org/leave"))
            .unwrap()
    });

    fn material<'a>(parsed: &'a ParsedIssue, known: &'a HashSet<String>) -> Material<'a> {
        Material {
            title: "Tonga cut off",
            preheader: "What happened next",
            body: "",
            parsed,
            sponsored: false,
            photos: &[],
            known_sources: known,
            email_bytes: EmailSize::Built(10_000),
            control_lines: &[],
            publication: &PUBLICATION,
            email_html: r#"<a href="{{ UnsubscribeURL }}">Unsubscribe</a>"#,
        }
    }

    /// The checks with nothing remembered.
    fn check(material: &Material<'_>) -> Vec<Finding> {
        super::check(material, &PreflightMemo::default())
    }

    fn parse(body: &str) -> ParsedIssue {
        crate::markdown::IssueParser::default().parse(body)
    }

    fn codes(findings: &[Finding]) -> Vec<(FindingCode, Option<u32>, Option<u32>)> {
        findings
            .iter()
            .map(|f| (f.code, f.article, f.line))
            .collect()
    }

    #[test]
    fn a_clean_issue_has_no_findings() {
        let known = HashSet::from(["reuters".to_owned()]);
        let body = "# Tonga\n\nText. [@reuters]\n\n## More\n\nSee [it](https://example.org).\n";
        assert_eq!(check(&material(&parse(body), &known)), vec![]);
    }

    #[test]
    fn findings_are_sorted_errors_first_then_by_line() {
        let known = HashSet::new();
        let body = "# One\n\nTK\n\n#### Deep\n\nText [@bogus]\n";
        let findings = check(&material(&parse(body), &known));
        assert_eq!(
            codes(&findings),
            vec![
                (FindingCode::PlaceholderLeft, Some(0), Some(3)),
                (FindingCode::UnknownSource, Some(0), Some(7)),
                (FindingCode::SkippedHeadingLevel, Some(0), Some(5)),
            ]
        );
        assert!(has_errors(&findings));
        assert_eq!(
            findings[2].message,
            "The heading \"Deep\" is at level 4 right after level 1, which screen readers announce as a missing level; use ## instead."
        );
    }

    #[test]
    fn preheader_repeating_the_title_ignores_case_and_punctuation() {
        let known = HashSet::new();
        let empty = parse("");
        let mut m = material(&empty, &known);
        m.preheader = "TONGA: cut off — and more";
        assert_eq!(
            codes(&check(&m)),
            vec![(FindingCode::PreheaderRepeatsTitle, None, None)]
        );
        m.preheader = "Cut off";
        assert_eq!(codes(&check(&m)), vec![]);
    }

    #[test]
    fn images_from_other_sites_are_named_and_the_publications_own_are_not() {
        let known = HashSet::from(["reuters".to_owned()]);
        let body = "# Tonga\n\nText. [@reuters]\n\n![ash](https://cdn.newsflash.example/ash.jpg)\n\n\
                    <img src=\"https://tracker.example/pixel.gif\" alt=\"\">\n\n\
                    ![map](https://maps.example.org/tonga.png)\n";
        let parsed = parse(body);
        let mut m = material(&parsed, &known);
        assert_eq!(
            codes(&check(&m)),
            vec![
                (FindingCode::RemoteImage, Some(0), Some(5)),
                (FindingCode::RemoteImage, Some(0), Some(7)),
                (FindingCode::RemoteImage, Some(0), Some(9)),
            ]
        );
        let own = PUBLICATION
            .with("webBaseUrl", "https://newsflash.example/issues/")
            .unwrap();
        m.publication = &own;
        let findings = check(&m);
        assert_eq!(
            codes(&findings),
            vec![
                (FindingCode::RemoteImage, Some(0), Some(7)),
                (FindingCode::RemoteImage, Some(0), Some(9)),
            ]
        );
        assert_eq!(
            findings[0].message,
            "The image https://tracker.example/pixel.gif is loaded from tracker.example, not from the publication's own site (newsflash.example), so every reader's mail program asks tracker.example for it; add it to the photo library or host it on newsflash.example."
        );
    }

    #[test]
    fn sizes_are_in_kilobytes_with_one_decimal() {
        assert_eq!(kilobytes(EMAIL_CLIP_BYTES + 103), "102.1 KB");
        assert_eq!(kilobytes(81_920), "80.0 KB");
    }

    #[test]
    fn public_domain_photo_without_creator_is_only_a_warning() {
        let photo = Photo {
            details: crate::photo::NewPhoto {
                key: "old".into(),
                alt: "A harbour".into(),
                caption: String::new(),
                title: String::new(),
                creator: String::new(),
                source_name: String::new(),
                source_url: String::new(),
                licence: Licence::PublicDomain,
                permission: String::new(),
            },
            file: String::new(),
            sha256: String::new(),
            media_type: "image/jpeg".into(),
            width: None,
            height: None,
        };
        let lead = [ArticlePhoto {
            position: 0,
            photo,
            cropped: true,
        }];
        let known = HashSet::new();
        let parsed = parse("# A\n\nText.\n");
        let mut m = material(&parsed, &known);
        m.photos = &lead;
        m.sponsored = true;
        let findings = check(&m);
        assert_eq!(
            codes(&findings),
            vec![
                (FindingCode::NoSources, Some(0), Some(1)),
                (FindingCode::PhotoMissingCreator, Some(0), Some(1)),
            ]
        );
        assert!(!has_errors(&findings));
    }

    #[test]
    fn the_eml_gets_a_real_unsubscribe_link_and_no_merge_tags() {
        let known = HashSet::new();
        let body = "# A\n\nHello {{ .Subscriber.FirstName }}, text.\n";
        let parsed = parse(body);
        let mut m = material(&parsed, &known);
        m.body = body;
        m.email_html = r#"<p>Hello {{ .Subscriber.FirstName }}, text.</p><a href="{{ UnsubscribeURL }}">x</a>"#;
        let findings: Vec<_> = check(&m)
            .into_iter()
            .filter(|f| f.code != FindingCode::NoSources)
            .collect();
        assert_eq!(
            codes(&findings),
            vec![(FindingCode::EmlMergeTag, Some(0), Some(3))]
        );
        assert_eq!(
            findings[0].subject.as_deref(),
            Some("{{ .Subscriber.FirstName }}")
        );
        assert!(
            findings[0].message.contains("mail program"),
            "{}",
            findings[0].message
        );

        // The tool's tag with no real address: the .eml goes without.
        let no_address = Publication::default()
            .with("mailingTool", "mailchimp")
            .unwrap();
        let empty = parse("");
        m = material(&empty, &known);
        m.publication = &no_address;
        m.email_html = r#"<a href="*|UNSUB|*">x</a> *|LIST:ADDRESSLINE|*"#;
        let findings = check(&m);
        assert_eq!(
            codes(&findings),
            vec![(FindingCode::EmlNoUnsubscribe, None, None)]
        );
        assert!(
            findings[0].message.contains("*|UNSUB|*"),
            "{}",
            findings[0].message
        );

        // No unsubscribe link at all.
        let nothing = Publication::default().with("unsubscribeUrl", "").unwrap();
        m.publication = &nothing;
        m.email_html = "<p>no link</p>";
        assert_eq!(
            codes(&check(&m)),
            vec![(FindingCode::NoUnsubscribe, None, None)]
        );
    }

    /// Lines of a text with something for every check that is remembered by piece.
    fn a_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy as _;
        proptest::sample::select(vec![
            "# Article",
            "# Other article",
            "## Section",
            "#### Deep",
            "",
            "Text. [@reuters]",
            "Text [@unknown, http://example.org/page].",
            "Still TK here.",
            "A [link](http://example.org) and [another](https://example.org).",
            "![ash](https://cdn.example.org/ash.png)",
            "![own](https://newsflash.example/own.png)",
            "<script>alert(1)</script>",
            "<b onclick=\"x()\">bold</b>",
            "> > > > > > > > > > > > > > > > > > > > quoted deep",
            "```",
            "[ref]: http://ref.example.org",
            "See [ref] and [the report][ref].",
            "Hello {{ .Subscriber.FirstName }}.",
        ])
        .prop_map(str::to_owned)
    }

    proptest::proptest! {
        /// The preflight of a text edited line by line, remembering what it found in
        /// each piece, finds what a check of the whole text as one piece with nothing
        /// remembered finds.
        #[test]
        fn remembered_findings_are_those_of_a_fresh_check(
            lines in proptest::collection::vec(a_line(), 0..30),
            edits in proptest::collection::vec(
                (proptest::prelude::any::<proptest::sample::Index>(), proptest::option::of(a_line()), proptest::prelude::any::<bool>()),
                1..10,
            ),
        ) {
            let parser = crate::markdown::IssueParser::default();
            let memo = PreflightMemo::default();
            let known = HashSet::from(["reuters".to_owned()]);
            let own = PUBLICATION
                .with("webBaseUrl", "https://newsflash.example/issues/")
                .unwrap();
            let mut lines = lines;
            for (index, (at, line, insert)) in edits.into_iter().enumerate() {
                let body = lines.join("\n");
                let publication = if index % 3 == 2 { &own } else { &*PUBLICATION };
                let parsed = parser.parse(&body);
                let remembered = super::check(
                    &Material { body: &body, publication, ..material(&parsed, &known) },
                    &memo,
                );
                // Checked as one piece, as the whole text.
                let mut whole = parse(&body);
                whole.pieces = vec![ParsedPiece {
                    text: 0..body.len(),
                    first_line: 0,
                    salt: 0,
                    citations: 0..whole.citations.len(),
                    links: 0..whole.links.len(),
                    headings: 0..whole.headings.len(),
                    placeholder_lines: 0..whole.placeholder_lines.len(),
                    removed_html: 0..whole.removed_html.len(),
                    flattened_lines: 0..whole.flattened_lines.len(),
                }];
                let fresh = check(&Material {
                    body: &body,
                    publication,
                    ..material(&whole, &known)
                });
                proptest::prop_assert_eq!(remembered, fresh, "text:\n{}", body);
                let at = if lines.is_empty() { 0 } else { at.index(lines.len()) };
                match line {
                    Some(line) if insert || lines.is_empty() => lines.insert(at, line),
                    Some(line) => lines[at] = line,
                    None if !lines.is_empty() => {
                        lines.remove(at);
                    }
                    None => {}
                }
            }
        }

        /// Unescaping in one pass is unescaping `&quot;`, `&#39;`, then `&amp;`.
        #[test]
        fn quotes_are_unescaped_as_by_three_replacements(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["&quot;", "&#39;", "&amp;", "&", "amp;", "quot;", "#39;", "x", "é"]),
                0..20,
            ),
        ) {
            let html = parts.concat();
            let replaced = html
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(unescape_quotes(&html), replaced);
        }
    }
}
