package com.faceid.ledger.account;

import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AccountEvent.Visitor#visit} maps each event to its method in one place; these checks stand where the
 * compiler did when every event had an {@code accept} of its own.
 */
class EventDispatchTest {
    /** A visitor whose every {@code on} method answers the type it was declared for. */
    @SuppressWarnings("unchecked")
    static final AccountEvent.Visitor<Class<?>> NAMING = (AccountEvent.Visitor<Class<?>>) Proxy.newProxyInstance(
            EventDispatchTest.class.getClassLoader(), new Class<?>[]{AccountEvent.Visitor.class},
            (proxy, method, args) -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args)
                    : method.getParameterTypes()[0]);

    @Test
    void everyClassOfTheDomainThatIsAnAccountEventIsAVisitorType() throws Exception {
        Path classes = Path.of(AccountEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> events;
        try (Stream<Path> files = Files.walk(classes)) {
            events = files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .<Class<?>>map(f -> load(f.substring(0, f.length() - ".class".length()).replace('/', '.')))
                    .filter(c -> AccountEvent.class.isAssignableFrom(c) && !c.isInterface())
                    .sorted(java.util.Comparator.comparing(Class::getSimpleName)).toList();
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(16).containsExactlyElementsOf(AccountEvent.TYPES);
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

    @Test
    void anEventWithoutAMethodIsRefusedByName() {
        record Unlisted(String accountId) implements AccountEvent {
        }
        assertThatThrownBy(() -> new Unlisted("a-1").accept(NAMING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unlisted");
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventDispatchTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
