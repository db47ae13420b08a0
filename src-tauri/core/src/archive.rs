//! The archive: the web pages of all published issues, an index page and an Atom
//! feed, in one folder to put on the publication's website.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};
use crate::export::copy_lead_photos;
use crate::files::{require_folder, write_all_or_none};
use crate::issue::IssueStatus;
use crate::newsroom::{Body, Format, Newsroom};
use crate::preflight::{Severity, has_errors};
use crate::render::{ArchiveEntry, long_date};

/// Writes the archive into `out` (which must exist) and returns the files written.
/// Like an export, it refuses issues the preflight finds errors in unless `force`,
/// and writes all of its files or none.
pub fn export_archive(
    newsroom: &Newsroom,
    out: &Path,
    force: bool,
    now: OffsetDateTime,
) -> Result<Vec<PathBuf>> {
    require_folder(out)?;
    let publication = newsroom.publication();
    let base_url = publication
        .web_base()
        .ok_or(Error::WebAddressMissing {
            what: "archive's feed",
        })?
        .to_string();
    let mut files = Vec::new();
    let mut entries = Vec::new();
    let mut latest = None;
    for summary in newsroom.issues().list()? {
        if summary.status != IssueStatus::Published {
            continue;
        }
        let number = summary.number;
        if !force {
            let findings = newsroom.preflight(number, Body::Saved)?;
            if has_errors(&findings) {
                let errors = findings
                    .iter()
                    .filter(|finding| finding.severity == Severity::Error)
                    .count();
                return Err(Error::PreflightFailed { number, errors });
            }
        }
        let issue = newsroom.issues().get(number)?;
        let file = format!("{}.{}", issue.slug(), Format::Web.extension());
        files.push((
            out.join(&file),
            newsroom.render(number, Format::Web, Body::Saved)?,
        ));
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
    }
    let updated = latest.unwrap_or(now).format(&Rfc3339).unwrap_or_default();
    let (page, feed) =
        newsroom
            .templates()
            .render_archive(&publication, &entries, &base_url, &updated)?;
    files.push((out.join("index.html"), page));
    files.push((out.join("feed.xml"), feed));
    for entry in &entries {
        copy_lead_photos(newsroom, entry.number, out)?;
    }
    write_all_or_none(out, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
