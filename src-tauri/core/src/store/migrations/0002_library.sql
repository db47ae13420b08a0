-- The library (sources, photos), what issues are made of (articles, citations),
-- revisions and search. Shipped migrations are never edited: add a new file.

-- An issue paid for by a sponsor: non-commercial (NC) photo licences do not allow it.
ALTER TABLE issues ADD COLUMN sponsored INTEGER NOT NULL DEFAULT 0 CHECK (sponsored IN (0, 1));

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    -- The citation key of `[@key]`: lowercase [a-z0-9-]+, checked in Rust.
    key          TEXT    NOT NULL UNIQUE,
    -- The short name readers see in the Sources line ("HRW").
    name         TEXT    NOT NULL,
    full_name    TEXT    NOT NULL DEFAULT '',
    homepage     TEXT    NOT NULL DEFAULT '',
    kind         TEXT    NOT NULL DEFAULT '',
    notes        TEXT    NOT NULL DEFAULT '',
    -- Made by an import from an unknown name: an editor should check it.
    needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;

CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    alias     TEXT    NOT NULL,
    PRIMARY KEY (source_id, alias)
) STRICT, WITHOUT ROWID;

-- Every name a source answers to (key, name, full name, aliases) reduced to a
-- fingerprint (lowercase letters and digits only), so "Al Jazeera" finds AlJazeera.
-- Derived: rewritten by the store on every save of a source.
CREATE TABLE source_fingerprints (
    fingerprint TEXT    NOT NULL,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    PRIMARY KEY (fingerprint, source_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX source_fingerprints_by_source ON source_fingerprints (source_id);

-- Full-text search over sources; rowid = sources.id, kept in step by the store.
CREATE VIRTUAL TABLE sources_search USING fts5 (
    key, name, full_name, aliases, notes,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    -- How issue files refer to the photo: photo = "tonga-ash-cloud".
    key         TEXT    NOT NULL UNIQUE,
    -- The file in the newsroom's asset folder, named by its content: <sha256>.<ext>.
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    width       INTEGER,
    height      INTEGER,
    alt         TEXT    NOT NULL DEFAULT '',
    caption     TEXT    NOT NULL DEFAULT '',
    -- The credit (TASL: title, author, source, licence); the credit line is built
    -- from these fields, never typed.
    title       TEXT    NOT NULL DEFAULT '',
    creator     TEXT    NOT NULL DEFAULT '',
    source_name TEXT    NOT NULL DEFAULT '',
    source_url  TEXT    NOT NULL DEFAULT '',
    licence     TEXT    NOT NULL,
    -- For all-rights-reserved photos: who allowed the use, and how.
    permission  TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
) STRICT;

-- The articles of an issue, derived from its text (each `#` heading) on every save.
-- Rows are kept by position, so a lead photo stays with the article in its place.
CREATE TABLE articles (
    issue_id      INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    headline      TEXT    NOT NULL,
    -- The line of its heading in the issue text (1-based).
    line          INTEGER NOT NULL,
    photo_id      INTEGER REFERENCES photos (id) ON DELETE RESTRICT,
    -- The lead photo was cropped: no-derivatives (ND) licences do not allow it.
    photo_cropped INTEGER NOT NULL DEFAULT 0 CHECK (photo_cropped IN (0, 1)),
    PRIMARY KEY (issue_id, position)
) STRICT;
CREATE INDEX articles_by_photo ON articles (photo_id) WHERE photo_id IS NOT NULL;

-- `[@key]` and `[@key, https://...]` in the issue text, re-derived on every save.
-- source_key is not a foreign key: a citation of a key missing from the library is
-- kept, and the preflight reports it.
CREATE TABLE citations (
    issue_id   INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL CHECK (seq >= 0),
    article    INTEGER NOT NULL CHECK (article >= 0),
    source_key TEXT    NOT NULL,
    url        TEXT    NOT NULL DEFAULT '',
    -- Optional details an editor adds; carried over by (source_key, url) when the
    -- citations are re-derived.
    title      TEXT    NOT NULL DEFAULT '',
    accessed   TEXT,
    line       INTEGER NOT NULL,
    PRIMARY KEY (issue_id, seq)
) STRICT;
CREATE INDEX citations_by_source ON citations (source_key);

CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    issue_id   INTEGER NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    -- Why it was kept: typing (coalesced to one a minute), a status change, an
    -- export, a restore, an import.
    reason     TEXT    NOT NULL CHECK (reason IN ('edit', 'status', 'export', 'restore', 'import')),
    -- The editor's words, e.g. why an issue went back to draft.
    note       TEXT    NOT NULL DEFAULT '',
    date       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    preheader  TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    body       TEXT    NOT NULL
) STRICT;
CREATE INDEX revisions_by_issue ON revisions (issue_id, id);

-- Full-text search over issues; rowid = issues.id, kept in step by the store.
CREATE VIRTUAL TABLE issues_search USING fts5 (
    title, body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO issues_search (rowid, title, body) SELECT id, title, body FROM issues;
