package com.faceid.ledger.app.schedule;

import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.PackagePurchased;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule's rules alone: which steps each event calls for, due when (billing time zone Shanghai). */
class StepsOfTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final StepsOf steps = new StepsOf(Duration.ofDays(2), List.of(30, 7, 1));

    static Instant t(String shanghai) {
        return OffsetDateTime.parse(shanghai + "+08:00").toInstant();
    }

    @Test
    void anOpeningSchedulesTheCloseOfItsMonthAtItsEndPlusTheGrace() {
        assertThat(steps.of(new AccountOpened("a", t("2026-03-10T15:00:00"), "Asia/Shanghai", true)))
                .containsExactly(new StepsOf.Step(StepKind.CLOSE_MONTH, "2026-03", t("2026-04-03T00:00:00")));
    }

    @Test
    void aGrantIsActivatedAtItsStartAndExpiresWithRemindersThirtySevenAndOneDayBefore() {
        FreeGrantIssued g = new FreeGrantIssued("a", "FREE-PHOTO_VERIFICATION", Service.PHOTO_VERIFICATION, 50,
                t("2026-03-11T00:00:00"), t("2027-03-11T00:00:00"), "faceid-2026-01");
        assertThat(steps.of(g, SHANGHAI)).containsExactly(
                new StepsOf.Step(StepKind.ACTIVATE_GRANT, "FREE-PHOTO_VERIFICATION", t("2026-03-11T00:00:00")),
                new StepsOf.Step(StepKind.EXPIRE_PACKAGE, "FREE-PHOTO_VERIFICATION", t("2027-03-11T00:00:00")),
                new StepsOf.Step(StepKind.EXPIRY_REMINDER, "FREE-PHOTO_VERIFICATION", 30, t("2027-02-09T00:00:00")),
                new StepsOf.Step(StepKind.EXPIRY_REMINDER, "FREE-PHOTO_VERIFICATION", 7, t("2027-03-04T00:00:00")),
                new StepsOf.Step(StepKind.EXPIRY_REMINDER, "FREE-PHOTO_VERIFICATION", 1, t("2027-03-10T00:00:00")));
    }

    @Test
    void aPurchaseExpiresAtItsInstantWithItsReminders() {
        PackagePurchased p = new PackagePurchased("a", "PKG-000001", "po-1", Service.LIVENESS_VERIFICATION, 1000,
                new BigDecimal("930.00"), t("2026-03-11T09:30:00"), t("2027-03-11T09:30:00"), YearMonth.of(2026, 3),
                "faceid-2026-01");
        assertThat(steps.of(p, SHANGHAI)).extracting(StepsOf.Step::ref, StepsOf.Step::daysBefore, StepsOf.Step::dueAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PKG-000001", 0, t("2027-03-11T09:30:00")),
                        org.assertj.core.groups.Tuple.tuple("PKG-000001", 30, t("2027-02-09T09:30:00")),
                        org.assertj.core.groups.Tuple.tuple("PKG-000001", 7, t("2027-03-04T09:30:00")),
                        org.assertj.core.groups.Tuple.tuple("PKG-000001", 1, t("2027-03-10T09:30:00")));
    }

    @Test
    void aCloseSchedulesTheNextMonthsCloseAcrossTheYearEnd() {
        StatementClosed december = new StatementClosed("a", YearMonth.of(2026, 12), t("2027-01-03T00:00:00"),
                "faceid-2026-01", "UPPER_INCLUSIVE", List.of(), List.of(), List.of(), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, "scheduler");
        assertThat(steps.of(december, SHANGHAI))
                .containsExactly(new StepsOf.Step(StepKind.CLOSE_MONTH, "2027-01", t("2027-02-03T00:00:00")));
    }

    @Test
    void aHeldHoldMakesTheAccountsHoldExpiryStepDueAtItsExpiryAndARefusedOneSchedulesNothing() {
        HoldPlaced held = new HoldPlaced("a", "h-1", Service.PHOTO_VERIFICATION, HoldStatus.HELD, ChargedTo.FREE,
                "FREE-PHOTO_VERIFICATION", t("2026-03-12T10:00:00"), t("2026-03-12T10:00:00"),
                t("2026-03-12T10:05:00"));
        assertThat(steps.of(held))
                .containsExactly(new StepsOf.Step(StepKind.EXPIRE_HOLDS, "holds", t("2026-03-12T10:05:00")));
        HoldPlaced refused = new HoldPlaced("a", "h-2", Service.PHOTO_VERIFICATION, HoldStatus.REFUSED, null, null,
                t("2026-03-12T10:00:00"), t("2026-03-12T10:00:00"), t("2026-03-12T10:05:00"));
        assertThat(steps.of(refused)).isEmpty();
    }
}
