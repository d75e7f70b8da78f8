package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackageStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A package as the API and the console show it, at an instant, in the account's zone.
 *
 * @param held units reserved by holds still alive (part of {@code remaining}, available to nothing else)
 */
public record PackageView(
        String packageId,
        @Schema(implementation = PackageKind.class) String kind,
        @Schema(implementation = Service.class) String service,
        @Schema(implementation = PackageStatus.class) String status,
        int size, int used, int remaining, int forfeited,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price,
        OffsetDateTime effectiveFrom, OffsetDateTime expiresAt,
        @Schema(nullable = true) String purchaseId,
        String catalogVersion, int held) {
    public static PackageView of(PackageQueries.PackageRow row, Instant now, ZoneId zone, int held) {
        PackageQueries.PackageRow p = row.at(now);
        return new PackageView(p.packageId(), p.kind().name(), p.service().name(), p.statusAt(now).name(),
                p.size(), p.used(), p.remaining(), p.forfeited(), Json.money(p.price()),
                Json.time(p.effectiveFrom(), zone), Json.time(p.expiresAt(), zone), p.purchaseId(),
                p.catalogVersion(), held);
    }
}

