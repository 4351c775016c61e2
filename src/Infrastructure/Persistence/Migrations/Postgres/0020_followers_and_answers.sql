-- People who follow a request: each gets a mail when its stage changes. The step that changes the
-- stage writes an outbox row in its own transaction, so a follower's mail is never lost or doubled.
CREATE TABLE request_followers (
    request_id  uuid NOT NULL REFERENCES requests (id),
    user_id     uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (request_id, user_id)
);

-- A person's own follows ("am I following this?") are read by user.
CREATE INDEX ix_request_followers_user ON request_followers (user_id, request_id);

-- An answer the body gave outside the service (on paper, by hand, by a mail the service did not
-- receive), recorded by the requester or staff: its pasted text and/or the uploaded file, checked
-- for its size and type before it is stored.
CREATE TABLE request_answers (
    id            uuid NOT NULL PRIMARY KEY,
    request_id    uuid NOT NULL REFERENCES requests (id),
    answered_on   date NOT NULL,
    outcome       text NOT NULL,
    text          text NULL,
    file_name     text NULL,
    content_type  text NULL,
    size          bigint NULL,
    sha256        text NULL,
    bytes         bytea NULL,
    recorded_by   text NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CHECK (text IS NOT NULL OR bytes IS NOT NULL)
);

CREATE INDEX ix_request_answers_request ON request_answers (request_id, recorded_at);
