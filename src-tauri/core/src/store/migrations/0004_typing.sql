-- The keystroke journal, and where the editor was.
-- Shipped migrations are never edited: add a new file.

-- Each issue being typed in has at most one typing session: the editor's changes
-- since the last save, applied in order on the issue's text at `base_version`.
-- A save that covers changes up to `base_seq` deletes them and moves the base.
CREATE TABLE typing_sessions (
    issue_id     INTEGER PRIMARY KEY REFERENCES issues (id) ON DELETE CASCADE,
    session      INTEGER NOT NULL,
    base_version INTEGER NOT NULL,
    base_seq     INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT    NOT NULL
) STRICT;

-- One row per change of the editor's text (a JSON list of replaced ranges), written
-- as it happens, without waiting for the disk: WAL keeps it through a crash of the
-- app, and a sync at least once a second through a power cut.
CREATE TABLE keystrokes (
    issue_id INTEGER NOT NULL REFERENCES typing_sessions (issue_id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    length   INTEGER NOT NULL,
    edits    TEXT    NOT NULL,
    typed_at TEXT    NOT NULL,
    PRIMARY KEY (issue_id, seq)
) STRICT, WITHOUT ROWID;

-- Where the editor was in each issue (selection and the text at the top of the
-- view), and when she last had it open: the app reopens the latest one there.
CREATE TABLE places (
    issue_id  INTEGER PRIMARY KEY REFERENCES issues (id) ON DELETE CASCADE,
    anchor    INTEGER NOT NULL,
    head      INTEGER NOT NULL,
    top       INTEGER NOT NULL,
    opened_at TEXT    NOT NULL
) STRICT;

-- What the desk remembers that belongs to no issue (the export folder), by name.
CREATE TABLE desk (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
