package com.faceid.ledger.app.statement;

import com.faceid.ledger.app.security.Caller;
import com.faceid.ledger.app.web.Csv;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.pricing.TierConvention;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** The contract's statement document. Money as strings with 2 decimals. */
public record StatementView(
        String accountId,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
        @Schema(implementation = StatementQueries.Status.class) String status,
        @Schema(nullable = true) OffsetDateTime closedAt,
        String catalogVersion,
        @Schema(implementation = TierConvention.class) String tierConvention,
        List<Line> lines, List<Purchase> purchases, List<Adjustment> adjustments,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String prepaidSpend,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String postpaidAmount,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String adjustmentTotal,
        @Schema(type = "string", pattern = Json.MONEY_PATTERN) String totalSpend,
        @com.fasterxml.jackson.annotation.JsonInclude( com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) StatementDigest digest) {
    /** The statement as a customer is shown it: who recorded each adjustment by role, not by key id. */
    public StatementView shownToCustomer() {
        return new StatementView(accountId, month, status, closedAt, catalogVersion, tierConvention, lines, purchases,
                adjustments.stream().map(Adjustment::shownToCustomer).toList(), prepaidSpend, postpaidAmount,
                adjustmentTotal, totalSpend, digest);
    }


    /** The account's hash-chain head at the close (docs/audit.md): the StatementClosed event's own link. */
    public record StatementDigest(long sequence, String hash) {
    }

    public StatementView withDigest(StatementDigest d) {
        return new StatementView(accountId, month, status, closedAt, catalogVersion, tierConvention, lines, purchases,
                adjustments, prepaidSpend, postpaidAmount, adjustmentTotal, totalSpend, d);
    }

    @Schema(name = "StatementLine")
    public record Line(
            @Schema(implementation = Service.class) String service,
            long calls, long billable, long paidByFree, long paidByPurchased, long postpaidCount, long refused,
            int tier, String tierRange,
            @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, nullable = true) String unitPrice,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, nullable = true) String amount,
            boolean negotiatedPrice, boolean awaitingPrice) {
        static Line of(StatementLine l) {
            return new Line(l.service().name(), l.calls(), l.billable(), l.paidByFree(), l.paidByPurchased(),
                    l.postpaidCount(), l.refused(), l.tier(), l.tierRange(), Json.money(l.unitPrice()),
                    Json.money(l.amount()), l.negotiatedPrice(), l.awaitingPrice());
        }
    }

    @Schema(name = "StatementAdjustment")
    public record Adjustment(
            String adjustmentId,
            @Schema(type = "string", pattern = Requests.MONTH_PATTERN, nullable = true) String correctsMonth,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String amount,
            String reason,
            @Schema(nullable = true) String requestId,
            String actor, OffsetDateTime recordedAt) {
        Adjustment shownToCustomer() {
            return new Adjustment(adjustmentId, correctsMonth, amount, reason, requestId,
                    Caller.actorShownToCustomer(actor), recordedAt);
        }
    }

    @Schema(name = "StatementPurchase")
    public record Purchase(
            String packageId,
            @Schema(implementation = Service.class) String service,
            int size,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN) String price,
            OffsetDateTime purchasedAt) {
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
                Json.money(f.adjustmentTotal()), Json.money(f.totalSpend()), null);
    }

    /** CSV rendering: one row per service line, then purchases, then totals. */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        b.append("record,account,month,status,service,calls,billable,paidByFree,paidByPurchased,postpaidCount,refused,")
                .append("tier,unitPrice,amount,packageId,size,price\n");
        for (Line l : lines) {
            b.append(row("line", Csv.text(l.service()), Csv.number(l.calls()), Csv.number(l.billable()),
                    Csv.number(l.paidByFree()), Csv.number(l.paidByPurchased()), Csv.number(l.postpaidCount()),
                    Csv.number(l.refused()), Csv.number(l.tier()), Csv.number(l.unitPrice()), Csv.number(l.amount()),
                    "", "", ""));
        }
        for (Purchase p : purchases) {
            b.append(row("purchase", Csv.text(p.service()), "", "", "", "", "", "", "", "", "",
                    Csv.text(p.packageId()), Csv.number(p.size()), Csv.number(p.price())));
        }
        for (Adjustment a : adjustments) {
            b.append(row("adjustment", "", "", "", "", "", "", "", "", "", Csv.number(a.amount()),
                    Csv.text(a.adjustmentId()), "", ""));
        }
        for (String[] total : new String[][]{{"prepaidSpend", prepaidSpend}, {"postpaidAmount", postpaidAmount},
                {"adjustmentTotal", adjustmentTotal}, {"totalSpend", totalSpend}}) {
            b.append(row(total[0], "", "", "", "", "", "", "", "", "", Csv.number(total[1]), "", "", ""));
        }
        return b.toString();
    }

    /** A row: its record kind, the statement's account, month and status, then {@code fields}. */
    private String row(String record, String... fields) {
        String[] all = new String[4 + fields.length];
        all[0] = record;
        all[1] = Csv.text(accountId);
        all[2] = month;
        all[3] = status;
        System.arraycopy(fields, 0, all, 4, fields.length);
        return Csv.row(all);
    }
}
