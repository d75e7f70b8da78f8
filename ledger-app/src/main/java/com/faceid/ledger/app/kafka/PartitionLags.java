package com.faceid.ledger.app.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ledger_kafka_lag{topic,partition}}: records of each partition this node reads that wait behind the
 * consumer's position, as the consumer last knew it (after each poll it finished). A partition that moves to
 * another node leaves this node's gauges and appears on that node's. The Kafka client's own per-partition
 * lag metrics are not used: Micrometer binds them only when it rescans, up to a minute after an assignment.
 */
public class PartitionLags implements ConsumerAwareRebalanceListener {
    private final MeterRegistry registry;
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Gauge> gauges = new ConcurrentHashMap<>();

    public PartitionLags(MeterRegistry registry) {
        this.registry = registry;
    }

    /** After a poll was finished: each assigned partition's lag, as the consumer knows it without asking. */
    void update(Consumer<?, ?> consumer) {
        for (TopicPartition p : consumer.assignment()) {
            consumer.currentLag(p).ifPresent(lag -> lagOf(p).set(lag));
        }
    }

    private AtomicLong lagOf(TopicPartition p) {
        return lags.computeIfAbsent(p, key -> {
            AtomicLong value = new AtomicLong();
            gauges.put(key, Gauge.builder("ledger_kafka_lag", value, AtomicLong::get)
                    .description("Usage records waiting in a partition this node reads")
                    .tag("topic", key.topic()).tag("partition", Integer.toString(key.partition()))
                    .register(registry));
            return value;
        });
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition p : partitions) {
            lags.remove(p);
            Gauge g = gauges.remove(p);
            if (g != null) {
                registry.remove(g);
            }
        }
    }
}
