-- Public pages at scale. Migration 0022 is already applied where the public pages run, so its
-- indexes come in a migration of their own rather than by changing it.

-- A body's sent requests, newest first, counted and paged from the index alone.
CREATE INDEX ix_requests_body_sent ON requests (body_key, submitted_at, stage);

-- A body's feed reads the timelines of the requests whose stage moved last, not of all its requests.
CREATE INDEX ix_requests_body_stage_entered ON requests (body_key, stage_entered_at);
