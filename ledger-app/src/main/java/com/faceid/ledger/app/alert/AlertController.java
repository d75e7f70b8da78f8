package com.faceid.ledger.app.alert;

import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

@RestController
@Tag(name = "Balances")
public record AlertController(AccountQueries accounts, AlertQueries alerts) {
    /**
     * @param kind      EXPIRING (threshold = days before expiry), USAGE (threshold = percent used) or
     *                  DEPLETED (threshold = 100)
     */
    public record Alert(
            String alertId,
            @Schema(allowableValues = {"EXPIRING", "USAGE", "DEPLETED"}) String kind,
            String packageId, int threshold, String detail, OffsetDateTime raisedAt) {
    }

    @GetMapping("/api/v1/accounts/{accountId}/alerts")
    @Operation(operationId = "listAlerts")
    public List<Alert> alerts(@PathVariable String accountId) {
        AccountQueries.AccountRow account = accounts.require(accountId);
        ZoneId zone = account.zone();
        return alerts.of(account).stream().map(r -> new Alert(r.alertId(), r.kind(), r.packageId(), r.threshold(),
                r.detail(), Json.time(r.raisedAt(), zone))).toList();
    }
}
