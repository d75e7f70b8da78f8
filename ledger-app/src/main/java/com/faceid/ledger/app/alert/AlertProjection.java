package com.faceid.ledger.app.alert;

import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.PackageExpiryReminded;
import com.faceid.ledger.event.PackageUsageReminded;
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
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public record AlertProjection(JdbcTemplate jdbc) {
    @EventHandler
    void on(PackageExpiryReminded e) {
        insert(e.accountId(), expiringId(e.packageId(), e.daysBefore()), "EXPIRING", e.packageId(), e.daysBefore(),
                expiringDetail(e.packageId(), e.daysBefore(), e.expiresAt()), e.at());
    }

    /**
     * An expiry reminder's id and text depend only on the package and the threshold (not on when the scheduler
     * got to it), so the alert reads the same whether it is recorded yet or only due (AlertController).
     */
    static String expiringId(String packageId, int daysBefore) {
        return "EXPIRING:" + packageId + ":" + daysBefore;
    }

    static String expiringDetail(String packageId, int daysBefore, Instant expiresAt) {
        return "package " + packageId + " expires in " + daysBefore + " day(s), at " + expiresAt
                + "; what is left then is forfeited";
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
