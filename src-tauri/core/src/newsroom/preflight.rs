//! The newsroom façade for the preflight: gathers what an issue is made of (text,
//! lead photos, the sources its citations resolve to, its email) and runs the
//! checks of [`crate::preflight`] on it.

use std::collections::HashSet;

use time::OffsetDateTime;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::interchange::read_issue_file;
use crate::issue::Issue;
use crate::markdown;
use crate::photo::ArticlePhoto;
use crate::preflight::{self, Finding, Material, Severity};
use crate::store;

impl Newsroom {
    /// Checks issue `number` as saved: errors first, then by line.
    pub fn check_issue(&self, number: u32) -> Result<Vec<Finding>> {
        let issue = self.issue(number)?;
        let photos = self.article_photos(number)?;
        let sponsored = store::issues::sponsored(self.store.conn(), number)?;
        self.check(&issue, sponsored, photos)
    }

    /// Checks issue `number` with text the editor has not saved yet (the live
    /// findings beside the editor); title, preheader and photos are the saved ones.
    pub fn check_issue_text(&self, number: u32, body: &str) -> Result<Vec<Finding>> {
        let issue = self.with_unsaved_body(number, body)?;
        let photos = self.article_photos(number)?;
        let sponsored = store::issues::sponsored(self.store.conn(), number)?;
        self.check(&issue, sponsored, photos)
    }

    /// Checks an interchange file before it is imported (`name` is used in
    /// messages); lines are lines of the file. Besides the checks of a stored
    /// issue, its number must be free (numbers are unique, so this is the only way
    /// an issue can duplicate one) and its photos in the library. A file that
    /// cannot be read at all is an error, not a finding.
    pub fn check_issue_file(&self, name: &str, text: &str) -> Result<Vec<Finding>> {
        let file = read_issue_file(name, text)?;
        let number = file.issue.number;
        let mut findings = Vec::new();
        match self.issue(number) {
            Ok(existing) => findings.push(Finding {
                severity: Severity::Error,
                code: "duplicate-number".to_owned(),
                article: None,
                line: None,
                message: format!(
                    "{name} is issue {number}, but this newsroom already has an issue {number} (\"{}\"); change the number in the front matter.",
                    existing.title
                ),
            }),
            Err(Error::IssueNotFound { .. }) => {}
            Err(error) => return Err(error),
        }
        let outline = markdown::outline(&file.issue.body);
        let mut photos = Vec::new();
        for (position, meta) in (0_u32..).zip(&file.articles) {
            let Some(key) = &meta.photo else { continue };
            match self.photo(key) {
                Ok(photo) => photos.push(ArticlePhoto {
                    position,
                    photo,
                    cropped: meta.photo_cropped,
                }),
                Err(Error::PhotoNotFound { .. }) => findings.push(Finding {
                    severity: Severity::Error,
                    code: "unknown-photo".to_owned(),
                    article: Some(position),
                    line: outline.articles.get(position as usize).map(|a| a.line),
                    message: format!(
                        "The article uses the photo \"{key}\", which is not in the photo library; add it first (newsflash photos add) or fix the key."
                    ),
                }),
                Err(error) => return Err(error),
            }
        }
        let new = file.issue;
        let issue = Issue {
            number: new.number,
            date: new.date,
            title: new.title,
            preheader: new.preheader,
            status: new.status,
            body: new.body,
            // Not rendered; the file has not been saved.
            updated_at: OffsetDateTime::UNIX_EPOCH,
        };
        findings.extend(self.check(&issue, file.sponsored, photos)?);
        // Lines of the text are counted from the end of the front matter; the editor
        // opens the file, so count from its start.
        let normalised = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        let before = normalised.len().saturating_sub(issue.body.len());
        let offset = u32::try_from(normalised[..before].matches('\n').count()).unwrap_or(0);
        for finding in &mut findings {
            finding.line = finding.line.map(|line| line.saturating_add(offset));
        }
        preflight::sort(&mut findings);
        Ok(findings)
    }

    fn check(
        &self,
        issue: &Issue,
        sponsored: bool,
        photos: Vec<ArticlePhoto>,
    ) -> Result<Vec<Finding>> {
        let outline = markdown::outline(&issue.body);
        let keys: Vec<&str> = outline.citations.iter().map(|c| c.key.as_str()).collect();
        let known_sources: HashSet<String> = store::sources::labels(self.store.conn(), &keys)?
            .into_keys()
            .collect();
        let articles = self.article_views_with(issue, photos.clone())?;
        let email = self
            .templates
            .render_email(&self.publication, issue, &articles)?;
        Ok(preflight::check(&Material {
            title: &issue.title,
            preheader: &issue.preheader,
            body: &issue.body,
            sponsored,
            photos: &photos,
            known_sources: &known_sources,
            email_bytes: email.len(),
        }))
    }
}
