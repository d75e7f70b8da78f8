package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.prepaid.PackageKind;
import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RequestRefund;
import com.faceid.ledger.pricing.Service;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

@RestController
@RequestMapping("/api/v1/accounts/{accountId}/packages")
@Tag(name = "Packages")
public class PackageController {
    public record BuyPackageRequest(
            @NotBlank @Size(max = Requests.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String purchaseId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @NotNull @Positive @Max(1_000_000) Integer size,
            @Schema(nullable = true) OffsetDateTime purchasedAt) {
    }

    public record PurchaseView(
            String packageId,
            @Schema(implementation = PackageKind.class) String kind,
            @Schema(implementation = Service.class) String service,
            int size,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price,
            OffsetDateTime purchasedAt, OffsetDateTime expiresAt, int remaining) {
    }

    /** @param held units reserved by holds still alive (part of {@code remaining}, available to nothing else) */
    public record PackageView(
            String packageId,
            @Schema(implementation = PackageKind.class) String kind,
            @Schema(implementation = Service.class) String service,
            @Schema(implementation = com.faceid.ledger.prepaid.PackageStatus.class) String status,
            int size, int used, int remaining, int forfeited,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price,
            OffsetDateTime effectiveFrom, OffsetDateTime expiresAt,
            @Schema(nullable = true) String purchaseId,
            String catalogVersion, int held) {
        static PackageView of(PackageQueries.PackageRow row, Instant now, ZoneId zone, int held) {
            PackageQueries.PackageRow p = row.at(now);
            return new PackageView(p.packageId(), p.kind().name(), p.service().name(), p.statusAt(now).name(),
                    p.size(), p.used(), p.remaining(), p.forfeited(), Json.money(p.price()),
                    Json.time(p.effectiveFrom(), zone), Json.time(p.expiresAt(), zone), p.purchaseId(),
                    p.catalogVersion(), held);
        }
    }

    private final Commands commands;
    private final AccountQueries accounts;
    private final PackageQueries packages;
    private final Clock clock;
    private final java.time.Duration skew;
    private final com.faceid.ledger.app.hold.JdbcHoldRegistry holds;

    public PackageController(Commands commands, AccountQueries accounts, PackageQueries packages, Clock clock,
                             com.faceid.ledger.app.LedgerProperties props,
                             com.faceid.ledger.app.hold.JdbcHoldRegistry holds) {
        this.holds = holds;
        this.skew = props.maxFutureSkew();
        this.commands = commands;
        this.accounts = accounts;
        this.packages = packages;
        this.clock = clock;
    }

    @PostMapping
    @Operation(operationId = "buyPackage",
            summary = "Buy a prepaid package; purchaseId is the idempotency key (repeat → 200, same package)")
    @ApiResponse(responseCode = "201", description = "Bought")
    @ApiResponse(responseCode = "200", description = "A repeat of the same purchase: the same package")
    @ApiResponse(responseCode = "409", description = "PURCHASE_ID_CONFLICT: the purchaseId bought something else")
    @ApiResponse(responseCode = "422",
            description = "PACKAGE_SIZE_NOT_SOLD, TIMESTAMP_IN_FUTURE or BEFORE_ACCOUNT_OPENED")
    public ResponseEntity<PurchaseView> buy(@PathVariable String accountId, @Valid @RequestBody BuyPackageRequest req) {
        ZoneId zone = accounts.require(accountId).zone();
        Service service = Requests.service(req.service());
        Instant now = clock.instant();
        PackageReceipt r = commands.send(new BuyPackage(accountId, req.purchaseId(), service, req.size(),
                Requests.reported("purchasedAt", req.purchasedAt(), now, skew), now));
        PurchaseView view = new PurchaseView(r.packageId(), r.kind().name(), r.service().name(), r.size(),
                Json.money(r.price()), Json.time(r.purchasedAt(), zone), Json.time(r.expiresAt(), zone),
                r.remaining());
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(view);
    }

    @GetMapping
    @Operation(operationId = "listPackages",
            summary = "Every package of the account, free grants included, with status, used, remaining, forfeited")
    @ApiResponse(responseCode = "200", description = "The packages, oldest first")
    public List<PackageView> list(@PathVariable String accountId,
                                  @Parameter(schema = @Schema(implementation = Service.class))
                                  @RequestParam(required = false) String service,
                                  @Parameter(schema = @Schema(implementation = com.faceid.ledger.prepaid.PackageStatus.class))
                                  @RequestParam(required = false) String status) {
        ZoneId zone = accounts.require(accountId).zone();
        Service wanted = service == null ? null : Requests.service(service);
        com.faceid.ledger.prepaid.PackageStatus wantedStatus = status == null ? null : Arrays.stream(com.faceid.ledger.prepaid.PackageStatus.values())
                .filter(s -> s.name().equals(status)).findFirst().orElseThrow(() -> ApiException.validation(
                        "status must be one of " + Arrays.toString(com.faceid.ledger.prepaid.PackageStatus.values())));
        Instant now = clock.instant();
        java.util.Map<String, Integer> held = holds.heldByPackage(accountId, now);
        return packages.ofAccount(accountId).stream()
                .filter(p -> wanted == null || p.service() == wanted)
                .filter(p -> wantedStatus == null || p.statusAt(now) == wantedStatus)
                .map(p -> PackageView.of(p, now, zone, held.getOrDefault(p.packageId(), 0))).toList();
    }

    @PostMapping("/{packageId}/refund")
    @Operation(operationId = "refundPackage",
            summary = "Always refused: prepaid packages are not refundable (409 REFUND_NOT_ALLOWED)")
    @ApiResponse(responseCode = "409", description = "REFUND_NOT_ALLOWED: prepaid packages are not refundable")
    public void refund(@PathVariable String accountId, @PathVariable String packageId) {
        accounts.require(accountId);
        commands.send(new RequestRefund(accountId, packageId));
        throw new IllegalStateException("a refund was not refused");
    }
}
