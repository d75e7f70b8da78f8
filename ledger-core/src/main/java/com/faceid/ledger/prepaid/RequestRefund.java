package com.faceid.ledger.prepaid;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Always refused (§3: prepaid packages are not refundable); exists so the refusal is a rule, not a 404. */
public record RequestRefund(@TargetAggregateIdentifier String accountId, String packageId) {
}
