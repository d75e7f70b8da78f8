-- A requestId binds its content (billing rules §9): the same id with another service, occurredAt or
-- result code is refused, not answered as a repeat. The idempotency row keeps that content. Rows written
-- before this migration get it from their CallMetered events (V9, a Java migration).
ALTER TABLE metered_request ADD COLUMN service VARCHAR(64);
ALTER TABLE metered_request ADD COLUMN occurred_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE metered_request ADD COLUMN result_code VARCHAR(64);
