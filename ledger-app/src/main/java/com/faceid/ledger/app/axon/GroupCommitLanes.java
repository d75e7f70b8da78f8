package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.metering.CallTrace;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.time.Duration;

/**
 * Group commit: concurrent requests of one account are settled together in one command (one lock, one
 * transaction, one batched append) instead of queueing one transaction each behind the account's lock.
 * Calls use it ({@code MeterCalls}) and holds do ({@code SettleHolds}).
 * <p>
 * Each account has a lane: a queue of waiting items and a "busy" flag. The caller that finds the lane idle
 * becomes the leader: it takes every item queued so far (at most {@code maxGroup}), sends them as one command,
 * hands each caller its own result, then wakes the next waiting caller, which leads the next group. A lone
 * caller is a group of one, so nothing waits for company: the latency of an idle account is that of a plain
 * command. A leader that finds others already waiting waits {@code ledger.group-commit-gather} for more. Each item keeps its own sender (actor and correlation id) for its events. The command settles the
 * items exactly as one after another in queue order, which is the order in which they reached the ledger.
 * <p>
 * A lane lives only while its account has items waiting: the leader that leaves it idle and empty removes it,
 * so memory follows the accounts being served at this moment, not every account ever served. A caller that
 * picked up a lane just before it was removed still leads its own item on it (a group of one); the account's
 * lock keeps two such groups apart, so nothing is lost or settled twice.
 *
 * @param <T> an item (a call, a hold operation)
 * @param <R> its result; refusals are results, not exceptions: one item refused does not fail its group
 */
public final class GroupCommitLanes<T, R> {
    /** Sends one group of one account as one command: one result per item, in order. */
    @FunctionalInterface
    public interface Settle<T, R> {
        List<R> settle(String accountId, List<T> items, List<CallTrace> traces);
    }

    /** Groups committed and items in them since start (their ratio is the mean group size). */
    public record Stats(long groups, long items) {
    }

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final class Pending {
        final T item;
        final CallTrace trace;
        final Thread caller = Thread.currentThread();
        volatile R result;
        volatile RuntimeException failure;
        volatile boolean done;

        Pending(T item, CallTrace trace) {
            this.item = item;
            this.trace = trace;
        }
    }

    private final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final LongAdder groups = new LongAdder();
    private final LongAdder grouped = new LongAdder();
    private final int maxGroup;
    private final long gatherNanos;
    private final Settle<T, R> settle;
    private final DistributionSummary sizes;

    /**
     * @param kind names the lanes in the metric {@code ledger_group_commit_size{kind}} (items per group)
     */
    public GroupCommitLanes(String kind, int maxGroup, Duration gather, Settle<T, R> settle,
                            MeterRegistry registry) {
        this.maxGroup = maxGroup;
        this.gatherNanos = gather.toNanos();
        this.settle = settle;
        this.sizes = DistributionSummary.builder("ledger_group_commit_size").tag("kind", kind)
                .description("Items settled in one unit of work by group commit").register(registry);
    }

    /** Settles one item of an account, possibly together with concurrent items of the same account. */
    public R submit(String accountId, T item) {
        var who = RequestContext.current();
        Pending mine = new Pending(item, new CallTrace(who.actor(), who.correlationId()));
        Lane lane = lanes.computeIfAbsent(accountId, a -> new Lane());
        lane.queue.add(mine);
        while (!mine.done) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    lead(accountId, lane);
                } finally {
                    lane.busy.set(false);
                }
                Pending next = lane.queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller); // it leads the next group
                } else {
                    lanes.computeIfPresent(accountId,
                            (account, l) -> l == lane && l.queue.isEmpty() && !l.busy.get() ? null : l);
                }
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Lanes held now: accounts with items waiting or being settled. */
    public int lanes() {
        return lanes.size();
    }

    public Stats stats() {
        return new Stats(groups.sum(), grouped.sum());
    }

    private void lead(String accountId, Lane lane) {
        // others are waiting already: the account is busy, so wait a moment for more to join this group. Groups
        // of 8 instead of 6 items took the JVM's CPU from 288 to 222 us a call and calls from 5,349 to 6,191 a
        // second (wrk-bench, one run each); a lone request never waits (docs/performance.md, decision 20)
        if (gatherNanos > 0 && lane.queue.size() > 1) {
            LockSupport.parkNanos(gatherNanos);
        }
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < maxGroup && (p = lane.queue.poll()) != null; ) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        groups.increment();
        grouped.add(group.size());
        sizes.record(group.size());
        try {
            List<R> results = settle.settle(accountId, group.stream().map(p -> p.item).toList(),
                    group.stream().map(p -> p.trace).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
            }
        } catch (RuntimeException | Error e) { // every waiting caller must get an answer, whatever failed
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.forEach(p -> p.failure = failure);
        } finally {
            group.forEach(p -> {
                p.done = true;
                LockSupport.unpark(p.caller);
            });
        }
    }
}
