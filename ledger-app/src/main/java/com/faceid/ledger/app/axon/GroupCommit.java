package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.hold.HoldOperation;
import com.faceid.ledger.hold.HoldResult;
import com.faceid.ledger.hold.SettleHolds;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The write path's group commit (see {@link GroupCommitLanes}), one set of lanes per command that settles many
 * requests of one account at once: concurrent single calls become one {@link MeterCalls}, concurrent places,
 * captures and voids of holds one {@link SettleHolds}, at most {@code ledger.group-commit-max-calls} at a time.
 * Each request is decided exactly as its own command would be, in the order they reached the ledger; a refusal
 * is thrown to its own caller only.
 * <p>
 * Measured with {@code WRK_ONLY=calls,holds scripts/wrk-bench.sh} (docs/performance.md): one command and one
 * durable commit per hold and per capture gave 396 pairs/s on a hot account (p99 155 ms); grouped, 974 to 1,126
 * pairs/s (p99 22 to 28 ms), about nine operations a commit.
 */
@Component
public class GroupCommit {
    private final GroupCommitLanes<MeterCall, MeteringResult> calls;
    private final GroupCommitLanes<HoldOperation, HoldResult> holds;

    public GroupCommit(Commands commands, LedgerProperties props, MeterRegistry registry) {
        this.calls = new GroupCommitLanes<>("calls", props.groupCommitMaxCalls(), props.groupCommitGather(), (account, group, traces) ->
                commands.send(new MeterCalls(account, group, traces), Map.of()), registry);
        this.holds = new GroupCommitLanes<>("holds", props.groupCommitMaxCalls(), props.groupCommitGather(), (account, group, traces) ->
                commands.send(new SettleHolds(account, group, traces), Map.of()), registry);
    }

    /** Meters one call, possibly together with concurrent calls of the same account. */
    public CallOutcome meter(MeterCall call) {
        MeteringResult r = calls.submit(call.accountId(), call);
        if (r.outcome() == null) {
            throw new LedgerException(r.error(), r.message());
        }
        return r.outcome();
    }

    /** Settles one hold operation, possibly together with concurrent ones of the same account. */
    public HoldResult settle(HoldOperation operation) {
        HoldResult r = holds.submit(operation.accountId(), operation);
        if (r.refused()) {
            throw new LedgerException(r.error(), r.message());
        }
        return r;
    }

    /** Lanes held now: accounts with calls or hold operations waiting or being settled. */
    public int lanes() {
        return calls.lanes() + holds.lanes();
    }

    public GroupCommitLanes.Stats callStats() {
        return calls.stats();
    }

    public GroupCommitLanes.Stats holdStats() {
        return holds.stats();
    }
}
