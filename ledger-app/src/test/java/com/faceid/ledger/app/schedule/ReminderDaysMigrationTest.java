package com.faceid.ledger.app.schedule;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A schedule written before V20 named an expiry reminder "package:days" in one string; V20 moves the days to a
 * column of their own and leaves the package as the reference, whatever else the schedule holds.
 */
@Tag("service") // migrates a store: left out of the fast build (-Pfast)
class ReminderDaysMigrationTest {
    @Test
    void theDaysOfAStoredReminderMoveToTheirColumn() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:reminders-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        String[] locations = {"classpath:db/migration/h2", "classpath:db/migration/common"};
        Flyway.configure().dataSource(ds).locations(locations).target("19").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        Timestamp due = Timestamp.from(Instant.parse("2027-02-09T16:00:00Z"));
        for (String[] step : new String[][]{{"EXPIRY_REMINDER", "PKG-000001:30"}, {"EXPIRY_REMINDER", "PKG-000001:7"},
                {"EXPIRE_PACKAGE", "PKG-000001"}, {"CLOSE_MONTH", "2026-03"}}) {
            jdbc.update("INSERT INTO scheduled_step (account_id, kind, ref, due_at, status, attempts)"
                    + " VALUES ('old', ?, ?, ?, 'PENDING', 0)", step[0], step[1], due);
        }

        Flyway.configure().dataSource(ds).locations(locations).load().migrate();

        List<String> steps = jdbc.queryForList("SELECT kind || ' ' || ref || ' ' || days_before FROM scheduled_step"
                + " WHERE account_id = 'old' ORDER BY kind, days_before", String.class);
        assertThat(steps).containsExactly("CLOSE_MONTH 2026-03 0", "EXPIRE_PACKAGE PKG-000001 0",
                "EXPIRY_REMINDER PKG-000001 7", "EXPIRY_REMINDER PKG-000001 30");
        // still one step a package, kind and number of days
        assertThatThrownBy(() -> jdbc.update("INSERT INTO scheduled_step (account_id, kind, ref, days_before, due_at,"
                + " status, attempts) VALUES ('old', 'EXPIRY_REMINDER', 'PKG-000001', 7, ?, 'PENDING', 0)", due))
                .hasMessageContaining("UK_SCHEDULED_STEP");
    }
}
