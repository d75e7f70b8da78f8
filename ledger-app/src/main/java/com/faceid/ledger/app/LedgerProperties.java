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
 * @param closeGrace           a month closes by itself this long after it ends
 * @param schedulerEnabled     run due time-driven steps in the background (every {@code schedulerPoll})
 * @param schedulerPoll        how often the background scheduler looks for due steps
 * @param maxFutureSkew        how far ahead of the ledger clock a reported time may be
 * @param reminderUsagePercents package use thresholds that raise a reminder (depletion always does)
 * @param reminderExpiryDays   days before a package's expiry that raise a reminder
 * @param maxBodyBytes         largest request body accepted
 * @param processorMaxClaimedSegments most read-model segments one node claims (0: all); with several nodes,
 *                             set it so the segments spread (docs/operations.md)
 * @param groupCommitMaxCalls  most concurrent single calls of one account settled in one unit of work
 * @param aggregateCacheSize   accounts kept loaded in memory (most recently used)
 * @param crossAccountBatch    a {@code calls:batch} commits all its accounts in one transaction (else one per account)
 * @param holdTtl              a hold neither captured nor voided expires this long after it was placed
 * @param readinessMaxLagEvents readiness ({@code /actuator/health/readiness}) is DOWN while the read models are
 *                             more than this many events behind the store
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(String zone, String clock, TierConvention tierConvention,
                               List<String> billableResultCodes, List<String> catalogs, int snapshotThreshold,
                               int batchMaxCalls, int commandRetries, java.time.Duration closeGrace,
                               Boolean schedulerEnabled, java.time.Duration schedulerPoll,
                               java.time.Duration maxFutureSkew, List<Integer> reminderUsagePercents,
                               List<Integer> reminderExpiryDays, long maxBodyBytes,
                               int processorMaxClaimedSegments, int groupCommitMaxCalls,
                               Boolean crossAccountBatch, int aggregateCacheSize, java.time.Duration holdTtl,
                               long readinessMaxLagEvents) {
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
        commandRetries = commandRetries <= 0 ? 10 : commandRetries;
        closeGrace = closeGrace == null ? java.time.Duration.ofDays(2) : closeGrace;
        schedulerEnabled = schedulerEnabled == null || schedulerEnabled;
        schedulerPoll = schedulerPoll == null ? java.time.Duration.ofSeconds(1) : schedulerPoll;
        maxFutureSkew = maxFutureSkew == null ? java.time.Duration.ofMinutes(5) : maxFutureSkew;
        reminderUsagePercents = reminderUsagePercents == null ? List.of(50, 70, 90) : List.copyOf(reminderUsagePercents);
        reminderExpiryDays = reminderExpiryDays == null ? List.of(30, 7, 1) : List.copyOf(reminderExpiryDays);
        maxBodyBytes = maxBodyBytes <= 0 ? 1_048_576 : maxBodyBytes;
        groupCommitMaxCalls = groupCommitMaxCalls <= 0 ? 1000 : groupCommitMaxCalls;
        crossAccountBatch = crossAccountBatch == null || crossAccountBatch;
        aggregateCacheSize = aggregateCacheSize <= 0 ? 10_000 : aggregateCacheSize;
        holdTtl = holdTtl == null ? com.faceid.ledger.pricing.BillingPolicy.STANDARD_HOLD_TTL : holdTtl;
        readinessMaxLagEvents = readinessMaxLagEvents <= 0 ? 10_000 : readinessMaxLagEvents;
    }
}
