package com.faceid.ledger.app.time;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Stamps every event this ledger publishes with the ledger clock's instant, before anything else sees it (the hash
 * chain links the stamped time). Axon would stamp it from {@code GenericEventMessage.clock}, one static clock for
 * the whole JVM; binding that to a ledger's clock made two ledgers in one JVM (the tests keep several) stamp each
 * other's time. The stored {@code timeStamp} is therefore the ledger's "now" of the command that wrote the event,
 * simulated or not, and the as-of answers that read it agree with the instants in the events' payloads.
 */
@Component
@Order(0) // before the hash chain (integrity.HashChain, @Order(1)), which links the timestamp
public class EventTimestamps implements MessageDispatchInterceptor<EventMessage<?>> {
    private final LedgerClock clock;

    public EventTimestamps(LedgerClock clock) {
        this.clock = clock;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Instant now = clock.instant();
        List<EventMessage<?>> stamped = new ArrayList<>(messages.size());
        for (EventMessage<?> m : messages) {
            stamped.add(stamped(m, now));
        }
        return (i, m) -> stamped.get(i);
    }

    private static EventMessage<?> stamped(EventMessage<?> m, Instant at) {
        if (m instanceof DomainEventMessage<?> d) {
            return new GenericDomainEventMessage<>(d.getType(), d.getAggregateIdentifier(), d.getSequenceNumber(), d,
                    at);
        }
        return new GenericEventMessage<>(m, () -> at);
    }
}
