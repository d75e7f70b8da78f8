package com.faceid.ledger.statement;

import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.StatementClosed;
import com.faceid.ledger.event.StatementLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A month's statement as computed by {@link StatementCalculator}: the running estimate while the month
 * is open, the final figures in {@link StatementClosed}.
 */
public record StatementFigures(YearMonth month, String catalogVersion, String tierConvention,
                               List<StatementLine> lines, List<PurchaseLine> purchases,
                               List<AdjustmentLine> adjustments, BigDecimal prepaidSpend,
                               BigDecimal postpaidAmount, BigDecimal adjustmentTotal, BigDecimal totalSpend) {
    /** The month closed on these figures: the statement, forever. */
    public StatementClosed closed(String accountId, Instant closedAt, String actor) {
        return new StatementClosed(accountId, month, closedAt, catalogVersion, tierConvention, lines, purchases,
                adjustments, prepaidSpend, postpaidAmount, adjustmentTotal, totalSpend, actor);
    }

    public boolean awaitingPrice() {
        return lines.stream().anyMatch(StatementLine::awaitingPrice);
    }
}
