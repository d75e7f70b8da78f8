package com.faceid.ledger.app.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again (docs/webhooks.md "Retries"): 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then
 * daily three times, each stretched by a random 0-10 % (so receivers that failed together are not all hit again at
 * the same second); after the 10th attempt, about 3 days 20 hours after the first, the delivery is failed. Times
 * are on the ledger clock, so a simulated clock walks the whole schedule in a test.
 */
public final class RetrySchedule {
    public static final List<Duration> DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24));
    /** The first attempt and one after each delay. */
    public static final int MAX_ATTEMPTS = DELAYS.size() + 1;
    /** The most a delay is stretched, as a fraction of it. */
    public static final double MAX_JITTER = 0.10;

    private RetrySchedule() {
    }

    /**
     * After {@code attemptsMade} attempts, the last failed at {@code now}: when to try again, or empty when the
     * schedule is over and the delivery fails. {@code jitter} is a draw from [0, 1).
     */
    public static Optional<Instant> next(int attemptsMade, Instant now, double jitter) {
        if (attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Duration delay = DELAYS.get(attemptsMade - 1);
        long stretch = (long) (delay.toMillis() * MAX_JITTER * Math.min(Math.max(jitter, 0), 1));
        return Optional.of(now.plus(delay).plusMillis(stretch));
    }
}
