package com.faceid.ledger.app.dispute;

import com.faceid.ledger.app.axon.SerializationConfig;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.web.Csv;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.CallMetered;
import com.faceid.ledger.event.ChargedTo;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.statement.StatementFigures;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;

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
public record DisputeReport(
        String accountId,
        @Schema(type = "string", pattern = Requests.MONTH_PATTERN) String month,
        @Schema(implementation = StatementQueries.Status.class) String status,
        OffsetDateTime generatedAt, StatementView statement, List<Call> calls, List<PackageUse> packagesConsumed,
        List<Tier> tiers) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "DisputedCall")
    public record Call(
            String requestId, OffsetDateTime occurredAt, OffsetDateTime recordedAt,
            @Schema(implementation = Service.class) String service,
            String resultCode, boolean billable,
            @Schema(implementation = ChargedTo.class) String chargedTo,
            String packageId, Integer packageRemainingAfter, Long postpaidNumber, String reason) {
    }

    public record PackageUse(String packageId, @Schema(implementation = Service.class) String service, long calls) {
    }

    @Schema(name = "DisputeTier")
    public record Tier(
            @Schema(implementation = Service.class) String service,
            long postpaidCount, int tier, String tierRange,
            @Schema(type = "string", pattern = Json.DECIMAL_PATTERN, nullable = true) String unitPrice,
            @Schema(type = "string", pattern = Json.MONEY_PATTERN, nullable = true) String amount,
            String howReached) {
    }

    private static final ObjectMapper JSON = SerializationConfig.storageMapper();

    public static DisputeReport build(List<EventStoreReader.StoredEvent> events, StatementQueries.Statement statement,
                                      ZoneId zone, Instant now) {
        String accountId = statement.accountId();
        YearMonth month = statement.month();
        StatementFigures figures = statement.figures();
        List<Call> calls = new ArrayList<>();
        Map<String, long[]> used = new LinkedHashMap<>();
        Map<String, String> usedService = new LinkedHashMap<>();
        for (EventStoreReader.StoredEvent e : events) {
            if (!e.type().equals("CallMetered") || !(e.event() instanceof CallMetered c) || !month.equals(c.month())) {
                continue;
            }
            Long number = c.chargedTo() == ChargedTo.POSTPAID ? c.monthPostpaidCount() : null;
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
            b.append(Csv.row("call", Csv.text(c.requestId()), Csv.text(c.occurredAt()), Csv.text(c.service()),
                    Csv.text(c.resultCode()), Csv.text(c.billable()), Csv.text(c.chargedTo()), Csv.text(c.packageId()),
                    Csv.number(c.packageRemainingAfter()), Csv.number(c.postpaidNumber()), "", "", "", "",
                    Csv.text(c.reason())));
        }
        for (PackageUse p : packagesConsumed) {
            b.append(Csv.row("package", "", "", Csv.text(p.service()), "", "", "", Csv.text(p.packageId()), "", "",
                    Csv.number(p.calls()), "", "", "", ""));
        }
        for (Tier t : tiers) {
            b.append(Csv.row("tier", "", "", Csv.text(t.service()), "", "", "", "", "", "",
                    Csv.number(t.postpaidCount()), Csv.number(t.tier()), Csv.number(t.unitPrice()),
                    Csv.number(t.amount()), Csv.text(t.howReached())));
        }
        for (StatementView.Adjustment a : statement.adjustments()) {
            b.append(Csv.row("adjustment", Csv.text(a.requestId()), "", "", "", "", "", "", "", "", "", "", "",
                    Csv.number(a.amount()), Csv.text(a.adjustmentId() + " corrects " + a.correctsMonth() + ": "
                            + a.reason())));
        }
        b.append(Csv.row("total", "", "", "", "", "", "", "", "", "", "", "", "", Csv.number(statement.totalSpend()),
                Csv.text("prepaid " + statement.prepaidSpend() + " + postpaid " + statement.postpaidAmount()
                        + " + adjustments " + statement.adjustmentTotal())));
        return b.toString();
    }
}
