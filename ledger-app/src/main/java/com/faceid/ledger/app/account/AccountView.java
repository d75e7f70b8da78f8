package com.faceid.ledger.app.account;

import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Service;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** An account with its calls left per service, as the API and the console show it. */
public record AccountView(
        String accountId, OffsetDateTime openedAt, boolean postpaidEnabled,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true) String closedThrough,
        List<ServiceSummary> services) {

    public record ServiceSummary(
            @Schema(implementation = Service.class) String service,
            int remaining, int usableNow, int packages) {
    }
}
