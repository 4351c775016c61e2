-- The last day for deciding a complaint (GAC 183: a month, or two when extended) becomes a fact of the
-- request. Statistics read it for every request with a complaint; it was looked up in request_deadlines
-- for each of them, which on PostgreSQL was 0.4 s of a year of every body at a million requests.
-- The writer keeps it with the deadlines; here it is filled for the requests already stored.
ALTER TABLE request_facts ADD COLUMN complaint_decision_due TEXT NULL;

UPDATE request_facts SET complaint_decision_due = (
    SELECT MAX(d.due) FROM request_deadlines d
    WHERE d.request_id = request_facts.request_id AND d.key IN ('complaint_decision', 'complaint_decision_extended'))
WHERE request_id IN (SELECT request_id FROM request_deadlines WHERE key IN ('complaint_decision', 'complaint_decision_extended'));

-- Statistics read every column they need from this one index; it now holds the new fact instead of the
-- request id the lookup needed.
DROP INDEX ix_request_facts_statistics;
CREATE INDEX ix_request_facts_statistics ON request_facts (
    body_key, submitted_on, number, statute_id, answer_due, first_answer_on, first_answer_outcome, withdrawn_on,
    complaint_filed_on, complaint_decided_on, complaint_outcome, complaint_decision_due, court_filed_on, court_decided_on, court_outcome);
