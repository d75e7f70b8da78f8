package com.faceid.ledger.pricing;

import java.math.BigDecimal;

/**
 * The price of a month's postpaid calls for one service.
 *
 * @param tier          1-based tier the postpaid count reaches
 * @param tierRange     human-readable bounds of that tier, e.g. "(1000, 10000]"
 * @param unitPrice     price per call; null when the top tier has no negotiated price yet
 * @param amount        postpaidCount × unitPrice to the fen; null while awaiting a price
 * @param negotiated    true when the unit price is the account's negotiated top-tier price
 */
public record TierQuote(long postpaidCount, int tier, String tierRange, BigDecimal unitPrice, BigDecimal amount,
                        boolean negotiated) {
    public boolean awaitingPrice() {
        return unitPrice == null;
    }
}
