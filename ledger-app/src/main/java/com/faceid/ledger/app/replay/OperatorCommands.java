package com.faceid.ledger.app.replay;

import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.integrity.KeptDigests;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.web.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The audit operations from the command line, against the configured store:
 * {@code java -jar ledger-app.jar verify} prints the verification report and exits 0 (no difference) or 1;
 * {@code java -jar ledger-app.jar verify --digests=kept.log} checks the digests kept in that file (log lines or JSON,
 * one a line) against the stored history instead, and exits 0 (every one consistent) or 1;
 * {@code java -jar ledger-app.jar replay} rebuilds every read model, printing progress, then verifies.
 */
@Component
public class OperatorCommands implements ApplicationRunner {
    private final ReplayService replay;
    private final ReadModelVerifier verifier;
    private final ReadModels readModels;
    private final ConfigurableApplicationContext context;
    private final KeptDigests kept;
    private final LedgerClock clock;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public OperatorCommands(ReplayService replay, ReadModelVerifier verifier, ReadModels readModels,
                            ConfigurableApplicationContext context, KeptDigests kept, LedgerClock clock) {
        this.kept = kept;
        this.clock = clock;
        this.replay = replay;
        this.verifier = verifier;
        this.readModels = readModels;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (args.getNonOptionArgs().contains("replay") || args.getNonOptionArgs().contains("verify")) {
            // a store run on a simulated clock is judged as of where that clock stands only if this start uses it
            System.out.println("ledger clock: " + (clock.isSimulated() ? "SIMULATED" : "SYSTEM") + ", now "
                    + clock.instant().atZone(clock.getZone()).toOffsetDateTime());
        }
        if (args.getNonOptionArgs().contains("replay")) {
            replay.start();
            long last = 0;
            while ("RUNNING".equals(replay.progress().status())) {
                if (System.nanoTime() - last > Duration.ofSeconds(2).toNanos()) {
                    System.out.println("replay: " + json.writeValueAsString(replay.progress().processors()));
                    last = System.nanoTime();
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            if ("FAILED".equals(replay.progress().status())) {
                System.out.println("replay: FAILED " + json.writeValueAsString(replay.progress()));
                exitWith(2);
                return;
            }
            System.out.println("replay: done " + json.writeValueAsString(replay.progress()));
            exitWith(report());
        } else if (args.getNonOptionArgs().contains("verify") && args.containsOption("digests")) {
            exitWith(checkDigests(Path.of(args.getOptionValues("digests").get(0))));
        } else if (args.getNonOptionArgs().contains("verify")) {
            // after a crash the old claims expire first (token claim timeout): wait up to a minute
            for (int i = 0; i < 6 && !readModels.awaitAll(); i++) {
                System.out.println("verify: read models still catching up");
            }
            exitWith(report());
        }
    }

    private int report() throws Exception {
        ReadModelVerifier.Report r = verifier.verify(readModels.awaitAll());
        System.out.println(json.writeValueAsString(r));
        return r.differences().isEmpty() ? 0 : 1;
    }

    private int checkDigests(Path file) throws Exception {
        List<KeptDigests.KeptDigest> digests;
        try {
            digests = KeptDigests.parseLines(Files.readAllLines(file));
        } catch (ApiException e) {
            System.out.println("verify: " + file + ": " + e.getMessage());
            return 2;
        }
        KeptDigests.Report r = kept.check(digests);
        System.out.println(json.writeValueAsString(r));
        return r.inconsistent() == 0 ? 0 : 1;
    }

    private void exitWith(int code) {
        System.exit(SpringApplication.exit(context, () -> code));
    }
}
