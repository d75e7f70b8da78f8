package com.faceid.ledger.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an account's events straight from the event store table, as recorded: the JSON payload bytes
 * are what was written, so an auditor sees exactly what the ledger decided on.
 */
@Component
public class EventStoreReader {
    /** One stored event; {@code type} is the event's simple class name, e.g. CallMetered. */
    public record StoredEvent(long globalIndex, long sequenceNumber, String eventId, String type, Instant timestamp,
                              JsonNode payload, JsonNode metaData) {
    }

    private static final String COLUMNS = "globalIndex, sequenceNumber, eventIdentifier, payloadType, timeStamp,"
            + " payload, metaData";
    private final JdbcTemplate jdbc;
    /** Numbers exactly as written: money such as 8500.00 keeps its scale (no binary floating point). */
    private final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    public EventStoreReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredEvent> page(String accountId, Instant from, Instant to, String type, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?");
        List<Object> args = new ArrayList<>(List.of(accountId));
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
        sql.append(" ORDER BY sequenceNumber LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), (rs, i) -> map(rs), args.toArray());
    }

    /** Every event of the account recorded up to and including {@code asOf}, oldest first. */
    public List<StoredEvent> upTo(String accountId, Instant asOf) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND timeStamp <= ? ORDER BY sequenceNumber", (rs, i) -> map(rs), accountId,
                DateTimeUtils.formatInstant(asOf));
    }

    /** The account's events with sequence numbers in ({@code after}, {@code upTo}], oldest first. */
    public List<StoredEvent> between(String accountId, long after, long upTo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber > ? AND sequenceNumber <= ? ORDER BY sequenceNumber", (rs, i) -> map(rs),
                accountId, after, upTo);
    }

    /** The account's events after sequence {@code after}, recorded up to {@code asOf} (null: all), oldest first. */
    public List<StoredEvent> after(String accountId, long after, Instant asOf) {
        if (asOf == null) {
            return between(accountId, after, Long.MAX_VALUE);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber > ? AND timeStamp <= ? ORDER BY sequenceNumber", (rs, i) -> map(rs),
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
                + " ORDER BY sequenceNumber", (rs, i) -> map(rs), accountId);
    }

    public List<String> accounts() {
        return jdbc.queryForList("SELECT DISTINCT aggregateIdentifier FROM DomainEventEntry ORDER BY 1", String.class);
    }

    public Optional<StoredEvent> at(String accountId, long sequenceNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND sequenceNumber = ?", (rs, i) -> map(rs), accountId, sequenceNumber).stream().findFirst();
    }

    private StoredEvent map(java.sql.ResultSet rs) throws java.sql.SQLException {
        String payloadType = rs.getString(4);
        try {
            byte[] meta = rs.getBytes(7);
            return new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3),
                    payloadType.substring(payloadType.lastIndexOf('.') + 1), DateTimeUtils.parseInstant(rs.getString(5)),
                    json.readTree(rs.getBytes(6)), meta == null ? json.createObjectNode() : json.readTree(meta));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
