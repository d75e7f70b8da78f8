-- The hash chain's backfill of history stored before the chain existed runs once (audit.HashChain): this row
-- records that it ran. After it, no event is ever linked by a backfill again, so a link stripped from a row
-- is a broken chain, not history to link.
CREATE TABLE chain_backfill_run (
    id          INTEGER                  NOT NULL PRIMARY KEY,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    links_added BIGINT                   NOT NULL,
    CONSTRAINT ck_chain_backfill_run_once CHECK (id = 1)
);
