-- Fewer index entries on the sweep's hot path: each fired timer writes a timeline entry, so every
-- index on the timeline is paid once per fired timer. Only entries recorded under an idempotency
-- key need the uniqueness check on the key; entries the system writes (timer firings, mail notes
-- without a key) carry none and now stay out of that index. SQLite cannot drop a table
-- constraint, so the table is rebuilt with the same columns and rows.
CREATE TABLE timeline_rebuilt (
    id               TEXT NOT NULL PRIMARY KEY,
    request_id       TEXT NOT NULL REFERENCES requests (id),
    seq              INTEGER NOT NULL,
    at               TEXT NOT NULL,
    kind             TEXT NOT NULL,
    actor            TEXT NOT NULL,
    detail           TEXT NULL,
    from_stage       TEXT NULL,
    to_stage         TEXT NULL,
    statute_version  INTEGER NOT NULL,
    event_key        TEXT NULL,
    UNIQUE (request_id, seq)
) STRICT;
INSERT INTO timeline_rebuilt (id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version, event_key)
    SELECT id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version, event_key FROM timeline;
DROP TABLE timeline;
ALTER TABLE timeline_rebuilt RENAME TO timeline;
-- A replayed event (same key) is refused by the database even when two copies race.
CREATE UNIQUE INDEX ux_timeline_event_key ON timeline (request_id, event_key) WHERE event_key IS NOT NULL;
