-- (body_key, submitted_at) leads ix_requests_body_sent (migration 0024), which answers everything it did, and
-- every write of a request's row kept both. (PostgreSQL's words move to a table of their own in this
-- migration; SQLite's have been in one since migration 0028.)
DROP INDEX ix_requests_body_submitted;
