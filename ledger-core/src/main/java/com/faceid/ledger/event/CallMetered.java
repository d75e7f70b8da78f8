package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A call was metered and settled. Carries every fact that decided its charge, so the charge can be
 * explained and replayed without any configuration: billability as decided, the payer, the package's
 * remaining count after the call, and the month's postpaid count after it (how the tier is reached).
 *
 * @param packageId             the paying package (FREE / PURCHASED), else null
 * @param packageRemainingAfter that package's remaining calls after this one, else null
 * @param month                 the billing month of {@code occurredAt}
 * @param monthPostpaidCount    the service's postpaid count in {@code month} after this call
 */
@Revision("1")
public record CallMetered(String accountId, String requestId, Service service, Instant occurredAt,
                          Instant recordedAt, String resultCode, boolean billable, ChargedTo chargedTo,
                          String packageId, Integer packageRemainingAfter, YearMonth month,
                          long monthPostpaidCount) implements AccountEvent {
}
