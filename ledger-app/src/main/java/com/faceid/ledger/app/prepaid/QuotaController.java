package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.axon.AnswersFromEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;

@RestController
@Tag(name = "Balances")
public record QuotaController(QuotaService quotas) {
    @GetMapping("/api/v1/accounts/{accountId}/quota")
    @Operation(operationId = "getQuota")
    @AnswersFromEvents
    public QuotaView quota(@PathVariable String accountId,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                           OffsetDateTime asOf) {
        return quotas.quota(accountId, asOf);
    }
}
