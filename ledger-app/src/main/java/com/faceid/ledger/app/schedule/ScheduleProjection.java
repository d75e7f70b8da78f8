package com.faceid.ledger.app.schedule;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.StatementClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes the schedule of time-driven steps from the events that cause them, inside the same transaction
 * as those events (subscribing processor): an event is never stored without its steps, nor a step
 * without its event. Inserts are idempotent on (account, kind, ref).
 */
@Component
@ProcessingGroup(ProcessingGroups.IN_TRANSACTION)
public class ScheduleProjection {
    private final JdbcTemplate jdbc;
    private final StepsOf steps;

    public ScheduleProjection(JdbcTemplate jdbc, LedgerProperties props) {
        this.jdbc = jdbc;
        this.steps = new StepsOf(props.closeGrace(), props.reminderExpiryDays());
    }

    @EventHandler
    void on(AccountOpened e) {
        jdbc.update("INSERT INTO schedule_account (account_id, zone) VALUES (?, ?)", e.accountId(), e.zone());
        schedule(e.accountId(), steps.of(e));
    }

    @EventHandler
    void on(FreeGrantIssued e) {
        schedule(e.accountId(), steps.of(e, zone(e.accountId())));
    }

    @EventHandler
    void on(PackagePurchased e) {
        schedule(e.accountId(), steps.of(e, zone(e.accountId())));
    }

    @EventHandler
    void on(StatementClosed e) {
        jdbc.update("UPDATE scheduled_step SET status = 'DONE', done_at = ? WHERE account_id = ? AND kind = ?"
                        + " AND ref = ? AND status <> 'DONE'", Timestamp.from(e.closedAt()), e.accountId(),
                StepKind.CLOSE_MONTH.name(), e.month().toString());
        schedule(e.accountId(), steps.of(e, zone(e.accountId())));
    }

    /**
     * The account's one hold-expiry step is made due at this hold's expiry unless it is already due no later,
     * which under load it is (each hold expires after those placed before it): then nothing is written. A step
     * that is done, failed or running is made pending again, so a hold placed while it runs is not missed
     * (StepRunner keeps the earlier due of the two when it finishes).
     */
    @EventHandler
    void on(HoldPlaced e) {
        for (StepsOf.Step s : steps.of(e)) {
            int moved = jdbc.update("UPDATE scheduled_step SET status = 'PENDING', due_at = ?, claimed_by = NULL"
                            + " WHERE account_id = ? AND kind = ? AND ref = ? AND (status <> 'PENDING' OR due_at > ?)",
                    Timestamp.from(s.dueAt()), e.accountId(), s.kind().name(), s.ref(), Timestamp.from(s.dueAt()));
            if (moved == 0) {
                schedule(e.accountId(), List.of(s));
            }
        }
    }

    /** A close that was waiting for a negotiated price is tried again as soon as one is agreed. */
    @EventHandler
    void on(NegotiatedPriceAgreed e) {
        if (e.agreedAt() != null) {
            jdbc.update("UPDATE scheduled_step SET due_at = ? WHERE account_id = ? AND kind = ? AND status = 'PENDING'"
                            + " AND attempts > 0", Timestamp.from(e.agreedAt()), e.accountId(),
                    StepKind.CLOSE_MONTH.name());
        }
    }

    private void schedule(String accountId, List<StepsOf.Step> due) {
        for (StepsOf.Step s : due) {
            jdbc.update("INSERT INTO scheduled_step (account_id, kind, ref, days_before, due_at, status, attempts)"
                            + " SELECT ?, ?, ?, ?, ?, 'PENDING', 0 FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS"
                            + " (SELECT 1 FROM scheduled_step WHERE account_id = ? AND kind = ? AND ref = ?"
                            + " AND days_before = ?)",
                    accountId, s.kind().name(), s.ref(), s.daysBefore(), Timestamp.from(s.dueAt()), accountId,
                    s.kind().name(), s.ref(), s.daysBefore());
        }
    }

    private ZoneId zone(String accountId) {
        return ZoneId.of(jdbc.queryForObject("SELECT zone FROM schedule_account WHERE account_id = ?", String.class,
                accountId));
    }
}
