package com.faceid.ledger.app.usage;

import com.faceid.ledger.app.axon.PerBatch;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.AccountOpened;
import com.faceid.ledger.event.CallMetered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls per account, service, day (in the account's billing zone) and payer: what the console's charts draw.
 * Like the monthly usage counters, a batch's calls are summed first, so a batch of 1,000 calls of one account
 * on one day costs one row update, not 1,000.
 */
@Component
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public class DailyUsageProjection {
    private static final String BUFFER = DailyUsageProjection.class.getName();
    private static final String UPDATE = "UPDATE daily_usage_view SET calls = calls + ?"
            + " WHERE account_id = ? AND service = ? AND usage_day = ? AND charged_to = ? AND package_id = ?";
    private static final String INSERT = "INSERT INTO daily_usage_view (calls, account_id, service, usage_day,"
            + " charged_to, package_id) VALUES (?, ?, ?, ?, ?, ?)";
    private final JdbcTemplate jdbc;
    /** An account's zone never changes after it is opened, so it is read once per account. */
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public DailyUsageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private ZoneId zoneOf(String accountId) {
        return zones.computeIfAbsent(accountId, id -> ZoneId.of(jdbc.queryForObject(
                "SELECT zone FROM account_view WHERE account_id = ?", String.class, id)));
    }

    @EventHandler
    void on(AccountOpened e) {
        zones.put(e.accountId(), ZoneId.of(e.zone()));
    }

    @EventHandler
    void on(CallMetered e) {
        String day = e.occurredAt().atZone(zoneOf(e.accountId())).toLocalDate().toString();
        PerBatch.apply(BUFFER, () -> new PerBatch.Counters(jdbc, UPDATE, INSERT, 1), days -> days.of(List.of(
                e.accountId(), e.service().name(), day, e.chargedTo().name(),
                e.packageId() == null ? "" : e.packageId()))[0]++);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM daily_usage_view");
    }
}
