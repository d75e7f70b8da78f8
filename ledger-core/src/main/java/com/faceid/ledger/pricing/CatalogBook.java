package com.faceid.ledger.pricing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every catalog version the ledger knows, by the date it takes effect (billing time zone). Purchases
 * are priced by the version in force on the purchase date, a month's postpaid calls by the version in
 * force on the first day of that month. The chosen version is written into the event.
 */
public final class CatalogBook {
    /** The catalog shipped with the ledger: the pricing page as restated in billing-rules.md. */
    public static final String DEFAULT_RESOURCE = "catalog/faceid-2026-01.catalog";

    private final List<Catalog> versions;

    public CatalogBook(List<Catalog> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one catalog version is needed");
        }
        this.versions = versions.stream().sorted(Comparator.comparing(Catalog::effectiveFrom)).toList();
    }

    public static CatalogBook standard() {
        return new CatalogBook(List.of(CatalogLoader.fromClasspath(DEFAULT_RESOURCE)));
    }

    public Catalog inForceOn(LocalDate day) {
        Catalog chosen = versions.get(0);
        for (Catalog c : versions) {
            if (!c.effectiveFrom().isAfter(day)) {
                chosen = c;
            }
        }
        return chosen;
    }

    public Catalog inForceFor(YearMonth month) {
        return inForceOn(month.atDay(1));
    }

    public Optional<Catalog> version(String version) {
        return versions.stream().filter(c -> c.version().equals(version)).findFirst();
    }

    public List<Catalog> versions() {
        return versions;
    }
}
