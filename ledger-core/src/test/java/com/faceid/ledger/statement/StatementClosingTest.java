package com.faceid.ledger.statement;

import com.faceid.ledger.account.Account;
import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.account.SwitchPostpaid;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.BillableResults;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.CatalogLoader;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.support.InMemoryMeteredRequests;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import static com.faceid.ledger.event.Service.BANK_CARD_VERIFICATION;
import static com.faceid.ledger.event.Service.LIVENESS_COMPARISON;
import static com.faceid.ledger.event.Service.PHOTO_VERIFICATION;
import static com.faceid.ledger.event.Service.WECHAT_LIVENESS_VERIFICATION;
import static com.faceid.ledger.support.LedgerMatchers.code;
import static com.faceid.ledger.support.Times.t;

/** billing-rules.md §6–§7: closing a month, its lines and totals, the negotiated top tier. */
class StatementClosingTest {
    static final String ACME = "acme";
    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final YearMonth APRIL = YearMonth.of(2026, 4);

    AggregateTestFixture<Account> fixture(BillingPolicy policy) {
        AggregateTestFixture<Account> f = new AggregateTestFixture<>(Account.class);
        f.registerInjectableResource(policy);
        f.registerInjectableResource(new InMemoryMeteredRequests());
        f.registerInjectableResource(new com.faceid.ledger.support.InMemoryHoldRegistry());
        return f;
    }

    /** The real catalog but tier bounds 2/4/6/8, so the top tier is reached with 9 calls. */
    static BillingPolicy tinyTiers(TierConvention convention) {
        StringBuilder text = new StringBuilder("version: tiny\neffective-from: 2000-01-01\ntier-bounds: 2 4 6 8\n"
                + "free-grant: 50 PHOTO_VERIFICATION\npackage-sizes: 100\npackage PHOTO_VERIFICATION: 99\n");
        Arrays.stream(Service.values()).forEach(s -> text.append("postpaid ").append(s)
                .append(": 1.00 0.90 0.80 0.70 negotiated\n"));
        return new BillingPolicy(new CatalogBook(List.of(CatalogLoader.parse("tiny", text.toString()))),
                convention, BillableResults.STANDARD);
    }

    static OpenAccount open() {
        return new OpenAccount(ACME, t("2026-03-10T15:00"), "Asia/Shanghai", true);
    }

    static MeterCall call(String id, Service s, String at, String result) {
        Instant i = t(at);
        return new MeterCall(ACME, id, s, i, result, i);
    }

    static MeterCall call(String id, Service s, String at) {
        return call(id, s, at, "Success");
    }

    static Object[] calls(int n, Service s, String at) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = call("c" + i, s, at);
        }
        return out;
    }


    @Test
    void aMonthClosesOnlyOnceItIsOver() {
        fixture(BillingPolicy.standard()).givenCommands(open())
                .when(new CloseStatement(ACME, MARCH, t("2026-03-31T23:59:59"), "ops"))
                .expectException(code(ErrorCode.PERIOD_NOT_OVER)).expectNoEvents();
    }

    @Test
    void theClosingEventCarriesEveryLineAndTotal() {
        Instant closedAt = t("2026-04-01T00:00");
        fixture(BillingPolicy.standard()).givenCommands(open(),
                        call("f1", PHOTO_VERIFICATION, "2026-03-12T10:00"),
                        call("f2", PHOTO_VERIFICATION, "2026-03-12T10:01"),
                        new BuyPackage(ACME, "po-1", WECHAT_LIVENESS_VERIFICATION, 100, t("2026-03-13T09:00")),
                        call("p1", WECHAT_LIVENESS_VERIFICATION, "2026-03-13T09:05"),
                        call("n1", LIVENESS_COMPARISON, "2026-03-13T09:06", "NoFaceDetected"),
                        call("b1", BANK_CARD_VERIFICATION, "2026-03-14T09:00"),
                        call("b2", BANK_CARD_VERIFICATION, "2026-03-14T09:01"),
                        new SwitchPostpaid(ACME, false, t("2026-03-15T00:00"), "ops"),
                        call("b3", BANK_CARD_VERIFICATION, "2026-03-16T09:00"))
                .when(new CloseStatement(ACME, MARCH, closedAt, "ops"))
                .expectEvents(new StatementClosed(ACME, MARCH, closedAt, "faceid-2026-01", "UPPER_INCLUSIVE",
                        List.of(new StatementLine(WECHAT_LIVENESS_VERIFICATION, 1, 1, 0, 1, 0, 0, 1, "(0, 1000]",
                                        new BigDecimal("1.20"), new BigDecimal("0.00"), false),
                                new StatementLine(PHOTO_VERIFICATION, 2, 2, 2, 0, 0, 0, 1, "(0, 1000]",
                                        new BigDecimal("1.00"), new BigDecimal("0.00"), false),
                                new StatementLine(LIVENESS_COMPARISON, 1, 0, 0, 0, 0, 0, 1, "(0, 1000]",
                                        new BigDecimal("0.15"), new BigDecimal("0.00"), false),
                                new StatementLine(BANK_CARD_VERIFICATION, 3, 3, 0, 0, 2, 1, 1, "(0, 1000]",
                                        new BigDecimal("0.40"), new BigDecimal("0.80"), false)),
                        List.of(new PurchaseLine("PKG-000001", WECHAT_LIVENESS_VERIFICATION, 100,
                                new BigDecimal("120.00"), t("2026-03-13T09:00"))), List.of(),
                        new BigDecimal("120.00"), new BigDecimal("0.80"), new BigDecimal("0.00"),
                        new BigDecimal("120.80"), "ops"));
    }

    @Test
    void aClosedMonthTakesNoLateCallAndNoPurchase() {
        var f = fixture(BillingPolicy.standard());
        f.givenCommands(open(), new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .when(call("late", PHOTO_VERIFICATION, "2026-03-31T23:59:59"))
                .expectException(code(ErrorCode.PERIOD_CLOSED)).expectNoEvents();
        f.givenCommands(open(), new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .when(new BuyPackage(ACME, "po", PHOTO_VERIFICATION, 100, t("2026-03-20T10:00")))
                .expectException(code(ErrorCode.PERIOD_CLOSED)).expectNoEvents();
    }

    @Test
    void closingAgainChangesNothing() {
        fixture(BillingPolicy.standard())
                .givenCommands(open(), new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .when(new CloseStatement(ACME, MARCH, t("2026-04-05T00:00"), "ops"))
                .expectSuccessfulHandlerExecution().expectNoEvents().expectResultMessagePayload(List.of());
    }

    @Test
    void closingAMonthClosesTheOpenMonthsBeforeItInOrder() {
        fixture(BillingPolicy.standard()).givenCommands(open())
                .when(new CloseStatement(ACME, APRIL, t("2026-05-03T00:00"), "ops"))
                .expectResultMessagePayload(List.of(MARCH, APRIL));
    }

    @Test
    void topTierWithoutANegotiatedPriceCannotClose() {
        fixture(tinyTiers(TierConvention.UPPER_INCLUSIVE))
                .givenCommands(open()).andGivenCommands(calls(9, BANK_CARD_VERIFICATION, "2026-03-20T10:00"))
                .when(new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .expectException(code(ErrorCode.AWAITING_PRICE)).expectNoEvents();
    }

    @Test
    void eightCallsAreStillListedUpperInclusive() {
        fixture(tinyTiers(TierConvention.UPPER_INCLUSIVE))
                .givenCommands(open()).andGivenCommands(calls(8, BANK_CARD_VERIFICATION, "2026-03-20T10:00"))
                .when(new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void eightCallsReachTheTopTierLowerInclusive() {
        fixture(tinyTiers(TierConvention.LOWER_INCLUSIVE))
                .givenCommands(open()).andGivenCommands(calls(8, BANK_CARD_VERIFICATION, "2026-03-20T10:00"))
                .when(new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .expectException(code(ErrorCode.AWAITING_PRICE));
    }

    @Test
    void aNegotiatedPriceFromThatMonthPricesTheTopTier() {
        Instant closedAt = t("2026-04-03T00:00");
        fixture(tinyTiers(TierConvention.UPPER_INCLUSIVE))
                .givenCommands(open()).andGivenCommands(calls(9, BANK_CARD_VERIFICATION, "2026-03-20T10:00"))
                .andGivenCommands(new AgreeNegotiatedPrice(ACME, BANK_CARD_VERIFICATION, new BigDecimal("0.25"),
                        MARCH, "sales:li", t("2026-04-02T10:00")))
                .when(new CloseStatement(ACME, MARCH, closedAt, "auto"))
                .expectEvents(new StatementClosed(ACME, MARCH, closedAt, "tiny", "UPPER_INCLUSIVE",
                        List.of(new StatementLine(BANK_CARD_VERIFICATION, 9, 9, 0, 0, 9, 0, 5, "(8, ∞)",
                                new BigDecimal("0.25"), new BigDecimal("2.25"), true)),
                        List.of(), List.of(), new BigDecimal("0.00"), new BigDecimal("2.25"), new BigDecimal("0.00"),
                        new BigDecimal("2.25"), "auto"));
    }

    @Test
    void aPriceFromALaterMonthDoesNotPriceThisOne() {
        fixture(tinyTiers(TierConvention.UPPER_INCLUSIVE))
                .givenCommands(open()).andGivenCommands(calls(9, BANK_CARD_VERIFICATION, "2026-03-20T10:00"))
                .andGivenCommands(new AgreeNegotiatedPrice(ACME, BANK_CARD_VERIFICATION, new BigDecimal("0.25"),
                        APRIL, "sales:li", t("2026-04-02T10:00")))
                .when(new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .expectException(code(ErrorCode.AWAITING_PRICE));
    }

    @Test
    void noNegotiatedPriceForAClosedMonth() {
        fixture(BillingPolicy.standard())
                .givenCommands(open(), new CloseStatement(ACME, MARCH, t("2026-04-03T00:00"), "auto"))
                .when(new AgreeNegotiatedPrice(ACME, BANK_CARD_VERIFICATION, new BigDecimal("0.25"), MARCH,
                        "sales:li", t("2026-04-04T10:00")))
                .expectException(code(ErrorCode.PERIOD_CLOSED)).expectNoEvents();
    }

    @Test
    void negotiatedPriceMustBePositiveWithAtMostFourDecimals() {
        fixture(BillingPolicy.standard()).givenCommands(open())
                .when(new AgreeNegotiatedPrice(ACME, BANK_CARD_VERIFICATION, new BigDecimal("0.12345"), MARCH,
                        "sales:li", t("2026-03-20T10:00")))
                .expectException(code(ErrorCode.VALIDATION_FAILED)).expectNoEvents();
        fixture(BillingPolicy.standard()).givenCommands(open())
                .when(new AgreeNegotiatedPrice(ACME, BANK_CARD_VERIFICATION, new BigDecimal("0"), MARCH,
                        "sales:li", t("2026-03-20T10:00")))
                .expectException(code(ErrorCode.VALIDATION_FAILED)).expectNoEvents();
    }
}
