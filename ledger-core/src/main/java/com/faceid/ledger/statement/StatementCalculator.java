package com.faceid.ledger.statement;

import com.faceid.ledger.event.AdjustmentLine;
import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.TierPricer;
import com.faceid.ledger.pricing.TierQuote;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a month's counters and purchases into statement lines and totals (§6, §7). Pure. Used by the
 * aggregate to close a month and by the read side for the running estimate, so both agree by
 * construction.
 */
public final class StatementCalculator {
    private StatementCalculator() {
    }

    /**
     * @param negotiatedTopPrice the account's negotiated top-tier price for a service in that month, or null
     */
    public static StatementFigures compute(YearMonth month, Map<Service, ServiceUsage> usage,
                                           List<PurchaseLine> purchases, Catalog catalog, TierPricer pricer,
                                           Function<Service, BigDecimal> negotiatedTopPrice,
                                           List<AdjustmentLine> adjustments) {
        List<StatementLine> lines = new ArrayList<>();
        BigDecimal postpaidAmount = Money.ZERO;
        for (Service service : Service.values()) {
            ServiceUsage u = usage.get(service);
            if (u == null || u.calls == 0) {
                continue;
            }
            TierQuote q = pricer.quote(catalog.postpaid(service), u.postpaid, negotiatedTopPrice.apply(service));
            lines.add(new StatementLine(service, u.calls, u.billable, u.paidByFree, u.paidByPurchased, u.postpaid,
                    u.refused, q.tier(), q.tierRange(), q.unitPrice(), q.amount(), q.negotiated()));
            if (q.amount() != null) {
                postpaidAmount = Money.add(postpaidAmount, q.amount());
            }
        }
        BigDecimal prepaid = Money.ZERO;
        for (PurchaseLine p : purchases) {
            prepaid = Money.add(prepaid, p.price());
        }
        BigDecimal adjustmentTotal = Money.ZERO;
        for (AdjustmentLine a : adjustments) {
            adjustmentTotal = Money.add(adjustmentTotal, a.amount());
        }
        BigDecimal total = Money.add(Money.add(prepaid, postpaidAmount), adjustmentTotal);
        return new StatementFigures(month, catalog.version(), pricer.convention().name(), List.copyOf(lines),
                List.copyOf(purchases), List.copyOf(adjustments), prepaid, postpaidAmount, adjustmentTotal, total);
    }
}
