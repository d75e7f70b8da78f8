package com.faceid.ledger.pricing;

/**
 * Which side of a tier bound belongs to which tier (billing-rules.md §6).
 * The page's table says {@code 1000≤n<1万}, but its worked example prices exactly 1,000 calls at the
 * first tier, so the default is {@link #UPPER_INCLUSIVE}: (0,1000], (1000,1万], ...
 */
public enum TierConvention {
    /** (0, 1000], (1000, 10000], ... — reproduces every worked example of the page. Default. */
    UPPER_INCLUSIVE,
    /** The table's literal reading: [0, 1000), [1000, 10000), ... */
    LOWER_INCLUSIVE
}
