package com.faceid.ledger.app.demo;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.schedule.StepRunner;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import com.faceid.ledger.app.security.RequestContext;
import java.time.YearMonth;

/**
 * The demo (profile {@code demo}): on a simulated clock, three accounts and {@code ledger.demo.days} days of
 * generated traffic, fast-forwarded day by day so every grant activation, reminder, expiry and month close
 * happens on the way. Runs once per database: a second start finds the accounts and leaves them alone.
 */
@Component
@ConditionalOnProperty(name = "ledger.demo.enabled", havingValue = "true")
public class DemoTraffic implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    private final Commands commands;
    private final StepRunner runner;
    private final LedgerClock clock;
    private final AccountQueries accounts;
    private final String zone;
    private final int days;
    private volatile boolean finished;

    public DemoTraffic(Commands commands, StepRunner runner, LedgerClock clock, AccountQueries accounts,
                       LedgerProperties props) {
        this.commands = commands;
        this.runner = runner;
        this.clock = clock;
        this.accounts = accounts;
        this.zone = props.zone();
        this.days = props.demo().days();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!clock.isSimulated()) {
            throw new IllegalStateException("the demo needs ledger.clock=simulated");
        }
        if (accounts.find("demo-bank").isPresent()) {
            log.info("demo: accounts exist already; the clock stands at {}", clock.instant());
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

    void generate() {
        long started = System.nanoTime();
        Random random = new Random(42);
        Instant day0 = clock.instant();
        commands.send(new OpenAccount("demo-startup", day0, zone, true));
        commands.send(new OpenAccount("demo-retail", day0, zone, true));
        commands.send(new OpenAccount("demo-bank", day0, zone, true));
        commands.send(new BuyPackage("demo-retail", "demo-po-1", Service.LIVENESS_VERIFICATION, 10_000, day0));
        commands.send(new BuyPackage("demo-retail", "demo-po-2", Service.PHOTO_VERIFICATION, 1_000, day0));
        long calls = 0;
        for (int d = 1; d <= days; d++) {
            Instant at = day0.plus(Duration.ofDays(d));
            runner.advanceTo(at);
            if (d == 75) {
                commands.send(new BuyPackage("demo-retail", "demo-po-3", Service.LIVENESS_VERIFICATION, 10_000, at));
            }
            calls += meter("demo-startup", Service.PHOTO_VERIFICATION, 5 + random.nextInt(20), at, d, random);
            calls += meter("demo-retail", Service.LIVENESS_VERIFICATION, 80 + random.nextInt(80), at, d, random);
            calls += meter("demo-retail", Service.PHOTO_VERIFICATION, 5 + random.nextInt(10), at, d, random);
            calls += meter("demo-bank", Service.ID_VERIFICATION, 100 + random.nextInt(100), at, d, random);
            calls += meter("demo-bank", Service.BANK_CARD_VERIFICATION, 40 + random.nextInt(40), at, d, random);
            if (d % 30 == 0) {
                log.info("demo: day {} of {} ({}), {} calls metered", d, days, at, calls);
            }
        }
        runner.advanceTo(day0.plus(Duration.ofDays(days)).plus(Duration.ofHours(1)));
        finished = true;
        log.info("demo: done in {} s: {} calls over {} days; the clock stands at {}. Try GET "
                        + "/api/v1/accounts/demo-retail/alerts or /api/v1/accounts/demo-bank/statements/{}",
                (System.nanoTime() - started) / 1_000_000_000, calls, days, clock.instant(),
                YearMonth.from(day0.atZone(clock.getZone())).plusMonths(1));
    }

    private int meter(String account, Service service, int n, Instant day, int d, Random random) {
        List<MeterCall> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant at = day.plusSeconds(random.nextInt(8 * 3600));
            String result = random.nextInt(25) == 0 ? "FailedOperation.LivenessDetectFail" : "Success";
            calls.add(new MeterCall(account, service.name() + "-" + d + "-" + i, service,
                    at.isAfter(clock.instant()) ? clock.instant() : at, result, clock.instant()));
        }
        commands.send(new MeterCalls(account, calls));
        return n;
    }
}
