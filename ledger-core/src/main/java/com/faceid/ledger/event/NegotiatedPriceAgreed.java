package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

@Revision("1")
public record NegotiatedPriceAgreed(String accountId, Service service, BigDecimal unitPrice, YearMonth effectiveFrom,
                                    String agreedBy, Instant agreedAt) implements AccountEvent {
}
