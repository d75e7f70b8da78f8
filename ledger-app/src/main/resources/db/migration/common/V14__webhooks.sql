-- Webhooks (docs/webhooks.md). Subscriptions are operator configuration, not billing facts: a table, not
-- events (docs/architecture.md). The secret is kept as given so deliveries can be signed; the API shows it
-- once, at creation.
CREATE TABLE webhook_subscription (
    webhook_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    url         VARCHAR(2048) NOT NULL,
    event_types VARCHAR(1024) NOT NULL,
    account_id  VARCHAR(64),
    secret      VARCHAR(128)  NOT NULL,
    created_by  VARCHAR(128)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_webhook_subscription_account ON webhook_subscription (account_id);

-- The outbox: one row per notification, written by a subscribing processor in the transaction of the event
-- that causes it (or, for statement.awaiting_price, of the step that met it), with the exact body every
-- delivery of it sends.
CREATE TABLE webhook_notification (
    notification_id VARCHAR(160)  NOT NULL PRIMARY KEY,
    account_id      VARCHAR(64)   NOT NULL,
    event_type      VARCHAR(32)   NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    body            VARCHAR(8000) NOT NULL
);

-- One row per (subscription, notification): its state on the ledger clock, claimed by one sender at a time.
CREATE TABLE webhook_delivery (
    delivery_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    webhook_id      VARCHAR(64)  NOT NULL,
    notification_id VARCHAR(160) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    last_error      VARCHAR(1000),
    claimed_by      VARCHAR(64),
    claimed_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_webhook_delivery UNIQUE (webhook_id, notification_id)
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);

-- Every attempt of every delivery, kept: the delivery log.
CREATE TABLE webhook_attempt (
    delivery_id  VARCHAR(64)  NOT NULL,
    attempt      INTEGER      NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code  INTEGER,
    error        VARCHAR(1000),
    duration_ms  BIGINT       NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
