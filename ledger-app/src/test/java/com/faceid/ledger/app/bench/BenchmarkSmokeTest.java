package com.faceid.ledger.app.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark, tiny, in every CI run: it must run end to end and print its table. Timings are not judged. */
class BenchmarkSmokeTest {
    @Test
    void theBenchmarkRunsAndPrintsItsTable() throws Exception {
        LedgerBenchmark bench = new LedgerBenchmark(LedgerBenchmark.Size.SMOKE);
        String table = bench.run();
        System.out.println(table);
        assertThat(bench.rows()).hasSize(13);
        assertThat(table).contains("calls:batch", "read-model rebuild", "store: durable 1-row commits", "http: trivial request", "in process without HTTP");
    }
}
