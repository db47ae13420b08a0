//! `newsflash sources ...`: the source library from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use newsflash_core::{MAX_SOURCES_CSV_BYTES, Newsroom, Source, write_atomically};
use time::OffsetDateTime;

#[derive(Debug, Subcommand)]
pub(crate) enum SourcesCommand {
    /// List the library, sorted by key: key, name, full name and homepage.
    List,
    /// Add a source to the library.
    Add {
        /// The citation key used in `[@key]`: lowercase letters, digits and dashes.
        key: String,
        /// The short name readers see in the Sources line, e.g. "HRW".
        name: String,
        /// The full name, e.g. "Human Rights Watch".
        #[arg(long, value_name = "TEXT")]
        full_name: Option<String>,
        /// The homepage, a full address starting with https://.
        #[arg(long, value_name = "URL")]
        homepage: Option<String>,
        /// What kind of source it is, e.g. "news agency" or "NGO".
        #[arg(long, value_name = "TEXT")]
        kind: Option<String>,
        /// Notes for editors.
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Another name that resolves to this source; repeat for several.
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
    },
    /// Search the library as the app's search box does, best match first.
    Search {
        /// Words to look for; each matches the start of a word ("hum ri").
        query: String,
        /// The most results to show (at most 100).
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Import a CSV file (key,name,full_name,homepage,kind,notes), merging by key.
    ///
    /// New keys are added, known keys get the file's details (their aliases stay),
    /// so importing the same file twice is safe. If any row is bad, nothing is
    /// imported and every bad line is listed.
    Import {
        /// The CSV file, UTF-8.
        file: PathBuf,
    },
    /// Write the library to a CSV file that `sources import` reads back.
    Export {
        /// The file to write; it is replaced whole, never half-written.
        file: PathBuf,
    },
}

/// Runs a sources command on an open newsroom; errors are sentences for stderr.
pub(crate) fn run(
    newsroom: &mut Newsroom,
    command: SourcesCommand,
    now: OffsetDateTime,
) -> Result<(), String> {
    match command {
        SourcesCommand::List => {
            let sources = newsroom.sources().map_err(describe)?;
            print_table(&sources, true);
        }
        SourcesCommand::Add {
            key,
            name,
            full_name,
            homepage,
            kind,
            notes,
            aliases,
        } => {
            let source = Source {
                full_name: full_name.unwrap_or_default(),
                homepage: homepage.unwrap_or_default(),
                kind: kind.unwrap_or_default(),
                notes: notes.unwrap_or_default(),
                aliases,
                ..Source::new(key, name)
            };
            let added = newsroom.add_source(source, now).map_err(describe)?;
            println!("Added the source {} ({}).", added.key, added.name);
        }
        SourcesCommand::Search { query, limit } => {
            let found = newsroom.search_sources(&query, limit).map_err(describe)?;
            if found.is_empty() {
                eprintln!("No source matches \"{query}\".");
            }
            print_table(&found, false);
        }
        SourcesCommand::Import { file } => {
            let bytes = read_csv(&file)?;
            let name = display_name(&file);
            let report = newsroom
                .import_sources_csv(&name, &bytes, now)
                .map_err(describe)?;
            println!(
                "Imported {name}: {} added, {} updated, {} unchanged.",
                report.added, report.updated, report.unchanged
            );
        }
        SourcesCommand::Export { file } => {
            let text = newsroom.export_sources_csv().map_err(describe)?;
            write_atomically(&file, text.as_bytes()).map_err(describe)?;
            let count = newsroom.sources().map_err(describe)?.len();
            println!(
                "Exported {count} source{} to {}.",
                if count == 1 { "" } else { "s" },
                file.display()
            );
        }
    }
    Ok(())
}

/// Key, name, full name (and homepage) in aligned columns. Stops quietly when
/// stdout is closed (`newsflash sources list | head`).
fn print_table(sources: &[Source], with_homepage: bool) {
    let width = |field: fn(&Source) -> &str| {
        sources
            .iter()
            .map(|source| field(source).chars().count())
            .max()
            .unwrap_or(0)
    };
    let key_width = width(|source| &source.key);
    let name_width = width(|source| &source.name);
    let full_name_width = width(|source| &source.full_name);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for source in sources {
        let line = if with_homepage {
            format!(
                "{:key_width$}  {:name_width$}  {:full_name_width$}  {}",
                source.key, source.name, source.full_name, source.homepage
            )
        } else {
            format!(
                "{:key_width$}  {:name_width$}  {}",
                source.key, source.name, source.full_name
            )
        };
        if writeln!(out, "{}", line.trim_end()).is_err() {
            return;
        }
    }
    // An error here is a closed stdout too: nothing more to say.
    let _ = out.flush();
}

/// Reads the file, refusing one too big to be a sources file before reading it.
fn read_csv(path: &Path) -> Result<Vec<u8>, String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("Could not read {}: {error}.", path.display()))?;
    if metadata.len() > MAX_SOURCES_CSV_BYTES as u64 {
        return Err(format!(
            "{} is {} MB, more than the {} MB a sources file may be; nothing was imported, so check that it is the right file.",
            path.display(),
            metadata.len() / (1024 * 1024),
            MAX_SOURCES_CSV_BYTES / (1024 * 1024)
        ));
    }
    std::fs::read(path).map_err(|error| format!("Could not read {}: {error}.", path.display()))
}

/// The file's name as the editor typed it, for messages.
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn describe(error: newsflash_core::Error) -> String {
    error.to_string()
}
