-- Facts for statistics and the staff queue, in plain columns next to the request: its legal dates
-- (sent, registered, answer due, overdue, withdrawn, closed), its first substantive answer and the
-- first steps up the ladder with their decisions (request_facts), and each deadline it holds with
-- whether it was met or missed and on which day (request_deadlines). The repository writes them in
-- the same transaction as the timeline; queries read them without JSON functions.
CREATE TABLE request_facts (
    request_id            uuid NOT NULL PRIMARY KEY REFERENCES requests (id),
    body_key              text NOT NULL,
    statute_id            text NOT NULL,
    submitted_on          date NULL,
    registered_on         date NULL,
    answer_due            date NULL,
    overdue_since         date NULL,
    withdrawn_on          date NULL,
    closed_on             date NULL,
    first_answer_on       date NULL,
    first_answer_outcome  text NULL,
    complaint_filed_on    date NULL,
    complaint_decided_on  date NULL,
    complaint_outcome     text NULL,
    court_filed_on        date NULL,
    court_decided_on      date NULL,
    court_outcome         text NULL
);

-- Statistics read a body's requests sent in a period; the staff queue reads requests by how long they are overdue.
CREATE INDEX ix_request_facts_body_submitted ON request_facts (body_key, submitted_on);
CREATE INDEX ix_request_facts_overdue ON request_facts (overdue_since) WHERE overdue_since IS NOT NULL;

CREATE TABLE request_deadlines (
    request_id   uuid NOT NULL REFERENCES requests (id),
    key          text NOT NULL,
    stage        text NOT NULL,
    from_date    date NOT NULL,
    due          date NOT NULL,
    paused_days  integer NOT NULL,
    status       text NOT NULL CHECK (status IN ('open', 'met', 'missed')),
    settled_on   date NULL,
    PRIMARY KEY (request_id, key)
);

-- The staff queue reads the deadlines still running by their due date.
CREATE INDEX ix_request_deadlines_open_due ON request_deadlines (due, key) WHERE status = 'open';

-- Filling them for the requests already stored. Instants become legal dates in the statute's zone:
-- Georgia keeps UTC+4 all year; for the other statutes the UTC date is taken (no request under them
-- was stored before this version), as on SQLite, so both databases hold the same facts.
CREATE TEMP TABLE request_zone AS
SELECT id, CASE statute_id WHEN 'ge-gac' THEN interval '4 hours' ELSE interval '0 hours' END AS shift FROM requests;

INSERT INTO request_facts (request_id, body_key, statute_id, submitted_on, registered_on, answer_due, overdue_since, withdrawn_on, closed_on,
    first_answer_on, first_answer_outcome, complaint_filed_on, complaint_decided_on, complaint_outcome, court_filed_on, court_decided_on, court_outcome)
SELECT r.id, r.body_key, r.statute_id,
    ((r.submitted_at AT TIME ZONE 'UTC') + z.shift)::date,
    r.registered_on,
    (SELECT (d.value ->> 'due')::date FROM jsonb_array_elements(r.workflow::jsonb -> 'deadlines') AS d(value) WHERE d.value ->> 'key' = 'response'),
    r.overdue_since,
    CASE WHEN r.stage = 'withdrawn' THEN ((r.stage_entered_at AT TIME ZONE 'UTC') + z.shift)::date END,
    CASE WHEN r.stage IN ('withdrawn', 'closed', 'forwarded') THEN ((r.stage_entered_at AT TIME ZONE 'UTC') + z.shift)::date END,
    answer.on_date, answer.outcome,
    -- A complaint or a court claim is the letter it sent: to the body that hears complaints, or to the court.
    (SELECT ((MIN(o.created_at) AT TIME ZONE 'UTC') + z.shift)::date FROM outbox o
     WHERE o.request_id = r.id AND o.kind = 'letter' AND o.recipient = 'complaint_body'),
    complaint.on_date, complaint.outcome,
    (SELECT ((MIN(o.created_at) AT TIME ZONE 'UTC') + z.shift)::date FROM outbox o
     WHERE o.request_id = r.id AND o.kind = 'letter' AND o.recipient = 'court'),
    court.on_date, court.outcome
FROM requests r
JOIN request_zone z ON z.id = r.id
LEFT JOIN LATERAL (
    SELECT ((t.at AT TIME ZONE 'UTC') + z.shift)::date AS on_date, substring(t.detail FROM 'Outcome: ([^.]*)\.') AS outcome FROM timeline t
    WHERE t.request_id = r.id AND t.kind = 'event:answered' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1) answer ON true
LEFT JOIN LATERAL (
    SELECT ((t.at AT TIME ZONE 'UTC') + z.shift)::date AS on_date, substring(t.detail FROM 'Outcome: ([^.]*)\.') AS outcome FROM timeline t
    WHERE t.request_id = r.id AND t.kind LIKE 'event:%' AND t.kind NOT IN ('event:answered', 'event:court_decided') AND t.detail LIKE 'Outcome: %'
    ORDER BY t.seq LIMIT 1) complaint ON true
LEFT JOIN LATERAL (
    SELECT ((t.at AT TIME ZONE 'UTC') + z.shift)::date AS on_date, substring(t.detail FROM 'Outcome: ([^.]*)\.') AS outcome FROM timeline t
    WHERE t.request_id = r.id AND t.kind = 'event:court_decided' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1) court ON true;

INSERT INTO request_deadlines (request_id, key, stage, from_date, due, paused_days, status, settled_on)
SELECT r.id, d.value ->> 'key', d.value ->> 'stage', (d.value ->> 'event')::date, (d.value ->> 'due')::date, (d.value ->> 'paused')::integer, 'open', NULL
FROM requests r, jsonb_array_elements(r.workflow::jsonb -> 'deadlines') AS d(value);

-- Missed: a timer for the deadline fired after its last day (the request went overdue, a window closed).
UPDATE request_deadlines SET status = 'missed', settled_on = due + 1
WHERE EXISTS (
    SELECT 1 FROM request_timers t JOIN request_zone z ON z.id = t.request_id
    WHERE t.request_id = request_deadlines.request_id AND t.deadline_key = request_deadlines.key AND t.fired_at IS NOT NULL
      AND ((t.due_at AT TIME ZONE 'UTC') + z.shift)::date > request_deadlines.due);

-- Otherwise settled by the first event since it started that left the stage counting it (not for a
-- pause, a withdrawal or a closing), or that fulfilled it (written reasons, GAC 41; notice of forwarding, GAC 80).
UPDATE request_deadlines SET settled_on = (
    SELECT ((t.at AT TIME ZONE 'UTC') + z.shift)::date FROM timeline t JOIN request_zone z ON z.id = t.request_id
    WHERE t.request_id = request_deadlines.request_id AND t.kind LIKE 'event:%' AND ((t.at AT TIME ZONE 'UTC') + z.shift)::date >= request_deadlines.from_date
      AND ((t.from_stage = request_deadlines.stage AND t.to_stage <> t.from_stage AND t.to_stage NOT IN ('awaiting_clarification', 'withdrawn', 'closed'))
           OR (t.kind = 'event:refusal_reasons_received' AND request_deadlines.key = 'refusal_explanation')
           OR (t.kind = 'event:forwarding_notified' AND request_deadlines.key = 'forwarding_notice'))
    ORDER BY t.seq LIMIT 1)
WHERE status = 'open';
UPDATE request_deadlines SET
    status = CASE WHEN settled_on <= due THEN 'met' ELSE 'missed' END,
    settled_on = CASE WHEN settled_on <= due THEN settled_on ELSE due + 1 END
WHERE status = 'open' AND settled_on IS NOT NULL;

DROP TABLE request_zone;
