-- Password resets by a mailed link. Only the SHA-256 of the link's token is kept, so reading this
-- table (or a backup of it) does not let anyone reset a password. A reset is single-use (used_at)
-- and expires; an account's other open resets are closed when one is used.
CREATE TABLE password_resets (
    token_hash  TEXT NOT NULL PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id     TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT NULL
) STRICT;

CREATE INDEX ix_password_resets_user ON password_resets (user_id);
