package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * An adjustment entry. It lands on {@code month}'s statement; {@code correctsMonth} is the month it
 * concerns (different when that month was already closed: a closed statement never changes).
 */
@Revision("1")
public record AdjustmentRecorded(String accountId, String adjustmentId, YearMonth month, YearMonth correctsMonth,
                                 BigDecimal amount, String reason, String requestId, String actor, Instant at)
        implements AccountEvent {
    public AdjustmentRecorded {
        amount = Money.of(amount);
    }
}
