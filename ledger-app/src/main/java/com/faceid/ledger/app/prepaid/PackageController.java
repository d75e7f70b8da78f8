package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.AnswersFromEvents;
import com.faceid.ledger.app.axon.Commands;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.PackageStatus;
import com.faceid.ledger.prepaid.RequestRefund;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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

import java.time.OffsetDateTime;
import java.util.List;

@RestController
@RequestMapping("/api/v1/accounts/{accountId}/packages")
@Tag(name = "Packages")
public class PackageController {
    public record BuyPackageRequest(
            @NotBlank @Size(max = Limits.KEY_MAX) @Pattern(regexp = Requests.KEY_PATTERN) String purchaseId,
            @NotBlank @Size(max = 64) @Schema(implementation = Service.class) String service,
            @NotNull @Positive @Max(Limits.PACKAGE_SIZE_MAX) Integer size,
            @Schema(nullable = true) OffsetDateTime purchasedAt) {
    }


    private final Commands commands;
    private final AccountQueries accounts;
    private final QuotaService quotas;
    private final PackagePurchases purchases;

    public PackageController(Commands commands, AccountQueries accounts, QuotaService quotas,
                             PackagePurchases purchases) {
        this.commands = commands;
        this.accounts = accounts;
        this.quotas = quotas;
        this.purchases = purchases;
    }

    @PostMapping
    @Operation(operationId = "buyPackage")
    public ResponseEntity<PackagePurchases.PurchaseView> buy(@PathVariable String accountId,
                                                            @Valid @RequestBody BuyPackageRequest req) {
        PackagePurchases.Purchase p = purchases.buy(accountId, req.purchaseId(), req.service(), req.size(),
                req.purchasedAt());
        return ResponseEntity.status(p.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(p.view());
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
