package com.faceid.ledger.app.time;

import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.LedgerProperties;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.time.Clock;
import java.util.Objects;
import org.springframework.beans.factory.DisposableBean;

/**
 * Creates the ledger clock. Axon's event timestamps use it too, so an event's recorded time and the
 * ledger's "now" never disagree, simulated or not.
 */
@Configuration
public class ClockConfig {
    private static final Logger log = LoggerFactory.getLogger(ClockConfig.class);

    @Bean
    @DependsOn("flywayInitializer")
    public LedgerClock ledgerClock(LedgerProperties props, Environment env, JdbcTemplate jdbc,
                                   EventStoreReader events) {
        ZoneId zone = props.zone();
        if (props.clock() == LedgerProperties.ClockMode.SYSTEM) {
            LedgerClock clock = LedgerClock.system(zone);
            warnIfTheStoreRanSimulated(jdbc, zone);
            return clock;
        }
        LedgerClock clock = LedgerClock.simulated(zone, simulatedStart(env, jdbc, events), t -> persist(jdbc, t));
        log.warn("ledger clock is SIMULATED and stands at {}; move it with POST /api/v1/admin/clock",
                clock.instant().atZone(zone).toOffsetDateTime());
        return clock;
    }

    /**
     * Axon stamps events with a JVM-wide static clock; this binds it to the ledger clock for the life of the
     * context and gives the previous one back when the context closes (one ledger per JVM in production;
     * tests start several, and rebind it before each test: support.EventClockBinding). Stamping the events
     * another way instead (an interceptor setting each timestamp from the ledger clock, tried 2026-12-08) is not
     * enough: Axon's JDBC storage engine decides whether a gap in the global index has timed out by comparing the
     * stored timestamps with this same static clock, so with a simulated clock months behind the real one every
     * gap looked timed out at once, and the read-model processor skipped events still being committed (the
     * benchmark's parallel account openings lost their views). The event clock and the ledger clock must be one.
     */
    @Bean
    public DisposableBean eventTimestampClock(LedgerClock clock) {
        Clock previous = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        return () -> {
            if (GenericEventMessage.clock == clock) { // another context may have bound its own since
                GenericEventMessage.clock = previous;
            }
        };
    }

    /**
     * A store last run on a simulated clock, opened on the real one (a command-line tool started without the clock
     * options, say): its figures as of "now" would be as of today, not of where its clock stood. Said loudly.
     */
    private static void warnIfTheStoreRanSimulated(JdbcTemplate jdbc, ZoneId zone) {
        List<Timestamp> stored = jdbc.queryForList("SELECT now_at FROM ledger_clock WHERE name = 'simulated'",
                Timestamp.class);
        if (!stored.isEmpty()) {
            log.warn("this store was run on a SIMULATED clock, which stands at {}; this start uses the SYSTEM clock"
                            + " (real time): start with --ledger.clock=simulated to go on from where it stands",
                    stored.get(0).toInstant().atZone(zone).toOffsetDateTime());
        }
    }

    /** Where it stood before a restart, else ledger.clock.start, else the real time; never behind an event. */
    private static Instant simulatedStart(Environment env, JdbcTemplate jdbc, EventStoreReader events) {
        List<Timestamp> stored = jdbc.queryForList("SELECT now_at FROM ledger_clock WHERE name = 'simulated'",
                Timestamp.class);
        String configured = env.getProperty("ledger.clock.start");
        Instant start = !stored.isEmpty() ? stored.get(0).toInstant()
                : configured != null && !configured.isBlank() ? OffsetDateTime.parse(configured).toInstant()
                : Clock.systemUTC().instant(); // the contract: "else at the real time of the first start"
        Instant latest = events.latestTimestamp();
        Instant now = Stream.of(start, latest).filter(Objects::nonNull).max(Instant::compareTo).orElseThrow();
        persist(jdbc, now);
        return now;
    }

    private static void persist(JdbcTemplate jdbc, Instant t) {
        if (jdbc.update("UPDATE ledger_clock SET now_at = ? WHERE name = 'simulated'", Timestamp.from(t)) == 0) {
            jdbc.update("INSERT INTO ledger_clock (name, now_at) VALUES ('simulated', ?)", Timestamp.from(t));
        }
    }
}
