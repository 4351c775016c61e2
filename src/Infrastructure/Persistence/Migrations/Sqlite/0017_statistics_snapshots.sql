-- Published statistics snapshots and the GAC Art 49 annual-report figures bodies reported.
-- Both are append-only: a snapshot is cited by its id and the SHA-256 of its content, so it must
-- never change; a correction is a new snapshot naming the one it replaces. An annual report's
-- correction is a new revision, so the figures recorded earlier stay readable. Triggers refuse
-- every UPDATE and DELETE, whichever code (or person) tries it.
CREATE TABLE statistics_snapshots (
    id                  TEXT NOT NULL PRIMARY KEY,
    period              TEXT NOT NULL,
    period_from         TEXT NOT NULL,
    period_until        TEXT NOT NULL,
    as_of               TEXT NOT NULL,
    statute_id          TEXT NOT NULL,
    statute_version     INTEGER NOT NULL,
    calendar_id         TEXT NOT NULL,
    calendar_version    INTEGER NOT NULL,
    methodology_version TEXT NOT NULL,
    published_by        TEXT NOT NULL REFERENCES users (id),
    published_by_name   TEXT NOT NULL,
    published_at        TEXT NOT NULL,
    content             BLOB NOT NULL,
    content_sha256      TEXT NOT NULL CHECK (length(content_sha256) = 64),
    replaces            TEXT NULL UNIQUE REFERENCES statistics_snapshots (id)
) STRICT;

CREATE INDEX ix_statistics_snapshots_published ON statistics_snapshots (published_at);

CREATE TRIGGER statistics_snapshots_no_update BEFORE UPDATE ON statistics_snapshots
BEGIN
    SELECT RAISE(ABORT, 'statistics snapshots are immutable: publish a correction that replaces this one');
END;

CREATE TRIGGER statistics_snapshots_no_delete BEFORE DELETE ON statistics_snapshots
BEGIN
    SELECT RAISE(ABORT, 'statistics snapshots are immutable: publish a correction that replaces this one');
END;

-- One row per body, year and revision; the highest revision is the current figures. A figure the
-- report did not give is NULL, which is not the same as zero. Costs in tetri (GEL minor units).
CREATE TABLE annual_reports (
    body_key            TEXT NOT NULL REFERENCES public_bodies (key),
    year                INTEGER NOT NULL,
    revision            INTEGER NOT NULL CHECK (revision >= 1),
    requests_received   INTEGER NULL CHECK (requests_received >= 0),
    granted             INTEGER NULL CHECK (granted >= 0),
    partly_granted      INTEGER NULL CHECK (partly_granted >= 0),
    refused             INTEGER NULL CHECK (refused >= 0),
    forwarded           INTEGER NULL CHECK (forwarded >= 0),
    appeals             INTEGER NULL CHECK (appeals >= 0),
    costs_tetri         INTEGER NULL CHECK (costs_tetri >= 0),
    published_on        TEXT NULL,
    source              TEXT NOT NULL,
    note                TEXT NULL,
    recorded_by         TEXT NOT NULL REFERENCES users (id),
    recorded_by_name    TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    PRIMARY KEY (body_key, year, revision)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER annual_reports_no_update BEFORE UPDATE ON annual_reports
BEGIN
    SELECT RAISE(ABORT, 'annual report revisions are kept as recorded: record a new revision instead');
END;

CREATE TRIGGER annual_reports_no_delete BEFORE DELETE ON annual_reports
BEGIN
    SELECT RAISE(ABORT, 'annual report revisions are kept as recorded: record a new revision instead');
END;
