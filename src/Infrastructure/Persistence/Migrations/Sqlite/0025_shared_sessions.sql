-- Sessions every node accepts: the keys that protect bearer tokens and the pages' cookie live in
-- the database all nodes share (before, each node kept them in its own data folder). A key is an
-- XML element as ASP.NET Core Data Protection writes it; its name ("key-<id>") is unique.
CREATE TABLE data_protection_keys (
    name        TEXT NOT NULL PRIMARY KEY,
    xml         TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- Changes when the password or the role changes; tokens and cookies carry the value they were
-- issued with, and one that no longer matches is refused. Empty for accounts from before.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
