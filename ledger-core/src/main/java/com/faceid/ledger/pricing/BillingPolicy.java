package com.faceid.ledger.pricing;

import com.faceid.ledger.metering.BillableResults;

/**
 * The configuration the aggregate consults when it decides (injected into its command handlers):
 * catalogs, tier convention, billable result codes. Each decision it informs is written into an event,
 * so event-sourcing handlers never read it and replay never depends on it.
 */
public record BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults,
                            Reminders reminders) {
    public BillingPolicy(CatalogBook catalogs, TierConvention tierConvention, BillableResults billableResults) {
        this(catalogs, tierConvention, billableResults, Reminders.STANDARD);
    }

    public static BillingPolicy standard() {
        return new BillingPolicy(CatalogBook.standard(), TierConvention.UPPER_INCLUSIVE, BillableResults.STANDARD);
    }

    public TierPricer pricer() {
        return new TierPricer(tierConvention);
    }
}
