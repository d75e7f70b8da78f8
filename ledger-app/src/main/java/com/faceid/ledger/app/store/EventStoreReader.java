package com.faceid.ledger.app.store;

import com.faceid.ledger.account.EventUpcasters;
import com.faceid.ledger.account.StoredFormat;
import com.faceid.ledger.event.AccountEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads an account's events straight from the event store table. Each comes twice: as recorded (the JSON
 * payload and metadata bytes that were written, what an auditor is shown) and as the ledger understands it
 * today ({@link StoredEvent#event()}): deserialized through the same upcaster chain and serializer as the
 * aggregate and the processors (docs/events.md), so an old payload reads exactly as they read it.
 */
@Component
public class EventStoreReader {
    /** One stored event; {@code type} is the event's simple class name, e.g. CallMetered. */
    /**
     * One stored event. Its payload and metadata are parsed, and the event deserialized, only when asked for
     * (a dispute report reads a month's rows but decodes only its calls; a fold never needs the JSON trees).
     */
    public static final class StoredEvent {
        private final long globalIndex;
        private final long sequenceNumber;
        private final String eventId;
        private final String type;
        private final Instant timestamp;
        private final byte[] payloadBytes;
        private final byte[] metaBytes;
        private final Supplier<AccountEvent> decode;
        private AccountEvent event;

        StoredEvent(long globalIndex, long sequenceNumber, String eventId, String type, Instant timestamp,
                    byte[] payloadBytes, byte[] metaBytes, Supplier<AccountEvent> decode) {
            this.globalIndex = globalIndex;
            this.sequenceNumber = sequenceNumber;
            this.eventId = eventId;
            this.type = type;
            this.timestamp = timestamp;
            this.payloadBytes = payloadBytes;
            this.metaBytes = metaBytes;
            this.decode = decode;
        }

        public long globalIndex() {
            return globalIndex;
        }

        public long sequenceNumber() {
            return sequenceNumber;
        }

        public String eventId() {
            return eventId;
        }

        /** The event's simple class name, e.g. CallMetered. */
        public String type() {
            return type;
        }

        public Instant timestamp() {
            return timestamp;
        }

        /** The payload as recorded. */
        public JsonNode payload() {
            return tree(payloadBytes);
        }

        public JsonNode metaData() {
            return metaBytes == null ? JSON.createObjectNode() : tree(metaBytes);
        }

        /** The event as the aggregate and the processors read it: upcast, then deserialized (once). */
        public AccountEvent event() {
            if (event == null) {
                event = decode.get();
            }
            return event;
        }

        private static JsonNode tree(byte[] bytes) {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String COLUMNS = "globalIndex, sequenceNumber, eventIdentifier, payloadType, timeStamp,"
            + " payload, metaData, payloadRevision, aggregateIdentifier";
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcasterChain upcasters = EventUpcasters.chain();
    /** Numbers exactly as written: money such as 8500.00 keeps its scale (no binary floating point). */
    private static final ObjectMapper JSON = StoredFormat.exactTree();

    public EventStoreReader(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /*
     * Every query of one account's events orders by (aggregateIdentifier, sequenceNumber), the columns of the
     * store's unique index, not by sequenceNumber alone: only then do H2's plans read the index in order ("index
     * sorted") instead of sorting every event of the account. On an account of 1M calls the history's first page
     * went from timing out (over 2 s) to 8 ms (console-bench, docs/performance.md).
     */

    /**
     * One page of the account's events, oldest first.
     *
     * @param after only events after this sequence number (null: from the first); a page that starts here is read
     *              from the index, however deep, where an offset reads every event it skips
     */
    public List<StoredEvent> page(String accountId, Instant from, Instant to, String type, Long after, int offset,
                                  int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?");
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (after != null) {
            sql.append(" AND sequenceNumber > ?");
            args.add(after);
        }
        if (from != null) {
            sql.append(" AND timeStamp >= ?");
            args.add(DateTimeUtils.formatInstant(from));
        }
        if (to != null) {
            sql.append(" AND timeStamp < ?");
            args.add(DateTimeUtils.formatInstant(to));
        }
        if (type != null) {
            sql.append(" AND payloadType LIKE ?");
            args.add("%." + type);
        }
        sql.append(" ORDER BY aggregateIdentifier, sequenceNumber LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), (rs, i) -> map(rs), args.toArray());
    }

    /**
     * One page of the account's events, newest first: those before sequence {@code before} (null: from the newest),
     * or, when {@code after} is given, the {@code limit} events just after it (a page towards the newer end). Either
     * way the store's (account, sequence) index is read from the page's edge, so a page deep in a million events
     * costs what the first does.
     */
    public List<StoredEvent> newestFirst(String accountId, String type, Long before, Long after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?");
        List<Object> args = new ArrayList<>(List.of(accountId));
        if (after != null) {
            sql.append(" AND sequenceNumber > ?");
            args.add(after);
        } else if (before != null) {
            sql.append(" AND sequenceNumber < ?");
            args.add(before);
        }
        if (type != null) {
            sql.append(" AND payloadType LIKE ?");
            args.add("%." + type);
        }
        sql.append(after != null ? " ORDER BY aggregateIdentifier, sequenceNumber LIMIT ?"
                : " ORDER BY aggregateIdentifier DESC, sequenceNumber DESC LIMIT ?");
        args.add(limit);
        List<StoredEvent> page = new ArrayList<>(jdbc.query(sql.toString(), (rs, i) -> map(rs), args.toArray()));
        if (after != null) {
            Collections.reverse(page);
        }
        return page;
    }

    /**
     * The sequence number of the account's first event recorded at or after {@code at} (the last sequence + 1 when
     * none is): a binary search over the (account, sequence) index, about 20 one-row reads for a million events,
     * since the event table has no index on time. It relies on an account's events being recorded in time order,
     * which holds because the ledger clock never goes back and one account's commands run one at a time.
     */
    public long firstSequenceAtOrAfter(String accountId, Instant at) {
        String mark = timestampText(at);
        long low = 0;
        long high = lastSequence(accountId) + 1; // answer in [low, high]
        while (low < high) {
            long mid = (low + high) >>> 1;
            List<String> stamp = jdbc.queryForList("SELECT timeStamp FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                    + " AND sequenceNumber = ?", String.class, accountId, mid);
            if (!stamp.isEmpty() && stamp.get(0).compareTo(mark) >= 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Every event of the account recorded up to and including {@code asOf}, oldest first. */
    public List<StoredEvent> upTo(String accountId, Instant asOf) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND timeStamp <= ? ORDER BY aggregateIdentifier, sequenceNumber", (rs, i) -> map(rs), accountId,
                DateTimeUtils.formatInstant(asOf));
    }

    /** The account's events with sequence numbers in ({@code after}, {@code upTo}], oldest first. */
    public List<StoredEvent> between(String accountId, long after, long upTo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber > ? AND sequenceNumber <= ? ORDER BY aggregateIdentifier, sequenceNumber", (rs, i) -> map(rs),
                accountId, after, upTo);
    }

    /** The account's events after sequence {@code after}, recorded up to {@code asOf} (null: all), oldest first. */
    public List<StoredEvent> after(String accountId, long after, Instant asOf) {
        if (asOf == null) {
            return between(accountId, after, Long.MAX_VALUE);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber > ? AND timeStamp <= ? ORDER BY aggregateIdentifier, sequenceNumber", (rs, i) -> map(rs),
                accountId, after, timestampText(asOf));
    }

    /** An instant as the event table's timeStamp column holds it (text that sorts in time order). */
    public static String timestampText(Instant t) {
        return DateTimeUtils.formatInstant(t);
    }

    public static Instant parseTimestamp(String text) {
        return DateTimeUtils.parseInstant(text);
    }

    /** Every event of the account, oldest first. */
    public List<StoredEvent> all(String accountId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY aggregateIdentifier, sequenceNumber", (rs, i) -> map(rs), accountId);
    }

    /** The global index of the last stored event, or null when the store holds none. */
    public Long head() {
        return jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
    }

    /** The global index of the account's last stored event, or null when it has none. */
    public Long lastGlobalIndex(String accountId) {
        // ordered by both columns of the (account, sequence) index: H2 then reads it backwards and stops at the first
        // row ("index sorted", 0-1 ms); ordered by the sequence alone it sorted the account's every event (1.1 s a
        // read at 1M events, measured: docs/performance.md)
        List<Long> last = jdbc.queryForList("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY aggregateIdentifier DESC, sequenceNumber DESC LIMIT 1", Long.class, accountId);
        return last.isEmpty() ? null : last.get(0);
    }

    /** When the last event was stored (the latest timestamp in the store), or null when it holds none. */
    public Instant latestTimestamp() {
        List<String> last = jdbc.queryForList("SELECT MAX(timeStamp) FROM DomainEventEntry", String.class);
        return last.isEmpty() || last.get(0) == null ? null : DateTimeUtils.parseInstant(last.get(0));
    }

    /** The account's last sequence number, or -1 when it has no events. */
    public long lastSequence(String accountId) {
        // both index columns in the order: H2 reads the (account, sequence) index backwards and stops at once
        List<Long> last = jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY aggregateIdentifier DESC, sequenceNumber DESC LIMIT 1", Long.class, accountId);
        return last.isEmpty() ? -1 : last.get(0);
    }

    public List<String> accounts() {
        return jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry ORDER BY 1", String.class);
    }

    public Optional<StoredEvent> at(String accountId, long sequenceNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber = ?", (rs, i) -> map(rs), accountId, sequenceNumber).stream().findFirst();
    }

    private StoredEvent map(ResultSet rs) throws SQLException {
        String payloadType = rs.getString(4);
        byte[] payload = rs.getBytes(6);
        byte[] meta = rs.getBytes(7);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Account", rs.getString(9), rs.getLong(2),
                rs.getString(3), rs.getString(5), payloadType, rs.getString(8), payload,
                meta == null ? "{}".getBytes() : meta);
        return new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), DateTimeUtils.parseInstant(rs.getString(5)),
                payload, meta, () -> deserialize(entry));
    }

    /** The stored event as the aggregate and the processors read it: upcast, then deserialized. */
    private AccountEvent deserialize(GenericDomainEventEntry<byte[]> entry) {
        return upcasters.upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .map(r -> (AccountEvent) serializer.deserialize(r.getData())).findFirst()
                .orElseThrow(() -> new IllegalStateException("event " + entry.getEventIdentifier()
                        + " was upcast to nothing"));
    }
}
