package com.faceid.ledger.hold;

/** What placing or voiding a hold answers: the hold, and whether its holdId was seen before. */
public record HoldReceipt(Hold hold, boolean duplicate) {
}
