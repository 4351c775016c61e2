-- A request's armed timers and computed deadlines move into its own row (ADR 012): firing a timer
-- then rewrites one row instead of marking one timer, inserting the next ones and upserting a
-- deadline, each with its own indexes and foreign-key checks. The sweep finds and locks due
-- requests by next_due_at, the earliest armed timer. request_timers keeps the history: timers that
-- fired or were disarmed.
ALTER TABLE requests ADD COLUMN workflow text NOT NULL DEFAULT '{"timers":[],"deadlines":[]}';
ALTER TABLE requests ADD COLUMN next_due_at timestamptz NULL;
ALTER TABLE requests ADD COLUMN timeline_seq integer NOT NULL DEFAULT 0;

UPDATE requests SET
    timeline_seq = COALESCE((SELECT MAX(t.seq) FROM timeline t WHERE t.request_id = requests.id), 0),
    next_due_at = (SELECT MIN(t.due_at) FROM request_timers t
                   WHERE t.request_id = requests.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL),
    workflow = jsonb_build_object(
        'timers', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                'id', t.id, 'kind', t.kind, 'stage', t.stage, 'deadline', t.deadline_key, 'due', t.due_at, 'armed', t.created_at))
                            FROM request_timers t
                            WHERE t.request_id = requests.id AND t.fired_at IS NULL AND t.cancelled_at IS NULL), '[]'::jsonb),
        'deadlines', COALESCE((SELECT jsonb_agg(jsonb_build_object(
                                   'key', d.key, 'stage', d.stage, 'event', d.event_date, 'due', d.due, 'paused', d.paused_days,
                                   'statute', d.statute_version, 'calendar', d.calendar_version))
                               FROM request_deadlines d WHERE d.request_id = requests.id), '[]'::jsonb))::text;

DELETE FROM request_timers WHERE fired_at IS NULL AND cancelled_at IS NULL;
DROP INDEX ix_request_timers_due;
DROP TABLE request_deadlines;

CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL;

-- The staff queue's stage index, ordered within a stage and body by when requests entered it: a
-- request moving on leaves a neighbourhood of requests that entered together and joins the end of
-- its new stage, instead of touching two random pages.
DROP INDEX ix_requests_stage;
CREATE INDEX ix_requests_stage ON requests (stage, body_key, stage_entered_at);
