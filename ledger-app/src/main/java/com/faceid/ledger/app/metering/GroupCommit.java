package com.faceid.ledger.app.metering;

import com.faceid.ledger.account.LedgerException;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for single calls: concurrent calls of one account are settled together in one
 * {@link MeterCalls} unit of work (one lock, one transaction, one batched append) instead of queueing
 * one transaction each behind the account's lock.
 * <p>
 * Each account has a lane: a queue of waiting calls and a "busy" flag. The caller that finds the lane idle
 * becomes the leader: it takes every call queued so far (at most {@code ledger.group-commit-max-calls}),
 * sends them as one command, hands each caller its own result, then wakes the next waiting caller, which
 * leads the next group. A lone caller is a group of one, so nothing waits for company: the latency of an
 * idle account is that of a plain command. Every call's events keep its own actor and correlation id.
 * The settlement is exactly that of the calls one after another in queue order, which is the order in
 * which they reached the ledger.
 * <p>
 * A lane lives only while its account has calls waiting: the leader that leaves it idle and empty removes it,
 * so memory follows the accounts being metered at this moment, not every account ever metered. A caller that
 * picked up a lane just before it was removed still leads its own call on it (a group of one); the account's
 * lock keeps two such groups apart, so nothing is lost or settled twice.
 */
@Component
public class GroupCommit {
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final class Pending {
        final MeterCall call;
        final CallTrace trace;
        final Thread caller = Thread.currentThread();
        volatile MeteringResult result;
        volatile RuntimeException failure;

        Pending(MeterCall call, CallTrace trace) {
            this.call = call;
            this.trace = trace;
        }

        boolean done() {
            return result != null || failure != null;
        }
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    /** Groups committed and calls in them since start (their ratio is the mean group size). */
    public record Stats(long groups, long calls) {
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder groups = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder grouped = new java.util.concurrent.atomic.LongAdder();
    private final Commands commands;
    private final int maxCalls;

    public GroupCommit(Commands commands, LedgerProperties props) {
        this.commands = commands;
        this.maxCalls = props.groupCommitMaxCalls();
    }

    /** Meters one call, possibly together with concurrent calls of the same account; refusals are thrown. */
    public CallOutcome meter(MeterCall call) {
        var who = RequestContext.current();
        Pending mine = new Pending(call, new CallTrace(who.actor(), who.correlationId()));
        Lane lane = lanes.computeIfAbsent(call.accountId(), a -> new Lane());
        lane.queue.add(mine);
        while (!mine.done()) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    lead(lane);
                } finally {
                    lane.busy.set(false);
                }
                Pending next = lane.queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.caller); // it leads the next group
                } else {
                    lanes.computeIfPresent(call.accountId(),
                            (account, l) -> l == lane && l.queue.isEmpty() && !l.busy.get() ? null : l);
                }
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        MeteringResult r = mine.result;
        if (r.outcome() == null) {
            throw new LedgerException(r.error(), r.message());
        }
        return r.outcome();
    }

    /** Lanes held now: accounts with calls waiting or being settled. */
    public int lanes() {
        return lanes.size();
    }

    public Stats stats() {
        return new Stats(groups.sum(), grouped.sum());
    }

    private void lead(Lane lane) {
        List<Pending> group = new ArrayList<>();
        for (Pending p; group.size() < maxCalls && (p = lane.queue.poll()) != null; ) {
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        groups.increment();
        grouped.add(group.size());
        try {
            List<MeteringResult> results = commands.send(new MeterCalls(group.get(0).call.accountId(),
                    group.stream().map(p -> p.call).toList(), group.stream().map(p -> p.trace).toList()), Map.of());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
            }
        } catch (RuntimeException | Error e) { // every waiting caller must get an answer, whatever failed
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.forEach(p -> p.failure = failure);
        } finally {
            group.forEach(p -> LockSupport.unpark(p.caller));
        }
    }
}
