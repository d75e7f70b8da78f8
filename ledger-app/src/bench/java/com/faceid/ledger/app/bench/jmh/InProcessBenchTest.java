package com.faceid.ledger.app.bench.jmh;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JMH benchmarks measure real work: each operation, run once, gives the right answer. */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class InProcessBenchTest {
    private final InProcessBench bench = new InProcessBench();

    @Test
    void theFreePackageIsSpentSoTheEarliestExpiringPurchasedOnePays() {
        assertThat(bench.settleOneCall()).map(p -> p.packageId()).contains("p-2");
    }

    @Test
    void aStoredCallMeteredReadsBackEqual() throws Exception {
        assertThat(bench.readCallMetered()).isEqualTo(bench.event);
        assertThat(new String(bench.writeCallMetered(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"occurredAt\":\"2026-03-12T02:00:00Z\"", "\"chargedTo\":\"PURCHASED\"");
    }

    @Test
    void theAdviceBenchmarkAdvisesEveryServiceAndNeverWorseThanAsToday() {
        AdviceBench advice = new AdviceBench();
        for (String p : new String[]{"333334:12", "300:12"}) {
            advice.callsAndHorizon = p;
            var a = advice.threeServices();
            assertThat(a.services()).hasSize(3);
            a.services().forEach(s -> assertThat(s.asToday().betterThan(s.cost())).as(s.toString()).isFalse());
        }
    }
}
