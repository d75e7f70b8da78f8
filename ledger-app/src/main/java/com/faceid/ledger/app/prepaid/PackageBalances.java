package com.faceid.ledger.app.prepaid;

import com.faceid.ledger.app.account.ServiceBalances;
import com.faceid.ledger.app.hold.JdbcHoldRegistry;
import com.faceid.ledger.pricing.Service;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The account view's calls left per service, from its packages less what holds reserve. */
@Component
public class PackageBalances implements ServiceBalances {
    private final PackageQueries packages;
    private final JdbcHoldRegistry holds;

    public PackageBalances(PackageQueries packages, JdbcHoldRegistry holds) {
        this.packages = packages;
        this.holds = holds;
    }

    @Override
    public SortedMap<Service, Balance> of(String accountId, Instant now) {
        Map<String, Integer> held = holds.heldByPackage(accountId, now); // reserved by holds: not left to use
        SortedMap<Service, int[]> byService = new TreeMap<>();
        for (PackageQueries.PackageRow p : packages.ofAccount(accountId)) {
            PackageQueries.Status s = p.statusAt(now);
            int[] q = byService.computeIfAbsent(p.service(), k -> new int[3]);
            q[2]++;
            int left = p.remaining() - held.getOrDefault(p.packageId(), 0);
            if (s == PackageQueries.Status.ACTIVE || s == PackageQueries.Status.PENDING) {
                q[0] += left;
            }
            if (s == PackageQueries.Status.ACTIVE) {
                q[1] += left;
            }
        }
        SortedMap<Service, Balance> out = new TreeMap<>();
        byService.forEach((service, q) -> out.put(service, new Balance(q[0], q[1], q[2])));
        return out;
    }
}
