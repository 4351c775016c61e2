-- Incoming mail. Each IMAP message is one row under (mailbox, uid_validity, uid), written in the
-- same transaction as everything it causes, so a message is recorded once or not at all. The raw
-- bytes are kept (headers only for a message over the size limit) so staff can always see what came.
-- classification: reply | auto_reply | bounce | malformed | too_large | unmatched
-- status: matched (filed under its requests) | held (in the holding pen) | assigned (filed by staff)
CREATE TABLE mail_inbound (
    id              TEXT NOT NULL PRIMARY KEY,
    mailbox         TEXT NOT NULL,
    uid_validity    INTEGER NOT NULL,
    uid             INTEGER NOT NULL,
    raw             BLOB NOT NULL,
    raw_sha256      TEXT NOT NULL,
    raw_complete    INTEGER NOT NULL,
    message_id      TEXT NULL,
    from_address    TEXT NULL,
    subject         TEXT NULL,
    sent_at         TEXT NULL,
    size            INTEGER NOT NULL,
    classification  TEXT NOT NULL,
    status          TEXT NOT NULL,
    hold_reason     TEXT NULL,
    note            TEXT NULL,
    received_at     TEXT NOT NULL,
    assigned_at     TEXT NULL,
    assigned_by     TEXT NULL,
    UNIQUE (mailbox, uid_validity, uid)
) STRICT;

CREATE INDEX ix_mail_inbound_status ON mail_inbound (status, received_at);
CREATE INDEX ix_mail_inbound_hash ON mail_inbound (mailbox, raw_sha256);

-- A message filed under a request, and how it was recognised:
-- address_exact | address_retyped | in_reply_to | references | subject_number | bounce_message_id | staff
CREATE TABLE mail_inbound_match (
    inbound_id      TEXT NOT NULL REFERENCES mail_inbound (id),
    request_id      TEXT NOT NULL REFERENCES requests (id),
    method          TEXT NOT NULL,
    evidence        TEXT NULL,
    matched_at      TEXT NOT NULL,
    PRIMARY KEY (inbound_id, request_id)
) STRICT;

CREATE INDEX ix_mail_inbound_match_request ON mail_inbound_match (request_id);

-- Attachments as received: bytes up to the size limit, otherwise null with the reason.
CREATE TABLE mail_inbound_attachment (
    id              TEXT NOT NULL PRIMARY KEY,
    inbound_id      TEXT NOT NULL REFERENCES mail_inbound (id),
    position        INTEGER NOT NULL,
    file_name       TEXT NULL,
    declared_type   TEXT NOT NULL,
    sniffed_type    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    bytes           BLOB NULL,
    refused_reason  TEXT NULL,
    UNIQUE (inbound_id, position)
) STRICT;

-- Where intake stands in each mailbox: the UIDVALIDITY it read and the highest UID it finished.
-- The intake takes a row lock on it for each message, so two nodes never take the same message.
CREATE TABLE mail_intake_position (
    mailbox         TEXT NOT NULL PRIMARY KEY,
    uid_validity    INTEGER NOT NULL,
    last_uid        INTEGER NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
