package com.faceid.ledger.account;

import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.metering.MeterCalls;
import com.faceid.ledger.metering.MeteringResult;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.AdjustmentReceipt;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.support.LedgerHarness;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static com.faceid.ledger.event.Service.LIVENESS_VERIFICATION;
import static com.faceid.ledger.event.Service.PHOTO_VERIFICATION;
import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * billing-rules §9: every answer depends on the events and the ledger clock only, never on whether a
 * time-driven step (month close, package expiry, reminder) has run yet; and an id binds its content.
 */
class ClockDecidesTest {
    static final String A = "acme";

    static ErrorCode refusal(Runnable r) {
        Throwable t = catchThrowable(r::run);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LedgerException e) {
                return e.code();
            }
            if (c instanceof CommandExecutionException x && x.getDetails().isPresent()) {
                break;
            }
        }
        throw new AssertionError("expected a refusal, got " + t, t);
    }

    static LedgerHarness opened(Instant openedAt) {
        LedgerHarness h = LedgerHarness.plain();
        h.send(new OpenAccount(A, openedAt, "Asia/Shanghai", true));
        return h;
    }

    @Nested
    class AMonthStopsAcceptingCallsAtItsCloseDeadline {
        // February 2026 ends at 2026-03-01 00:00 Shanghai; with 2 days' grace its deadline is 2026-03-03 00:00
        final Instant feb = t("2026-02-20T10:00");

        @Test
        void aCallForFebruaryIsAcceptedUntilTheDeadlineThenRefusedWhetherOrNotTheCloseRan() {
            try (LedgerHarness h = opened(t("2026-02-01T09:00"))) {
                CallOutcome inGrace = h.send(new MeterCall(A, "r1", PHOTO_VERIFICATION, feb, null,
                        t("2026-03-02T23:59:59")));
                assertThat(inGrace.chargedTo()).isEqualTo(ChargedTo.FREE);
                // nobody closed February, yet from the deadline on it refuses calls
                assertThat(refusal(() -> h.send(new MeterCall(A, "r2", PHOTO_VERIFICATION, feb, null,
                        t("2026-03-03T00:00"))))).isEqualTo(ErrorCode.PERIOD_CLOSED);
                h.send(new CloseStatement(A, YearMonth.of(2026, 2), t("2026-03-03T00:00"), "scheduler"));
                assertThat(refusal(() -> h.send(new MeterCall(A, "r3", PHOTO_VERIFICATION, feb, null,
                        t("2026-03-04T00:00"))))).isEqualTo(ErrorCode.PERIOD_CLOSED);
            }
        }

        @Test
        void inABatchTheLateCallFailsAloneAndTheOthersGoThrough() {
            try (LedgerHarness h = opened(t("2026-02-01T09:00"))) {
                Instant now = t("2026-03-05T10:00");
                List<MeteringResult> r = h.send(new MeterCalls(A, List.of(
                        new MeterCall(A, "late", PHOTO_VERIFICATION, feb, null, now),
                        new MeterCall(A, "now", PHOTO_VERIFICATION, now, null, now))));
                assertThat(r.get(0).error()).isEqualTo(ErrorCode.PERIOD_CLOSED);
                assertThat(r.get(1).outcome().chargedTo()).isEqualTo(ChargedTo.FREE);
            }
        }

        @Test
        void aPurchaseBackDatedIntoAMonthPastItsDeadlineIsRefused() {
            try (LedgerHarness h = opened(t("2026-02-01T09:00"))) {
                assertThat(refusal(() -> h.send(new BuyPackage(A, "po", LIVENESS_VERIFICATION, 1000, feb,
                        t("2026-03-03T00:00"))))).isEqualTo(ErrorCode.PERIOD_CLOSED);
                assertThat(h.<Object>send(new BuyPackage(A, "po", LIVENESS_VERIFICATION, 1000, feb,
                        t("2026-03-02T12:00")))).isNotNull();
            }
        }

        @Test
        void anAdjustmentForAMonthPastItsDeadlineLandsOnTheFirstMonthStillOpenWhetherOrNotTheCloseRan() {
            Instant at = t("2026-03-10T10:00");
            RecordAdjustment adj = new RecordAdjustment(A, "adj", YearMonth.of(2026, 2), new BigDecimal("-1.00"),
                    "goodwill", null, "ops", at);
            try (LedgerHarness notClosed = opened(t("2026-02-01T09:00"));
                 LedgerHarness closed = opened(t("2026-02-01T09:00"))) {
                closed.send(new CloseStatement(A, YearMonth.of(2026, 2), t("2026-03-03T00:00"), "scheduler"));
                AdjustmentReceipt a = notClosed.send(adj);
                AdjustmentReceipt b = closed.send(adj);
                assertThat(a.adjustment().month()).isEqualTo(YearMonth.of(2026, 3));
                assertThat(b).isEqualTo(a);
            }
        }

        @Test
        void aNegotiatedPriceForAMonthPastItsDeadlineIsRefusedUnlessThatMonthAwaitsOne() {
            AgreeNegotiatedPrice forFeb = new AgreeNegotiatedPrice(A, LIVENESS_VERIFICATION, new BigDecimal("0.50"),
                    YearMonth.of(2026, 2), "sales", t("2026-03-10T10:00"));
            try (LedgerHarness h = opened(t("2026-02-01T09:00"))) {
                assertThat(refusal(() -> h.send(forFeb))).isEqualTo(ErrorCode.PERIOD_CLOSED);
            }
            try (LedgerHarness h = opened(t("2026-02-01T09:00"))) {
                // 200,001 postpaid calls reach the top (联系商务) tier: February cannot close without a price
                List<MeterCall> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 200_051; i++) {
                    calls.add(new MeterCall(A, "r" + i, LIVENESS_VERIFICATION, feb, null, feb));
                }
                for (int from = 0; from < calls.size(); from += 20_000) {
                    h.send(new MeterCalls(A, calls.subList(from, Math.min(calls.size(), from + 20_000))));
                }
                assertThat(refusal(() -> h.send(new CloseStatement(A, YearMonth.of(2026, 2), t("2026-03-03T00:00"),
                        "scheduler")))).isEqualTo(ErrorCode.AWAITING_PRICE);
                h.send(forFeb);
                assertThat(h.<List<YearMonth>>send(new CloseStatement(A, YearMonth.of(2026, 2),
                        t("2026-03-10T10:01"), "scheduler"))).containsExactly(YearMonth.of(2026, 2));
            }
        }
    }

    @Nested
    class OpeningInThePastIsBounded {
        @Test
        void openedAtMayNotBeAfterTheClock() {
            try (LedgerHarness h = LedgerHarness.plain()) {
                Instant now = t("2026-03-10T10:00");
                assertThat(refusal(() -> h.send(new OpenAccount(A, now.plusSeconds(1), "Asia/Shanghai", true, now))))
                        .isEqualTo(ErrorCode.TIMESTAMP_IN_FUTURE);
                assertThat(h.events(A)).isEmpty();
            }
        }

        @Test
        void openedAtMustFallInAMonthThatStillAcceptsCalls() {
            try (LedgerHarness h = LedgerHarness.plain()) {
                Instant now = t("2026-03-03T00:00");
                assertThat(refusal(() -> h.send(new OpenAccount(A, t("2026-02-27T10:00"), "Asia/Shanghai", true,
                        now)))).isEqualTo(ErrorCode.PERIOD_CLOSED);
                h.send(new OpenAccount(A, t("2026-02-27T10:00"), "Asia/Shanghai", true, now.minusSeconds(1)));
                assertThat(h.events(A)).isNotEmpty();
            }
        }
    }

    @Nested
    class APackageIsForfeitedAtItsExpiryInstant {
        @Test
        void aBackDatedCallRecordedAfterExpiryCannotUseItWhetherOrNotTheExpiryRan() {
            // bought 2026-03-11 09:00, expires 2027-03-11 09:00; the call occurred before, arrives after
            Instant occurred = t("2027-03-11T08:59");
            Instant recorded = t("2027-03-11T09:00");
            for (boolean expiryRan : new boolean[]{false, true}) {
                try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                    h.send(new BuyPackage(A, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
                    if (expiryRan) {
                        h.send(new ExpirePackage(A, "PKG-000001", recorded));
                    }
                    CallOutcome o = h.send(new MeterCall(A, "r", Service.WECHAT_LIVENESS_VERIFICATION, occurred,
                            null, recorded));
                    assertThat(o.chargedTo()).as("expiry ran: " + expiryRan).isEqualTo(ChargedTo.POSTPAID);
                }
            }
        }

        @Test
        void aBackDatedCallRecordedBeforeExpiryStillUsesIt() {
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                h.send(new BuyPackage(A, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
                CallOutcome o = h.send(new MeterCall(A, "r", Service.WECHAT_LIVENESS_VERIFICATION,
                        t("2027-03-11T08:00"), null, t("2027-03-11T08:59:59")));
                assertThat(o.chargedTo()).isEqualTo(ChargedTo.PURCHASED);
            }
        }
    }

    @Nested
    class AnExpiryReminderIsDecidedAsOfTheInstantItFellDue {
        @Test
        void aPackageUsedUpAfterTheReminderWasDueIsStillRemindedWhenTheStepRunsLate() {
            // expires 2027-03-11 09:00: the 30-day reminder is due 2027-02-09 09:00
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                h.send(new BuyPackage(A, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
                List<MeterCall> calls = new java.util.ArrayList<>();
                Instant after = t("2027-02-10T10:00");
                for (int i = 0; i < 100; i++) {
                    calls.add(new MeterCall(A, "r" + i, Service.WECHAT_LIVENESS_VERIFICATION, after, null, after));
                }
                h.send(new MeterCalls(A, calls));
                h.send(new RemindExpiry(A, "PKG-000001", 30, t("2027-02-11T00:00"))); // two days late
                assertThat(h.events(A)).filteredOn(PackageExpiryReminded.class::isInstance).hasSize(1);
            }
        }

        @Test
        void aPackageUsedUpBeforeTheReminderWasDueIsNotReminded() {
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                h.send(new BuyPackage(A, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
                List<MeterCall> calls = new java.util.ArrayList<>();
                Instant before = t("2027-02-01T10:00");
                for (int i = 0; i < 100; i++) {
                    calls.add(new MeterCall(A, "r" + i, Service.WECHAT_LIVENESS_VERIFICATION, before, null, before));
                }
                h.send(new MeterCalls(A, calls));
                h.send(new RemindExpiry(A, "PKG-000001", 30, t("2027-02-09T09:00")));
                assertThat(h.events(A)).filteredOn(PackageExpiryReminded.class::isInstance).isEmpty();
            }
        }
    }

    @Nested
    class ARequestIdBindsItsContent {
        final Instant at = t("2026-03-12T10:00");

        @Test
        void theSameContentAgainIsARepeatAnsweredWithTheOriginalOutcome() {
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                CallOutcome first = h.send(new MeterCall(A, "r", PHOTO_VERIFICATION, at, null, at));
                // "Success" spelled out is what a missing result code means; no occurredAt means "as first sent"
                CallOutcome again = h.send(new MeterCall(A, "r", PHOTO_VERIFICATION, at, "Success", at.plusSeconds(5)));
                CallOutcome noTime = h.send(new MeterCall(A, "r", PHOTO_VERIFICATION, null, null, at.plusSeconds(9)));
                assertThat(again).isEqualTo(first.asDuplicate());
                assertThat(noTime).isEqualTo(first.asDuplicate());
            }
        }

        @Test
        void anotherServiceTimeOrResultIsRefusedAndChangesNothing() {
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                h.send(new MeterCall(A, "r", PHOTO_VERIFICATION, at, null, at));
                int events = h.events(A).size();
                for (MeterCall other : List.of(
                        new MeterCall(A, "r", LIVENESS_VERIFICATION, at, null, at),
                        new MeterCall(A, "r", PHOTO_VERIFICATION, at.plusMillis(1), null, at),
                        new MeterCall(A, "r", PHOTO_VERIFICATION, at, "NoFaceDetected", at))) {
                    assertThat(refusal(() -> h.send(other))).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
                    List<MeteringResult> batch = h.send(new MeterCalls(A, List.of(other)));
                    assertThat(batch.get(0).error()).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
                }
                assertThat(h.events(A)).hasSize(events);
            }
        }

        @Test
        void withinOneBatchASecondUseOfAnIdWithOtherContentIsRefused() {
            try (LedgerHarness h = opened(t("2026-03-10T15:00"))) {
                List<MeteringResult> r = h.send(new MeterCalls(A, List.of(
                        new MeterCall(A, "r", PHOTO_VERIFICATION, at, null, at),
                        new MeterCall(A, "r", LIVENESS_VERIFICATION, at, null, at),
                        new MeterCall(A, "r", PHOTO_VERIFICATION, at, null, at))));
                assertThat(r.get(0).outcome().duplicate()).isFalse();
                assertThat(r.get(1).error()).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
                assertThat(r.get(2).outcome().duplicate()).isTrue();
            }
        }
    }

    @Test
    void theCloseGraceIsThePolicys() {
        BillingPolicy noGrace = new BillingPolicy(BillingPolicy.standard().catalogs(),
                BillingPolicy.standard().tierConvention(), BillingPolicy.standard().billableResults(),
                BillingPolicy.standard().reminders(), java.time.Duration.ZERO);
        try (LedgerHarness h = new LedgerHarness(noGrace, 0, false)) {
            h.send(new OpenAccount(A, t("2026-02-01T09:00"), "Asia/Shanghai", true));
            assertThat(refusal(() -> h.send(new MeterCall(A, "r", PHOTO_VERIFICATION, t("2026-02-28T23:00"), null,
                    t("2026-03-01T00:00"))))).isEqualTo(ErrorCode.PERIOD_CLOSED);
        }
    }
}
