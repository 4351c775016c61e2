-- Password resets by a mailed link. Only the SHA-256 of the link's token is kept, so reading this
-- table (or a backup of it) does not let anyone reset a password. A reset is single-use (used_at)
-- and expires; an account's other open resets are closed when one is used.
CREATE TABLE password_resets (
    token_hash  text NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id     uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz NULL
);

CREATE INDEX ix_password_resets_user ON password_resets (user_id);
