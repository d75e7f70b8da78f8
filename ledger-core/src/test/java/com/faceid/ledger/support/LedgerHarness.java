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
    private final InMemoryHoldRegistry holds = new InMemoryHoldRegistry();
    private final SerializingSnapshotsEngine engine;

    public LedgerHarness(BillingPolicy policy, int snapshotEvery, boolean cache) {
        Serializer serializer = JacksonSerializer.builder().objectMapper(LedgerJson.mapper()).build();
        engine = new SerializingSnapshotsEngine(serializer);
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
                .configureEmbeddedEventStore(c -> engine)
                .configureAggregate(aggregate)
                .registerComponent(BillingPolicy.class, c -> policy)
                .registerComponent(MeteredRequests.class, c -> requests)
                .registerComponent(com.faceid.ledger.hold.HoldRegistry.class, c -> holds);
        configurer.eventProcessing(ep -> ep.usingSubscribingEventProcessors().registerEventHandler(c -> requests)
                .registerEventHandler(c -> holds));
        config = configurer.start();
    }

    public static LedgerHarness plain() {
        return new LedgerHarness(BillingPolicy.standard(), 0, false);
    }

    public <R> R send(Object command) {
        return config.commandGateway().sendAndWait(command);
    }

    public List<Object> events(String accountId) {
        return config.eventStore().readEvents(accountId, 0).asStream().map(Message::getPayload)
                .map(Object.class::cast).toList();
    }

    /** The aggregate's state as its snapshot would store it, loaded through the repository. */
    public String stateJson(String accountId) {
        org.axonframework.messaging.unitofwork.DefaultUnitOfWork<?> uow =
                org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
        try {
            return uow.executeWithResult(() -> config.repository(Account.class).load(accountId)
                    .invoke(a -> {
                        try {
                            return LedgerJson.mapper().writeValueAsString(a);
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException(e);
                        }
                    })).getPayload();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine() {
        return engine;
    }

    public Configuration config() {
        return config;
    }

    @Override
    public void close() {
        config.shutdown();
    }

    /**
     * In-memory engine whose snapshots are stored serialised and deserialised afresh on every read, like a
     * real store's: a snapshot that does not survive Jackson, or a shared instance, shows up as a difference.
     */
    static class SerializingSnapshotsEngine extends InMemoryEventStorageEngine {
        private final Serializer serializer;
        private final java.util.Map<String, DomainEventMessage<?>> latest = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, SerializedObject<byte[]>> payloads =
                new java.util.concurrent.ConcurrentHashMap<>();

        SerializingSnapshotsEngine(Serializer serializer) {
            this.serializer = serializer;
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            payloads.put(snapshot.getAggregateIdentifier(), serializer.serialize(snapshot.getPayload(), byte[].class));
            latest.put(snapshot.getAggregateIdentifier(), snapshot);
        }

        @Override
        public java.util.Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            DomainEventMessage<?> s = latest.get(aggregateIdentifier);
            if (s == null) {
                return java.util.Optional.empty();
            }
            Object copy = serializer.deserialize(payloads.get(aggregateIdentifier));
            return java.util.Optional.of(new GenericDomainEventMessage<>(s.getType(), s.getAggregateIdentifier(),
                    s.getSequenceNumber(), copy, s.getMetaData(), s.getIdentifier(), s.getTimestamp()));
        }
    }
}
