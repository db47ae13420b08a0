//! The newsroom façade for what readers receive: an issue rendered in each format,
//! as saved or with the text the editor has in front of her, and the preflight.
//!
//! Both work in two steps: what the output needs is read from the store in one
//! read transaction (a [`Snapshot`]), then the rendering or checking is done with
//! no lock held, so a save never waits for a preview.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::interchange::{read_issue_file, write_issue_file};
use crate::issue::{Issue, MAX_ARTICLES, check_body_size};
use crate::mailing::Sender;
use crate::markdown::ParsedIssue;
use crate::photo::ArticlePhoto;
use crate::preflight::{
    self, EmailSize, Finding, FindingCode, MAX_CONTROL_LINES, Material, Severity,
};
use crate::publication::Publication;
use crate::render::{ArticleView, Templates, article_views, build_eml, photo_view};
use crate::source::SourceLabel;
use crate::store;
use crate::text::{lines_with_controls, normalise_controls};

/// The keys an issue's text cites, once each.
fn cited_keys(parsed: &ParsedIssue) -> Vec<&str> {
    let mut seen = HashSet::new();
    parsed
        .citations
        .iter()
        .map(|citation| citation.key.as_str())
        .filter(|key| seen.insert(*key))
        .collect()
}

/// What an issue can be rendered as. The preview and the export take the same
/// formats and call the same renderer, so what is previewed is what is shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A standalone web page (`<slug>.html`).
    Web,
    /// Email-ready HTML (`<slug>.email.html`).
    Email,
    /// Plain text (`<slug>.txt`), also the text part of the `.eml`.
    Text,
    /// A draft email message with HTML and text parts (`<slug>.eml`).
    Eml,
    /// The interchange file: TOML front matter and Markdown (`<slug>.md`).
    Markdown,
}

impl Format {
    /// Every format, in the order exports list them.
    pub const ALL: [Format; 5] = [
        Format::Web,
        Format::Email,
        Format::Text,
        Format::Eml,
        Format::Markdown,
    ];

    /// The file-name ending of this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Web => "html",
            Format::Markdown => "md",
            Format::Email => "email.html",
            Format::Text => "txt",
            Format::Eml => "eml",
        }
    }

    /// Whether readers receive it (everything but the interchange file), so it must
    /// pass the preflight before it is exported.
    pub fn is_for_readers(self) -> bool {
        self != Format::Markdown
    }
}

/// Which text of an issue to render or check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body<'a> {
    /// The text as saved.
    Saved,
    /// Text the editor has in front of her and has not saved yet (the live preview
    /// and preflight); the title, preheader and photos are the saved ones.
    Unsaved(&'a str),
}

/// Everything an output of one issue needs from the store, read at one moment.
struct Snapshot<'n> {
    newsroom: &'n Newsroom,
    publication: std::sync::Arc<Publication>,
    templates: std::sync::Arc<Templates>,
    issue: Issue,
    parsed: ParsedIssue,
    sponsored: bool,
    photos: Vec<ArticlePhoto>,
    labels: HashMap<String, SourceLabel>,
    /// Lines of the text as typed with control characters (taken out of `issue`).
    control_lines: Vec<u32>,
}

impl Newsroom {
    /// Issue `number` rendered as `format`, from its saved text or the editor's.
    pub fn render(&self, number: u32, format: Format, body: Body<'_>) -> Result<String> {
        if format == Format::Markdown {
            return match body {
                Body::Saved => self.issues().file(number),
                Body::Unsaved(text) => {
                    let snapshot = self.snapshot(number, text)?;
                    let meta = self.store.read(|conn| {
                        let id = store::issues::id(conn, number)?;
                        store::articles::article_meta(conn, id)
                    })?;
                    Ok(write_issue_file(&snapshot.issue, snapshot.sponsored, &meta))
                }
            };
        }
        let snapshot = match body {
            Body::Saved => {
                let text = self.issues().get(number)?.body;
                self.snapshot(number, &text)?
            }
            Body::Unsaved(text) => self.snapshot(number, text)?,
        };
        snapshot.render(format)
    }

    /// The preflight of issue `number`, on its saved text or the editor's: errors
    /// first, then by line.
    pub fn preflight(&self, number: u32, body: Body<'_>) -> Result<Vec<Finding>> {
        let snapshot = match body {
            Body::Saved => {
                let text = self.issues().get(number)?.body;
                self.snapshot(number, &text)?
            }
            Body::Unsaved(text) => self.snapshot(number, text)?,
        };
        snapshot.check()
    }

    /// The MJML the email edition of issue `number` is made from, before mrml and
    /// CSS inlining (for benchmarks, and to compare with other MJML tools).
    pub fn render_email_mjml(&self, number: u32) -> Result<String> {
        let text = self.issues().get(number)?.body;
        let snapshot = self.snapshot(number, &text)?;
        let articles = snapshot.article_views();
        let publication = snapshot.publication.as_sent_by(Sender::MailingTool);
        snapshot
            .templates
            .render_email_mjml(&publication, &snapshot.issue, &articles)
    }

    /// Reads what rendering issue `number` with `text` needs.
    fn snapshot(&self, number: u32, text: &str) -> Result<Snapshot<'_>> {
        check_body_size(text)?;
        let control_lines = lines_with_controls(text, MAX_CONTROL_LINES);
        let text = normalise_controls(text);
        let parsed = self.parser.parse(&text);
        check_article_count(&parsed)?;
        let keys = cited_keys(&parsed);
        let (mut issue, sponsored, photos, labels) = self.store.read(|conn| {
            let issue = store::issues::get(conn, number)?;
            let id = store::issues::id(conn, number)?;
            Ok((
                issue,
                store::issues::sponsored(conn, number)?,
                store::articles::article_photos(conn, id)?,
                store::sources::labels(conn, &keys)?,
            ))
        })?;
        issue.body = text.into_owned();
        Ok(Snapshot {
            newsroom: self,
            publication: self.publication(),
            templates: self.templates(),
            issue,
            parsed,
            sponsored,
            photos,
            labels,
            control_lines,
        })
    }

    /// Checks an interchange file before it is imported (`name` is used in
    /// messages); lines are lines of the file. Besides the checks of a stored
    /// issue, its number must be free (numbers are unique, so this is the only way
    /// an issue can duplicate one) and its photos in the library. A file that
    /// cannot be read at all is an error, not a finding.
    pub(super) fn check_issue_file(&self, name: &str, text: &str) -> Result<Vec<Finding>> {
        let file = read_issue_file(name, text)?;
        let number = file.issue.number;
        let mut findings = Vec::new();
        let body = normalise_controls(&file.issue.body).into_owned();
        let parsed = self.parser.parse(&body);
        check_article_count(&parsed)?;
        let keys = cited_keys(&parsed);
        let (existing, labels, known_photos) = self.store.read(|conn| {
            let existing = match store::issues::get(conn, number) {
                Ok(existing) => Some(existing.title),
                Err(Error::IssueNotFound { .. }) => None,
                Err(error) => return Err(error),
            };
            let mut photos = Vec::new();
            for meta in &file.articles {
                if let Some(key) = &meta.photo {
                    match store::photos::get(conn, key) {
                        Ok(photo) => photos.push(Some(photo)),
                        Err(Error::PhotoNotFound { .. }) => photos.push(None),
                        Err(error) => return Err(error),
                    }
                }
            }
            Ok((existing, store::sources::labels(conn, &keys)?, photos))
        })?;
        if let Some(title) = existing {
            findings.push(Finding {
                severity: Severity::Error,
                code: FindingCode::DuplicateNumber,
                article: None,
                line: None,
                message: format!(
                    "{name} is issue {number}, but this newsroom already has an issue {number} (\"{title}\")."
                ),
                subject: None,
            });
        }
        let mut photos = Vec::new();
        let mut known = known_photos.into_iter();
        for (position, meta) in (0_u32..).zip(&file.articles) {
            let Some(key) = &meta.photo else { continue };
            match known.next().flatten() {
                Some(photo) => photos.push(ArticlePhoto {
                    position,
                    photo,
                    cropped: meta.photo_cropped,
                }),
                None => findings.push(Finding {
                    severity: Severity::Error,
                    code: FindingCode::UnknownPhoto,
                    article: Some(position),
                    line: parsed.articles.get(position as usize).map(|a| a.line),
                    message: format!(
                        "The article uses the photo \"{key}\", which is not in the photo library."
                    ),
                    subject: Some(key.clone()),
                }),
            }
        }
        let control_lines = lines_with_controls(&file.issue.body, MAX_CONTROL_LINES);
        let new = file.issue;
        let snapshot = Snapshot {
            newsroom: self,
            publication: self.publication(),
            templates: self.templates(),
            parsed,
            issue: Issue {
                number: new.number,
                date: new.details.date,
                title: new.details.title,
                preheader: new.details.preheader,
                status: new.status,
                body,
                // Not rendered; the file has not been saved.
                updated_at: OffsetDateTime::UNIX_EPOCH,
                version: 0,
            },
            sponsored: file.sponsored,
            photos,
            labels,
            control_lines,
        };
        findings.extend(snapshot.check()?);
        // Lines of the text are counted from the end of the front matter; the editor
        // opens the file, so count from its start.
        let normalised = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let before = normalised.len().saturating_sub(new.body.len());
        let offset = u32::try_from(normalised[..before].matches('\n').count()).unwrap_or(0);
        for finding in &mut findings {
            finding.line = finding.line.map(|line| line.saturating_add(offset));
        }
        preflight::sort(&mut findings);
        Ok(findings)
    }
}

impl Snapshot<'_> {
    /// The articles as templates show them, sources named as the library names
    /// them, lead photos in their places.
    fn article_views(&self) -> Vec<ArticleView> {
        let mut articles = article_views(&self.parsed, &self.labels);
        for lead in &self.photos {
            if let Some(article) = articles.get_mut(lead.position as usize) {
                article.photo = Some(photo_view(&self.publication, &lead.photo));
            }
        }
        articles
    }

    /// Renders `format`. The email and plain text go to the mailing tool and carry
    /// its merge tags; the `.eml` is sent from a mail program and carries real
    /// addresses only (its parts are rendered for that, not copied from the email).
    fn render(&self, format: Format) -> Result<String> {
        let articles = self.article_views();
        let (templates, publication, issue) = (&self.templates, &*self.publication, &self.issue);
        let memo = &self.newsroom.email_memo;
        match format {
            Format::Web => templates.render_web_page(publication, issue, &articles),
            Format::Email => {
                let for_tool = publication.as_sent_by(Sender::MailingTool);
                templates.render_email(&for_tool, issue, &articles, memo)
            }
            Format::Text => {
                let for_tool = publication.as_sent_by(Sender::MailingTool);
                templates.render_text(&for_tool, issue, &articles)
            }
            Format::Eml => {
                let for_program = publication.as_sent_by(Sender::MailProgram);
                let html = templates.render_email(&for_program, issue, &articles, memo)?;
                let text = templates.render_text(&for_program, issue, &articles)?;
                build_eml(publication, issue, &html, &text)
            }
            Format::Markdown => Err(Error::Internal(
                "the interchange file is not rendered from a snapshot".into(),
            )),
        }
    }

    fn check(&self) -> Result<Vec<Finding>> {
        let articles = self.article_views();
        let (email, email_bytes) = match self.templates.render_email(
            &self.publication.as_sent_by(Sender::MailingTool),
            &self.issue,
            &articles,
            &self.newsroom.email_memo,
        ) {
            Ok(email) => {
                let size = EmailSize::Built(email.len());
                (email, size)
            }
            Err(Error::EmailTooLarge { text_bytes, .. }) => {
                (String::new(), EmailSize::TooLargeToBuild(text_bytes))
            }
            Err(error) => return Err(error),
        };
        let known_sources: HashSet<String> = self.labels.keys().cloned().collect();
        let material = Material {
            title: &self.issue.title,
            preheader: &self.issue.preheader,
            body: &self.issue.body,
            parsed: &self.parsed,
            sponsored: self.sponsored,
            photos: &self.photos,
            known_sources: &known_sources,
            email_bytes,
            control_lines: &self.control_lines,
            publication: &self.publication,
            email_html: &email,
        };
        Ok(preflight::check(&material, &self.newsroom.preflight_memo))
    }
}

/// Refuses a text with more articles than an issue can show.
fn check_article_count(parsed: &ParsedIssue) -> Result<()> {
    if parsed.articles.len() > MAX_ARTICLES {
        return Err(Error::TooManyArticles {
            count: parsed.articles.len(),
            limit: MAX_ARTICLES,
        });
    }
    Ok(())
}
