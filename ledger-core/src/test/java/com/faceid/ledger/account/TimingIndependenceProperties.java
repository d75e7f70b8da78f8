package com.faceid.ledger.account;

import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Reminders;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.RecordAdjustment;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * billing-rules §9, "no answer may depend on whether a background step has run yet", as a property: the
 * same customer and operator commands, at the same ledger-clock instants, are run three times: with the
 * scheduler's steps (grant activation, package expiry, expiry reminders, month close) run at their due
 * instant, run late (by a random delay, and tried too early first, which is refused), and never run. Every
 * command must get the same answer in all three: the same outcome, or the same refusal code.
 */
class TimingIndependenceProperties {
    static final Service[] SERVICES = {Service.LIVENESS_VERIFICATION, Service.PHOTO_VERIFICATION,
            Service.WECHAT_LIVENESS_VERIFICATION, Service.BANK_CARD_VERIFICATION};
    static final AtomicInteger accounts = new AtomicInteger();
    static LedgerHarness onTime;
    static LedgerHarness late;
    static LedgerHarness never;

    sealed interface Step permits Buy, Calls, Advance, NearNextDue, Straddle, Switch, Adjust, Price {
    }

    record Buy(Service service, int size, int lagHours) implements Step {
    }

    /** Calls occurring {@code lagHours} before the clock; some repeat an earlier id (same or other content). */
    record Calls(Service service, int count, int lagHours, String result, int repeat) implements Step {
    }

    record Advance(int hours) implements Step {
    }

    /** Moves the clock to the next instant the schedule holds, give or take a few days: where edges are. */
    record NearNextDue(int offsetHours) implements Step {
    }

    /**
     * Moves the clock {@code afterHours} past the next instant the schedule holds for steps of {@code kind}
     * (expire, close, remind, activate) and meters calls that occurred {@code beforeHours} before it:
     * back-dated calls across an expiry, a close deadline, a reminder.
     */
    record Straddle(String kind, Service service, int count, int afterHours, int beforeHours) implements Step {
    }

    record Switch(boolean on) implements Step {
    }

    record Adjust(int monthsBack, int cents) implements Step {
    }

    record Price(int monthsBack) implements Step {
    }

    enum Scheduler { ON_TIME, LATE, NEVER }

    @BeforeContainer
    static void start() {
        onTime = LedgerHarness.plain();
        late = LedgerHarness.plain();
        never = LedgerHarness.plain();
    }

    @AfterContainer
    static void stop() {
        onTime.close();
        late.close();
        never.close();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> buy = Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.of(100, 1000),
                Arbitraries.integers().between(0, 80)).as(Buy::new);
        Arbitrary<Step> calls = Combinators.combine(Arbitraries.of(SERVICES), Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 80), Arbitraries.of("Success", "Success", "NoFaceDetected", null),
                Arbitraries.of(0, 0, 0, 1, 2)).as(Calls::new);
        // long advances too, so packages (1 year) and months run past their instants between commands
        Arbitrary<Step> advance = Arbitraries.oneOf(Arbitraries.integers().between(1, 72),
                Arbitraries.integers().between(24, 24 * 60), Arbitraries.integers().between(24 * 60, 24 * 200))
                .map(Advance::new);
        Arbitrary<Step> sw = Arbitraries.of(true, false).map(Switch::new);
        Arbitrary<Step> adjust = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(-5000, 5000).filter(c -> c != 0)).as(Adjust::new);
        Arbitrary<Step> price = Arbitraries.integers().between(0, 2).map(Price::new);
        Arbitrary<Step> nearDue = Arbitraries.integers().between(-80, 80).map(NearNextDue::new);
        Arbitrary<Step> straddle = Combinators.combine(Arbitraries.of("expire", "close", "remind", "activate"),
                Arbitraries.of(SERVICES), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(0, 60), Arbitraries.integers().between(1, 60)).as(Straddle::new);
        return Arbitraries.frequencyOf(Tuple.of(3, buy), Tuple.of(8, calls), Tuple.of(5, advance),
                Tuple.of(4, nearDue), Tuple.of(4, straddle), Tuple.of(1, sw),
                Tuple.of(2, adjust), Tuple.of(1, price)).list().ofMinSize(30).ofMaxSize(100);
    }

    @Property(tries = 40)
    void everyCommandGetsTheSameAnswerHoweverTheSchedulerRuns(@ForAll("steps") List<Step> steps,
                                                              @ForAll("lateness") Duration lateness) {
        String id = "t-" + accounts.incrementAndGet();
        List<Object> a = run(onTime, id, steps, Scheduler.ON_TIME, Duration.ZERO);
        List<Object> b = run(late, id, steps, Scheduler.LATE, lateness);
        List<Object> c = run(never, id, steps, Scheduler.NEVER, Duration.ZERO);
        sameAnswers("late scheduler (" + lateness + ")", b, a);
        sameAnswers("no scheduler", c, a);
    }

    /** Names the first command whose answer differs (the lists are long). */
    private static void sameAnswers(String run, List<Object> actual, List<Object> onTime) {
        for (int i = 0; i < Math.min(actual.size(), onTime.size()); i++) {
            assertThat(actual.get(i)).as("%s, answer #%d", run, i).isEqualTo(onTime.get(i));
        }
        assertThat(actual).as(run).hasSameSizeAs(onTime);
    }

    @Provide
    Arbitrary<Duration> lateness() {
        return Arbitraries.longs().between(1, 24 * 60 * 20).map(Duration::ofMinutes);
    }

    /** Runs the steps; answers each customer or operator command's outcome or refusal code, in order. */
    private List<Object> run(LedgerHarness h, String id, List<Step> steps, Scheduler scheduler, Duration lateness) {
        Instant now = t("2026-01-10T10:00");
        BillingCalendar cal = new BillingCalendar(BillingCalendar.DEFAULT_ZONE);
        Set<String> ran = new HashSet<>();
        List<Object> answers = new ArrayList<>();
        answers.add(attempt(h, new OpenAccount(id, now, "Asia/Shanghai", true, now)));
        int requests = 0;
        int purchases = 0;
        int adjustments = 0;
        for (Step s : steps) {
            Instant target = null;
            if (s instanceof Advance a) {
                target = now.plus(Duration.ofHours(a.hours()));
            } else if (s instanceof NearNextDue n) {
                target = nextDue(h, id, cal, now, "").map(at -> at.plus(Duration.ofHours(n.offsetHours())))
                        .orElse(null);
            } else if (s instanceof Straddle st) {
                target = nextDue(h, id, cal, now, st.kind()).map(at -> at.plus(Duration.ofHours(st.afterHours())))
                        .orElse(null);
            }
            if (target != null && !target.isAfter(now)) {
                target = null;
            }
            if (target != null) {
                if (scheduler != Scheduler.NEVER) {
                    runSteps(h, id, cal, ran, target, scheduler == Scheduler.LATE ? lateness : Duration.ZERO);
                }
                now = target;
            }
            if (s instanceof Straddle st && target != null) {
                Instant occurred = now.minus(Duration.ofHours(st.afterHours() + st.beforeHours()));
                for (int i = 0; i < st.count(); i++) {
                    answers.add(attempt(h, new MeterCall(id, "r-" + requests++, st.service(), occurred, null, now)));
                }
            } else if (s instanceof Buy b) {
                answers.add(attempt(h, new BuyPackage(id, "po-" + purchases++, b.service(), b.size(),
                        now.minus(Duration.ofHours(b.lagHours())), now)));
            } else if (s instanceof Calls c) {
                Instant at = now.minus(Duration.ofHours(c.lagHours()));
                List<MeterCall> batch = new ArrayList<>();
                for (int i = 0; i < c.count(); i++) {
                    String rid = c.repeat() > 0 && requests > 0 ? "r-" + (requests / 2) : "r-" + requests++;
                    Service service = c.repeat() == 2 ? Service.PHONE_VERIFICATION : c.service();
                    MeterCall call = new MeterCall(id, rid, service, at, c.result(), now);
                    if (i % 2 == 0) {
                        answers.add(attempt(h, call));
                    } else {
                        batch.add(call);
                    }
                }
                if (!batch.isEmpty()) {
                    answers.add(attempt(h, new MeterCalls(id, batch)));
                }
            } else if (s instanceof Switch w) {
                answers.add(attempt(h, new SwitchPostpaid(id, w.on(), now, "prop")));
            } else if (s instanceof Adjust a) {
                answers.add(attempt(h, new RecordAdjustment(id, "adj-" + adjustments++,
                        cal.monthOf(now).minusMonths(a.monthsBack()), BigDecimal.valueOf(a.cents(), 2), "prop",
                        null, "ops", now)));
            } else if (s instanceof Price p) {
                answers.add(attempt(h, new AgreeNegotiatedPrice(id, Service.LIVENESS_VERIFICATION,
                        new BigDecimal("0.40"), cal.monthOf(now).minusMonths(p.monthsBack()), "sales", now)));
            }
        }
        return answers;
    }

    /**
     * Runs every step the schedule would hold that falls due up to {@code upTo - lateness}, in due order, at
     * its due instant plus {@code lateness}; a late scheduler also tries each step an hour early first (which
     * the rules refuse, changing nothing). The steps are what ScheduleProjection derives from the events.
     */
    private void runSteps(LedgerHarness h, String id, BillingCalendar cal, Set<String> ran, Instant upTo,
                          Duration lateness) {
        while (true) {
            List<Due> due = schedule(h, id, cal, upTo);
            Due next = due.stream().filter(d -> !ran.contains(d.key()) && !d.at().plus(lateness).isAfter(upTo))
                    .min(java.util.Comparator.comparing(Due::at)).orElse(null);
            if (next == null) {
                return;
            }
            ran.add(next.key());
            if (!lateness.isZero()) {
                attempt(h, next.command().apply(next.at().minus(Duration.ofHours(1))));
            }
            attempt(h, next.command().apply(next.at().plus(lateness)));
        }
    }

    private static java.util.Optional<Instant> nextDue(LedgerHarness h, String id, BillingCalendar cal, Instant now,
                                                       String kind) {
        return schedule(h, id, cal, now.plus(Duration.ofDays(800))).stream().filter(d -> d.key().startsWith(kind))
                .map(Due::at).filter(at -> at.isAfter(now)).min(Instant::compareTo);
    }

    /** The steps the schedule holds for the account's events, months up to {@code upTo}. */
    private static List<Due> schedule(LedgerHarness h, String id, BillingCalendar cal, Instant upTo) {
        List<Due> due = new ArrayList<>();
        YearMonth first = null;
        for (Object e : h.events(id)) {
            if (e instanceof AccountOpened o) {
                first = cal.monthOf(o.openedAt());
            } else if (e instanceof FreeGrantIssued g) {
                due.add(new Due(g.effectiveFrom(), "activate " + g.packageId(),
                        at -> new ActivateGrant(id, g.packageId(), at)));
                packageSteps(due, id, cal, g.packageId(), g.expiresAt());
            } else if (e instanceof PackagePurchased p) {
                packageSteps(due, id, cal, p.packageId(), p.expiresAt());
            }
        }
        for (YearMonth m = first; m != null && !cal.monthStart(m).isAfter(upTo); m = m.plusMonths(1)) {
            YearMonth month = m;
            due.add(new Due(cal.closeDeadline(m, BillingPolicy.STANDARD_CLOSE_GRACE), "close " + m,
                    at -> new CloseStatement(id, month, at, "scheduler")));
        }
        return due;
    }

    /** A step of the schedule: when it falls due, its key (run once), and its command (the time set on running). */
    record Due(Instant at, String key, java.util.function.Function<Instant, Object> command) {
    }

    private static void packageSteps(List<Due> due, String id, BillingCalendar cal, String packageId,
                                     Instant expiresAt) {
        due.add(new Due(expiresAt, "expire " + packageId, at -> new ExpirePackage(id, packageId, at)));
        for (int days : Reminders.STANDARD.expiryDays()) {
            due.add(new Due(cal.daysBefore(expiresAt, days), "remind " + packageId + ":" + days,
                    at -> new RemindExpiry(id, packageId, days, at)));
        }
    }

    private static Object attempt(LedgerHarness h, Object command) {
        try {
            Object r = h.send(command);
            return r == null ? "ok" : r;
        } catch (LedgerException e) {
            return e.code();
        }
    }
}
