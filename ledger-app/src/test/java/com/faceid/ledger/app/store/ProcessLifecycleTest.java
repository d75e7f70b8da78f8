package com.faceid.ledger.app.store;

import com.faceid.ledger.app.LedgerApplication;
import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.Http;
import com.faceid.ledger.app.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger as an operator runs it, in processes of its own: a clean stop (SIGTERM) logs no ERROR and compacts
 * the H2 file, and an
 * operator command ({@code verify}) against the H2 store a running ledger holds says so in one sentence and
 * exits with its own code, instead of pages of traces.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class ProcessLifecycleTest {
    @Test
    void aCleanStopLogsNoErrorAndAnOperatorCommandOnAHeldStoreSaysSoInOneSentence() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "h2", "lifecycle-" + UUID.randomUUID()));
        int port = CrashRecoveryTest.freePort();
        Process p = CrashRecoveryTest.start(dir, port); // its H2 URL does not set DB_CLOSE_ON_EXIT
        long traceBefore;
        try {
            CrashRecoveryTest.awaitHealthy(port, p);
            Http http = new Http(port);
            assertThat(http.post("/api/v1/accounts", "{\"accountId\":\"life\",\"openedAt\":"
                    + "\"2026-03-10T15:00:00+08:00\"}").status()).isEqualTo(201);
            for (int i = 0; i < 20; i++) {
                assertThat(http.post("/api/v1/accounts/life/calls", "{\"requestId\":\"r-" + i
                        + "\",\"service\":\"PHOTO_VERIFICATION\"}").status()).isEqualTo(201);
            }

            // on PostgreSQL the store is a schema several processes may share: there is no lock to report
            if (!PostgresTestDatabase.enabled()) {
                List<String> verify = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(),
                        "verify", "--spring.datasource.url=jdbc:h2:file:" + dir.toAbsolutePath() + "/ledger;WRITE_DELAY=0",
                        "--server.port=0"));
                verify.addAll(List.of(Http.KEY_ARGS));
                Path out = dir.resolve("verify.log");
                Process v = new ProcessBuilder(verify).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                assertThat(v.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String printed = Files.readString(out);
                assertThat(v.exitValue()).as(printed).isEqualTo(LedgerApplication.EXIT_STORE_IN_USE);
                assertThat(printed).contains("in use by a running ledger").doesNotContain("Exception")
                        .doesNotContain("\tat ");
                assertThat(printed.lines().count()).as(printed).isLessThanOrEqualTo(5);
            }
        } finally {
            // the refused verify above left H2's trace of the locked file; the stop must add nothing to it
            traceBefore = Files.exists(dir.resolve("ledger.trace.db")) ? Files.size(dir.resolve("ledger.trace.db")) : 0;
            p.destroy(); // SIGTERM: a clean stop
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        String log = Files.readString(dir.resolve("child-" + port + ".log"));
        assertThat(log.lines().filter(l -> l.contains(" ERROR ") || l.contains("Database is already closed")))
                .as(log).isEmpty();
        if (!PostgresTestDatabase.enabled()) {
            // the clean stop compacted the H2 file (ledger.h2-compact-on-stop): the log says so, with the sizes
            assertThat(log).containsPattern("compacted the H2 file .*ledger\\.mv\\.db: \\d+ MB to \\d+ MB in \\d+ ms");
            // and H2 traced no failure: a connection handed back to the pool after the close used to leave a
            // stack trace in ledger.trace.db on every clean stop
            Path trace = dir.resolve("ledger.trace.db");
            String added = Files.exists(trace) ? Files.readString(trace).substring((int) traceBefore) : "";
            assertThat(added).as("what the stop added to ledger.trace.db").isEmpty();
        }
    }
}
