package com.faceid.ledger.metering;

/**
 * Who sent one call and under which correlation id. Calls of several requests may be settled in one
 * {@link MeterCalls} (group commit); each call's events still carry its own sender in their metadata.
 */
public record CallTrace(String actor, String correlationId) {
}
