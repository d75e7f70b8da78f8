package com.faceid.ledger.account;

/**
 * The keys of an event's metadata, the part of a stored event beside its payload (docs/events.md): who sent the
 * command that recorded it, the request it came from, and the event's link in the account's hash chain. Defined
 * once here, beside the events, for the aggregate, the command gateway, the chain and the projections alike.
 */
public final class EventMetadata {
    /** Who sent the command: an API key's id, "scheduler", "kafka", "demo". */
    public static final String ACTOR = "actor";
    /** The request (HTTP, Kafka record, scheduled step) the command came from. */
    public static final String CORRELATION_ID = "correlationId";
    /** The event's link in its account's hash chain (docs/audit.md), hex. */
    public static final String CHAIN_HASH = "chainHash";

    private EventMetadata() {
    }
}
