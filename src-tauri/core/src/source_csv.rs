//! The sources CSV file: `key,name,full_name,homepage,kind,notes`, UTF-8, one
//! source a row. Editors keep their library in spreadsheets, so this is how a
//! library travels between newsrooms and into the app.
//!
//! Reading is all or nothing: every row is checked before anything is imported,
//! and the problems are reported by line number.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::source::Source;
use crate::text::quoted;

/// The columns of a sources file, in the order the export writes them.
pub const SOURCES_CSV_COLUMNS: [&str; 6] =
    ["key", "name", "full_name", "homepage", "kind", "notes"];

/// The largest sources file accepted. 100,000 sources with long notes fit in well
/// under half of it; anything bigger is not a sources file.
pub const MAX_SOURCES_CSV_BYTES: usize = 64 * 1024 * 1024;

/// How many problems an import lists before it only counts the rest: enough to fix
/// a file in one go, few enough to read.
const MAX_LISTED_PROBLEMS: usize = 20;

/// What an import of a sources file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SourcesImportReport {
    /// Sources whose keys were new to the library.
    pub added: u32,
    /// Sources already in the library whose details changed.
    pub updated: u32,
    /// Sources already in the library exactly as the file has them.
    pub unchanged: u32,
}

/// Reads a sources file into checked sources (no aliases: the file has none).
/// `file` names the file in messages. Fails, listing the lines, if any row is bad
/// or a key appears twice.
pub(crate) fn parse_sources_csv(file: &str, bytes: &[u8]) -> Result<Vec<Source>> {
    if bytes.len() > MAX_SOURCES_CSV_BYTES {
        return Err(Error::TooLarge {
            what: "sources file",
            size: bytes.len(),
            limit: MAX_SOURCES_CSV_BYTES,
        });
    }
    let refuse = |problem: String| Error::SourcesCsv {
        file: file.to_owned(),
        problems: vec![problem],
        more: 0,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = line_of(bytes, error.valid_up_to());
        refuse(format!(
            "line {line}: this is not UTF-8 text; save the file as \"CSV UTF-8\""
        ))
    })?;
    // Text editors and spreadsheets never write NUL: this is a binary file.
    if let Some(at) = text.find('\0') {
        let line = line_of(bytes, at);
        return Err(refuse(format!(
            "line {line}: this is binary data, not text; choose a CSV file"
        )));
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let columns = match records.next() {
        None => {
            return Err(refuse(format!(
                "line 1: the file is empty; the first line must be {}",
                SOURCES_CSV_COLUMNS.join(",")
            )));
        }
        Some(header) => {
            let header =
                header.map_err(|error| refuse(format!("line 1: {}", describe_csv(&error))))?;
            read_header(&header).map_err(|problem| refuse(format!("line 1: {problem}")))?
        }
    };

    let mut problems = Vec::new();
    let mut more = 0;
    let mut report = |problem: String| {
        if problems.len() < MAX_LISTED_PROBLEMS {
            problems.push(problem);
        } else {
            more += 1;
        }
    };
    let mut sources = Vec::new();
    let mut first_line_of_key: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                // The reader cannot find the next row reliably after this.
                let line = error.position().map_or(0, csv::Position::line);
                report(format!("line {line}: {}", describe_csv(&error)));
                break;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() != SOURCES_CSV_COLUMNS.len() {
            report(format!(
                "line {line}: it has {} field{}, but each row needs {} ({})",
                record.len(),
                if record.len() == 1 { "" } else { "s" },
                SOURCES_CSV_COLUMNS.len(),
                SOURCES_CSV_COLUMNS.join(",")
            ));
            continue;
        }
        let field = |column: Column| unprotect(&record[columns[column as usize]]).to_owned();
        let mut source = Source::new(field(Column::Key), field(Column::Name));
        source.full_name = field(Column::FullName);
        source.homepage = field(Column::Homepage);
        source.kind = field(Column::Kind);
        source.notes = field(Column::Notes);
        if let Err(error) = source.validate() {
            report(format!(
                "line {line}: {}",
                lowercase_first(&error.to_string())
            ));
            continue;
        }
        if let Some(first) = first_line_of_key.get(&source.key) {
            report(format!(
                "line {line}: the key {} is already used on line {first}; each key may appear once",
                source.key
            ));
            continue;
        }
        first_line_of_key.insert(source.key.clone(), line);
        sources.push(source);
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(Error::SourcesCsv {
            file: file.to_owned(),
            problems,
            more,
        })
    }
}

/// Writes sources as a sources file that [`parse_sources_csv`] reads back as they
/// are. Aliases and the review flag are not part of the file.
pub(crate) fn write_sources_csv(sources: &[Source]) -> Result<String> {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let write = |writer: &mut csv::Writer<Vec<u8>>, row: [&str; 6]| {
        writer
            .write_record(row.map(|cell| protect(cell).into_owned()))
            .map_err(|error| Error::Internal(format!("writing the sources as CSV: {error}")))
    };
    write(&mut writer, SOURCES_CSV_COLUMNS)?;
    for source in sources {
        write(
            &mut writer,
            [
                &source.key,
                &source.name,
                &source.full_name,
                &source.homepage,
                &source.kind,
                &source.notes,
            ],
        )?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| Error::Internal(format!("writing the sources as CSV: {error}")))?;
    // Every field came in as a String, so the bytes are UTF-8.
    String::from_utf8(bytes)
        .map_err(|error| Error::Internal(format!("writing the sources as CSV: {error}")))
}

/// The first characters that make a spreadsheet run a cell as a formula (OWASP's
/// list: `=`, `+`, `-`, `@`, and a tab or carriage return that hides one).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`) written with a
/// leading apostrophe, which spreadsheets show as text and never run. A cell that
/// starts with an apostrophe gets one more, so that reading it back gives it whole.
fn protect(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) || cell.starts_with('\'') {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The inverse of [`protect`]: a cell read back exactly as it was before export. As
/// in a spreadsheet, a leading apostrophe only marks a cell as text.
fn unprotect(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// The columns, as indexes into [`SOURCES_CSV_COLUMNS`].
#[derive(Debug, Clone, Copy)]
enum Column {
    Key,
    Name,
    FullName,
    Homepage,
    Kind,
    Notes,
}

/// Where each column of [`SOURCES_CSV_COLUMNS`] is in the file, so that a
/// spreadsheet that reordered them still imports. Names are matched ignoring case and
/// surrounding spaces; missing, unknown or repeated columns are refused, because an
/// ignored column would be data silently lost.
fn read_header(header: &csv::StringRecord) -> std::result::Result<[usize; 6], String> {
    let expected = SOURCES_CSV_COLUMNS.join(",");
    let mut positions = [usize::MAX; 6];
    for (at, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let Some(column) = SOURCES_CSV_COLUMNS.iter().position(|known| *known == name) else {
            return Err(format!(
                "{} is not a column of a sources file; the first line must be {expected}",
                quoted(&name)
            ));
        };
        if positions[column] != usize::MAX {
            return Err(format!(
                "the column \"{name}\" appears twice; the first line must be {expected}"
            ));
        }
        positions[column] = at;
    }
    let missing: Vec<&str> = SOURCES_CSV_COLUMNS
        .iter()
        .zip(positions)
        .filter(|(_, at)| *at == usize::MAX)
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the column{} {} {} missing; the first line must be {expected}",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" },
        ));
    }
    Ok(positions)
}

fn describe_csv(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "this is not UTF-8 text; save the file as \"CSV UTF-8\"".to_owned()
        }
        _ => format!("it cannot be read as CSV ({error})"),
    }
}

/// The 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Error sentences start with a capital; after "line N:" they read better without.
fn lowercase_first(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first)
            if first.is_uppercase() && !chars.clone().next().is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        _ => sentence.to_owned(),
    }
    .trim_end_matches('.')
    .to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_as_they_were() {
        let mut dangerous =
            super::Source::new("evil", "=HYPERLINK(\"https://phish.example\",\"Reuters\")");
        dangerous.full_name = "+SUM(1,2)".into();
        dangerous.kind = "@SUM(A1)".into();
        dangerous.notes = "-2+3 and more".into();
        let csv = super::write_sources_csv(std::slice::from_ref(&dangerous)).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in &record.unwrap() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a cell a spreadsheet would run: {cell} in {csv}"
                );
            }
        }
        let back = super::parse_sources_csv("s.csv", csv.as_bytes()).unwrap();
        assert_eq!(back, vec![dangerous]);
    }

    use super::*;

    const HEADER: &str = "key,name,full_name,homepage,kind,notes\n";

    fn problems(file: &[u8]) -> Vec<String> {
        match parse_sources_csv("test.csv", file).unwrap_err() {
            Error::SourcesCsv { problems, .. } => problems,
            other => panic!("not a CSV problem: {other}"),
        }
    }

    #[test]
    fn reads_quoted_fields_and_a_bom() {
        let file = format!(
            "\u{FEFF}{HEADER}hrw,HRW,Human Rights Watch,https://www.hrw.org/,NGO,\"New York, \"\"HRW\"\"\nline two\"\n"
        );
        let sources = parse_sources_csv("test.csv", file.as_bytes()).unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].full_name, "Human Rights Watch");
        assert_eq!(sources[0].notes, "New York, \"HRW\"\nline two");
    }

    #[test]
    fn columns_may_be_reordered_but_not_missing_or_unknown() {
        let reordered = "Name, key ,notes,kind,homepage,full_name\nHRW,hrw,,,,\n";
        assert_eq!(
            parse_sources_csv("t.csv", reordered.as_bytes()).unwrap()[0].key,
            "hrw"
        );
        let missing = problems(b"key,name,full_name,kind,notes\nhrw,HRW,,,\n");
        assert_eq!(
            missing,
            [
                "line 1: the column homepage is missing; the first line must be key,name,full_name,homepage,kind,notes"
            ]
        );
        let unknown = problems(b"key,name,full_name,homepage,kind,notes,aliases\n");
        assert!(
            unknown[0].contains("\"aliases\" is not a column"),
            "{unknown:?}"
        );
        let twice = problems(b"key,name,name,full_name,homepage,kind,notes\n");
        assert!(twice[0].contains("appears twice"), "{twice:?}");
    }

    #[test]
    fn every_bad_row_is_listed_by_line() {
        let file = format!(
            "{HEADER}hrw,HRW,,,,\nHRW,Bad key,,,,\nx,X,,javascript:alert(1),,\n\"multi\nline\",\ny,,,,,\nhrw,Again,,,,\nshort,row\n"
        );
        let listed = problems(file.as_bytes());
        assert_eq!(listed.len(), 6, "{listed:#?}");
        for (problem, start) in listed.iter().zip([
            "line 3: \"HRW\" is not a valid citation key",
            "line 4: \"javascript:alert(1)\" is not a usable web address",
            "line 5: it has 2 fields",
            "line 7: the source y needs a short name",
            "line 8: ",
            "line 9: it has 2 fields",
        ]) {
            assert!(problem.starts_with(start), "{problem}");
        }
        assert_eq!(
            listed[4],
            "line 8: the key hrw is already used on line 2; each key may appear once"
        );
    }

    #[test]
    fn many_problems_are_capped_and_counted() {
        let mut file = HEADER.to_owned();
        for _ in 0..50 {
            file.push_str("BAD,x,,,,\n");
        }
        let error = parse_sources_csv("big.csv", file.as_bytes()).unwrap_err();
        let Error::SourcesCsv { problems, more, .. } = &error else {
            panic!("{error}")
        };
        assert_eq!((problems.len(), *more), (20, 30));
        let message = error.to_string();
        assert!(
            message
                .starts_with("Nothing was imported from big.csv because of 50 problems:\nline 2: "),
            "{message}"
        );
        assert!(message.ends_with("\n(and 30 more)"), "{message}");
    }

    #[test]
    fn empty_binary_and_non_utf8_files_are_refused() {
        assert!(problems(b"")[0].contains("the file is empty"));
        assert!(problems(b"\xEF\xBB\xBF")[0].contains("the file is empty"));
        let latin1 = b"key,name,full_name,homepage,kind,notes\nmsf,MSF,M\xe9decins,,,\n";
        assert_eq!(
            problems(latin1),
            ["line 2: this is not UTF-8 text; save the file as \"CSV UTF-8\""]
        );
        assert!(problems(b"PK\x03\x04\0\0\0")[0].contains("binary data"));
    }

    #[test]
    fn written_file_reads_back_the_same() {
        let mut awkward = Source::new("a-1", "Name, with \"quotes\"");
        awkward.notes = "two\nlines, and a comma".into();
        awkward.homepage = "https://example.org/".into();
        let text = write_sources_csv(&[awkward.clone(), Source::new("b", "B")]).unwrap();
        assert!(text.starts_with(HEADER));
        assert_eq!(
            parse_sources_csv("x.csv", text.as_bytes()).unwrap(),
            vec![awkward, Source::new("b", "B")]
        );
    }

    #[test]
    fn the_starter_library_is_valid() {
        let sources = parse_sources_csv(
            "content/sources.csv",
            crate::content::STARTER_SOURCES.as_bytes(),
        )
        .unwrap();
        assert_eq!(sources.len(), 38);
    }
}
