-- The console (docs/console.md).
-- Calls per account, service and day (in the account's billing zone) and who paid: the account page's
-- calls-per-day chart and each package's burn-down. A read model: rebuilt from the events on replay.
CREATE TABLE daily_usage_view (
    account_id VARCHAR(64)  NOT NULL,
    service    VARCHAR(64)  NOT NULL,
    usage_day  VARCHAR(10)  NOT NULL,
    charged_to VARCHAR(16)  NOT NULL,
    package_id VARCHAR(64)  NOT NULL,
    calls      BIGINT       NOT NULL,
    PRIMARY KEY (account_id, service, usage_day, charged_to, package_id)
);

-- The operators' look-up of a request id across accounts (GET /api/v1/calls/{requestId}).
CREATE INDEX ix_metered_request_request ON metered_request (request_id);
