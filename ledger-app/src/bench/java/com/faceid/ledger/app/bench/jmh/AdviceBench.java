package com.faceid.ledger.app.bench.jmh;

import com.faceid.ledger.advice.Advisor;
import com.faceid.ledger.advice.Holding;
import com.faceid.ledger.advice.Purchase;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cost advisor's search on its hardest inputs (docs/advice.md): the calls of a 1M-call basis (333,334 a
 * month) over 12 and 24 months, which the bounded search takes, and a small account the exact search takes.
 * The advice's target is 1 s for the whole answer; this is the search's share. Milliseconds per advice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AdviceBench {
    @Param({"333334:12", "333334:24", "10000:12", "300:12"})
    public String callsAndHorizon;

    final BillingPolicy policy = BillingPolicy.standard();
    final Catalog catalog = policy.catalogs().versions().get(0);

    /** Every service that sells packages, at the same volume; a package held; as today: 3 x 100,000 a month. */
    public Advisor.Advice advise() {
        long calls = Long.parseLong(callsAndHorizon.split(":")[0]);
        int horizon = Integer.parseInt(callsAndHorizon.split(":")[1]);
        return Advisor.advise(catalog, policy.pricer(), Map.of(Service.LIVENESS_VERIFICATION, calls,
                        Service.PHOTO_VERIFICATION, calls, Service.ID_VERIFICATION, calls),
                Map.of(Service.LIVENESS_VERIFICATION, List.of(new Holding(false, 150_000, 2, 500))), true, Map.of(),
                Map.of(Service.LIVENESS_VERIFICATION, List.of(new Purchase(100_000, 3, 0))), horizon);
    }

    @Benchmark
    public Advisor.Advice threeServices() {
        return advise();
    }
}
