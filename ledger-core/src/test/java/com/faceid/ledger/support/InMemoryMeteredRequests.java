package com.faceid.ledger.support;

import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.metering.MeteredCall;
import com.faceid.ledger.metering.MeteredRequests;
import org.axonframework.eventhandling.EventHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The idempotency table of the app, in memory: fed by a subscribing handler in the same unit of work. */
public class InMemoryMeteredRequests implements MeteredRequests {
    private final Map<String, MeteredCall> calls = new ConcurrentHashMap<>();

    @Override
    public Optional<MeteredCall> find(String accountId, String requestId) {
        return Optional.ofNullable(calls.get(accountId + "\u0000" + requestId));
    }

    public void remember(String accountId, MeteredCall call) {
        if (calls.putIfAbsent(accountId + "\u0000" + call.outcome().requestId(), call) != null) {
            throw new IllegalStateException("duplicate key " + call.outcome().requestId()); // like the table's PK
        }
    }

    @EventHandler
    void on(CallMetered e) {
        remember(e.accountId(), MeteredCall.of(e));
    }
}
