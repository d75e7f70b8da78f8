package com.faceid.ledger.account;

import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.support.LedgerJson;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden events: one stored payload (as the event store holds it, taken from real stores) of every event
 * type and revision ever written, under {@code src/test/resources/golden-events}. Each is read back through
 * the production path (the upcaster chain, then Jackson with the storage settings) with unknown properties
 * failing, and must come back whole: a change to an event that breaks an old payload fails the build, and
 * the fix is an upcaster in {@link EventUpcasters}.
 */
class GoldenEventsTest {
    static final ObjectMapper STRICT = LedgerJson.mapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(STRICT).build();

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(GoldenEventsTest.class.getResource("/golden-events").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    record Golden(String type, String revision, JsonNode payload) {
        static Golden read(Path file) throws IOException {
            JsonNode doc = STRICT.readTree(file.toFile());
            return new Golden(doc.path("type").asText(), doc.path("revision").isNull() ? null
                    : doc.path("revision").asText(), doc.path("payload"));
        }
    }

    /** The stored row as Axon's storage engine would hand it to the upcaster chain. */
    static IntermediateEventRepresentation stored(Golden g) throws IOException {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Account",
                g.payload().path("accountId").asText(), 0, "golden-" + g.type(), "2026-03-01T00:00:00Z", g.type(),
                g.revision(), STRICT.writeValueAsBytes(g.payload()), "{}".getBytes());
        return new InitialEventRepresentation(entry, SERIALIZER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyStoredPayloadReadsBackWholeThroughTheUpcasters(Path file) throws Exception {
        Golden g = Golden.read(file);
        List<IntermediateEventRepresentation> upcast = EventUpcasters.chain().upcast(Stream.of(stored(g))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation current = upcast.get(0);
        Class<?> type = Class.forName(current.getType().getName());
        assertThat(type.getPackageName()).as("type after upcasting").isEqualTo(AccountEvent.class.getPackageName());
        assertThat(current.getType().getRevision()).as("revision after upcasting")
                .isEqualTo(type.getAnnotation(Revision.class).value());
        Object event = SERIALIZER.deserialize(current.getData());
        assertThat(event).isInstanceOf(AccountEvent.class).isInstanceOf(type);
        // nothing lost: written again, it is the stored payload (field for field)
        assertThat(STRICT.readTree(STRICT.writeValueAsBytes(event))).isEqualTo(g.payload());
    }

    @Test
    void everyEventTypeHasAGoldenPayloadAtItsCurrentRevisionAndAsStoredBeforeRevisions() throws Exception {
        List<String> files = corpus().map(p -> p.getFileName().toString()).toList();
        assertThat(AccountEvent.TYPES).hasSize(16);
        for (Class<?> type : AccountEvent.TYPES) {
            String revision = type.getAnnotation(Revision.class).value();
            assertThat(files).as(type.getSimpleName()).contains(type.getSimpleName() + ".rev-" + revision + ".json");
            if (!type.getSimpleName().startsWith("Hold")) { // the hold events came after revisions were recorded
                assertThat(files).as(type.getSimpleName()).contains(type.getSimpleName() + ".rev-none.json");
            }
        }
    }

    @Test
    void theUpcasterLeavesCurrentRevisionsAndOtherTypesAlone() throws Exception {
        Golden current = Golden.read(corpus().filter(p -> p.endsWith("CallMetered.rev-1.json")).findFirst()
                .orElseThrow());
        IntermediateEventRepresentation r = EventUpcasters.chain().upcast(Stream.of(stored(current))).findFirst()
                .orElseThrow();
        assertThat(r.getType().getRevision()).isEqualTo("1");
        assertThat(current.type()).as("stored before the events moved").isEqualTo("com.faceid.ledger.metering.CallMetered");
        assertThat(r.getType().getName()).isEqualTo(CallMetered.class.getName());
        Golden renamed = new Golden(CallMetered.class.getName(), "1", current.payload());
        IntermediateEventRepresentation same = EventUpcasters.chain().upcast(Stream.of(stored(renamed)))
                .findFirst().orElseThrow();
        assertThat(same.getType()).isEqualTo(r.getType());
        assertThat(same.getData().getData()).isEqualTo(r.getData().getData());
        Golden foreign = new Golden("com.example.Other", null, STRICT.readTree("{\"accountId\":\"x\"}"));
        IntermediateEventRepresentation o = EventUpcasters.chain().upcast(Stream.of(stored(foreign))).findFirst()
                .orElseThrow();
        assertThat(o.getType().getRevision()).isNull();
    }
}
