-- The idempotency record: one row per (account, requestId) ever metered, written in the same
-- transaction as the CallMetered event. Not a read model: never reset, never rebuilt on replay.
CREATE TABLE metered_request (
    account_id      VARCHAR(64)  NOT NULL,
    request_id      VARCHAR(128) NOT NULL,
    billable        BOOLEAN      NOT NULL,
    charged_to      VARCHAR(16)  NOT NULL,
    package_id      VARCHAR(64),
    sequence_number BIGINT       NOT NULL,
    PRIMARY KEY (account_id, request_id)
);

-- Read models (rebuilt from the events on replay).
CREATE TABLE account_view (
    account_id       VARCHAR(64) NOT NULL PRIMARY KEY,
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    zone             VARCHAR(64) NOT NULL,
    postpaid_enabled BOOLEAN     NOT NULL,
    closed_through   VARCHAR(7)
);

CREATE TABLE package_view (
    account_id      VARCHAR(64)   NOT NULL,
    package_id      VARCHAR(64)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    purchase_id     VARCHAR(128),
    service         VARCHAR(64)   NOT NULL,
    size            INTEGER       NOT NULL,
    used            INTEGER       NOT NULL,
    remaining       INTEGER       NOT NULL,
    forfeited       INTEGER       NOT NULL,
    price           DECIMAL(14, 2) NOT NULL,
    effective_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expired         BOOLEAN       NOT NULL,
    billing_month   VARCHAR(7),
    catalog_version VARCHAR(64)   NOT NULL,
    PRIMARY KEY (account_id, package_id)
);

CREATE TABLE usage_view (
    account_id        VARCHAR(64) NOT NULL,
    billing_month     VARCHAR(7)  NOT NULL,
    service           VARCHAR(64) NOT NULL,
    calls             BIGINT      NOT NULL,
    billable          BIGINT      NOT NULL,
    paid_by_free      BIGINT      NOT NULL,
    paid_by_purchased BIGINT      NOT NULL,
    postpaid          BIGINT      NOT NULL,
    refused           BIGINT      NOT NULL,
    PRIMARY KEY (account_id, billing_month, service)
);

CREATE TABLE negotiated_price_view (
    account_id     VARCHAR(64)    NOT NULL,
    service        VARCHAR(64)    NOT NULL,
    effective_from VARCHAR(7)     NOT NULL,
    unit_price     DECIMAL(12, 4) NOT NULL,
    agreed_by      VARCHAR(128)   NOT NULL,
    agreed_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_id, service, effective_from)
);

-- A closed statement: the StatementClosed event's figures, its lines as JSON.
CREATE TABLE statement_view (
    account_id      VARCHAR(64)    NOT NULL,
    billing_month   VARCHAR(7)     NOT NULL,
    closed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    catalog_version VARCHAR(64)    NOT NULL,
    tier_convention VARCHAR(32)    NOT NULL,
    lines_json      TEXT           NOT NULL,
    purchases_json  TEXT           NOT NULL,
    prepaid_spend   DECIMAL(14, 2) NOT NULL,
    postpaid_amount DECIMAL(14, 2) NOT NULL,
    adjustment_total DECIMAL(14, 2) NOT NULL,
    total_spend     DECIMAL(14, 2) NOT NULL,
    PRIMARY KEY (account_id, billing_month)
);
