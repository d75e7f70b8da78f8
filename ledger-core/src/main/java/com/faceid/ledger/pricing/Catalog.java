package com.faceid.ledger.pricing;

import com.faceid.ledger.event.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the price list: the page's package table, its postpaid tiers and the free grant.
 * A catalog version never changes once published; a price change is a new version with a later
 * {@code effectiveFrom}. Every charge records the version it was priced with.
 */
public final class Catalog {
    private final String version;
    private final LocalDate effectiveFrom;
    private final Map<Service, Map<Integer, BigDecimal>> packagePrices;
    private final Map<Service, PostpaidTariff> postpaid;
    private final int freeGrantSize;
    private final Set<Service> freeGrantServices;

    public Catalog(String version, LocalDate effectiveFrom, Map<Service, Map<Integer, BigDecimal>> packagePrices,
                   Map<Service, PostpaidTariff> postpaid, int freeGrantSize, Set<Service> freeGrantServices) {
        this.version = version;
        this.effectiveFrom = effectiveFrom;
        Map<Service, Map<Integer, BigDecimal>> prices = new EnumMap<>(Service.class);
        packagePrices.forEach((s, m) -> prices.put(s, Map.copyOf(m)));
        this.packagePrices = prices;
        this.postpaid = new EnumMap<>(postpaid);
        this.freeGrantSize = freeGrantSize;
        this.freeGrantServices = Set.copyOf(freeGrantServices);
        for (Service s : Service.values()) {
            if (!this.postpaid.containsKey(s)) {
                throw new IllegalArgumentException(version + ": no postpaid tariff for " + s);
            }
        }
    }

    public String version() {
        return version;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    /** The price of one package of that size, or empty when the page lists "-" (not sold). */
    public Optional<BigDecimal> packagePrice(Service service, int size) {
        return Optional.ofNullable(packagePrices.getOrDefault(service, Map.of()).get(size));
    }

    public boolean sellsPackages(Service service) {
        return !packagePrices.getOrDefault(service, Map.of()).isEmpty();
    }

    public List<Integer> sizesSold(Service service) {
        return packagePrices.getOrDefault(service, Map.of()).keySet().stream().sorted().toList();
    }

    public PostpaidTariff postpaid(Service service) {
        return postpaid.get(service);
    }

    public int freeGrantSize() {
        return freeGrantSize;
    }

    /** Services granted a free package on opening, in the order of {@link Service}. */
    public List<Service> freeGrantServices() {
        return Arrays.stream(Service.values()).filter(freeGrantServices::contains).toList();
    }
}
