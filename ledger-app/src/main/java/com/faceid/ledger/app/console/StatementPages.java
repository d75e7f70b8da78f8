package com.faceid.ledger.app.console;

import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.audit.DisputeReports;
import com.faceid.ledger.app.statement.StatementService;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.pricing.Service;
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
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import com.faceid.ledger.account.BillingCalendar;

/** A month's statement (open or closed, now or as of an instant), its CSV and its dispute report. */
@Controller
public record StatementPages(StatementService statements, DisputeReports reports, AccountQueries accounts,
        Clock clock) {
    private static final Map<String, String> PAGE_NAMES = Arrays.stream(Service.values())
            .collect(Collectors.toMap(Service::name, Service::pageName));
    @GetMapping("/console/accounts/{accountId}/statements")
    String thisMonth(@PathVariable String accountId, ConsoleUser me) {
        // the key's rights first: whether an account it may not see exists is not its business
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements");
        ZoneId zone = accounts.require(accountId).zone();
        return "redirect:/console/accounts/" + accountId + "/statements/" + YearMonth.now(clock.withZone(zone));
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
        StatementView view = statements.view(accountId, m, at);
        // the neighbouring months, where the account lived in them (its opening month to the clock's)
        BillingCalendar cal = new BillingCalendar(zone);
        model.addAttribute("accountId", accountId);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("statement", view);
        model.addAttribute("asOf", at);
        model.addAttribute("pageNames", PAGE_NAMES);
        model.addAttribute("previous", m.isAfter(cal.monthOf(account.openedAt())) ? m.minusMonths(1).toString() : null);
        model.addAttribute("next", m.isBefore(cal.monthOf(clock.instant())) ? m.plusMonths(1).toString() : null);
        return "console/statement";
    }

    @GetMapping("/console/accounts/{accountId}/statements/{month:\\d{4}-\\d{2}}.csv")
    ResponseEntity<String> csv(@PathVariable String accountId, @PathVariable String month, ConsoleUser me) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/statements/" + month);
        YearMonth m = Requests.month(month);
        return csvFile("statement-" + accountId + "-" + m + ".csv", statements.view(accountId, m, null),
                StatementView::toCsv);
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
