-- A checkpoint's format is part of its key, so that checkpoints of a new format can be written beside older
-- ones. Format 2 adds the holds still alive (for as-of quotas); the format-1 checkpoints, which the code now
-- ignores, are dropped here. Accounts get new checkpoints as their events reach each multiple of
-- ledger.as-of-checkpoint-events, or all at once with POST /api/v1/admin/replay (docs/operations.md); until then an
-- as-of answer of an old account folds its events from the first one: the same answer, read slower.
CREATE TABLE fold_checkpoint_keyed (
    account_id      VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    last_timestamp  VARCHAR(255) NOT NULL,
    format          INTEGER      NOT NULL,
    state           TEXT         NOT NULL,
    PRIMARY KEY (account_id, format, sequence_number)
);
DROP TABLE fold_checkpoint;
ALTER TABLE fold_checkpoint_keyed RENAME TO fold_checkpoint;
