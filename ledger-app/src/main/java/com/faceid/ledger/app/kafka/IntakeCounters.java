package com.faceid.ledger.app.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code ledger_kafka_records_total{result}}: usage records this node finished, by what became of them:
 * {@code metered} (charged now), {@code repeated} (charged before: a redelivery or a gateway's retry) and
 * {@code dead_letter} (refused, copied to the dead-letter topic). Counted once the poll's outcomes are
 * acknowledged, so a poll tried again is counted when it succeeds (its calls then as repeats). Registered
 * whether or not Kafka is on (at zero when off), so a dashboard's panels always find them.
 */
@Component
public class IntakeCounters {
    private final Counter metered;
    private final Counter repeated;
    private final Counter deadLetters;

    public IntakeCounters(MeterRegistry registry) {
        this.metered = counter(registry, "metered");
        this.repeated = counter(registry, "repeated");
        this.deadLetters = counter(registry, "dead_letter");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("ledger_kafka_records").description("Usage records finished by this node")
                .tag("result", result).register(registry);
    }

    void count(List<UsageOutcome> outcomes) {
        for (UsageOutcome o : outcomes) {
            (o.refused() ? deadLetters : Boolean.TRUE.equals(o.duplicate()) ? repeated : metered).increment();
        }
    }

    public long metered() {
        return (long) metered.count();
    }

    public long repeated() {
        return (long) repeated.count();
    }

    public long deadLetters() {
        return (long) deadLetters.count();
    }
}
