package com.faceid.ledger.app.bench.jmh;

import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.Settlement;
import com.faceid.ledger.prepaid.LedgerPackage;
import com.faceid.ledger.prepaid.PackageKind;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * JMH, the in-process parts that bound the HTTP figures (scripts/benchmark.sh jmh): what one call costs to
 * settle, and what its event costs to write and to read back as stored JSON, the per-event work a replay
 * and a batch cannot avoid. Single-threaded, nanoseconds per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InProcessBench {
    private final ObjectMapper storage = SerializationConfig.storageMapper();
    final Instant at = Instant.parse("2026-03-12T02:00:00Z");
    final List<LedgerPackage> packages = List.of(
            new LedgerPackage("free-1", PackageKind.FREE, null, Service.BANK_CARD_VERIFICATION, 1000, BigDecimal.ZERO,
                    Instant.parse("2026-03-11T16:00:00Z"), Instant.parse("2027-03-11T16:00:00Z"), 0, false),
            new LedgerPackage("p-2", PackageKind.PURCHASED, "buy-2", Service.BANK_CARD_VERIFICATION, 10_000,
                    new BigDecimal("1800.00"), Instant.parse("2026-03-11T07:00:00Z"),
                    Instant.parse("2027-03-11T07:00:00Z"), 9_000, false),
            new LedgerPackage("p-3", PackageKind.PURCHASED, "buy-3", Service.BANK_CARD_VERIFICATION, 10_000,
                    new BigDecimal("1800.00"), Instant.parse("2026-03-12T01:00:00Z"),
                    Instant.parse("2027-03-12T01:00:00Z"), 10_000, false),
            new LedgerPackage("p-4", PackageKind.PURCHASED, "buy-4", Service.LIVENESS_VERIFICATION, 10_000,
                    new BigDecimal("900.00"), Instant.parse("2026-03-11T07:00:00Z"),
                    Instant.parse("2027-03-11T07:00:00Z"), 10_000, false));
    final CallMetered event = new CallMetered("b123", "request-000123", Service.BANK_CARD_VERIFICATION,
            at, at.plusMillis(12), "Success", true, ChargedTo.PURCHASED, "p-2", 8_999, YearMonth.of(2026, 3), 0);
    final byte[] stored = bytes(event);

    private byte[] bytes(CallMetered e) {
        try {
            return storage.writeValueAsBytes(e);
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }

    /** Choosing the payer of a billable call among an account's packages (free > purchased > postpaid). */
    @Benchmark
    public Optional<LedgerPackage> settleOneCall() {
        return Settlement.payer(packages, Service.BANK_CARD_VERIFICATION, at, at);
    }

    /** A CallMetered as the event store writes it (Jackson, the ledger's storage mapper). */
    @Benchmark
    public byte[] writeCallMetered() throws Exception {
        return storage.writeValueAsBytes(event);
    }

    /** A stored CallMetered read back: the per-event deserialization of every replay. */
    @Benchmark
    public CallMetered readCallMetered() throws Exception {
        return storage.readValue(stored, CallMetered.class);
    }
}
