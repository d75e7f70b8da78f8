package com.faceid.ledger.app.statement;

import com.faceid.ledger.account.EventMetadata;
import com.faceid.ledger.app.axon.PerBatch;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.StatementClosed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * Monthly counters per service (the running statement), negotiated prices, and closed statements as
 * their closing events recorded them.
 */
@Component
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public class StatementProjection {
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = SerializationConfig.storageMapper();

    public StatementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String UPDATE_USAGE = "UPDATE usage_view SET calls = calls + ?, billable = billable + ?,"
            + " paid_by_free = paid_by_free + ?, paid_by_purchased = paid_by_purchased + ?,"
            + " postpaid = postpaid + ?, refused = refused + ? WHERE account_id = ? AND billing_month = ? AND service = ?";
    private static final String INSERT_USAGE = "INSERT INTO usage_view (calls, billable, paid_by_free,"
            + " paid_by_purchased, postpaid, refused, account_id, billing_month, service) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String BUFFER = StatementProjection.class.getName();

    /** The batch's calls summed per (account, month, service): one update (or insert) per row touched. */
    @EventHandler
    void on(CallMetered e) {
        PerBatch.apply(BUFFER, () -> new PerBatch.Counters(jdbc, UPDATE_USAGE, INSERT_USAGE, 6), usage -> {
            long[] d = usage.of(List.of(e.accountId(), e.month().toString(), e.service().name()));
            d[0]++;
            d[1] += e.billable() ? 1 : 0;
            d[2] += e.chargedTo() == ChargedTo.FREE ? 1 : 0;
            d[3] += e.chargedTo() == ChargedTo.PURCHASED ? 1 : 0;
            d[4] += e.chargedTo() == ChargedTo.POSTPAID ? 1 : 0;
            d[5] += e.chargedTo() == ChargedTo.REFUSED ? 1 : 0;
        });
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
    void on(StatementClosed e, @SequenceNumber long sequence,
            @MetaDataValue(EventMetadata.CHAIN_HASH)
            String link) throws JsonProcessingException {
        jdbc.update("INSERT INTO statement_view (account_id, billing_month, closed_at, catalog_version, tier_convention,"
                        + " lines_json, purchases_json, prepaid_spend, postpaid_amount, adjustment_total, total_spend,"
                        + " adjustments_json, close_sequence, close_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.accountId(), e.month().toString(), Timestamp.from(e.closedAt()), e.catalogVersion(),
                e.tierConvention(), json.writeValueAsString(e.lines()), json.writeValueAsString(e.purchases()),
                e.prepaidSpend(), e.postpaidAmount(), e.adjustmentTotal(), e.totalSpend(),
                json.writeValueAsString(e.adjustments()), sequence, link);
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
