package com.faceid.ledger.metering;

import com.faceid.ledger.event.CallMetered;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every requestId an account has ever metered, with its outcome and content: the permanent idempotency
 * record.
 * <p>
 * The aggregate does not remember request ids (its state would grow with every call). Instead the
 * application keeps a uniqueness table (account, requestId) → outcome and content, written in the same
 * transaction as the {@link CallMetered} event (set-based validation). The aggregate asks it before
 * settling; a concurrent duplicate that slips past the lookup fails on the table's primary key, its
 * transaction rolls back with nothing appended, and its retry finds the first call here.
 */
public interface MeteredRequests {
    Optional<MeteredCall> find(String accountId, String requestId);

    /** The stored calls of those of {@code requestIds} the account has metered, by requestId. */
    default Map<String, MeteredCall> findAll(String accountId, Collection<String> requestIds) {
        Map<String, MeteredCall> found = new HashMap<>();
        for (String requestId : requestIds) {
            find(accountId, requestId).ifPresent(o -> found.put(requestId, o));
        }
        return found;
    }
}
