package com.faceid.ledger.prepaid;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PackageStatusTest {
    static final Instant FROM = Instant.parse("2026-03-11T16:00:00Z");
    static final Instant EXPIRES = Instant.parse("2027-03-11T16:00:00Z");

    @Test
    void pendingUntilUsableThenActiveThenExpiredAtItsExactExpiryInstantRecordedOrNot() {
        assertThat(PackageStatus.at(FROM.minusNanos(1), FROM, EXPIRES, 50, false)).isEqualTo(PackageStatus.PENDING);
        assertThat(PackageStatus.at(FROM, FROM, EXPIRES, 50, false)).isEqualTo(PackageStatus.ACTIVE);
        assertThat(PackageStatus.at(EXPIRES.minusNanos(1), FROM, EXPIRES, 50, false)).isEqualTo(PackageStatus.ACTIVE);
        assertThat(PackageStatus.at(EXPIRES, FROM, EXPIRES, 50, false)).isEqualTo(PackageStatus.EXPIRED);
        assertThat(PackageStatus.at(FROM, FROM, EXPIRES, 50, true)).isEqualTo(PackageStatus.EXPIRED);
    }

    @Test
    void depletedWhenNothingRemainsUntilItExpires() {
        assertThat(PackageStatus.at(FROM, FROM, EXPIRES, 0, false)).isEqualTo(PackageStatus.DEPLETED);
        assertThat(PackageStatus.at(EXPIRES, FROM, EXPIRES, 0, false)).isEqualTo(PackageStatus.EXPIRED);
    }
}
