package com.faceid.ledger.statement;

import java.time.YearMonth;

/** What recording an adjustment answers: the month it landed on, and whether its id was seen before. */
public record AdjustmentReceipt(String adjustmentId, YearMonth month, boolean duplicate) {
}
