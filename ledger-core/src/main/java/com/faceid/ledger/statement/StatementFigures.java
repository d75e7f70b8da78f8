package com.faceid.ledger.statement;

import java.math.BigDecimal;
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
    public boolean awaitingPrice() {
        return lines.stream().anyMatch(StatementLine::awaitingPrice);
    }
}
