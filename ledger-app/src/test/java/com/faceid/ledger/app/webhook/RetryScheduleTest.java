package com.faceid.ledger.app.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    static final Instant T0 = Instant.parse("2026-04-01T04:00:00Z");

    @Test
    void backsOffFromAMinuteToADayAndFailsAfterTheTenthAttemptMoreThanThreeDaysOn() {
        Instant at = T0;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = RetrySchedule.next(attempts, at, 0.0)).isPresent()) {
            at = next.get();
            attempts++;
        }
        assertThat(attempts).isEqualTo(10);
        assertThat(Duration.between(T0, at)).isEqualTo(Duration.ofDays(3).plusHours(20).plusMinutes(36));
        assertThat(Duration.between(T0, at)).isGreaterThanOrEqualTo(Duration.ofDays(3));
    }

    @Test
    void eachDelayGrowsAndJitterStretchesItByAtMostTenPercent() {
        assertThat(RetrySchedule.next(1, T0, 0.0)).contains(T0.plus(Duration.ofMinutes(1)));
        assertThat(RetrySchedule.next(1, T0, 0.999).orElseThrow()).isBetween(T0.plusSeconds(60), T0.plusSeconds(66));
        assertThat(RetrySchedule.next(9, T0, 0.5)).contains(T0.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(72)));
        for (int i = 1; i < RetrySchedule.DELAYS.size(); i++) {
            assertThat(RetrySchedule.DELAYS.get(i)).isGreaterThanOrEqualTo(RetrySchedule.DELAYS.get(i - 1));
        }
        assertThat(RetrySchedule.next(10, T0, 0.0)).isEmpty();
    }
}
