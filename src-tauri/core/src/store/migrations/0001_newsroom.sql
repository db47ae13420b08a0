-- The first newsroom schema. Shipped migrations are never edited: add a new file.

-- Publication settings (name, tagline, cadence, ...), one row per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE issues (
    id         INTEGER PRIMARY KEY,
    number     INTEGER NOT NULL UNIQUE CHECK (number > 0),
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title      TEXT    NOT NULL,
    preheader  TEXT    NOT NULL DEFAULT '',
    status     TEXT    NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'in_review', 'ready', 'published')),
    -- Markdown: each `#` heading starts an article.
    body       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
) STRICT;
