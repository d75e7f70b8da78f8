package com.faceid.ledger.pricing;

import java.time.Duration;

/**
 * The configuration the aggregate consults when it decides (injected into its command handlers):
 * catalogs, tier convention, billable result codes, reminders and the close grace. Each decision it informs
 * is written into an event, so event-sourcing handlers never read it and replay never depends on it.
 */
public record BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults,
                            Reminders reminders, Duration closeGrace, Duration holdTtl) {
    /** A month stops accepting calls this long after it ends (billing-rules §9), unless set otherwise. */
    public static final Duration STANDARD_CLOSE_GRACE = Duration.ofDays(2);
    /** A hold neither captured nor voided expires this long after it was placed, unless set otherwise. */
    public static final Duration STANDARD_HOLD_TTL = Duration.ofMinutes(5);

    public BillingPolicy {
        if (closeGrace == null || closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must be zero or positive, got " + closeGrace);
        }
        if (holdTtl == null || holdTtl.isNegative() || holdTtl.isZero()) {
            throw new IllegalArgumentException("holdTtl must be positive, got " + holdTtl);
        }
    }

    public BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults,
                         Reminders reminders, Duration closeGrace) {
        this(catalogs, tierConvention, billableResults, reminders, closeGrace, STANDARD_HOLD_TTL);
    }

    public BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults) {
        this(catalogs, tierConvention, billableResults, Reminders.STANDARD, STANDARD_CLOSE_GRACE);
    }

    public static BillingPolicy standard() {
        return new BillingPolicy(CatalogBook.standard(), TierConvention.UPPER_INCLUSIVE, BillableResults.STANDARD);
    }

    public TierPricer pricer() {
        return new TierPricer(tierConvention);
    }
}
