-- A person's own requests are listed newest first. With the owner alone indexed, a planner that guessed the
-- owner has many requests could walk every request newest first looking for theirs (a million for someone with
-- none); with the order in the same index, the page is read from it directly whatever the guess.
CREATE INDEX ix_requests_owner_created ON requests (owner_id, created_at, number);
DROP INDEX ix_requests_owner;

-- Staff look for words of a subject or a requester's name in every request, not only the latest ones. A
-- trigram full-text table finds any piece of three or more letters (Georgian included), as LIKE '%words%'
-- would, without reading every row. It keeps no copy of the texts, only the request's id beside their
-- trigrams; its rowid follows the order requests are added in, so the latest matches come first. A request's
-- subject and name never change after it is added, so the insert alone keeps it in step.
CREATE VIRTUAL TABLE request_words USING fts5(
    request_id UNINDEXED, subject, requester_name, content = '', contentless_unindexed = 1, tokenize = 'trigram');

CREATE TRIGGER tr_requests_words AFTER INSERT ON requests
BEGIN
    INSERT INTO request_words (request_id, subject, requester_name) VALUES (new.id, new.subject, new.requester_name);
END;

INSERT INTO request_words (request_id, subject, requester_name)
SELECT id, subject, requester_name FROM requests ORDER BY created_at, number;
