package com.faceid.ledger.app.metering;

import com.faceid.ledger.account.LedgerException;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.axon.GroupCommitLanes;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Group commit for single calls: concurrent calls of one account are settled together in one
 * {@link MeterCalls} (see {@link GroupCommitLanes}), at most {@code ledger.group-commit-max-calls} at a time.
 * The settlement is exactly that of the calls one after another in the order they reached the ledger.
 */
@Component
public class GroupCommit {
    private final GroupCommitLanes<MeterCall, MeteringResult> lanes;

    public GroupCommit(Commands commands, LedgerProperties props, MeterRegistry registry) {
        this.lanes = new GroupCommitLanes<>("calls", props.groupCommitMaxCalls(), (account, calls, traces) ->
                commands.send(new MeterCalls(account, calls, traces), Map.of()), registry);
    }

    /** Meters one call, possibly together with concurrent calls of the same account; refusals are thrown. */
    public CallOutcome meter(MeterCall call) {
        MeteringResult r = lanes.submit(call.accountId(), call);
        if (r.outcome() == null) {
            throw new LedgerException(r.error(), r.message());
        }
        return r.outcome();
    }

    /** Lanes held now: accounts with calls waiting or being settled. */
    public int lanes() {
        return lanes.lanes();
    }

    public GroupCommitLanes.Stats stats() {
        return lanes.stats();
    }
}
