package com.faceid.ledger.app.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway's side of the topics in tests: publishes usage records, reads outcomes and dead letters. */
final class UsageTopic implements AutoCloseable {
    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;

    UsageTopic(String brokers) {
        this.brokers = brokers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A structured-mode CloudEvent of a call, as docs/kafka.md shows it. */
    static String call(String account, String requestId, String service, String time, String resultCode) {
        return "{\"specversion\":\"1.0\",\"type\":\"com.faceid.usage.call\",\"source\":\"gw-1\",\"id\":\""
                + requestId + "\",\"subject\":\"" + account + "\",\"time\":\"" + time
                + "\",\"datacontenttype\":\"application/json\",\"data\":{\"service\":\"" + service
                + "\",\"resultCode\":\"" + resultCode + "\"}}";
    }

    void send(String key, String value) {
        send(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    void send(String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("ledger.usage", key, value);
        headers.forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the topic from its start and keeps the records {@code which} takes, until {@code count} arrived (or
     * 60 s passed), then half a second more: a record too many fails the check.
     */
    List<ConsumerRecord<String, byte[]>> read(String topic, Predicate<ConsumerRecord<String, byte[]>> which,
                                              int count) {
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = factory.createConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (which.test(r)) {
                        out.add(r);
                    }
                });
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (which.test(r)) {
                    out.add(r);
                }
            });
        }
        assertThat(out).as("records on " + topic).hasSize(count);
        return out;
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
