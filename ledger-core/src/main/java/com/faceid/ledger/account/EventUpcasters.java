package com.faceid.ledger.account;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The upcaster chain every reader of stored events goes through (the aggregate, the processors, the as-of
 * folds, the audit readers): an old payload is brought to the shape of its event's current revision before
 * it is deserialized. Revisions are declared with {@code @Revision} on each event; the golden-event corpus
 * (ledger-core tests) holds one stored payload of every type and revision ever written, so a change that
 * breaks an old payload fails the build until an upcaster here handles it.
 */
public final class EventUpcasters {
    private EventUpcasters() {
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(new FirstRevision());
    }

    /**
     * Events written before revisions were recorded (payloadRevision null, every event until wave 2) have the
     * shape of revision 1: only the revision is set, the payload is unchanged.
     */
    static final class FirstRevision extends SingleEventUpcaster {
        private static final Set<String> TYPES = AccountEvent.TYPES.stream().map(Class::getName)
                .collect(Collectors.toUnmodifiableSet());

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return event.getType().getRevision() == null && TYPES.contains(event.getType().getName());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(event.getType().getName(), "1"), byte[].class,
                    Function.identity());
        }
    }
}
