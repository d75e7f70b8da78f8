-- The scheduler takes the earliest due step, ties broken by id (StepRunner). With only (status, due_at) indexed,
-- every step's look-up read and sorted all the steps due at the same instant: 3,003 grant activations due at
-- one midnight cost O(n) each, 8 % of the ledger's CPU under load while they ran (docs/performance.md). With the
-- id in the index, the look-up reads its first entry.
CREATE INDEX ix_scheduled_step_due_id ON scheduled_step (status, due_at, id);
DROP INDEX ix_scheduled_step_due;
