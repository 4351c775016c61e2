-- Incoming mail. Each IMAP message is one row under (mailbox, uid_validity, uid), written in the
-- same transaction as everything it causes, so a message is recorded once or not at all. The raw
-- bytes are kept (headers only for a message over the size limit) so staff can always see what came.
-- classification: reply | auto_reply | bounce | malformed | too_large | unmatched
-- status: matched (filed under its requests) | held (in the holding pen) | assigned (filed by staff)
CREATE TABLE mail_inbound (
    id              uuid NOT NULL PRIMARY KEY,
    mailbox         text NOT NULL,
    uid_validity    bigint NOT NULL,
    uid             bigint NOT NULL,
    raw             bytea NOT NULL,
    raw_sha256      text NOT NULL,
    raw_complete    boolean NOT NULL,
    message_id      text NULL,
    from_address    text NULL,
    subject         text NULL,
    sent_at         timestamptz NULL,
    size            bigint NOT NULL,
    classification  text NOT NULL,
    status          text NOT NULL,
    hold_reason     text NULL,
    note            text NULL,
    received_at     timestamptz NOT NULL,
    assigned_at     timestamptz NULL,
    assigned_by     text NULL,
    UNIQUE (mailbox, uid_validity, uid)
);

CREATE INDEX ix_mail_inbound_status ON mail_inbound (status, received_at);
CREATE INDEX ix_mail_inbound_hash ON mail_inbound (mailbox, raw_sha256);

-- A message filed under a request, and how it was recognised:
-- address_exact | address_retyped | in_reply_to | references | subject_number | bounce_message_id | staff
CREATE TABLE mail_inbound_match (
    inbound_id      uuid NOT NULL REFERENCES mail_inbound (id),
    request_id      uuid NOT NULL REFERENCES requests (id),
    method          text NOT NULL,
    evidence        text NULL,
    matched_at      timestamptz NOT NULL,
    PRIMARY KEY (inbound_id, request_id)
);

CREATE INDEX ix_mail_inbound_match_request ON mail_inbound_match (request_id);

-- Attachments as received: bytes up to the size limit, otherwise null with the reason.
CREATE TABLE mail_inbound_attachment (
    id              uuid NOT NULL PRIMARY KEY,
    inbound_id      uuid NOT NULL REFERENCES mail_inbound (id),
    position        integer NOT NULL,
    file_name       text NULL,
    declared_type   text NOT NULL,
    sniffed_type    text NOT NULL,
    size            bigint NOT NULL,
    sha256          text NOT NULL,
    bytes           bytea NULL,
    refused_reason  text NULL,
    UNIQUE (inbound_id, position)
);

-- Where intake stands in each mailbox: the UIDVALIDITY it read and the highest UID it finished.
-- The intake takes a row lock on it for each message, so two nodes never take the same message.
CREATE TABLE mail_intake_position (
    mailbox         text NOT NULL PRIMARY KEY,
    uid_validity    bigint NOT NULL,
    last_uid        bigint NOT NULL,
    updated_at      timestamptz NOT NULL
);
