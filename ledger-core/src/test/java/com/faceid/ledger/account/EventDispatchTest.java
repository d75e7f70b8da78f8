package com.faceid.ledger.account;

import com.faceid.ledger.event.AccountEvent;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccountEvent.Visitor#visit} maps each event to its method in one place; these checks stand where the
 * compiler did when every event had an {@code accept} of its own; the sealed interface names the events.
 */
class EventDispatchTest {
    /** A visitor whose every {@code on} method answers the type it was declared for. */
    @SuppressWarnings("unchecked")
    static final AccountEvent.Visitor<Class<?>> NAMING = (AccountEvent.Visitor<Class<?>>) Proxy.newProxyInstance(
            EventDispatchTest.class.getClassLoader(), new Class<?>[]{AccountEvent.Visitor.class},
            (proxy, method, args) -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                    : method.getParameterTypes()[0]);

    @Test
    void theVisitorHasAMethodForExactlyThePermittedEvents() {
        assertThat(AccountEvent.class.isSealed()).isTrue();
        assertThat(AccountEvent.TYPES).hasSize(16)
                .containsExactlyInAnyOrder(AccountEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.faceid.ledger.account.GoldenEventsTest#corpus")
    void eachEventGoesToTheMethodOfItsOwnType(Path file) throws Exception {
        GoldenEventsTest.Golden g = GoldenEventsTest.Golden.read(file);
        IntermediateEventRepresentation current = EventUpcasters.chain()
                .upcast(Stream.of(GoldenEventsTest.stored(g))).toList().get(0);
        AccountEvent event = GoldenEventsTest.SERIALIZER.deserialize(current.getData());
        assertThat(event.accept(NAMING)).isEqualTo(event.getClass());
    }
}
