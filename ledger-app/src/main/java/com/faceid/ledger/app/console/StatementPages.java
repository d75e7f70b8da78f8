package com.faceid.ledger.app.console;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.dispute.DisputeReports;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementService;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements tab: the months the account lived with their status and totals, a month's statement (open or
 * closed, now or as of an instant), its CSV and its dispute report.
 */
@Controller
public record StatementPages(StatementService statements, StatementQueries statementRows, DisputeReports reports,
        AccountQueries accounts, Clock clock) {
    /** Each service code with its English and Chinese names, as every console page shows a service. */
    static final Map<String, String> SERVICE_NAMES = Arrays.stream(Service.values())
            .collect(Collectors.toMap(Service::name, Service::displayName));
    /** Months listed on a statement page, newest first; older ones through the "previous" link. */
    static final int MONTHS_LISTED = 24;

    /** One month the account lived, as the statements tab lists it. */
    public record MonthRow(String month, String status, long calls, String totalSpend, boolean current) {
    }

    /** The statements tab opens on the last closed month, or on the current one while none is closed. */
    @GetMapping("/console/accounts/{accountId}/statements")
    String lastClosed(@PathVariable String accountId, ConsoleUser me) {
        // the key's rights first: whether an account it may not see exists is not its business
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements");
        AccountQueries.AccountRow account = accounts.require(accountId);
        YearMonth now = YearMonth.now(clock.withZone(account.zone()));
        YearMonth closed = statementRows.closedThrough(account);
        YearMonth opened = new BillingCalendar(account.zone()).monthOf(account.openedAt());
        return "redirect:/console/accounts/" + accountId + "/statements/" + (closed.isBefore(opened) ? now : closed);
    }

    /**
     * The months from the account's opening to the clock's, newest first (at most {@link #MONTHS_LISTED}). The
     * recorded closes come from one query of their stored figures; only the months still open (or closed by the
     * clock, not yet recorded) are computed as their statement page would be.
     */
    private List<MonthRow> months(String accountId, AccountQueries.AccountRow account) {
        BillingCalendar cal = new BillingCalendar(account.zone());
        YearMonth first = cal.monthOf(account.openedAt());
        YearMonth now = cal.monthOf(clock.instant());
        Map<YearMonth, StatementQueries.Statement> closed = statementRows.closedStatements(accountId);
        List<MonthRow> rows = new ArrayList<>();
        for (YearMonth m = now; !m.isBefore(first) && rows.size() < MONTHS_LISTED; m = m.minusMonths(1)) {
            StatementQueries.Statement recorded = closed.get(m);
            if (recorded != null) {
                rows.add(new MonthRow(m.toString(), recorded.status().name(), recorded.figures().lines().stream()
                        .mapToLong(StatementLine::calls).sum(), Json.money(recorded.figures().totalSpend()),
                        m.equals(now)));
                continue;
            }
            StatementView v = statements.view(accountId, m, null);
            rows.add(new MonthRow(m.toString(), v.status(), v.lines().stream().mapToLong(StatementView.Line::calls)
                    .sum(), v.totalSpend(), m.equals(now)));
        }
        return rows;
    }

    @GetMapping("/console/accounts/{accountId}/statements/{month:\\d{4}-\\d{2}}")
    String statement(@PathVariable String accountId, @PathVariable String month,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime asOf,
                     ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements/" + month);
        YearMonth m = Requests.month(month);
        AccountQueries.AccountRow account = accounts.require(accountId);
        ZoneId zone = account.zone();
        OffsetDateTime at = asOf == null ? null : asOf.atZone(zone).toOffsetDateTime();
        StatementView full = statements.view(accountId, m, at);
        StatementView view = me.accountId() != null ? full.shownToCustomer() : full; // no key ids
        // the neighbouring months, where the account lived in them (its opening month to the clock's)
        BillingCalendar cal = new BillingCalendar(zone);
        model.addAttribute("accountId", accountId);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("statement", view);
        model.addAttribute("asOf", at);
        model.addAttribute("serviceNames", SERVICE_NAMES);
        model.addAttribute("previous", m.isAfter(cal.monthOf(account.openedAt())) ? m.minusMonths(1).toString() : null);
        model.addAttribute("next", m.isBefore(cal.monthOf(clock.instant())) ? m.plusMonths(1).toString() : null);
        model.addAttribute("months", months(accountId, account));
        return "console/statement";
    }

    @GetMapping("/console/accounts/{accountId}/statements/{month:\\d{4}-\\d{2}}.csv")
    ResponseEntity<String> csv(@PathVariable String accountId, @PathVariable String month, ConsoleUser me) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements/" + month);
        YearMonth m = Requests.month(month);
        StatementView full = statements.view(accountId, m, null);
        return csvFile("statement-" + accountId + "-" + m + ".csv", me.accountId() != null ? full.shownToCustomer()
                : full, StatementView::toCsv);
    }

    @GetMapping("/console/accounts/{accountId}/statements/{month:\\d{4}-\\d{2}}/dispute-report.csv")
    ResponseEntity<String> disputeReport(@PathVariable String accountId, @PathVariable String month, ConsoleUser me) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements/" + month + "/dispute-report");
        YearMonth m = Requests.month(month);
        return csvFile("dispute-" + accountId + "-" + m + ".csv", reports.report(accountId, m), r -> r.toCsv());
    }

    private static <T> ResponseEntity<String> csvFile(String name, T document, Function<T, String> csv) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + name).body(csv.apply(document));
    }
}
