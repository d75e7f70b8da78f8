package com.faceid.ledger.app.alert;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

@RestController
@Tag(name = "Balances")
public class AlertController {
    /**
     * @param kind      EXPIRING (threshold = days before expiry), USAGE (threshold = percent used) or
     *                  DEPLETED (threshold = 100)
     */
    public record Alert(String alertId, String kind, String packageId, int threshold, String detail,
                        OffsetDateTime raisedAt) {
    }

    private final AccountQueries accounts;
    private final JdbcTemplate jdbc;

    public AlertController(AccountQueries accounts, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/accounts/{accountId}/alerts")
    @Operation(summary = "Reminders raised for the account: packages expiring in 30/7/1 days, 50/70/90 % used, depleted")
    public List<Alert> alerts(@PathVariable String accountId) {
        ZoneId zone = accounts.require(accountId).zone();
        return jdbc.query("SELECT alert_id, kind, package_id, threshold, detail, raised_at FROM alert_view"
                        + " WHERE account_id = ? ORDER BY raised_at, package_id, threshold",
                (rs, i) -> new Alert(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        Json.time(rs.getTimestamp(6).toInstant(), zone)), accountId);
    }
}
