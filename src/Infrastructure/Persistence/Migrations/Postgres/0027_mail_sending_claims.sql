-- Sending claims a mail and commits the claim before the SMTP conversation, then commits the
-- server's acceptance on its own at once, and only then writes the rest (the timeline entry).
-- claimed_at / claimed_by: when and by which process the mail was taken ('sending'); a claim older
-- than Mail:SendingLease was cut short by a crash and the mail is sent again with its Message-ID.
-- resends: how many times that happened to this mail.
-- recorded_at: when what follows an accepted mail was written; NULL on an accepted mail means a
-- crash came between the acceptance and that, and the sender writes it without sending again.
ALTER TABLE mail_outgoing ADD COLUMN claimed_at timestamptz NULL;
ALTER TABLE mail_outgoing ADD COLUMN claimed_by text NULL;
ALTER TABLE mail_outgoing ADD COLUMN resends integer NOT NULL DEFAULT 0;
ALTER TABLE mail_outgoing ADD COLUMN recorded_at timestamptz NULL;

UPDATE mail_outgoing SET recorded_at = sent_at WHERE sent_at IS NOT NULL;

CREATE INDEX ix_mail_outgoing_in_flight ON mail_outgoing (claimed_at)
    WHERE status = 'sending' OR (sent_at IS NOT NULL AND recorded_at IS NULL);
