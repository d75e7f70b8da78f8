package com.faceid.ledger.metering;

import java.util.List;

/**
 * Who sent one call and under which correlation id. Calls of several requests may be settled in one
 * {@link MeterCalls} (group commit); each call's events still carry its own sender in their metadata.
 */
public record CallTrace(String actor, String correlationId) {
    /**
     * The traces of a grouped command: none (the command's own metadata applies to every item) or exactly one
     * per item, as an unmodifiable list.
     */
    public static List<CallTrace> onePerItem(List<CallTrace> traces, int items) {
        List<CallTrace> copy = traces == null ? List.of() : List.copyOf(traces);
        if (!copy.isEmpty() && copy.size() != items) {
            throw new IllegalArgumentException("one trace per item, or none: " + copy.size() + " for " + items);
        }
        return copy;
    }

    /** The trace of item {@code index} of a grouped command, or null when the command has none. */
    public static CallTrace ofItem(List<CallTrace> traces, int index) {
        return traces.isEmpty() ? null : traces.get(index);
    }
}
