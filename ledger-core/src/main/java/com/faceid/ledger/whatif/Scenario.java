package com.faceid.ledger.whatif;

import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.TierConvention;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * What a re-rating changes (billing-rules §9 "What-if"). A null knob keeps what the history recorded.
 *
 * @param tierBounds       the tier-bound convention every month is priced with, or null: each closed month's own
 * @param catalog          the catalog version every purchase and month is priced with, or null: each one's own
 * @param negotiatedPrices the negotiated top-tier prices instead of the recorded ones, or null: the recorded ones
 * @param postpaid         postpaid on or off for the whole history (the recorded switches dropped), or null
 * @param purchases        packages bought in addition to (or instead of) the recorded ones
 * @param replacePurchases drop the recorded purchases
 */
public record Scenario(TierConvention tierBounds, String catalog, List<NegotiatedPrice> negotiatedPrices,
                       Boolean postpaid, List<Purchase> purchases, boolean replacePurchases) {

    /** A negotiated top-tier price in force from {@code effectiveFrom} on. */
    public record NegotiatedPrice(Service service, BigDecimal unitPrice, YearMonth effectiveFrom) {
    }

    /** A package bought at {@code purchasedAt} (priced by the catalog in force then, or the scenario's). */
    public record Purchase(Service service, int size, Instant purchasedAt) {
    }

    public Scenario {
        purchases = purchases == null ? List.of() : List.copyOf(purchases);
        negotiatedPrices = negotiatedPrices == null ? null : List.copyOf(negotiatedPrices);
    }

    /** No change: the history re-rated under the rules that were in force. */
    public static Scenario none() {
        return new Scenario(null, null, null, null, List.of(), false);
    }

    public boolean changesNothing() {
        return tierBounds == null && catalog == null && negotiatedPrices == null && postpaid == null
                && purchases.isEmpty() && !replacePurchases;
    }
}
