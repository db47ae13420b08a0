//! Errors of the core, and the one serialisable shape they take when they leave it.
//!
//! Every message says what is wrong, to which file, issue, source or photo, in one
//! sentence, and never how to fix it with one particular front end: the command line
//! and the app each add their own how-to (`newsflash settings set …`, "open
//! Settings"), branching on the variant or on [`ErrorCode`], never on the text.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::status::IssueStatus;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // --- The newsroom file ---------------------------------------------------------
    /// The folder the newsroom should live in does not exist.
    #[error(
        "The folder for the newsroom {} does not exist; create it first or choose another location.",
        path.display()
    )]
    NewsroomFolderMissing {
        /// The newsroom file that was asked for.
        path: PathBuf,
    },
    /// The newsroom file, or the folder a new one would go in, cannot be written.
    #[error(
        "The newsroom {} is in a read-only location; make it writable or choose another location.",
        path.display()
    )]
    NewsroomReadOnly {
        /// The newsroom file that was asked for.
        path: PathBuf,
    },
    /// The path holds something that is not a newsroom.
    #[error(
        "The file {} is not a Newsflash newsroom ({reason}); it was left untouched, so choose another file.",
        path.display()
    )]
    NotANewsroom {
        /// The file that was opened.
        path: PathBuf,
        /// What it is instead, in a few words.
        reason: String,
    },
    /// The newsroom was written by a newer version of the app.
    #[error(
        "The newsroom {} was saved by a newer version of Newsflash Studio (schema {found}, this version knows up to {supported}); it was left untouched, so update the app to open it.",
        path.display()
    )]
    NewsroomTooNew {
        /// The newsroom file.
        path: PathBuf,
        /// The schema version found in the file.
        found: u32,
        /// The newest schema version this build understands.
        supported: u32,
    },
    /// Another window or process kept the newsroom busy for longer than a save may wait.
    #[error(
        "The newsroom {} is busy: another window or process has been writing to it for a while; nothing was changed, so try again in a moment.",
        path.display()
    )]
    NewsroomBusy {
        /// The newsroom file.
        path: PathBuf,
    },
    /// The newsroom file is damaged.
    #[error(
        "The newsroom {} is damaged ({detail}); it was left untouched from then on, so restore it from a backup.",
        path.display()
    )]
    NewsroomCorrupt {
        /// The newsroom file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// A newsroom path written as an SQLite URI (`file:…`), which would let SQLite
    /// open something other than the file named.
    #[error(
        "\"{}\" is written as a database address, not a file name; give the newsroom's file name as it is on disk.",
        path.display()
    )]
    NewsroomUri {
        /// The path as given.
        path: PathBuf,
    },
    /// The system's SQLite library is older than the newsroom's tables need (on
    /// Linux the app uses the distribution's SQLite).
    #[error(
        "This system's SQLite library is version {found}, older than the {needed} newsroom files need; nothing was opened, so update the system's SQLite (the package libsqlite3)."
    )]
    SqliteTooOld {
        /// The version found, e.g. `3.31.1`.
        found: String,
        /// The oldest version that works.
        needed: &'static str,
    },
    /// No default newsroom location could be worked out (no home directory).
    #[error("There is no data folder for this user to keep the newsroom in.")]
    NoDataFolder,

    // --- Issues ----------------------------------------------------------------------
    /// An issue number that is not in the newsroom.
    #[error("There is no issue {number} in this newsroom.")]
    IssueNotFound {
        /// The issue number asked for.
        number: u32,
    },
    /// An issue number that is already used.
    #[error("Issue {number} already exists, and numbers are unique.")]
    IssueNumberTaken {
        /// The number asked for.
        number: u32,
    },
    /// Issue number 0.
    #[error("Issue numbers start at 1, so there can be no issue 0.")]
    IssueNumberZero,
    /// A status change the workflow does not allow.
    #[error(
        "Issue {number} is {}, so it cannot move to {to}; {}.",
        if from == to { format!("already {from}") } else { from.to_string() },
        allowed_moves(*from)
    )]
    StatusChangeRefused {
        /// The issue.
        number: u32,
        /// Its status.
        from: IssueStatus,
        /// The status asked for.
        to: IssueStatus,
    },
    /// Going back to draft without saying why.
    #[error("Issue {number} is {from}; moving it back to draft needs a reason (what must change).")]
    ReasonRequired {
        /// The issue.
        number: u32,
        /// Its status.
        from: IssueStatus,
    },
    /// Moving to ready or published while the preflight finds errors.
    #[error(
        "Issue {number} cannot move to {to} while the preflight finds {errors} error{}.",
        if *errors == 1 { "" } else { "s" }
    )]
    StatusNeedsCleanPreflight {
        /// The issue.
        number: u32,
        /// The status asked for.
        to: IssueStatus,
        /// How many errors the preflight found.
        errors: usize,
    },
    /// A change to a published issue, which is read-only until it is reopened.
    #[error(
        "Issue {number} is published, so it is read-only; reopen it for a correction (with a reason) to change it."
    )]
    IssuePublished {
        /// The issue.
        number: u32,
    },
    /// A status name that is not one.
    #[error(
        "\"{name}\" is not an issue status; the statuses are draft, in_review, ready and published."
    )]
    UnknownStatus {
        /// The name given.
        name: String,
    },
    /// A title or preheader that cannot be used.
    #[error("The {what} of issue {number} {problem}.")]
    InvalidIssueDetail {
        /// The issue.
        number: u32,
        /// "title" or "preheader".
        what: &'static str,
        /// What is wrong with it ("is empty", "is 20000 characters long, more than 300").
        problem: String,
    },
    /// Text that is too large to keep.
    #[error(
        "The {what} is {size} bytes, more than the {limit} bytes it may hold; nothing was saved."
    )]
    TooLarge {
        /// What was too large ("issue text").
        what: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// An issue with more articles than its outputs show.
    #[error(
        "The issue has {count} articles, more than the {limit} an issue can show; join some of them (each `#` heading starts one) or move them to another issue."
    )]
    TooManyArticles {
        /// How many articles the text has.
        count: usize,
        /// The most an issue can show.
        limit: usize,
    },
    /// An issue whose tables make more cells than its outputs are built from in time.
    #[error(
        "The text's tables have {count} cells, more than the {limit} an issue may hold; split them over several issues or shorten them."
    )]
    TooManyTableCells {
        /// How many cells the tables make.
        count: usize,
        /// The most an issue may hold.
        limit: usize,
    },
    /// An email too large to build.
    #[error(
        "The email would hold {} of articles, more than the {} an email is built from (Gmail clips at 102 KB); shorten the issue or move articles to the next one.",
        crate::text::kilobytes(*text_bytes), crate::text::kilobytes(*limit)
    )]
    EmailTooLarge {
        /// The size of the articles' HTML in bytes.
        text_bytes: usize,
        /// The most the email is built from.
        limit: usize,
    },
    /// An export for readers refused because the preflight found errors.
    #[error(
        "Issue {number} has {errors} preflight error{}, so it was not exported.",
        if *errors == 1 { "" } else { "s" }
    )]
    PreflightFailed {
        /// The issue.
        number: u32,
        /// How many errors the preflight found.
        errors: usize,
    },
    /// The .eml needs a sender and the settings have none (or a broken one).
    #[error("The .eml needs the sender's email address, but the settings have {}.",
        if sender.is_empty() { "none".to_owned() } else { format!("\"{sender}\", which is not one") })]
    SenderMissing {
        /// The address in the settings.
        sender: String,
    },
    /// Something needs the publication's web address and the settings have none.
    #[error("The {what} needs the publication's web address, but the settings have none.")]
    WebAddressMissing {
        /// What needs it ("archive's feed").
        what: &'static str,
    },
    /// The .eml message could not be put together.
    #[error("The .eml could not be built: {0}.")]
    MessageBuild(String),

    // --- Test emails -----------------------------------------------------------------
    /// A test email needs a mail server and the settings have none.
    #[error("Test emails need a mail server to go through, but the settings have none.")]
    SmtpHostMissing,
    /// A test email needs somewhere to go and none was given or set.
    #[error("The test email needs an address to go to, and none was given or set.")]
    TestRecipientMissing,
    /// The address a test email should go to is not one.
    #[error("\"{address}\" is not an email address a test email can go to.")]
    InvalidRecipient {
        /// The address as given (shortened).
        address: String,
    },
    /// The mail server needs a password and none was given.
    #[error("The mail server {host} needs the password of {user}, and none was given.")]
    SmtpPasswordMissing {
        /// The mail server.
        host: String,
        /// The login.
        user: String,
    },
    /// The mail server could not be reached at all.
    #[error(
        "The mail server {host} could not be reached on port {port} ({detail}); nothing was sent."
    )]
    SmtpUnreachable {
        /// The mail server.
        host: String,
        /// The port tried.
        port: u16,
        /// What the network said.
        detail: String,
    },
    /// The encrypted connection to the mail server failed.
    #[error(
        "The encrypted connection to the mail server {host} failed ({detail}); nothing was sent, so check that the security setting suits the port (tls for 465, starttls for 587)."
    )]
    SmtpTls {
        /// The mail server.
        host: String,
        /// What TLS reported.
        detail: String,
    },
    /// STARTTLS was asked for and the server does not offer it.
    #[error(
        "The mail server {host} does not offer STARTTLS, so the password and the email would cross the network unencrypted; nothing was sent."
    )]
    SmtpNoStarttls {
        /// The mail server.
        host: String,
    },
    /// The mail server refused the login.
    #[error("The mail server {host} refused the login of {user} ({reply}); nothing was sent.")]
    SmtpLoginRefused {
        /// The mail server.
        host: String,
        /// The login.
        user: String,
        /// The server's reply.
        reply: String,
    },
    /// The mail server refused to send from the sender's address.
    #[error("The mail server {host} refused to send as {sender} ({reply}); nothing was sent.")]
    SmtpSenderRejected {
        /// The mail server.
        host: String,
        /// The sender's address (the `senderEmail` setting).
        sender: String,
        /// The server's reply.
        reply: String,
    },
    /// The mail server refused the recipient.
    #[error("The mail server {host} refused the recipient {to} ({reply}); nothing was sent.")]
    SmtpRecipientRejected {
        /// The mail server.
        host: String,
        /// The recipient.
        to: String,
        /// The server's reply.
        reply: String,
    },
    /// The mail server failed otherwise (refused the message, broke off).
    #[error("The mail server {host} did not take the test email ({detail}).")]
    SmtpFailed {
        /// The mail server.
        host: String,
        /// What went wrong.
        detail: String,
    },

    // --- Revisions -------------------------------------------------------------------
    /// A revision id that is not in the newsroom.
    #[error("There is no revision {id} in this newsroom.")]
    RevisionNotFound {
        /// The id asked for.
        id: i64,
    },
    /// A revision of another issue.
    #[error("Revision {id} belongs to issue {belongs_to}, not issue {number}.")]
    RevisionOfAnotherIssue {
        /// The revision.
        id: i64,
        /// Its issue.
        belongs_to: u32,
        /// The issue it was to be restored into.
        number: u32,
    },
    /// A revision reason that is not one (a damaged or newer newsroom).
    #[error("\"{name}\" is not a revision reason.")]
    UnknownRevisionReason {
        /// The stored name.
        name: String,
    },

    // --- Sources ---------------------------------------------------------------------
    /// A source with this citation key is already in the library.
    #[error("There is already a source with the key {key}.")]
    SourceKeyTaken {
        /// The key asked for.
        key: String,
    },
    /// A citation key that is not in the library.
    #[error("There is no source with the key {key} in this newsroom.")]
    SourceNotFound {
        /// The key asked for.
        key: String,
    },
    /// A source merged into itself.
    #[error("A source cannot be merged into itself; choose the other source of the two.")]
    SourceMergedIntoItself {
        /// Its key.
        key: String,
    },
    /// A key that cannot be a citation key.
    #[error(
        "\"{key}\" is not a valid {what} key; use lowercase letters, digits and dashes, like \"{example}\"."
    )]
    InvalidKey {
        /// The key as given (shortened).
        key: String,
        /// "citation" or "photo".
        what: &'static str,
        /// A key that would do.
        example: &'static str,
    },
    /// A source without a name for readers.
    #[error("The source {key} needs a short name for readers (for example \"HRW\").")]
    SourceNameRequired {
        /// The source's key.
        key: String,
    },
    /// A name that several sources answer to equally well.
    #[error(
        "\"{name}\" could be any of the sources {}; cite one of them by its key instead.",
        keys.join(", ")
    )]
    AmbiguousSourceName {
        /// The name as given.
        name: String,
        /// The keys of the sources it could mean, sorted.
        keys: Vec<String>,
    },
    /// Every key derived from a name is taken.
    #[error(
        "Every citation key like \"{wanted}\" is taken, so a source named like it needs a key of its own."
    )]
    NoFreeKey {
        /// The key that was wanted.
        wanted: String,
    },
    /// A sources CSV file with problems; nothing of it was imported.
    #[error(
        "Nothing was imported from {file} because {}:\n{}{}",
        if problems.len() + more == 1 { "of a problem".to_owned() } else { format!("of {} problems", problems.len() + more) },
        problems.join("\n"),
        if *more > 0 { format!("\n(and {more} more)") } else { String::new() }
    )]
    SourcesCsv {
        /// The file's name, as the editor knows it.
        file: String,
        /// The first problems, each "line N: ...".
        problems: Vec<String>,
        /// How many more problems were found but not listed.
        more: usize,
    },
    /// A web address that cannot be used.
    #[error(
        "\"{text}\" is not a usable web address ({why}); it must be a full address starting with https://."
    )]
    InvalidWebAddress {
        /// The address as given (shortened).
        text: String,
        /// Why, in a few words.
        why: String,
    },

    // --- Photos ----------------------------------------------------------------------
    /// A photo key that is not in the library.
    #[error("There is no photo \"{key}\" in this newsroom's library.")]
    PhotoNotFound {
        /// The key asked for.
        key: String,
    },
    /// A photo key that is already in the library.
    #[error("The library already has a photo \"{key}\".")]
    PhotoKeyTaken {
        /// The key asked for.
        key: String,
    },
    /// A bundle's photo whose key the library uses for another image.
    #[error("The library already has a photo \"{key}\" with another image than the one in {file}.")]
    PhotoKeyHasAnotherImage {
        /// The key.
        key: String,
        /// The bundle's photo list.
        file: String,
    },
    /// A file that is not an image the app can use.
    #[error("The file {} is not a JPEG, PNG, WebP or GIF image.", path.display())]
    NotAnImage {
        /// The file.
        path: PathBuf,
    },
    /// An image whose header cannot be read, or declares an impossible size.
    #[error("The image {} is damaged or incomplete ({why}).", path.display())]
    DamagedImage {
        /// The file.
        path: PathBuf,
        /// What is wrong, in a few words.
        why: String,
    },
    /// A licence id the app does not know.
    #[error("\"{text}\" is not a licence Newsflash knows; the known ones are {}.", known.join(", "))]
    UnknownLicence {
        /// The id as given (shortened).
        text: String,
        /// The ids the app knows.
        known: Vec<String>,
    },
    /// A photo whose licence requires attribution, without a creator.
    #[error(
        "The photo \"{key}\" is under {licence}, which requires naming its creator (a person or an organisation)."
    )]
    CreatorRequired {
        /// The photo.
        key: String,
        /// The licence's short name.
        licence: String,
    },
    /// An all-rights-reserved photo without a recorded permission.
    #[error(
        "The photo \"{key}\" is all rights reserved, so who allowed its use, and how, must be recorded (e.g. \"email from the photographer, 3 May 2026\")."
    )]
    PermissionRequired {
        /// The photo.
        key: String,
    },
    /// A cropped photo under a no-derivatives licence.
    #[error(
        "The photo \"{key}\" is under {licence}, which does not allow changing it, so it cannot be shown cropped."
    )]
    CroppingNotAllowed {
        /// The photo.
        key: String,
        /// The licence's short name.
        licence: String,
    },
    /// An issue file names a lead photo the library does not have.
    #[error(
        "{file}: article {article} uses the photo \"{key}\", which is not in the photo library."
    )]
    PhotoNotInLibrary {
        /// The issue file.
        file: String,
        /// The article (1-based).
        article: u32,
        /// The photo's key.
        key: String,
    },

    // --- Files the editor gives --------------------------------------------------------
    /// An issue file, photo list or settings file that cannot be read as one.
    #[error("{file}{}: {problem}.", line.map(|line| format!(", line {line}")).unwrap_or_default())]
    InvalidFile {
        /// The file's name, as the editor knows it.
        file: String,
        /// The line of the problem, when known.
        line: Option<u32>,
        /// What is wrong, in words.
        problem: String,
    },
    /// A bundle folder that does not hold exactly one issue.
    #[error("The folder {} {problem}, so it is not a bundle.", folder.display())]
    NotABundle {
        /// The folder.
        folder: PathBuf,
        /// What is wrong ("has no issue file (.md)").
        problem: String,
    },
    /// A file that is not there.
    #[error("There is no file {}.", path.display())]
    FileMissing {
        /// The file.
        path: PathBuf,
    },
    /// A folder that is not there.
    #[error("The folder {} does not exist.", path.display())]
    FolderMissing {
        /// The folder.
        path: PathBuf,
    },
    /// Something that is not a regular file where one is needed.
    #[error("{} is {kind}, not a file.", path.display())]
    NotARegularFile {
        /// The path.
        path: PathBuf,
        /// What it is ("a folder", "a named pipe").
        kind: &'static str,
    },
    /// A file larger than its kind may be.
    #[error("The file {} is {}, more than the {} such a file may have; nothing was read.", path.display(), human_size(*size), human_size(*limit))]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// A text file that is not UTF-8.
    #[error("The file {} is not UTF-8 text.", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("Could not {action} {}: {source}.", path.display())]
    File {
        /// What was being done ("write", "read").
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },

    // --- Settings --------------------------------------------------------------------
    /// A setting that is not one.
    #[error("\"{key}\" is not a setting; the settings are {}.", known.join(", "))]
    UnknownSetting {
        /// The key as given (shortened).
        key: String,
        /// The keys there are.
        known: Vec<&'static str>,
    },
    /// A setting's value that cannot be used.
    #[error("The setting {key} {problem}.")]
    InvalidSetting {
        /// The setting's key, as in the settings file (`accentColour`).
        key: &'static str,
        /// What is wrong and what would do ("must be six hex digits like #8a3324").
        problem: String,
    },

    // --- Rendering and storage ---------------------------------------------------------
    /// A template failed to render.
    #[error("The template {name} could not be rendered: {detail}.")]
    Template {
        /// The template's file name.
        name: String,
        /// Where and why, as minijinja reports it.
        detail: String,
    },
    /// The database failed in a way not covered above.
    #[error("The newsroom could not be read or written: {0}.")]
    Storage(#[from] rusqlite::Error),
    /// A migration failed.
    #[error("The newsroom could not be brought up to date: {0}.")]
    Migration(#[from] rusqlite_migration::Error),
    /// A bug: the work stopped where it should not have (a panic caught).
    #[error("Something went wrong inside Newsflash ({0}); nothing was changed.")]
    Internal(String),
}

/// Convenience alias for results of core functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn allowed_moves(from: IssueStatus) -> String {
    match (from.next(), from) {
        (Some(next), IssueStatus::Draft) => format!("it can move on to {next}"),
        (Some(next), _) => format!("it can move on to {next}, or back to draft with a reason"),
        (None, _) => "it can only go back to draft, with a reason".to_owned(),
    }
}

/// `2 MB`, `512 KB`, `17 bytes`.
fn human_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    if bytes >= MB {
        format!("{} MB", bytes.div_ceil(MB))
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} bytes")
    }
}

impl Error {
    /// The stable code the UI and scripts branch on.
    pub fn code(&self) -> ErrorCode {
        use Error as E;
        match self {
            E::NewsroomFolderMissing { .. }
            | E::NewsroomReadOnly { .. }
            | E::NotANewsroom { .. }
            | E::NewsroomTooNew { .. }
            | E::NewsroomUri { .. }
            | E::SqliteTooOld { .. }
            | E::NoDataFolder => ErrorCode::NewsroomUnavailable,
            E::NewsroomCorrupt { .. } => ErrorCode::NewsroomDamaged,
            E::NewsroomBusy { .. } => ErrorCode::NewsroomBusy,
            E::IssueNotFound { .. }
            | E::PhotoNotFound { .. }
            | E::RevisionNotFound { .. }
            | E::SourceNotFound { .. } => ErrorCode::NotFound,
            E::TooLarge { .. }
            | E::FileTooLarge { .. }
            | E::TooManyArticles { .. }
            | E::TooManyTableCells { .. }
            | E::EmailTooLarge { .. } => ErrorCode::TooLarge,
            E::PreflightFailed { .. } | E::StatusNeedsCleanPreflight { .. } => {
                ErrorCode::PreflightFailed
            }
            E::IssuePublished { .. } => ErrorCode::IssuePublished,
            E::SenderMissing { .. }
            | E::WebAddressMissing { .. }
            | E::SmtpHostMissing
            | E::TestRecipientMissing => ErrorCode::SettingMissing,
            E::SmtpPasswordMissing { .. } => ErrorCode::PasswordRequired,
            E::SmtpLoginRefused { .. } => ErrorCode::LoginRefused,
            E::SmtpUnreachable { .. }
            | E::SmtpTls { .. }
            | E::SmtpNoStarttls { .. }
            | E::SmtpSenderRejected { .. }
            | E::SmtpRecipientRejected { .. }
            | E::SmtpFailed { .. } => ErrorCode::SendFailed,
            E::UnknownSetting { .. } | E::InvalidSetting { .. } => ErrorCode::InvalidSetting,
            E::IssueNumberTaken { .. }
            | E::IssueNumberZero
            | E::StatusChangeRefused { .. }
            | E::ReasonRequired { .. }
            | E::UnknownStatus { .. }
            | E::InvalidIssueDetail { .. }
            | E::RevisionOfAnotherIssue { .. }
            | E::SourceKeyTaken { .. }
            | E::SourceMergedIntoItself { .. }
            | E::InvalidKey { .. }
            | E::SourceNameRequired { .. }
            | E::AmbiguousSourceName { .. }
            | E::NoFreeKey { .. }
            | E::SourcesCsv { .. }
            | E::InvalidWebAddress { .. }
            | E::PhotoKeyTaken { .. }
            | E::PhotoKeyHasAnotherImage { .. }
            | E::NotAnImage { .. }
            | E::DamagedImage { .. }
            | E::UnknownLicence { .. }
            | E::CreatorRequired { .. }
            | E::PermissionRequired { .. }
            | E::CroppingNotAllowed { .. }
            | E::PhotoNotInLibrary { .. }
            | E::InvalidFile { .. }
            | E::NotABundle { .. }
            | E::InvalidRecipient { .. }
            | E::NotUtf8 { .. } => ErrorCode::InvalidInput,
            E::Template { .. } => ErrorCode::Template,
            E::FileMissing { .. }
            | E::FolderMissing { .. }
            | E::NotARegularFile { .. }
            | E::File { .. } => ErrorCode::File,
            E::Storage(_) | E::Migration(_) => ErrorCode::Storage,
            E::UnknownRevisionReason { .. } | E::MessageBuild(_) | E::Internal(_) => {
                ErrorCode::Internal
            }
        }
    }

    /// What the error is about, when it is one thing an editor can go to: the
    /// setting's key, the source's or photo's key, the issue's number.
    pub fn subject(&self) -> Option<String> {
        use Error as E;
        match self {
            E::InvalidSetting { key, .. } => Some((*key).to_owned()),
            E::SenderMissing { .. } => Some("senderEmail".to_owned()),
            E::WebAddressMissing { .. } => Some("webBaseUrl".to_owned()),
            E::SmtpHostMissing | E::SmtpUnreachable { .. } | E::SmtpTls { .. } => {
                Some("smtpHost".to_owned())
            }
            E::SmtpNoStarttls { .. } => Some("smtpSecurity".to_owned()),
            E::TestRecipientMissing => Some("testRecipient".to_owned()),
            E::SmtpLoginRefused { .. } | E::SmtpPasswordMissing { .. } => {
                Some("smtpUser".to_owned())
            }
            E::SmtpSenderRejected { .. } => Some("senderEmail".to_owned()),
            E::SourceKeyTaken { key }
            | E::SourceNotFound { key }
            | E::SourceMergedIntoItself { key }
            | E::SourceNameRequired { key }
            | E::PhotoNotFound { key }
            | E::PhotoKeyTaken { key }
            | E::CreatorRequired { key, .. }
            | E::PermissionRequired { key }
            | E::CroppingNotAllowed { key, .. }
            | E::PhotoNotInLibrary { key, .. } => Some(key.clone()),
            _ => None,
        }
    }

    /// Whether the editor caused this (bad input) rather than the machine.
    pub fn is_user_error(&self) -> bool {
        !matches!(self.code(), ErrorCode::Storage | ErrorCode::Internal)
    }

    pub(crate) fn file(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::File {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// A file the editor gave that cannot be read as what it should be.
    pub(crate) fn invalid_file(
        file: impl Into<String>,
        line: Option<u32>,
        problem: impl Into<String>,
    ) -> Self {
        Error::InvalidFile {
            file: file.into(),
            line,
            problem: problem.into(),
        }
    }
}

/// What kind of failure an [`ErrorReport`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The newsroom could not be opened; nothing else will work until another is chosen.
    NewsroomUnavailable,
    /// The newsroom file is damaged: nothing more is written to it.
    NewsroomDamaged,
    /// Another window or process kept the newsroom busy; trying again may work.
    NewsroomBusy,
    /// The issue (or other record) asked for does not exist.
    NotFound,
    /// The input was refused as it is.
    InvalidInput,
    /// The input was larger than the newsroom accepts.
    TooLarge,
    /// A template failed to render.
    Template,
    /// Refused because the preflight found errors.
    PreflightFailed,
    /// The issue is published, and so read-only until reopened.
    IssuePublished,
    /// A setting the work needs is not set (the subject names it).
    SettingMissing,
    /// A setting's value was refused (the subject names it).
    InvalidSetting,
    /// The mail server needs a password: ask the editor for it.
    PasswordRequired,
    /// The mail server refused the login: the password (or the user) is wrong.
    LoginRefused,
    /// A test email did not go out: the server could not be reached, or refused it.
    SendFailed,
    /// The system keychain could not keep or give a password (the desktop app's;
    /// the core itself never uses a keychain).
    KeychainUnavailable,
    /// A file could not be read or written.
    File,
    /// The database failed.
    Storage,
    /// A bug: something the app did not expect.
    Internal,
}

/// The one shape in which an error leaves Rust: `{ code, message, subject }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ErrorReport {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// One sentence for the editor: what is wrong.
    pub message: String,
    /// What it is about, when that is one thing the editor can go to (a setting's
    /// key, a source's or photo's key).
    pub subject: Option<String>,
}

impl From<&Error> for ErrorReport {
    fn from(error: &Error) -> Self {
        ErrorReport {
            code: error.code(),
            message: error.to_string(),
            subject: error.subject(),
        }
    }
}

impl From<Error> for ErrorReport {
    fn from(error: Error) -> Self {
        ErrorReport::from(&error)
    }
}

impl ErrorReport {
    /// A report for a failure outside the core (a panic caught, a task that died).
    pub fn internal(message: impl Into<String>) -> Self {
        ErrorReport {
            code: ErrorCode::Internal,
            message: message.into(),
            subject: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI branches on this exact shape (ui/src/lib/api): changing it is a
    /// breaking change of the command contract.
    #[test]
    fn error_report_matches_the_ui_wire_contract() {
        let report = ErrorReport::from(Error::IssueNotFound { number: 4 });
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "not_found",
                "message": "There is no issue 4 in this newsroom.",
                "subject": null
            })
        );
        let setting = ErrorReport::from(Error::SenderMissing {
            sender: String::new(),
        });
        assert_eq!(
            serde_json::to_value(&setting).unwrap(),
            serde_json::json!({
                "code": "setting_missing",
                "message": "The .eml needs the sender's email address, but the settings have none.",
                "subject": "senderEmail"
            })
        );
    }

    #[test]
    fn no_message_tells_the_editor_to_run_a_command() {
        let errors = [
            Error::PreflightFailed {
                number: 3,
                errors: 2,
            },
            Error::SenderMissing {
                sender: "nobody".into(),
            },
            Error::WebAddressMissing {
                what: "archive's feed",
            },
            Error::PhotoNotInLibrary {
                file: "a.md".into(),
                article: 1,
                key: "x".into(),
            },
        ];
        for error in errors {
            let message = error.to_string();
            assert!(!message.contains("newsflash "), "{message}");
            assert!(!message.contains("--"), "{message}");
        }
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(17), "17 bytes");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MB");
    }

    #[test]
    fn refused_status_changes_name_what_is_allowed() {
        use IssueStatus::{Draft, InReview, Published, Ready};
        let message = |from, to| {
            Error::StatusChangeRefused {
                number: 4,
                from,
                to,
            }
            .to_string()
        };
        assert_eq!(
            message(Draft, Ready),
            "Issue 4 is draft, so it cannot move to ready; it can move on to in_review."
        );
        assert_eq!(
            message(InReview, Published),
            "Issue 4 is in_review, so it cannot move to published; it can move on to ready, or back to draft with a reason."
        );
        assert_eq!(
            message(Published, Published),
            "Issue 4 is already published, so it cannot move to published; it can only go back to draft, with a reason."
        );
    }
}
