package com.faceid.ledger.app;

import com.faceid.ledger.pricing.TierConvention;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * The {@code ledger.*} settings (documented with their defaults in application.yml and docs/operations.md).
 *
 * @param zone                 billing time zone: days, months and "one year later" are counted there
 * @param clock                {@code system} or {@code simulated}
 * @param tierConvention       which side of a tier bound belongs to which tier (billing-rules.md §6)
 * @param billableResultCodes  API result codes that are charged (billing-rules.md §5)
 * @param catalogs             catalog resources (classpath) — every version ever published, never edited
 * @param snapshotThreshold    events between aggregate snapshots
 * @param batchMaxCalls        most calls accepted in one {@code calls:batch} request
 * @param commandRetries       attempts for a command that lost a concurrency race (same account, other node)
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(String zone, String clock, TierConvention tierConvention,
                               List<String> billableResultCodes, List<String> catalogs, int snapshotThreshold,
                               int batchMaxCalls, int commandRetries) {
    public LedgerProperties {
        zone = zone == null ? "Asia/Shanghai" : zone;
        clock = clock == null ? "system" : clock;
        tierConvention = tierConvention == null ? TierConvention.UPPER_INCLUSIVE : tierConvention;
        billableResultCodes = billableResultCodes == null || billableResultCodes.isEmpty()
                ? List.of("Success", "IdNameMisMatch", "CompareLowSimilarity") : List.copyOf(billableResultCodes);
        catalogs = catalogs == null || catalogs.isEmpty()
                ? List.of(com.faceid.ledger.pricing.CatalogBook.DEFAULT_RESOURCE) : List.copyOf(catalogs);
        snapshotThreshold = snapshotThreshold <= 0 ? 500 : snapshotThreshold;
        batchMaxCalls = batchMaxCalls <= 0 ? 1000 : batchMaxCalls;
        commandRetries = commandRetries <= 0 ? 5 : commandRetries;
    }
}
