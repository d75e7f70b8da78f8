package com.faceid.ledger.advice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least-cost package plan for one service (billing-rules §9 "Advice"). Every plan is costed by
 * {@link ServiceCase#cost}, the same month-by-month settlement whatever the search.
 * <p>
 * <b>Exact</b> when the space is small: with a horizon of at most {@link ServiceCase#VALID_MONTHS} months, nothing
 * bought in it expires inside it, so the units on hand are one number and a dynamic programme over (month, units
 * on hand) with every purchasable amount at every month start is exhaustive. It runs when the amounts to consider
 * are at most {@link #EXACT_LIMIT} multiples of the sizes' common divisor.
 * <p>
 * <b>Bounded</b> otherwise: the best of a candidate set, then improved by local moves. The candidates always include
 * buying nothing, "as today", every single-size plan bought every {@code k} months from month 0 (any
 * {@code k} up to the horizon) in counts of 1 to {@link #MAX_COUNT} and around the count that covers the period,
 * and, for each period, the cheapest mix of sizes covering all or part of each period's calls; the moves add,
 * remove, resize or re-time one package while that lowers the cost, for at most {@link #MOVE_BUDGET} costings. So
 * the advice is never worse than as-today nor than any of those single-size plans (the property tests check this
 * against independently enumerated plans), but it may miss a cheaper irregular mix.
 */
public final class PlanSearch {
    public static final int EXACT_LIMIT = 400;
    public static final int MAX_COUNT = 40;
    static final int MOVE_BUDGET = 30_000;

    /** The plan found, its cost, and whether the search was exhaustive. */
    public record Found(List<Purchase> plan, ServiceCase.Cost cost, boolean exact) {
    }

    private final ServiceCase c;
    private final long[] residual;
    private final Map<Long, Long> postpaidCache = ServiceCase.newCache();
    private final int[] sizes;
    private final int unit;

    public PlanSearch(ServiceCase c) {
        this.c = c;
        this.residual = c.residual();
        this.sizes = c.prices().keySet().stream().mapToInt(Integer::intValue).toArray();
        int g = 0;
        for (int s : sizes) {
            g = gcd(g, s);
        }
        this.unit = Math.max(g, 1);
    }

    public ServiceCase.Cost cost(List<Purchase> plan) {
        return c.cost(plan, residual, postpaidCache);
    }

    /** The cheapest plan found, never costlier than {@code asToday}. */
    public Found search(List<Purchase> asToday) {
        List<Purchase> best = List.of();
        ServiceCase.Cost bestCost = cost(best);
        boolean exact = false;
        List<List<Purchase>> candidates = new ArrayList<>();
        candidates.add(asToday);
        if (sizes.length > 0) {
            candidates.addAll(singleSizePlans());
            candidates.addAll(mixedPlans());
            List<Purchase> dp = exactPlan();
            if (dp != null) {
                candidates.add(dp);
                exact = true;
            }
        }
        for (List<Purchase> p : candidates) {
            ServiceCase.Cost cost = cost(p);
            if (cost.betterThan(bestCost)) {
                best = p;
                bestCost = cost;
            }
        }
        if (!exact && sizes.length > 0) {
            best = improve(best);
        }
        List<Purchase> plan = normalise(best);
        return new Found(plan, cost(plan), exact);
    }

    /** Every single-size plan of the bounded search: n packages of one size every k months, from month 0. */
    public List<List<Purchase>> singleSizePlans() {
        List<List<Purchase>> out = new ArrayList<>();
        int h = residual.length;
        for (int size : sizes) {
            for (int k = 1; k <= h; k++) { // k = h: one purchase at month 0
                long peak = 0;
                for (int w = 0; w < h; w += k) {
                    peak = Math.max(peak, window(w, k));
                }
                long ideal = (peak + size - 1) / size;
                TreeSet<Long> counts = new TreeSet<>();
                for (long n = 1; n <= Math.min(MAX_COUNT, ideal + 1); n++) {
                    counts.add(n);
                }
                for (long n = Math.max(1, ideal - 5); n <= ideal + 1; n++) {
                    counts.add(n);
                }
                for (long n : counts) {
                    if (n > Integer.MAX_VALUE / 2) {
                        continue;
                    }
                    List<Purchase> plan = new ArrayList<>();
                    for (int m = 0; m < h; m += k) {
                        plan.add(new Purchase(size, (int) n, m));
                    }
                    out.add(plan);
                }
            }
        }
        return out;
    }

    /** For each period of k months, the cheapest mix covering all, or a part, of each period's calls. */
    List<List<Purchase>> mixedPlans() {
        int h = residual.length;
        long total = 0;
        for (long r : residual) {
            total += r;
        }
        cheapestCover(total);
        List<List<Purchase>> out = new ArrayList<>();
        for (int k = 1; k <= h; k++) {
            for (int eighths = 8; eighths >= 1; eighths--) {
                List<Purchase> plan = new ArrayList<>();
                for (int w = 0; w < h; w += k) {
                    long target = (window(w, k) * eighths / 8 + unit - 1) / unit;
                    for (int x = (int) target; x > 0; ) {
                        int s = coverSize[x];
                        plan.add(new Purchase(s, 1, w));
                        x = Math.max(0, x - s / unit);
                    }
                }
                out.add(normalise(plan));
            }
        }
        return out;
    }

    private int[] coverSize;

    /**
     * cover[x]: the least cost of packages holding at least x units of {@code unit} calls, up to {@code total};
     * {@code coverSize[x]} the size of one package of such a mix (the rest covers what it leaves).
     */
    private long[] cheapestCover(long total) {
        int n = (int) Math.min(Integer.MAX_VALUE - 1, (total + unit - 1) / unit);
        long[] cover = new long[n + 1];
        coverSize = new int[n + 1];
        for (int x = 1; x <= n; x++) {
            cover[x] = Long.MAX_VALUE;
            for (int s : sizes) {
                long fen = c.priceFen(s) + cover[Math.max(0, x - s / unit)];
                if (fen < cover[x]) {
                    cover[x] = fen;
                    coverSize[x] = s;
                }
            }
        }
        return cover;
    }

    private long window(int from, int months) {
        long sum = 0;
        for (int m = from; m < Math.min(residual.length, from + months); m++) {
            sum += residual[m];
        }
        return sum;
    }

    /**
     * The exhaustive search, or null when the space is not small: over months, the units on hand (capped at what
     * is still to be used plus one package: more is only forfeited) and every amount that can be bought at the
     * month's start, at the cheapest mix of sizes for exactly that amount.
     */
    List<Purchase> exactPlan() {
        int h = residual.length;
        if (h > ServiceCase.VALID_MONTHS) {
            return null;
        }
        long total = 0;
        for (long r : residual) {
            total += r;
        }
        // sizes above all the calls to cover: only the cheapest of them can be worth buying
        int[] useful = usefulSizes(total);
        int maxSize = useful[useful.length - 1];
        long capUnits = (total + maxSize) / unit;
        if (capUnits > EXACT_LIMIT) {
            return null;
        }
        int cap = (int) capUnits;
        long[] mixFen = new long[cap + 1]; // cheapest mix of exactly x units (x in multiples of `unit`)
        int[] lastSize = new int[cap + 1];
        Arrays.fill(mixFen, Long.MAX_VALUE);
        mixFen[0] = 0;
        for (int x = 1; x <= cap; x++) {
            for (int s : useful) {
                int k = s / unit;
                if (k <= x && mixFen[x - k] != Long.MAX_VALUE && mixFen[x - k] + c.priceFen(s) < mixFen[x]) {
                    mixFen[x] = mixFen[x - k] + c.priceFen(s);
                    lastSize[x] = s;
                }
            }
        }
        long[] stillToUse = new long[h + 1];
        for (int m = h - 1; m >= 0; m--) {
            stillToUse[m] = stillToUse[m + 1] + residual[m];
        }
        record State(long uncovered, long fen, List<Integer> buys) {
            boolean betterThan(State o) {
                return uncovered != o.uncovered ? uncovered < o.uncovered : fen < o.fen;
            }
        }
        Map<Long, State> states = new HashMap<>();
        states.put(0L, new State(0, 0, List.of()));
        for (int m = 0; m < h; m++) {
            Map<Long, State> next = new HashMap<>();
            for (Map.Entry<Long, State> e : states.entrySet()) {
                for (int x = 0; x <= cap; x++) {
                    if (mixFen[x] == Long.MAX_VALUE) {
                        continue;
                    }
                    long onHand = e.getKey() + (long) x * unit;
                    if (x > 0 && onHand - (long) maxSize >= stillToUse[m]) {
                        // without any one package of this mix, what is on hand still covers every call to come:
                        // that smaller mix is cheaper with the same postpaid (none), and is tried too
                        break;
                    }
                    long used = Math.min(onHand, residual[m]);
                    long postpaid = c.postpaidFen(residual[m] - used, postpaidCache);
                    boolean covered = postpaid != ServiceCase.UNCOVERED;
                    State s = new State(e.getValue().uncovered() + (covered ? 0 : residual[m] - used),
                            e.getValue().fen() + mixFen[x] + (covered ? postpaid : 0), null);
                    long left = onHand - used;
                    State known = next.get(left);
                    if (known == null || s.betterThan(known)) {
                        List<Integer> buys = new ArrayList<>(e.getValue().buys());
                        buys.add(x);
                        next.put(left, new State(s.uncovered(), s.fen(), buys));
                    }
                }
            }
            states = next;
        }
        State best = null;
        for (State s : states.values()) {
            if (best == null || s.betterThan(best)) {
                best = s;
            }
        }
        List<Purchase> plan = new ArrayList<>();
        for (int m = 0; m < h; m++) {
            Map<Integer, Integer> count = new TreeMap<>(Comparator.reverseOrder());
            for (int x = best.buys().get(m); x > 0; x -= lastSize[x] / unit) {
                count.merge(lastSize[x], 1, Integer::sum);
            }
            final int month = m;
            count.forEach((size, n) -> plan.add(new Purchase(size, n, month)));
        }
        return plan;
    }

    /** The sizes up to {@code total}, and the cheapest of those above it. */
    private int[] usefulSizes(long total) {
        List<Integer> out = new ArrayList<>();
        int cheapestAbove = 0;
        for (int s : sizes) {
            if (s <= total) {
                out.add(s);
            } else if (cheapestAbove == 0 || c.priceFen(s) < c.priceFen(cheapestAbove)) {
                cheapestAbove = s;
            }
        }
        if (cheapestAbove != 0) {
            out.add(cheapestAbove);
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Local moves while they lower the cost: add, remove, resize or re-time one package. */
    private List<Purchase> improve(List<Purchase> start) {
        List<Purchase> best = normalise(start);
        ServiceCase.Cost bestCost = cost(best);
        int budget = MOVE_BUDGET;
        boolean improved = true;
        while (improved && budget > 0) {
            improved = false;
            for (List<Purchase> n : neighbours(best)) {
                if (--budget <= 0) {
                    break;
                }
                ServiceCase.Cost cost = cost(n);
                if (cost.betterThan(bestCost)) {
                    best = n;
                    bestCost = cost;
                    improved = true;
                    break;
                }
            }
        }
        return best;
    }

    private List<List<Purchase>> neighbours(List<Purchase> plan) {
        List<List<Purchase>> out = new ArrayList<>();
        int h = residual.length;
        for (int i = 0; i < plan.size(); i++) {
            Purchase p = plan.get(i);
            out.add(replace(plan, i, p.count() == 1 ? null : new Purchase(p.size(), p.count() - 1, p.month())));
            for (int d : new int[]{-1, 1}) {
                int m = p.month() + d;
                if (m >= 0 && m < h) {
                    List<Purchase> moved = replace(plan, i, p.count() == 1 ? null
                            : new Purchase(p.size(), p.count() - 1, p.month()));
                    moved.add(new Purchase(p.size(), 1, m));
                    out.add(normalise(moved));
                }
            }
            for (int s : sizes) {
                if (s != p.size()) {
                    List<Purchase> resized = replace(plan, i, p.count() == 1 ? null
                            : new Purchase(p.size(), p.count() - 1, p.month()));
                    resized.add(new Purchase(s, 1, p.month()));
                    out.add(normalise(resized));
                }
            }
        }
        for (int m = 0; m < h; m++) {
            for (int s : sizes) {
                List<Purchase> added = new ArrayList<>(plan);
                added.add(new Purchase(s, 1, m));
                out.add(normalise(added));
            }
        }
        return out;
    }

    private static List<Purchase> replace(List<Purchase> plan, int i, Purchase with) {
        List<Purchase> out = new ArrayList<>(plan);
        if (with == null) {
            out.remove(i);
        } else {
            out.set(i, with);
        }
        return out;
    }

    /** One line per (month, size), months ascending, larger sizes first. */
    static List<Purchase> normalise(List<Purchase> plan) {
        Map<List<Integer>, Integer> counts = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? Integer.compare(b.get(1), a.get(1)) : Integer.compare(a.get(0), b.get(0)));
        for (Purchase p : plan) {
            counts.merge(List.of(p.month(), p.size()), p.count(), Integer::sum);
        }
        List<Purchase> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Purchase(k.get(1), n, k.get(0))));
        return out;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
