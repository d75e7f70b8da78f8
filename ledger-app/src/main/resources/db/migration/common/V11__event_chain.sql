-- Tamper evidence (docs/audit.md, "The hash chain"). Each event's link of its account's hash chain is written
-- into its own metadata (chainHash) as it is appended. Events stored before the chain existed get theirs
-- here, computed once from the stored rows (audit.HashChain's backfill): it cannot prove what happened to
-- them before that, only that nothing changed since.
CREATE TABLE event_chain_backfill (
    account_id      VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    hash            VARCHAR(64)  NOT NULL,
    PRIMARY KEY (account_id, sequence_number)
);
-- A closed statement carries the digest of its account at its close: the StatementClosed event's own link.
ALTER TABLE statement_view ADD COLUMN close_sequence BIGINT;
ALTER TABLE statement_view ADD COLUMN close_hash VARCHAR(64);
