package com.faceid.ledger.account;

import com.faceid.ledger.event.AccountEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/events.md names every event type, with its current revision, and has a section for each. */
class EventCatalogTest {
    @Test
    void everyEventTypeIsInTheCatalogWithItsRevision() throws Exception {
        Path catalog = Path.of("..", "docs", "events.md");
        String text = Files.readString(catalog);
        for (Class<?> type : AccountEvent.TYPES) {
            String name = type.getSimpleName();
            String revision = type.getAnnotation(Revision.class).value();
            assertThat(text).as(name).contains("## " + name + "\n")
                    .containsPattern("\\| `" + name + "` \\| " + revision + " \\|");
        }
    }
}
