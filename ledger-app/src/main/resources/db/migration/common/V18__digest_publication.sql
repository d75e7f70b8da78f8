-- The daily publication of every account's chain head (schedule.DailyDigests, docs/audit.md): one row a billing
-- day. The row is the claim (its key keeps two nodes from publishing the same day); a node that dies while
-- publishing leaves it RUNNING, and another node takes it over once its lease is past.
CREATE TABLE digest_publication (
    billing_day  VARCHAR(10)              NOT NULL PRIMARY KEY,
    status       VARCHAR(16)              NOT NULL,
    claimed_by   VARCHAR(64)              NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    accounts     INTEGER                  NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE
);
