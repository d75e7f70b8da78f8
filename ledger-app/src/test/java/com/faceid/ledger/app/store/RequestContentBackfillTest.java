package com.faceid.ledger.app.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before request ids were bound to their content (V8) gets the content of its idempotency
 * rows from the CallMetered events (V9), so a repeat with other content is refused for old calls too.
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
class RequestContentBackfillTest {
    @Test
    void rowsWrittenBeforeV8GetTheirCallsContent() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:backfill-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        String[] locations = {"classpath:db/migration/h2", "classpath:db/migration/common"};
        Flyway.configure().dataSource(ds).locations(locations).target("7").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        String payload = "{\"accountId\":\"old\",\"requestId\":\"r-1\",\"service\":\"PHOTO_VERIFICATION\","
                + "\"occurredAt\":\"2026-03-12T02:00:00Z\",\"recordedAt\":\"2026-03-12T02:00:01Z\",\"resultCode\":null,"
                + "\"billable\":true,\"chargedTo\":\"POSTPAID\",\"packageId\":null,\"packageRemainingAfter\":null,"
                + "\"month\":\"2026-03\",\"monthPostpaidCount\":1}";
        jdbc.update("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload,"
                + " payloadType, timeStamp) VALUES ('old', 0, 'Account', 'e-1', ?, 'com.faceid.ledger.metering.CallMetered',"
                + " '2026-03-12T02:00:01Z')", (Object) payload.getBytes());
        jdbc.update("INSERT INTO metered_request (account_id, request_id, billable, charged_to, package_id,"
                + " sequence_number) VALUES ('old', 'r-1', TRUE, 'POSTPAID', NULL, 0)");

        Flyway.configure().dataSource(ds).locations(locations).load().migrate();

        Map<String, Object> row = jdbc.queryForMap("SELECT service, occurred_at, result_code FROM metered_request"
                + " WHERE account_id = 'old' AND request_id = 'r-1'");
        assertThat(row.get("SERVICE")).isEqualTo("PHOTO_VERIFICATION");
        assertThat(((java.time.OffsetDateTime) row.get("OCCURRED_AT")).toInstant())
                .isEqualTo(Instant.parse("2026-03-12T02:00:00Z"));
        assertThat(row.get("RESULT_CODE")).isEqualTo("Success"); // a missing result code counts as Success
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metered_request WHERE service IS NULL", Long.class))
                .isZero();
    }
}
