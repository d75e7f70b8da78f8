package com.faceid.ledger.app.store;

import org.junit.jupiter.api.Tag;
import com.faceid.ledger.app.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Says which store the suite ran on. Without LEDGER_TEST_DB=postgres it runs on H2 and reports the
 * PostgreSQL run as skipped (so a plain `mvn verify` without PostgreSQL still passes and says so).
 */
@Tag("service") // starts the service: left out of the fast build (-Pfast)
@SpringBootTest(properties = "ledger.test.context=storage-backend")
@ActiveProfiles("test")
class StorageBackendTest {
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSuiteRunsOnPostgresqlWhenAskedTo() throws Exception {
        assumeTrue(PostgresTestDatabase.enabled(), "PostgreSQL tests were not run: the suite ran on H2. "
                + "Set LEDGER_TEST_DB=postgres (and LEDGER_TEST_PG_URL) to run it on PostgreSQL.");
        try (var c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = 'domainevententry' AND column_name = 'payload'", String.class))
                .isEqualTo("bytea");
        assertThat(jdbc.queryForObject("SELECT is_identity FROM information_schema.columns WHERE table_schema ="
                + " current_schema() AND table_name = 'domainevententry' AND column_name = 'globalindex'", String.class))
                .isEqualTo("YES");
    }

    @Test
    void theSuiteRunsOnH2ByDefault() throws Exception {
        assumeTrue(!PostgresTestDatabase.enabled(), "running on PostgreSQL");
        try (var c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
        }
    }
}
