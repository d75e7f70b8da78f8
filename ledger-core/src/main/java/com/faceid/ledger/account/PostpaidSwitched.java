package com.faceid.ledger.account;

import java.time.Instant;

/** From now on, calls no package can pay are charged postpaid (enabled) or refused (disabled). */
public record PostpaidSwitched(String accountId, boolean enabled, Instant at, String actor) {
}
