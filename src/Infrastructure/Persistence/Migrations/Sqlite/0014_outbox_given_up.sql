-- An outbox row that fails for a reason no retry can fix (a letter that cannot be rendered, a
-- missing body or template, an unreadable payload) is given up at once: failed_at says when, and
-- last_error why. It leaves the pending index and joins a small one the staff queue reads by request.
ALTER TABLE outbox ADD COLUMN failed_at TEXT NULL;
DROP INDEX ix_outbox_pending;
CREATE INDEX ix_outbox_pending ON outbox (available_at) WHERE dispatched_at IS NULL AND failed_at IS NULL;
CREATE INDEX ix_outbox_given_up ON outbox (request_id) WHERE failed_at IS NOT NULL;
