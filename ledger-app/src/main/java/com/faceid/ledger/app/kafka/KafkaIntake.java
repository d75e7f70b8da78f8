package com.faceid.ledger.app.kafka;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.metering.BatchMetering;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Usage from Kafka (docs/kafka.md), built only when {@code ledger.kafka.bootstrap-servers} names brokers: the
 * embedded default needs none. Spring Boot's own Kafka auto-configuration is left out
 * ({@code LedgerApplication}), so every Kafka setting is a typed {@code ledger.kafka.*} one and nothing connects
 * to a default broker.
 * <p>
 * The nodes of one store share the usage topic in one consumer group: Kafka gives each node some partitions
 * (accounts by key), moves them when a node leaves or dies, and so keeps one consumer per account. Commands for
 * an account still go through the store's concurrency control, so HTTP metering on any node stays right beside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ledger.kafka.bootstrap-servers:}'.isBlank()")
public class KafkaIntake {
    private static final Logger log = LoggerFactory.getLogger(KafkaIntake.class);
    /** A node that stops heart-beating this long loses its partitions to the others (Kafka's default: 45 s). */
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_MS = 3_000;

    @Bean
    KafkaAdmin kafkaAdmin(LedgerProperties props) {
        LedgerProperties.Kafka k = props.kafka();
        Map<String, Object> config = new HashMap<>(k.client());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        KafkaAdmin admin = new KafkaAdmin(config);
        admin.setFatalIfBrokerNotAvailable(false); // the HTTP API serves without the broker; the consumer retries
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics ledgerTopics(LedgerProperties props) {
        LedgerProperties.Kafka k = props.kafka();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(k.usageTopic()).partitions(k.partitions()).replicas(k.replicas()).build(),
                TopicBuilder.name(k.outcomesTopic()).partitions(k.partitions()).replicas(k.replicas()).build(),
                TopicBuilder.name(k.dlqTopic()).partitions(k.partitions()).replicas(k.replicas()).build());
    }

    @Bean
    KafkaTemplate<String, byte[]> usageKafkaTemplate(LedgerProperties props, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>(props.kafka().client());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, props.kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ledger-outcomes");
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(config);
        factory.addListener(new MicrometerProducerListener<>(registry));
        return new KafkaTemplate<>(factory);
    }

    @Bean
    IntakeStatus intakeStatus(KafkaAdmin kafkaAdmin, LedgerProperties props, IntakeCounters counters) {
        return new IntakeStatus(kafkaAdmin.getConfigurationProperties(), props.kafka(), counters);
    }

    @Bean
    PartitionLags partitionLags(MeterRegistry registry) {
        return new PartitionLags(registry);
    }

    @Bean
    UsageConsumer usageConsumer(ObjectMapper json, LedgerProperties props, BatchMetering metering,
                                KafkaTemplate<String, byte[]> usageKafkaTemplate, IntakeCounters counters,
                                PartitionLags lags, Clock clock) {
        LedgerProperties.Kafka k = props.kafka();
        return new UsageConsumer(new CloudEventReader(json, props), metering,
                new UsagePublisher(usageKafkaTemplate, json, k.outcomesTopic(), k.dlqTopic()), counters, lags,
                clock);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> usageContainer(LedgerProperties props, MeterRegistry registry,
                                                                      UsageConsumer consumer, PartitionLags lags) {
        LedgerProperties.Kafka k = props.kafka();
        Map<String, Object> config = new HashMap<>(k.client());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group reads what was sent before it
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, k.maxPollRecords());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_MS);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-usage");
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
        factory.addListener(new MicrometerConsumerListener<>(registry));

        ContainerProperties container = new ContainerProperties(k.usageTopic());
        container.setGroupId(k.groupId());
        container.setMessageListener(consumer);
        container.setConsumerRebalanceListener(lags);
        container.setAckMode(ContainerProperties.AckMode.BATCH); // offsets after the listener returned, not before
        container.setSyncCommits(true);
        var listeners = new ConcurrentMessageListenerContainer<>(factory, container);
        listeners.setConcurrency(k.consumers());
        listeners.setCommonErrorHandler(errorHandler(k));
        return listeners;
    }

    /**
     * A poll whose metering or publishing failed is tried again, whole, after a back-off that doubles from
     * {@code retry-first} to {@code retry-max}, and never given up: every record either is metered or has a
     * reason to be refused, so a failure here is passing (store, broker) or a bug to fix, never a record to drop.
     * While it waits the consumer keeps polling (paused), so it keeps its partitions.
     */
    private static DefaultErrorHandler errorHandler(LedgerProperties.Kafka k) {
        ExponentialBackOff backOff = new ExponentialBackOff(k.retryFirst().toMillis(), 2.0);
        backOff.setMaxInterval(k.retryMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> log.error(
                "usage record {} was given up after its retries: {}", UsageConsumer.where(record), e.toString()),
                backOff);
        handler.setAckAfterHandle(false);
        return handler;
    }
}
