package com.faceid.ledger.app.metrics;

import com.faceid.ledger.app.axon.ProjectionFailures;
import com.faceid.ledger.app.time.LedgerClock;
import com.faceid.ledger.app.axon.ReadModels;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/**
 * The ledger's gauges on {@code /actuator/prometheus} (docs/operations.md "Metrics"), beside
 * {@code ledger_calls_total} (CallsMeter):
 * <ul>
 *   <li>{@code ledger_read_model_lag_events}: stored events the slowest read-model segment has not handled;</li>
 *   <li>{@code ledger_projection_errors_total}: read-model handler errors since start (see ReadModelsHealth);</li>
 *   <li>{@code ledger_scheduled_steps{status}}: time-driven steps by status (PENDING, RUNNING, DONE,
 *       FAILED), plus {@code status="DUE"}: pending steps whose instant has come on the ledger clock (the
 *       step backlog);</li>
 *   <li>{@code ledger_holds_active}: holds HELD and not yet past their expiry on the ledger clock.</li>
 * </ul>
 * Each reads its table when scraped (a count over an indexed column), never on the metering path.
 */
@Component
public class LedgerGauges {
    static final List<String> STEP_STATUSES = List.of("PENDING", "RUNNING", "DONE", "FAILED");

    public LedgerGauges(MeterRegistry registry, JdbcTemplate jdbc, ReadModels readModels,
                         ProjectionFailures failures, LedgerClock clock) {
        Gauge.builder("ledger_read_model_lag_events", readModels, ReadModels::lag)
                .description("Stored events the slowest read-model segment has not handled yet")
                .baseUnit("events").register(registry);
        FunctionCounter.builder("ledger_projection_errors", failures, ProjectionFailures::total)
                .description("Read-model handler errors since this process started").register(registry);
        for (String status : STEP_STATUSES) {
            Gauge.builder("ledger_scheduled_steps", jdbc, j -> count(j,
                            "SELECT COUNT(*) FROM scheduled_step WHERE status = ?", status))
                    .tag("status", status).description("Time-driven steps by status").register(registry);
        }
        Gauge.builder("ledger_scheduled_steps", jdbc, j -> count(j,
                        "SELECT COUNT(*) FROM scheduled_step WHERE status = 'PENDING' AND due_at <= ?",
                        Timestamp.from(clock.instant())))
                .tag("status", "DUE").description("Pending steps whose instant has come (the step backlog)")
                .register(registry);
        Gauge.builder("ledger_holds_active", jdbc, j -> count(j,
                        "SELECT COUNT(*) FROM hold_registry WHERE status = 'HELD' AND expires_at > ?",
                        Timestamp.from(clock.instant())))
                .description("Holds reserving a unit now").register(registry);
    }

    private static double count(JdbcTemplate jdbc, String sql, Object arg) {
        Long n = jdbc.queryForObject(sql, Long.class, arg);
        return n == null ? 0 : n;
    }
}
