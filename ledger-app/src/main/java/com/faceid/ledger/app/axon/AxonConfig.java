package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.metering.BillableResults;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.CatalogLoader;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Axon wiring: the Account aggregate (no Spring in ledger-core, so it is registered here) with its
 * cache and snapshots, the Jackson serializer for events, snapshots and tokens, and the billing policy
 * the aggregate's command handlers are given.
 */
@Configuration
public class AxonConfig {
    /** The subscribing processor that writes the idempotency table inside the command's transaction. */
    public static final String REQUEST_REGISTRY = "request-registry";
    /**
     * The one pooled streaming processor of every read model (accounts, packages, usage and statements,
     * alerts): the stream is read once, and all views move together, one transaction per batch with the
     * token, so a quota and a statement answered at the same moment never disagree.
     */
    public static final String READ_MODELS = "read-models";
    /** The subscribing processor that writes the schedule of time-driven steps with the events. */
    public static final String SCHEDULE = "schedule";
    /** The subscribing processor that writes webhook notifications with the events causing them (the outbox). */
    public static final String WEBHOOK_OUTBOX = "webhook-outbox";

    /**
     * Events and snapshots are stored as JSON of their fields: plain, readable by an auditor with any JSON
     * tool, and independent of getters. Never XStream.
     */
    public static ObjectMapper storageMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(storageMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Every event carries the actor (API key id, "scheduler", ...) and correlation id of its command.
     * <p>
     * Axon asks the providers in every unit of work, event processors' too, and for every message created
     * in it (each handler's result message): for an event that meant deserializing its metadata, about a
     * sixth of a replay's time. The read models' handlers send no messages, so an event's unit of work
     * needs no correlation data; only commands' do.
     */
    @Bean
    public org.axonframework.messaging.correlation.CorrelationDataProvider actorAndCorrelation() {
        var fromCommand = new org.axonframework.messaging.correlation.SimpleCorrelationDataProvider("actor",
                "correlationId");
        return message -> message instanceof org.axonframework.eventhandling.EventMessage<?>
                ? java.util.Map.of() : fromCommand.correlationDataFor(message);
    }

    /**
     * Tracking tokens, claimed per segment by this node. The node id ({@code ledger.node-id}, default
     * pid@host) is how nodes sharing a store tell their claims apart.
     */
    @Bean
    public org.axonframework.eventhandling.tokenstore.TokenStore tokenStore(
            org.axonframework.common.jdbc.ConnectionProvider connectionProvider, Serializer serializer,
            LedgerProperties props) {
        String nodeId = props.nodeId() == null || props.nodeId().isBlank()
                ? java.lang.management.ManagementFactory.getRuntimeMXBean().getName() : props.nodeId();
        return org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema.builder().build())
                .nodeId(nodeId)
                .claimTimeout(java.time.Duration.ofSeconds(10))
                .build();
    }

    /**
     * A unique-key violation on append means another command on the same account (on this node or another)
     * appended first: Axon must see a ConcurrencyException, which the service retries. PostgreSQL reports it
     * inside a BatchUpdateException (SQLState 23505 on the next exception), which the default resolver misses.
     */
    @Bean
    public org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver() {
        var fallback = new org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver();
        return e -> isUniqueViolation(e) || fallback.isDuplicateKeyViolation(e);
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException s) {
                for (java.sql.SQLException x = s; x != null; x = x.getNextException()) {
                    if ("23505".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Bean
    public BillingPolicy billingPolicy(LedgerProperties props) {
        CatalogBook catalogs = new CatalogBook(props.catalogs().stream().map(CatalogLoader::fromClasspath).toList());
        return new BillingPolicy(catalogs, props.tierConvention(),
                new BillableResults(new HashSet<>(props.billableResultCodes())),
                new com.faceid.ledger.pricing.Reminders(props.reminderUsagePercents(), props.reminderExpiryDays()),
                props.closeGrace(), props.holdTtl());
    }

    /**
     * Loaded aggregates stay in memory between commands (the {@code ledger.aggregate-cache-size} most
     * recently used); with snapshots every {@code ledger.snapshot-threshold} events a cold load reads at
     * most that many events.
     */
    @Bean
    public Cache accountCache(LedgerProperties props) {
        return new LruAggregateCache(props.aggregateCacheSize());
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "account-snapshotter");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Snapshots are written on their own thread, after the command's commit, never in its way. The
     * aggregate factory is found lazily (SpringAggregateSnapshotter), once the context is complete.
     */
    @Bean
    public Snapshotter snapshotter(org.axonframework.config.Configuration configuration, EventStore eventStore,
                                   TransactionManager transactionManager, ExecutorService snapshotExecutor,
                                   org.axonframework.messaging.annotation.ParameterResolverFactory parameterResolverFactory,
                                   org.axonframework.messaging.annotation.HandlerDefinition handlerDefinition) {
        return org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(snapshotExecutor)
                .transactionManager(transactionManager)
                .build();
    }

    /**
     * The event store (also the event bus: bean name "eventBus", the subscribing processors' source). A
     * processor that falls behind the shared in-memory tail (more than
     * {@code cachedEvents} new events, e.g. after a burst) reads from a private stream of the store, which
     * looks for new events every {@code fetchDelay}: Axon's default of one second made every
     * read-your-writes wait (opening an account waits for its view) last up to a second after any burst.
     */
    /**
     * Axon's JDBC storage engine on the Flyway-owned schema (Axon's defaults for table and column names),
     * events and snapshots as Jackson JSON. Declared here because the event store is (below); it reads the
     * store 1,000 events per query (Axon's default is 100), which is what a replay streams at.
     */
    @Bean
    public org.axonframework.eventsourcing.eventstore.EventStorageEngine eventStorageEngine(
            Serializer serializer, org.axonframework.common.jdbc.PersistenceExceptionResolver resolver,
            org.axonframework.common.jdbc.ConnectionProvider connectionProvider,
            TransactionManager transactionManager, org.axonframework.config.Configuration configuration) {
        return org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(resolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(org.axonframework.eventsourcing.eventstore.jdbc.EventSchema.builder().build())
                .batchSize(1000)
                // every reader of stored events goes through the same upcasters (docs/events.md)
                .upcasterChain(com.faceid.ledger.account.EventUpcasters.chain())
                // a snapshot of another revision than the Account class's is ignored (@Revision on Account)
                .snapshotFilter(snapshot -> configuration.snapshotFilter().allow(snapshot))
                .build();
    }

    @Bean
    public org.axonframework.eventsourcing.eventstore.EmbeddedEventStore eventBus(
            org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            List<org.axonframework.messaging.MessageDispatchInterceptor<? super EventMessage<?>>> interceptors) {
        var store = org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .cachedEvents(20_000)
                .fetchDelay(10)
                .build();
        // every event dispatch interceptor bean, in @Order: first the hash chain (each event gets its link of
        // its account's chain as it is published, before it is appended: audit.HashChain), then the meter that
        // counts ledger_calls_total when the unit commits (metrics.CallsMeter)
        interceptors.forEach(store::registerDispatchInterceptor);
        return store;
    }

    /**
     * The read-model processor's source (application.yml: {@code source: readModelSource}): the event store,
     * with streams woken when a request waits for its own write, 100 ms after this node's commits, and
     * every 500 ms otherwise (Axon's own poll).
     */
    @Bean(destroyMethod = "close")
    public WakingEventSource readModelSource(org.axonframework.eventsourcing.eventstore.EmbeddedEventStore eventBus) {
        return new WakingEventSource(eventBus, java.time.Duration.ofMillis(500), java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(50));
    }

    @Bean
    public AccountFactory accountFactory() {
        return new AccountFactory();
    }

    @Bean
    public ConfigurerModule accountAggregate(LedgerProperties props, Cache accountCache,
                                             ProjectionFailures projectionFailures) {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Account.class)
                    .configureCache(c -> accountCache)
                    // resolved lazily: the snapshotter bean needs the event store, which needs this configuration
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                            props.snapshotThreshold())));
            // A failed insert into the idempotency table must fail the command, not be logged and skipped.
            configurer.eventProcessing().registerListenerInvocationErrorHandler(REQUEST_REGISTRY,
                    c -> PropagatingErrorHandler.instance());
            configurer.eventProcessing().registerListenerInvocationErrorHandler(SCHEDULE,
                    c -> PropagatingErrorHandler.instance());
            // An event whose notification cannot be written is not stored either: none lost, none invented.
            configurer.eventProcessing().registerListenerInvocationErrorHandler(WEBHOOK_OUTBOX,
                    c -> PropagatingErrorHandler.instance());
            // A read model that cannot take an event must not skip it (Axon's default logs and goes on):
            // the batch is rolled back with its token and retried with back-off, and health shows it.
            configurer.eventProcessing().registerListenerInvocationErrorHandler(READ_MODELS,
                    c -> projectionFailures);
            configurer.eventProcessing().registerHandlerInterceptor(READ_MODELS, c -> projectionFailures);
            // The processors schedule their claim retries on a clock of their own, which Axon takes from the
            // event timestamp clock by default: the ledger clock, which a simulated run holds still. After a
            // crash the dead node's claims block the first attempt, and with a clock standing still the
            // retry never came (read models stuck until the clock was moved). Infrastructure runs on real time.
            configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration((c, builder) -> {
                builder.clock(java.time.Clock.systemUTC());
                if (props.processorMaxClaimedSegments() > 0) {
                    builder.maxClaimedSegments(props.processorMaxClaimedSegments());
                }
                return builder;
            });
        };
    }
}
