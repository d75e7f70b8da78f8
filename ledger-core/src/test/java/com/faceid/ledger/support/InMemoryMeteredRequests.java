package com.faceid.ledger.support;

import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.metering.CallOutcome;
import com.faceid.ledger.metering.MeteredRequests;
import org.axonframework.eventhandling.EventHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The idempotency table of the app, in memory: fed by a subscribing handler in the same unit of work. */
public class InMemoryMeteredRequests implements MeteredRequests {
    private final Map<String, CallOutcome> outcomes = new ConcurrentHashMap<>();

    @Override
    public Optional<CallOutcome> find(String accountId, String requestId) {
        return Optional.ofNullable(outcomes.get(accountId + "\u0000" + requestId));
    }

    public void remember(String accountId, CallOutcome outcome) {
        if (outcomes.putIfAbsent(accountId + "\u0000" + outcome.requestId(), outcome) != null) {
            throw new IllegalStateException("duplicate key " + outcome.requestId()); // like the table's PK
        }
    }

    @EventHandler
    void on(CallMetered e) {
        remember(e.accountId(), CallOutcome.of(e));
    }
}
