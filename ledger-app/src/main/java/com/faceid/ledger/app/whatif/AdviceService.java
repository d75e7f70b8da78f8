package com.faceid.ledger.app.whatif;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.advice.Advisor;
import com.faceid.ledger.advice.Holding;
import com.faceid.ledger.advice.Purchase;
import com.faceid.ledger.advice.ServiceCase;
import com.faceid.ledger.app.history.FoldCheckpoints;
import com.faceid.ledger.app.history.LedgerFold;
import com.faceid.ledger.app.limits.FairShare;
import com.faceid.ledger.app.prepaid.PackageQueries;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.PurchaseLine;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.prepaid.PackageKind;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Catalog;
import com.faceid.ledger.pricing.TierConvention;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers what the advisor needs from the account's events (the fold from its latest checkpoint, never a read
 * model): the usage of the last closed months (closed by a recorded close or by the clock), the packages held
 * now, postpaid on or off, the negotiated prices, the basis months' purchases ("as today"); then asks the
 * {@link Advisor}. The basis is read from the months' statements, not from the calls, so an account with
 * millions of calls is advised in the time of a few statements.
 */
@Component
public record AdviceService(FoldCheckpoints folds, BillingPolicy policy, Clock clock, FairShare fairShare) {
    public static final int BASIS_MAX = 12;
    public static final int HORIZON_MAX = 24;

    /** The advice, within the caller's fair share of the node. */
    public AdviceView advise(String accountId, int basisMonths, int horizonMonths) {
        return fairShare.run("advice", accountId, () -> adviseNow(accountId, basisMonths, horizonMonths));
    }

    private AdviceView adviseNow(String accountId, int basisMonths, int horizonMonths) {
        if (basisMonths < 1 || basisMonths > BASIS_MAX) {
            throw ApiException.validation("basisMonths must be 1 to " + BASIS_MAX + ", got " + basisMonths);
        }
        if (horizonMonths < 1 || horizonMonths > HORIZON_MAX) {
            throw ApiException.validation("horizonMonths must be 1 to " + HORIZON_MAX + ", got " + horizonMonths);
        }
        LedgerFold fold = folds.latest(accountId);
        if (fold.openedAt == null) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
        }
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(fold.zone);
        BillingCalendar cal = new BillingCalendar(zone);
        YearMonth through = StatementQueries.closedThrough(fold.closedThrough, fold.openedAt, zone, policy, now,
                m -> fold.statement(m, policy).status() != StatementQueries.Status.OPEN);
        List<StatementQueries.Statement> basis = new ArrayList<>();
        for (YearMonth m = through; basis.size() < basisMonths && !m.isBefore(cal.monthOf(fold.openedAt));
             m = m.minusMonths(1)) {
            basis.add(0, fold.statement(m, policy, now));
        }
        Map<Service, Long> callsPerMonth = callsPerMonth(basis);
        YearMonth horizonFrom = cal.monthOf(now);
        Catalog catalog = policy.catalogs().inForceFor(horizonFrom);
        Map<Service, BigDecimal> negotiated = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            BigDecimal p = fold.negotiated.priceFor(s, horizonFrom);
            if (p != null) {
                negotiated.put(s, p);
            }
        }
        Advisor.Advice advice = Advisor.advise(catalog, policy.pricer(), callsPerMonth,
                holdings(fold, now, cal, horizonFrom, horizonMonths), fold.postpaidEnabled, negotiated,
                asToday(basis, horizonMonths), horizonMonths);
        List<String> assumptions = new ArrayList<>(advice.assumptions());
        assumptions.add("priced with the price list of " + catalog.version() + ", in force for " + horizonFrom + ", "
                + (policy.tierConvention() == TierConvention.UPPER_INCLUSIVE
                ? "a month of exactly 1,000 postpaid calls priced at the first tier (a bound belongs to the tier below)"
                : "a month of exactly 1,000 postpaid calls priced at the second tier (a bound belongs to the tier"
                + " above)")
                + "; postpaid is " + (fold.postpaidEnabled ? "on" : "off"));
        assumptions.add("the horizon starts with the current month (" + horizonFrom + "), counted whole; units held "
                + "by open holds are counted as still available");
        if (basis.isEmpty()) {
            assumptions.add("no month is closed yet: there is no usage to base advice on");
        }
        List<AdviceView.ServiceAdvice> services = advice.services().stream().map(a -> new AdviceView.ServiceAdvice(
                a.service().name(), a.plan().stream().map(p -> new AdviceView.PlanItem(p.size(), p.count(),
                horizonFrom.plusMonths(p.month()).toString(),
                Json.money(catalog.packagePrice(a.service(), p.size()).orElseThrow()))).toList(),
                money(a.cost().totalFen()), money(a.asToday().totalFen()), money(a.savingsFen()),
                a.cost().postpaidCalls(), a.cost().uncovered(), a.asToday().uncovered(), a.cost().forfeited(),
                a.exact() ? "EXACT" : "BOUNDED")).toList();
        Map<String, Long> calls = new LinkedHashMap<>();
        callsPerMonth.forEach((s, n) -> calls.put(s.name(), n));
        return new AdviceView(accountId, new AdviceView.Basis(basis.stream().map(s -> s.month().toString()).toList(),
                calls), horizonFrom.toString(), horizonMonths, services, money(advice.totalFen()),
                money(advice.totalAsTodayFen()), money(advice.totalAsTodayFen() - advice.totalFen()),
                List.copyOf(assumptions));
    }

    /** Each service's billable calls per basis month, on average (half up); services without calls left out. */
    static Map<Service, Long> callsPerMonth(List<StatementQueries.Statement> basis) {
        Map<Service, Long> sum = new TreeMap<>();
        for (StatementQueries.Statement s : basis) {
            for (StatementLine l : s.figures().lines()) {
                sum.merge(l.service(), l.billable(), Long::sum);
            }
        }
        Map<Service, Long> out = new TreeMap<>();
        long n = basis.size();
        sum.forEach((s, total) -> {
            if (total > 0) {
                out.put(s, (2 * total + n) / (2 * n));
            }
        });
        return out;
    }

    /** The packages that can still pay, as horizon months: whole months until the one they expire in. */
    private static Map<Service, List<Holding>> holdings(LedgerFold fold, Instant now, BillingCalendar cal,
                                                       YearMonth from, int horizon) {
        Map<Service, List<Holding>> out = new EnumMap<>(Service.class);
        for (PackageQueries.PackageRow p : fold.packages.values()) {
            PackageQueries.PackageRow r = p.at(now);
            if (r.expired() || r.remaining() <= 0) {
                continue;
            }
            int full = 0;
            while (full < horizon && !r.expiresAt().isBefore(cal.monthStart(from.plusMonths(full + 1)))) {
                full++;
            }
            int permille = 0;
            if (full < horizon) {
                Instant start = cal.monthStart(from.plusMonths(full));
                Instant end = cal.monthStart(from.plusMonths(full + 1));
                permille = (int) (Duration.between(start, r.expiresAt()).toSeconds() * 1000
                        / Duration.between(start, end).toSeconds());
                permille = Math.max(0, Math.min(1000, permille));
            }
            out.computeIfAbsent(r.service(), s -> new ArrayList<>()).add(new Holding(r.kind() == PackageKind.FREE,
                    r.remaining(), full, permille));
        }
        return out;
    }

    /** As today: the basis months' purchases repeated in the same order over the horizon. */
    static Map<Service, List<Purchase>> asToday(List<StatementQueries.Statement> basis, int horizon) {
        Map<Service, List<Purchase>> out = new EnumMap<>(Service.class);
        if (basis.isEmpty()) {
            return out;
        }
        for (int m = 0; m < horizon; m++) {
            Map<Service, Map<Integer, Integer>> counts = new EnumMap<>(Service.class);
            for (PurchaseLine p : basis.get(m % basis.size()).figures().purchases()) {
                counts.computeIfAbsent(p.service(), s -> new TreeMap<>()).merge(p.size(), 1, Integer::sum);
            }
            final int month = m;
            counts.forEach((s, bySize) -> bySize.forEach((size, n) ->
                    out.computeIfAbsent(s, x -> new ArrayList<>()).add(new Purchase(size, n, month))));
        }
        return out;
    }

    private static String money(long fen) {
        return Json.money(ServiceCase.money(fen));
    }
}
