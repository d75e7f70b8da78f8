package com.faceid.ledger.app.kafka;

import com.faceid.ledger.app.LedgerProperties;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The usage intake as the console's admin page shows it: the consumer group's lag on every partition of the
 * usage topic, whichever node reads it (the broker's committed offsets against each partition's end), and
 * what this node finished. Asked on demand; a broker that does not answer within {@link #WAIT} is said so.
 */
public class IntakeStatus implements DisposableBean {
    static final Duration WAIT = Duration.ofSeconds(3);

    /** One partition: its end, the group's committed offset (-1: none yet) and the records between them. */
    public record PartitionLag(int partition, long end, long committed, long lag) {
    }

    /** @param problem null, or why the lags could not be read (the broker did not answer, …) */
    public record Snapshot(String topic, String groupId, List<PartitionLag> partitions, long totalLag, long metered,
                           long repeated, long deadLetters, String problem) {
    }

    private final AdminClient admin;
    private final LedgerProperties.Kafka settings;
    private final IntakeCounters counters;

    public IntakeStatus(Map<String, Object> adminConfig, LedgerProperties.Kafka settings, IntakeCounters counters) {
        this.admin = AdminClient.create(adminConfig);
        this.settings = settings;
        this.counters = counters;
    }

    public Snapshot snapshot() {
        List<PartitionLag> lags = new ArrayList<>();
        String problem = null;
        try {
            lags = lags();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            problem = "the broker did not tell the lag within " + WAIT.toSeconds() + " s: " + e;
        }
        return new Snapshot(settings.usageTopic(), settings.groupId(), lags,
                lags.stream().mapToLong(PartitionLag::lag).sum(), counters.metered(), counters.repeated(),
                counters.deadLetters(), problem);
    }

    private List<PartitionLag> lags() throws Exception {
        TopicDescription topic = admin.describeTopics(List.of(settings.usageTopic())).allTopicNames()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(settings.usageTopic());
        List<TopicPartition> partitions = topic.partitions().stream()
                .map(p -> new TopicPartition(settings.usageTopic(), p.partition())).toList();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.groupId())
                .partitionsToOffsetAndMetadata().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return partitions.stream().map(p -> {
            long end = ends.get(p).offset();
            OffsetAndMetadata c = committed.get(p);
            long at = c == null ? -1 : c.offset();
            return new PartitionLag(p.partition(), end, at, end - Math.max(at, 0));
        }).sorted(Comparator.comparingInt(PartitionLag::partition)).toList();
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(1));
    }
}
