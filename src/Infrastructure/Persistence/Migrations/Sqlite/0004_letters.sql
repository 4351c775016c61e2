-- Letters produced for requests (PDF). Immutable: written once, never updated. A request holds a
-- letter once per content hash, so a workflow step dispatched twice, or the same letter asked for
-- twice on one day, stores one row. timeline_seq links the letter to the timeline entry it
-- belongs to (the step that named it, or the request's state when produced on demand).
CREATE TABLE letters (
    id            TEXT NOT NULL PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES requests (id),
    kind          TEXT NOT NULL,
    language      TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    bytes         BLOB NOT NULL,
    size          INTEGER NOT NULL,
    page_count    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    timeline_seq  INTEGER NULL,
    source        TEXT NOT NULL,
    outbox_key    TEXT NULL,
    UNIQUE (request_id, content_hash)
) STRICT;

CREATE INDEX ix_letters_request ON letters (request_id, created_at);
