package com.faceid.ledger.app.kafka;

import com.faceid.ledger.app.metering.BatchMetering;
import com.faceid.ledger.app.security.RequestContext;
import com.faceid.ledger.app.web.Problems;
import com.faceid.ledger.app.web.StoreUnavailable;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.metering.CallTrace;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Meters the records of one poll of {@code ledger.usage} (docs/kafka.md). The poll's calls go through the same
 * path as a {@code calls:batch}: grouped by account in the order read (a partition keeps an account's order),
 * every account in one transaction, one durable commit for the whole poll. Then one outcome per record, and each
 * record that can never be metered to the dead-letter topic, all acknowledged by the broker; only when this
 * method returns does the container commit the poll's offsets.
 * <p>
 * A failure that may pass (the store away, a race lost too often, the broker refusing the outcomes) is thrown:
 * nothing is committed, and the container hands the same records back after a back-off ({@link KafkaIntake}).
 * Metering them again charges nothing twice: each call's requestId is its idempotency key, as over HTTP, so a
 * record charged before the failure is answered as a repeat ({@code duplicate: true}).
 */
public class UsageConsumer implements BatchConsumerAwareMessageListener<String, byte[]> {
    /** The actor on the events of calls read from Kafka; the correlation id names the record. */
    public static final String ACTOR = "kafka";
    private static final Logger log = LoggerFactory.getLogger(UsageConsumer.class);

    private final CloudEventReader reader;
    private final BatchMetering metering;
    private final UsagePublisher publisher;
    private final IntakeCounters counters;
    private final PartitionLags lags;
    private final Clock clock;

    public UsageConsumer(CloudEventReader reader, BatchMetering metering, UsagePublisher publisher,
                         IntakeCounters counters, PartitionLags lags, Clock clock) {
        this.reader = reader;
        this.metering = metering;
        this.publisher = publisher;
        this.counters = counters;
        this.lags = lags;
        this.clock = clock;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        ConsumerRecord<String, byte[]> first = records.get(0);
        try {
            long start = System.nanoTime();
            List<UsageOutcome> outcomes = RequestContext.runAs(ACTOR, where(first), () -> meter(records));
            long metered = System.nanoTime();
            publisher.publish(records, outcomes);
            counters.count(outcomes);
            if (consumer != null) {
                lags.update(consumer);
            }
            if (log.isDebugEnabled()) {
                log.debug("poll of {} records from {}: metered in {} ms, outcomes acknowledged {} ms later",
                        records.size(), where(first), (metered - start) / 1_000_000,
                        (System.nanoTime() - metered) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // one line a failed poll; the container tries it again after its back-off (KafkaIntake)
            log.warn("a poll of {} usage records from {} failed and will be tried again, nothing committed: {}",
                    records.size(), where(first), StoreUnavailable.is(e) ? "the store is unavailable" : e.toString());
            throw e;
        }
    }

    private List<UsageOutcome> meter(List<ConsumerRecord<String, byte[]>> records) {
        Instant now = clock.instant();
        UsageOutcome[] outcomes = new UsageOutcome[records.size()];
        Map<String, List<Integer>> byAccount = new LinkedHashMap<>();
        List<MeterCall> calls = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            UsageRecord read = reader.read(records.get(i), now);
            calls.add(read.call());
            if (read.meterable()) {
                byAccount.computeIfAbsent(read.accountId(), a -> new ArrayList<>()).add(i);
            } else {
                outcomes[i] = refused(records.get(i), read.accountId(), read.requestId(), read.reason(), 400,
                        read.detail());
            }
        }
        SortedMap<String, MeterCalls> grouped = new TreeMap<>();
        byAccount.forEach((account, indexes) -> grouped.put(account, new MeterCalls(account,
                indexes.stream().map(calls::get).toList(),
                indexes.stream().map(i -> new CallTrace(ACTOR, where(records.get(i)))).toList())));
        if (!grouped.isEmpty()) {
            for (var done : metering.meter(grouped).entrySet()) {
                List<Integer> indexes = byAccount.get(done.getKey());
                for (int k = 0; k < indexes.size(); k++) {
                    int i = indexes.get(k);
                    outcomes[i] = outcome(records.get(i), calls.get(i), done.getValue(), k);
                }
            }
        }
        return List.of(outcomes);
    }

    private static UsageOutcome outcome(ConsumerRecord<String, byte[]> record, MeterCall call,
                                       BatchMetering.AccountOutcome account, int k) {
        LedgerException whole = account.refusal(); // the whole account: it does not exist
        if (whole != null) {
            return refused(record, call.accountId(), call.requestId(), whole.code().name(),
                    Problems.statusOf(whole.code()).value(), whole.getMessage());
        }
        MeteringResult r = account.results().get(k);
        if (r.outcome() == null) {
            ErrorCode code = r.error();
            return refused(record, call.accountId(), r.requestId(), code.name(), Problems.statusOf(code).value(),
                    r.message());
        }
        var o = r.outcome();
        return new UsageOutcome(call.accountId(), o.requestId(), o.duplicate() ? 200 : 201, o.billable(),
                o.chargedTo().name(), o.packageId(), r.packageRemaining(), o.duplicate(), null, null,
                record.topic(), record.partition(), record.offset());
    }

    private static UsageOutcome refused(ConsumerRecord<String, byte[]> record, String accountId, String requestId,
                                        String code, int status, String detail) {
        return new UsageOutcome(accountId, requestId, status, null, null, null, null, null, code, detail,
                record.topic(), record.partition(), record.offset());
    }

    /** {@code topic/partition@offset}: the record an event came from, in its metadata and in the logs. */
    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }
}
