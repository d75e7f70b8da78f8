package com.faceid.ledger.app.support;

import com.faceid.ledger.app.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A ledger started by a property class (jqwik runs outside Spring's test extension): a fresh H2 file of its own
 * (a PostgreSQL schema of its own with LEDGER_TEST_DB=postgres), the test keys and simulated clock, no background
 * scheduler, quiet logs; {@code extra} adds or overrides settings.
 */
public final class StartedLedger {
    private StartedLedger() {
    }

    public static ConfigurableApplicationContext start(String name, String... extra) {
        String dir = "./target/h2/" + name + "-" + UUID.randomUUID();
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + dir + "/ledger;WRITE_DELAY=0",
                "--logging.level.org.axonframework=WARN", "--logging.level.com.faceid=WARN",
                "--ledger.scheduler-enabled=false"));
        args.addAll(List.of(extra));
        args.addAll(List.of(Http.KEY_ARGS));
        args.addAll(List.of(Http.CLOCK_ARGS));
        return new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new));
    }

    public static Http http(ConfigurableApplicationContext ctx) {
        return new Http(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port")));
    }
}
