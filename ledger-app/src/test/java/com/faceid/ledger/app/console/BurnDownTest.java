package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's burn-down forecast: arithmetic on recorded days, never a charge. */
class BurnDownTest {
    static final LocalDate FROM = LocalDate.of(2026, 3, 1);

    @Test
    void theLineFollowsWhatEachDayUsed() {
        BurnDown b = BurnDown.of("p", 100, 70, FROM, FROM.plusDays(2), FROM.plusYears(1),
                Map.of(FROM, 10L, FROM.plusDays(2), 20L));
        assertThat(b.points()).extracting(BurnDown.Point::remaining).containsExactly(100L, 90L, 90L, 70L);
        assertThat(b.points().get(0).day()).isEqualTo(FROM.minusDays(1));
    }

    @Test
    void thePaceIsTheAverageOfTheLastThirtyDaysAndTheForecastRoundsUp() {
        LocalDate today = FROM.plusDays(59);
        // 300 used long ago (outside the pace window), 60 in the last 30 days: 2 a day, 100 left → 50 days
        BurnDown b = BurnDown.of("p", 460, 100, FROM, today, today.plusDays(60),
                Map.of(FROM, 300L, today.minusDays(5), 60L));
        assertThat(b.perDay()).isEqualTo(2.0);
        assertThat(b.depletesOn()).isEqualTo(today.plusDays(50));
        assertThat(b.beforeExpiry()).isTrue();
        BurnDown slower = BurnDown.of("p", 460, 100, FROM, today, today.plusDays(49),
                Map.of(FROM, 300L, today.minusDays(5), 60L));
        assertThat(slower.beforeExpiry()).as("a day after expiry: what is left then is forfeited").isFalse();
        BurnDown fraction = BurnDown.of("p", 460, 101, FROM, today, today.plusDays(60),
                Map.of(FROM, 300L, today.minusDays(5), 60L));
        assertThat(fraction.depletesOn()).isEqualTo(today.plusDays(51));
    }

    @Test
    void aYoungPackageCountsOnlyTheDaysItHasBeenUsable() {
        // usable for 5 days (1 to 5 March), 50 used: 10 a day, not 50/30
        BurnDown b = BurnDown.of("p", 100, 50, FROM, FROM.plusDays(4), FROM.plusYears(1), Map.of(FROM.plusDays(1), 50L));
        assertThat(b.perDay()).isEqualTo(10.0);
        assertThat(b.depletesOn()).isEqualTo(FROM.plusDays(9));
    }

    @Test
    void nothingUsedLatelyGivesNoForecastAndAnEmptyPackageIsDepletedToday() {
        assertThat(BurnDown.of("p", 100, 100, FROM, FROM.plusDays(40), FROM.plusYears(1), Map.of()).depletesOn())
                .isNull();
        LocalDate today = FROM.plusDays(3);
        assertThat(BurnDown.of("p", 10, 0, FROM, today, FROM.plusYears(1), Map.of(FROM, 10L)).depletesOn())
                .isEqualTo(today);
    }

    @Test
    void theChartPlacesExpiryAndProjectionOnOneAxis() {
        LocalDate today = FROM.plusDays(9);
        BurnDown b = BurnDown.of("p", 100, 50, FROM, today, FROM.plusDays(30), Map.of(FROM, 50L));
        LineChart c = b.chart();
        // from the day before FROM to expiry (31 days), 584 px wide from x=48: today is day 10 of 31
        assertThat(c.todayX()).isEqualTo(48 + 584.0 * 10 / 31);
        assertThat(c.expiryX()).isEqualTo(48 + 584.0);
        assertThat(c.actual()).startsWith("48.0,8.0 ");
        assertThat(c.projected()).isNotEmpty().endsWith(",136.0");
    }

    @Test
    void aSlowPaceIsDrawnToTheExpiryNotTheYearsBeyondIt() {
        LocalDate today = FROM.plusDays(29);
        // 1,000 units, 3 used in 30 days: the pace empties it in about 27 years; it expires in 30 days
        BurnDown b = BurnDown.of("p", 1000, 997, FROM, today, today.plusDays(30), Map.of(FROM, 3L));
        assertThat(b.depletesOn()).isAfter(today.plusYears(20));
        assertThat(b.beforeExpiry()).isFalse();
        LineChart c = b.chart();
        assertThat(c.toLabel()).isEqualTo(today.plusDays(30).toString()); // the axis ends at the expiry
        assertThat(c.expiryX()).isEqualTo(48 + 584.0);
        // the projection stops at the expiry with what the pace leaves then: 997 - 0.1 × 30 = 994 of 1,000
        assertThat(c.projected()).endsWith("632.0," + String.format(java.util.Locale.ROOT, "%.1f", 8 + 128 * (1 - 994 / 1000.0)));
    }
}
