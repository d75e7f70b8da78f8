package com.faceid.ledger.app.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a poll's outcomes to {@code ledger.outcomes} and its unmeterable records to {@code ledger.usage.dlq},
 * and returns only once the broker has acknowledged every one (the producer is idempotent, acks=all): the
 * consumer commits the poll's offsets after that, so no outcome and no dead letter is lost with a node.
 */
public class UsagePublisher {
    /** Headers a dead letter carries besides the record's own (docs/kafka.md, "Dead letters"). */
    public static final String REASON = "ledger-dlq-reason";
    public static final String DETAIL = "ledger-dlq-detail";
    public static final String ORIGIN = "ledger-dlq-origin";

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectMapper json;
    private final String outcomesTopic;
    private final String dlqTopic;

    public UsagePublisher(KafkaTemplate<String, byte[]> kafka, ObjectMapper json, String outcomesTopic,
                          String dlqTopic) {
        this.kafka = kafka;
        this.json = json;
        this.outcomesTopic = outcomesTopic;
        this.dlqTopic = dlqTopic;
    }

    /** One outcome per record (same order), a dead letter per refused one; waits for the broker's acks. */
    public void publish(List<ConsumerRecord<String, byte[]>> records, List<UsageOutcome> outcomes) {
        List<CompletableFuture<?>> sent = new ArrayList<>(records.size() + 8);
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            UsageOutcome outcome = outcomes.get(i);
            if (outcome.refused()) {
                sent.add(kafka.send(deadLetter(record, outcome)));
            }
            sent.add(kafka.send(outcomesTopic, outcome.accountId(), bytes(outcome)));
        }
        // a refused send fails the poll: nothing is committed and the records come back (charged once still)
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, UsageOutcome outcome) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        headers.add(header(REASON, outcome.code()));
        headers.add(header(DETAIL, outcome.detail()));
        headers.add(header(ORIGIN, UsageConsumer.where(record)));
        return new ProducerRecord<>(dlqTopic, null, record.key(), record.value(), headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] bytes(UsageOutcome outcome) {
        try {
            return json.writeValueAsBytes(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome that cannot be written as JSON: " + outcome, e);
        }
    }
}
