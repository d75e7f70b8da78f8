-- As-of answers (quota and statements as they stood at an instant, dispute reports) start from the nearest
-- checkpoint of an account's events instead of its first event: every ledger.as-of-checkpoint-events events
-- of an account, the fold of its events up to then (audit.LedgerFold) is kept here, with the recorded time
-- of its last event. A cache of what the events say, never edited: a replay leaves it, a checkpoint of
-- another format is ignored. Its rows also tell which sequence numbers a time range spans.
CREATE TABLE fold_checkpoint (
    account_id      VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    last_timestamp  VARCHAR(255) NOT NULL,
    format          INTEGER      NOT NULL,
    state           TEXT         NOT NULL,
    PRIMARY KEY (account_id, sequence_number)
);
