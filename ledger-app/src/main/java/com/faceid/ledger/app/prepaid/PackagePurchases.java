package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.prepaid.PackageReceipt;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Buying a package: what {@code POST /api/v1/accounts/{id}/packages} does, and the console's form with it, under
 * the same rules and errors (purchaseId idempotent and bound to its content, sizes the catalog sells).
 */
@Component
public record PackagePurchases(Commands commands, AccountQueries accounts, Clock clock, LedgerProperties props) {
    public record PurchaseView(
            String packageId,
            @Schema(implementation = PackageKind.class) String kind,
            @Schema(implementation = Service.class) String service,
            int size,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price,
            OffsetDateTime purchasedAt, OffsetDateTime expiresAt, int remaining) {
    }

    /** @param duplicate the purchaseId was bought before with the same content: this is that purchase */
    public record Purchase(PurchaseView view, boolean duplicate) {
    }

    /** @param purchasedAt null: now; at most {@code ledger.max-future-skew} ahead of the ledger clock */
    public Purchase buy(String accountId, String purchaseId, String service, Integer size, OffsetDateTime purchasedAt) {
        ZoneId zone = accounts.require(accountId).zone();
        Requests.key("purchaseId", purchaseId);
        Service s = Requests.service(service);
        if (size == null || size < 1 || size > Limits.PACKAGE_SIZE_MAX) {
            throw ApiException.validation("size must be 1 to " + Limits.PACKAGE_SIZE_MAX + " calls");
        }
        Instant now = clock.instant();
        PackageReceipt r = commands.send(new BuyPackage(accountId, purchaseId, s, size,
                Requests.reported("purchasedAt", purchasedAt, now, props.maxFutureSkew()), now));
        return new Purchase(new PurchaseView(r.packageId(), r.kind().name(), r.service().name(), r.size(),
                Json.money(r.price()), Json.time(r.purchasedAt(), zone), Json.time(r.expiresAt(), zone),
                r.remaining()), r.duplicate());
    }
}
