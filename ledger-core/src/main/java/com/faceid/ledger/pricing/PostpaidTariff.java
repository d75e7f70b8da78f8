package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Service;

import java.math.BigDecimal;
import java.util.List;

/**
 * The postpaid price list of one service: tier bounds and one unit price per listed tier. The tier
 * after the last bound is the page's 联系商务 (contact sales) tier: it has no list price.
 *
 * @param bounds     ascending tier bounds, e.g. 1000, 10000, 100000, 200000
 * @param unitPrices one list price per tier below the top tier ({@code bounds.size()} of them)
 */
public record PostpaidTariff(Service service, List<Long> bounds, List<BigDecimal> unitPrices) {
    public PostpaidTariff {
        bounds = List.copyOf(bounds);
        unitPrices = List.copyOf(unitPrices);
        if (unitPrices.size() != bounds.size()) {
            throw new IllegalArgumentException(service + ": need one list price per tier below the top tier");
        }
        for (int i = 1; i < bounds.size(); i++) {
            if (bounds.get(i) <= bounds.get(i - 1)) {
                throw new IllegalArgumentException(service + ": tier bounds must ascend");
            }
        }
    }

    /** Tiers are numbered from 1; the top (negotiated) tier is {@code bounds.size() + 1}. */
    public int topTier() {
        return bounds.size() + 1;
    }
}
