package com.faceid.ledger.app.time;

import com.faceid.ledger.app.LedgerApplication;
import com.faceid.ledger.app.support.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store last run on a simulated clock, opened on the real one (a command-line tool started without the clock
 * options, as a new user would): the start says so loudly, naming where the simulated clock stands and the option
 * that goes on from there (issue "The console a support agent needs no training for", the first hour).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class StoreClockTest {
    static ConfigurableApplicationContext start(String dir, String... clock) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                "--ledger.scheduler-enabled=false", "--logging.level.org.axonframework=WARN"));
        args.addAll(List.of(Http.KEY_ARGS));
        args.addAll(List.of(clock));
        return new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void aSystemClockStartOnAStoreRunSimulatedSaysWhereThatClockStands() {
        String dir = "./target/h2/store-clock-" + UUID.randomUUID();
        try (ConfigurableApplicationContext simulated = start(dir, Http.CLOCK_ARGS)) {
            assertThat(simulated.isActive()).isTrue();
        }
        // Spring Boot sets logging up anew at each start, so the console output is read, as an operator would
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            try (ConfigurableApplicationContext system = start(dir, "--ledger.clock=system")) {
                System.setOut(original);
                assertThat(captured.toString(StandardCharsets.UTF_8))
                        .contains("this store was run on a SIMULATED clock, which stands at 2026-04-01T12:00+08:00")
                        .contains("--ledger.clock=simulated");
            } finally {
                System.setOut(original);
            }
        }
    }
}
