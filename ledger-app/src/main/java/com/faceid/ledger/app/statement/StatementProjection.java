package com.faceid.ledger.app.statement;

import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.metering.ChargedTo;
import com.faceid.ledger.statement.AdjustmentRecorded;
import com.faceid.ledger.statement.NegotiatedPriceAgreed;
import com.faceid.ledger.statement.StatementClosed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Monthly counters per service (the running statement), negotiated prices, and closed statements as
 * their closing events recorded them.
 */
@Component
@ProcessingGroup(StatementProjection.GROUP)
public class StatementProjection {
    public static final String GROUP = "statements";
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = com.faceid.ledger.app.axon.AxonConfig.storageMapper();

    public StatementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CallMetered e) {
        int free = e.chargedTo() == ChargedTo.FREE ? 1 : 0;
        int purchased = e.chargedTo() == ChargedTo.PURCHASED ? 1 : 0;
        int postpaid = e.chargedTo() == ChargedTo.POSTPAID ? 1 : 0;
        int refused = e.chargedTo() == ChargedTo.REFUSED ? 1 : 0;
        int billable = e.billable() ? 1 : 0;
        int updated = jdbc.update("UPDATE usage_view SET calls = calls + 1, billable = billable + ?,"
                        + " paid_by_free = paid_by_free + ?, paid_by_purchased = paid_by_purchased + ?,"
                        + " postpaid = postpaid + ?, refused = refused + ?"
                        + " WHERE account_id = ? AND billing_month = ? AND service = ?",
                billable, free, purchased, postpaid, refused, e.accountId(), e.month().toString(), e.service().name());
        if (updated == 0) {
            jdbc.update("INSERT INTO usage_view (account_id, billing_month, service, calls, billable, paid_by_free,"
                            + " paid_by_purchased, postpaid, refused) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
                    e.accountId(), e.month().toString(), e.service().name(), billable, free, purchased, postpaid,
                    refused);
        }
    }

    @EventHandler
    void on(NegotiatedPriceAgreed e) {
        jdbc.update("DELETE FROM negotiated_price_view WHERE account_id = ? AND service = ? AND effective_from = ?",
                e.accountId(), e.service().name(), e.effectiveFrom().toString());
        jdbc.update("INSERT INTO negotiated_price_view (account_id, service, effective_from, unit_price, agreed_by,"
                        + " agreed_at) VALUES (?, ?, ?, ?, ?, ?)", e.accountId(), e.service().name(),
                e.effectiveFrom().toString(), e.unitPrice(), e.agreedBy(),
                e.agreedAt() == null ? null : Timestamp.from(e.agreedAt()));
    }

    @EventHandler
    void on(StatementClosed e) throws JsonProcessingException {
        jdbc.update("INSERT INTO statement_view (account_id, billing_month, closed_at, catalog_version, tier_convention,"
                        + " lines_json, purchases_json, prepaid_spend, postpaid_amount, adjustment_total, total_spend,"
                        + " adjustments_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e.accountId(),
                e.month().toString(), Timestamp.from(e.closedAt()), e.catalogVersion(), e.tierConvention(),
                json.writeValueAsString(e.lines()), json.writeValueAsString(e.purchases()), e.prepaidSpend(),
                e.postpaidAmount(), e.adjustmentTotal(), e.totalSpend(), json.writeValueAsString(e.adjustments()));
    }

    @EventHandler
    void on(AdjustmentRecorded e) {
        jdbc.update("INSERT INTO adjustment_view (account_id, adjustment_id, billing_month, corrects_month, amount,"
                        + " reason, request_id, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.accountId(),
                e.adjustmentId(), e.month().toString(), e.correctsMonth().toString(), e.amount(), e.reason(),
                e.requestId(), e.actor(), e.at() == null ? null : Timestamp.from(e.at()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM usage_view");
        jdbc.update("DELETE FROM negotiated_price_view");
        jdbc.update("DELETE FROM statement_view");
        jdbc.update("DELETE FROM adjustment_view");
    }
}
