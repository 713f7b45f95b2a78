-- The outbox is claimed with a lease, so that of several instances one sends each message;
-- a failed delivery is tried again later and later (next_attempt_at) and given up only after
-- two days (failed_at), visible to support.
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
ALTER TABLE outbox ADD COLUMN failed_at TEXT;
CREATE INDEX outbox_by_notification ON outbox (notification_id);
