package com.faceid.ledger.account;

import java.time.Instant;
import java.time.ZoneId;

/** What every part of an {@link Account} decides with: whose account, since when, in which zone, postpaid or not. */
record AccountFacts(String accountId, Instant openedAt, ZoneId zone, boolean postpaidEnabled) {
    BillingCalendar calendar() {
        return new BillingCalendar(zone);
    }
}
