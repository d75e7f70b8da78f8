-- Every hold ever placed, as it stands (the permanent idempotency record of holdIds; the aggregate keeps only
-- the holds still held). Written in the same transaction as the hold's events, like metered_request.
CREATE TABLE hold_registry (
    account_id   VARCHAR(64)  NOT NULL,
    hold_id      VARCHAR(128) NOT NULL,
    service      VARCHAR(64)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    source       VARCHAR(16),
    package_id   VARCHAR(64),
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    request_id   VARCHAR(128),
    PRIMARY KEY (account_id, hold_id)
);
CREATE INDEX ix_hold_registry_status ON hold_registry (account_id, status);
