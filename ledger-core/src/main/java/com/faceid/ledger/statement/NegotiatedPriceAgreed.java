package com.faceid.ledger.statement;

import com.faceid.ledger.account.AccountEvent;
import org.axonframework.serialization.Revision;

import com.faceid.ledger.pricing.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

@Revision("1")
public record NegotiatedPriceAgreed(String accountId, Service service, BigDecimal unitPrice, YearMonth effectiveFrom,
                                    String agreedBy, Instant agreedAt) implements AccountEvent {
}
