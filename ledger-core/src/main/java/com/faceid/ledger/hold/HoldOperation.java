package com.faceid.ledger.hold;

/**
 * What a gateway asks of a hold: place it, capture it as a call, or void it. Each is a command of its own, and
 * several of one account can be settled together in one {@link SettleHolds} (group commit for holds).
 */
public sealed interface HoldOperation permits PlaceHold, CaptureHold, VoidHold {
    String accountId();

    String holdId();
}
