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
pub(crate) mod sources;
pub(crate) mod typing;
pub(crate) mod values;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rusqlite::{
    Connection, ErrorCode as SqliteCode, OpenFlags, Row, Transaction, TransactionBehavior,
};
use rusqlite_migration::{M, Migrations};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use crate::error::{Error, Result};
use crate::issue::IssueStatus;

/// Marks a SQLite file as a newsroom (`PRAGMA application_id`): "NFSN".
const APPLICATION_ID: i32 = 0x4E46_534E;

/// How long a write waits for another window or process to finish its own write
/// (saves take milliseconds; a bulk import of a large sources file, a few seconds)
/// before the editor is told the newsroom is busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The schema, one step per file; the position in this list is the schema version.
const MIGRATION_STEPS: &[&str] = &[
    include_str!("migrations/0001_newsroom.sql"),
    include_str!("migrations/0002_library.sql"),
    include_str!("migrations/0003_versions.sql"),
    include_str!("migrations/0004_typing.sql"),
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

/// An open newsroom database: one connection that writes and one that reads, so
/// that reading what a preview needs never waits behind a save (WAL lets both run
/// at once). Both are behind their own lock; a panic while one is held cannot leave
/// a half-done change behind (every write is one transaction, rolled back when
/// dropped), so a poisoned lock is simply taken again.
#[derive(Debug)]
pub(crate) struct Store {
    path: PathBuf,
    // Fields drop in this order: the reader closes first, so that the writer is
    // the last connection and folds the write-ahead log back into the file.
    reader: Mutex<Connection>,
    writer: Mutex<Connection>,
    /// Set when SQLite reports the file damaged: from then on nothing is written.
    damaged: AtomicBool,
    /// Set by a write that did not wait for the disk ([`Store::write_unsynced`]),
    /// cleared by the next one that did.
    unsynced: AtomicBool,
}

/// The oldest SQLite the schema works with: `STRICT` tables came in 3.37.0 (Ubuntu
/// 22.04 has 3.37.2, Debian 12 3.40.1).
const OLDEST_SQLITE: (i32, &str) = (3_037_000, "3.37.0");

/// Refuses an SQLite library (the system's, on Linux) too old for the schema, before
/// it can misread a newsroom.
fn check_sqlite_version(number: i32) -> Result<()> {
    if number >= OLDEST_SQLITE.0 {
        return Ok(());
    }
    Err(Error::SqliteTooOld {
        found: format!(
            "{}.{}.{}",
            number / 1_000_000,
            number / 1_000 % 1_000,
            number % 1_000
        ),
        needed: OLDEST_SQLITE.1,
    })
}

impl Store {
    /// Opens (or creates) the newsroom file at `path`, migrating it to the current
    /// schema. Returns the store and what was there before.
    pub(crate) fn open(path: &Path) -> Result<(Store, Found)> {
        check_sqlite_version(rusqlite::version_number())?;
        let found = inspect(path)?;
        let flags = match found {
            Found::Nothing => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            Found::Newsroom { .. } => OpenFlags::SQLITE_OPEN_READ_WRITE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)
            .map_err(|error| describe_error(path, error))?;
        configure(&conn).map_err(|error| describe_error(path, error))?;
        if let Found::Newsroom { version } = found
            && version < schema_version()
        {
            back_up_before_migration(&conn, path, version)?;
        }
        MIGRATIONS
            .to_latest(&mut conn)
            .map_err(|error| match error {
                rusqlite_migration::Error::RusqliteError { err, .. } => describe_error(path, err),
                other => Error::Migration(other),
            })?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|error| describe_error(path, error))?;
        // Fold the log into the file now, so the file on its own is a complete
        // newsroom from the first second (for backups and copies made by hand). With
        // another process reading, this does what it can and leaves the rest.
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|error| describe_error(path, error))?;
        let reader = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|reader| {
            reader.busy_timeout(BUSY_TIMEOUT)?;
            Ok(reader)
        })
        .map_err(|error| describe_error(path, error))?;
        Ok((
            Store {
                path: path.to_owned(),
                writer: Mutex::new(conn),
                reader: Mutex::new(reader),
                damaged: AtomicBool::new(false),
                unsynced: AtomicBool::new(false),
            },
            found,
        ))
    }

    /// The newsroom file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// `PRAGMA integrity_check`: Ok when SQLite finds nothing wrong.
    pub(crate) fn check_integrity(&self) -> Result<()> {
        self.read(|conn| {
            let mut statement = conn.prepare("PRAGMA integrity_check")?;
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
        })
    }

    /// Runs `work` in one read transaction: everything it reads is from the same
    /// moment, and it never waits for a save in progress.
    pub(crate) fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = lock(&self.reader);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .map_err(|error| self.describe(error))?;
        let value = work(&tx).map_err(|error| self.notice(error))?;
        // A read transaction has nothing to commit; ending it cannot lose anything.
        drop(tx);
        Ok(value)
    }

    /// Runs `work` in one transaction: all of it is saved, or none. The write lock
    /// is taken at the start (`BEGIN IMMEDIATE`), so two processes writing at once
    /// wait for each other instead of failing halfway.
    pub(crate) fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.damaged.load(Ordering::Relaxed) {
            return Err(self.damaged_error("an earlier read or write found it damaged"));
        }
        let mut conn = lock(&self.writer);
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| self.describe(error))?;
        let value = work(&tx).map_err(|error| self.notice(error))?;
        tx.commit().map_err(|error| self.describe(error))?;
        // A synchronous commit makes the log durable, with every commit before it.
        self.unsynced.store(false, Ordering::Relaxed);
        Ok(value)
    }

    /// Like [`Store::write`], but the commit does not wait for the disk
    /// (`synchronous=NORMAL`): in WAL mode it survives the app being killed, not a
    /// power cut until the next synchronous commit ([`Store::sync`]). For writes
    /// made on every keystroke.
    pub(crate) fn write_unsynced<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.damaged.load(Ordering::Relaxed) {
            return Err(self.damaged_error("an earlier read or write found it damaged"));
        }
        let mut conn = lock(&self.writer);
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|error| self.describe(error))?;
        let written = (|| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|error| self.describe(error))?;
            let value = work(&tx).map_err(|error| self.notice(error))?;
            tx.commit().map_err(|error| self.describe(error))?;
            Ok(value)
        })();
        if written.is_ok() {
            self.unsynced.store(true, Ordering::Relaxed);
        }
        // Every other write waits for the disk again.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|error| self.describe(error))?;
        written
    }

    /// Whether some commit has not reached the disk yet (see
    /// [`Store::write_unsynced`]).
    pub(crate) fn has_unsynced(&self) -> bool {
        self.unsynced.load(Ordering::Relaxed)
    }

    /// A number that changes whenever another connection (another window, the
    /// command line) commits a change to the newsroom; this store's own writes do
    /// not change it.
    pub(crate) fn data_version(&self) -> Result<i64> {
        let conn = lock(&self.writer);
        conn.pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(|error| self.describe(error))
    }

    /// Folds the write-ahead log back into the file (when the app closes).
    pub(crate) fn checkpoint(&self) -> Result<()> {
        let conn = lock(&self.writer);
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|error| self.describe(error))
    }

    fn describe(&self, error: rusqlite::Error) -> Error {
        self.notice(describe_error(&self.path, error))
    }

    /// Remembers a damaged file, so that nothing more is written to it.
    fn notice(&self, error: Error) -> Error {
        let error = match error {
            Error::Storage(inner)
                if inner.sqlite_error_code() == Some(SqliteCode::DatabaseCorrupt) =>
            {
                describe_error(&self.path, inner)
            }
            other => other,
        };
        if matches!(error, Error::NewsroomCorrupt { .. }) {
            self.damaged.store(true, Ordering::Relaxed);
        }
        error
    }

    fn damaged_error(&self, detail: &str) -> Error {
        Error::NewsroomCorrupt {
            path: self.path.clone(),
            detail: detail.to_owned(),
        }
    }
}

/// Takes a connection's lock; see [`Store`] for why poisoning is harmless here.
fn lock(connection: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    connection.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Looks at the file without letting SQLite near it, then asks SQLite on a read-only
/// connection. A refused file is left byte for byte as it was, sidecars included:
/// any `-wal` or `-shm` file the read-only look made is removed again.
fn inspect(path: &Path) -> Result<Found> {
    if path.to_string_lossy().starts_with("file:") {
        return Err(Error::NewsroomUri {
            path: path.to_owned(),
        });
    }
    let folder = crate::files::folder_of(path);
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
    if !metadata.is_file() {
        return Err(Error::NotANewsroom {
            path: path.to_owned(),
            reason: if metadata.is_dir() {
                "it is a folder".into()
            } else {
                "it is not a regular file".into()
            },
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
    let sidecars = Sidecars::before_probe(path);
    let found = probe(path, &metadata);
    if found.is_err() {
        sidecars.remove_new_ones();
    }
    found
}

/// What SQLite says of a SQLite file, on a read-only connection.
fn probe(path: &Path, metadata: &std::fs::Metadata) -> Result<Found> {
    // The header in the file can be stale (changes may still sit in the write-ahead
    // log of a process that died), so ask SQLite, read-only: it never writes to the
    // database file on this connection.
    let probe = read_identity(path).map_err(|error| describe_error(path, error))?;
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
    if probe.quick_check != "ok" {
        return Err(Error::NewsroomCorrupt {
            path: path.to_owned(),
            detail: probe.quick_check,
        });
    }
    if metadata.permissions().readonly() {
        return Err(Error::NewsroomReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(found)
}

/// The `-wal` and `-shm` files beside a database, and whether each was there before
/// a read-only look at it.
struct Sidecars {
    files: Vec<(PathBuf, bool)>,
}

impl Sidecars {
    fn before_probe(path: &Path) -> Self {
        let files = ["-wal", "-shm"]
            .into_iter()
            .map(|suffix| {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                let sidecar = PathBuf::from(name);
                let existed = std::fs::symlink_metadata(&sidecar).is_ok();
                (sidecar, existed)
            })
            .collect();
        Sidecars { files }
    }

    fn remove_new_ones(self) {
        for (sidecar, existed) in self.files {
            if !existed {
                // Best effort: they are ours, and the refusal is what matters.
                let _ = std::fs::remove_file(sidecar);
            }
        }
    }
}

struct Identity {
    application_id: i32,
    user_version: u32,
    tables: u32,
    /// The first finding of `PRAGMA quick_check` ("ok" when there is none).
    quick_check: String,
}

fn read_identity(path: &Path) -> rusqlite::Result<Identity> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let application_id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let user_version = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let tables = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    // Only a newsroom is worth checking page by page; anything else is refused anyway.
    let quick_check = if application_id == APPLICATION_ID {
        match conn.query_row("PRAGMA quick_check(1)", [], |row| row.get::<_, String>(0)) {
            Ok(result) => result,
            Err(error) if error.sqlite_error_code() == Some(SqliteCode::DatabaseCorrupt) => {
                error.to_string()
            }
            Err(error) => return Err(error),
        }
    } else {
        "ok".to_owned()
    };
    Ok(Identity {
        application_id,
        user_version,
        tables,
        quick_check,
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
    // Windows and the command line share a newsroom: WAL lets them read while one
    // writes, and versioned saves (store/issues.rs) make sure no one silently
    // overwrites another's text.
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
fn describe_error(path: &Path, error: rusqlite::Error) -> Error {
    let code = error.sqlite_error_code();
    match code {
        Some(SqliteCode::DatabaseBusy | SqliteCode::DatabaseLocked) => Error::NewsroomBusy {
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

/// Every row `sql` returns for `params`, each read by `read`, in order.
pub(crate) fn all_rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    read: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Column `index` read as text and parsed with `parse`. Text that does not parse is
/// SQLite's conversion error for that column, as a wrong type would be.
pub(crate) fn parse_column<T, E>(
    row: &Row<'_>,
    index: usize,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> rusqlite::Result<T>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let text: String = row.get(index)?;
    parse(&text).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}

pub(crate) fn parse_date(row: &Row<'_>, index: usize) -> rusqlite::Result<Date> {
    parse_column(row, index, |text| {
        Date::parse(text, format_description!("[year]-[month]-[day]"))
    })
}

pub(crate) fn parse_timestamp(row: &Row<'_>, index: usize) -> rusqlite::Result<OffsetDateTime> {
    parse_column(row, index, |text| OffsetDateTime::parse(text, &Rfc3339))
}

pub(crate) fn parse_status(row: &Row<'_>, index: usize) -> rusqlite::Result<IssueStatus> {
    parse_column(row, index, str::parse::<IssueStatus>)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_sqlite_older_than_the_schema_is_refused_by_its_version() {
        assert!(check_sqlite_version(3_037_000).is_ok());
        assert!(check_sqlite_version(3_040_001).is_ok());
        assert!(check_sqlite_version(rusqlite::version_number()).is_ok());
        let refused = check_sqlite_version(3_031_001).unwrap_err().to_string();
        assert!(
            refused.starts_with(
                "This system's SQLite library is version 3.31.1, older than the 3.37.0"
            ),
            "{refused}"
        );
    }
}
