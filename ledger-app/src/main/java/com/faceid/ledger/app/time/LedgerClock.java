package com.faceid.ledger.app.time;

import com.faceid.ledger.account.BillingCalendar;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The service's one clock. {@code system}: the real time. {@code simulated}: stands still until moved
 * forward (never back); each move is persisted so a restart resumes where it stood.
 * <p>
 * It reads in whole microseconds ({@code BillingCalendar.RECORDED_PRECISION}): what every store keeps (H2's and PostgreSQL's timestamps).
 * An instant the ledger records is then the same in its event, in every view and in every fold of the events;
 * with the system clock's nanoseconds a view kept {@code …15.982300Z} where the event said {@code …15.9822995Z}.
 */
public final class LedgerClock extends Clock {
    private final ZoneId zone;
    private final Clock system;
    private final AtomicReference<Instant> simulatedNow;
    private final Consumer<Instant> persist;

    private LedgerClock(ZoneId zone, Clock system, Instant simulatedStart, Consumer<Instant> persist) {
        this.zone = zone;
        this.system = system;
        this.simulatedNow = simulatedStart == null ? null : new AtomicReference<>(simulatedStart);
        this.persist = persist;
    }

    public static LedgerClock system(ZoneId zone) {
        return new LedgerClock(zone, Clock.system(zone), null, t -> { });
    }

    public static LedgerClock simulated(ZoneId zone, Instant start, Consumer<Instant> persist) {
        return new LedgerClock(zone, Clock.system(zone), start, persist);
    }

    public boolean isSimulated() {
        return simulatedNow != null;
    }

    @Override
    public Instant instant() {
        return (simulatedNow == null ? system.instant() : simulatedNow.get()).truncatedTo(BillingCalendar.RECORDED_PRECISION);
    }

    /** Moves a simulated clock forward to {@code t} (a no-op when it already stands there). */
    public synchronized void moveTo(Instant t) {
        if (simulatedNow == null) {
            throw new IllegalStateException("the system clock cannot be moved");
        }
        if (t.isBefore(simulatedNow.get())) {
            throw new IllegalArgumentException("a simulated clock never goes back: it stands at " + simulatedNow.get());
        }
        Instant to = t.truncatedTo(BillingCalendar.RECORDED_PRECISION);
        persist.accept(to);
        simulatedNow.set(to);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.fixed(instant(), other);
    }
}
