-- Statute workflows: the request's lifecycle state, durable timers, the timeline, computed
-- deadlines, the outbox of side effects and replayable idempotent answers.
ALTER TABLE requests ADD COLUMN owner_id TEXT NULL REFERENCES users (id);
ALTER TABLE requests ADD COLUMN outcome TEXT NULL;
ALTER TABLE requests ADD COLUMN stage_entered_at TEXT NULL;
ALTER TABLE requests ADD COLUMN stage_anchor TEXT NULL;
ALTER TABLE requests ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN paused_since TEXT NULL;
ALTER TABLE requests ADD COLUMN registration_number TEXT NULL;
ALTER TABLE requests ADD COLUMN registered_on TEXT NULL;
ALTER TABLE requests ADD COLUMN forwarded_from TEXT NULL REFERENCES requests (id);
ALTER TABLE requests ADD COLUMN reopen_stage TEXT NULL;
ALTER TABLE requests ADD COLUMN overdue_since TEXT NULL;
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX ix_requests_stage ON requests (stage, body_key);
CREATE INDEX ix_requests_owner ON requests (owner_id);

CREATE TABLE request_timers (
    id            TEXT NOT NULL PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES requests (id),
    kind          TEXT NOT NULL,
    stage         TEXT NOT NULL,
    deadline_key  TEXT NULL,
    due_at        TEXT NOT NULL,
    fired_at      TEXT NULL,
    cancelled_at  TEXT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- The sweep reads only armed timers in due order; fired and cancelled ones drop out of the index,
-- so its cost does not grow with history or with timers far in the future.
CREATE INDEX ix_request_timers_due ON request_timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX ix_request_timers_request ON request_timers (request_id);

CREATE TABLE request_deadlines (
    request_id        TEXT NOT NULL REFERENCES requests (id),
    key               TEXT NOT NULL,
    stage             TEXT NOT NULL,
    event_date        TEXT NOT NULL,
    due               TEXT NOT NULL,
    paused_days       INTEGER NOT NULL,
    statute_version   INTEGER NOT NULL,
    calendar_version  INTEGER NOT NULL,
    computed_at       TEXT NOT NULL,
    PRIMARY KEY (request_id, key)
) STRICT;

CREATE TABLE timeline (
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
    UNIQUE (request_id, seq),
    -- A replayed event (same key) is refused by the database even when two copies race.
    UNIQUE (request_id, event_key)
) STRICT;

CREATE TABLE outbox (
    id             TEXT NOT NULL PRIMARY KEY,
    dedup_key      TEXT NOT NULL UNIQUE,
    request_id     TEXT NULL REFERENCES requests (id),
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    payload        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    available_at   TEXT NOT NULL,
    dispatched_at  TEXT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NULL
) STRICT;

CREATE INDEX ix_outbox_pending ON outbox (available_at) WHERE dispatched_at IS NULL;

CREATE TABLE idempotency_keys (
    key            TEXT NOT NULL,
    scope          TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    status         INTEGER NOT NULL,
    location       TEXT NULL,
    body           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (key, scope)
) STRICT;
