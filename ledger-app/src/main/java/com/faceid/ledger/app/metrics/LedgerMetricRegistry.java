package com.faceid.ledger.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import com.faceid.ledger.app.LedgerProperties;

/**
 * Axon's meters (replacing the registry Axon's Spring Boot support would make): the same timers, counters, latency
 * and capacity gauges of the command bus and each event processor, except that the capacity gauges look back over
 * {@code ledger.capacity-window} (one minute) instead of Axon's ten minutes.
 * <p>
 * Why: Axon's {@code CapacityMonitor} keeps one entry (a skip-list node and two {@code Long}s, about 80 bytes) for
 * every message handled within its window. Under {@code wrk} at about 1,000 hold + capture pairs a second (three
 * events a pair, two processors, the commands) the live heap after a full GC grew by 7 MB every 30 s of load, nearly
 * all of it those entries: ten minutes of them is hundreds of MB held for a gauge, and every young collection has
 * to walk them (docs/performance.md, session 9).
 */
@Component
public class LedgerMetricRegistry extends GlobalMetricRegistry {
    private final long windowMillis;

    public LedgerMetricRegistry(MeterRegistry registry, LedgerProperties props) {
        super(registry);
        this.windowMillis = props.capacityWindow().toMillis();
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(name).meterRegistry(getRegistry())
                        .tagsBuilder(latencyTags).build(),
                capacity(name, tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name,
                                                                       Function<Message<?>, Iterable<Tag>> tags) {
        return new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor(name, getRegistry(), tags),
                capacity(name, tags),
                MessageCountingMonitor.buildMonitor(name, getRegistry(), tags)));
    }

    private CapacityMonitor capacity(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return CapacityMonitor.buildMonitor(name, getRegistry(), windowMillis, TimeUnit.MILLISECONDS, tags);
    }
}
