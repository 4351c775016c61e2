-- The staff queue lists the cases still open (no closing or withdrawal date) overdue first, the longest
-- overdue first, then by the next deadline still running, then by number. The next deadline becomes a
-- fact of its own (next_due, written with the request's deadlines), and the order is an index over
-- expressions that are never NULL, the same as SQLite's (whose indexes put NULLs first): an empty date
-- reads as the last day there is. The queries say the same expressions, word for word.
ALTER TABLE request_facts ADD COLUMN next_due date NULL;

UPDATE request_facts f SET next_due = d.due
FROM (SELECT request_id, MIN(due) AS due FROM request_deadlines WHERE status = 'open' GROUP BY request_id) d
WHERE d.request_id = f.request_id;

-- The request's id and the dates the expressions are made of ride along, so that a count or a page far
-- down the queue is read from the index alone (PostgreSQL reads an expression's columns, not the expression).
CREATE INDEX ix_request_facts_queue ON request_facts (
    (COALESCE(overdue_since, '9999-12-31')), (COALESCE(next_due, '9999-12-31')), number) INCLUDE (request_id, overdue_since, next_due) WHERE closed_on IS NULL;
CREATE INDEX ix_request_facts_queue_body ON request_facts (
    body_key, (COALESCE(overdue_since, '9999-12-31')), (COALESCE(next_due, '9999-12-31')), number) INCLUDE (request_id, overdue_since, next_due) WHERE closed_on IS NULL;

-- The queue's cases with mail problems are found from the mails that failed or bounced (few) and the
-- effects given up (already indexed so), not by asking of every open case.
CREATE INDEX ix_mail_outgoing_problems ON mail_outgoing (request_id) WHERE status IN ('failed', 'bounced');

-- The queue read overdue requests through this one; nothing else does.
DROP INDEX ix_request_facts_overdue;

-- Words are looked for among the latest requests only (a few thousand, each read in full): a citizen's
-- among the body's, before filing a similar one; staff's in the queue among all, or the chosen body's.
-- These indexes read them newest first.
CREATE INDEX ix_requests_body_created ON requests (body_key, created_at, number);
CREATE INDEX ix_requests_created ON requests (created_at, number);
