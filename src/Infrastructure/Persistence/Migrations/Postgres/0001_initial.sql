-- Foundation schema; the same tables, columns and constraints as the SQLite script.
CREATE TABLE jurisdictions (
    code        text NOT NULL PRIMARY KEY,
    name_ka     text NOT NULL,
    name_en     text NOT NULL,
    statute_id  text NOT NULL,
    time_zone   text NOT NULL
);

CREATE TABLE public_bodies (
    key                 text NOT NULL PRIMARY KEY,
    jurisdiction        text NOT NULL REFERENCES jurisdictions (code),
    kind                text NOT NULL,
    name_ka             text NOT NULL,
    name_en             text NOT NULL,
    address_ka          text NULL,
    address_en          text NULL,
    website             text NULL,
    foi_email           text NULL,
    foi_email_verified  boolean NOT NULL DEFAULT false,
    parent_key          text NULL,
    complaints_to_key   text NULL,
    court_key           text NULL,
    complaint_basis     text NULL,
    search_text         text NOT NULL
);

CREATE INDEX ix_public_bodies_jurisdiction ON public_bodies (jurisdiction);

CREATE TABLE users (
    id                uuid NOT NULL PRIMARY KEY,
    email             text NOT NULL,
    email_normalized  text NOT NULL UNIQUE,
    display_name      text NOT NULL,
    role              text NOT NULL,
    password_hash     text NOT NULL,
    created_at        timestamptz NOT NULL
);

CREATE INDEX ix_users_role ON users (role);

CREATE TABLE requests (
    id                 uuid NOT NULL PRIMARY KEY,
    number             text NOT NULL UNIQUE,
    body_key           text NOT NULL REFERENCES public_bodies (key),
    statute_id         text NOT NULL,
    statute_version    integer NOT NULL,
    subject            text NOT NULL,
    text               text NOT NULL,
    requester_name     text NOT NULL,
    requester_email    text NULL,
    requester_address  text NULL,
    stage              text NOT NULL,
    created_at         timestamptz NOT NULL,
    submitted_at       timestamptz NULL
);

CREATE INDEX ix_requests_body_submitted ON requests (body_key, submitted_at);

CREATE TABLE request_counters (
    year        integer NOT NULL PRIMARY KEY,
    last_value  bigint NOT NULL
);
