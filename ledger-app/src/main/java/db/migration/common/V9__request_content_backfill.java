package db.migration.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Fills the content columns of V8 (service, occurredAt, result code) of idempotency rows written before
 * them, from their CallMetered events, in global order, 5,000 at a time, logging progress. Runs once,
 * before the service starts; afterwards every row is written with its content.
 */
public class V9__request_content_backfill extends BaseJavaMigration {
    private static final Logger log = LoggerFactory.getLogger(V9__request_content_backfill.class);
    private static final int CHUNK = 5_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        long total;
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT COUNT(*) FROM metered_request WHERE service IS NULL")) {
            rs.next();
            total = rs.getLong(1);
        }
        if (total == 0) {
            return;
        }
        log.info("V9: binding {} stored request ids to their calls' content", total);
        ObjectMapper json = new ObjectMapper();
        long after = -1;
        long done = 0;
        // the name CallMetered was stored under before the events moved to com.faceid.ledger.event (2026-12-08,
        // EventUpcasters.Renamed): every row this backfill reads was written long before that
        try (PreparedStatement read = c.prepareStatement("SELECT globalIndex, payload FROM DomainEventEntry"
                + " WHERE payloadType = 'com.faceid.ledger.metering.CallMetered' AND globalIndex > ?"
                + " ORDER BY globalIndex LIMIT " + CHUNK);
             PreparedStatement update = c.prepareStatement("UPDATE metered_request SET service = ?,"
                     + " occurred_at = ?, result_code = ? WHERE account_id = ? AND request_id = ?")) {
            while (true) {
                read.setLong(1, after);
                int rows = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        after = rs.getLong(1);
                        JsonNode e = json.readTree(rs.getBytes(2));
                        update.setString(1, e.get("service").asText());
                        update.setTimestamp(2, Timestamp.from(Instant.parse(e.get("occurredAt").asText())));
                        JsonNode result = e.get("resultCode");
                        update.setString(3, result == null || result.isNull() ? "Success" : result.asText());
                        update.setString(4, e.get("accountId").asText());
                        update.setString(5, e.get("requestId").asText());
                        update.addBatch();
                        rows++;
                    }
                }
                if (rows == 0) {
                    break;
                }
                update.executeBatch();
                done += rows;
                log.info("V9: {} of {} calls read", done, total);
            }
        }
    }
}
