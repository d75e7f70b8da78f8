package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTest {
    @Test
    void oneBarPerDayWithCallsScaledToARoundTop() {
        LocalDate from = LocalDate.of(2026, 2, 20);
        BarChart c = BarChart.daily("s", from, from.plusDays(9), Map.of(from, 30L, from.plusDays(9), 120L));
        assertThat(c.total()).isEqualTo(150);
        assertThat(c.bars()).hasSize(2);
        assertThat(c.bars().get(1).label()).isEqualTo("2026-03-01: 120 calls");
        // the top is 200 (the 1-2-5 step above 120): 120 calls fill 60 % of the 148 px plot
        assertThat(c.yTicks().get(2).label()).isEqualTo("200");
        assertThat(c.bars().get(1).height()).isCloseTo(148 * 0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.xTicks()).extracting(BarChart.Tick::label).containsExactly("02-20", "03-01");
    }

    @Test
    void aSingleCallReadsInTheSingularOnAnAxisOfWholeNumbers() {
        LocalDate day = LocalDate.of(2026, 3, 5);
        BarChart one = BarChart.daily("s", day, day.plusDays(2), Map.of(day, 1L));
        assertThat(one.bars().get(0).label()).isEqualTo("2026-03-05: 1 call");
        assertThat(one.yTicks()).extracting(BarChart.Tick::label).containsExactly("0", "1"); // never "0, 0, 1"
        BarChart three = BarChart.daily("s", day, day.plusDays(2), Map.of(day, 3L));
        assertThat(three.yTicks()).extracting(BarChart.Tick::label).containsExactly("0", "5");
        BarChart two = BarChart.daily("s", day, day.plusDays(2), Map.of(day, 2L));
        assertThat(two.yTicks()).extracting(BarChart.Tick::label).containsExactly("0", "1", "2");
    }

    @Test
    void niceCeilings() {
        assertThat(BarChart.niceCeiling(1)).isEqualTo(1);
        assertThat(BarChart.niceCeiling(3)).isEqualTo(5);
        assertThat(BarChart.niceCeiling(101)).isEqualTo(200);
        assertThat(BarChart.niceCeiling(500)).isEqualTo(500);
        assertThat(BarChart.niceCeiling(5_001)).isEqualTo(10_000);
    }
}
