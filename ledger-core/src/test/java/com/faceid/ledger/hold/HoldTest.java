package com.faceid.ledger.hold;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.ExpirePackage;
import com.faceid.ledger.support.LedgerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** billing-rules §9 "Holds", one rule at a time: the gateway asks before it serves, then captures or voids. */
class HoldTest {
    static final String A = "acme";
    static final Service S = Service.WECHAT_LIVENESS_VERIFICATION; // no free grant: only what is bought pays
    static final Instant NOW = t("2026-03-12T10:00");
    LedgerHarness h;

    @BeforeEach
    void setUp() {
        h = LedgerHarness.plain();
        h.send(new OpenAccount(A, t("2026-03-10T15:00"), "Asia/Shanghai", true));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    HoldReceipt hold(String id, Instant at) {
        return h.send(new PlaceHold(A, id, S, null, at));
    }

    CallOutcome capture(String id, String requestId, String result, Instant at) {
        return h.send(new CaptureHold(A, id, requestId, at, result, at));
    }

    ErrorCode refusal(Object command) {
        Throwable e = catchThrowable(() -> h.send(command));
        assertThat(e).isInstanceOf(LedgerException.class);
        return ((LedgerException) e).code();
    }

    void buyOne() {
        h.send(new BuyPackage(A, "po", S, 100, t("2026-03-11T09:00")));
        // use 99 of its 100 units: one is left
        for (int i = 0; i < 99; i++) {
            h.send(new MeterCall(A, "u-" + i, S, NOW.minusSeconds(60), null, NOW.minusSeconds(60)));
        }
    }

    @Nested
    class AHoldTakesTheUnitThatWouldPayNow {
        @Test
        void theLastUnitIsHeldAndTheNextHoldGoesToPostpaidOrIsRefused() {
            buyOne();
            HoldReceipt first = hold("h-1", NOW);
            assertThat(first.hold().status()).isEqualTo(HoldStatus.HELD);
            assertThat(first.hold().source()).isEqualTo(ChargedTo.PURCHASED);
            assertThat(first.hold().packageId()).isEqualTo("PKG-000001");
            assertThat(first.hold().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
            HoldReceipt second = hold("h-2", NOW);
            assertThat(second.hold().status()).isEqualTo(HoldStatus.HELD);
            assertThat(second.hold().source()).isEqualTo(ChargedTo.POSTPAID);
            h.send(new SwitchPostpaid(A, false, NOW, "ops"));
            HoldReceipt third = hold("h-3", NOW);
            assertThat(third.hold().status()).isEqualTo(HoldStatus.REFUSED);
            assertThat(third.hold().source()).isNull();
        }

        @Test
        void aHeldUnitPaysForNothingElseWhileTheHoldLives() {
            buyOne();
            hold("h-1", NOW);
            CallOutcome direct = h.send(new MeterCall(A, "direct", S, NOW, null, NOW));
            assertThat(direct.chargedTo()).isEqualTo(ChargedTo.POSTPAID);
            CallOutcome captured = capture("h-1", "r-1", null, NOW.plusSeconds(30));
            assertThat(captured.chargedTo()).isEqualTo(ChargedTo.PURCHASED);
            assertThat(captured.packageId()).isEqualTo("PKG-000001");
        }

        @Test
        void theSameHoldIdAgainAnswersTheOriginalAndAnotherServiceIsAConflict() {
            buyOne();
            HoldReceipt first = hold("h-1", NOW);
            HoldReceipt again = hold("h-1", NOW.plusSeconds(5));
            assertThat(again.duplicate()).isTrue();
            assertThat(again.hold()).isEqualTo(first.hold());
            assertThat(refusal(new PlaceHold(A, "h-1", Service.PHOTO_VERIFICATION, null, NOW)))
                    .isEqualTo(ErrorCode.HOLD_ID_CONFLICT);
        }
    }

    /** Usage reminders count held units as used; depletion counts only calls paid; each is raised once. */
    @Nested
    class UsageRemindersCountHeldUnits {
        java.util.List<com.faceid.ledger.event.PackageUsageReminded> reminders() {
            return h.events(A).stream().filter(e -> e instanceof com.faceid.ledger.event.PackageUsageReminded)
                    .map(e -> (com.faceid.ledger.event.PackageUsageReminded) e).toList();
        }

        void buyTenAndUse(int calls) {
            h.send(new BuyPackage(A, "po-10", S, 100, t("2026-03-11T09:00")));
            for (int i = 0; i < calls; i++) {
                h.send(new MeterCall(A, "u-" + i, S, NOW.minusSeconds(60), null, NOW.minusSeconds(60)));
            }
        }

        @Test
        void aHoldThatTakesUseToFiftyPercentRaisesTheFiftyPercentReminder() {
            buyTenAndUse(49);
            assertThat(reminders()).isEmpty();
            hold("h-1", NOW);
            assertThat(reminders()).singleElement().satisfies(r -> {
                assertThat(r.percent()).isEqualTo(50);
                assertThat(r.used()).isEqualTo(50); // 49 used + 1 held
                assertThat(r.requestId()).isNull();
                assertThat(r.at()).isEqualTo(NOW);
            });
        }

        @Test
        void capturingTheHoldRaisesNothingMoreItsUnitWasCounted() {
            buyTenAndUse(49);
            hold("h-1", NOW);
            capture("h-1", "r-1", null, NOW.plusSeconds(10));
            assertThat(reminders()).extracting(com.faceid.ledger.event.PackageUsageReminded::percent)
                    .containsExactly(50);
        }

        @Test
        void aVoidedHoldGivesItsUnitBackButTheReminderIsNotRaisedTwice() {
            buyTenAndUse(49);
            hold("h-1", NOW);
            h.send(new VoidHold(A, "h-1", NOW.plusSeconds(5)));
            h.send(new MeterCall(A, "after", S, NOW.plusSeconds(10), null, NOW.plusSeconds(10)));
            assertThat(reminders()).extracting(com.faceid.ledger.event.PackageUsageReminded::percent)
                    .containsExactly(50);
        }

        @Test
        void holdingTheLastUnitIsNotDepletionUsingItIs() {
            buyTenAndUse(99);
            assertThat(reminders()).extracting(com.faceid.ledger.event.PackageUsageReminded::percent)
                    .containsExactly(50, 70, 90);
            hold("h-1", NOW);
            assertThat(reminders()).hasSize(3); // the last unit is held, the package is not used up
            capture("h-1", "r-1", null, NOW.plusSeconds(10));
            assertThat(reminders()).last().satisfies(r -> {
                assertThat(r.percent()).isEqualTo(100);
                assertThat(r.used()).isEqualTo(100);
                assertThat(r.requestId()).isEqualTo("r-1");
            });
        }

        @Test
        void aCallMeteredWhileOthersAreHeldCountsThem() {
            buyTenAndUse(45);
            for (int i = 0; i < 4; i++) {
                hold("h-" + i, NOW);
            }
            assertThat(reminders()).isEmpty(); // 45 used + 4 held = 49 %
            h.send(new MeterCall(A, "direct", S, NOW, null, NOW)); // 46 used + 4 held = 50 %
            assertThat(reminders()).singleElement().satisfies(r -> {
                assertThat(r.percent()).isEqualTo(50);
                assertThat(r.used()).isEqualTo(50);
                assertThat(r.requestId()).isEqualTo("direct");
            });
        }
    }

    @Nested
    class CaptureMetersTheCall {
        @Test
        void aNonBillableResultReleasesTheUnitAndChargesNothing() {
            buyOne();
            hold("h-1", NOW);
            CallOutcome captured = capture("h-1", "r-1", "NoFaceDetected", NOW.plusSeconds(10));
            assertThat(captured.chargedTo()).isEqualTo(ChargedTo.NONE);
            CallOutcome next = h.send(new MeterCall(A, "after", S, NOW.plusSeconds(20), null, NOW.plusSeconds(20)));
            assertThat(next.chargedTo()).isEqualTo(ChargedTo.PURCHASED); // the unit is free again
        }

        @Test
        void aRepeatedCaptureAnswersTheSameOutcomeAndChargesOnce() {
            buyOne();
            hold("h-1", NOW);
            CallOutcome first = capture("h-1", "r-1", null, NOW.plusSeconds(10));
            // the retry carries the first's occurredAt (another time is another call: the test below)
            CallOutcome again = h.send(new CaptureHold(A, "h-1", "r-1", NOW.plusSeconds(10), null, NOW.plusSeconds(20)));
            assertThat(again).isEqualTo(first.asDuplicate());
            assertThat(h.events(A).stream().filter(CallMetered.class::isInstance).count()).isEqualTo(100);
            assertThat(refusal(new CaptureHold(A, "h-1", "r-other", NOW, null, NOW.plusSeconds(30))))
                    .isEqualTo(ErrorCode.HOLD_ID_CONFLICT);
        }

        @Test
        void aRepeatedCaptureWithOtherContentIsAConflictNotADuplicate() {
            buyOne();
            hold("h-1", NOW);
            Instant at = NOW.plusSeconds(10);
            h.send(new CaptureHold(A, "h-1", "r-1", at, "Success", NOW.plusSeconds(10)));
            // §9: the id binds its content, as a call's requestId does
            assertThat(refusal(new CaptureHold(A, "h-1", "r-1", at, "NoFaceDetected", NOW.plusSeconds(20))))
                    .isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
            assertThat(refusal(new CaptureHold(A, "h-1", "r-1", at.plusSeconds(1), "Success", NOW.plusSeconds(20))))
                    .isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
            // the same content again (a retry naming no time of its own) is still the first outcome
            CallOutcome again = h.send(new CaptureHold(A, "h-1", "r-1", null, "Success", NOW.plusSeconds(30)));
            assertThat(again.duplicate()).isTrue();
        }

        @Test
        void whenTheHeldPackageExpiredBeforeTheCallTheCallIsSettledAfresh() {
            String old = "old";
            h.send(new OpenAccount(old, t("2025-03-10T15:00"), "Asia/Shanghai", true));
            h.send(new BuyPackage(old, "po", S, 100, t("2025-03-12T10:03")));
            // the package expires at 2026-03-12 10:03; held at 10:00, the call occurs at 10:04
            HoldReceipt held = h.send(new PlaceHold(old, "h-1", S, null, NOW));
            assertThat(held.hold().source()).isEqualTo(ChargedTo.PURCHASED);
            h.send(new ExpirePackage(old, "PKG-000001", t("2026-03-12T10:03")));
            CallOutcome captured = h.send(new CaptureHold(old, "h-1", "r-1", t("2026-03-12T10:04"), null,
                    t("2026-03-12T10:04")));
            assertThat(captured.chargedTo()).isEqualTo(ChargedTo.POSTPAID);
        }
    }

    @Nested
    class VoidAndExpiry {
        @Test
        void aVoidedHoldReleasesItsUnitAndCannotBeCaptured() {
            buyOne();
            hold("h-1", NOW);
            HoldReceipt voided = h.send(new VoidHold(A, "h-1", NOW.plusSeconds(5)));
            assertThat(voided.hold().status()).isEqualTo(HoldStatus.VOIDED);
            assertThat(((HoldReceipt) h.send(new VoidHold(A, "h-1", NOW.plusSeconds(6)))).duplicate()).isTrue();
            assertThat(refusal(new CaptureHold(A, "h-1", "r-1", NOW, null, NOW.plusSeconds(7))))
                    .isEqualTo(ErrorCode.HOLD_VOIDED);
            assertThat(hold("h-2", NOW.plusSeconds(8)).hold().source()).isEqualTo(ChargedTo.PURCHASED);
        }

        @Test
        void aCapturedHoldCannotBeVoided() {
            buyOne();
            hold("h-1", NOW);
            capture("h-1", "r-1", null, NOW.plusSeconds(10));
            assertThat(refusal(new VoidHold(A, "h-1", NOW.plusSeconds(11)))).isEqualTo(ErrorCode.HOLD_CAPTURED);
        }

        @Test
        void aCaptureAfterExpiryIsRefusedWhetherOrNotTheExpiryRan() {
            for (boolean expiryRan : new boolean[]{false, true}) {
                h.close();
                setUp();
                buyOne();
                hold("h-1", NOW);
                Instant late = NOW.plus(Duration.ofMinutes(5));
                if (expiryRan) {
                    h.send(new ExpireHold(A, "h-1", late));
                }
                assertThat(refusal(new CaptureHold(A, "h-1", "r-1", late, null, late))).as("expiry ran " + expiryRan)
                        .isEqualTo(ErrorCode.HOLD_EXPIRED);
                assertThat(refusal(new VoidHold(A, "h-1", late))).isEqualTo(ErrorCode.HOLD_EXPIRED);
                // its unit is free again, by the clock
                CallOutcome next = h.send(new MeterCall(A, "after", S, late, null, late));
                assertThat(next.chargedTo()).as("expiry ran " + expiryRan).isEqualTo(ChargedTo.PURCHASED);
            }
        }

        @Test
        void theAccountsExpiryStepExpiresEveryHoldPastItsTimeEachAtItsOwnExpiryAndAnswersTheNext() {
            hold("h-1", NOW);
            hold("h-2", NOW.plusSeconds(30));
            hold("h-3", NOW.plusSeconds(90));
            capture("h-2", "r-2", null, NOW.plusSeconds(40));
            Instant late = NOW.plusSeconds(80 + 300); // h-1 is due at 300 s, h-3 at 390 s; the step runs late
            Instant next = h.send(new ExpireHolds(A, late));
            assertThat(next).isEqualTo(NOW.plusSeconds(390));
            assertThat(h.events(A).stream().filter(HoldExpired.class::isInstance).map(HoldExpired.class::cast))
                    .singleElement().satisfies(e -> {
                        assertThat(e.holdId()).isEqualTo("h-1");
                        assertThat(e.expiresAt()).isEqualTo(NOW.plusSeconds(300));
                    });
            assertThat((Instant) h.send(new ExpireHolds(A, late))).as("a repeat changes nothing").isEqualTo(next);
            assertThat((Instant) h.send(new ExpireHolds(A, next))).as("none left").isNull();
            assertThat(h.events(A).stream().filter(HoldExpired.class::isInstance)).hasSize(2);
        }

        @Test
        void anExpiryBeforeItsTimeIsNotDueAndARefusedHoldHoldsNothing() {
            buyOne();
            hold("h-1", NOW);
            assertThat(refusal(new ExpireHold(A, "h-1", NOW.plusSeconds(299)))).isEqualTo(ErrorCode.NOT_DUE);
            h.send(new SwitchPostpaid(A, false, NOW, "ops"));
            hold("h-2", NOW); // refused: the one unit is held by h-1
            assertThat(refusal(new CaptureHold(A, "h-2", "r-2", NOW, null, NOW))).isEqualTo(ErrorCode.HOLD_REFUSED);
            assertThat(refusal(new CaptureHold(A, "nope", "r-3", NOW, null, NOW))).isEqualTo(ErrorCode.HOLD_NOT_FOUND);
        }
    }

    /** Group commit for holds: several operations of one account in one unit of work (SettleHolds). */
    @Nested
    class Groups {
        List<HoldResult> settle(HoldOperation... operations) {
            return h.send(new SettleHolds(A, List.of(operations), List.of()));
        }

        @Test
        void aHoldPlacedAndCapturedInOneGroupIsAnsweredFromTheGroupNotPlacedOrMeteredTwice() {
            buyOne();
            List<HoldResult> r = settle(new PlaceHold(A, "h-1", S, null, NOW),
                    new CaptureHold(A, "h-1", "r-1", NOW, null, NOW),
                    new PlaceHold(A, "h-1", S, null, NOW),
                    new CaptureHold(A, "h-1", "r-1", NOW, null, NOW),
                    new CaptureHold(A, "h-1", "r-other", NOW, null, NOW),
                    new VoidHold(A, "h-1", NOW));
            assertThat(r.get(0).receipt().hold().status()).isEqualTo(HoldStatus.HELD);
            assertThat(r.get(1).outcome().chargedTo()).isEqualTo(ChargedTo.PURCHASED);
            assertThat(r.get(2).receipt().duplicate()).isTrue();
            assertThat(r.get(2).receipt().hold().status()).isEqualTo(HoldStatus.CAPTURED);
            assertThat(r.get(3).outcome().duplicate()).isTrue();
            assertThat(r.get(4).error()).isEqualTo(ErrorCode.HOLD_ID_CONFLICT);
            assertThat(r.get(5).error()).isEqualTo(ErrorCode.HOLD_CAPTURED);
            assertThat(h.events(A).stream().filter(HoldPlaced.class::isInstance)).hasSize(1);
            assertThat(h.events(A).stream().filter(e -> e instanceof CallMetered c && c.requestId().equals("r-1")))
                    .hasSize(1);
        }

        @Test
        void aCaptureTheRulesRefuseLeavesItsHoldHeldAndTheRestOfTheGroupGoesOn() {
            buyOne();
            hold("h-1", NOW);
            int before = h.events(A).size();
            List<HoldResult> r = settle(
                    new CaptureHold(A, "h-1", "r-1", t("2026-03-01T00:00"), null, NOW), // before the account opened
                    new PlaceHold(A, "h-2", S, null, NOW));
            assertThat(r.get(0).error()).isEqualTo(ErrorCode.BEFORE_ACCOUNT_OPENED);
            assertThat(r.get(1).receipt().hold().source()).as("the one unit is still held by h-1")
                    .isEqualTo(ChargedTo.POSTPAID);
            assertThat(h.events(A).subList(before, h.events(A).size())).singleElement()
                    .isInstanceOf(HoldPlaced.class);
            assertThat(capture("h-1", "r-1", null, NOW.plusSeconds(1)).chargedTo()).isEqualTo(ChargedTo.PURCHASED);
        }

        @Test
        void anOperationForAnotherAccountFailsAloneAndChangesNothing() {
            buyOne();
            List<HoldResult> r = settle(new PlaceHold("someone-else", "h-1", S, null, NOW),
                    new PlaceHold(A, "h-2", S, null, NOW));
            assertThat(r.get(0).error()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(r.get(1).receipt().hold().status()).isEqualTo(HoldStatus.HELD);
            assertThat(refusal(new CaptureHold(A, "h-1", "r-1", NOW, null, NOW))).isEqualTo(ErrorCode.HOLD_NOT_FOUND);
        }
    }
}
