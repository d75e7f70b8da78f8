package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.pricing.BillableResults;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.CatalogLoader;
import com.faceid.ledger.pricing.Reminders;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Account aggregate (no Spring in ledger-core, so it is registered here) with its cache and snapshots, and
 * the billing policy its command handlers are given.
 */
@Configuration
public class AccountConfig {
    @Bean
    public BillingPolicy billingPolicy(LedgerProperties props) {
        CatalogBook catalogs = new CatalogBook(props.catalogs().stream().map(CatalogLoader::fromClasspath).toList());
        return new BillingPolicy(catalogs, props.tierConvention(),
                new BillableResults(new HashSet<>(props.billableResultCodes())),
                new Reminders(props.reminderUsagePercents(), props.reminderExpiryDays()),
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
                                   ParameterResolverFactory parameterResolverFactory,
                                   HandlerDefinition handlerDefinition) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(snapshotExecutor)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public AccountFactory accountFactory() {
        return new AccountFactory();
    }

    /** The Account aggregate, with its cache and a snapshot every {@code ledger.snapshot-threshold} events. */
    @Bean
    public ConfigurerModule accountAggregate(LedgerProperties props, Cache accountCache) {
        return configurer -> {
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Account.class)
                    .configureCache(c -> accountCache)
                    // resolved lazily: the snapshotter bean needs the event store, which needs this configuration
                    .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                            props.snapshotThreshold())));
        };
    }
}
