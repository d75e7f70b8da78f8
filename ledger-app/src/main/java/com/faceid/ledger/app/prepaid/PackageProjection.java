package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.prepaid.FreeGrantIssued;
import com.faceid.ledger.prepaid.PackageExpired;
import com.faceid.ledger.prepaid.PackagePurchased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;

/** package_view: every package, free or bought, with used / remaining / forfeited. */
@Component
@ProcessingGroup(PackageProjection.GROUP)
public class PackageProjection {
    public static final String GROUP = "packages";
    private static final String INSERT = "INSERT INTO package_view (account_id, package_id, kind, purchase_id, service,"
            + " size, used, remaining, forfeited, price, effective_from, expires_at, expired, billing_month,"
            + " catalog_version) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, FALSE, ?, ?)";
    private final JdbcTemplate jdbc;

    public PackageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FreeGrantIssued e) {
        jdbc.update(INSERT, e.accountId(), e.packageId(), "FREE", null, e.service().name(), e.size(), e.size(),
                BigDecimal.ZERO, Timestamp.from(e.effectiveFrom()), Timestamp.from(e.expiresAt()), null,
                e.catalogVersion());
    }

    @EventHandler
    void on(PackagePurchased e) {
        jdbc.update(INSERT, e.accountId(), e.packageId(), "PURCHASED", e.purchaseId(), e.service().name(), e.size(),
                e.size(), e.price(), Timestamp.from(e.purchasedAt()), Timestamp.from(e.expiresAt()),
                e.month().toString(), e.catalogVersion());
    }

    @EventHandler
    void on(CallMetered e) {
        if (e.packageId() != null) {
            jdbc.update("UPDATE package_view SET remaining = ?, used = size - ? WHERE account_id = ? AND package_id = ?",
                    e.packageRemainingAfter(), e.packageRemainingAfter(), e.accountId(), e.packageId());
        }
    }

    @EventHandler
    void on(PackageExpired e) {
        jdbc.update("UPDATE package_view SET expired = TRUE, forfeited = ?, remaining = 0"
                + " WHERE account_id = ? AND package_id = ?", e.forfeited(), e.accountId(), e.packageId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM package_view");
    }
}
