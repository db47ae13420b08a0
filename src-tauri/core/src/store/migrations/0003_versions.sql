-- Versioned saves, shared newsrooms, deleted issues and the reasons revisions keep.
-- Shipped migrations are never edited: add a new file.

-- Every change to an issue's row adds one; a save names the version it started
-- from, so two windows or processes can never silently overwrite each other.
ALTER TABLE issues ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);

-- An issue moved to the deleted issues, from where it can be brought back. It keeps
-- its number (numbers are never reused) and its revisions.
ALTER TABLE issues ADD COLUMN deleted_at TEXT;

-- New reasons for a revision: a save that found the issue changed elsewhere (the
-- text that could not be saved is kept), a correction of a published issue, and a
-- deletion. SQLite cannot change a CHECK constraint in place: copy the table.
CREATE TABLE revisions_next (
    id         INTEGER PRIMARY KEY,
    issue_id   INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    reason     TEXT    NOT NULL CHECK (reason IN (
                   'edit', 'status', 'export', 'restore', 'import',
                   'conflict', 'correction', 'delete')),
    note       TEXT    NOT NULL DEFAULT '',
    date       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    preheader  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    body       TEXT    NOT NULL
) STRICT;
INSERT INTO revisions_next SELECT id, issue_id, created_at, reason, note, date, title,
    preheader, status, body FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_next RENAME TO revisions;
CREATE INDEX revisions_by_issue ON revisions (issue_id, id);

-- Listing sources by name without a search (the library view) at 100,000 sources.
CREATE INDEX sources_by_name ON sources (name COLLATE NOCASE, key);
