package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.prepaid.PackageKind;
import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.prepaid.BuyPackage;
import com.faceid.ledger.prepaid.PackageReceipt;
import com.faceid.ledger.prepaid.RequestRefund;
import com.faceid.ledger.pricing.Service;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import com.faceid.ledger.app.axon.AnswersFromEvents;
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
import java.util.List;
import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.prepaid.PackageStatus;
import java.time.Duration;

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

    private final Commands commands;
    private final AccountQueries accounts;
    private final Clock clock;
    private final Duration skew;
    private final QuotaService quotas;

    public PackageController(Commands commands, AccountQueries accounts, Clock clock,
                             LedgerProperties props,
                             QuotaService quotas) {
        this.quotas = quotas;
        this.skew = props.maxFutureSkew();
        this.commands = commands;
        this.accounts = accounts;
        this.clock = clock;
    }

    @PostMapping
    @Operation(operationId = "buyPackage")
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
    @Operation(operationId = "listPackages")
    @AnswersFromEvents
    public List<PackageView> list(@PathVariable String accountId,
                                  @Parameter(schema = @Schema(implementation = Service.class))
                                  @RequestParam(required = false) String service,
                                  @Parameter(schema = @Schema(implementation = PackageStatus.class))
                                  @RequestParam(required = false) String status) {
        return quotas.packages(accountId, service, status);
    }

    @PostMapping("/{packageId}/refund")
    @Operation(operationId = "refundPackage")
    public void refund(@PathVariable String accountId, @PathVariable String packageId) {
        accounts.require(accountId);
        commands.send(new RequestRefund(accountId, packageId));
        throw new IllegalStateException("a refund was not refused");
    }
}
