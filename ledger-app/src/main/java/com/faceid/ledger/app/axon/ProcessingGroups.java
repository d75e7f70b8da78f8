package com.faceid.ledger.app.axon;



/**
 * The event processors by name, each with why it is what it is (application.yml configures their mode and
 * source, {@link ProcessorConfig} their error handling).
 */
public final class ProcessingGroups {
    /**
     * The one subscribing processor: everything written in the command's own transaction, with its events: the
     * idempotency registries of requestIds and holdIds, the schedule of time-driven steps, the webhook outbox.
     * An event is never stored without these rows, nor a row without its event, and a replay never reaches them.
     * One processor, not one each: every event of a command passes each processor's unit of work, and with the
     * outbox as a third processor batches of 1000 calls came out at a median of 4,580 calls/s against 5,060
     * before it; sharing one, 4,887 (in-process benchmark, three runs each, docs/performance.md).
     */
    public static final String IN_TRANSACTION = "in-transaction";
    /**
     * The one pooled streaming processor of every read model (accounts, packages, usage and statements,
     * alerts): the stream is read once, and all views move together, one transaction per batch with the
     * token, so a quota and a statement answered at the same moment never disagree.
     */
    public static final String READ_MODELS = "read-models";

    private ProcessingGroups() {
    }
}
