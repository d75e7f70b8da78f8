package com.faceid.ledger.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** An adjustment as it appears on a statement. */
public record AdjustmentLine(String adjustmentId, YearMonth correctsMonth, BigDecimal amount, String reason,
                             String requestId, String actor, Instant at) {
    public AdjustmentLine {
        amount = Money.of(amount);
    }

    public static AdjustmentLine of(AdjustmentRecorded e) {
        return new AdjustmentLine(e.adjustmentId(), e.correctsMonth(), e.amount(), e.reason(), e.requestId(),
                e.actor(), e.at());
    }
}
