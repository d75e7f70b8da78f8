package com.faceid.ledger.app.account;

import com.faceid.ledger.event.Service;

import java.time.Instant;
import java.util.SortedMap;

/**
 * The calls an account has left per service, as its view shows them. A port: the prepaid feature answers it
 * ({@code prepaid.PackageBalances}), so this package, which every feature uses, depends on none of them.
 */
public interface ServiceBalances {
    /** Per service, in service order: the services the account has packages of. */
    SortedMap<Service, Balance> of(String accountId, Instant now);

    /**
     * @param remaining calls left in active and pending packages, less what holds reserve
     * @param usableNow of those, in active packages
     * @param packages  packages of the service, whatever their status
     */
    record Balance(int remaining, int usableNow, int packages) {
    }
}
