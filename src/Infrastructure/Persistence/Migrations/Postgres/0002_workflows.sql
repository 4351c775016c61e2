-- Statute workflows: the same tables, columns and constraints as the SQLite script.
ALTER TABLE requests ADD COLUMN owner_id uuid NULL REFERENCES users (id);
ALTER TABLE requests ADD COLUMN outcome text NULL;
ALTER TABLE requests ADD COLUMN stage_entered_at timestamptz NULL;
ALTER TABLE requests ADD COLUMN stage_anchor date NULL;
ALTER TABLE requests ADD COLUMN paused_days integer NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN paused_since date NULL;
ALTER TABLE requests ADD COLUMN registration_number text NULL;
ALTER TABLE requests ADD COLUMN registered_on date NULL;
ALTER TABLE requests ADD COLUMN forwarded_from uuid NULL REFERENCES requests (id);
ALTER TABLE requests ADD COLUMN reopen_stage text NULL;
ALTER TABLE requests ADD COLUMN overdue_since date NULL;
ALTER TABLE requests ADD COLUMN version integer NOT NULL DEFAULT 0;

CREATE INDEX ix_requests_stage ON requests (stage, body_key);
CREATE INDEX ix_requests_owner ON requests (owner_id);

CREATE TABLE request_timers (
    id            uuid NOT NULL PRIMARY KEY,
    request_id    uuid NOT NULL REFERENCES requests (id),
    kind          text NOT NULL,
    stage         text NOT NULL,
    deadline_key  text NULL,
    due_at        timestamptz NOT NULL,
    fired_at      timestamptz NULL,
    cancelled_at  timestamptz NULL,
    created_at    timestamptz NOT NULL
);

CREATE INDEX ix_request_timers_due ON request_timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX ix_request_timers_request ON request_timers (request_id);

CREATE TABLE request_deadlines (
    request_id        uuid NOT NULL REFERENCES requests (id),
    key               text NOT NULL,
    stage             text NOT NULL,
    event_date        date NOT NULL,
    due               date NOT NULL,
    paused_days       integer NOT NULL,
    statute_version   integer NOT NULL,
    calendar_version  integer NOT NULL,
    computed_at       timestamptz NOT NULL,
    PRIMARY KEY (request_id, key)
);

CREATE TABLE timeline (
    id               uuid NOT NULL PRIMARY KEY,
    request_id       uuid NOT NULL REFERENCES requests (id),
    seq              integer NOT NULL,
    at               timestamptz NOT NULL,
    kind             text NOT NULL,
    actor            text NOT NULL,
    detail           text NULL,
    from_stage       text NULL,
    to_stage         text NULL,
    statute_version  integer NOT NULL,
    event_key        text NULL,
    UNIQUE (request_id, seq),
    UNIQUE (request_id, event_key)
);

CREATE TABLE outbox (
    id             uuid NOT NULL PRIMARY KEY,
    dedup_key      text NOT NULL UNIQUE,
    request_id     uuid NULL REFERENCES requests (id),
    kind           text NOT NULL,
    name           text NOT NULL,
    recipient      text NOT NULL,
    payload        text NOT NULL,
    created_at     timestamptz NOT NULL,
    available_at   timestamptz NOT NULL,
    dispatched_at  timestamptz NULL,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text NULL
);

CREATE INDEX ix_outbox_pending ON outbox (available_at) WHERE dispatched_at IS NULL;

CREATE TABLE idempotency_keys (
    key            text NOT NULL,
    scope          text NOT NULL,
    request_hash   text NOT NULL,
    status         integer NOT NULL,
    location       text NULL,
    body           text NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (key, scope)
);
