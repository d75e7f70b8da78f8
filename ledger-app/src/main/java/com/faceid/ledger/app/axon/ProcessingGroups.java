package com.faceid.ledger.app.axon;



/**
 * The event processors by name, each with why it is what it is (application.yml configures their mode and
 * source, {@link ProcessorConfig} their error handling).
 */
public final class ProcessingGroups {
    /** The subscribing processor that writes the idempotency table inside the command's transaction. */
    public static final String REQUEST_REGISTRY = "request-registry";
    /**
     * The one pooled streaming processor of every read model (accounts, packages, usage and statements,
     * alerts): the stream is read once, and all views move together, one transaction per batch with the
     * token, so a quota and a statement answered at the same moment never disagree.
     */
    public static final String READ_MODELS = "read-models";
    /** The subscribing processor that writes the schedule of time-driven steps with the events. */
    public static final String SCHEDULE = "schedule";
    /** The subscribing processor that writes webhook notifications with the events causing them (the outbox). */
    public static final String WEBHOOK_OUTBOX = "webhook-outbox";

    private ProcessingGroups() {
    }
}
