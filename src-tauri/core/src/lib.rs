//! Newsflash Studio's core: the newsroom (a SQLite file), its issues, and the
//! renderers that turn them into what readers receive.
//!
//! It knows nothing of Tauri, windows or the command line: both binaries are thin
//! layers over it, and it builds and tests anywhere in seconds.
//!
//! ```
//! use newsflash_core::{Body, Format, Newsroom, Seed};
//! # let dir = tempfile::tempdir().unwrap();
//! let now = time::OffsetDateTime::now_utc();
//! let newsroom = Newsroom::open(&dir.path().join("newsroom.db"), Seed::Content, now).unwrap();
//! let first = &newsroom.issues().list().unwrap()[0];
//! let page = newsroom.render(first.number, Format::Web, Body::Saved).unwrap();
//! assert!(page.contains("<h1>"));
//! ```
//!
//! The modules are layers, and a module only uses those below it (a test checks
//! it; `ARCHITECTURE.md` explains the order):
//! foundations (`status`, `error`, `text`, `files`, `links`, `memo`, `search_query`,
//! `content`, `image`) → domain types → `store` → parsing and rendering → `newsroom` (the
//! façade) → publishing (`export`, `archive`, `bundle`, `send`).
#![deny(missing_docs)]

// Foundations: no knowledge of issues beyond their status.
mod content;
mod error;
mod files;
mod image;
mod links;
mod memo;
mod search_query;
mod status;
mod text;
// Domain types.
mod article;
mod finding;
mod issue;
mod licence;
mod mailing;
mod photo;
mod publication;
mod revision;
mod source;
mod typing;
// The newsroom file.
mod store;
// Reading and writing what issues are made of.
mod interchange;
mod markdown;
mod paste;
mod photo_list;
mod preflight;
mod render;
mod source_csv;
// The façade.
mod newsroom;
// Publishing.
mod archive;
mod bundle;
mod export;
mod send;

#[cfg(test)]
mod layers;

pub use archive::export_archive;
pub use article::{
    ArticleMeta, ArticleSummary, Citation, Outline, OutlineArticle, OutlineSection,
    WORDS_PER_MINUTE, reading_minutes,
};
pub use bundle::{
    Bundle, BundleImport, MAX_ISSUE_FILE_BYTES, SourceDifference, export_bundle, import_bundle,
    read_bundle,
};
pub use error::{Error, ErrorCode, ErrorReport, Result};
pub use export::export_issue_formats;
pub use files::{read_limited, read_text_limited, write_atomically};
pub use finding::{Finding, FindingCode, Severity, has_errors};
pub use image::MAX_IMAGE_SIDE;
pub use interchange::{IssueFile, parse_issue_file, read_issue_file, write_issue_file};
pub use issue::{
    Issue, IssueDetails, IssueStatus, IssueSummary, MAX_ARTICLES, MAX_ISSUE_BODY_BYTES,
    MAX_PREHEADER_CHARS, MAX_TABLE_CELLS, MAX_TITLE_CHARS, NewIssue, SaveOutcome, issue_slug,
};
pub use licence::{CcTerms, CcVersion, Licence};
pub use links::check_web_url;
pub use mailing::{DirectUnsubscribe, MailingTool, SmtpSecurity, merge_tags};
pub use markdown::{
    ArticleMarks, IssueParser, MAX_HTML_NESTING, MAX_NESTING, ParsedArticle, ParsedIssue,
    RemovedHtml, TEXT_WIDTH, TextArticle, WrittenText,
};
pub use newsroom::{
    Body, Desk, Format, IMPORT_PROGRESS_STEP, ImportProgress, Issues, MAX_SOURCE_SEARCH_RESULTS,
    NEWSROOM_ENV, Newsroom, NewsroomInfo, NextIssue, Photos, Revisions, Seed, Settings, Sources,
    TemplateInUse, TextImport, Typing, assets_dir_of, choose_newsroom_path, default_newsroom_path,
};
pub use paste::{PastedIssue, read_pasted_text};
pub use photo::{
    ArticlePhoto, Credit, CreditSegment, MAX_PHOTO_BYTES, NewPhoto, Photo, PhotoUse,
    check_photo_key,
};
pub use preflight::{EMAIL_CLIP_BYTES, EMAIL_WARN_BYTES, MAX_FINDINGS};
pub use publication::Publication;
pub use render::{MAX_EMAIL_TEXT_BYTES, TEMPLATE_NAMES, email_html_from_mjml, long_date};
pub use revision::{DiffChange, DiffLine, Revision, RevisionReason, RevisionSummary, diff_lines};
pub use send::{TestEmailSent, send_test_email};
pub use source::{Source, SourceChange, SourceUse, check_key, key_from_name, name_fingerprint};
pub use source_csv::{MAX_SOURCES_CSV_BYTES, SOURCES_CSV_COLUMNS, SourcesImportReport};
pub use store::schema_version;
pub use text::for_terminal;
pub use typing::{Edit, Place, Recovered, TypedChange, TypedThrough};
