package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.pricing.Service;
import io.swagger.v3.oas.annotations.media.Schema;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.web.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import com.faceid.ledger.app.web.Requests;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@RestController
@Tag(name = "Balances")
public class QuotaController {
    /**
     * @param remaining calls its packages can still pay for, less those held
     * @param held      units reserved by holds still alive (the gateway asked, the call is not captured yet)
     */
    public record ServiceQuota(
            @Schema(implementation = Service.class) String service,
            int remaining, int usableNow, List<PackageController.PackageView> packages, int held) {
    }

    public record QuotaView(String accountId, OffsetDateTime asOf, List<ServiceQuota> services) {
    }

    private final AccountQueries accounts;
    private final PackageQueries packages;
    private final PackagesAsOf asOfs;
    private final Clock clock;

    private final com.faceid.ledger.app.hold.JdbcHoldRegistry holds;

    public QuotaController(AccountQueries accounts, PackageQueries packages, PackagesAsOf asOfs,
                           Clock clock, com.faceid.ledger.app.hold.JdbcHoldRegistry holds) {
        this.holds = holds;
        this.accounts = accounts;
        this.packages = packages;
        this.asOfs = asOfs;
        this.clock = clock;
    }

    @GetMapping("/api/v1/accounts/{accountId}/quota")
    @Operation(operationId = "getQuota",
            summary = "Calls left per service and the packages behind them; with asOf, as recorded at that instant")
    @ApiResponse(responseCode = "200", description = "Calls left per service")
    public QuotaView quota(@PathVariable String accountId,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                           OffsetDateTime asOf) {
        ZoneId zone = accounts.require(accountId).zone();
        Instant at = asOf == null ? clock.instant() : Requests.instant("asOf", asOf);
        PackagesAsOf.PackagesAt then = asOf == null ? null : asOfs.packagesAt(accountId, at);
        List<PackageQueries.PackageRow> rows = then == null ? packages.ofAccount(accountId) : then.packages();
        Map<String, List<PackageQueries.PackageRow>> byService = new TreeMap<>();
        rows.forEach(p -> byService.computeIfAbsent(p.service().name(), k -> new ArrayList<>()).add(p));
        List<ServiceQuota> services = new ArrayList<>();
        // what holds reserve at that instant: now from the hold registry, as of an instant from the events
        Map<String, Integer> held = then == null ? holds.heldByPackage(accountId, at) : then.held();
        byService.forEach((service, list) -> {
            PackageBalances.Tally t = PackageBalances.tally(list, held, at);
            services.add(new ServiceQuota(service, t.remaining(), t.usableNow(),
                    list.stream().map(p -> PackageController.PackageView.of(p, at, zone,
                            held.getOrDefault(p.packageId(), 0))).toList(), t.held()));
        });
        return new QuotaView(accountId, Json.time(at, zone), services);
    }
}
