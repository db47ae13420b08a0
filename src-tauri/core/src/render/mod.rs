//! Rendering issues into what readers receive. The preview calls the same functions
//! as the export, so the editor sees exactly what she ships.
//!
//! **Invariant:** HTML is only produced by templates (and by comrak for the body).

use std::collections::HashMap;
use std::path::Path;

use minijinja::{Environment, Value, context};
use serde::Serialize;
use time::Date;
use time::macros::format_description;

mod email;
mod eml;
mod views;

pub(crate) use email::EmailMemo;
pub use email::email_html_from_mjml;
pub(crate) use eml::{build_eml, eml_for_sending};
pub(crate) use views::{ArticleView, SourceLink, article_views, photo_view};

use crate::content;
use crate::error::{Error, Result};
use crate::issue::Issue;
use crate::links::with_utm;
use crate::markdown::{self, TextArticle};
use crate::publication::Publication;

/// The most article HTML an email is built from. Inlining styles makes an email
/// several times its articles' HTML (tables twenty times), Gmail clips a message at
/// 102 KB, and no reader scrolls a megabyte of email: beyond this the email is
/// refused rather than built.
pub const MAX_EMAIL_TEXT_BYTES: usize = 512 * 1024;

const WEB_TEMPLATE_NAME: &str = "web.html";
const EMAIL_TEMPLATE_NAME: &str = "email.mjml";
const TEXT_TEMPLATE_NAME: &str = "text.txt";
const ARCHIVE_TEMPLATE_NAME: &str = "archive.html";
const FEED_TEMPLATE_NAME: &str = "feed.xml";

/// The largest template file read: the embedded ones are a few kilobytes.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The templates outputs are rendered with.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Overrides that failed to load, by template name: rendering that output
    /// reports the error (file, line, message) instead of using the default.
    broken: HashMap<&'static str, Error>,
    /// Where each overridden template came from, to name it in errors.
    overridden: HashMap<&'static str, String>,
    /// Where each broken override is.
    broken_files: HashMap<&'static str, String>,
}

/// The templates a newsroom may override, by file name.
pub const TEMPLATE_NAMES: [&str; 5] = [
    WEB_TEMPLATE_NAME,
    EMAIL_TEMPLATE_NAME,
    TEXT_TEMPLATE_NAME,
    ARCHIVE_TEMPLATE_NAME,
    FEED_TEMPLATE_NAME,
];

/// An issue in the archive page and the feed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArchiveEntry {
    pub number: u32,
    pub title: String,
    pub preheader: String,
    pub date: String,
    pub date_long: String,
    /// RFC 3339.
    pub updated: String,
    /// The page's file name, relative to the archive.
    pub file: String,
}

impl Templates {
    /// The templates embedded in the app (`content/templates/`).
    pub fn embedded() -> Self {
        let mut env = Environment::new();
        env.set_formatter(escape_for_html);
        // MJML is XML: everything printed into it is escaped like HTML.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".mjml") || name.ends_with(".xml") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        // Embedded templates are tested at build time, so a failure here is a bug.
        for (name, source) in [
            (WEB_TEMPLATE_NAME, content::WEB_TEMPLATE),
            (EMAIL_TEMPLATE_NAME, content::EMAIL_TEMPLATE),
            (TEXT_TEMPLATE_NAME, content::TEXT_TEMPLATE),
            (ARCHIVE_TEMPLATE_NAME, content::ARCHIVE_TEMPLATE),
            (FEED_TEMPLATE_NAME, content::FEED_TEMPLATE),
        ] {
            env.add_template(name, source)
                .unwrap_or_else(|error| panic!("embedded template {name} is invalid: {error:#}"));
        }
        Templates {
            env,
            broken: HashMap::new(),
            overridden: HashMap::new(),
            broken_files: HashMap::new(),
        }
    }

    /// The embedded templates, each replaced by the file of the same name in
    /// `folder` if there is one (`web.html`, `email.mjml`, `text.txt`). An override
    /// that cannot be read or parsed is reported when its output is rendered.
    pub fn with_overrides(folder: &Path) -> Self {
        let mut templates = Templates::embedded();
        for name in TEMPLATE_NAMES {
            let path = folder.join(name);
            if !path.is_file() {
                continue;
            }
            let loaded =
                crate::files::read_text_limited(&path, MAX_TEMPLATE_BYTES).and_then(|source| {
                    templates
                        .env
                        .add_template_owned(name, source)
                        .map_err(|error| template_error(&path.display().to_string(), &error))
                });
            match loaded {
                Ok(()) => {
                    templates
                        .overridden
                        .insert(name, path.display().to_string());
                }
                Err(error) => {
                    templates.broken.insert(name, error);
                    templates
                        .broken_files
                        .insert(name, path.display().to_string());
                }
            }
        }
        templates
    }

    fn template(&self, name: &'static str) -> Result<minijinja::Template<'_, '_>> {
        if let Some(error) = self.broken.get(name) {
            return Err(match error {
                Error::Template { name, detail } => Error::Template {
                    name: name.clone(),
                    detail: detail.clone(),
                },
                other => Error::Template {
                    name: self
                        .broken_files
                        .get(name)
                        .cloned()
                        .unwrap_or_else(|| name.to_owned()),
                    detail: without_full_stop(&other.to_string()),
                },
            });
        }
        self.env
            .get_template(name)
            .map_err(|error| template_error(self.file_of(name), &error))
    }

    /// The newsroom's file that replaces the embedded template `name`, if any.
    pub fn overridden_by(&self, name: &str) -> Option<&str> {
        self.overridden
            .get(name)
            .map(String::as_str)
            .or_else(|| self.broken_files.get(name).map(String::as_str))
    }

    /// Why the newsroom's file for template `name` cannot be used, if it cannot.
    pub fn problem_with(&self, name: &str) -> Option<String> {
        self.broken.get(name).map(ToString::to_string)
    }

    /// The file a template came from, as errors name it.
    fn file_of<'a>(&'a self, name: &'a str) -> &'a str {
        self.overridden.get(name).map_or(name, String::as_str)
    }

    /// The email edition of an issue: MJML rendered and CSS inlined, the articles'
    /// texts remembered in `memo` (see render/email.rs).
    /// The email edition; refused when the articles' HTML alone is over
    /// [`MAX_EMAIL_TEXT_BYTES`].
    pub(crate) fn render_email(
        &self,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
        memo: &EmailMemo,
    ) -> Result<String> {
        let text_bytes: usize = articles.iter().map(|article| article.html.len()).sum();
        if text_bytes > MAX_EMAIL_TEXT_BYTES {
            return Err(Error::EmailTooLarge {
                text_bytes,
                limit: MAX_EMAIL_TEXT_BYTES,
            });
        }
        let utm = publication.utm_parameters(issue.number);
        if !self.overridden.contains_key(EMAIL_TEMPLATE_NAME)
            && !self.broken.contains_key(EMAIL_TEMPLATE_NAME)
        {
            // The embedded template shows each article's `html` only (splicing is
            // tested against the whole pipeline, which fails if it shows more): its
            // lead and sections are not tagged for the skeleton, which would be
            // most of the work of an email whose articles are remembered.
            let with_markers =
                email_articles(articles, &utm, Parts::Left, |index, _| email::marker(index));
            let skeleton = self.render_email_template(publication, issue, &with_markers, &utm)?;
            let texts: Vec<&str> = articles
                .iter()
                .map(|article| article.html.as_str())
                .collect();
            if let Some(email) =
                email::spliced_email(EMAIL_TEMPLATE_NAME, &skeleton, &texts, &utm, memo)?
            {
                return Ok(email);
            }
        }
        let mjml = self.render_email_mjml(publication, issue, articles)?;
        email::mjml_to_email_html(self.file_of(EMAIL_TEMPLATE_NAME), &mjml)
    }

    /// The MJML the email edition is made from, UTM parameters added to its links.
    pub(crate) fn render_email_mjml(
        &self,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
    ) -> Result<String> {
        let utm = publication.utm_parameters(issue.number);
        let tagged = email_articles(articles, &utm, Parts::Tagged, |_, article| {
            email::tagged(&article.html, &utm)
        });
        self.render_email_template(publication, issue, &tagged, &utm)
    }

    fn render_email_template(
        &self,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
        utm: &[(&'static str, String)],
    ) -> Result<String> {
        let web_url = web_url(publication, issue).map(|url| with_utm(&url, utm).into_owned());
        self.render_template(EMAIL_TEMPLATE_NAME, publication, issue, articles, web_url)
    }

    /// The plain-text edition: every article's text from the syntax tree, its
    /// photo credit and Sources lines, and the links it uses listed at its end.
    /// Links are numbered once for the whole issue (an address keeps its number,
    /// Sources included) and get the same UTM parameters as in the email, whose
    /// text part this is.
    pub(crate) fn render_text(
        &self,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
    ) -> Result<String> {
        // Numbered with the email's UTM parameters: this is the email's text part.
        let (utm, mut numbers) = tagged_link_numbers(publication.utm_parameters(issue.number));
        let views: Vec<_> = articles
            .iter()
            .map(|article| {
                let text = article.text.write(&mut numbers);
                let mut links = text.links;
                let sources: Vec<String> = article
                    .sources
                    .iter()
                    .map(|source| match &source.url {
                        Some(url) => {
                            let (address, number) = numbers.number(url);
                            if !links.contains(&address) {
                                links.push(address);
                            }
                            format!("{} [{number}]", source.name)
                        }
                        None => source.name.clone(),
                    })
                    .collect();
                let mut links: Vec<_> = links
                    .into_iter()
                    .map(|address| (numbers.get(&address).unwrap_or_default(), address))
                    .collect();
                links.sort();
                let photo = article.photo.as_ref().map(|photo| {
                    if photo.credit_line.starts_with("Photo") {
                        photo.credit_line.clone()
                    } else {
                        format!("Photo: {}", photo.credit_line)
                    }
                });
                let wrap = |line: String| textwrap::fill(&line, markdown::TEXT_WIDTH);
                context! {
                    text => text.text.trim_end(),
                    photo => photo.map(wrap),
                    sources => (!sources.is_empty()).then(|| wrap(format!("Sources: {}", sources.join(", ")))),
                    links => links.into_iter().map(|(number, address)| context! { number, address }).collect::<Vec<_>>(),
                }
            })
            .collect();
        let web_url = web_url(publication, issue).map(|url| with_utm(&url, &utm).into_owned());
        let template = self.template(TEXT_TEMPLATE_NAME)?;
        let text = template
            .render(context! {
                publication => minijinja::value::Serde(publication),
                issue => issue_context(issue),
                articles => views,
                web_url => web_url,
                postal_address => publication.mailing_tool.postal_address_tag(),
            })
            .map_err(|error| template_error(self.file_of(TEXT_TEMPLATE_NAME), &error))?;
        // Template whitespace control is fiddly; one empty line between blocks is
        // the rule of plain-text mail, so enforce it here. Line ends are trimmed,
        // except the signature separator's: it is "-- " with its space (RFC 3676),
        // which mail programs recognise to grey out or cut off what follows.
        let mut tidy = String::with_capacity(text.len());
        for line in text.trim_end().lines() {
            if line.is_empty() && tidy.ends_with("\n\n") {
                continue;
            }
            let line = line.trim_end();
            tidy.push_str(if line == "--" { "-- " } else { line });
            tidy.push('\n');
        }
        Ok(tidy)
    }

    /// The archive page and the Atom feed of the published issues (newest first).
    /// `base_url` is the publication's web address, ending with `/`.
    pub(crate) fn render_archive(
        &self,
        publication: &Publication,
        issues: &[ArchiveEntry],
        base_url: &str,
        updated: &str,
    ) -> Result<(String, String)> {
        let context = context! {
            publication => minijinja::value::Serde(publication),
            issues => minijinja::value::Serde(issues),
            base_url => base_url,
            feed_id => format!("{base_url}feed.xml"),
            updated => updated,
        };
        let page = self
            .template(ARCHIVE_TEMPLATE_NAME)?
            .render(&context)
            .map_err(|error| template_error(self.file_of(ARCHIVE_TEMPLATE_NAME), &error))?;
        let feed = self
            .template(FEED_TEMPLATE_NAME)?
            .render(&context)
            .map_err(|error| template_error(self.file_of(FEED_TEMPLATE_NAME), &error))?;
        Ok((page, feed))
    }

    fn render_template(
        &self,
        name: &'static str,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
        web_url: Option<String>,
    ) -> Result<String> {
        let template = self.template(name)?;
        template
            .render(context! {
                publication => minijinja::value::Serde(publication),
                issue => issue_context(issue),
                articles => articles.iter().map(|article| context! {
                    headline => &article.headline,
                    html => Value::from_safe_string(article.html.clone()),
                    lead => Value::from_safe_string(article.lead.clone()),
                    sections => article.sections.iter().cloned().map(Value::from_safe_string).collect::<Vec<_>>(),
                    sources => minijinja::value::Serde(&article.sources),
                    photo => minijinja::value::Serde(&article.photo),
                }).collect::<Vec<_>>(),
                web_url => web_url,
                postal_address => publication.mailing_tool.postal_address_tag(),
            })
            .map_err(|error| template_error(self.file_of(name), &error))
    }

    /// The standalone web page of an issue.
    pub(crate) fn render_web_page(
        &self,
        publication: &Publication,
        issue: &Issue,
        articles: &[ArticleView],
    ) -> Result<String> {
        self.render_template(
            WEB_TEMPLATE_NAME,
            publication,
            issue,
            articles,
            web_url(publication, issue),
        )
    }
}

/// `utm`, and link numbers that add it to every address they number.
fn tagged_link_numbers(
    utm: Vec<(&'static str, String)>,
) -> (Vec<(&'static str, String)>, markdown::LinkNumbers) {
    let numbers = {
        let utm = utm.clone();
        markdown::LinkNumbers::with_rewrite(move |url| with_utm(url, &utm).into_owned())
    };
    (utm, numbers)
}

/// What becomes of an article's lead and sections in the email's view of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parts {
    /// Their links get the UTM parameters.
    Tagged,
    /// Left out: the template does not show them.
    Left,
}

/// The articles as the email's template sees them: `html_of` gives each one's
/// text, the lead and sections are as `parts` says, Sources links get the UTM
/// parameters.
fn email_articles(
    articles: &[ArticleView],
    utm: &[(&'static str, String)],
    parts: Parts,
    html_of: impl Fn(usize, &ArticleView) -> String,
) -> Vec<ArticleView> {
    let tag = |html: &str| match parts {
        Parts::Tagged => email::tagged(html, utm),
        Parts::Left => String::new(),
    };
    articles
        .iter()
        .enumerate()
        .map(|(index, article)| ArticleView {
            headline: article.headline.clone(),
            html: html_of(index, article),
            lead: tag(&article.lead),
            sections: article
                .sections
                .iter()
                .map(|section| tag(section))
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
            text: TextArticle::default(),
        })
        .collect()
}

/// HTML escaping as mail clients need it: only `& < > " '`, and the apostrophe as
/// `&#39;` (Outlook shows `&apos;` literally). minijinja's default also escapes `/`,
/// which bloats every URL in an email and gains nothing.
fn escape_for_html(
    out: &mut minijinja::Output<'_>,
    state: &mut minijinja::State<'_, '_>,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    if value.is_safe() || !matches!(state.auto_escape(), minijinja::AutoEscape::Html) {
        return write!(out, "{value}").map_err(minijinja::Error::from);
    }
    let text = match value.as_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => std::borrow::Cow::Owned(value.to_string()),
    };
    let mut last = 0;
    for (index, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[last..index])?;
        out.write_str(entity)?;
        last = index + c.len_utf8();
    }
    out.write_str(&text[last..]).map_err(minijinja::Error::from)
}

fn issue_context(issue: &Issue) -> Value {
    context! {
        number => issue.number,
        date => issue.date.to_string(),
        date_long => long_date(issue.date),
        title => &issue.title,
        preheader => &issue.preheader,
    }
}

fn without_full_stop(sentence: &str) -> String {
    sentence.trim_end_matches('.').to_owned()
}

fn template_error(name: &str, error: &minijinja::Error) -> Error {
    let detail = match error.line() {
        Some(line) => format!("line {line}: {}", error.detail().unwrap_or("unknown error")),
        None => error.to_string(),
    };
    Error::Template {
        name: name.to_owned(),
        detail,
    }
}

/// Where the web page of an issue is published, if the publication has a web address.
pub(crate) fn web_url(publication: &Publication, issue: &Issue) -> Option<String> {
    publication
        .web_base()?
        .join(&format!("{}.html", issue.slug()))
        .ok()
        .map(String::from)
}

/// "27 January 2022": how dates read in the masthead.
pub fn long_date(date: Date) -> String {
    date.format(format_description!(
        "[day padding:none] [month repr:long] [year]"
    ))
    .unwrap_or_else(|_| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::IssueStatus;
    use crate::source::SourceLabel;
    use time::macros::{date, datetime};

    fn sample_issue(body: &str) -> Issue {
        Issue {
            number: 7,
            date: date!(2024 - 03 - 05),
            title: "Rain & <shine>".into(),
            preheader: "Why it rained".into(),
            status: IssueStatus::Draft,
            body: body.into(),
            updated_at: datetime!(2024-03-01 10:00 UTC),
            version: 1,
        }
    }

    #[test]
    fn web_page_has_the_body_and_escapes_the_title() {
        let issue = sample_issue("# Hello\n\nWorld [@hrw] [@nobody] [@hrw, https://hrw.org/x]\n");
        let mut labels = HashMap::new();
        labels.insert(
            "hrw".to_owned(),
            SourceLabel {
                name: "HRW".into(),
                homepage: "https://www.hrw.org/".into(),
            },
        );
        let html = Templates::embedded()
            .render_web_page(
                &Publication::default(),
                &issue,
                &article_views(
                    &crate::markdown::IssueParser::default().parse(&issue.body),
                    &labels,
                ),
            )
            .unwrap();
        assert!(
            html.contains(r#"Sources: <a href="https://hrw.org/x">HRW</a>, nobody</p>"#),
            "{html}"
        );
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<h1>Hello</h1>"));
        assert!(
            html.contains("<title>Rain &amp; &lt;shine&gt; · Newsflash #7</title>"),
            "{html}"
        );
        assert!(html.contains("5 March 2024"));
    }

    #[test]
    fn sample_web_page_snapshot() {
        let (name, text) = crate::content::SAMPLE_ISSUES[0];
        let new_issue = crate::interchange::parse_issue_file(name, text).unwrap();
        let issue = Issue {
            number: new_issue.number,
            date: new_issue.details.date,
            title: new_issue.details.title,
            preheader: new_issue.details.preheader,
            status: new_issue.status,
            body: new_issue.body,
            updated_at: datetime!(2022-01-27 08:00 UTC),
            version: 1,
        };
        let publication =
            Publication::from_toml("newsroom.toml", crate::content::NEWSROOM_SETTINGS).unwrap();
        let labels = HashMap::new();
        let html = Templates::embedded()
            .render_web_page(
                &publication,
                &issue,
                &article_views(
                    &crate::markdown::IssueParser::default().parse(&issue.body),
                    &labels,
                ),
            )
            .unwrap();
        insta::assert_snapshot!("sample_issue_web", html);
    }

    /// The email put together from remembered parts is the one the whole pipeline
    /// makes (but for the line breaks between tags, which mrml drops).
    #[test]
    fn the_spliced_email_is_the_whole_pipelines() {
        let tags = |html: &str| {
            let mut out = String::with_capacity(html.len());
            let mut pending_break = false;
            for c in html.chars() {
                if c == '\n' {
                    pending_break = true;
                    continue;
                }
                if pending_break && !(out.ends_with('>') && c == '<') {
                    out.push('\n');
                }
                pending_break = false;
                out.push(c);
            }
            out
        };
        let publication =
            Publication::from_toml("newsroom.toml", crate::content::NEWSROOM_SETTINGS).unwrap();
        let memo = EmailMemo::default();
        let parser = crate::markdown::IssueParser::default();
        let texts = [
            crate::content::SAMPLE_ISSUES[0].1.split("+++").nth(2).unwrap().to_owned(),
            "# Tables\n\n| a | b |\n|:--|--:|\n| 1 | [two](https://example.org/2?x=1&y=2) |\n\n> A *quote* with <b>raw</b> HTML and `code`.\n\n# Second\n\n- one\n- two [@reuters]\n\n```\ncode\n  kept\n```\n".to_owned(),
            "Before any heading, with an ' apostrophe.\n\n# Ü and Ωmega\n\n<div><p>raw <a href=\"https://example.org/\">link</a></p></div>\n".to_owned(),
        ];
        for body in texts {
            let issue = Issue {
                body,
                ..sample_issue("")
            };
            let templates = Templates::embedded();
            let articles = article_views(&parser.parse(&issue.body), &HashMap::new());
            let spliced = templates
                .render_email(&publication, &issue, &articles, &memo)
                .unwrap();
            let whole = email::mjml_to_email_html(
                "email.mjml",
                &templates
                    .render_email_mjml(&publication, &issue, &articles)
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(tags(&spliced), tags(&whole));
            // Remembered parts give the same email again.
            assert_eq!(
                templates
                    .render_email(&publication, &issue, &articles, &memo)
                    .unwrap(),
                spliced
            );
        }
    }
}
