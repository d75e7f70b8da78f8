package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.statement.PurchaseLine;
import com.faceid.ledger.statement.StatementLine;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** The contract's statement document. Money as strings with 2 decimals. */
public record StatementView(String accountId, String month, String status, OffsetDateTime closedAt,
                            String catalogVersion, String tierConvention, List<Line> lines, List<Purchase> purchases,
                            List<Adjustment> adjustments, String prepaidSpend, String postpaidAmount,
                            String adjustmentTotal, String totalSpend) {

    public record Line(String service, long calls, long billable, long paidByFree, long paidByPurchased,
                       long postpaidCount, long refused, int tier, String tierRange, String unitPrice, String amount,
                       boolean negotiatedPrice, boolean awaitingPrice) {
        static Line of(StatementLine l) {
            return new Line(l.service().name(), l.calls(), l.billable(), l.paidByFree(), l.paidByPurchased(),
                    l.postpaidCount(), l.refused(), l.tier(), l.tierRange(), Json.money(l.unitPrice()),
                    Json.money(l.amount()), l.negotiatedPrice(), l.awaitingPrice());
        }
    }

    public record Adjustment(String adjustmentId, String correctsMonth, String amount, String reason,
                             String requestId, String actor, OffsetDateTime recordedAt) {
    }

    public record Purchase(String packageId, String service, int size, String price, OffsetDateTime purchasedAt) {
    }

    public static StatementView of(StatementQueries.Statement s, ZoneId zone) {
        var f = s.figures();
        return new StatementView(s.accountId(), s.month().toString(), s.status().name(), Json.time(s.closedAt(), zone),
                f.catalogVersion(), f.tierConvention(), f.lines().stream().map(Line::of).toList(),
                f.purchases().stream().map((PurchaseLine p) -> new Purchase(p.packageId(), p.service().name(),
                        p.size(), Json.money(p.price()), Json.time(p.purchasedAt(), zone))).toList(),
                f.adjustments().stream().map(a -> new Adjustment(a.adjustmentId(), a.correctsMonth().toString(),
                        Json.money(a.amount()), a.reason(), a.requestId(), a.actor(), Json.time(a.at(), zone))).toList(),
                Json.money(f.prepaidSpend()), Json.money(f.postpaidAmount()),
                Json.money(f.adjustmentTotal()), Json.money(f.totalSpend()));
    }

    /** CSV rendering: one row per service line, then purchases, then totals. */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        b.append("record,account,month,status,service,calls,billable,paidByFree,paidByPurchased,postpaidCount,refused,")
                .append("tier,unitPrice,amount,packageId,size,price\n");
        String head = "%s," + accountId + "," + month + "," + status + ",";
        for (Line l : lines) {
            b.append(String.format(head, "line")).append(l.service()).append(',').append(l.calls()).append(',')
                    .append(l.billable()).append(',').append(l.paidByFree()).append(',').append(l.paidByPurchased())
                    .append(',').append(l.postpaidCount()).append(',').append(l.refused()).append(',')
                    .append(l.tier()).append(',').append(nz(l.unitPrice())).append(',').append(nz(l.amount()))
                    .append(",,,\n");
        }
        for (Purchase p : purchases) {
            b.append(String.format(head, "purchase")).append(p.service()).append(",,,,,,,,,,")
                    .append(p.packageId()).append(',').append(p.size()).append(',').append(p.price()).append('\n');
        }
        for (Adjustment a : adjustments) {
            b.append(String.format(head, "adjustment")).append(",,,,,,,,,").append(a.amount()).append(',')
                    .append(a.adjustmentId()).append(",,").append('\n');
        }
        b.append(String.format(head, "prepaidSpend")).append(",,,,,,,,,").append(prepaidSpend).append(",,,\n");
        b.append(String.format(head, "postpaidAmount")).append(",,,,,,,,,").append(postpaidAmount).append(",,,\n");
        b.append(String.format(head, "adjustmentTotal")).append(",,,,,,,,,").append(adjustmentTotal).append(",,,\n");
        b.append(String.format(head, "totalSpend")).append(",,,,,,,,,").append(totalSpend).append(",,,\n");
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
