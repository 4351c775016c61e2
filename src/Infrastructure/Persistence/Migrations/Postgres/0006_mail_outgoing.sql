-- Outgoing mail: one row per message. The outbox dispatcher writes it in the transaction that
-- records the effect; the sender takes one row at a time and marks it sent in its own transaction.
-- message_id is fixed when the row is written, so a message re-sent after a crash carries the same one.
-- attachments is a JSON array of letter ids.
CREATE TABLE mail_outgoing (
    id              uuid NOT NULL PRIMARY KEY,
    dedup_key       text NOT NULL UNIQUE,
    request_id      uuid NULL REFERENCES requests (id),
    kind            text NOT NULL,
    message_id      text NOT NULL UNIQUE,
    from_address    text NOT NULL,
    to_address      text NOT NULL,
    reply_to        text NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    language        text NOT NULL,
    attachments     text NOT NULL,
    status          text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    available_at    timestamptz NOT NULL,
    sent_at         timestamptz NULL,
    last_error      text NULL,
    transport_ref   text NULL
);

CREATE INDEX ix_mail_outgoing_pending ON mail_outgoing (available_at) WHERE status = 'pending';
CREATE INDEX ix_mail_outgoing_request ON mail_outgoing (request_id, created_at);
