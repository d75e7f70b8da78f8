package com.faceid.ledger.app.alert;

import com.faceid.ledger.prepaid.PackageExpiryReminded;
import com.faceid.ledger.prepaid.PackageUsageReminded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** alert_view: one row per reminder event (expiring in N days, N % used, depleted). */
@Component
@ProcessingGroup(AlertProjection.GROUP)
public class AlertProjection {
    public static final String GROUP = com.faceid.ledger.app.axon.AxonConfig.READ_MODELS;
    private final JdbcTemplate jdbc;

    public AlertProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PackageExpiryReminded e, @MessageIdentifier String eventId) {
        insert(e.accountId(), eventId, "EXPIRING", e.packageId(), e.daysBefore(), "package " + e.packageId()
                + " expires in " + e.daysBefore() + " day(s), at " + e.expiresAt() + ", with " + e.remaining()
                + " call(s) left; what is left then is forfeited", e.at());
    }

    @EventHandler
    void on(PackageUsageReminded e, @MessageIdentifier String eventId) {
        insert(e.accountId(), eventId, e.depleted() ? "DEPLETED" : "USAGE", e.packageId(), e.percent(),
                e.depleted() ? "package " + e.packageId() + " is used up (" + e.size() + " calls)"
                        : "package " + e.packageId() + " is " + e.percent() + " % used (" + e.used() + " of "
                        + e.size() + ")", e.at());
    }

    private void insert(String accountId, String alertId, String kind, String packageId, int threshold,
                        String detail, Instant at) {
        jdbc.update("INSERT INTO alert_view (account_id, alert_id, kind, package_id, threshold, detail, raised_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", accountId, alertId, kind, packageId, threshold, detail,
                Timestamp.from(at));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM alert_view");
    }
}
