-- A test event (POST /api/v1/webhooks/{id}/test) of a ledger-wide subscription concerns no account: its
-- notification has none. Every other notification still names its account.
ALTER TABLE webhook_notification ALTER COLUMN account_id DROP NOT NULL;
