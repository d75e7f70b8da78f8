package com.faceid.ledger.app.store;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's identifiers (every stored event's {@code eventIdentifier}, and messages') as time-ordered UUIDs
 * (version 7, RFC 9562): 48 bits of the wall clock's milliseconds, a 12-bit counter within the millisecond, and 62
 * random bits. Each identifier is greater than the one before it in this process, as a UUID and as a string, so
 * the event table's unique index on {@code eventIdentifier} grows at its right edge instead of taking a random
 * leaf for every event. Found by Axon through {@code META-INF/services}.
 * <p>
 * Why: under {@code wrk} (docs/performance.md, session 9) a third of the ledger's CPU on the hold + capture path was
 * H2 writing the pages a commit changed, and random keys change one leaf per event: with the default random
 * UUIDs a group of nine holds and captures rewrote about fourteen leaves of that one index.
 * <p>
 * Uniqueness across nodes rests on the 62 random bits, as a random UUID's rests on 122: identifiers made in the
 * same millisecond on two nodes collide with a probability of about 2<sup>-62</sup> a pair.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {
    /** The last (milliseconds << 12 | counter) handed out: never goes back, even if the wall clock does. */
    private final AtomicLong last = new AtomicLong();

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = last.updateAndGet(prev -> Math.max(now, prev + 1));
        long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFFL);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
