package com.faceid.ledger.support;

import com.faceid.ledger.event.HoldCaptured;
import com.faceid.ledger.event.HoldExpired;
import com.faceid.ledger.event.HoldPlaced;
import com.faceid.ledger.event.HoldStatus;
import com.faceid.ledger.event.HoldVoided;
import com.faceid.ledger.hold.Hold;
import com.faceid.ledger.hold.HoldRegistry;
import org.axonframework.eventhandling.EventHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The app's hold registry, in memory: fed by a subscribing handler in the same unit of work. */
public class InMemoryHoldRegistry implements HoldRegistry {
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    @Override
    public Optional<Hold> find(String accountId, String holdId) {
        return Optional.ofNullable(holds.get(accountId + "\u0000" + holdId));
    }

    @EventHandler
    void on(HoldPlaced e) {
        if (holds.putIfAbsent(e.accountId() + "\u0000" + e.holdId(), Hold.of(e)) != null) {
            throw new IllegalStateException("duplicate hold " + e.holdId()); // like the table's primary key
        }
    }

    @EventHandler
    void on(HoldCaptured e) {
        holds.computeIfPresent(e.accountId() + "\u0000" + e.holdId(), (k, h) -> h.with(HoldStatus.CAPTURED,
                e.requestId()));
    }

    @EventHandler
    void on(HoldVoided e) {
        holds.computeIfPresent(e.accountId() + "\u0000" + e.holdId(), (k, h) -> h.with(HoldStatus.VOIDED, null));
    }

    @EventHandler
    void on(HoldExpired e) {
        holds.computeIfPresent(e.accountId() + "\u0000" + e.holdId(), (k, h) -> h.with(HoldStatus.EXPIRED, null));
    }
}
