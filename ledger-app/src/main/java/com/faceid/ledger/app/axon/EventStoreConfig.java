package com.faceid.ledger.app.axon;

import com.faceid.ledger.app.LedgerProperties;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.util.List;
import com.faceid.ledger.account.EventUpcasters;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The event store on Axon's JDBC storage engine (Flyway owns the schema), the event bus the subscribing
 * processors read, the read models' source, and the token store their claims live in.
 */
@Configuration
public class EventStoreConfig {
    /**
     * A unique-key violation on append means another command on the same account (on this node or another)
     * appended first: Axon must see a ConcurrencyException, which the service retries. PostgreSQL reports it
     * inside a BatchUpdateException (SQLState 23505 on the next exception), which the default resolver misses.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        var fallback = new JdbcSQLErrorCodesResolver();
        return e -> isUniqueViolation(e) || fallback.isDuplicateKeyViolation(e);
    }

    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    if ("23505".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Axon's JDBC storage engine on the Flyway-owned schema (Axon's defaults for table and column names),
     * events and snapshots as Jackson JSON. Declared here because the event store is (below); it reads the
     * store 1,000 events per query (Axon's default is 100), which is what a replay streams at.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(
            Serializer serializer, PersistenceExceptionResolver resolver,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager, org.axonframework.config.Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(resolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(EventSchema.builder().build())
                .batchSize(1000)
                // every reader of stored events goes through the same upcasters (docs/events.md)
                .upcasterChain(EventUpcasters.chain())
                // a snapshot of another revision than the Account class's is ignored (@Revision on Account),
                // unless the upcasters bring it to the current one (revision 3, before the state was in parts)
                .snapshotFilter(snapshot -> configuration.snapshotFilter().allow(snapshot)
                        || EventUpcasters.upcastsSnapshot(snapshot.getPayload().getType().getName(),
                        snapshot.getPayload().getType().getRevision()))
                .build();
    }

    /**
     * The event store (also the event bus: bean name "eventBus", the subscribing processors' source). A
     * processor that falls behind the shared in-memory tail (more than
     * {@code cachedEvents} new events, e.g. after a burst) reads from a private stream of the store, which
     * looks for new events every {@code fetchDelay}: Axon's default of one second made every
     * read-your-writes wait (opening an account waits for its view) last up to a second after any burst.
     */
    @Bean
    public EmbeddedEventStore eventBus(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            List<MessageDispatchInterceptor<? super EventMessage<?>>> interceptors) {
        var store = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .cachedEvents(20_000)
                .fetchDelay(10)
                .build();
        // every event dispatch interceptor bean, in @Order: first the hash chain (each event gets its link of
        // its account's chain as it is published, before it is appended: integrity.HashChain), then the meter that
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
    public WakingEventSource readModelSource(EmbeddedEventStore eventBus) {
        return new WakingEventSource(eventBus, Duration.ofMillis(500), Duration.ofMillis(100),
                Duration.ofMillis(50));
    }

    /**
     * Tracking tokens, claimed per segment by this node. The node id ({@code ledger.node-id}, default
     * pid@host) is how nodes sharing a store tell their claims apart.
     */
    @Bean
    public TokenStore tokenStore(
            ConnectionProvider connectionProvider, Serializer serializer,
            LedgerProperties props) {
        String nodeId = props.nodeId() == null || props.nodeId().isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() : props.nodeId();
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .nodeId(nodeId)
                .claimTimeout(Duration.ofSeconds(10))
                .build();
    }
}
