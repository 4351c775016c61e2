-- People who follow a request: each gets a mail when its stage changes. The step that changes the
-- stage writes an outbox row in its own transaction, so a follower's mail is never lost or doubled.
CREATE TABLE request_followers (
    request_id  TEXT NOT NULL REFERENCES requests (id),
    user_id     TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (request_id, user_id)
) STRICT, WITHOUT ROWID;

-- A person's own follows ("am I following this?") are read by user.
CREATE INDEX ix_request_followers_user ON request_followers (user_id, request_id);

-- An answer the body gave outside the service (on paper, by hand, by a mail the service did not
-- receive), recorded by the requester or staff: its pasted text and/or the uploaded file, checked
-- for its size and type before it is stored.
CREATE TABLE request_answers (
    id            TEXT NOT NULL PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES requests (id),
    answered_on   TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    text          TEXT NULL,
    file_name     TEXT NULL,
    content_type  TEXT NULL,
    size          INTEGER NULL,
    sha256        TEXT NULL,
    bytes         BLOB NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    CHECK (text IS NOT NULL OR bytes IS NOT NULL)
) STRICT;

CREATE INDEX ix_request_answers_request ON request_answers (request_id, recorded_at);
