package com.faceid.ledger.app.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongPredicate;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What happens when a read model cannot take an event: never swallowed (Axon's default logs and skips it,
 * which leaves a view silently wrong). The error is rethrown, so the read-models processor rolls the batch
 * back with its token and tries it again with back-off (Axon's pooled processor: 1 s doubling to 60 s);
 * metering goes on, since it never waits for the read models. The failure is logged once per event (with
 * the event), counted, and shown by the read models' health ({@link ReadModelsHealth}) until the
 * processor has got past that event.
 */
@Component
public class ProjectionFailures implements ListenerInvocationErrorHandler,
        MessageHandlerInterceptor<EventMessage<?>> {
    private static final Logger log = LoggerFactory.getLogger(ProjectionFailures.class);

    /** The event a read model last failed on, and how often it has been tried. */
    public record Failure(String eventId, String type, String accountId, Long sequenceNumber, Long position,
                          String error, Instant firstAt, Instant lastAt, long attempts) {
    }

    private static final String RECORDED = "projection-failures.recorded";
    private final AtomicReference<Failure> current = new AtomicReference<>();
    private final LongAdder total = new LongAdder();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler handler) throws Exception {
        record(exception, event);
        throw exception;
    }

    /**
     * Also watches each batch as a whole: the set-based writes (axon.PerBatch) go to the database when the
     * batch commits, outside any one handler, and a failure there rolls the batch back like a handler's.
     */
    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         InterceptorChain chain) throws Exception {
        var root = unitOfWork.root();
        root.getOrComputeResource("projection-failures.watched", k -> {
            root.onRollback(u -> {
                var result = u.getExecutionResult();
                Throwable cause = result == null ? null : result.getExceptionResult();
                if (cause instanceof Exception e && u.getResource(RECORDED) == null
                        && u.getMessage() instanceof EventMessage<?> event) {
                    record(e, event); // not a handler's error (those are recorded by onError)
                }
            });
            return Boolean.TRUE;
        });
        return chain.proceed();
    }

    private void record(Exception exception, EventMessage<?> event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(RECORDED, true);
        }
        total.increment();
        Instant now = Instant.now();
        String error = exception.getClass().getSimpleName() + ": " + String.valueOf(exception.getMessage());
        Failure before = current.get();
        if (before != null && before.eventId().equals(event.getIdentifier())) {
            current.set(new Failure(before.eventId(), before.type(), before.accountId(), before.sequenceNumber(),
                    before.position(), error, before.firstAt(), now, before.attempts() + 1));
            log.debug("read models still failing on event {} (attempt {})", event.getIdentifier(),
                    before.attempts() + 1);
        } else {
            DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
            Long position = event instanceof TrackedEventMessage<?> t ? t.trackingToken().position().orElse(-1)
                    : null;
            Failure f = new Failure(event.getIdentifier(), event.getPayloadType().getSimpleName(),
                    domain == null ? null : domain.getAggregateIdentifier(),
                    domain == null ? null : domain.getSequenceNumber(), position, error, now, now, 1);
            current.set(f);
            log.error("a read model cannot take event {} ({} #{} of account {}, position {}); it will be retried"
                            + " with back-off and the read models stay behind until it passes",
                    f.eventId(), f.type(), f.sequenceNumber(), f.accountId(), f.position(), exception);
        }
    }

    /** The failure not yet got past, if any; {@code passed} tells whether the processor is beyond a position. */
    public Failure current(LongPredicate passed) {
        Failure f = current.get();
        if (f != null && f.position() != null && passed.test(f.position())) {
            current.compareAndSet(f, null);
            return null;
        }
        return f;
    }

    /** Handler errors since start (every attempt counts). */
    public long total() {
        return total.sum();
    }
}
