-- Facts for statistics and the staff queue, in plain columns next to the request: its legal dates
-- (sent, registered, answer due, overdue, withdrawn, closed), its first substantive answer and the
-- first steps up the ladder with their decisions (request_facts), and each deadline it holds with
-- whether it was met or missed and on which day (request_deadlines). The repository writes them in
-- the same transaction as the timeline; queries read them without JSON functions.
CREATE TABLE request_facts (
    request_id            TEXT NOT NULL PRIMARY KEY REFERENCES requests (id),
    body_key              TEXT NOT NULL,
    statute_id            TEXT NOT NULL,
    submitted_on          TEXT NULL,
    registered_on         TEXT NULL,
    answer_due            TEXT NULL,
    overdue_since         TEXT NULL,
    withdrawn_on          TEXT NULL,
    closed_on             TEXT NULL,
    first_answer_on       TEXT NULL,
    first_answer_outcome  TEXT NULL,
    complaint_filed_on    TEXT NULL,
    complaint_decided_on  TEXT NULL,
    complaint_outcome     TEXT NULL,
    court_filed_on        TEXT NULL,
    court_decided_on      TEXT NULL,
    court_outcome         TEXT NULL
) STRICT;

-- Statistics read a body's requests sent in a period; the staff queue reads requests by how long they are overdue.
CREATE INDEX ix_request_facts_body_submitted ON request_facts (body_key, submitted_on);
CREATE INDEX ix_request_facts_overdue ON request_facts (overdue_since) WHERE overdue_since IS NOT NULL;

CREATE TABLE request_deadlines (
    request_id   TEXT NOT NULL REFERENCES requests (id),
    key          TEXT NOT NULL,
    stage        TEXT NOT NULL,
    from_date    TEXT NOT NULL,
    due          TEXT NOT NULL,
    paused_days  INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'met', 'missed')),
    settled_on   TEXT NULL,
    PRIMARY KEY (request_id, key)
) STRICT, WITHOUT ROWID;

-- The staff queue reads the deadlines still running by their due date.
CREATE INDEX ix_request_deadlines_open_due ON request_deadlines (due, key) WHERE status = 'open';

-- Filling them for the requests already stored. Instants become legal dates in the statute's zone:
-- Georgia keeps UTC+4 all year; for the other statutes the UTC date is taken (no request under them
-- was stored before this version), which may be a day off for an instant near midnight.
CREATE TEMP TABLE request_zone AS
SELECT id, CASE statute_id WHEN 'ge-gac' THEN '+4 hours' ELSE '+0 hours' END AS shift FROM requests;

INSERT INTO request_facts (request_id, body_key, statute_id, submitted_on, registered_on, answer_due, overdue_since, withdrawn_on, closed_on,
    first_answer_on, first_answer_outcome, complaint_filed_on, complaint_decided_on, complaint_outcome, court_filed_on, court_decided_on, court_outcome)
SELECT r.id, r.body_key, r.statute_id,
    date(r.submitted_at, z.shift),
    r.registered_on,
    (SELECT json_extract(d.value, '$.due') FROM json_each(r.workflow, '$.deadlines') d WHERE json_extract(d.value, '$.key') = 'response'),
    r.overdue_since,
    CASE WHEN r.stage = 'withdrawn' THEN date(r.stage_entered_at, z.shift) END,
    CASE WHEN r.stage IN ('withdrawn', 'closed', 'forwarded') THEN date(r.stage_entered_at, z.shift) END,
    (SELECT date(t.at, z.shift) FROM timeline t
     WHERE t.request_id = r.id AND t.kind = 'event:answered' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1),
    (SELECT substr(t.detail, 10, instr(t.detail, '.') - 10) FROM timeline t
     WHERE t.request_id = r.id AND t.kind = 'event:answered' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1),
    -- A complaint or a court claim is the letter it sent: to the body that hears complaints, or to the court.
    (SELECT date(MIN(o.created_at), z.shift) FROM outbox o WHERE o.request_id = r.id AND o.kind = 'letter' AND o.recipient = 'complaint_body'),
    (SELECT date(t.at, z.shift) FROM timeline t
     WHERE t.request_id = r.id AND t.kind LIKE 'event:%' AND t.kind NOT IN ('event:answered', 'event:court_decided') AND t.detail LIKE 'Outcome: %'
     ORDER BY t.seq LIMIT 1),
    (SELECT substr(t.detail, 10, instr(t.detail, '.') - 10) FROM timeline t
     WHERE t.request_id = r.id AND t.kind LIKE 'event:%' AND t.kind NOT IN ('event:answered', 'event:court_decided') AND t.detail LIKE 'Outcome: %'
     ORDER BY t.seq LIMIT 1),
    (SELECT date(MIN(o.created_at), z.shift) FROM outbox o WHERE o.request_id = r.id AND o.kind = 'letter' AND o.recipient = 'court'),
    (SELECT date(t.at, z.shift) FROM timeline t
     WHERE t.request_id = r.id AND t.kind = 'event:court_decided' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1),
    (SELECT substr(t.detail, 10, instr(t.detail, '.') - 10) FROM timeline t
     WHERE t.request_id = r.id AND t.kind = 'event:court_decided' AND t.detail LIKE 'Outcome: %' ORDER BY t.seq LIMIT 1)
FROM requests r JOIN request_zone z ON z.id = r.id;

INSERT INTO request_deadlines (request_id, key, stage, from_date, due, paused_days, status, settled_on)
SELECT r.id, json_extract(d.value, '$.key'), json_extract(d.value, '$.stage'), json_extract(d.value, '$.event'), json_extract(d.value, '$.due'),
    json_extract(d.value, '$.paused'), 'open', NULL
FROM requests r, json_each(r.workflow, '$.deadlines') d;

-- Missed: a timer for the deadline fired after its last day (the request went overdue, a window closed).
UPDATE request_deadlines SET status = 'missed', settled_on = date(due, '+1 day')
WHERE EXISTS (
    SELECT 1 FROM request_timers t JOIN request_zone z ON z.id = t.request_id
    WHERE t.request_id = request_deadlines.request_id AND t.deadline_key = request_deadlines.key AND t.fired_at IS NOT NULL
      AND date(t.due_at, z.shift) > request_deadlines.due);

-- Otherwise settled by the first event since it started that left the stage counting it (not for a
-- pause, a withdrawal or a closing), or that fulfilled it (written reasons, GAC 41; notice of forwarding, GAC 80).
UPDATE request_deadlines SET settled_on = (
    SELECT date(t.at, z.shift) FROM timeline t JOIN request_zone z ON z.id = t.request_id
    WHERE t.request_id = request_deadlines.request_id AND t.kind LIKE 'event:%' AND date(t.at, z.shift) >= request_deadlines.from_date
      AND ((t.from_stage = request_deadlines.stage AND t.to_stage <> t.from_stage AND t.to_stage NOT IN ('awaiting_clarification', 'withdrawn', 'closed'))
           OR (t.kind = 'event:refusal_reasons_received' AND request_deadlines.key = 'refusal_explanation')
           OR (t.kind = 'event:forwarding_notified' AND request_deadlines.key = 'forwarding_notice'))
    ORDER BY t.seq LIMIT 1)
WHERE status = 'open';
UPDATE request_deadlines SET
    status = CASE WHEN settled_on <= due THEN 'met' ELSE 'missed' END,
    settled_on = CASE WHEN settled_on <= due THEN settled_on ELSE date(due, '+1 day') END
WHERE status = 'open' AND settled_on IS NOT NULL;

DROP TABLE request_zone;
