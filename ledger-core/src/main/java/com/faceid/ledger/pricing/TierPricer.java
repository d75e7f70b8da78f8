package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Volume ("阶梯到达") pricing, billing-rules.md §6: every postpaid call of the month is priced at the unit
 * price of the tier that the month's postpaid count reaches. Pure; no state, no clock.
 */
public final class TierPricer {
    private final TierConvention convention;

    public TierPricer(TierConvention convention) {
        this.convention = convention;
    }

    public TierConvention convention() {
        return convention;
    }

    /** The 1-based tier reached by {@code count} postpaid calls. Zero calls sit in the first tier. */
    public int tierOf(PostpaidTariff tariff, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        int tier = 1;
        for (long bound : tariff.bounds()) {
            boolean beyond = convention == TierConvention.UPPER_INCLUSIVE ? count > bound : count >= bound;
            if (beyond) {
                tier++;
            }
        }
        return tier;
    }

    /**
     * @param negotiatedTopPrice the account's negotiated price for the top tier in that month, or null
     */
    public TierQuote quote(PostpaidTariff tariff, long count, BigDecimal negotiatedTopPrice) {
        int tier = tierOf(tariff, count);
        String range = rangeOf(tariff.bounds(), tier);
        if (tier == tariff.topTier()) {
            if (negotiatedTopPrice == null) {
                return new TierQuote(count, tier, range, null, null, false);
            }
            return new TierQuote(count, tier, range, negotiatedTopPrice, Money.times(count, negotiatedTopPrice), true);
        }
        BigDecimal unit = tariff.unitPrices().get(tier - 1);
        return new TierQuote(count, tier, range, unit, Money.times(count, unit), false);
    }

    /**
     * The tier after the one {@code count} postpaid calls reach: at which count the month enters it, how many
     * more postpaid calls that takes, and its list price (null for the top tier: negotiated). Empty in the top
     * tier. What the console's tier progress shows; every call is still priced by {@link #quote}.
     */
    public Optional<NextTier> nextTier(PostpaidTariff tariff, long count) {
        int tier = tierOf(tariff, count);
        if (tier == tariff.topTier()) {
            return Optional.empty();
        }
        long bound = tariff.bounds().get(tier - 1);
        long reachedAt = convention == TierConvention.UPPER_INCLUSIVE ? bound + 1 : bound;
        int next = tier + 1;
        BigDecimal price = next == tariff.topTier() ? null : tariff.unitPrices().get(next - 1);
        return Optional.of(new NextTier(next, reachedAt, reachedAt - count, price));
    }

    /** @param unitPrice the tier's list price, null for the top (negotiated) tier */
    public record NextTier(int tier, long reachedAtCount, long callsToGo, BigDecimal unitPrice) {
    }

    private String rangeOf(List<Long> bounds, int tier) {
        String lower = tier == 1 ? "0" : String.valueOf(bounds.get(tier - 2));
        String upper = tier > bounds.size() ? "∞" : String.valueOf(bounds.get(tier - 1));
        boolean upperInclusive = convention == TierConvention.UPPER_INCLUSIVE;
        String open = upperInclusive ? "(" : "[";
        String close = tier > bounds.size() ? ")" : (upperInclusive ? "]" : ")");
        return open + lower + ", " + upper + close;
    }
}
