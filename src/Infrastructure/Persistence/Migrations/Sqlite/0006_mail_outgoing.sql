-- Outgoing mail: one row per message. The outbox dispatcher writes it in the transaction that
-- records the effect; the sender takes one row at a time and marks it sent in its own transaction.
-- message_id is fixed when the row is written, so a message re-sent after a crash carries the same one.
-- attachments is a JSON array of letter ids.
CREATE TABLE mail_outgoing (
    id              TEXT NOT NULL PRIMARY KEY,
    dedup_key       TEXT NOT NULL UNIQUE,
    request_id      TEXT NULL REFERENCES requests (id),
    kind            TEXT NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,
    from_address    TEXT NOT NULL,
    to_address      TEXT NOT NULL,
    reply_to        TEXT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    language        TEXT NOT NULL,
    attachments     TEXT NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    available_at    TEXT NOT NULL,
    sent_at         TEXT NULL,
    last_error      TEXT NULL,
    transport_ref   TEXT NULL
) STRICT;

CREATE INDEX ix_mail_outgoing_pending ON mail_outgoing (available_at) WHERE status = 'pending';
CREATE INDEX ix_mail_outgoing_request ON mail_outgoing (request_id, created_at);
