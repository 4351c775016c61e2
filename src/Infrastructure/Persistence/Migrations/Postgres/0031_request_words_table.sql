-- A request's row is written again at every step of its workflow, and a step always changes an indexed
-- column (its stage, its next timer), so every index of requests gets a new entry each time. For the two
-- trigram indexes that meant an entry for every three letters of the subject and of the requester's name,
-- for words that never change after a request is added. They move to a table of their own, written once
-- when a request is added (as SQLite's request_words, migration 0028), and keep their trigram indexes there.
CREATE TABLE request_words (
    request_id uuid PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    subject text NOT NULL,
    requester_name text NOT NULL
);

INSERT INTO request_words (request_id, subject, requester_name)
SELECT id, subject, requester_name FROM requests;

CREATE INDEX ix_request_words_subject ON request_words USING gin (subject gin_trgm_ops);
CREATE INDEX ix_request_words_requester ON request_words USING gin (requester_name gin_trgm_ops);

CREATE FUNCTION request_words_of_added_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO request_words (request_id, subject, requester_name) VALUES (NEW.id, NEW.subject, NEW.requester_name);
    RETURN NULL;
END;
$$;

CREATE TRIGGER tr_requests_words AFTER INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION request_words_of_added_request();

DROP INDEX ix_requests_subject_words;
DROP INDEX ix_requests_requester_words;

-- (body_key, submitted_at) leads ix_requests_body_sent (migration 0024), which answers everything it did.
DROP INDEX ix_requests_body_submitted;
