-- Letters produced for requests (PDF). Immutable: written once, never updated. A request holds a
-- letter once per content hash, so a workflow step dispatched twice, or the same letter asked for
-- twice on one day, stores one row. timeline_seq links the letter to the timeline entry it
-- belongs to (the step that named it, or the request's state when produced on demand).
CREATE TABLE letters (
    id            uuid NOT NULL PRIMARY KEY,
    request_id    uuid NOT NULL REFERENCES requests (id),
    kind          text NOT NULL,
    language      text NOT NULL,
    recipient     text NOT NULL,
    content_hash  text NOT NULL,
    bytes         bytea NOT NULL,
    size          integer NOT NULL,
    page_count    integer NOT NULL,
    created_at    timestamptz NOT NULL,
    timeline_seq  integer NULL,
    source        text NOT NULL,
    outbox_key    text NULL,
    UNIQUE (request_id, content_hash)
);

CREATE INDEX ix_letters_request ON letters (request_id, created_at);
