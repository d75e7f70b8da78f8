package com.faceid.ledger.event;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** From now on, calls no package can pay are charged postpaid (enabled) or refused (disabled). */
@Revision("1")
public record PostpaidSwitched(String accountId, boolean enabled, Instant at, String actor) implements AccountEvent {
}
