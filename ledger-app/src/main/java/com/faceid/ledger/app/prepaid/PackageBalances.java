package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.account.ServiceBalances;
import com.faceid.ledger.app.hold.JdbcHoldRegistry;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.prepaid.PackageStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The account view's calls left per service, from its packages less what holds reserve. */
@Component
public record PackageBalances(PackageQueries packages, JdbcHoldRegistry holds) implements ServiceBalances {
    /** What one service's packages leave at an instant, less what holds reserve (units held, of those). */
    public record Tally(int remaining, int usableNow, int held) {
    }

    /**
     * The rule of "calls left", for the account view and the quota alike: active and pending packages count,
     * only active ones are usable now, and units that holds reserve are not left to use.
     */
    public static Tally tally(List<PackageQueries.PackageRow> packages, Map<String, Integer> held, Instant at) {
        int remaining = 0;
        int usable = 0;
        int reserved = 0;
        for (PackageQueries.PackageRow p : packages) {
            PackageStatus s = p.statusAt(at);
            int heldOfPackage = held.getOrDefault(p.packageId(), 0);
            if (s == PackageStatus.ACTIVE || s == PackageStatus.PENDING) {
                remaining += p.remaining() - heldOfPackage;
                reserved += heldOfPackage;
            }
            if (s == PackageStatus.ACTIVE) {
                usable += p.remaining() - heldOfPackage;
            }
        }
        return new Tally(remaining, usable, reserved);
    }

    @Override
    public SortedMap<Service, Balance> of(String accountId, Instant now) {
        Map<String, Integer> held = holds.heldByPackage(accountId, now); // reserved by holds: not left to use
        SortedMap<Service, List<PackageQueries.PackageRow>> byService = new TreeMap<>();
        for (PackageQueries.PackageRow p : packages.ofAccount(accountId)) {
            byService.computeIfAbsent(p.service(), k -> new ArrayList<>()).add(p);
        }
        SortedMap<Service, Balance> out = new TreeMap<>();
        byService.forEach((service, list) -> {
            Tally t = tally(list, held, now);
            out.put(service, new Balance(t.remaining(), t.usableNow(), list.size()));
        });
        return out;
    }
}
