-- The daily staff digest lists the staff notices the outbox handed over since the previous digest.
CREATE INDEX ix_outbox_staff_notices ON outbox (dispatched_at) WHERE kind = 'notify' AND recipient = 'staff';
