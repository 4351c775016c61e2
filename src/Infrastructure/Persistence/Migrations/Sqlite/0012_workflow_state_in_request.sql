-- A request's armed timers and computed deadlines move into its own row (ADR 012): firing a timer
-- then rewrites one row instead of marking one timer, inserting the next ones and upserting a
-- deadline, each with its own indexes. The sweep finds due requests by next_due_at, the earliest
-- armed timer. request_timers keeps the history: timers that fired or were disarmed.
ALTER TABLE requests ADD COLUMN workflow TEXT NOT NULL DEFAULT '{"timers":[],"deadlines":[]}';
ALTER TABLE requests ADD COLUMN next_due_at TEXT NULL;
ALTER TABLE requests ADD COLUMN timeline_seq INTEGER NOT NULL DEFAULT 0;

UPDATE requests SET
    timeline_seq = COALESCE((SELECT MAX(t.seq) FROM timeline t WHERE t.request_id = requests.id), 0),
    next_due_at = (SELECT MIN(t.due_at) FROM request_timers t
                   WHERE t.request_id = requests.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL),
    workflow = json_object(
        'timers', (SELECT json_group_array(json_object(
                       'id', t.id, 'kind', t.kind, 'stage', t.stage, 'deadline', t.deadline_key, 'due', t.due_at, 'armed', t.created_at))
                   FROM request_timers t
                   WHERE t.request_id = requests.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL),
        'deadlines', (SELECT json_group_array(json_object(
                          'key', d.key, 'stage', d.stage, 'event', d.event_date, 'due', d.due, 'paused', d.paused_days,
                          'statute', d.statute_version, 'calendar', d.calendar_version))
                      FROM request_deadlines d WHERE d.request_id = requests.id));

-- The history is only ever read per request: clustered by (request, id), one B-tree and no
-- separate index, so a fired timer's history row costs one page of the request's neighbourhood.
CREATE TABLE request_timers_history (
    request_id    TEXT NOT NULL REFERENCES requests (id),
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    stage         TEXT NOT NULL,
    deadline_key  TEXT NULL,
    due_at        TEXT NOT NULL,
    fired_at      TEXT NULL,
    cancelled_at  TEXT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (request_id, id)
) STRICT, WITHOUT ROWID;
INSERT INTO request_timers_history (request_id, id, kind, stage, deadline_key, due_at, fired_at, cancelled_at, created_at)
SELECT request_id, id, kind, stage, deadline_key, due_at, fired_at, cancelled_at, created_at
FROM request_timers WHERE fired_at IS NOT NULL OR cancelled_at IS NOT NULL;
DROP TABLE request_timers;
ALTER TABLE request_timers_history RENAME TO request_timers;
DROP TABLE request_deadlines;

CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL;

-- The staff queue's stage index, ordered within a stage and body by when requests entered it: a
-- request moving on leaves a neighbourhood of requests that entered together and joins the end of
-- its new stage, instead of touching two random pages.
DROP INDEX ix_requests_stage;
CREATE INDEX ix_requests_stage ON requests (stage, body_key, stage_entered_at);
