package com.faceid.ledger.advice;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.TierPricer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost advisor (billing-rules §9 "Advice"): for each service with calls in the usage basis, the least-cost way
 * to buy over the horizon ({@link PlanSearch}), next to what buying as today would cost. Pure: the application
 * reads the basis, the packages held and the purchases of the basis months, and passes them in.
 */
public final class Advisor {
    /** One service's advice. {@code asToday} costs repeating the basis months' purchases over the horizon. */
    public record ServiceAdvice(Service service, long callsPerMonth, List<Purchase> plan, ServiceCase.Cost cost,
                                ServiceCase.Cost asToday, boolean exact) {
        public long savingsFen() {
            return asToday.totalFen() - cost.totalFen();
        }
    }

    public record Advice(List<ServiceAdvice> services, List<String> assumptions) {
        public long totalFen() {
            return services.stream().mapToLong(s -> s.cost().totalFen()).sum();
        }

        public long totalAsTodayFen() {
            return services.stream().mapToLong(s -> s.asToday().totalFen()).sum();
        }
    }

    private Advisor() {
    }

    /**
     * @param callsPerMonth the projected billable calls per month, by service (flat over the horizon)
     * @param held          the packages held now, by service
     * @param negotiated    the account's negotiated top-tier prices in force, by service
     * @param asToday       the purchases "as today" makes in the horizon, by service
     */
    public static Advice advise(Catalog catalog, TierPricer pricer, Map<Service, Long> callsPerMonth,
                                Map<Service, List<Holding>> held, boolean postpaid,
                                Map<Service, BigDecimal> negotiated,
                                Map<Service, List<Purchase>> asToday, int horizonMonths) {
        List<ServiceAdvice> out = new ArrayList<>();
        List<String> assumptions = new ArrayList<>(List.of(
                "each service's calls per month over the horizon are the average billable calls of the basis months",
                "packages are bought at a month's start and pay for 12 months from then (the 1-year validity); "
                        + "units still unused when they expire are forfeited and their price counts in full",
                "the packages held now pay first (free grants, then by expiry), as settlement would take them",
                "calls no package covers are charged postpaid at the tier the month reaches when postpaid is on; "
                        + "when it is off, or a month would reach the top (联系商务) tier without a negotiated price, "
                        + "they are uncovered (refused), and a plan that leaves fewer calls uncovered always wins",
                "units still valid at the horizon's end are not credited (a plan is costed over the horizon only)",
                "as today: the purchases of the basis months repeated in the same order over the horizon"));
        for (Map.Entry<Service, Long> e : new TreeMap<>(callsPerMonth).entrySet()) {
            Service s = e.getKey();
            long[] months = new long[horizonMonths];
            Arrays.fill(months, e.getValue());
            TreeMap<Integer, BigDecimal> prices = new TreeMap<>();
            for (int size : catalog.sizesSold(s)) {
                prices.put(size, catalog.packagePrice(s, size).orElseThrow());
            }
            ServiceCase c = new ServiceCase(prices, months, held.getOrDefault(s, List.of()), catalog.postpaid(s),
                    pricer, postpaid, negotiated.get(s));
            PlanSearch search = new PlanSearch(c);
            List<Purchase> today = asToday.getOrDefault(s, List.of()).stream()
                    .filter(p -> prices.containsKey(p.size())).toList();
            PlanSearch.Found found = search.search(today);
            out.add(new ServiceAdvice(s, e.getValue(), found.plan(), found.cost(), search.cost(today),
                    found.exact()));
            assumptions.add(s.englishName() + ": " + (found.exact()
                    ? "every way of buying was compared, at the start of every month"
                    : "the cheapest of the plans tried: one size at a time, buying as today, then small changes to"
                    + " those (a rarer mix of sizes may cost less)"));
        }
        return new Advice(List.copyOf(out), List.copyOf(assumptions));
    }
}
