//! The archive: the web pages of all published issues, an index page and an Atom
//! feed, in one folder to put on the publication's website.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Newsroom;
use crate::error::{Error, Result};
use crate::export::{Format, export_issue, write_atomically};
use crate::issue::IssueStatus;
use crate::render::{ArchiveEntry, long_date};

impl Newsroom {
    /// Writes the web page of every published issue into `out` (which must exist),
    /// with `index.html` listing them newest first and `feed.xml` (Atom). The feed
    /// needs absolute links, so the publication must have a web address.
    pub fn export_archive(&mut self, out: &Path, now: OffsetDateTime) -> Result<Vec<PathBuf>> {
        let base_url = self
            .publication
            .web_base()
            .ok_or_else(|| {
                Error::InvalidInput(
                    "The archive's feed needs the publication's web address; set webBaseUrl in the newsroom's settings (for example https://example.org/newsflash/).".into(),
                )
            })?
            .to_string();
        let mut written = Vec::new();
        let mut entries = Vec::new();
        let mut latest = None;
        for summary in self.issues()? {
            if summary.status != IssueStatus::Published {
                continue;
            }
            let issue = self.issue(summary.number)?;
            let page = export_issue(self, summary.number, Format::Web, out, now)?;
            let file = page
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            latest = latest.max(Some(issue.updated_at));
            entries.push(ArchiveEntry {
                number: issue.number,
                title: issue.title.clone(),
                preheader: issue.preheader.clone(),
                date: issue.date.to_string(),
                date_long: long_date(issue.date),
                updated: issue.updated_at.format(&Rfc3339).unwrap_or_default(),
                file,
            });
            written.push(page);
        }
        let updated = latest.unwrap_or(now).format(&Rfc3339).unwrap_or_default();
        let (page, feed) =
            self.templates
                .render_archive(&self.publication, &entries, &base_url, &updated)?;
        let index = out.join("index.html");
        write_atomically(&index, page.as_bytes())?;
        let atom = out.join("feed.xml");
        write_atomically(&atom, feed.as_bytes())?;
        written.push(index);
        written.push(atom);
        Ok(written)
    }
}
