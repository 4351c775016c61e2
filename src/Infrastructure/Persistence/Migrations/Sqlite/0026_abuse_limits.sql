-- Abuse limits counted in the database, so that they hold across restarts and nodes.

-- Failed sign-ins per e-mail address, whether or not an account has it: a lock then says nothing
-- about which addresses have accounts. A run of failures starts again after the lock's length; a
-- success clears the row; rows of runs that ended long ago are deleted as new failures come.
CREATE TABLE sign_in_failures (
    email_normalized  TEXT NOT NULL PRIMARY KEY,
    failed_count      INTEGER NOT NULL CHECK (failed_count >= 1),
    last_failed_at    TEXT NOT NULL,
    locked_until      TEXT NULL
) STRICT;

CREATE INDEX ix_sign_in_failures_last ON sign_in_failures (last_failed_at);

-- Requests an account filed today are counted from ix_requests_owner_created (owner, created, number),
-- which 0028 makes for the citizen's own list too.

-- Requesters' e-mail addresses an account gave besides its own, and whether the link mailed to each
-- was opened. Only the SHA-256 of the link's token is kept. Until verified_at is set, mail to the
-- address on the account's requests is held (mail_outgoing.available_at far in the future).
CREATE TABLE account_emails (
    user_id           TEXT NOT NULL REFERENCES users (id),
    email_normalized  TEXT NOT NULL,
    token_hash        TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at        TEXT NOT NULL,
    verified_at       TEXT NULL,
    PRIMARY KEY (user_id, email_normalized)
) STRICT;
