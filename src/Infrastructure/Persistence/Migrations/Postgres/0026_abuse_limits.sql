-- Abuse limits counted in the database, so that they hold across restarts and nodes.

-- Failed sign-ins per e-mail address, whether or not an account has it: a lock then says nothing
-- about which addresses have accounts. A run of failures starts again after the lock's length; a
-- success clears the row; rows of runs that ended long ago are deleted as new failures come.
CREATE TABLE sign_in_failures (
    email_normalized  text NOT NULL PRIMARY KEY,
    failed_count      integer NOT NULL CHECK (failed_count >= 1),
    last_failed_at    timestamptz NOT NULL,
    locked_until      timestamptz NULL
);

CREATE INDEX ix_sign_in_failures_last ON sign_in_failures (last_failed_at);

-- Requests an account filed today, counted from the index alone.
CREATE INDEX ix_requests_owner_created ON requests (owner_id, created_at) WHERE owner_id IS NOT NULL;
