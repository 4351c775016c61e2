-- Public request pages. A requester's name is shown publicly only when they chose so (default no).
-- Staff may redact personal data from a timeline entry's text for the public: the stored entry
-- stays as it was (the record is never rewritten); the public page shows the redacted text with
-- the stated reason. One redaction per entry: a later one replaces it, keeping who, when and why.
ALTER TABLE requests ADD COLUMN requester_name_public INTEGER NOT NULL DEFAULT 0;

CREATE TABLE timeline_redactions (
    request_id      TEXT NOT NULL REFERENCES requests (id),
    seq             INTEGER NOT NULL,
    redacted_text   TEXT NOT NULL,
    reason          TEXT NOT NULL,
    redacted_by     TEXT NOT NULL REFERENCES users (id),
    redacted_at     TEXT NOT NULL,
    PRIMARY KEY (request_id, seq)
) STRICT;
