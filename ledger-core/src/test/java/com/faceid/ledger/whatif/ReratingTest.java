package com.faceid.ledger.whatif;

import com.faceid.ledger.account.OpenAccount;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.metering.MeterCall;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.statement.AgreeNegotiatedPrice;
import com.faceid.ledger.statement.CloseStatement;
import com.faceid.ledger.statement.RecordAdjustment;
import com.faceid.ledger.support.LedgerHarness;
import com.faceid.ledger.support.ReratingIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static com.faceid.ledger.support.Times.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The what-if engine (billing-rules §9 "What-if"): the ledger's own rules, run again under a scenario. */
class ReratingTest {
    static final Service LIVENESS = Service.LIVENESS_VERIFICATION;
    static final YearMonth MARCH = YearMonth.of(2026, 3);
    static final Instant AFTER_MARCH = t("2026-04-02T00:00");
    static LedgerHarness ledger;
    static int accounts;

    @BeforeAll
    static void start() {
        ledger = LedgerHarness.plain();
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    /** An account opened long ago (its grant expired), with {@code calls} liveness calls in March, closed. */
    static String marchWith(int calls, boolean postpaid) {
        String a = "wi-" + ++accounts;
        ledger.send(new OpenAccount(a, t("2024-01-05T10:00"), "Asia/Shanghai", postpaid));
        for (int i = 0; i < calls; i++) {
            Instant at = t("2026-03-02T08:00").plusSeconds(i * 60L);
            ledger.send(new MeterCall(a, "r-" + i, LIVENESS, at, "Success", at));
        }
        return a;
    }

    static void close(String a) {
        ledger.send(new CloseStatement(a, MARCH, AFTER_MARCH, "test"));
    }

    static Rerating.Rerated rerate(String a, Scenario scenario) {
        return rerate(a, scenario, BillingPolicy.standard());
    }

    static Rerating.Rerated rerate(String a, Scenario scenario, BillingPolicy today) {
        return Rerating.rerate(ledger.events(a).stream().map(AccountEvent.class::cast).toList(), scenario, today,
                AFTER_MARCH);
    }

    static Scenario tierBounds(TierConvention c) {
        return new Scenario(c, null, null, null, List.of(), false);
    }

    @Nested
    class WithNoChange {
        @Test
        void everyClosedMonthComesOutAsItsStatementEvenWhenTodaysTierConventionDiffers() {
            String a = marchWith(1_000, true);
            close(a);
            BillingPolicy todayLower = new BillingPolicy(CatalogBook.standard(), TierConvention.LOWER_INCLUSIVE,
                    BillingPolicy.standard().billableResults());
            assertThat(ReratingIdentity.assertReproducesEveryStatement(ledger.events(a), todayLower, AFTER_MARCH))
                    .isEqualTo(27); // 2024-01 .. 2026-03
            assertThat(rerate(a, Scenario.none(), todayLower).month(MARCH).figures().totalSpend())
                    .isEqualByComparingTo("1000.00");
        }

        @Test
        void adjustmentsAndNegotiatedPricesAreReplayedWithTheirMonths() {
            String a = marchWith(3, true);
            ledger.send(new AgreeNegotiatedPrice(a, LIVENESS, new BigDecimal("0.55"), MARCH, "sales",
                    t("2026-03-03T09:00")));
            ledger.send(new RecordAdjustment(a, "adj-1", MARCH, new BigDecimal("-1.50"), "goodwill", null, "ops",
                    t("2026-03-04T09:00")));
            close(a);
            ledger.send(new RecordAdjustment(a, "adj-2", MARCH, new BigDecimal("2.00"), "late fix", "r-1", "ops",
                    t("2026-04-03T09:00"))); // lands on April, correcting March
            Rerating.Rerated r = rerate(a, Scenario.none());
            ReratingIdentity.assertReproducesEveryStatement(ledger.events(a), BillingPolicy.standard(), AFTER_MARCH);
            assertThat(r.month(MARCH).figures().totalSpend()).isEqualByComparingTo("1.50");
            assertThat(Rerating.rerate(ledger.events(a).stream().map(AccountEvent.class::cast).toList(),
                    Scenario.none(), BillingPolicy.standard(), t("2026-04-05T00:00")).month(MARCH.plusMonths(1))
                    .figures().adjustmentTotal()).isEqualByComparingTo("2.00");
        }

        @Test
        void anAdjustmentTheRulesNowRefuseIsLeftOutWithANoteNotAFailure() {
            // recorded before adjustments were limited to months that have begun: June, from March
            String a = marchWith(2, true);
            List<AccountEvent> history = new java.util.ArrayList<>(ledger.events(a).stream()
                    .map(AccountEvent.class::cast).toList());
            history.add(new com.faceid.ledger.event.AdjustmentRecorded(a, "adj-old", YearMonth.of(2026, 6),
                    YearMonth.of(2026, 6), new BigDecimal("-3.00"), "early credit", null, "ops",
                    t("2026-03-05T09:00")));
            Rerating.Rerated r = Rerating.rerate(history, Scenario.none(), BillingPolicy.standard(), AFTER_MARCH);
            assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("adj-old").contains("TIMESTAMP_IN_FUTURE"));
            assertThat(r.month(MARCH).figures().totalSpend()).isEqualByComparingTo("2.00");
        }

        @Test
        void anOpenMonthIsReratedAsItsRunningEstimate() {
            String a = marchWith(1_200, true);
            Rerating.RatedMonth march = rerate(a, Scenario.none()).month(MARCH);
            assertThat(march.closed()).isFalse();
            assertThat(march.figures().lines().get(0).postpaidCount()).isEqualTo(1_200);
            assertThat(march.figures().postpaidAmount()).isEqualByComparingTo("1020.00"); // 1,200 x 0.85
        }
    }

    @Nested
    class TierBounds {
        @Test
        void lowerInclusiveMovesAMonthOfExactly1000PostpaidCallsToTheSecondTier() {
            String a = marchWith(1_000, true);
            close(a);
            StatementLine actual = rerate(a, Scenario.none()).month(MARCH).figures().lines().get(0);
            StatementLine lower = rerate(a, tierBounds(TierConvention.LOWER_INCLUSIVE)).month(MARCH).figures()
                    .lines().get(0);
            assertThat(actual.tier()).isEqualTo(1);
            assertThat(actual.amount()).isEqualByComparingTo("1000.00");
            assertThat(lower.postpaidCount()).isEqualTo(1_000);
            assertThat(lower.tier()).isEqualTo(2);
            assertThat(lower.unitPrice()).isEqualByComparingTo("0.85");
            assertThat(lower.amount()).isEqualByComparingTo("850.00");
        }

        @Test
        void the999thCallStaysInTheFirstTierEitherWay() {
            String a = marchWith(999, true);
            close(a);
            assertThat(rerate(a, tierBounds(TierConvention.LOWER_INCLUSIVE)).month(MARCH).figures().lines().get(0)
                    .tier()).isEqualTo(1);
        }
    }

    @Nested
    class Purchases {
        @Test
        void thePagesP1BoughtAs200kPlus100kCosts230000Instead240000() {
            String a = marchWith(0, true);
            for (int i = 1; i <= 3; i++) {
                ledger.send(new BuyPackage(a, "po-" + i, LIVENESS, 100_000, t("2026-03-03T10:00")));
            }
            close(a);
            Scenario better = new Scenario(null, null, null, null, List.of(
                    new Scenario.Purchase(LIVENESS, 200_000, t("2026-03-03T10:00")),
                    new Scenario.Purchase(LIVENESS, 100_000, t("2026-03-03T10:00"))), true);
            assertThat(rerate(a, Scenario.none()).month(MARCH).figures().prepaidSpend())
                    .isEqualByComparingTo("240000.00");
            assertThat(rerate(a, better).month(MARCH).figures().prepaidSpend()).isEqualByComparingTo("230000.00");
        }

        @Test
        void anAddedPackagePaysForTheCallsAfterItsPurchaseOnly() {
            String a = marchWith(1_500, true); // calls from 03-02 08:00, one a minute
            close(a);
            Scenario plus = new Scenario(null, null, null, null, List.of(
                    new Scenario.Purchase(LIVENESS, 1_000, t("2026-03-02T08:00"))), false);
            StatementLine line = rerate(a, plus).month(MARCH).figures().lines().get(0);
            assertThat(line.paidByPurchased()).isEqualTo(1_000);
            assertThat(line.postpaidCount()).isEqualTo(500);
            assertThat(rerate(a, plus).month(MARCH).figures().totalSpend())
                    .isEqualByComparingTo("1430.00"); // 930 + 500 x 1.00
        }

        @Test
        void aSizeTheCatalogDoesNotSellIsRefused() {
            String a = marchWith(1, true);
            Scenario odd = new Scenario(null, null, null, null, List.of(
                    new Scenario.Purchase(LIVENESS, 777, t("2026-03-03T10:00"))), false);
            assertThatThrownBy(() -> rerate(a, odd)).isInstanceOf(LedgerException.class)
                    .extracting("code").isEqualTo(ErrorCode.PACKAGE_SIZE_NOT_SOLD);
        }

        @Test
        void aPurchaseBeforeTheOpeningOrAfterTheClockIsRefused() {
            String a = marchWith(1, true);
            Map<Instant, ErrorCode> refusals = Map.of(t("2023-12-01T00:00"), ErrorCode.BEFORE_ACCOUNT_OPENED,
                    t("2026-05-01T00:00"), ErrorCode.TIMESTAMP_IN_FUTURE);
            refusals.forEach((when, code) -> {
                Scenario s = new Scenario(null, null, null, null, List.of(new Scenario.Purchase(LIVENESS, 1_000,
                        when)), false);
                assertThatThrownBy(() -> rerate(a, s)).isInstanceOf(LedgerException.class)
                        .extracting("code").isEqualTo(code);
            });
        }
    }

    @Nested
    class OtherKnobs {
        @Test
        void postpaidOffRefusesWhatNoPackageCanPay() {
            String a = marchWith(10, true);
            close(a);
            StatementLine line = rerate(a, new Scenario(null, null, null, false, List.of(), false)).month(MARCH)
                    .figures().lines().get(0);
            assertThat(line.refused()).isEqualTo(10);
            assertThat(line.postpaidCount()).isZero();
            assertThat(line.amount()).isEqualByComparingTo("0.00");
        }

        @Test
        void anUnknownCatalogVersionIsRefused() {
            String a = marchWith(1, true);
            assertThatThrownBy(() -> rerate(a, new Scenario(null, "faceid-1999", null, null, List.of(), false)))
                    .isInstanceOf(LedgerException.class).extracting("code").isEqualTo(ErrorCode.VALIDATION_FAILED);
        }

        @Test
        void aNegotiatedPriceOfTheScenarioPricesTheTopTierThatAwaitedOne() throws Exception {
            // the page's tiers scaled down (top tier above 40 calls), so the test meters 41 calls, not 200,001
            String text = new String(ReratingTest.class.getResourceAsStream("/" + CatalogBook.DEFAULT_RESOURCE)
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("(?m)^tier-bounds:.*$", "tier-bounds: 10 20 30 40")
                    .replaceAll("(?m)^version:.*$", "version: small-tiers");
            BillingPolicy small = new BillingPolicy(new CatalogBook(List.of(
                    com.faceid.ledger.pricing.CatalogLoader.parse("small-tiers", text))),
                    TierConvention.UPPER_INCLUSIVE, BillingPolicy.standard().billableResults());
            try (LedgerHarness own = new LedgerHarness(small, 0, false)) {
                String a = "wi-top";
                own.send(new OpenAccount(a, t("2026-02-20T10:00"), "Asia/Shanghai", true));
                Instant at = t("2026-03-05T10:00");
                for (int i = 0; i < 41; i++) {
                    own.send(new MeterCall(a, "r-" + i, Service.ID_VERIFICATION, at, "Success", at));
                }
                List<AccountEvent> history = own.events(a).stream().map(AccountEvent.class::cast).toList();
                assertThat(Rerating.rerate(history, Scenario.none(), small, AFTER_MARCH).month(MARCH).figures()
                        .awaitingPrice()).isTrue();
                Scenario priced = new Scenario(null, null, List.of(new Scenario.NegotiatedPrice(
                        Service.ID_VERIFICATION, new BigDecimal("0.20"), MARCH)), null, List.of(), false);
                Rerating.RatedMonth march = Rerating.rerate(history, priced, small, AFTER_MARCH).month(MARCH);
                assertThat(march.figures().awaitingPrice()).isFalse();
                assertThat(march.figures().postpaidAmount()).isEqualByComparingTo("8.20"); // 41 x 0.20
            }
        }
    }
}
