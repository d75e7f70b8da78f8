package com.faceid.ledger.event;

import java.math.BigDecimal;

/**
 * One service's line of a monthly statement (§7). {@code unitPrice} and {@code amount} are null only
 * while the top tier awaits a negotiated price (never in a closed statement).
 */
public record StatementLine(Service service, long calls, long billable, long paidByFree, long paidByPurchased,
                            long postpaidCount, long refused, int tier, String tierRange, BigDecimal unitPrice,
                            BigDecimal amount, boolean negotiatedPrice) {
    public StatementLine {
        amount = Money.of(amount);
    }

    public boolean awaitingPrice() {
        return unitPrice == null;
    }
}
