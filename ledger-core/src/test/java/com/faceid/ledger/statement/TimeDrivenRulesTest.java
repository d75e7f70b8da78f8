package com.faceid.ledger.statement;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.AdjustmentRecorded;
import com.faceid.ledger.event.FreeGrantActivated;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackageUsageReminded;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.ActivateGrant;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.RemindExpiry;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Reminders;
import com.faceid.ledger.support.InMemoryMeteredRequests;
import com.faceid.ledger.support.LedgerHarness;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static com.faceid.ledger.support.LedgerMatchers.code;
import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;

/** Grant activation, reminders and adjustments: the events the passing of time (and use) raises. */
class TimeDrivenRulesTest {
    static final String ACME = "acme";

    AggregateTestFixture<Account> fixture() {
        AggregateTestFixture<Account> f = new AggregateTestFixture<>(Account.class);
        f.registerInjectableResource(BillingPolicy.standard());
        f.registerInjectableResource(new InMemoryMeteredRequests());
        f.registerInjectableResource(new com.faceid.ledger.support.InMemoryHoldRegistry());
        return f;
    }

    static OpenAccount open() {
        return new OpenAccount(ACME, t("2026-03-10T15:00"), "Asia/Shanghai", true);
    }


    @Test
    void thresholdsAreExactIntegerArithmetic() {
        Reminders r = Reminders.STANDARD;
        assertThat(r.crossed(100, 49, 50)).containsExactly(50);
        assertThat(r.crossed(100, 48, 49)).isEmpty();
        assertThat(r.crossed(3, 1, 2)).containsExactly(50);     // 2/3 = 66 %: crosses 50 only
        assertThat(r.crossed(3, 2, 3)).containsExactly(70, 90, 100);
        assertThat(r.crossed(1, 0, 1)).containsExactly(50, 70, 90, 100);
        assertThat(r.crossed(50, 49, 50)).containsExactly(100);
    }

    @Test
    void grantActivatesAtMidnightAfterOpeningOnce() {
        fixture().givenCommands(open())
                .when(new ActivateGrant(ACME, "FREE-PHOTO_VERIFICATION", t("2026-03-11T00:00")))
                .expectEvents(new FreeGrantActivated(ACME, "FREE-PHOTO_VERIFICATION", t("2026-03-11T00:00")));
        fixture().givenCommands(open(), new ActivateGrant(ACME, "FREE-PHOTO_VERIFICATION", t("2026-03-11T00:00")))
                .when(new ActivateGrant(ACME, "FREE-PHOTO_VERIFICATION", t("2026-03-11T00:05")))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture().givenCommands(open())
                .when(new ActivateGrant(ACME, "FREE-PHOTO_VERIFICATION", t("2026-03-10T23:59")))
                .expectException(code(ErrorCode.NOT_DUE)).expectNoEvents();
    }

    @Test
    void expiryRemindersOncePerThresholdAndOnlyWithCallsLeft() {
        Instant bought = t("2026-03-11T09:00");
        BuyPackage buy = new BuyPackage(ACME, "po", Service.PHOTO_VERIFICATION, 100, bought);
        fixture().givenCommands(open(), buy)
                .when(new RemindExpiry(ACME, "PKG-000001", 30, t("2027-02-09T09:00")))
                .expectEvents(new PackageExpiryReminded(ACME, "PKG-000001", 30, t("2027-03-11T09:00"), 100,
                        t("2027-02-09T09:00")));
        fixture().givenCommands(open(), buy)
                .when(new RemindExpiry(ACME, "PKG-000001", 30, t("2027-02-09T08:59")))
                .expectException(code(ErrorCode.NOT_DUE));
        fixture().givenCommands(open(), buy, new RemindExpiry(ACME, "PKG-000001", 30, t("2027-02-09T09:00")))
                .when(new RemindExpiry(ACME, "PKG-000001", 30, t("2027-02-09T10:00")))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture().givenCommands(open(), buy, new RemindExpiry(ACME, "PKG-000001", 7, t("2027-03-04T09:00")))
                .when(new RemindExpiry(ACME, "PKG-000001", 30, t("2027-03-04T09:01")))
                .expectNoEvents();
    }

    @Test
    void usageRemindersAreRaisedByTheCallThatCrossesThem() {
        try (LedgerHarness h = LedgerHarness.plain()) {
            h.send(open());
            h.send(new BuyPackage(ACME, "po", Service.WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-11T09:00")));
            for (int i = 1; i <= 101; i++) {
                Instant at = t("2026-03-12T09:00").plusSeconds(i);
                h.send(new MeterCall(ACME, "r" + i, Service.WECHAT_LIVENESS_VERIFICATION, at, null, at));
            }
            List<PackageUsageReminded> reminders = new ArrayList<>();
            h.events(ACME).stream().filter(PackageUsageReminded.class::isInstance)
                    .map(PackageUsageReminded.class::cast).forEach(reminders::add);
            assertThat(reminders).extracting(PackageUsageReminded::percent).containsExactly(50, 70, 90, 100);
            assertThat(reminders).extracting(PackageUsageReminded::requestId).containsExactly("r50", "r70", "r90",
                    "r100");
            assertThat(reminders.get(3).depleted()).isTrue();
        }
    }

    @Test
    void anAdjustmentLandsOnItsOpenMonth() {
        Instant at = t("2026-03-20T10:00");
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("-12.50"),
                        "goodwill", "r-1", "ops:li", at))
                .expectEvents(new AdjustmentRecorded(ACME, "adj-1", YearMonth.of(2026, 3), YearMonth.of(2026, 3),
                        new BigDecimal("-12.50"), "goodwill", "r-1", "ops:li", at))
                .expectResultMessagePayload(new AdjustmentReceipt(new AdjustmentRecorded(ACME, "adj-1",
                        YearMonth.of(2026, 3), YearMonth.of(2026, 3), new BigDecimal("-12.50"), "goodwill", "r-1",
                        "ops:li", at), false));
    }

    @Test
    void anAdjustmentForAClosedMonthLandsOnTheNextOpenOneAndIsInItsClosingEvent() {
        Instant at = t("2026-04-05T10:00");
        fixture().givenCommands(open(), new CloseStatement(ACME, YearMonth.of(2026, 3), t("2026-04-03T00:00"), "a"),
                        new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("-12.50"),
                                "wrong tier", "r-1", "ops:li", at))
                .when(new CloseStatement(ACME, YearMonth.of(2026, 4), t("2026-05-03T00:00"), "auto"))
                .expectEvents(new StatementClosed(ACME, YearMonth.of(2026, 4), t("2026-05-03T00:00"),
                        "faceid-2026-01", "UPPER_INCLUSIVE", List.of(), List.of(),
                        List.of(new AdjustmentLine("adj-1", YearMonth.of(2026, 3), new BigDecimal("-12.50"),
                                "wrong tier", "r-1", "ops:li", at)),
                        new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("-12.50"),
                        new BigDecimal("-12.50"), "auto"));
    }

    @Test
    void repeatedAndInvalidAdjustments() {
        Instant at = t("2026-03-20T10:00");
        RecordAdjustment adj = new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("5.00"),
                "debit", null, "ops", at);
        // a repeat later, by someone else, answers the stored adjustment (its time and actor), changes nothing
        RecordAdjustment repeat = new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("5.0"),
                "debit", null, "ops-2", at.plusSeconds(60));
        fixture().givenCommands(open(), adj).when(repeat).expectNoEvents()
                .expectResultMessagePayload(new AdjustmentReceipt(new AdjustmentRecorded(ACME, "adj-1",
                        YearMonth.of(2026, 3), YearMonth.of(2026, 3), new BigDecimal("5.00"), "debit", null, "ops",
                        at), true));
        // the same id with another amount, reason, month or call is refused
        for (RecordAdjustment other : List.of(
                new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("5.01"), "debit", null,
                        "ops", at),
                new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("5.00"), "debit!", null,
                        "ops", at),
                new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 4), new BigDecimal("5.00"), "debit", null,
                        "ops", at),
                new RecordAdjustment(ACME, "adj-1", YearMonth.of(2026, 3), new BigDecimal("5.00"), "debit", "r-1",
                        "ops", at))) {
            fixture().givenCommands(open(), adj).when(other).expectNoEvents()
                    .expectException(code(ErrorCode.ADJUSTMENT_ID_CONFLICT));
        }
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-2", YearMonth.of(2026, 3), new BigDecimal("0.001"), "x", null,
                        "ops", at)).expectException(code(ErrorCode.VALIDATION_FAILED));
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-3", YearMonth.of(2026, 2), new BigDecimal("1.00"), "x", null,
                        "ops", at)).expectException(code(ErrorCode.BEFORE_ACCOUNT_OPENED));
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-4", YearMonth.of(2026, 3), BigDecimal.ZERO, "x", null,
                        "ops", at)).expectException(code(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aMonthBeforeTheOpeningHasNoStatementToClose() {
        fixture().givenCommands(open())
                .when(new CloseStatement(ACME, YearMonth.of(2026, 2), t("2026-03-20T10:00"), "ops"))
                .expectNoEvents().expectException(code(ErrorCode.BEFORE_ACCOUNT_OPENED));
    }

    @Test
    void anAdjustmentCorrectsAMonthThatHasBegunNeverALaterOne() {
        // 23:59 on the last day of March in the billing zone: April has not begun
        Instant lastMinute = t("2026-03-31T23:59");
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-5", YearMonth.of(2026, 4), new BigDecimal("-1.00"), "x", null,
                        "ops", lastMinute)).expectNoEvents().expectException(code(ErrorCode.TIMESTAMP_IN_FUTURE));
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-6", YearMonth.of(2199, 12), new BigDecimal("-1.00"), "x", null,
                        "ops", lastMinute)).expectNoEvents().expectException(code(ErrorCode.TIMESTAMP_IN_FUTURE));
        // a minute later April has begun and takes it
        Instant april = t("2026-04-01T00:00");
        fixture().givenCommands(open())
                .when(new RecordAdjustment(ACME, "adj-5", YearMonth.of(2026, 4), new BigDecimal("-1.00"), "x", null,
                        "ops", april))
                .expectEvents(new AdjustmentRecorded(ACME, "adj-5", YearMonth.of(2026, 4), YearMonth.of(2026, 4),
                        new BigDecimal("-1.00"), "x", null, "ops", april));
    }
}
