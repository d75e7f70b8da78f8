package com.faceid.ledger.hold;

import java.util.Optional;

/**
 * Every hold an account has ever placed, as it stands: the permanent idempotency record of holdIds. Like
 * {@code MeteredRequests}, it lives outside the aggregate (whose state keeps only the holds still held, so
 * it does not grow with every hold) and is written in the same transaction as the hold's events.
 */
public interface HoldRegistry {
    Optional<Hold> find(String accountId, String holdId);
}
