package com.faceid.ledger.app.whatif;

import com.faceid.ledger.app.store.CrashRecoveryTest;
import com.faceid.ledger.app.LedgerApplication;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.Ledger;
import com.faceid.ledger.app.support.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar ledger-app.jar what-if|advice} against a stopped ledger's H2 store: the same figures as the
 * HTTP answers, as JSON or a table; a refusal is one line on stderr and exit code 2.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class WhatIfCliTest {
    record Run(int exit, String out, String err) {
    }

    @Test
    void whatIfAndAdviceFromTheCommandLine() throws Exception {
        Assumptions.assumeFalse(PostgresTestDatabase.enabled(), "the commands are run against an H2 file here");
        Path dir = Files.createDirectories(Path.of("target", "h2", "cli-" + UUID.randomUUID()));
        int port = CrashRecoveryTest.freePort();
        // the service runs without its webhook sender: March's close notification waits in the outbox
        Process p = CrashRecoveryTest.start(dir, port, "--ledger.webhooks.sender-enabled=false",
                "--ledger.webhooks.allow-private=true");
        com.faceid.ledger.app.support.WebhookReceiver receiver = new com.faceid.ledger.app.support.WebhookReceiver();
        try {
            CrashRecoveryTest.awaitHealthy(port, p);
            Http http = new Http(port);
            Ledger ledger = new Ledger(http);
            ledger.open("cli", "2026-03-10T15:00:00+08:00");
            assertThat(http.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url("/cli") + "\",\"accountId\":\"cli\","
                    + "\"events\":[\"statement.closed\"]}").status()).isEqualTo(201);
            // the grant (50) is usable from 03-11: 1,000 calls on 03-12 are 50 free and 950 postpaid (950.00)
            ledger.calls("cli", "LIVENESS_VERIFICATION", 1_000, "2026-03-12T10:00:00+08:00", "c-");
            assertThat(http.post("/api/v1/admin/clock", "{\"now\":\"2026-04-10T12:00:00+08:00\"}").status())
                    .isEqualTo(200);
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        Path scenario = dir.resolve("postpaid-off.json");
        Files.writeString(scenario, "{\"postpaid\":false}");

        Run json = run(dir, "what-if", "--account=cli", "--from=2026-03", "--to=2026-03",
                "--scenario=" + scenario.toAbsolutePath());
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode w = new ObjectMapper().readTree(json.out().substring(json.out().indexOf('{')));
        JsonNode march = w.path("months").get(0);
        assertThat(march.path("actual").path("totalSpend").asText()).isEqualTo("950.00");
        assertThat(march.path("whatIf").path("totalSpend").asText()).isEqualTo("0.00");
        assertThat(march.path("whatIf").path("lines").get(0).path("refused").asLong()).isEqualTo(950);
        assertThat(w.path("difference").asText()).isEqualTo("-950.00");

        Run table = run(dir, "advice", "--account=cli", "--basis-months=1", "--horizon-months=3", "--format=table");
        assertThat(table.exit()).as(table.err()).isZero();
        // 1,000 billable calls a month (the grant is spent): a 1,000 package a month (930.00) beats 1,000.00
        // postpaid, which is what buying nothing, as in March, costs
        assertThat(table.out()).contains("advice for cli: basis [2026-03], 3 months from 2026-04")
                .containsPattern("LIVENESS_VERIFICATION\\s+.*2790\\.00\\s+3000\\.00\\s+210\\.00");

        Run refused = run(dir, "what-if", "--account=nobody");
        assertThat(refused.exit()).isEqualTo(WhatIfCommands.EXIT_REFUSED);
        assertThat(refused.err().strip()).isEqualTo("what-if: ACCOUNT_NOT_FOUND: no account nobody");

        // an operator command reads; it sends no notification on the side (the service will, when it runs)
        assertThat(receiver.all()).isEmpty();
        receiver.close();
    }

    private static Run run(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName()));
        cmd.addAll(List.of(args));
        cmd.add("--spring.datasource.url=jdbc:h2:file:" + dir.toAbsolutePath() + "/ledger;WRITE_DELAY=0");
        cmd.add("--server.port=0");
        cmd.addAll(List.of(Http.KEY_ARGS));
        cmd.addAll(List.of(Http.CLOCK_ARGS));
        // were the sender on in a command, it would find the waiting notification at once
        cmd.addAll(List.of("--ledger.webhooks.allow-private=true", "--ledger.webhooks.poll=PT0.01S"));
        Path out = dir.resolve(args[0] + "-" + UUID.randomUUID() + ".out");
        Path err = dir.resolve(args[0] + "-" + UUID.randomUUID() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
