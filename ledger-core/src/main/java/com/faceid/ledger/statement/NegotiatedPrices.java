package com.faceid.ledger.statement;

import com.faceid.ledger.event.NegotiatedPriceAgreed;
import com.faceid.ledger.event.Service;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** An account's negotiated top-tier prices: per service, the price in force from each month on. */
public class NegotiatedPrices {
    public Map<Service, TreeMap<YearMonth, BigDecimal>> byService = new HashMap<>();

    public void record(NegotiatedPriceAgreed e) {
        agree(e.service(), e.effectiveFrom(), e.unitPrice());
    }

    /** A price in force for {@code service} from {@code effectiveFrom} on (a view row of an agreed price). */
    public void agree(Service service, YearMonth effectiveFrom, BigDecimal unitPrice) {
        byService.computeIfAbsent(service, s -> new TreeMap<>()).put(effectiveFrom, unitPrice);
    }

    /** The negotiated price in force for {@code month}, or null when none was agreed by then. */
    public BigDecimal priceFor(Service service, YearMonth month) {
        TreeMap<YearMonth, BigDecimal> prices = byService.get(service);
        if (prices == null) {
            return null;
        }
        Map.Entry<YearMonth, BigDecimal> e = prices.floorEntry(month);
        return e == null ? null : e.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NegotiatedPrices n && byService.equals(n.byService);
    }

    @Override
    public int hashCode() {
        return byService.hashCode();
    }
}
