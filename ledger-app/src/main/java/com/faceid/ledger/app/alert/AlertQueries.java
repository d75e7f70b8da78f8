package com.faceid.ledger.app.alert;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.pricing.BillingPolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An account's reminders: those recorded, and those the clock has made due that a late step has not recorded. */
@Component
public class AlertQueries {
    /** A reminder as recorded (or due): {@code kind} EXPIRING, USAGE or DEPLETED. */
    public record AlertRow(String alertId, String kind, String packageId, int threshold, String detail,
                           Instant raisedAt) {
    }

    private final PackageQueries packages;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<Integer> reminderDays;

    public AlertQueries(PackageQueries packages, JdbcTemplate jdbc, Clock clock, BillingPolicy policy) {
        this.packages = packages;
        this.jdbc = jdbc;
        this.clock = clock;
        this.reminderDays = policy.reminders().expiryDays();
    }

    /** The alerts recorded in alert_view (whose columns are read here only), in no particular order. */
    public List<AlertRow> recorded(String accountId) {
        return jdbc.query("SELECT alert_id, kind, package_id, threshold, detail, raised_at FROM alert_view"
                        + " WHERE account_id = ?", (rs, i) -> new AlertRow(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant()), accountId);
    }

    /** Oldest first (then by package and threshold). */
    public List<AlertRow> of(AccountQueries.AccountRow account) {
        String accountId = account.accountId();
        BillingCalendar cal = new BillingCalendar(account.zone());
        List<AlertRow> rows = new ArrayList<>(recorded(accountId));
        // Expiry reminders that are due by the clock but not recorded yet (the scheduler is late or down): the
        // same alert the step will record, decided the same way (billing-rules §9): a package that still had
        // calls left at the instant the reminder fell due (no DEPLETED alert by then).
        Instant now = clock.instant();
        Set<String> recorded = new HashSet<>();
        Map<String, Instant> depletedAt = new HashMap<>();
        rows.forEach(r -> {
            recorded.add(r.alertId());
            if (r.kind().equals("DEPLETED")) {
                depletedAt.put(r.packageId(), r.raisedAt());
            }
        });
        for (PackageQueries.PackageRow p : packages.ofAccount(accountId)) {
            for (int days : reminderDays) {
                Instant due = cal.daysBefore(p.expiresAt(), days);
                String id = AlertProjection.expiringId(p.packageId(), days);
                Instant depleted = depletedAt.get(p.packageId());
                if (!due.isAfter(now) && !recorded.contains(id) && (depleted == null || depleted.isAfter(due))) {
                    rows.add(new AlertRow(id, "EXPIRING", p.packageId(), days,
                            AlertProjection.expiringDetail(p.packageId(), days, p.expiresAt()), due));
                }
            }
        }
        rows.sort(Comparator.comparing(AlertRow::raisedAt).thenComparing(AlertRow::packageId)
                .thenComparing(AlertRow::threshold));
        return rows;
    }
}
