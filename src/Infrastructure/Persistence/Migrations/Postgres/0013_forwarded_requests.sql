-- A request shows the requests opened from it by forwarding (GAC 80). Few requests are forwarded,
-- so the index holds only those rows and costs nothing on the rest.
CREATE INDEX ix_requests_forwarded_from ON requests (forwarded_from) WHERE forwarded_from IS NOT NULL;
