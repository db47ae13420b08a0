//! `newsflash`: the command line of Newsflash Studio. The definition of the interface
//! and glue code; the work is done by newsflash-core.

mod photos;
mod revisions;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use newsflash_core::{
    Error, Format, IssueStatus, NEWSROOM_ENV, Newsroom, Seed, choose_newsroom_path, export_issue,
};
use time::OffsetDateTime;

/// Write, check and export the issues of a newsletter from the command line.
///
/// Works on the same newsroom file as the Newsflash Studio app. Exit codes: 0 on
/// success, 1 when the newsroom or the input is refused (the reason goes to stderr),
/// 2 for a mistyped command.
#[derive(Debug, Parser)]
#[command(name = "newsflash", version, propagate_version = true)]
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
    /// Write an issue to a file in the chosen format, as the preview shows it.
    Export {
        /// The issue's number.
        number: u32,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Web)]
        format: ExportFormat,
        /// The folder to write into (it must exist); the file is named after the issue.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Add photos to the library and list them with their credits.
    Photos {
        #[command(subcommand)]
        command: photos::PhotosCommand,
    },
    /// List, show and restore the kept versions of an issue.
    Revisions {
        #[command(subcommand)]
        command: revisions::RevisionsCommand,
    },
}

#[derive(Debug, Subcommand)]
enum IssuesCommand {
    /// List the issues, newest first: number, date, status and title.
    List,
    /// Move an issue on to its next status (draft → in_review → ready →
    /// published), or back to draft with --reason.
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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// A standalone web page: <slug>.html
    Web,
}

impl From<ExportFormat> for Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Web => Format::Web,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("newsflash: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let explicit = cli.newsroom.is_some();
    let path = choose_newsroom_path(cli.newsroom, None).map_err(|error| error.to_string())?;
    let now = OffsetDateTime::now_utc();
    match cli.command {
        Command::Init { empty } => {
            if is_existing_newsroom(&path) {
                return Err(format!(
                    "There is already a newsroom at {}; it was left as it is.",
                    path.display()
                ));
            }
            let seed = if empty { Seed::Empty } else { Seed::Content };
            let newsroom = Newsroom::open(&path, seed, now).map_err(describe)?;
            let count = newsroom.issues().map_err(describe)?.len();
            println!(
                "Created the newsroom {} with {count} issue{}.",
                path.display(),
                if count == 1 { "" } else { "s" }
            );
        }
        Command::Issues {
            command: IssuesCommand::List,
        } => {
            let newsroom = open_existing(&path, explicit, now)?;
            for issue in newsroom.issues().map_err(describe)? {
                println!(
                    "{:>4}  {}  {:<9}  {}",
                    issue.number, issue.date, issue.status, issue.title
                );
            }
        }
        Command::Issues {
            command:
                IssuesCommand::Status {
                    number,
                    status,
                    reason,
                },
        } => {
            let mut newsroom = open_existing(&path, explicit, now)?;
            newsroom
                .set_issue_status(number, status.into(), reason.as_deref(), now)
                .map_err(describe)?;
            println!("Issue {number} is now {}.", IssueStatus::from(status));
        }
        Command::Photos { command } => {
            let mut newsroom = open_existing(&path, explicit, now)?;
            photos::run(&mut newsroom, command, now)?;
        }
        Command::Revisions { command } => {
            let mut newsroom = open_existing(&path, explicit, now)?;
            revisions::run(&mut newsroom, command, now)?;
        }
        Command::Export {
            number,
            format,
            out,
        } => {
            let mut newsroom = open_existing(&path, explicit, now)?;
            let file =
                export_issue(&mut newsroom, number, format.into(), &out, now).map_err(describe)?;
            println!("{}", file.display());
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
    Newsroom::open(path, Seed::Content, now).map_err(describe)
}

fn is_existing_newsroom(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.len() > 0)
}

fn describe(error: Error) -> String {
    error.to_string()
}
