package com.faceid.ledger.app.audit;

import com.faceid.ledger.app.axon.AxonConfig;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.metering.CallMetered;
import com.faceid.ledger.statement.StatementFigures;
import com.faceid.ledger.statement.StatementLine;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document support hands to a customer disputing a month: every metered call with its charge and a
 * short reason, the packages consumed, how each postpaid tier was reached, the adjustments, the totals.
 * Built from the account's events alone.
 */
public record DisputeReport(String accountId, String month, String status, OffsetDateTime generatedAt,
                            StatementView statement, List<Call> calls, List<PackageUse> packagesConsumed,
                            List<Tier> tiers) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Call(String requestId, OffsetDateTime occurredAt, OffsetDateTime recordedAt, String service,
                       String resultCode, boolean billable, String chargedTo, String packageId,
                       Integer packageRemainingAfter, Long postpaidNumber, String reason) {
    }

    public record PackageUse(String packageId, String service, long calls) {
    }

    public record Tier(String service, long postpaidCount, int tier, String tierRange, String unitPrice,
                       String amount, String howReached) {
    }

    private static final ObjectMapper JSON = AxonConfig.storageMapper();

    public static DisputeReport build(List<EventStoreReader.StoredEvent> events, StatementQueries.Statement statement,
                                      ZoneId zone, Instant now) {
        String accountId = statement.accountId();
        YearMonth month = statement.month();
        StatementFigures figures = statement.figures();
        List<Call> calls = new ArrayList<>();
        Map<String, long[]> used = new LinkedHashMap<>();
        Map<String, String> usedService = new LinkedHashMap<>();
        for (EventStoreReader.StoredEvent e : events) {
            if (!e.type().equals("CallMetered") || !month.toString().equals(e.payload().path("month").asText())) {
                continue;
            }
            CallMetered c = JSON.convertValue(e.payload(), CallMetered.class);
            Long number = c.chargedTo() == com.faceid.ledger.metering.ChargedTo.POSTPAID ? c.monthPostpaidCount() : null;
            calls.add(new Call(c.requestId(), Json.time(c.occurredAt(), zone), Json.time(c.recordedAt(), zone),
                    c.service().name(), c.resultCode(), c.billable(), c.chargedTo().name(), c.packageId(),
                    c.packageRemainingAfter(), number, reason(c)));
            if (c.packageId() != null) {
                used.computeIfAbsent(c.packageId(), k -> new long[1])[0]++;
                usedService.put(c.packageId(), c.service().name());
            }
        }
        List<PackageUse> consumed = new ArrayList<>();
        used.forEach((id, n) -> consumed.add(new PackageUse(id, usedService.get(id), n[0])));
        List<Tier> tiers = new ArrayList<>();
        for (StatementLine l : figures.lines()) {
            if (l.postpaidCount() == 0) {
                continue;
            }
            String how = "the month's " + l.postpaidCount() + " postpaid " + l.service() + " calls fall in tier "
                    + l.tier() + " " + l.tierRange() + "; volume pricing: all of them at "
                    + (l.unitPrice() == null ? "a price still to be negotiated" : Json.money(l.unitPrice())
                    + (l.negotiatedPrice() ? " (negotiated)" : " (list price)"));
            tiers.add(new Tier(l.service().name(), l.postpaidCount(), l.tier(), l.tierRange(), Json.money(l.unitPrice()),
                    Json.money(l.amount()), how));
        }
        return new DisputeReport(accountId, month.toString(), statement.status().name(), Json.time(now, zone),
                StatementView.of(statement, zone), calls, consumed, tiers);
    }

    private static String reason(CallMetered c) {
        return switch (c.chargedTo()) {
            case FREE -> "free grant " + c.packageId() + " (free packages pay first)";
            case PURCHASED -> "package " + c.packageId() + " (the purchased one expiring first)";
            case POSTPAID -> "postpaid call #" + c.monthPostpaidCount() + " of the month: no package could pay";
            case NONE -> "result code " + c.resultCode() + " is not billable";
            case REFUSED -> "refused: no package could pay and postpaid was off";
        };
    }

    public String toCsv() {
        StringBuilder b = new StringBuilder("record,requestId,occurredAt,service,resultCode,billable,chargedTo,"
                + "packageId,packageRemainingAfter,postpaidNumber,calls,tier,unitPrice,amount,reason\n");
        for (Call c : calls) {
            b.append("call,").append(c.requestId()).append(',').append(c.occurredAt()).append(',').append(c.service())
                    .append(',').append(csv(c.resultCode())).append(',').append(c.billable()).append(',')
                    .append(c.chargedTo()).append(',').append(nz(c.packageId())).append(',')
                    .append(nz(c.packageRemainingAfter())).append(',').append(nz(c.postpaidNumber())).append(",,,,,")
                    .append(csv(c.reason())).append('\n');
        }
        for (PackageUse p : packagesConsumed) {
            b.append("package,,,").append(p.service()).append(",,,,").append(p.packageId()).append(",,,")
                    .append(p.calls()).append(",,,,\n");
        }
        for (Tier t : tiers) {
            b.append("tier,,,").append(t.service()).append(",,,,,,,").append(t.postpaidCount()).append(',')
                    .append(t.tier()).append(',').append(nz(t.unitPrice())).append(',').append(nz(t.amount()))
                    .append(',').append(csv(t.howReached())).append('\n');
        }
        for (StatementView.Adjustment a : statement.adjustments()) {
            b.append("adjustment,").append(nz(a.requestId())).append(",,,,,,,,,,,,").append(a.amount()).append(',')
                    .append(csv(a.adjustmentId() + " corrects " + a.correctsMonth() + ": " + a.reason())).append('\n');
        }
        b.append("total,,,,,,,,,,,,,").append(statement.totalSpend()).append(",prepaid ")
                .append(statement.prepaidSpend()).append(" + postpaid ").append(statement.postpaidAmount())
                .append(" + adjustments ").append(statement.adjustmentTotal()).append('\n');
        return b.toString();
    }

    private static String nz(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Quotes a free-text CSV field; a leading =, +, - or @ is neutralised (no formula injection in a spreadsheet). */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        String safe = s.isEmpty() || "=+-@".indexOf(s.charAt(0)) < 0 ? s : "'" + s;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
