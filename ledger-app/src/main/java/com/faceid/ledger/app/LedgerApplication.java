package com.faceid.ledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Arrays;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;

/**
 * The faceid-ledger service: HTTP API, read models and persistence around the ledger-core domain. Spring Boot's
 * Kafka auto-configuration is left out: the ledger's own ({@code kafka.KafkaIntake}) is on only when
 * {@code ledger.kafka.bootstrap-servers} is set.
 */
@SpringBootApplication(exclude = KafkaAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LedgerApplication {
    /** Exit code of the operator commands when the store is held by a running ledger (H2 file lock). */
    public static final int EXIT_STORE_IN_USE = 3;

    /**
     * How an operator command (verify, replay, what-if, advice) runs: no web server, quiet logs, and neither the
     * scheduler nor the webhook sender, so a command that reads or rebuilds never records a time-driven step
     * nor sends a notification on the side (the service does both when it runs). Defaults: settings given on
     * the command line still win.
     */
    static final Map<String, Object> OPERATOR_COMMAND_DEFAULTS = Map.of(
            "ledger.scheduler-enabled", "false",
            "ledger.webhooks.sender-enabled", "false",
            "logging.level.root", "ERROR",
            "logging.level.org.springframework.context", "OFF",
            "logging.level.org.springframework.boot.SpringApplication", "OFF",
            "logging.level.com.zaxxer.hikari", "OFF",
            "logging.level.org.springframework.boot.autoconfigure.logging", "OFF",
            "logging.level.org.springframework.core.annotation", "ERROR",
            "logging.level.org.springframework.boot.diagnostics", "OFF");

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        boolean operatorCommand = Arrays.stream(args).anyMatch(a -> a.equals("verify") || a.equals("replay")
                || a.equals("what-if") || a.equals("advice"));
        if (!operatorCommand) {
            SpringApplication.run(LedgerApplication.class, args);
            return;
        }
        try {
            SpringApplication app = new SpringApplication(LedgerApplication.class);
            app.setLogStartupInfo(false);
            app.setBannerMode(Banner.Mode.OFF);
            // a start that fails is explained below in one sentence, not in pages of traces from the pool
            // and from Spring; any other failure is rethrown with its trace
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setDefaultProperties(OPERATOR_COMMAND_DEFAULTS);
            // never consumes usage, whatever the configuration says: the service does (docs/kafka.md)
            app.addInitializers(ctx -> ctx.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("operator-command", Map.of("ledger.kafka.bootstrap-servers", ""))));
            app.run(args);
        } catch (RuntimeException e) {
            if (heldByAnotherProcess(e)) {
                System.err.println("The ledger's H2 store is in use by a running ledger (one process at a time can"
                        + " open an H2 file). Stop it first, or ask the running service: GET /api/v1/admin/verify,"
                        + " POST /api/v1/admin/replay.");
                System.exit(EXIT_STORE_IN_USE);
            }
            throw e;
        }
    }

    /** Did the start fail because another process holds the H2 file (H2 error 90020, "database in use")? */
    static boolean heldByAnotherProcess(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s && s.getErrorCode() == 90020) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().contains("Database may be already in use")) {
                return true;
            }
        }
        return false;
    }
}
