-- The last day for deciding a complaint (GAC 183: a month, or two when extended) becomes a fact of the
-- request. Statistics read it for every request with a complaint; it was looked up in request_deadlines
-- for each of them, which was 0.4 s of a year of every body at a million requests.
-- The writer keeps it with the deadlines; here it is filled for the requests already stored.
ALTER TABLE request_facts ADD COLUMN complaint_decision_due date NULL;

UPDATE request_facts f SET complaint_decision_due = d.due
FROM (SELECT request_id, MAX(due) AS due FROM request_deadlines
      WHERE key IN ('complaint_decision', 'complaint_decision_extended') GROUP BY request_id) d
WHERE d.request_id = f.request_id;

-- Statistics read every column they need from this one index; it now holds the new fact instead of the
-- request id the lookup needed.
DROP INDEX ix_request_facts_statistics;
CREATE INDEX ix_request_facts_statistics ON request_facts (body_key, submitted_on, number)
    INCLUDE (statute_id, answer_due, first_answer_on, first_answer_outcome, withdrawn_on,
             complaint_filed_on, complaint_decided_on, complaint_outcome, complaint_decision_due, court_filed_on, court_decided_on, court_outcome);
