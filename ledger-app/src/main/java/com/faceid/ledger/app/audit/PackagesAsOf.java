package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.prepaid.PackageQueries.PackageRow;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.pricing.Service;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's packages as they stood at an instant, folded from the events recorded up to then. Used for
 * {@code quota?asOf=}: it reads only the event store, never today's read models.
 */
public final class PackagesAsOf {
    private PackagesAsOf() {
    }

    public static List<PackageRow> fold(String accountId, List<EventStoreReader.StoredEvent> events) {
        Map<String, PackageRow> packages = new LinkedHashMap<>();
        for (EventStoreReader.StoredEvent e : events) {
            JsonNode p = e.payload();
            switch (e.type()) {
                case "FreeGrantIssued" -> packages.put(p.get("packageId").asText(), new PackageRow(accountId,
                        p.get("packageId").asText(), PackageKind.FREE, null, Service.valueOf(p.get("service").asText()),
                        p.get("size").asInt(), 0, p.get("size").asInt(), 0, BigDecimal.ZERO,
                        Instant.parse(p.get("effectiveFrom").asText()), Instant.parse(p.get("expiresAt").asText()),
                        false, null, p.get("catalogVersion").asText()));
                case "PackagePurchased" -> packages.put(p.get("packageId").asText(), new PackageRow(accountId,
                        p.get("packageId").asText(), PackageKind.PURCHASED, p.get("purchaseId").asText(),
                        Service.valueOf(p.get("service").asText()), p.get("size").asInt(), 0, p.get("size").asInt(), 0,
                        p.get("price").decimalValue(), Instant.parse(p.get("purchasedAt").asText()),
                        Instant.parse(p.get("expiresAt").asText()), false, YearMonth.parse(p.get("month").asText()),
                        p.get("catalogVersion").asText()));
                case "CallMetered" -> {
                    JsonNode pkg = p.get("packageId");
                    if (pkg != null && !pkg.isNull()) {
                        PackageRow r = packages.get(pkg.asText());
                        int left = p.get("packageRemainingAfter").asInt();
                        packages.put(r.packageId(), with(r, r.size() - left, left, r.forfeited(), r.expired()));
                    }
                }
                case "PackageExpired" -> {
                    PackageRow r = packages.get(p.get("packageId").asText());
                    packages.put(r.packageId(), with(r, r.used(), 0, p.get("forfeited").asInt(), true));
                }
                default -> { }
            }
        }
        return List.copyOf(packages.values());
    }

    private static PackageRow with(PackageRow r, int used, int remaining, int forfeited, boolean expired) {
        return new PackageRow(r.accountId(), r.packageId(), r.kind(), r.purchaseId(), r.service(), r.size(), used,
                remaining, forfeited, r.price(), r.effectiveFrom(), r.expiresAt(), expired, r.month(),
                r.catalogVersion());
    }
}
