package com.faceid.ledger.app.demo;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.schedule.SimulatedTraffic;
import com.faceid.ledger.app.schedule.StepRunner;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.prepaid.BuyPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo (profile {@code demo}): on a simulated clock, three accounts and {@code ledger.demo.days} days of
 * generated traffic, fast-forwarded day by day so every grant activation, reminder, expiry and month close
 * happens on the way. Afterwards the traffic follows the clock: moving it forward (the API or the console) gives
 * each day on the way its calls and purchases, so the accounts keep live packages, calls this month and charts up
 * to now. Each day's traffic is the same whenever it is generated (a seed per day, request ids per day), and a
 * second start finds the accounts and carries on from the day the clock stands at.
 */
@Component
@ConditionalOnProperty(name = "ledger.demo.enabled", havingValue = "true")
public class DemoTraffic implements ApplicationRunner, SimulatedTraffic {
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    /** demo-retail buys 10,000 liveness checks on this day and every {@link #RESTOCK_DAYS} after (~120 a day). */
    static final int FIRST_RESTOCK_DAY = 75;
    static final int RESTOCK_DAYS = 80;

    private final Commands commands;
    private final StepRunner runner;
    private final LedgerClock clock;
    private final AccountQueries accounts;
    private final String zone;
    private final int days;
    private volatile boolean finished;
    /** The instant the accounts were opened: day d of the traffic starts at day0 + d days. */
    private Instant day0;
    /** The last day whose traffic is recorded. */
    private long lastDay;

    public DemoTraffic(Commands commands, StepRunner runner, LedgerClock clock, AccountQueries accounts,
                       LedgerProperties props) {
        this.commands = commands;
        this.runner = runner;
        this.clock = clock;
        this.accounts = accounts;
        this.zone = props.zone().getId();
        this.days = props.demo().days();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!clock.isSimulated()) {
            throw new IllegalStateException("the demo needs ledger.clock=simulated");
        }
        var bank = accounts.find("demo-bank");
        if (bank.isPresent()) {
            synchronized (this) {
                day0 = bank.get().openedAt();
                lastDay = Duration.between(day0, clock.instant()).toDays();
            }
            log.info("demo: accounts exist already; the clock stands at {} (day {}), traffic follows it",
                    clock.instant(), lastDay);
            finished = true;
            return;
        }
        Thread t = new Thread(() -> RequestContext.runAs("demo", "demo",
                () -> {
                    generate();
                    return null;
                }), "demo-traffic");
        t.setDaemon(true);
        t.start();
    }

    public boolean finished() {
        return finished;
    }

    /** A move of the clock once the first run is done: each whole day on the way gets its traffic first. */
    @Override
    public int advanceTo(Instant target) {
        if (!finished) {
            return runner.advanceTo(target); // the first run is still generating: it moves the clock itself
        }
        return RequestContext.runAs("demo", "demo", () -> follow(target));
    }

    private synchronized int follow(Instant target) {
        int ran = 0;
        long calls = 0;
        while (!day0.plus(Duration.ofDays(lastDay + 1)).isAfter(target)) {
            Instant at = day0.plus(Duration.ofDays(lastDay + 1));
            ran += runner.advanceTo(at);
            calls += day(lastDay + 1, at);
            lastDay++;
        }
        if (calls > 0) {
            log.info("demo: the clock moved to {}: {} calls metered on the way (through day {})", target, calls,
                    lastDay);
        }
        return ran + runner.advanceTo(target);
    }

    synchronized void generate() {
        long started = System.nanoTime();
        day0 = clock.instant();
        commands.send(new OpenAccount("demo-startup", day0, zone, true));
        commands.send(new OpenAccount("demo-retail", day0, zone, true));
        commands.send(new OpenAccount("demo-bank", day0, zone, true));
        commands.send(new BuyPackage("demo-retail", "demo-po-1", Service.LIVENESS_VERIFICATION, 10_000, day0));
        commands.send(new BuyPackage("demo-retail", "demo-po-2", Service.PHOTO_VERIFICATION, 1_000, day0));
        long calls = 0;
        for (int d = 1; d <= days; d++) {
            Instant at = day0.plus(Duration.ofDays(d));
            runner.advanceTo(at);
            calls += day(d, at);
            if (d % 30 == 0) {
                log.info("demo: day {} of {} ({}), {} calls metered", d, days, at, calls);
            }
        }
        lastDay = days;
        runner.advanceTo(day0.plus(Duration.ofDays(days)).plus(Duration.ofHours(1)));
        finished = true;
        log.info("demo: done in {} s: {} calls over {} days; the clock stands at {}. Try GET "
                        + "/api/v1/accounts/demo-retail/alerts or /api/v1/accounts/demo-bank/statements/{}",
                (System.nanoTime() - started) / 1_000_000_000, calls, days, clock.instant(),
                YearMonth.from(day0.atZone(clock.getZone())).plusMonths(1));
    }

    /** Day {@code d}'s purchases and calls, the clock standing at {@code at}; answers the calls metered. */
    private long day(long d, Instant at) {
        if (d >= FIRST_RESTOCK_DAY && (d - FIRST_RESTOCK_DAY) % RESTOCK_DAYS == 0) {
            commands.send(new BuyPackage("demo-retail", "demo-po-liveness-" + d, Service.LIVENESS_VERIFICATION,
                    10_000, at));
        }
        if (d % 120 == 0) { // ~7.5 photo checks a day: a 1,000 package lasts about 130 days
            commands.send(new BuyPackage("demo-retail", "demo-po-photo-" + d, Service.PHOTO_VERIFICATION, 1_000, at));
        }
        if (d >= 300 && d % 60 == 0) { // the startup grows out of its free grant into packages (~15 calls a day)
            commands.send(new BuyPackage("demo-startup", "demo-po-photo-" + d, Service.PHOTO_VERIFICATION, 1_000,
                    at));
        }
        Random random = new Random(42L * 1_000_003L + d); // the same day's traffic whenever it is generated
        long calls = 0;
        calls += meter("demo-startup", Service.PHOTO_VERIFICATION, 5 + random.nextInt(20), at, d, random);
        calls += meter("demo-retail", Service.LIVENESS_VERIFICATION, 80 + random.nextInt(80), at, d, random);
        calls += meter("demo-retail", Service.PHOTO_VERIFICATION, 5 + random.nextInt(10), at, d, random);
        calls += meter("demo-bank", Service.ID_VERIFICATION, 100 + random.nextInt(100), at, d, random);
        calls += meter("demo-bank", Service.BANK_CARD_VERIFICATION, 40 + random.nextInt(40), at, d, random);
        return calls;
    }

    private int meter(String account, Service service, int n, Instant day, long d, Random random) {
        List<MeterCall> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String result = random.nextInt(25) == 0 ? "FailedOperation.LivenessDetectFail" : "Success";
            // the clock stands at the day's start: each call occurs then (a call cannot occur ahead of the clock)
            calls.add(new MeterCall(account, service.name() + "-" + d + "-" + i, service, day, result,
                    clock.instant()));
        }
        commands.send(new MeterCalls(account, calls));
        return n;
    }
}
