package com.faceid.ledger.statement;

import com.faceid.ledger.event.AdjustmentRecorded;

/**
 * What recording an adjustment answers: the adjustment as recorded (the month it landed on, the month it
 * corrects, amount, reason, call), and whether its id was seen before (then it is the stored one).
 */
public record AdjustmentReceipt(AdjustmentRecorded adjustment, boolean duplicate) {
}
