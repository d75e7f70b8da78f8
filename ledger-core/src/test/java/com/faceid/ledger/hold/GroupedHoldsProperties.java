package com.faceid.ledger.hold;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.support.LedgerHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit for holds changes nothing (billing-rules §9): any history of places, captures and voids, sent
 * as {@link SettleHolds} groups cut anywhere, gives the same results and the same events as the same history
 * sent one command at a time. The histories reuse holdIds and requestIds (repeats, conflicts, a capture whose
 * requestId a plain call took), cross hold expiries and switch postpaid, so a group meets its own decisions:
 * a hold placed, captured and placed again in one group is answered from that group, not placed twice.
 */
class GroupedHoldsProperties {
    static final Service S = Service.WECHAT_LIVENESS_VERIFICATION;
    static final AtomicInteger accounts = new AtomicInteger();
    static LedgerHarness oneByOne;
    static LedgerHarness grouped;

    sealed interface Step permits Op, Call, Advance, Switch, Cut {
    }

    /** A hold operation: kind 0 place, 1 capture, 2 void; {@code other} varies the service or result. */
    record Op(int kind, int hold, int request, boolean other) implements Step {
    }

    record Call(int request) implements Step {
    }

    record Advance(int seconds) implements Step {
    }

    record Switch(boolean on) implements Step {
    }

    /** Where the grouped history ends one group and starts the next. */
    record Cut() implements Step {
    }

    @BeforeContainer
    static void start() {
        oneByOne = LedgerHarness.plain();
        grouped = LedgerHarness.plain();
    }

    @AfterContainer
    static void stop() {
        oneByOne.close();
        grouped.close();
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> op = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers()
                .between(0, 7), Arbitraries.integers().between(0, 9), Arbitraries.of(false, false, false, true))
                .as(Op::new);
        Arbitrary<Step> call = Arbitraries.integers().between(0, 9).map(Call::new);
        Arbitrary<Step> advance = Arbitraries.integers().between(1, 200).map(Advance::new);
        Arbitrary<Step> sw = Arbitraries.of(true, false).map(Switch::new);
        return Arbitraries.frequencyOf(Tuple.of(20, op), Tuple.of(2, call), Tuple.of(3, advance), Tuple.of(1, sw),
                Tuple.of(3, Arbitraries.just(new Cut()))).list().ofMinSize(5).ofMaxSize(80);
    }

    @Property(tries = 100)
    void settlingHoldsInGroupsGivesTheSameResultsAndEventsAsOneAtATime(@ForAll("histories") List<Step> history) {
        String a = "g-" + accounts.incrementAndGet();
        for (LedgerHarness ledger : List.of(oneByOne, grouped)) {
            ledger.send(new OpenAccount(a, t("2026-03-10T15:00"), "Asia/Shanghai", false));
            ledger.send(new BuyPackage(a, "po-1", S, 100, t("2026-03-11T09:00")));
        }
        Instant now = t("2026-03-12T10:00");
        List<MeterCall> used = new ArrayList<>();
        for (int i = 0; i < 94; i++) { // six units left: holds and calls compete for them
            used.add(new MeterCall(a, "pre-" + i, S, now, null, now));
        }
        for (LedgerHarness ledger : List.of(oneByOne, grouped)) {
            ledger.send(new com.faceid.ledger.metering.MeterCalls(a, used));
        }
        List<HoldResult> single = new ArrayList<>();
        List<HoldResult> inGroups = new ArrayList<>();
        List<HoldOperation> group = new ArrayList<>();
        List<CallTrace> traces = new ArrayList<>();
        for (Step s : history) {
            if (s instanceof Op o) {
                HoldOperation op = operation(a, o, now);
                single.add(one(op));
                group.add(op);
                traces.add(new CallTrace("gateway", "corr-" + traces.size()));
                continue;
            }
            flush(a, group, traces, inGroups); // anything else is a command of its own: the group ends
            if (s instanceof Call c) {
                for (LedgerHarness ledger : List.of(oneByOne, grouped)) {
                    quietly(ledger, new MeterCall(a, "r-" + c.request(), S, now, null, now));
                }
            } else if (s instanceof Advance adv) {
                now = now.plusSeconds(adv.seconds());
            } else if (s instanceof Switch w) {
                for (LedgerHarness ledger : List.of(oneByOne, grouped)) {
                    ledger.send(new SwitchPostpaid(a, w.on(), now, "prop"));
                }
            }
        }
        flush(a, group, traces, inGroups);
        assertThat(inGroups).isEqualTo(single);
        assertThat(grouped.events(a)).isEqualTo(oneByOne.events(a));
    }

    private static HoldOperation operation(String a, Op o, Instant now) {
        String holdId = "h-" + o.hold();
        return switch (o.kind()) {
            case 0 -> new PlaceHold(a, holdId, o.other() ? Service.PHOTO_VERIFICATION : S, null, now);
            case 1 -> new CaptureHold(a, holdId, "r-" + o.request(), now, o.other() ? "NoFaceDetected" : null, now);
            default -> new VoidHold(a, holdId, now);
        };
    }

    private static HoldResult one(HoldOperation op) {
        try {
            Object answer = oneByOne.send(op);
            return answer instanceof HoldReceipt r ? HoldResult.of(r)
                    : HoldResult.of((com.faceid.ledger.metering.CallOutcome) answer);
        } catch (LedgerException e) {
            return HoldResult.refused(e.code(), e.getMessage());
        }
    }

    private static void flush(String a, List<HoldOperation> group, List<CallTrace> traces, List<HoldResult> out) {
        if (!group.isEmpty()) {
            List<HoldResult> results = grouped.send(new SettleHolds(a, group, traces));
            assertThat(results).hasSize(group.size());
            out.addAll(results);
        }
        group.clear();
        traces.clear();
    }

    private static void quietly(LedgerHarness ledger, Object command) {
        try {
            ledger.send(command);
        } catch (LedgerException refused) {
            // a plain call refused (no unit left, postpaid off) is refused alike in both ledgers
        }
    }
}
