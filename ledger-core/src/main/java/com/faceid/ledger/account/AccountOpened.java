package com.faceid.ledger.account;

import java.time.Instant;

public record AccountOpened(String accountId, Instant openedAt, String zone, boolean postpaidEnabled) {
}
