package com.faceid.ledger.app.account;

import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.PostpaidSwitched;
import com.faceid.ledger.event.StatementClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** account_view: one row per account (opening, postpaid switch, last closed month). */
@Component
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public record AccountProjection(JdbcTemplate jdbc) {
    @EventHandler
    void on(AccountOpened e) {
        jdbc.update("INSERT INTO account_view (account_id, opened_at, zone, postpaid_enabled) VALUES (?, ?, ?, ?)",
                e.accountId(), Timestamp.from(e.openedAt()), e.zone(), e.postpaidEnabled());
    }

    @EventHandler
    void on(PostpaidSwitched e) {
        jdbc.update("UPDATE account_view SET postpaid_enabled = ? WHERE account_id = ?", e.enabled(), e.accountId());
    }

    @EventHandler
    void on(StatementClosed e) {
        jdbc.update("UPDATE account_view SET closed_through = ? WHERE account_id = ?", e.month().toString(),
                e.accountId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM account_view");
    }
}
