package com.faceid.ledger.app.time;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.store.EventStoreReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ledgers in one JVM, each on its own simulated clock, both running: each stamps its events with its own
 * clock's time, whichever started last. When Axon's JVM-wide event clock was bound to a ledger's clock, the
 * ledger started second re-bound it, and the first one's events were stamped in the second one's year.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class EventTimestampsTest {
    @Test
    void eachLedgerStampsItsEventsWithItsOwnClock() {
        Instant april = OffsetDateTime.parse("2026-04-01T12:00:00+08:00").toInstant();
        Instant june2030 = OffsetDateTime.parse("2030-06-01T09:00:00+08:00").toInstant();
        try (ConfigurableApplicationContext first = start(april);
             ConfigurableApplicationContext second = start(june2030)) {
            open(first, "first");
            open(second, "second");
            open(first, "first-again");
            assertThat(first.getBean(EventStoreReader.class).latestTimestamp()).isEqualTo(april);
            assertThat(second.getBean(EventStoreReader.class).latestTimestamp()).isEqualTo(june2030);
        }
    }

    private static ConfigurableApplicationContext start(Instant at) {
        return StoreClockTest.start("./target/h2/event-timestamps-" + UUID.randomUUID(), "--ledger.clock=simulated",
                "--ledger.clock.start=" + at);
    }

    private static void open(ConfigurableApplicationContext ledger, String account) {
        Instant now = ledger.getBean(LedgerClock.class).instant();
        ledger.getBean(Commands.class).send(new OpenAccount(account, now, "Asia/Shanghai", false));
    }
}
