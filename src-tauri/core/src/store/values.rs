//! SQL for the two tables of named text values: the publication's settings
//! (`settings`, by their `newsroom.toml` key) and what the desk remembers between
//! starts (`desk`: the export folder, when the keystroke journal was last synced).
//! Both are read and written the same way, so one type serves them.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

/// A table of named text values: its two statements.
pub(crate) struct NamedValues {
    select: &'static str,
    upsert: &'static str,
}

/// The publication's settings.
pub(crate) const SETTINGS: NamedValues = NamedValues {
    select: "SELECT value FROM settings WHERE key = ?1",
    upsert: "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
};

/// What the desk remembers.
pub(crate) const DESK: NamedValues = NamedValues {
    select: "SELECT value FROM desk WHERE name = ?1",
    upsert: "INSERT INTO desk (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
};

impl NamedValues {
    /// The value kept as `name`, if one is.
    pub(crate) fn get(&self, conn: &Connection, name: &str) -> Result<Option<String>> {
        Ok(conn
            .prepare_cached(self.select)?
            .query_row([name], |row| row.get(0))
            .optional()?)
    }

    /// Keeps `value` as `name`, in place of any earlier one.
    pub(crate) fn set(&self, conn: &Connection, name: &str, value: &str) -> Result<()> {
        conn.prepare_cached(self.upsert)?
            .execute(params![name, value])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Connection {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        for step in super::super::MIGRATION_STEPS {
            conn.execute_batch(step).expect("the newsroom's schema");
        }
        conn
    }

    #[test]
    fn a_value_is_kept_replaced_and_read_back_in_its_own_table_only() {
        let conn = tables();
        assert_eq!(SETTINGS.get(&conn, "name").expect("read"), None);
        SETTINGS.set(&conn, "name", "Newsflash").expect("write");
        SETTINGS
            .set(&conn, "name", "Newsflash Weekly")
            .expect("rewrite");
        DESK.set(&conn, "name", "desk's own").expect("write");
        assert_eq!(
            SETTINGS.get(&conn, "name").expect("read").as_deref(),
            Some("Newsflash Weekly")
        );
        assert_eq!(
            DESK.get(&conn, "name").expect("read").as_deref(),
            Some("desk's own")
        );
    }
}
