package com.faceid.ledger.app.usage;

import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily counts the console charts, on the schema Flyway builds (H2 in memory, no service started): days
 * are counted in the account's billing zone, and a batch's calls are summed before they are written.
 */
class DailyUsageProjectionTest {
    JdbcTemplate jdbc;
    DailyUsageProjection projection;
    DailyUsageQueries queries;

    @BeforeEach
    void schema() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:daily-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2", "classpath:db/migration/common")
                .load().migrate();
        jdbc = new JdbcTemplate(ds);
        projection = new DailyUsageProjection(jdbc);
        queries = new DailyUsageQueries(jdbc);
        projection.on(new AccountOpened("a", Instant.parse("2026-03-01T02:00:00Z"), "Asia/Shanghai", true));
    }

    static CallMetered call(String at, ChargedTo to, String packageId) {
        return new CallMetered("a", UUID.randomUUID().toString(), Service.PHOTO_VERIFICATION, Instant.parse(at),
                Instant.parse(at), "Success", to != ChargedTo.NONE, to, packageId, packageId == null ? null : 1,
                YearMonth.of(2026, 4), 0);
    }

    @Test
    void aCallIsCountedOnItsDayInTheBillingZone() {
        // 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai
        projection.on(call("2026-03-31T16:30:00Z", ChargedTo.POSTPAID, null));
        projection.on(call("2026-03-31T15:59:59Z", ChargedTo.POSTPAID, null));
        List<DailyUsageQueries.DayRow> rows = queries.between("a", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 30));
        assertThat(rows).extracting(DailyUsageQueries.DayRow::day, DailyUsageQueries.DayRow::calls)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 3, 31), 1L),
                        org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 4, 1), 1L));
    }

    @Test
    void aBatchIsSummedPerDayAndPayerAndAddedToWhatWasThere() {
        projection.on(call("2026-04-02T02:00:00Z", ChargedTo.PURCHASED, "PKG-1"));
        DefaultUnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.execute(() -> {
            for (int i = 0; i < 5; i++) {
                projection.on(call("2026-04-02T03:00:00Z", ChargedTo.PURCHASED, "PKG-1"));
            }
            projection.on(call("2026-04-02T03:00:00Z", ChargedTo.NONE, null));
            projection.on(call("2026-04-03T03:00:00Z", ChargedTo.PURCHASED, "PKG-1"));
            // nothing is written before the batch commits
            assertThat(jdbc.queryForObject("SELECT SUM(calls) FROM daily_usage_view", Long.class)).isEqualTo(1L);
        });
        assertThat(queries.paidByPackages("a")).extracting(DailyUsageQueries.DayRow::day,
                DailyUsageQueries.DayRow::calls).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 4, 2), 6L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.of(2026, 4, 3), 1L));
        List<DailyUsageQueries.DayRow> day = queries.between("a", LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 2));
        assertThat(day).extracting(DailyUsageQueries.DayRow::chargedTo, DailyUsageQueries.DayRow::packageId,
                DailyUsageQueries.DayRow::calls).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("PURCHASED", "PKG-1", 6L),
                org.assertj.core.groups.Tuple.tuple("NONE", null, 1L));
    }

    @Test
    void aReplayStartsFromNothing() {
        projection.on(call("2026-04-02T02:00:00Z", ChargedTo.POSTPAID, null));
        projection.reset();
        assertThat(queries.between("a", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).isEmpty();
    }
}
