package com.faceid.ledger.app.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark, tiny, in every CI run: it must run end to end and print its table. Timings are not judged. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class BenchmarkSmokeTest {
    @Test
    void theBenchmarkRunsAndPrintsItsTable() throws Exception {
        java.nio.file.Path tsv = java.nio.file.Files.createTempFile("bench", ".tsv");
        System.setProperty("bench.tsv", tsv.toString());
        LedgerBenchmark bench = new LedgerBenchmark(LedgerBenchmark.Size.SMOKE);
        String table;
        try {
            table = bench.run();
        } finally {
            System.clearProperty("bench.tsv");
        }
        System.out.println(table);
        assertThat(bench.rows()).hasSize(24);
        // a smoke run proves the benchmark runs; it judges no figure (a "NO" would read as a failed target)
        assertThat(bench.rows()).extracting(LedgerBenchmark.Row::met).containsOnly(LedgerBenchmark.NOT_JUDGED, "-");
        assertThat(table).contains("calls:batch", "read-model rebuild", "store: durable 1-row commits",
                "http: trivial request", "in process without HTTP", "design: group commit", "design: one transaction",
                "p99 quota?asOf", "p99 statements/{month}?asOf", "p99 dispute report", "hash chain: batches",
                "hold + capture pairs", "p99 advice", "what-if re-rating");
        // the figures file of the run, and the medians table built from runs' files
        String medians = Medians.table(tsv.toString(), tsv.toString());
        System.out.println(medians);
        assertThat(medians).doesNotContain("| NO ").doesNotContain("| yes ");
        assertThat(medians).contains("median of 2 runs", "calls:batch of 100 over 100 accounts", "read-model rebuild",
                "design: one transaction a batch / one per account");
        // the header and 24 figures (the state-size ones need a snapshot, which SMOKE does not reach)
        assertThat(java.nio.file.Files.readAllLines(tsv)).hasSize(1 + 24);
    }
}
