package com.faceid.ledger.app.axon;

import com.faceid.ledger.account.EventMetadata;
import com.faceid.ledger.app.LedgerProperties;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.Clock;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * The event processors: what a handler error does in each (never Axon's default of logging and going on), the
 * pooled processors' clock and claims, and the correlation data every command's events carry.
 */
@Configuration
public class ProcessorConfig {
    /**
     * Every event carries the actor (API key id, "scheduler", ...) and correlation id of its command.
     * <p>
     * Axon asks the providers in every unit of work, event processors' too, and for every message created
     * in it (each handler's result message): for an event that meant deserializing its metadata, about a
     * sixth of a replay's time. The read models' handlers send no messages, so an event's unit of work
     * needs no correlation data; only commands' do.
     */
    @Bean
    public CorrelationDataProvider actorAndCorrelation() {
        var fromCommand = new SimpleCorrelationDataProvider(EventMetadata.ACTOR,
                EventMetadata.CORRELATION_ID);
        return message -> message instanceof EventMessage<?>
                ? Map.of() : fromCommand.correlationDataFor(message);
    }

    /**
     * Each processor's error handling, and the pooled processors' clock and segment claims.
     */
    @Bean
    public ConfigurerModule processors(LedgerProperties props, ProjectionFailures projectionFailures) {
        return configurer -> {
            // A row that cannot be written with its event fails the command (Axon's default would log it and go
            // on): a call without its idempotency row, an event without its steps or its notification, is never stored.
            configurer.eventProcessing().registerListenerInvocationErrorHandler(ProcessingGroups.IN_TRANSACTION,
                    c -> PropagatingErrorHandler.instance());
            // A read model that cannot take an event must not skip it (Axon's default logs and goes on):
            // the batch is rolled back with its token and retried with back-off, and health shows it.
            configurer.eventProcessing().registerListenerInvocationErrorHandler(ProcessingGroups.READ_MODELS,
                    c -> projectionFailures);
            configurer.eventProcessing().registerHandlerInterceptor(ProcessingGroups.READ_MODELS, c -> projectionFailures);
            // The processors schedule their claim retries on a clock of their own, which Axon takes from the
            // event timestamp clock by default: the ledger clock, which a simulated run holds still. After a
            // crash the dead node's claims block the first attempt, and with a clock standing still the
            // retry never came (read models stuck until the clock was moved). Infrastructure runs on real time.
            configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration((c, builder) -> {
                builder.clock(Clock.systemUTC());
                if (props.processorMaxClaimedSegments() > 0) {
                    builder.maxClaimedSegments(props.processorMaxClaimedSegments());
                }
                return builder;
            });
        };
    }
}
