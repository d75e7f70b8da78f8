package com.faceid.ledger.app.schedule;

import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.webhook.WebhookOutbox;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.hold.ExpireHold;
import com.faceid.ledger.hold.ExpireHolds;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.statement.CloseStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs due steps of the schedule, earliest first, one at a time. A step is claimed with a conditional
 * update (so two nodes never run it at the same time), its command is sent, then it is marked done. A
 * node that dies in between leaves a claim that expires after {@link #LEASE}; the step then runs again,
 * and because every step's command is idempotent in the aggregate the ledger records it once.
 */
@Component
public class StepRunner {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration AWAITING_PRICE_RETRY = Duration.ofDays(1);
    static final Duration FAILURE_RETRY = Duration.ofMinutes(1);
    /** The longest wait between two attempts of a step that keeps failing unexpectedly. */
    static final Duration FAILURE_RETRY_MAX = Duration.ofDays(1);

    /**
     * How long a step that failed unexpectedly {@code attempts} times before waits: a minute, doubling to a day.
     * A step that kept failing was retried every minute of the ledger clock; a simulated clock moved through
     * months ran it some 778,000 times in a test before this.
     */
    static Duration backOff(int attempts) {
        Duration wait = FAILURE_RETRY.multipliedBy(1L << Math.min(Math.max(attempts, 0), 20));
        return wait.compareTo(FAILURE_RETRY_MAX) > 0 ? FAILURE_RETRY_MAX : wait;
    }
    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    public record Step(long id, String accountId, StepKind kind, String ref, int daysBefore, Instant dueAt,
                       int attempts) {
    }

    private final JdbcTemplate jdbc;
    private final Commands commands;
    private final LedgerClock clock;
    /** Leases are infrastructure, not billing: measured on the node's real clock even when time is simulated. */
    private final Clock wall = Clock.systemUTC();
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final ReentrantLock running = new ReentrantLock();

    private final WebhookOutbox webhooks;

    public StepRunner(JdbcTemplate jdbc, Commands commands, LedgerClock clock,
                      WebhookOutbox webhooks) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    /** Runs every step due at the clock's current instant. Answers how many ran. */
    public int runDue() {
        running.lock();
        try {
            return runUpTo(clock.instant(), false);
        } finally {
            running.unlock();
        }
    }

    /**
     * Moves a simulated clock to {@code target}, stopping at each due step's instant on the way, so every
     * step happens at its own time, in time order. Answers how many steps ran.
     */
    public int advanceTo(Instant target) {
        running.lock();
        try {
            if (target.isBefore(clock.instant())) {
                throw new IllegalArgumentException("a simulated clock never goes back: it stands at "
                        + clock.instant());
            }
            int ran = runUpTo(target, true);
            clock.moveTo(target);
            return ran;
        } finally {
            running.unlock();
        }
    }

    private int runUpTo(Instant upTo, boolean moveClock) {
        releaseExpiredLeases();
        int ran = 0;
        while (true) {
            List<Step> next = jdbc.query("SELECT id, account_id, kind, ref, days_before, due_at, attempts"
                            + " FROM scheduled_step"
                            // ordered by the columns of its index (status, due_at, id): the first entry, not a sort
                            + " WHERE status = 'PENDING' AND due_at <= ? ORDER BY status, due_at, id LIMIT 1",
                    (rs, i) -> new Step(rs.getLong(1), rs.getString(2), StepKind.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getInt(5), rs.getTimestamp(6).toInstant(), rs.getInt(7)),
                    Timestamp.from(upTo));
            if (next.isEmpty()) {
                return ran;
            }
            Step step = next.get(0);
            if (!claim(step)) {
                continue; // another node took it
            }
            if (moveClock && step.dueAt().isAfter(clock.instant())) {
                clock.moveTo(step.dueAt());
            }
            run(step);
            ran++;
        }
    }

    private void run(Step step) {
        try {
            Object answer = RequestContext.runAs("scheduler", "step-" + step.id(),
                    () -> commands.send(command(step)));
            if (step.kind() == StepKind.EXPIRE_HOLDS && answer instanceof Instant next) {
                again(step, next);
            } else {
                done(step);
            }
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.AWAITING_PRICE) {
                // no event records a refused close: the notification is the step's (once per account and month)
                webhooks.awaitingPrice(step.accountId(), YearMonth.parse(step.ref()), clock.instant(), e.getMessage());
                retryAt(step, step.dueAt().plus(AWAITING_PRICE_RETRY), e);
            } else if (e.code() == ErrorCode.NOT_DUE || e.code() == ErrorCode.EXPIRY_NOT_DUE
                    || e.code() == ErrorCode.PERIOD_NOT_OVER) {
                retryAt(step, clock.instant().plus(FAILURE_RETRY), e);
            } else {
                log.error("step {} {} {} of {} failed for good: {}", step.id(), step.kind(), step.ref(),
                        step.accountId(), e.getMessage());
                jdbc.update("UPDATE scheduled_step SET status = 'FAILED', attempts = attempts + 1, last_error = ?"
                        + " WHERE id = ?", truncate(e.code() + ": " + e.getMessage()), step.id());
            }
        } catch (RuntimeException e) {
            Duration wait = backOff(step.attempts());
            log.warn("step {} {} {} of {} failed (attempt {}), will retry in {}: {}", step.id(), step.kind(),
                    step.ref(), step.accountId(), step.attempts() + 1, wait, e.toString());
            retryAt(step, clock.instant().plus(wait), e);
        }
    }

    private Object command(Step step) {
        Instant at = clock.instant();
        return switch (step.kind()) {
            case ACTIVATE_GRANT -> new ActivateGrant(step.accountId(), step.ref(), at);
            case EXPIRE_PACKAGE -> new ExpirePackage(step.accountId(), step.ref(), at);
            case EXPIRY_REMINDER -> new RemindExpiry(step.accountId(), step.ref(), step.daysBefore(), at);
            // the aggregate records a month past its deadline as closed at its deadline, however late this runs
            case CLOSE_MONTH -> new CloseStatement(step.accountId(), YearMonth.parse(step.ref()), at, "scheduler");
            case EXPIRE_HOLD -> new ExpireHold(step.accountId(), step.ref(), at);
            case EXPIRE_HOLDS -> new ExpireHolds(step.accountId(), at);
        };
    }

    /**
     * A step done. A hold-expiry step made pending again while it ran (a hold placed meanwhile) is left so: it is
     * due at that hold's expiry.
     */
    private void done(Step step) {
        jdbc.update("UPDATE scheduled_step SET status = 'DONE', done_at = ?, attempts = attempts + 1,"
                + " last_error = NULL WHERE id = ? AND status = 'RUNNING'", Timestamp.from(clock.instant()), step.id());
    }

    /** The account's hold-expiry step due again at {@code next}, or earlier if a hold placed meanwhile asks so. */
    private void again(Step step, Instant next) {
        jdbc.update("UPDATE scheduled_step SET due_at = CASE WHEN status = 'PENDING' AND due_at < ? THEN due_at"
                        + " ELSE ? END, status = 'PENDING', claimed_by = NULL, attempts = 0, last_error = NULL"
                        + " WHERE id = ?", Timestamp.from(next), Timestamp.from(next), step.id());
    }

    private boolean claim(Step step) {
        return jdbc.update("UPDATE scheduled_step SET status = 'RUNNING', claimed_by = ?, claimed_at = ?"
                + " WHERE id = ? AND status = 'PENDING'", node, Timestamp.from(wall.instant()), step.id()) == 1;
    }

    private void retryAt(Step step, Instant when, Exception e) {
        jdbc.update("UPDATE scheduled_step SET status = 'PENDING', due_at = ?, attempts = attempts + 1,"
                        + " last_error = ?, claimed_by = NULL WHERE id = ?", Timestamp.from(when),
                truncate(e.getMessage()), step.id());
    }

    private void releaseExpiredLeases() {
        jdbc.update("UPDATE scheduled_step SET status = 'PENDING', claimed_by = NULL WHERE status = 'RUNNING'"
                + " AND claimed_at < ?", Timestamp.from(wall.instant().minus(LEASE)));
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
