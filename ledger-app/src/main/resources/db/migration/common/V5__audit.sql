-- Repeats of a metered call are answered from metered_request; these columns keep the trail of them
-- (how many, first and last time) for the charge explanation. Not ledger state: nothing is charged.
ALTER TABLE metered_request ADD COLUMN duplicates INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE metered_request ADD COLUMN first_duplicate_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE metered_request ADD COLUMN last_duplicate_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_adjustment_request ON adjustment_view (account_id, request_id);
