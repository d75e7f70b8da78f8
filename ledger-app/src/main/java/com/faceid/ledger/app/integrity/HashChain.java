package com.faceid.ledger.app.integrity;

import com.faceid.ledger.account.EventMetadata;
import com.faceid.ledger.app.statement.ChainLinks;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.event.AccountEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Each account's events form a hash chain: the link of event n is SHA-256 over the link of event n-1, the
 * sequence number, the payload type and revision, the recorded time, the actor and the payload bytes as
 * stored (canonical form: docs/audit.md). The link is written into the event's own metadata
 * ({@value #META}) as it is published, so it is appended in the same row and transaction as the event, with
 * no extra row or index per call. Events stored before the chain existed get their links in
 * {@code event_chain_backfill}, computed once from the stored rows.
 * <p>
 * Verification never trusts a stored link: it recomputes the chain from the stored rows and names the
 * first sequence where a row is missing, added, changed or out of order.
 */
@Component
@Order(1) // before every other event dispatch interceptor (axon.EventStoreConfig)
public class HashChain implements MessageDispatchInterceptor<EventMessage<?>>,
        ChainLinks {
    static final String META = EventMetadata.CHAIN_HASH;
    public static final String GENESIS = "0".repeat(64);
    private static final Logger log = LoggerFactory.getLogger(HashChain.class);
    private static final String IN_THIS_UNIT = "hash-chain.links";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An account's link at a sequence number. */
    public record Link(long sequence, String hash, Instant at) {
    }

    /** The first link that does not hold: its sequence and why. */
    public record Break(String accountId, long sequence, String reason) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStoreReader events;
    private final boolean postgres;
    /** The last committed link of recently written accounts (a look-up saved per command). */
    private final Map<String, Link> committed = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
                    return size() > 10_000;
                }
            });

    /** Off only in the benchmark's same-run comparison of metering with and without the chain. */
    private volatile boolean linking = true;
    /** Cached {@link #backfillDone()} once it is true (it never goes back). */
    private volatile boolean backfillDone;

    public HashChain(JdbcTemplate jdbc, Serializer serializer, EventStoreReader events) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.events = events;
        this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                c -> c.getMetaData().getDatabaseProductName()));
    }

    // ------------------------------------------------------------------ the canonical form

    /** The link of an event: see docs/audit.md, "The hash chain", for the same in a few lines of shell. */
    public static String link(String previous, long sequence, String payloadType, String revision, String timestamp,
                              String actor, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((previous + "\n" + sequence + "\n" + payloadType + "\n" + (revision == null ? "" : revision)
                    + "\n" + timestamp + "\n" + (actor == null ? "" : actor) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ writing: as events are published

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<EventMessage<?>> linked = new ArrayList<>(messages.size());
        for (EventMessage<?> m : messages) {
            linked.add(linking && m instanceof DomainEventMessage<?> d
                    && d.getPayload() instanceof AccountEvent ? chained(d) : m);
        }
        return (i, m) -> linked.get(i);
    }

    private EventMessage<?> chained(DomainEventMessage<?> event) {
        String account = event.getAggregateIdentifier();
        Map<String, Link> unit = linksOfThisUnit();
        Link previous = unit.get(account);
        if (previous == null || previous.sequence() != event.getSequenceNumber() - 1) {
            previous = event.getSequenceNumber() == 0 ? null : linkBefore(account, event.getSequenceNumber());
        }
        var payload = serializer.serialize(event.getPayload(), byte[].class);
        SerializedType type = payload.getType();
        Object actor = event.getMetaData().get(EventMetadata.ACTOR);
        String hash = link(previous == null ? GENESIS : previous.hash(), event.getSequenceNumber(), type.getName(),
                type.getRevision(), DateTimeUtils.formatInstant(event.getTimestamp()),
                actor == null ? null : actor.toString(), payload.getData());
        unit.put(account, new Link(event.getSequenceNumber(), hash, event.getTimestamp()));
        return event.andMetaData(Map.of(META, hash));
    }

    /** Links made in the current unit of work; they count as the chain's head once it commits. */
    private Map<String, Link> linksOfThisUnit() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(IN_THIS_UNIT, k -> {
            Map<String, Link> links = new HashMap<>();
            root.afterCommit(u -> committed.putAll(links));
            return links;
        });
    }

    /**
     * The committed link of event {@code sequence - 1} of the account. Where that event has none (its link was
     * stripped, or it was stored while linking was off), the link its stored history recomputes to: the account
     * stays writable, and verify still reports the chain broken at the first event without its link.
     */
    private Link linkBefore(String account, long sequence) {
        Link cached = committed.get(account);
        if (cached != null && cached.sequence() == sequence - 1) {
            return cached;
        }
        return stored(account, sequence - 1)
                .or(() -> recomputed(account, sequence - 1).map(h -> new Link(sequence - 1, h, null)))
                .orElseThrow(() -> new IllegalStateException("no event " + (sequence - 1) + " of " + account));
    }

    /** The stored link of one event: in its metadata, else in the backfill (computing the backfill if needed). */
    @Override
    public Optional<String> hashAt(String accountId, long sequence) {
        return stored(accountId, sequence).map(Link::hash);
    }

    public Optional<Link> stored(String account, long sequence) {
        List<Object[]> rows = jdbc.query("SELECT metaData, timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND sequenceNumber = ?", (rs, i) -> new Object[]{rs.getBytes(1), rs.getString(2)},
                account, sequence);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String inMeta = metaText((byte[]) rows.get(0)[0], META);
        Instant at = DateTimeUtils.parseInstant((String) rows.get(0)[1]);
        if (inMeta != null) {
            return Optional.of(new Link(sequence, inMeta, at));
        }
        String backfilled = backfilled(account, sequence);
        if (backfilled == null && !backfillDone()) { // a command came before the one-time backfill reached it
            backfill(account);
            backfilled = backfilled(account, sequence);
        }
        return Optional.ofNullable(backfilled).map(h -> new Link(sequence, h, at));
    }

    private String backfilled(String account, long sequence) {
        List<String> h = jdbc.queryForList("SELECT hash FROM event_chain_backfill WHERE account_id = ? AND"
                + " sequence_number = ?", String.class, account, sequence);
        return h.isEmpty() ? null : h.get(0);
    }

    // ------------------------------------------------------------------ reading the stored rows

    /** One stored row, as the chain covers it. */
    record Row(long sequence, String type, String revision, String timestamp, byte[] payload, String actor,
               String link) {
    }

    private void rows(String account, long upTo, Consumer<Row> each) {
        jdbc.query("SELECT sequenceNumber, payloadType, payloadRevision, timeStamp, payload, metaData"
                        + " FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber <= ?"
                        + " ORDER BY aggregateIdentifier, sequenceNumber",
                (RowCallbackHandler) rs -> {
                    byte[] meta = rs.getBytes(6);
                    each.accept(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5), metaText(meta, EventMetadata.ACTOR), metaText(meta, META)));
                }, account, upTo);
    }

    private static String metaText(byte[] meta, String key) {
        if (meta == null) {
            return null;
        }
        try {
            JsonNode v = JSON.readTree(meta).get(key);
            return v == null || v.isNull() ? null : v.asText();
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ backfill of history stored before

    /**
     * Chains the account's events stored before the chain existed: those before its first event that carries a
     * link (every event, for an account none of whose events does). Their links are computed from the stored rows
     * and kept in {@code event_chain_backfill}; a row already there is never replaced (on either store). An event
     * without a link after the account's first linked one is never linked here: its link was stripped, and verify
     * reports the chain broken there.
     */
    public int backfill(String account) {
        List<Object[]> missing = new ArrayList<>();
        String[] previous = {GENESIS};
        boolean[] linkedSeen = {false};
        rows(account, Long.MAX_VALUE, r -> {
            linkedSeen[0] |= r.link() != null;
            if (linkedSeen[0]) {
                return;
            }
            String expected = link(previous[0], r.sequence(), r.type(), r.revision(), r.timestamp(), r.actor(),
                    r.payload());
            missing.add(new Object[]{account, r.sequence(), expected});
            previous[0] = expected;
        });
        if (missing.isEmpty()) {
            return 0;
        }
        String insert = postgres
                ? "INSERT INTO event_chain_backfill (account_id, sequence_number, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
                : "MERGE INTO event_chain_backfill t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT),"
                + " CAST(? AS VARCHAR(64)))) s (a, q, h) ON t.account_id = s.a AND t.sequence_number = s.q"
                + " WHEN NOT MATCHED THEN INSERT (account_id, sequence_number, hash) VALUES (s.a, s.q, s.h)";
        int[] added = jdbc.batchUpdate(insert, missing);
        return (int) Arrays.stream(added).filter(n -> n != 0).count();
    }

    /** Has the one-time backfill run (recorded in {@code chain_backfill_run})? Once true, true for good. */
    public boolean backfillDone() {
        if (!backfillDone) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM chain_backfill_run", Integer.class);
            backfillDone = n != null && n > 0;
        }
        return backfillDone;
    }

    /** Backfills every account whose history is not chained yet; answers how many links were added. */
    public long backfillAll(BiConsumer<Integer, Integer> progress) {
        if (backfillDone()) {
            return 0; // it ran once; an unlinked row found now is a broken chain, not history to link
        }
        List<String> accounts = jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry"
                + " ORDER BY 1", String.class);
        long added = 0;
        for (int i = 0; i < accounts.size(); i++) {
            added += backfill(accounts.get(i));
            progress.accept(i + 1, accounts.size());
        }
        if (added > 0) {
            log.info("hash chain: {} events stored before the chain existed were linked (backfill)", added);
        }
        try {
            jdbc.update("INSERT INTO chain_backfill_run (id, finished_at, links_added) VALUES (1, ?, ?)",
                    Timestamp.from(Instant.now()), added);
        } catch (DuplicateKeyException e) {
            // another node recorded it first: the same run
        }
        backfillDone = true;
        return added;
    }

    /**
     * For the benchmark only (docs/performance.md, "hash chain on vs off"): events metered while off carry no
     * link, and verify reports their accounts' chains broken. Never switched off by the service itself.
     */
    public void linkingForBenchmark(boolean on) {
        linking = on;
    }

    // ------------------------------------------------------------------ verification

    /** The account's head: its last event's link. */
    public Optional<Link> head(String account) {
        long last = events.lastSequence(account);
        return last < 0 ? Optional.empty() : stored(account, last);
    }

    /**
     * Recomputes the account's chain from its stored rows, up to {@code upTo}, and compares every stored link:
     * the first missing sequence (a deleted row), changed row (payload, type, time, actor) or row whose link
     * does not follow (inserted, reordered) is a break.
     */
    public Optional<Break> verify(String account, long upTo) {
        Break[] found = {null};
        String[] previous = {GENESIS};
        long[] next = {0};
        Map<Long, String> backfill = new HashMap<>();
        jdbc.query("SELECT sequence_number, hash FROM event_chain_backfill WHERE account_id = ?",
                (RowCallbackHandler) rs -> backfill.put(rs.getLong(1), rs.getString(2)), account);
        boolean[] linkedSeen = {false};
        rows(account, upTo, r -> {
            if (found[0] != null) {
                return;
            }
            if (r.sequence() != next[0]) {
                found[0] = new Break(account, next[0], "event " + next[0] + " is missing");
                return;
            }
            String expected = link(previous[0], r.sequence(), r.type(), r.revision(), r.timestamp(), r.actor(),
                    r.payload());
            // a backfilled link stands only for history before the account's first linked event
            String stored = r.link() != null || linkedSeen[0] ? r.link() : backfill.get(r.sequence());
            linkedSeen[0] |= r.link() != null;
            if (stored == null) {
                found[0] = new Break(account, r.sequence(), "event " + r.sequence() + " has no link"
                        + (linkedSeen[0] ? " after the account's first linked event (stripped)" : ""));
            } else if (!stored.equals(expected)) {
                found[0] = new Break(account, r.sequence(), "event " + r.sequence()
                        + " does not hash to its link: changed, inserted or out of order");
            }
            previous[0] = expected;
            next[0]++;
        });
        return Optional.ofNullable(found[0]);
    }

    /** The link the account's stored history recomputes to at {@code sequence}, if that event exists. */
    public Optional<String> recomputed(String account, long sequence) {
        return Optional.ofNullable(recomputed(account, new TreeSet<>(List.of(sequence))).get(sequence));
    }

    /**
     * The links the account's stored history recomputes to at each of {@code sequences}, in one pass up to the
     * last of them; a sequence whose event, or an event before it, is missing has none.
     */
    public Map<Long, String> recomputed(String account, NavigableSet<Long> sequences) {
        Map<Long, String> out = new HashMap<>();
        if (sequences.isEmpty()) {
            return out;
        }
        String[] previous = {GENESIS};
        long[] next = {0};
        rows(account, sequences.last(), r -> {
            if (r.sequence() != next[0]) {
                next[0] = -1; // a gap: nothing from here on recomputes
            }
            if (next[0] < 0) {
                return;
            }
            previous[0] = link(previous[0], r.sequence(), r.type(), r.revision(), r.timestamp(), r.actor(),
                    r.payload());
            if (sequences.contains(r.sequence())) {
                out.put(r.sequence(), previous[0]);
            }
            next[0]++;
        });
        return out;
    }
}
