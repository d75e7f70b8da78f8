package com.faceid.ledger.prepaid;

import java.time.Instant;

/** The free grant became usable (00:00 the day after opening): the "seen in the console" moment of §2. */
public record FreeGrantActivated(String accountId, String packageId, Instant activatedAt) {
}
