package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.event.Service;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** Calls left per service at {@code asOf}, in the account's zone. */
public record QuotaView(String accountId, OffsetDateTime asOf, List<ServiceQuota> services) {
    /**
     * @param remaining calls its packages can still pay for, less those held
     * @param held      units reserved by holds still alive (the gateway asked, the call is not captured yet)
     */
    public record ServiceQuota(
            @Schema(implementation = Service.class) String service,
            int remaining, int usableNow, List<PackageView> packages, int held) {
    }
}
