package com.faceid.ledger.account;

import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.PostpaidSwitched;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.support.LedgerHarness;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.CommandExecutionException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random command sequences over about two years of an account's life. Checked on the events alone:
 * packages never go below zero or above their size, never pay outside their validity or for another
 * service; billable = free + purchased + postpaid + refused on every closed line, and each line equals
 * the calls recorded for it; a request id is charged once. The same sequence is run on a plain
 * repository and on one that restores from (Jackson round-tripped) snapshots every few events: both
 * must decide exactly the same events and end in the same state.
 */
class AccountProperties {
    static LedgerHarness plain;
    static LedgerHarness snapshotting;
    static final AtomicInteger accounts = new AtomicInteger();
    static final Service[] SERVICES = {Service.LIVENESS_VERIFICATION, Service.PHOTO_VERIFICATION,
            Service.LIVENESS_COMPARISON, Service.WECHAT_LIVENESS_VERIFICATION, Service.BANK_CARD_VERIFICATION};
    static final String[] RESULTS = {"Success", "Success", "Success", "IdNameMisMatch", "NoFaceDetected", null};

    sealed interface Step permits Buy, Calls, Advance, Switch, Close, ExpireDue {
    }

    record Buy(Service service, int size) implements Step {
    }

    record Calls(Service service, int count, int lagHours, String result, boolean repeatEarlierId) implements Step {
    }

    record Advance(int hours) implements Step {
    }

    record Switch(boolean on) implements Step {
    }

    record Close() implements Step {
    }

    record ExpireDue() implements Step {
    }

    @BeforeContainer
    static void start() {
        plain = new LedgerHarness(BillingPolicy.standard(), 0, false);
        snapshotting = new LedgerHarness(BillingPolicy.standard(), 7, false);
    }

    @AfterContainer
    static void stop() {
        plain.close();
        snapshotting.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> buy = Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.of(100, 100, 1000, 5000))
                .as(Buy::new);
        Arbitrary<Step> calls = Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, 72), Arbitraries.of(RESULTS), Arbitraries.of(false, false, true))
                .as(Calls::new);
        Arbitrary<Step> advance = Arbitraries.integers().between(1, 24 * 45).map(Advance::new);
        Arbitrary<Step> sw = Arbitraries.of(true, false).map(Switch::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, buy), net.jqwik.api.Tuple.of(8, calls), net.jqwik.api.Tuple.of(5, advance),
                net.jqwik.api.Tuple.of(1, sw), net.jqwik.api.Tuple.of(2, Arbitraries.just(new Close())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new ExpireDue())));
        return step.list().ofMinSize(5).ofMaxSize(45);
    }

    @Property(tries = 60)
    void rulesHoldAndSnapshotsDecideTheSame(@ForAll("steps") List<Step> steps) {
        String id = "prop-" + accounts.incrementAndGet();
        List<Object> outcomesPlain = run(plain, id, steps);
        List<Object> outcomesSnap = run(snapshotting, id, steps);
        List<Object> events = plain.events(id);

        assertThat(outcomesSnap).isEqualTo(outcomesPlain);
        assertThat(snapshotting.events(id)).isEqualTo(events);
        assertThat(snapshotting.stateJson(id)).isEqualTo(plain.stateJson(id));
        checkInvariants(events, outcomesPlain);
        // the what-if identity (§9): the history re-rated with no change gives every closed statement again
        com.faceid.ledger.support.ReratingIdentity.assertReproducesEveryStatement(events, BillingPolicy.standard(),
                t("2029-01-01T00:00"));
    }

    /** Runs the steps; answers what each command returned or the error code it was refused with. */
    private List<Object> run(LedgerHarness ledger, String id, List<Step> steps) {
        Instant now = t("2026-01-10T10:00");
        List<Object> outcomes = new ArrayList<>();
        outcomes.add(attempt(ledger, new OpenAccount(id, now, "Asia/Shanghai", true)));
        BillingCalendar cal = new BillingCalendar(BillingCalendar.DEFAULT_ZONE);
        int requests = 0;
        int purchases = 0;
        for (Step s : steps) {
            if (s instanceof Buy b) {
                outcomes.add(attempt(ledger, new BuyPackage(id, "po-" + purchases++, b.service(), b.size(), now)));
            } else if (s instanceof Calls c) {
                Instant at = now.minus(Duration.ofHours(c.lagHours()));
                for (int i = 0; i < c.count(); i++) {
                    String rid = c.repeatEarlierId() && requests > 0 ? "r-" + (requests / 2) : "r-" + requests++;
                    outcomes.add(attempt(ledger, new MeterCall(id, rid, c.service(), at, c.result(), now)));
                }
            } else if (s instanceof Advance a) {
                now = now.plus(Duration.ofHours(a.hours()));
            } else if (s instanceof Switch w) {
                outcomes.add(attempt(ledger, new SwitchPostpaid(id, w.on(), now, "prop")));
            } else if (s instanceof Close) {
                outcomes.add(attempt(ledger, new CloseStatement(id, cal.monthOf(now).minusMonths(1), now, "prop")));
            } else if (s instanceof ExpireDue) {
                for (Object ev : ledger.events(id)) {
                    if (ev instanceof PackagePurchased p && !now.isBefore(p.expiresAt())) {
                        outcomes.add(attempt(ledger, new ExpirePackage(id, p.packageId(), now)));
                    } else if (ev instanceof FreeGrantIssued g && !now.isBefore(g.expiresAt())) {
                        outcomes.add(attempt(ledger, new ExpirePackage(id, g.packageId(), now)));
                    }
                }
            }
        }
        return outcomes;
    }

    private Object attempt(LedgerHarness ledger, Object command) {
        try {
            Object r = ledger.send(command);
            return r == null ? "ok" : r;
        } catch (LedgerException e) {
            return e.code();
        } catch (CommandExecutionException e) {
            throw e;
        }
    }

    private void checkInvariants(List<Object> events, List<Object> outcomes) {
        record Pkg(Service service, int size, Instant from, Instant to) {
        }
        Map<String, Pkg> packages = new HashMap<>();
        Map<String, Integer> remaining = new HashMap<>();
        Set<String> expired = new HashSet<>();
        Set<String> charged = new HashSet<>();
        Map<String, long[]> counted = new HashMap<>(); // month|service -> calls, billable, free, purchased, post, refused
        boolean postpaidOn = true;
        for (Object e : events) {
            if (e instanceof AccountOpened o) {
                postpaidOn = o.postpaidEnabled();
            } else if (e instanceof PostpaidSwitched p) {
                postpaidOn = p.enabled();
            } else if (e instanceof FreeGrantIssued g) {
                packages.put(g.packageId(), new Pkg(g.service(), g.size(), g.effectiveFrom(), g.expiresAt()));
                remaining.put(g.packageId(), g.size());
            } else if (e instanceof PackagePurchased p) {
                packages.put(p.packageId(), new Pkg(p.service(), p.size(), p.purchasedAt(), p.expiresAt()));
                remaining.put(p.packageId(), p.size());
            } else if (e instanceof PackageExpired x) {
                assertThat(x.forfeited()).isEqualTo(remaining.get(x.packageId()));
                assertThat(expired.add(x.packageId())).as("expired once").isTrue();
            } else if (e instanceof CallMetered c) {
                assertThat(charged.add(c.requestId())).as("requestId %s charged once", c.requestId()).isTrue();
                if (c.packageId() != null) {
                    Pkg p = packages.get(c.packageId());
                    assertThat(p.service()).isEqualTo(c.service());
                    assertThat(c.occurredAt()).isAfterOrEqualTo(p.from()).isBefore(p.to());
                    assertThat(expired).doesNotContain(c.packageId());
                    int left = remaining.get(c.packageId()) - 1;
                    assertThat(c.packageRemainingAfter()).isEqualTo(left);
                    assertThat(left).isBetween(0, p.size());
                    remaining.put(c.packageId(), left);
                }
                assertThat(c.billable()).isEqualTo(c.chargedTo() != ChargedTo.NONE);
                assertThat(c.chargedTo()).isNotEqualTo(postpaidOn ? ChargedTo.REFUSED : ChargedTo.POSTPAID);
                long[] n = counted.computeIfAbsent(c.month() + "|" + c.service(), k -> new long[6]);
                n[0]++;
                n[1] += c.billable() ? 1 : 0;
                n[2] += c.chargedTo() == ChargedTo.FREE ? 1 : 0;
                n[3] += c.chargedTo() == ChargedTo.PURCHASED ? 1 : 0;
                n[4] += c.chargedTo() == ChargedTo.POSTPAID ? 1 : 0;
                n[5] += c.chargedTo() == ChargedTo.REFUSED ? 1 : 0;
                assertThat(c.monthPostpaidCount()).isEqualTo(n[4]);
            } else if (e instanceof StatementClosed s) {
                for (StatementLine l : s.lines()) {
                    assertThat(l.billable()).isEqualTo(l.paidByFree() + l.paidByPurchased() + l.postpaidCount()
                            + l.refused());
                    long[] n = counted.get(s.month() + "|" + l.service());
                    assertThat(new long[]{l.calls(), l.billable(), l.paidByFree(), l.paidByPurchased(),
                            l.postpaidCount(), l.refused()}).isEqualTo(n);
                }
                long linesWithCalls = counted.keySet().stream().filter(k -> k.startsWith(s.month() + "|")).count();
                assertThat(s.lines()).hasSize((int) linesWithCalls);
            }
        }
        // every duplicate answered the first outcome of its id
        Map<String, CallOutcome> first = new HashMap<>();
        for (Object o : outcomes) {
            if (o instanceof CallOutcome c) {
                if (c.duplicate()) {
                    assertThat(first.get(c.requestId())).isEqualTo(new CallOutcome(c.requestId(), c.billable(),
                            c.chargedTo(), c.packageId(), false));
                } else {
                    assertThat(first.putIfAbsent(c.requestId(), c)).isNull();
                }
            }
        }
    }

}
