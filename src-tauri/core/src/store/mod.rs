//! The newsroom file: a SQLite database opened through migrations.
//!
//! **Invariant:** all SQL of the app lives in this module and its children.
//!
//! Opening is careful: before the file is opened for writing, it is checked (its
//! first bytes, then SQLite's own answer on a read-only connection) to be a newsroom
//! this build understands, so a wrong file (a photo, a database of another app, a
//! newsroom from a newer version) is refused and left byte-for-byte as it was.

pub(crate) mod articles;
pub(crate) mod issues;
pub(crate) mod photos;
pub(crate) mod revisions;
pub(crate) mod settings;
pub(crate) mod sources;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags, Row, Transaction};
use rusqlite_migration::{M, Migrations};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::error::{Error, Result};

/// Marks a SQLite file as a newsroom (`PRAGMA application_id`): "NFSN".
const APPLICATION_ID: i32 = 0x4E46_534E;

/// How long to wait for a lock that another process may release soon (a window that
/// is closing) before telling the editor the newsroom is in use.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// The schema, one step per file; the position in this list is the schema version.
const MIGRATION_STEPS: &[&str] = &[
    include_str!("migrations/0001_newsroom.sql"),
    include_str!("migrations/0002_library.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The newest schema version this build knows.
pub fn schema_version() -> u32 {
    MIGRATION_STEPS.len() as u32
}

/// What was found at a newsroom path before opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing yet (or an empty file): a new newsroom will be made.
    Nothing,
    /// A newsroom at this schema version.
    Newsroom { version: u32 },
}

/// An open newsroom database.
#[derive(Debug)]
pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the newsroom file at `path`, migrating it to the current
    /// schema. Returns the store and what was there before.
    pub(crate) fn open(path: &Path) -> Result<(Store, Found)> {
        let found = inspect(path)?;
        let flags = match found {
            Found::Nothing => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            Found::Newsroom { .. } => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)
            .map_err(|error| describe_open_error(path, error))?;
        configure(&conn).map_err(|error| describe_open_error(path, error))?;
        if let Found::Newsroom { version } = found
            && version < schema_version()
        {
            back_up_before_migration(&conn, path, version)?;
        }
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|error| match error {
                rusqlite_migration::Error::RusqliteError { err, .. } => {
                    describe_open_error(path, err)
                }
                other => Error::Migration(other),
            })?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|error| describe_open_error(path, error))?;
        // Fold the log into the file now, so the file on its own is a complete
        // newsroom from the first second (for backups and copies made by hand).
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|error| describe_open_error(path, error))?;
        Ok((
            Store {
                conn,
                path: path.to_owned(),
            },
            found,
        ))
    }

    /// The newsroom file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Read access.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA integrity_check`: Ok when SQLite finds nothing wrong.
    pub(crate) fn check_integrity(&self) -> Result<()> {
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        let findings: Vec<String> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if findings == ["ok"] {
            return Ok(());
        }
        Err(Error::NewsroomCorrupt {
            path: self.path.clone(),
            detail: findings.into_iter().take(3).collect::<Vec<_>>().join("; "),
        })
    }

    /// Runs `work` in one transaction: all of it is saved, or none.
    pub(crate) fn write<T>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|error| describe_open_error(&path, error))?;
        let value = work(&tx)?;
        tx.commit()
            .map_err(|error| describe_open_error(&path, error))?;
        Ok(value)
    }
}

/// Looks at the file without letting SQLite near it.
fn inspect(path: &Path) -> Result<Found> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::NewsroomFolderMissing {
            path: path.to_owned(),
        });
    }
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            // Checked by hand because root (CI, containers) may write anywhere, and a
            // folder marked read-only is still a sign the editor did not mean it.
            let folder_read_only = std::fs::metadata(folder)
                .map(|m| m.permissions().readonly())
                .unwrap_or(true);
            if folder_read_only {
                return Err(Error::NewsroomReadOnly {
                    path: path.to_owned(),
                });
            }
            return Ok(Found::Nothing);
        }
        Err(error) => return Err(Error::file("read", path, error)),
    };
    if metadata.is_dir() {
        return Err(Error::NotANewsroom {
            path: path.to_owned(),
            reason: "it is a folder".into(),
        });
    }
    let mut magic = [0u8; 16];
    let read = read_up_to(path, &mut magic)?;
    if read == 0 {
        if metadata.permissions().readonly() {
            return Err(Error::NewsroomReadOnly {
                path: path.to_owned(),
            });
        }
        return Ok(Found::Nothing);
    }
    if &magic[..read] != b"SQLite format 3\0" {
        return Err(Error::NotANewsroom {
            path: path.to_owned(),
            reason: "it is not a SQLite database".into(),
        });
    }
    // The header in the file can be stale (changes may still sit in the write-ahead
    // log of a process that died), so ask SQLite, read-only: it never writes to the
    // database file on this connection.
    let probe = read_identity(path).map_err(|error| describe_open_error(path, error))?;
    let found = if probe.application_id == APPLICATION_ID {
        Found::Newsroom {
            version: probe.user_version,
        }
    } else if probe.application_id == 0 && probe.user_version == 0 && probe.tables == 0 {
        // An empty database (no table was ever made): safe to turn into a newsroom.
        Found::Nothing
    } else {
        return Err(Error::NotANewsroom {
            path: path.to_owned(),
            reason: "it is a database of another application".into(),
        });
    };
    if let Found::Newsroom { version } = found
        && version > schema_version()
    {
        return Err(Error::NewsroomTooNew {
            path: path.to_owned(),
            found: version,
            supported: schema_version(),
        });
    }
    if metadata.permissions().readonly() {
        return Err(Error::NewsroomReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(found)
}

struct Identity {
    application_id: i32,
    user_version: u32,
    tables: u32,
}

fn read_identity(path: &Path) -> rusqlite::Result<Identity> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(Identity {
        application_id: conn.pragma_query_value(None, "application_id", |row| row.get(0))?,
        user_version: conn.pragma_query_value(None, "user_version", |row| row.get(0))?,
        tables: conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?,
    })
}

fn read_up_to(path: &Path, buffer: &mut [u8]) -> Result<usize> {
    let mut file = File::open(path).map_err(|error| Error::file("read", path, error))?;
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(Error::file("read", path, error)),
        }
    }
    Ok(filled)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL with FULL sync: a save the editor saw acknowledged survives a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // One window (or one command) owns a newsroom at a time: two windows autosaving
    // the same issue would silently overwrite each other. The exclusive lock is
    // taken by the first write and held until the connection closes.
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?;
    Ok(())
}

fn back_up_before_migration(conn: &Connection, path: &Path, version: u32) -> Result<()> {
    let mut backup_path = path.as_os_str().to_owned();
    backup_path.push(format!(".before-schema-{}.bak", version + 1));
    let backup_path = PathBuf::from(backup_path);
    let mut target = Connection::open(&backup_path)?;
    rusqlite::backup::Backup::new(conn, &mut target)?.run_to_completion(
        256,
        Duration::ZERO,
        None,
    )?;
    tracing::info!(backup = %backup_path.display(), "backed up newsroom before migration");
    Ok(())
}

/// Turns SQLite's codes into sentences about the newsroom file.
fn describe_open_error(path: &Path, error: rusqlite::Error) -> Error {
    let code = error.sqlite_error_code();
    match code {
        Some(SqliteCode::DatabaseBusy | SqliteCode::DatabaseLocked) => Error::NewsroomLocked {
            path: path.to_owned(),
        },
        Some(SqliteCode::NotADatabase) => Error::NotANewsroom {
            path: path.to_owned(),
            reason: "it is not a SQLite database".into(),
        },
        Some(SqliteCode::DatabaseCorrupt) => Error::NewsroomCorrupt {
            path: path.to_owned(),
            detail: error.to_string(),
        },
        Some(SqliteCode::ReadOnly | SqliteCode::CannotOpen | SqliteCode::PermissionDenied) => {
            Error::NewsroomReadOnly {
                path: path.to_owned(),
            }
        }
        _ => Error::Storage(error),
    }
}

pub(crate) fn format_date(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

pub(crate) fn format_timestamp(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

pub(crate) fn parse_date(row: &Row<'_>, index: usize) -> rusqlite::Result<Date> {
    let text: String = row.get(index)?;
    Date::parse(&text, format_description!("[year]-[month]-[day]")).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}

pub(crate) fn parse_timestamp(row: &Row<'_>, index: usize) -> rusqlite::Result<OffsetDateTime> {
    let text: String = row.get(index)?;
    OffsetDateTime::parse(&text, &Rfc3339).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}
