package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.PackageStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls left per service and the packages behind them, now or as recorded at an instant: what the API's
 * quota and package endpoints answer and what the console's account page shows (one assembly for both).
 */
@Component
public record QuotaService(AccountQueries accounts, PackagesNow current, PackagesAsOf asOfs, ReadModels readModels,
        Clock clock) {
    /**
     * @param asOf null for now: every event stored before the question, without waiting for the read models;
     *             else the instant whose recorded state is folded from the events
     */
    public QuotaView quota(String accountId, OffsetDateTime asOf) {
        ZoneId zone;
        Instant at;
        PackagesAsOf.PackagesAt then;
        if (asOf == null) {
            at = clock.instant();
            PackagesNow.Current now = current.packagesNow(accountId, at);
            zone = now.account().zone();
            then = now.packages();
        } else {
            at = Requests.asOf(asOf, clock);
            readModels.awaitAccount(accountId); // the account's row is read from its view
            zone = accounts.require(accountId).zone();
            then = asOfs.packagesAt(accountId, at);
        }
        List<PackageQueries.PackageRow> rows = then.packages().stream().sorted(PackageQueries.PackageRow.LISTED).toList();
        Map<String, List<PackageQueries.PackageRow>> byService = new TreeMap<>();
        rows.forEach(p -> byService.computeIfAbsent(p.service().name(), k -> new ArrayList<>()).add(p));
        List<QuotaView.ServiceQuota> services = new ArrayList<>();
        Map<String, Integer> held = then.held();
        byService.forEach((service, list) -> {
            PackageBalances.Tally t = PackageBalances.tally(list, held, at);
            services.add(new QuotaView.ServiceQuota(service, t.remaining(), t.usableNow(),
                    list.stream().map(p -> PackageView.of(p, at, zone, held.getOrDefault(p.packageId(), 0))).toList(),
                    t.held()));
        });
        return new QuotaView(accountId, Json.time(at, zone), services);
    }

    /** Every package of the account, oldest first, optionally of one service and one status (names as sent). */
    public List<PackageView> packages(String accountId, String service, String status) {
        Instant now = clock.instant();
        PackagesNow.Current current = this.current.packagesNow(accountId, now);
        Service wanted = service == null ? null : Requests.service(service);
        PackageStatus wantedStatus = status == null ? null : Arrays.stream(PackageStatus.values())
                .filter(s -> s.name().equals(status)).findFirst().orElseThrow(() -> ApiException.validation(
                        "status must be one of " + Arrays.toString(PackageStatus.values())));
        ZoneId zone = current.account().zone();
        Map<String, Integer> held = current.packages().held();
        return current.packages().packages().stream().sorted(PackageQueries.PackageRow.LISTED)
                .filter(p -> wanted == null || p.service() == wanted)
                .filter(p -> wantedStatus == null || p.statusAt(now) == wantedStatus)
                .map(p -> PackageView.of(p, now, zone, held.getOrDefault(p.packageId(), 0))).toList();
    }
}
