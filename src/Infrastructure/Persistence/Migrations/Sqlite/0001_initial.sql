-- Foundation schema. Instants are ISO-8601 UTC text (sortable), legal dates yyyy-MM-dd text,
-- ids are canonical GUID text. STRICT tables reject a value of the wrong type.
CREATE TABLE jurisdictions (
    code        TEXT NOT NULL PRIMARY KEY,
    name_ka     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    statute_id  TEXT NOT NULL,
    time_zone   TEXT NOT NULL
) STRICT;

CREATE TABLE public_bodies (
    key                 TEXT NOT NULL PRIMARY KEY,
    jurisdiction        TEXT NOT NULL REFERENCES jurisdictions (code),
    kind                TEXT NOT NULL,
    name_ka             TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    address_ka          TEXT NULL,
    address_en          TEXT NULL,
    website             TEXT NULL,
    foi_email           TEXT NULL,
    foi_email_verified  INTEGER NOT NULL DEFAULT 0,
    parent_key          TEXT NULL,
    complaints_to_key   TEXT NULL,
    court_key           TEXT NULL,
    complaint_basis     TEXT NULL,
    search_text         TEXT NOT NULL
) STRICT;

CREATE INDEX ix_public_bodies_jurisdiction ON public_bodies (jurisdiction);

CREATE TABLE users (
    id                TEXT NOT NULL PRIMARY KEY,
    email             TEXT NOT NULL,
    email_normalized  TEXT NOT NULL UNIQUE,
    display_name      TEXT NOT NULL,
    role              TEXT NOT NULL,
    password_hash     TEXT NOT NULL,
    created_at        TEXT NOT NULL
) STRICT;

CREATE INDEX ix_users_role ON users (role);

CREATE TABLE requests (
    id                 TEXT NOT NULL PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE,
    body_key           TEXT NOT NULL REFERENCES public_bodies (key),
    statute_id         TEXT NOT NULL,
    statute_version    INTEGER NOT NULL,
    subject            TEXT NOT NULL,
    text               TEXT NOT NULL,
    requester_name     TEXT NOT NULL,
    requester_email    TEXT NULL,
    requester_address  TEXT NULL,
    stage              TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    submitted_at       TEXT NULL
) STRICT;

CREATE INDEX ix_requests_body_submitted ON requests (body_key, submitted_at);

CREATE TABLE request_counters (
    year        INTEGER NOT NULL PRIMARY KEY,
    last_value  INTEGER NOT NULL
) STRICT;
