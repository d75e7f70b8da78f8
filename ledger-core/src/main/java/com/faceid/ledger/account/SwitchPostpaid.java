package com.faceid.ledger.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record SwitchPostpaid(@TargetAggregateIdentifier String accountId, boolean enabled, Instant at, String actor) {
}
