package com.faceid.ledger.pricing;

import com.faceid.ledger.metering.BillableResults;

import java.time.Duration;

/**
 * The configuration the aggregate consults when it decides (injected into its command handlers):
 * catalogs, tier convention, billable result codes, reminders and the close grace. Each decision it informs
 * is written into an event, so event-sourcing handlers never read it and replay never depends on it.
 */
public record BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults,
                            Reminders reminders, Duration closeGrace) {
    /** A month stops accepting calls this long after it ends (billing-rules §9), unless set otherwise. */
    public static final Duration STANDARD_CLOSE_GRACE = Duration.ofDays(2);

    public BillingPolicy {
        if (closeGrace == null || closeGrace.isNegative()) {
            throw new IllegalArgumentException("closeGrace must be zero or positive, got " + closeGrace);
        }
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
