package com.faceid.ledger.statement;

import com.faceid.ledger.pricing.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

public record NegotiatedPriceAgreed(String accountId, Service service, BigDecimal unitPrice, YearMonth effectiveFrom,
                                    String agreedBy, Instant agreedAt) {
}
