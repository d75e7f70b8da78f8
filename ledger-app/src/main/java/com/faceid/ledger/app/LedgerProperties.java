package com.faceid.ledger.app;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.pricing.CatalogBook;
import com.faceid.ledger.pricing.TierConvention;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The {@code ledger.*} settings, each with its default, defined here once, grouped by what they govern
 * (alphabetically within a group): application.yml does not repeat
 * them, the configuration processor writes them into the build's metadata, and {@code SettingsDocumentedTest}
 * checks that docs/operations.md lists every one with this default. A value out of range stops the start with
 * a message naming the setting.
 *
 * <p>Two settings are read elsewhere because their shape cannot be a field here: {@code ledger.clock.start}
 * (a key below the scalar {@code ledger.clock}: {@code time.ClockConfig}) and {@code ledger.security.api-keys}
 * (a list of secrets, parsed and hashed by {@code security.ApiKeys}).
 *
 * @param clock                {@code system} or {@code simulated}
 * @param holdTtl              a hold neither captured nor voided expires this long after it was placed
 * @param maxFutureSkew        how far ahead of the ledger clock a reported time may be
 * @param schedulerEnabled     run due time-driven steps in the background (every {@code schedulerPoll})
 * @param schedulerPoll        how often the background scheduler looks for due steps
 * @param billableResultCodes  API result codes that are charged (docs/rules.md §5)
 * @param catalogs             catalog resources (classpath) — every version ever published, never edited
 * @param closeGrace           a month closes by itself this long after it ends
 * @param reminderExpiryDays   days before a package's expiry that raise a reminder
 * @param reminderUsagePercents package use thresholds that raise a reminder (depletion always does)
 * @param tierConvention       which side of a tier bound belongs to which tier (docs/rules.md §6)
 * @param zone                 billing time zone: days, months and "one year later" are counted there
 * @param aggregateCacheSize   accounts kept loaded in memory (most recently used)
 * @param h2CompactEvery       how often a ledger on an H2 file rewrites its sparse chunks while it runs (0: never)
 * @param h2CompactOnStop      a clean stop of a ledger on an H2 file compacts the file ({@code SHUTDOWN COMPACT})
 * @param nodeId               this node's name in token claims; empty: {@code pid@host}
 * @param snapshotThreshold    events between aggregate snapshots
 * @param batchMaxCalls        most calls accepted in one {@code calls:batch} request
 * @param commandRetries       attempts for a command that lost a concurrency race (same account, other node)
 * @param crossAccountBatch    a {@code calls:batch} commits all its accounts in one transaction (else one per account)
 * @param groupCommitGather   how long a group's leader that finds others of the account already waiting waits for
 *                             more to join its group (a lone request never waits)
 * @param groupCommitMaxCalls  most concurrent single calls (or holds, captures and voids) of one account settled in
 *                             one unit of work
 * @param maxBodyBytes         largest request body accepted
 * @param asOfCheckpointEvents as-of answers start from a checkpoint of the account's fold kept every this many
 *                             of its events
 * @param expensiveReadsPerNode most what-ifs, advice, verifies and dispute reports running at once on a node (0: one a
 *                             core); each key and each account runs one at a time (limits.FairShare)
 * @param currentFoldsMaxAccounts accounts whose fold at their last event is kept for the quota, package and running
 *                             statement reads (most recently read)
 * @param capacityWindow       how far back Axon's capacity gauges look (they keep an entry for every message in it)
 * @param storeWait            longest wait for a connection to the store; past it the request is 503 STORE_UNAVAILABLE
 * @param storeLockTimeout     longest wait for a lock in the store (a session setting); past it, 503 STORE_UNAVAILABLE
 * @param processorMaxClaimedSegments most read-model segments one node claims (0: all); with several nodes,
 *                             set it so the segments spread (docs/operations.md)
 * @param readinessMaxLagEvents readiness ({@code /actuator/health/readiness}) is DOWN while the read models are
 *                             more than this many events behind the store
 * @param replayChunkEvents    a replay hands the stored events to the read models this many at a time
 * @param demo                 the demo traffic generator (profile {@code demo})
 * @param webhooks             webhook delivery (docs/webhooks.md)
 * @param console              the web console (docs/console.md)
 * @param kafka                usage records from Kafka (docs/kafka.md)
 */
@ConfigurationProperties("ledger")
@Validated
public record LedgerProperties(
        // the ledger clock and the steps it drives
        @DefaultValue("system") @NotNull ClockMode clock,
        @DefaultValue("PT5M") @NotNull Duration holdTtl,
        @DefaultValue("PT5M") @NotNull Duration maxFutureSkew,
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("PT1S") @NotNull Duration schedulerPoll,
        // billing rules
        @DefaultValue({"Success", "IdNameMisMatch", "CompareLowSimilarity"}) @NotEmpty List<String> billableResultCodes,
        @DefaultValue(CatalogBook.DEFAULT_RESOURCE) @NotEmpty List<String> catalogs,
        @DefaultValue("P2D") @NotNull Duration closeGrace,
        @DefaultValue({"30", "7", "1"}) @NotNull List<Integer> reminderExpiryDays,
        @DefaultValue({"50", "70", "90"}) @NotNull List<Integer> reminderUsagePercents,
        @DefaultValue("UPPER_INCLUSIVE") @NotNull TierConvention tierConvention,
        @DefaultValue(BillingCalendar.DEFAULT_ZONE_NAME) @NotNull ZoneId zone,
        // the event store and the aggregates
        @DefaultValue("10000") @Positive int aggregateCacheSize,
        @DefaultValue("PT1S") @NotNull Duration h2CompactEvery,
        @DefaultValue("true") boolean h2CompactOnStop,
        @DefaultValue("") String nodeId,
        @DefaultValue("500") @Positive int snapshotThreshold,
        @DefaultValue("PT5S") @NotNull Duration storeWait,
        @DefaultValue("PT10S") @NotNull Duration storeLockTimeout,
        // the write path
        @DefaultValue("1000") @Positive int batchMaxCalls,
        @DefaultValue("10") @Positive int commandRetries,
        @DefaultValue("true") boolean crossAccountBatch,
        @DefaultValue("PT0.0003S") @NotNull Duration groupCommitGather,
        @DefaultValue("1000") @Positive int groupCommitMaxCalls,
        @DefaultValue("1048576") @Positive long maxBodyBytes,
        // the read models
        @DefaultValue("2000") @Positive int asOfCheckpointEvents,
        @DefaultValue("PT1M") @NotNull Duration capacityWindow,
        @DefaultValue("1000") @Positive int currentFoldsMaxAccounts,
        @DefaultValue("0") @PositiveOrZero int expensiveReadsPerNode,
        @DefaultValue("0") @PositiveOrZero int processorMaxClaimedSegments,
        @DefaultValue("10000") @Positive long readinessMaxLagEvents,
        @DefaultValue("20000") @Positive int replayChunkEvents,
        // the parts with settings of their own
        @DefaultValue @Valid Demo demo,
        @DefaultValue @Valid Webhooks webhooks,
        @DefaultValue @Valid Console console,
        @DefaultValue @Valid Kafka kafka) {

    /**
     * @param enabled run the demo traffic generator
     * @param days    days of traffic it generates
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("370") @Positive int days) {
    }

    /**
     * @param allowPrivate     allow webhook URLs whose host resolves to a loopback, private, link-local or metadata
     *                         address (tests, private deployments)
     * @param lease            how long a claim on a delivery lasts (real time); a node that died mid-attempt
     *                         leaves its delivery to be sent again after this (at least twice the timeout)
     * @param maxResponseBytes most bytes of an answer's body read (the rest is dropped)
     * @param perEndpoint      most attempts in flight to one subscription on this node
     * @param poll             how often the sender looks for due deliveries
     * @param senderEnabled    send due deliveries in the background (off: notifications wait in the outbox)
     * @param senders          most attempts in flight on this node
     * @param timeout          how long one attempt may take, connection to answer
     */
    public record Webhooks(@DefaultValue("false") boolean allowPrivate,
                           @DefaultValue("PT1M") @NotNull Duration lease,
                           @DefaultValue("1024") @Positive int maxResponseBytes,
                           @DefaultValue("2") @Positive int perEndpoint,
                           @DefaultValue("PT1S") @NotNull Duration poll,
                           @DefaultValue("true") boolean senderEnabled,
                           @DefaultValue("8") @Positive int senders,
                           @DefaultValue("PT10S") @NotNull Duration timeout) {
    }

    /**
     * @param idleTimeout a console session unused this long ends (sign in again)
     * @param chartDays   days of calls the account page charts
     * @param maxSessions most console sessions alive on a node at once; one more sign-in is refused (503)
     */
    /**
     * @param bootstrapServers Kafka brokers ({@code host:port,…}); empty: no consumer, no producer, no broker needed
     * @param usageTopic       the topic usage records are read from (key: account id)
     * @param outcomesTopic    one outcome per usage record is written here (key: account id)
     * @param dlqTopic         records that can never be metered go here, as read, with the reason in headers
     * @param groupId          the consumer group the ledger nodes share
     * @param consumers        consumer threads on this node (each owns some of the topic's partitions)
     * @param maxPollRecords   most records one poll hands over: they are metered in one transaction
     * @param partitions       partitions of each topic the ledger creates when it is missing (existing ones are
     *                         left as they are)
     * @param replicas         replicas of each topic the ledger creates
     * @param retryFirst       first wait before a poll whose metering failed for a passing reason is tried again
     * @param retryMax         longest wait between such tries (the waits double up to it; tries never stop)
     * @param client           more Kafka client properties for the consumer, the producer and the admin client alike
     *                         ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
     *                         {@code ssl.truststore.location}, …); the ledger's own choices above win
     */
    public record Kafka(@DefaultValue("") String bootstrapServers,
                        @DefaultValue("ledger.usage") @NotEmpty String usageTopic,
                        @DefaultValue("ledger.outcomes") @NotEmpty String outcomesTopic,
                        @DefaultValue("ledger.usage.dlq") @NotEmpty String dlqTopic,
                        @DefaultValue("faceid-ledger") @NotEmpty String groupId,
                        @DefaultValue("2") @Positive int consumers,
                        @DefaultValue("1000") @Positive int maxPollRecords,
                        @DefaultValue("12") @Positive int partitions,
                        @DefaultValue("1") @Positive short replicas,
                        @DefaultValue("PT0.5S") @NotNull Duration retryFirst,
                        @DefaultValue("PT30S") @NotNull Duration retryMax,
                        @DefaultValue Map<String, String> client) {
        public boolean enabled() {
            return bootstrapServers != null && !bootstrapServers.isBlank();
        }
    }

    public record Console(@DefaultValue("PT30M") @NotNull Duration idleTimeout,
                          @DefaultValue("90") @Positive int chartDays,
                          @DefaultValue("10000") @Positive int maxSessions) {
    }

    /** Where the ledger clock's time comes from ({@code ledger.clock}: {@code system} or {@code simulated}). */
    public enum ClockMode {
        /** The machine's clock: production. */
        SYSTEM,
        /** A clock that stands still until moved forward (POST /api/v1/admin/clock): demos, tests, what-ifs in time. */
        SIMULATED
    }
}
