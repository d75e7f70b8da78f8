package com.faceid.ledger.advice;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.TierConvention;
import com.faceid.ledger.pricing.TierPricer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisor's bounds (billing-rules §9 "Advice"), on random usage: its plan is never worse than buying as today,
 * nor than any single-size plan (n packages of one size every k months), each costed independently here; and
 * where the search is exact, no plan of a brute-force enumeration beats it.
 */
class AdvisorProperties {
    static final Catalog CATALOG = CatalogBook.standard().versions().get(0);
    static final Service[] SOLD = {Service.LIVENESS_VERIFICATION, Service.LIVENESS_COMPARISON,
            Service.ID_VERIFICATION, Service.WECHAT_LIVENESS_VERIFICATION};

    record Case(Service service, long calls, int horizon, boolean postpaid, List<Holding> held,
                List<Purchase> asToday, TierConvention convention) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Long> calls = Arbitraries.oneOf(Arbitraries.longs().between(0, 3_000),
                Arbitraries.longs().between(3_000, 150_000), Arbitraries.longs().between(150_000, 400_000));
        Arbitrary<Holding> holding = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 200_000), Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 1000)).as(Holding::new);
        Arbitrary<Purchase> purchase = Combinators.combine(Arbitraries.of(100, 1_000, 10_000, 100_000, 200_000),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 23)).as(Purchase::new);
        return Combinators.combine(Arbitraries.of(SOLD), calls, Arbitraries.integers().between(1, 24),
                Arbitraries.of(true, false), holding.list().ofMaxSize(2), purchase.list().ofMaxSize(3),
                Arbitraries.of(TierConvention.values())).as(Case::new);
    }

    @Property(tries = 40)
    void thePlanIsNeverWorseThanAsTodayNorThanAnySingleSizePlan(@ForAll("cases") Case k) {
        ServiceCase c = serviceCase(k);
        List<Purchase> asToday = k.asToday().stream().filter(p -> c.prices().containsKey(p.size())).toList();
        PlanSearch.Found found = new PlanSearch(c).search(asToday);
        Map<Long, Long> cache = new HashMap<>();
        long[] residual = c.residual();
        assertThat(c.cost(found.plan(), residual, cache)).isEqualTo(found.cost());
        assertThat(c.cost(asToday, residual, cache).betterThan(found.cost())).as("as today beats %s", found).isFalse();
        assertThat(c.cost(List.of(), residual, cache).betterThan(found.cost())).isFalse();
        for (int size : c.prices().keySet()) {
            for (int every = 1; every <= k.horizon(); every++) {
                for (int n = 1; n <= 12; n++) {
                    List<Purchase> single = new ArrayList<>();
                    for (int m = 0; m < k.horizon(); m += every) {
                        single.add(new Purchase(size, n, m));
                    }
                    assertThat(c.cost(single, residual, cache).betterThan(found.cost()))
                            .as("%s beats the advice %s", single, found).isFalse();
                }
            }
        }
    }

    @Property(tries = 25)
    void whereTheSearchIsExactNoPlanBeatsIt(@ForAll @IntRange(min = 0, max = 1_500) int calls,
                                            @ForAll @IntRange(min = 1, max = 3) int horizon,
                                            @ForAll boolean postpaid, @ForAll TierConvention convention) {
        TreeMap<Integer, BigDecimal> prices = new TreeMap<>(Map.of(100, new BigDecimal("99.00"),
                1_000, new BigDecimal("930.00")));
        long[] months = new long[horizon];
        java.util.Arrays.fill(months, calls);
        ServiceCase c = new ServiceCase(prices, months, List.of(), CATALOG.postpaid(Service.LIVENESS_VERIFICATION),
                new TierPricer(convention), postpaid, null);
        PlanSearch.Found found = new PlanSearch(c).search(List.of());
        assertThat(found.exact()).isTrue();
        long[] residual = c.residual();
        Map<Long, Long> cache = new HashMap<>();
        // every plan of up to 16 packages of 100 and 2 of 1,000 at each month start
        int perMonth = 17 * 3;
        int plans = (int) Math.pow(perMonth, horizon);
        for (int code = 0; code < plans; code++) {
            List<Purchase> plan = new ArrayList<>();
            int rest = code;
            for (int m = 0; m < horizon; m++) {
                int pick = rest % perMonth;
                rest /= perMonth;
                if (pick % 17 > 0) {
                    plan.add(new Purchase(100, pick % 17, m));
                }
                if (pick / 17 > 0) {
                    plan.add(new Purchase(1_000, pick / 17, m));
                }
            }
            assertThat(c.cost(plan, residual, cache).betterThan(found.cost())).as("%s beats %s", plan, found)
                    .isFalse();
        }
    }

    private static ServiceCase serviceCase(Case k) {
        TreeMap<Integer, BigDecimal> prices = new TreeMap<>();
        for (int size : CATALOG.sizesSold(k.service())) {
            prices.put(size, CATALOG.packagePrice(k.service(), size).orElseThrow());
        }
        long[] months = new long[k.horizon()];
        java.util.Arrays.fill(months, k.calls());
        return new ServiceCase(prices, months, k.held(), CATALOG.postpaid(k.service()),
                new TierPricer(k.convention()), k.postpaid(), null);
    }
}
