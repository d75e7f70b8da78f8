package com.faceid.ledger.advice;

import com.faceid.ledger.event.Money;
import com.faceid.ledger.pricing.PostpaidTariff;
import com.faceid.ledger.pricing.TierPricer;
import com.faceid.ledger.pricing.TierQuote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One service's question to the advisor, and the cost of any plan for it. The cost of a plan is found by
 * settling the projected calls month by month the way the ledger does (§4): free grants first, then packages by
 * expiry (those held now expire before any bought in the horizon; those bought in the horizon in the order
 * bought), then postpaid, priced with the ledger's own {@link TierPricer} at the tier each month reaches.
 * Packages bought in the horizon pay for 12 months from their month (the 1-year validity); what they still hold
 * when they expire is forfeited. Money is counted in fen.
 *
 * @param prices    the package sizes the catalog sells, with their prices
 * @param callsPerMonth the projected billable calls of each horizon month
 * @param held      the packages held now
 * @param postpaid  is postpaid on: else a call no package covers is refused
 * @param negotiatedTopPrice the account's negotiated top-tier price, or null: a month whose postpaid calls reach the
 *                           top (联系商务) tier then has no price, and its postpaid calls count as uncovered
 */
public record ServiceCase(SortedMap<Integer, BigDecimal> prices, long[] callsPerMonth, List<Holding> held,
                          PostpaidTariff tariff, TierPricer pricer, boolean postpaid, BigDecimal negotiatedTopPrice) {
    /** {@link #postpaidFen} of calls that cannot be charged postpaid (postpaid off, or an unpriced top tier). */
    public static final long UNCOVERED = -1;

    /** A package bought in the horizon pays for this many months from the month it is bought. */
    public static final int VALID_MONTHS = 12;

    public int horizon() {
        return callsPerMonth.length;
    }

    /**
     * What a plan costs, and where its calls went.
     *
     * @param uncovered calls neither a package nor postpaid can take (postpaid off: refused; or an unpriced top tier)
     */
    public record Cost(long packagesFen, long postpaidFen, long postpaidCalls, long uncovered, long forfeited,
                       long carriedOver) {
        public long totalFen() {
            return packagesFen + postpaidFen;
        }

        /** Is this plan better: fewer calls uncovered, then less money. */
        public boolean betterThan(Cost other) {
            return uncovered != other.uncovered ? uncovered < other.uncovered : totalFen() < other.totalFen();
        }
    }

    /** The calls no held package can pay, month by month: what purchases and postpaid must cover (plan-free). */
    public long[] residual() {
        long[] left = callsPerMonth.clone();
        List<Holding> order = new ArrayList<>(held);
        order.sort(Comparator.comparing((Holding h) -> !h.free()).thenComparingInt(Holding::fullMonths)
                .thenComparingInt(Holding::lastMonthPermille));
        for (Holding h : order) {
            long units = h.remaining();
            for (int m = 0; m < left.length && units > 0 && m <= h.fullMonths(); m++) {
                long can = m < h.fullMonths() ? left[m] : Math.min(left[m],
                        callsPerMonth[m] * h.lastMonthPermille() / 1000);
                long used = Math.min(can, units);
                left[m] -= used;
                units -= used;
            }
        }
        return left;
    }

    /** The plan's cost over the horizon, settled month by month on the residual calls. */
    public Cost cost(List<Purchase> plan, long[] residual, Map<Long, Long> postpaidFenCache) {
        int h = residual.length;
        long[] bought = new long[h];
        long packagesFen = 0;
        for (Purchase p : plan) {
            if (p.month() < h) {
                bought[p.month()] += (long) p.size() * p.count();
                packagesFen += priceFen(p.size()) * p.count();
            }
        }
        long[] pool = new long[h]; // units bought at month b still unused
        long postpaidFen = 0;
        long postpaidCalls = 0;
        long uncovered = 0;
        long forfeited = 0;
        for (int m = 0; m < h; m++) {
            pool[m] = bought[m];
            if (m - VALID_MONTHS >= 0) { // bought a year ago: expires at this month's start
                forfeited += pool[m - VALID_MONTHS];
                pool[m - VALID_MONTHS] = 0;
            }
            long need = residual[m];
            for (int b = Math.max(0, m - VALID_MONTHS + 1); b <= m && need > 0; b++) {
                long used = Math.min(need, pool[b]);
                pool[b] -= used;
                need -= used;
            }
            long fen = postpaidFen(need, postpaidFenCache);
            if (fen == UNCOVERED) {
                uncovered += need;
            } else {
                postpaidCalls += need;
                postpaidFen += fen;
            }
        }
        long carried = 0;
        for (int b = Math.max(0, h - VALID_MONTHS); b < h; b++) {
            carried += pool[b];
        }
        return new Cost(packagesFen, postpaidFen, postpaidCalls, uncovered, forfeited, carried);
    }

    public long priceFen(int size) {
        BigDecimal price = prices.get(size);
        if (price == null) {
            throw new IllegalArgumentException("size " + size + " is not sold");
        }
        return fen(price);
    }

    /**
     * A month's postpaid calls priced as the ledger prices them, or {@link #UNCOVERED} when postpaid is off or
     * they reach the top tier without a negotiated price.
     */
    public long postpaidFen(long calls, Map<Long, Long> cache) {
        if (calls == 0) {
            return 0;
        }
        if (!postpaid) {
            return UNCOVERED;
        }
        Long known = cache.get(calls);
        if (known != null) {
            return known;
        }
        TierQuote q = pricer.quote(tariff, calls, negotiatedTopPrice);
        long f = q.awaitingPrice() ? UNCOVERED : fen(q.amount());
        cache.put(calls, f);
        return f;
    }

    public static long fen(BigDecimal amount) {
        return Money.of(amount).movePointRight(2).longValueExact();
    }

    public static BigDecimal money(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static Map<Long, Long> newCache() {
        return new HashMap<>();
    }
}
