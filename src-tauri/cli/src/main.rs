//! `newsflash`: the command line of Newsflash Studio. The definition of the interface
//! and glue code; the work is done by newsflash-core.

mod check;
mod photos;
mod revisions;
mod say;
mod send_test;
mod settings;
mod sources;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsflash_core::{
    Error, Format, IssueDetails, IssueStatus, NEWSROOM_ENV, NewIssue, Newsroom, Seed,
    choose_newsroom_path, export_archive, export_bundle, export_issue_formats, import_bundle,
    read_bundle, read_text_limited,
};

use crate::say::{describe, note, out};
use time::macros::format_description;
use time::{Date, OffsetDateTime};

/// What `--version` prints after the name: the release and the commit it was built
/// from (build.rs), so a bug report names the exact build.
const VERSION: &str = env!("NEWSFLASH_VERSION");

/// Write, check and export the issues of a newsletter from the command line.
///
/// Works on the same newsroom file as the Newsflash Studio app. Exit codes: 0 on
/// success, 1 when the newsroom or the input is refused (the reason goes to stderr),
/// 2 for a mistyped command.
#[derive(Debug, Parser)]
#[command(name = "newsflash", version = VERSION, propagate_version = true)]
struct Cli {
    /// The newsroom file to use [default: newsroom.db in the user's data folder,
    /// e.g. ~/.local/share/newsflash-studio/newsroom.db]
    #[arg(long, global = true, value_name = "PATH", env = NEWSROOM_ENV)]
    newsroom: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a newsroom, seeded with the sample issue and settings unless --empty.
    Init {
        /// Start with no issues and default settings.
        #[arg(long)]
        empty: bool,
    },
    /// List and inspect issues.
    Issues {
        #[command(subcommand)]
        command: IssuesCommand,
    },
    /// Add the issue of an interchange file (TOML front matter + Markdown); prints its number.
    Import {
        /// The issue file (.md).
        file: PathBuf,
    },
    /// Make a new issue from plain text as it was published (tagline, headline,
    /// short heading lines, "Sources:" and "Photo:" lines); prints its number.
    ImportText {
        /// The text file (UTF-8).
        file: PathBuf,
    },
    /// Write the web pages of all published issues with an index page and an Atom
    /// feed (index.html, feed.xml) into DIR, ready to put on the website.
    ExportArchive {
        /// The folder to write into (it must exist).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write it even when the preflight finds errors in a published issue.
        #[arg(long)]
        force: bool,
    },
    /// Move an issue with its cited sources and lead photos between newsrooms.
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// Write an issue to a file in the chosen format, as the preview shows it.
    Export {
        /// The issue's number.
        number: u32,
        /// The output format; repeat it for several (--format web --format email).
        #[arg(long = "format", value_enum, default_values_t = [ExportFormat::Web])]
        formats: Vec<ExportFormat>,
        /// The folder to write into (it must exist); files are named after the issue.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Export even when the preflight finds errors (see `newsflash check`).
        #[arg(long)]
        force: bool,
    },
    /// List, add, search, import and export the library of sources issues cite.
    Sources {
        #[command(subcommand)]
        command: sources::SourcesCommand,
    },
    /// Add photos to the library and list them with their credits.
    Photos {
        #[command(subcommand)]
        command: photos::PhotosCommand,
    },
    /// Show and change the publication settings (name, sender, web address, ...).
    Settings {
        #[command(subcommand)]
        command: settings::SettingsCommand,
    },
    /// List, show and restore the kept versions of an issue.
    Revisions {
        #[command(subcommand)]
        command: revisions::RevisionsCommand,
    },
    /// Send an issue's .eml to your own address through the mail server in the
    /// settings (smtpHost, smtpPort, smtpSecurity, smtpUser), to see it in a real
    /// inbox: the same message as the .eml, addressed to you and dated now.
    ///
    /// The password is read from the environment variable NEWSFLASH_SMTP_PASSWORD
    /// (it is never stored in the newsroom), e.g.
    /// `NEWSFLASH_SMTP_PASSWORD=… newsflash send-test 12 --to me@example.org`.
    SendTest {
        /// The issue's number.
        number: u32,
        /// The address to send it to [default: the testRecipient setting].
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
    },
    /// Preflight an issue as saved: list what is wrong (cited sources missing from
    /// the library, photo credits and licences, insecure links, email size, title
    /// and preheader, headings, TK placeholders, removed HTML). Exits with 1 when
    /// any finding is an error, 0 when there are only warnings or none.
    Check {
        /// The issue's number.
        number: u32,
        /// Print the findings as a JSON array (severity, code, article counted from
        /// 0, line, message) instead of one line each.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum BundleCommand {
    /// Write issue NUMBER into DIR: <slug>.md, sources.csv, photos.toml and photos/.
    Export {
        /// The issue's number.
        number: u32,
        /// The folder to write into (it must exist).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Import a bundle folder: its issue, the sources the library lacks and its
    /// photos; nothing at all if anything in it is wrong. Prints the issue number,
    /// and every source the bundle has differently from the library (the library
    /// keeps its own unless --update-sources).
    Import {
        /// The bundle folder.
        folder: PathBuf,
        /// Change sources the library has to the bundle's details.
        #[arg(long)]
        update_sources: bool,
    },
}

#[derive(Debug, Subcommand)]
enum IssuesCommand {
    /// List the issues, newest first: number, date, status and title.
    List,
    /// Start a new issue; number and date default to the next ones the cadence suggests.
    /// Prints its number.
    New {
        /// The issue's title (also the email subject).
        #[arg(long)]
        title: String,
        /// Its number [default: one after the latest].
        #[arg(long)]
        number: Option<u32>,
        /// The day it goes out, YYYY-MM-DD [default: the latest issue's date plus the cadence].
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// The line mail clients show after the subject.
        #[arg(long, default_value = "")]
        preheader: String,
    },
    /// Show an issue: its details, articles and what each cites.
    Show {
        /// The issue's number.
        number: u32,
    },
    /// Move an issue to the deleted issues (it keeps its number and revisions, and
    /// can be brought back with `issues undelete`).
    Delete {
        /// The issue's number.
        number: u32,
    },
    /// Bring a deleted issue back.
    Undelete {
        /// The issue's number.
        number: u32,
    },
    /// List the deleted issues.
    Deleted,
    /// Move an issue on to its next status (draft → in_review → ready →
    /// published), or back to draft with --reason. Ready and published need a
    /// preflight without errors; a published issue is read-only until it goes
    /// back to draft (a correction).
    Status {
        /// The issue's number.
        number: u32,
        /// The status to move to.
        #[arg(value_enum)]
        status: StatusArg,
        /// Why it goes back to draft (required for that; kept with the revision).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text, format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("\"{text}\" is not a date; write it as YYYY-MM-DD"))
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StatusArg {
    /// Being written.
    Draft,
    /// Waiting for a second pair of eyes.
    #[value(name = "in_review", alias = "in-review")]
    InReview,
    /// Checked and ready to export.
    Ready,
    /// Sent to readers.
    Published,
}

impl From<StatusArg> for IssueStatus {
    fn from(status: StatusArg) -> Self {
        match status {
            StatusArg::Draft => IssueStatus::Draft,
            StatusArg::InReview => IssueStatus::InReview,
            StatusArg::Ready => IssueStatus::Ready,
            StatusArg::Published => IssueStatus::Published,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// A standalone web page: <slug>.html
    Web,
    /// The interchange file, TOML front matter and Markdown: <slug>.md
    Md,
    /// Email-ready HTML: <slug>.email.html
    Email,
    /// Plain text: <slug>.txt
    Text,
    /// A draft message with HTML and text parts, to open in a mail program: <slug>.eml
    Eml,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Web => Format::Web,
            ExportFormat::Md => Format::Markdown,
            ExportFormat::Email => Format::Email,
            ExportFormat::Text => Format::Text,
            ExportFormat::Eml => Format::Eml,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            note!("newsflash: {message}");
            ExitCode::from(1)
        }
    }
}

/// The most a text file given to `import` or `import-text` may hold: an issue's
/// text and room for its front matter.
const MAX_TEXT_FILE_BYTES: u64 = newsflash_core::MAX_ISSUE_FILE_BYTES;

fn run(cli: Cli) -> Result<ExitCode, String> {
    let explicit = cli.newsroom.is_some();
    let path = choose_newsroom_path(cli.newsroom, None).map_err(|e| describe(&e))?;
    let now = OffsetDateTime::now_utc();
    if let Command::Init { empty } = cli.command {
        if is_existing_newsroom(&path) {
            return Err(format!(
                "There is already a newsroom at {}; it was left as it is.",
                path.display()
            ));
        }
        let seed = if empty { Seed::Empty } else { Seed::Content };
        let newsroom = Newsroom::open(&path, seed, now).map_err(|e| describe(&e))?;
        let count = newsroom.issues().list().map_err(|e| describe(&e))?.len();
        out!(
            "Created the newsroom {} with {count} issue{}.",
            path.display(),
            if count == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let newsroom = open_existing(&path, explicit, now)?;
    run_on(&newsroom, cli.command, now).map_err(|error| describe(&error))
}

/// Runs a command on an open newsroom.
fn run_on(newsroom: &Newsroom, command: Command, now: OffsetDateTime) -> Result<ExitCode, Error> {
    match command {
        Command::Init { .. } => {}
        Command::Issues { command } => issues(newsroom, command, now)?,
        Command::Import { file } => {
            let text = read_text_limited(&file, MAX_TEXT_FILE_BYTES)?;
            let name = file.display().to_string();
            let number = newsroom.issues().import_file(&name, &text, now)?;
            out!("{number}");
        }
        Command::ImportText { file } => {
            let text = read_text_limited(&file, MAX_TEXT_FILE_BYTES)?;
            let name = file.display().to_string();
            let import = newsroom.issues().import_pasted_text(&name, &text, now)?;
            out!("{}", import.number);
            if !import.new_sources.is_empty() {
                note!(
                    "New sources to review (not in the library before): {}.",
                    import.new_sources.join(", ")
                );
            }
            if let Some(credit) = import.photo_credit {
                note!(
                    "The text credits a photo (\"{credit}\"); add the image with `newsflash photos add` and give it to the article."
                );
            }
        }
        Command::Photos { command } => photos::run(newsroom, command, now)?,
        Command::Revisions { command } => revisions::run(newsroom, command, now)?,
        Command::Settings { command } => settings::run(newsroom, command)?,
        Command::Sources { command } => sources::run(newsroom, command, now)?,
        Command::ExportArchive { out, force } => {
            for file in export_archive(newsroom, &out, force, now)? {
                out!("{}", file.display());
            }
        }
        Command::Bundle {
            command: BundleCommand::Export { number, out },
        } => {
            for file in export_bundle(newsroom, number, &out)? {
                out!("{}", file.display());
            }
        }
        Command::Bundle {
            command:
                BundleCommand::Import {
                    folder,
                    update_sources,
                },
        } => {
            let bundle = read_bundle(&folder)?;
            let import = import_bundle(newsroom, &bundle, update_sources, now)?;
            out!("{}", import.number);
            note!(
                "Sources: {} added, {} updated; photos: {} added.",
                import.sources_added,
                import.sources_updated,
                import.photos_added
            );
            for difference in &import.sources_differing {
                for change in &difference.changes {
                    note!(
                        "The bundle has {} {} as \"{}\", the library as \"{}\"{}.",
                        difference.key,
                        change.field,
                        change.incoming,
                        change.library,
                        if update_sources {
                            "; changed to the bundle's"
                        } else {
                            "; the library's is kept (--update-sources takes the bundle's)"
                        }
                    );
                }
            }
        }
        Command::Export {
            number,
            formats,
            out,
            force,
        } => {
            let formats: Vec<Format> = formats.into_iter().map(Format::from).collect();
            for file in export_issue_formats(newsroom, number, &formats, &out, force, now)? {
                out!("{}", file.display());
            }
        }
        Command::SendTest { number, to } => send_test::run(newsroom, number, to.as_deref(), now)?,
        Command::Check { number, json } => return check::run(newsroom, number, json),
    }
    Ok(ExitCode::SUCCESS)
}

/// One line an issue: number, date, status, title.
fn print_issue_lines(issues: &[newsflash_core::IssueSummary]) {
    for issue in issues {
        out!(
            "{:>4}  {}  {:<9}  {}",
            issue.number,
            issue.date,
            issue.status,
            issue.title
        );
    }
}

fn issues(newsroom: &Newsroom, command: IssuesCommand, now: OffsetDateTime) -> Result<(), Error> {
    let issues = newsroom.issues();
    match command {
        IssuesCommand::List => print_issue_lines(&issues.list()?),
        IssuesCommand::Deleted => print_issue_lines(&issues.deleted()?),
        IssuesCommand::New {
            title,
            number,
            date,
            preheader,
        } => {
            let next = issues.next(now.date())?;
            let issue = NewIssue {
                number: number.unwrap_or(next.number),
                body: format!("# {title}\n\n"),
                details: IssueDetails {
                    date: date.unwrap_or(next.date),
                    title,
                    preheader,
                },
                status: IssueStatus::Draft,
            };
            let added = issues.add(&issue, now)?;
            out!("{}", added.number);
        }
        IssuesCommand::Show { number } => {
            let issue = issues.get(number)?;
            out!("Issue {}: {}", issue.number, issue.title);
            out!("Date:      {}", issue.date);
            out!("Status:    {}", issue.status);
            out!("Preheader: {}", issue.preheader);
            out!("Words:     {}", issue.body.split_whitespace().count());
            for article in issues.articles(number)? {
                out!("");
                out!("# {} (line {})", article.headline, article.line);
                for citation in article.citations {
                    let url = if citation.url.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", citation.url)
                    };
                    out!("  [@{}{url}] line {}", citation.key, citation.line);
                }
            }
        }
        IssuesCommand::Status {
            number,
            status,
            reason,
        } => {
            let issue = issues.set_status(number, status.into(), reason.as_deref(), now)?;
            out!("Issue {number} is now {}.", issue.status);
        }
        IssuesCommand::Delete { number } => {
            issues.delete(number, now)?;
            out!("Issue {number} is deleted; `newsflash issues undelete {number}` brings it back.");
        }
        IssuesCommand::Undelete { number } => {
            let issue = issues.undelete(number, now)?;
            out!("Issue {number} ({}) is back.", issue.title);
        }
    }
    Ok(())
}

/// A newsroom named on the command line must exist: a typo should not quietly make
/// a new one. The default newsroom is made on first use, as the app does.
fn open_existing(path: &Path, explicit: bool, now: OffsetDateTime) -> Result<Newsroom, String> {
    if explicit && !path.exists() {
        return Err(format!(
            "There is no newsroom at {}; create one with `newsflash --newsroom {} init` or check the path.",
            path.display(),
            path.display()
        ));
    }
    Newsroom::open(path, Seed::Content, now).map_err(|e| describe(&e))
}

fn is_existing_newsroom(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.len() > 0)
}
