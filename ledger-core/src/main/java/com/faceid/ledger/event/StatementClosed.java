package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The month's final bill. Carries every line with counts, tier, unit price and amount, the purchases,
 * the totals, the catalog version and tier convention used: the statement is this event, forever.
 */
@Revision("1")
public record StatementClosed(String accountId, YearMonth month, Instant closedAt, String catalogVersion,
                              String tierConvention, List<StatementLine> lines, List<PurchaseLine> purchases,
                              List<AdjustmentLine> adjustments,
                              BigDecimal prepaidSpend, BigDecimal postpaidAmount, BigDecimal adjustmentTotal,
                              BigDecimal totalSpend, String actor) implements AccountEvent {
    public StatementClosed {
        lines = List.copyOf(lines);
        purchases = List.copyOf(purchases);
        adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
        prepaidSpend = Money.of(prepaidSpend);
        postpaidAmount = Money.of(postpaidAmount);
        adjustmentTotal = Money.of(adjustmentTotal);
        totalSpend = Money.of(totalSpend);
    }
}
