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

DELETE FROM request_timers WHERE fired_at IS NULL AND cancelled_at IS NULL;
DROP INDEX ix_request_timers_due;
DROP TABLE request_deadlines;

CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL;
