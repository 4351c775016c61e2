-- Public request pages. A requester's name is shown publicly only when they chose so (default no).
-- Staff may redact personal data from a timeline entry's text for the public: the stored entry
-- stays as it was (the record is never rewritten); the public page shows the redacted text with
-- the stated reason. One redaction per entry: a later one replaces it, keeping who, when and why.
ALTER TABLE requests ADD COLUMN requester_name_public boolean NOT NULL DEFAULT false;

CREATE TABLE timeline_redactions (
    request_id      uuid NOT NULL REFERENCES requests (id),
    seq             integer NOT NULL,
    redacted_text   text NOT NULL,
    reason          text NOT NULL,
    redacted_by     uuid NOT NULL REFERENCES users (id),
    redacted_at     timestamptz NOT NULL,
    PRIMARY KEY (request_id, seq)
);
