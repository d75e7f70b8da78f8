package com.faceid.ledger.app.schedule;

import com.faceid.ledger.account.AccountOpened;
import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.AxonConfig;
import com.faceid.ledger.prepaid.FreeGrantIssued;
import com.faceid.ledger.prepaid.PackagePurchased;
import com.faceid.ledger.statement.NegotiatedPriceAgreed;
import com.faceid.ledger.statement.StatementClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * Writes the schedule of time-driven steps from the events that cause them, inside the same transaction
 * as those events (subscribing processor): an event is never stored without its steps, nor a step
 * without its event. Inserts are idempotent on (account, kind, ref).
 */
@Component
@ProcessingGroup(AxonConfig.SCHEDULE)
public class ScheduleProjection {
    private final JdbcTemplate jdbc;
    private final Duration grace;
    private final List<Integer> reminderDays;

    public ScheduleProjection(JdbcTemplate jdbc, LedgerProperties props) {
        this.jdbc = jdbc;
        this.grace = props.closeGrace();
        this.reminderDays = props.reminderExpiryDays();
    }

    @EventHandler
    void on(AccountOpened e) {
        jdbc.update("INSERT INTO schedule_account (account_id, zone) VALUES (?, ?)", e.accountId(), e.zone());
        BillingCalendar cal = new BillingCalendar(ZoneId.of(e.zone()));
        scheduleClose(e.accountId(), cal, cal.monthOf(e.openedAt()));
    }

    @EventHandler
    void on(FreeGrantIssued e) {
        schedule(e.accountId(), StepKind.ACTIVATE_GRANT, e.packageId(), e.effectiveFrom());
        scheduleExpiry(e.accountId(), e.packageId(), e.expiresAt());
    }

    @EventHandler
    void on(PackagePurchased e) {
        scheduleExpiry(e.accountId(), e.packageId(), e.expiresAt());
    }

    @EventHandler
    void on(StatementClosed e) {
        jdbc.update("UPDATE scheduled_step SET status = 'DONE', done_at = ? WHERE account_id = ? AND kind = ?"
                        + " AND ref = ? AND status <> 'DONE'", Timestamp.from(e.closedAt()), e.accountId(),
                StepKind.CLOSE_MONTH.name(), e.month().toString());
        scheduleClose(e.accountId(), calendar(e.accountId()), e.month().plusMonths(1));
    }

    /** A hold still held at its expiry is recorded as expired then (its unit is free from then on regardless). */
    @EventHandler
    void on(com.faceid.ledger.hold.HoldPlaced e) {
        if (e.status() == com.faceid.ledger.hold.HoldStatus.HELD) {
            schedule(e.accountId(), StepKind.EXPIRE_HOLD, e.holdId(), e.expiresAt());
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

    private void scheduleExpiry(String accountId, String packageId, Instant expiresAt) {
        schedule(accountId, StepKind.EXPIRE_PACKAGE, packageId, expiresAt);
        BillingCalendar cal = calendar(accountId);
        for (int days : reminderDays) {
            schedule(accountId, StepKind.EXPIRY_REMINDER, packageId + ":" + days, cal.daysBefore(expiresAt, days));
        }
    }

    private void scheduleClose(String accountId, BillingCalendar cal, YearMonth month) {
        schedule(accountId, StepKind.CLOSE_MONTH, month.toString(), cal.monthEnd(month).plus(grace));
    }

    private void schedule(String accountId, StepKind kind, String ref, Instant dueAt) {
        jdbc.update("INSERT INTO scheduled_step (account_id, kind, ref, due_at, status, attempts)"
                        + " SELECT ?, ?, ?, ?, 'PENDING', 0 FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM scheduled_step WHERE account_id = ? AND kind = ? AND ref = ?)",
                accountId, kind.name(), ref, Timestamp.from(dueAt), accountId, kind.name(), ref);
    }

    private BillingCalendar calendar(String accountId) {
        return new BillingCalendar(ZoneId.of(jdbc.queryForObject(
                "SELECT zone FROM schedule_account WHERE account_id = ?", String.class, accountId)));
    }
}
