package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.axon.PerBatch;
import com.faceid.ledger.app.axon.ProcessingGroups;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.FreeGrantIssued;
import com.faceid.ledger.event.PackageExpired;
import com.faceid.ledger.event.PackagePurchased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * package_view: every package, free or bought, with used / remaining / forfeited. A batch's calls write
 * each package's remaining count once (the last), see {@link PerBatch}.
 */
@Component
@ProcessingGroup(ProcessingGroups.READ_MODELS)
public record PackageProjection(JdbcTemplate jdbc) {
    private static final String INSERT = "INSERT INTO package_view (account_id, package_id, kind, purchase_id, service,"
            + " size, used, remaining, forfeited, price, effective_from, expires_at, expired, billing_month,"
            + " catalog_version) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, FALSE, ?, ?)";
    @EventHandler
    void on(FreeGrantIssued e) {
        PerBatch.flush(BUFFER);
        jdbc.update(INSERT, e.accountId(), e.packageId(), "FREE", null, e.service().name(), e.size(), e.size(),
                BigDecimal.ZERO, Timestamp.from(e.effectiveFrom()), Timestamp.from(e.expiresAt()), null,
                e.catalogVersion());
    }

    @EventHandler
    void on(PackagePurchased e) {
        PerBatch.flush(BUFFER);
        jdbc.update(INSERT, e.accountId(), e.packageId(), "PURCHASED", e.purchaseId(), e.service().name(), e.size(),
                e.size(), e.price(), Timestamp.from(e.purchasedAt()), Timestamp.from(e.expiresAt()),
                e.month().toString(), e.catalogVersion());
    }

    /** The remaining count of each package the batch's calls drew on: only the last one is written. */
    private final class Remaining implements PerBatch.Buffer {
        private final Map<List<String>, Integer> latest = new LinkedHashMap<>();

        @Override
        public void flush() {
            if (latest.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(latest.size());
            latest.forEach((key, remaining) -> rows.add(new Object[]{remaining, remaining, key.get(0), key.get(1)}));
            latest.clear();
            jdbc.batchUpdate(UPDATE_REMAINING, rows);
        }
    }

    private static final String UPDATE_REMAINING =
            "UPDATE package_view SET remaining = ?, used = size - ? WHERE account_id = ? AND package_id = ?";
    private static final String BUFFER = PackageProjection.class.getName();

    @EventHandler
    void on(CallMetered e) {
        if (e.packageId() == null) {
            return;
        }
        Remaining buffer = PerBatch.buffer(BUFFER, Remaining::new);
        if (buffer == null) {
            jdbc.update(UPDATE_REMAINING, e.packageRemainingAfter(), e.packageRemainingAfter(), e.accountId(),
                    e.packageId());
        } else {
            buffer.latest.put(List.of(e.accountId(), e.packageId()), e.packageRemainingAfter());
        }
    }

    @EventHandler
    void on(PackageExpired e) {
        PerBatch.flush(BUFFER);
        jdbc.update("UPDATE package_view SET expired = TRUE, forfeited = ?, remaining = 0"
                + " WHERE account_id = ? AND package_id = ?", e.forfeited(), e.accountId(), e.packageId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM package_view");
    }
}
