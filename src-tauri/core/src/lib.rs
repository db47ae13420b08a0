//! Newsflash Studio's core: the newsroom (a SQLite file), its issues, and the
//! renderers that turn them into what readers receive.
//!
//! It knows nothing of Tauri, windows or the command line: both binaries are thin
//! layers over it, and it builds and tests anywhere in seconds.
//!
//! ```
//! use newsflash_core::{Newsroom, Seed};
//! # let dir = tempfile::tempdir().unwrap();
//! let now = time::OffsetDateTime::now_utc();
//! let newsroom = Newsroom::open(&dir.path().join("newsroom.db"), Seed::Content, now).unwrap();
//! let first = &newsroom.issues().unwrap()[0];
//! let page = newsroom.render_web_page(first.number).unwrap();
//! assert!(page.contains("<h1>"));
//! ```
#![deny(missing_docs)]

mod citation;
mod content;
mod email;
mod eml;
mod error;
mod export;
mod interchange;
mod issue;
mod markdown;
mod newsroom;
mod paste;
mod photo;
mod preflight;
mod publication;
mod render;
mod revision;
mod source;
mod source_csv;
mod store;

#[cfg(test)]
mod bindings;

pub use citation::{ArticleSummary, Citation};
pub use email::email_html_from_mjml;
pub use error::{Error, ErrorCode, ErrorReport, Result};
pub use export::{Format, export_issue, export_issue_formats, write_atomically};
pub use interchange::{
    ArticleMeta, IssueFile, parse_issue_file, read_issue_file, write_issue_file,
};
pub use issue::{
    Issue, IssueStatus, IssueSummary, MAX_ISSUE_BODY_BYTES, NewIssue, SaveReceipt, issue_slug,
};
pub use markdown::{RemovedHtml, TEXT_WIDTH, TextArticle, removed_html, render_text_articles};
pub use newsroom::{BundleImport, PreviewFormat, TextImport, assets_dir_of};
pub use newsroom::{
    MAX_SOURCE_SEARCH_RESULTS, NEWSROOM_ENV, Newsroom, NewsroomInfo, Seed, choose_newsroom_path,
    default_newsroom_path,
};
pub use paste::{PastedIssue, read_pasted_text};
pub use photo::{
    ArticlePhoto, CcTerms, CcVersion, Credit, CreditSegment, Licence, MAX_PHOTO_BYTES, NewPhoto,
    Photo, check_photo_key,
};
pub use preflight::{EMAIL_CLIP_BYTES, EMAIL_WARN_BYTES, Finding, Severity, has_errors};
pub use publication::Publication;
pub use render::{TEMPLATE_NAMES, long_date};
pub use revision::{Revision, RevisionReason, RevisionSummary};
pub use source::{Source, check_key, check_web_url, key_from_name, name_fingerprint};
pub use source_csv::{MAX_SOURCES_CSV_BYTES, SOURCES_CSV_COLUMNS, SourcesImportReport};
pub use store::schema_version;
