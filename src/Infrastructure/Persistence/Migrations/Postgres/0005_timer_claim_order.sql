-- The sweep claims armed timers ORDER BY due_at, id. Timers computed from legal dates share
-- their due instant (the start of a day), so with an index on due_at alone every claim read and
-- sorted all the timers due at that instant before taking its batch. With id in the index the
-- claim walks the index in claim order and stops after its batch. Same partial predicate: fired
-- and cancelled timers still drop out.
DROP INDEX ix_request_timers_due;
CREATE INDEX ix_request_timers_due ON request_timers (due_at, id) WHERE fired_at IS NULL AND cancelled_at IS NULL;
