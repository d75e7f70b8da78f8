package com.faceid.ledger.statement;

import com.faceid.ledger.event.Service;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** Records a negotiated unit price for the top (联系商务) tier, from {@code effectiveFrom} on. */
public record AgreeNegotiatedPrice(@TargetAggregateIdentifier String accountId, Service service,
                                   BigDecimal unitPrice, YearMonth effectiveFrom, String agreedBy,
                                   Instant agreedAt) {
}
