package com.faceid.ledger.app.console;

import com.faceid.ledger.app.LedgerProperties;
import com.faceid.ledger.app.account.AccountQueries;
import com.faceid.ledger.app.account.AccountService;
import com.faceid.ledger.app.alert.AlertQueries;
import com.faceid.ledger.app.audit.AuditService;
import com.faceid.ledger.app.axon.ReadModels;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.app.prepaid.PackageView;
import com.faceid.ledger.app.prepaid.QuotaService;
import com.faceid.ledger.app.prepaid.QuotaView;
import com.faceid.ledger.app.statement.StatementService;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.usage.DailyUsageQueries;
import com.faceid.ledger.app.web.Requests;
import com.faceid.ledger.event.Limits;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.TierPricer;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The page a customer opens first (calls left, held, expiring next, packages, alerts, charts) and the operators'
 * account list. Every figure comes from the services the API answers from; the page only arranges them.
 */
@Controller
public record AccountPages(AccountService accounts, AccountQueries accountRows, PackageQueries packages,
        AuditService audit, QuotaService quotas,
        AlertQueries alerts, StatementService statements, DailyUsageQueries daily, BillingPolicy policy, Clock clock,
        LedgerProperties props, ReadModels readModels) {
    /** One service's line on the account page. */
    public record ServiceRow(String service, String displayName, int remaining, int usableNow, int held,
                             OffsetDateTime nextExpiry, int nextExpiryUnits) {
    }

    /** How far the month's postpaid calls of a service are from the next tier, and its price. */
    public record TierProgress(String service, String displayName, long postpaidCount, int tier, String tierRange,
                               String unitPrice, Integer nextTier, Long callsToGo, BigDecimal nextUnitPrice,
                               int percent) {
    }

    public record AlertLine(String kind, String packageId, String detail, OffsetDateTime raisedAt) {
    }

    @GetMapping("/console")
    String home(ConsoleUser me) {
        return me.accountId() != null ? "redirect:/console/accounts/" + me.accountId() : "redirect:/console/accounts";
    }

    /**
     * The one search box: an account by any part of its id (any case), a package by its id or purchase id, a
     * call by its request id. One hit opens it; several are listed by kind.
     */
    @GetMapping("/console/accounts")
    String list(@RequestParam(required = false) String prefix, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "0") int page, ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts");
        String text = q == null ? "" : q.strip();
        String start = prefix == null || prefix.isBlank() ? null : prefix.trim();
        AccountService.AccountPage found = accounts.page(start, text, page, 20);
        List<String> holding = List.of();
        List<String> calls = List.of();
        if (!text.isEmpty() && text.length() <= Limits.KEY_MAX && text.matches(Requests.KEY_PATTERN)) {
            // the packages' view, caught up with every stored event first: a package bought a moment ago is found
            readModels.awaitAll();
            holding = packages.accountsHolding(text);
            calls = audit.accountsWith(text);
            if (page == 0 && found.total() + holding.size() + calls.size() == 1) { // one hit: open it
                return found.total() == 1 ? "redirect:/console/accounts/" + found.items().get(0).accountId()
                        : !holding.isEmpty() ? "redirect:/console/accounts/" + holding.get(0) + "#packages"
                        : "redirect:/console/accounts/" + calls.get(0) + "/calls/" + UriUtils.encodePathSegment(text,
                        StandardCharsets.UTF_8);
            }
        }
        model.addAttribute("prefix", start == null ? "" : start);
        model.addAttribute("q", text);
        model.addAttribute("accounts", found);
        model.addAttribute("holding", holding);
        model.addAttribute("calls", calls);
        model.addAttribute("mayOpen", me.may("POST", "/api/v1/accounts"));
        model.addAttribute("previousPage", page > 0 ? listPage(start, text, page - 1) : null);
        model.addAttribute("nextPage", (page + 1L) * found.size() < found.total() ? listPage(start, text, page + 1)
                : null);
        return "console/accounts";
    }

    /** A page of the list, naming only the conditions given. */
    private static String listPage(String prefix, String q, int page) {
        var uri = UriComponentsBuilder.fromPath("/console/accounts");
        if (prefix != null) {
            uri.queryParam("prefix", prefix);
        }
        if (!q.isEmpty()) {
            uri.queryParam("q", q);
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }

    @GetMapping("/console/accounts/{accountId}")
    String account(@PathVariable String accountId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime asOf,
                   ConsoleUser me, Model model) {
        me.require("GET", "/api/v1/accounts/" + accountId + "/quota");
        AccountQueries.AccountRow row = accountRows.require(accountId);
        ZoneId zone = row.zone();
        // "as of" is typed as a wall-clock time in the billing zone, the way people read times on this page
        OffsetDateTime at = asOf == null ? null : asOf.atZone(zone).toOffsetDateTime();
        QuotaView quota = quotas.quota(accountId, at);
        model.addAttribute("account", row);
        model.addAttribute("mayBuy", at == null && me.may("POST", "/api/v1/accounts/" + accountId + "/packages"));
        model.addAttribute("mayPostpaid", at == null && me.may("PUT", "/api/v1/accounts/" + accountId + "/postpaid"));
        model.addAttribute("serviceNames", StatementPages.SERVICE_NAMES);
        model.addAttribute("mayPrice", at == null && me.may("POST", "/api/v1/accounts/" + accountId
                + "/negotiated-prices"));
        model.addAttribute("openedAt", row.openedAt().atZone(zone));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("asOf", at);
        model.addAttribute("quota", quota);
        model.addAttribute("services", quota.services().stream().map(AccountPages::row).toList());
        model.addAttribute("packages", quota.services().stream().flatMap(s -> s.packages().stream())
                .sorted(Comparator.comparing(PackageView::expiresAt)).toList());
        model.addAttribute("alerts", alerts.of(row).stream().map(a -> new AlertLine(a.kind(), a.packageId(), a.detail(),
                a.raisedAt().atZone(zone).toOffsetDateTime())).toList());
        model.addAttribute("chartDays", props.console().chartDays());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        model.addAttribute("today", today);
        model.addAttribute("dailyCharts", dailyCharts(accountId, today));
        model.addAttribute("burnDowns", burnDowns(accountId, quota, today));
        YearMonth month = YearMonth.from(today);
        model.addAttribute("month", month.toString());
        model.addAttribute("tiers", tierProgress(statements.view(accountId, month, null), month));
        return "console/account";
    }

    private static ServiceRow row(QuotaView.ServiceQuota s) {
        PackageView next = s.packages().stream()
                .filter(p -> p.status().equals("ACTIVE") && p.remaining() > 0)
                .min(Comparator.comparing(PackageView::expiresAt)).orElse(null);
        return new ServiceRow(s.service(), Service.valueOf(s.service()).displayName(), s.remaining(), s.usableNow(),
                s.held(), next == null ? null : next.expiresAt(), next == null ? 0 : next.remaining());
    }

    private List<BarChart> dailyCharts(String accountId, LocalDate today) {
        LocalDate from = today.minusDays(props.console().chartDays() - 1);
        Map<Service, Map<LocalDate, Long>> perService = new TreeMap<>();
        for (DailyUsageQueries.DayRow r : daily.between(accountId, from, today)) {
            perService.computeIfAbsent(r.service(), k -> new TreeMap<>()).merge(r.day(), r.calls(), Long::sum);
        }
        List<BarChart> charts = new ArrayList<>();
        perService.forEach((service, days) -> charts.add(BarChart.daily(
                service.displayName(), from, today, days)));
        return charts;
    }

    private List<BurnDown> burnDowns(String accountId, QuotaView quota, LocalDate today) {
        Map<String, Map<LocalDate, Long>> usedByPackage = new HashMap<>();
        for (DailyUsageQueries.DayRow r : daily.paidByPackages(accountId)) {
            usedByPackage.computeIfAbsent(r.packageId(), k -> new TreeMap<>()).merge(r.day(), r.calls(), Long::sum);
        }
        List<BurnDown> list = new ArrayList<>();
        for (QuotaView.ServiceQuota s : quota.services()) {
            for (PackageView p : s.packages()) {
                if (!p.status().equals("ACTIVE") || p.remaining() == 0) {
                    continue;
                }
                list.add(BurnDown.of(p.packageId(), p.size(), p.remaining(), p.effectiveFrom().toLocalDate(), today,
                        p.expiresAt().toLocalDate(), usedByPackage.getOrDefault(p.packageId(), Map.of())));
            }
        }
        return list;
    }

    private List<TierProgress> tierProgress(StatementView statement, YearMonth month) {
        TierPricer pricer = policy.pricer();
        List<TierProgress> list = new ArrayList<>();
        for (StatementView.Line line : statement.lines()) {
            Service service = Service.valueOf(line.service());
            var tariff = policy.catalogs().inForceFor(month).postpaid(service);
            var next = pricer.nextTier(tariff, line.postpaidCount());
            int percent = next.map(n -> (int) Math.min(100, 100 * line.postpaidCount() / n.reachedAtCount())).orElse(100);
            list.add(new TierProgress(line.service(), service.displayName(), line.postpaidCount(), line.tier(),
                    line.tierRange(), line.unitPrice(), next.map(TierPricer.NextTier::tier).orElse(null),
                    next.map(TierPricer.NextTier::callsToGo).orElse(null),
                    next.map(TierPricer.NextTier::unitPrice).orElse(null), percent));
        }
        return list;
    }
}
