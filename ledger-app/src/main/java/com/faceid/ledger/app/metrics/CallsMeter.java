package com.faceid.ledger.app.metrics;

import com.faceid.ledger.event.CallMetered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * {@code ledger_calls_total{service,charged_to}}: calls metered by this process, counted as their
 * {@code CallMetered} events are published and only once the unit of work that stores them commits, so a
 * rolled-back batch or a refused command counts nothing. Registered on the event store (axon.EventStoreConfig).
 */
@Component
@Order(2) // after integrity.HashChain (axon.EventStoreConfig)
public class CallsMeter implements MessageDispatchInterceptor<EventMessage<?>> {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CallsMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> m : messages) {
            if (m.getPayload() instanceof CallMetered call) {
                Counter counter = counters.computeIfAbsent(call.service().name() + "/" + call.chargedTo().name(),
                        k -> Counter.builder("ledger_calls").description("Calls metered by this process")
                                .tag("service", call.service().name()).tag("charged_to", call.chargedTo().name())
                                .register(registry));
                if (CurrentUnitOfWork.isStarted()) {
                    CurrentUnitOfWork.get().afterCommit(u -> counter.increment());
                } else {
                    counter.increment();
                }
            }
        }
        return (i, m) -> m;
    }
}
