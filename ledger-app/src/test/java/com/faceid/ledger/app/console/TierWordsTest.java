package com.faceid.ledger.app.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tier bounds in words, under both conventions, at their edges. */
class TierWordsTest {
    final TierWords words = new TierWords();

    @Test
    void aBoundBelongsToTheTierBelowOrAboveAsRecorded() {
        assertThat(words.of("(0, 1000]")).isEqualTo("calls 1–1,000 of the month");
        assertThat(words.of("(1000, 10000]")).isEqualTo("calls 1,001–10,000 of the month");
        assertThat(words.of("[0, 1000)")).isEqualTo("calls 1–999 of the month");
        assertThat(words.of("[1000, 10000)")).isEqualTo("calls 1,000–9,999 of the month");
        assertThat(words.of("(100000, ∞)")).isEqualTo("calls 100,001 and beyond of the month");
        assertThat(words.of("[100000, ∞)")).isEqualTo("calls 100,000 and beyond of the month");
        assertThat(words.of("something else")).isEqualTo("something else");
        assertThat(words.of(null)).isEmpty();
    }
}
