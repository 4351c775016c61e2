-- Published statistics snapshots and the GAC Art 49 annual-report figures bodies reported.
-- Both are append-only: a snapshot is cited by its id and the SHA-256 of its content, so it must
-- never change; a correction is a new snapshot naming the one it replaces. An annual report's
-- correction is a new revision, so the figures recorded earlier stay readable. Triggers refuse
-- every UPDATE, DELETE and TRUNCATE, whichever code (or person) tries it.
CREATE TABLE statistics_snapshots (
    id                  text NOT NULL PRIMARY KEY,
    period              text NOT NULL,
    period_from         date NOT NULL,
    period_until        date NOT NULL,
    as_of               date NOT NULL,
    statute_id          text NOT NULL,
    statute_version     integer NOT NULL,
    calendar_id         text NOT NULL,
    calendar_version    integer NOT NULL,
    methodology_version text NOT NULL,
    published_by        uuid NOT NULL REFERENCES users (id),
    published_by_name   text NOT NULL,
    published_at        timestamptz NOT NULL,
    content             bytea NOT NULL,
    content_sha256      text NOT NULL CHECK (length(content_sha256) = 64),
    replaces            text NULL UNIQUE REFERENCES statistics_snapshots (id)
);

CREATE INDEX ix_statistics_snapshots_published ON statistics_snapshots (published_at);

CREATE TABLE annual_reports (
    body_key            text NOT NULL REFERENCES public_bodies (key),
    year                integer NOT NULL,
    revision            integer NOT NULL CHECK (revision >= 1),
    requests_received   integer NULL CHECK (requests_received >= 0),
    granted             integer NULL CHECK (granted >= 0),
    partly_granted      integer NULL CHECK (partly_granted >= 0),
    refused             integer NULL CHECK (refused >= 0),
    forwarded           integer NULL CHECK (forwarded >= 0),
    appeals             integer NULL CHECK (appeals >= 0),
    costs_tetri         bigint NULL CHECK (costs_tetri >= 0),
    published_on        date NULL,
    source              text NOT NULL,
    note                text NULL,
    recorded_by         uuid NOT NULL REFERENCES users (id),
    recorded_by_name    text NOT NULL,
    recorded_at         timestamptz NOT NULL,
    PRIMARY KEY (body_key, year, revision)
);

CREATE FUNCTION refuse_change_to_kept_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are kept as recorded: add a new row (a correction or a revision) instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER statistics_snapshots_immutable BEFORE UPDATE OR DELETE ON statistics_snapshots
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_kept_rows();
CREATE TRIGGER statistics_snapshots_no_truncate BEFORE TRUNCATE ON statistics_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_kept_rows();
CREATE TRIGGER annual_reports_immutable BEFORE UPDATE OR DELETE ON annual_reports
    FOR EACH ROW EXECUTE FUNCTION refuse_change_to_kept_rows();
CREATE TRIGGER annual_reports_no_truncate BEFORE TRUNCATE ON annual_reports
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_kept_rows();
