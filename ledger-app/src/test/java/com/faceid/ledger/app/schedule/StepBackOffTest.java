package com.faceid.ledger.app.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A step that keeps failing unexpectedly is tried again after a minute, then two, four, ..., at most a day. */
class StepBackOffTest {
    @Test
    void theWaitDoublesFromAMinuteToADay() {
        assertThat(StepRunner.backOff(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(StepRunner.backOff(1)).isEqualTo(Duration.ofMinutes(2));
        assertThat(StepRunner.backOff(5)).isEqualTo(Duration.ofMinutes(32));
        assertThat(StepRunner.backOff(10)).isEqualTo(Duration.ofMinutes(1024));
        assertThat(StepRunner.backOff(11)).isEqualTo(Duration.ofDays(1));
        assertThat(StepRunner.backOff(1_000)).isEqualTo(Duration.ofDays(1));
        assertThat(StepRunner.backOff(-1)).isEqualTo(Duration.ofMinutes(1));
    }
}
