//! `newsflash sources ...`: the source library from the command line.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use newsflash_core::{
    Error, MAX_SOURCES_CSV_BYTES, Newsroom, Source, read_limited, write_atomically,
};

use crate::say::{note, out};
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

/// Runs a sources command on an open newsroom.
pub(crate) fn run(
    newsroom: &Newsroom,
    command: SourcesCommand,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let library = newsroom.sources();
    match command {
        SourcesCommand::List => {
            let sources = library.list()?;
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
            let added = library.add(source, now)?;
            out!("Added the source {} ({}).", added.key, added.name);
        }
        SourcesCommand::Search { query, limit } => {
            let found = library.search(&query, limit)?;
            if found.is_empty() {
                note!("No source matches \"{query}\".");
            }
            print_table(&found, false);
        }
        SourcesCommand::Import { file } => {
            let bytes = read_limited(&file, MAX_SOURCES_CSV_BYTES as u64)?;
            let name = display_name(&file);
            let report = library.import_csv(&name, &bytes, now)?;
            out!(
                "Imported {name}: {} added, {} updated, {} unchanged.",
                report.added,
                report.updated,
                report.unchanged
            );
        }
        SourcesCommand::Export { file } => {
            let text = library.export_csv()?;
            write_atomically(&file, text.as_bytes())?;
            let count = library.list()?.len();
            out!(
                "Exported {count} source{} to {}.",
                if count == 1 { "" } else { "s" },
                file.display()
            );
        }
    }
    Ok(())
}

/// Key, name, full name (and homepage) in aligned columns.
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
    let mut table = String::new();
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
        table.push_str(line.trim_end());
        table.push('\n');
    }
    crate::say::text_out(&table);
}

/// The file's name as the editor typed it, for messages.
fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}
