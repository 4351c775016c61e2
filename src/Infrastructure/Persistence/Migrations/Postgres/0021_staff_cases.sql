-- Staff work on a case: who it is assigned to (at most one staff member), and internal notes that
-- only staff ever read (never on the public request page, never to the requester). A mail given up
-- can be made sendable again by staff: retried_at starts a new retry window for it.
CREATE TABLE request_assignments (
    request_id   uuid NOT NULL PRIMARY KEY REFERENCES requests (id),
    user_id      uuid NOT NULL REFERENCES users (id),
    assigned_at  timestamptz NOT NULL,
    assigned_by  uuid NOT NULL
);

CREATE INDEX ix_request_assignments_user ON request_assignments (user_id);

CREATE TABLE request_notes (
    id           uuid NOT NULL PRIMARY KEY,
    request_id   uuid NOT NULL REFERENCES requests (id),
    author_id    uuid NOT NULL REFERENCES users (id),
    author_name  text NOT NULL,
    text         text NOT NULL,
    created_at   timestamptz NOT NULL
);

CREATE INDEX ix_request_notes_request ON request_notes (request_id, created_at);

ALTER TABLE mail_outgoing ADD COLUMN retried_at timestamptz NULL;
