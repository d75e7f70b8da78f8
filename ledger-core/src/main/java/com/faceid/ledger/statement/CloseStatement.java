package com.faceid.ledger.statement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.YearMonth;

/** Closes {@code month} and any earlier month still open, in order. Only once the month is over. */
public record CloseStatement(@TargetAggregateIdentifier String accountId, YearMonth month, Instant closedAt,
                             String actor) {
}
