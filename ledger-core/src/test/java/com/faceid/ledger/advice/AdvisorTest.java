package com.faceid.ledger.advice;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.pricing.TierPricer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost advisor (billing-rules §9 "Advice"). */
class AdvisorTest {
    static final Service LIVENESS = Service.LIVENESS_VERIFICATION;
    static final Catalog CATALOG = CatalogBook.standard().versions().get(0);
    static final TierPricer PRICER = new TierPricer(TierConvention.UPPER_INCLUSIVE);

    static Advisor.ServiceAdvice advise(long callsPerMonth, int horizon, boolean postpaid, List<Purchase> asToday,
                                        List<Holding> held) {
        return Advisor.advise(CATALOG, PRICER, Map.of(LIVENESS, callsPerMonth), Map.of(LIVENESS, held), postpaid,
                Map.of(), Map.of(LIVENESS, asToday), horizon).services().get(0);
    }

    @Nested
    class ThePagesOwnExample {
        @Test
        void threeHundredThousandLivenessCallsAreCheaperAs200kPlus100kThanAs3x100k() {
            Advisor.ServiceAdvice a = advise(300_000, 1, false, List.of(new Purchase(100_000, 3, 0)), List.of());
            assertThat(a.plan()).containsExactly(new Purchase(200_000, 1, 0), new Purchase(100_000, 1, 0));
            assertThat(ServiceCase.money(a.cost().totalFen())).isEqualByComparingTo("230000.00");
            assertThat(ServiceCase.money(a.asToday().totalFen())).isEqualByComparingTo("240000.00");
            assertThat(ServiceCase.money(a.savingsFen())).isEqualByComparingTo("10000.00");
            assertThat(a.cost().uncovered()).isZero();
        }
    }

    @Nested
    class Postpaid {
        @Test
        void aMonthPastTheFirstTierIsCheapestPostpaid() {
            Advisor.ServiceAdvice a = advise(1_200, 3, true, List.of(), List.of());
            // 1,200 x 0.85 = 1,020.00 a month; any package would push the rest back to 1.00 a call
            assertThat(a.plan()).isEmpty();
            assertThat(ServiceCase.money(a.cost().totalFen())).isEqualByComparingTo("3060.00");
            assertThat(a.exact()).isTrue();
        }

        @Test
        void belowTheFirstTierPackagesBeatPostpaid() {
            Advisor.ServiceAdvice a = advise(800, 3, true, List.of(), List.of());
            // 1.00 a call postpaid; 0.93 in a 1,000 package, 0.99 in a 100 package
            assertThat(a.plan()).containsExactly(new Purchase(1_000, 2, 0), new Purchase(100, 4, 0));
            assertThat(ServiceCase.money(a.cost().totalFen())).isEqualByComparingTo("2256.00");
            assertThat(ServiceCase.money(a.asToday().totalFen())).isEqualByComparingTo("2400.00");
        }

        @Test
        void withPostpaidOffEveryCallMustBeCoveredByAPackage() {
            Advisor.ServiceAdvice a = advise(800, 3, false, List.of(), List.of());
            assertThat(a.cost().uncovered()).isZero();
            assertThat(a.plan()).containsExactly(new Purchase(1_000, 2, 0), new Purchase(100, 4, 0));
            assertThat(ServiceCase.money(a.cost().totalFen())).isEqualByComparingTo("2256.00"); // 2x930 + 4x99
            assertThat(a.asToday().uncovered()).isEqualTo(2_400); // buying nothing refuses every call
        }

        @Test
        void aMonthReachingTheTopTierWithoutANegotiatedPriceIsAvoided() {
            Advisor.ServiceAdvice a = advise(250_000, 1, true, List.of(), List.of());
            assertThat(a.cost().uncovered()).isZero();
            assertThat(a.cost().postpaidCalls()).isLessThanOrEqualTo(200_000);
        }
    }

    @Nested
    class WhatIsHeld {
        @Test
        void packagesHeldNowPayFirstAndExpireOnTime() {
            // 500 units valid for one more month and a half: month 0 takes 500 of 600, month 1 nothing left
            Advisor.ServiceAdvice a = advise(600, 2, true, List.of(), List.of(new Holding(false, 500, 1, 500)));
            // 100 calls of month 0 and all 600 of month 1 are left: 7 packages of 100 (693.00) beat postpaid (700.00)
            assertThat(a.plan()).containsExactly(new Purchase(100, 7, 0));
            assertThat(ServiceCase.money(a.cost().totalFen())).isEqualByComparingTo("693.00");
            assertThat(ServiceCase.money(a.asToday().totalFen())).isEqualByComparingTo("700.00");
        }

        @Test
        void aHeldPackageExpiringMidMonthPaysForThatShareOfTheMonthOnly() {
            ServiceCase c = new ServiceCase(new java.util.TreeMap<>(Map.of(100, new BigDecimal("99"))),
                    new long[]{600, 600}, List.of(new Holding(false, 5_000, 0, 500)), CATALOG.postpaid(LIVENESS),
                    PRICER, true, null);
            assertThat(c.residual()).containsExactly(300, 600);
        }

        @Test
        void freeGrantsPayBeforePurchasedPackagesWhateverTheirExpiry() {
            ServiceCase c = new ServiceCase(new java.util.TreeMap<>(Map.of(100, new BigDecimal("99"))),
                    new long[]{600, 600}, List.of(new Holding(false, 700, 1, 0), new Holding(true, 50, 5, 0)),
                    CATALOG.postpaid(LIVENESS), PRICER, true, null);
            // month 0: 50 free + 550 purchased; the purchased one's last 150 units expire at month 1's start
            assertThat(c.residual()).containsExactly(0, 600);
        }
    }

    @Nested
    class TheYearOfValidity {
        @Test
        void aPackageBoughtInTheHorizonForfeitsWhatIsLeftAfterTwelveMonths() {
            ServiceCase c = new ServiceCase(new java.util.TreeMap<>(Map.of(5_000, new BigDecimal("4500"))),
                    new long[]{100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
                    List.of(), CATALOG.postpaid(LIVENESS), PRICER, true, null);
            ServiceCase.Cost cost = c.cost(List.of(new Purchase(5_000, 1, 0)), c.residual(), new java.util.HashMap<>());
            assertThat(cost.forfeited()).isEqualTo(5_000 - 1_200);
            assertThat(cost.postpaidCalls()).isEqualTo(200); // months 12 and 13
        }
    }
}
