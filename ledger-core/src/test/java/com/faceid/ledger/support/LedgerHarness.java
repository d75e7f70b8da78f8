package com.faceid.ledger.support;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.metering.MeteredRequests;
import com.faceid.ledger.pricing.BillingPolicy;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.List;

/**
 * A real Axon configuration around the Account aggregate, in memory: command bus, event-sourcing
 * repository, the subscribing idempotency table, and optionally an aggregate cache and snapshots.
 * Snapshots go through a Jackson round trip, as they do on the JDBC store, so a field that does not
 * survive serialisation shows up as a difference.
 */
public class LedgerHarness implements AutoCloseable {
    private final Configuration config;
    private final InMemoryMeteredRequests requests = new InMemoryMeteredRequests();

    public LedgerHarness(BillingPolicy policy, int snapshotEvery, boolean cache) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(LedgerJson.mapper()).build();
        AggregateConfigurer<Account> aggregate = AggregateConfigurer.defaultConfiguration(Account.class);
        if (cache) {
            aggregate.configureCache(c -> new WeakReferenceCache());
        }
        if (snapshotEvery > 0) {
            aggregate.configureSnapshotTrigger(
                    c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotEvery));
        }
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> new SerializingSnapshotsEngine(serializer))
                .configureAggregate(aggregate)
                .registerComponent(BillingPolicy.class, c -> policy)
                .registerComponent(MeteredRequests.class, c -> requests);
        configurer.eventProcessing(ep -> ep.usingSubscribingEventProcessors().registerEventHandler(c -> requests));
        config = configurer.start();
    }

    public static LedgerHarness plain() {
        return new LedgerHarness(BillingPolicy.standard(), 0, false);
    }

    public <R> R send(Object command) {
        return config.commandGateway().sendAndWait(command);
    }

    public List<Object> events(String accountId) {
        return config.eventStore().readEvents(accountId).asStream().map(Message::getPayload)
                .map(Object.class::cast).toList();
    }

    public Configuration config() {
        return config;
    }

    @Override
    public void close() {
        config.shutdown();
    }

    /** In-memory engine whose snapshots are serialised and read back, like a real store's. */
    static class SerializingSnapshotsEngine extends InMemoryEventStorageEngine {
        private final Serializer serializer;

        SerializingSnapshotsEngine(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            SerializedObject<byte[]> bytes = serializer.serialize(snapshot.getPayload(), byte[].class);
            Object copy = serializer.deserialize(bytes);
            super.storeSnapshot(new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(), copy, snapshot.getMetaData(), snapshot.getIdentifier(),
                    snapshot.getTimestamp()));
        }
    }
}
