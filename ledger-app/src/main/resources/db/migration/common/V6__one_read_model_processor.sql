-- The four read-model processors (accounts, packages, statements, alerts) became one, "read-models". Its
-- token starts at the beginning of the stream, so the views it writes are emptied here and rebuilt from
-- the events on the first start (the same as a replay). The idempotency table and the schedule are not
-- read models and are kept.
DELETE FROM TokenEntry WHERE processorName IN ('accounts', 'packages', 'statements', 'alerts');
DELETE FROM account_view;
DELETE FROM package_view;
DELETE FROM usage_view;
DELETE FROM negotiated_price_view;
DELETE FROM statement_view;
DELETE FROM adjustment_view;
DELETE FROM alert_view;
