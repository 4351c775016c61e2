-- A person's own requests are listed newest first. With the owner alone indexed, a planner that guessed the
-- owner has many requests could walk every request newest first looking for theirs (a million for someone with
-- none); with the order in the same index, the page is read from it directly whatever the guess.
CREATE INDEX ix_requests_owner_created ON requests (owner_id, created_at, number);
DROP INDEX ix_requests_owner;
