package com.faceid.ledger.app.alert;

import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.app.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Balances")
public class AlertController {
    /**
     * @param kind      EXPIRING (threshold = days before expiry), USAGE (threshold = percent used) or
     *                  DEPLETED (threshold = 100)
     */
    public record Alert(
            String alertId,
            @Schema(allowableValues = {"EXPIRING", "USAGE", "DEPLETED"}) String kind,
            String packageId, int threshold, String detail, OffsetDateTime raisedAt) {
    }

    private final AccountQueries accounts;
    private final PackageQueries packages;
    private final JdbcTemplate jdbc;
    private final java.time.Clock clock;
    private final List<Integer> reminderDays;

    public AlertController(AccountQueries accounts, PackageQueries packages, JdbcTemplate jdbc, java.time.Clock clock,
                           com.faceid.ledger.pricing.BillingPolicy policy) {
        this.accounts = accounts;
        this.packages = packages;
        this.jdbc = jdbc;
        this.clock = clock;
        this.reminderDays = policy.reminders().expiryDays();
    }

    @GetMapping("/api/v1/accounts/{accountId}/alerts")
    @Operation(operationId = "listAlerts",
            summary = "Reminders raised for the account: packages expiring in 30/7/1 days, 50/70/90 % used, depleted")
    @ApiResponse(responseCode = "200", description = "The reminders, oldest first")
    public List<Alert> alerts(@PathVariable String accountId) {
        ZoneId zone = accounts.require(accountId).zone();
        record Row(String alertId, String kind, String packageId, int threshold, String detail, Instant raisedAt) {
        }
        List<Row> rows = new ArrayList<>(jdbc.query("SELECT alert_id, kind, package_id, threshold, detail, raised_at"
                        + " FROM alert_view WHERE account_id = ?", (rs, i) -> new Row(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getInt(4), rs.getString(5), rs.getTimestamp(6).toInstant()), accountId));
        // Expiry reminders that are due by the clock but not recorded yet (the scheduler is late or down): the
        // same alert the step will record, decided the same way (billing-rules §9): a package that still had
        // calls left at the instant the reminder fell due (no DEPLETED alert by then).
        Instant now = clock.instant();
        java.util.Set<String> recorded = new java.util.HashSet<>();
        java.util.Map<String, Instant> depletedAt = new java.util.HashMap<>();
        rows.forEach(r -> {
            recorded.add(r.alertId());
            if (r.kind().equals("DEPLETED")) {
                depletedAt.put(r.packageId(), r.raisedAt());
            }
        });
        com.faceid.ledger.account.BillingCalendar cal = new com.faceid.ledger.account.BillingCalendar(zone);
        for (PackageQueries.PackageRow p : packages.ofAccount(accountId)) {
            for (int days : reminderDays) {
                Instant due = cal.daysBefore(p.expiresAt(), days);
                String id = AlertProjection.expiringId(p.packageId(), days);
                Instant depleted = depletedAt.get(p.packageId());
                if (!due.isAfter(now) && !recorded.contains(id) && (depleted == null || depleted.isAfter(due))) {
                    rows.add(new Row(id, "EXPIRING", p.packageId(), days,
                            AlertProjection.expiringDetail(p.packageId(), days, p.expiresAt()), due));
                }
            }
        }
        return rows.stream().sorted(java.util.Comparator.comparing(Row::raisedAt).thenComparing(Row::packageId)
                        .thenComparing(Row::threshold))
                .map(r -> new Alert(r.alertId(), r.kind(), r.packageId(), r.threshold(), r.detail(),
                        Json.time(r.raisedAt(), zone))).toList();
    }
}
