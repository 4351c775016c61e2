-- A person's own requests are listed newest first. With the owner alone indexed, a planner that guessed the
-- owner has many requests could walk every request newest first looking for theirs (a million for someone with
-- none); with the order in the same index, the page is read from it directly whatever the guess.
CREATE INDEX ix_requests_owner_created ON requests (owner_id, created_at, number);
DROP INDEX ix_requests_owner;

-- Staff look for words of a subject or a requester's name in every request, not only the latest ones: a
-- trigram index answers ILIKE '%words%' (Georgian included) without reading every row. pg_trgm comes with
-- PostgreSQL and a database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_requests_subject_words ON requests USING gin (subject gin_trgm_ops);
CREATE INDEX ix_requests_requester_words ON requests USING gin (requester_name gin_trgm_ops);
