package com.faceid.ledger.app.whatif;

import com.faceid.ledger.account.AccountEvent;
import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.account.ErrorCode;
import com.faceid.ledger.account.LedgerException;
import com.faceid.ledger.app.audit.EventStoreReader;
import com.faceid.ledger.app.audit.LedgerFold;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.pricing.Money;
import com.faceid.ledger.statement.StatementFigures;
import com.faceid.ledger.statement.StatementLine;
import com.faceid.ledger.whatif.Rerating;
import com.faceid.ledger.whatif.Scenario;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers a what-if from the account's events alone: the actual side is the fold of the events (each closed
 * month its StatementClosed, an open one its running figures, a month past its deadline closed by the clock),
 * the what-if side the {@link Rerating} of the same events under the scenario. Neither reads a read model, so
 * the answer never depends on whether a projection or the scheduler has caught up.
 */
@Component
public class WhatIfService {
    private final EventStoreReader events;
    private final BillingPolicy policy;
    private final Clock clock;

    public WhatIfService(EventStoreReader events, BillingPolicy policy, Clock clock) {
        this.events = events;
        this.policy = policy;
        this.clock = clock;
    }

    /** The account's history: its events as recorded, decoded (404 when there is none). */
    public History history(String accountId) {
        List<EventStoreReader.StoredEvent> stored = events.all(accountId);
        if (stored.isEmpty()) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
        }
        return new History(accountId, stored, stored.stream().map(EventStoreReader.StoredEvent::event).toList(),
                LedgerFold.of(accountId, stored), clock.instant());
    }

    /** An account's events, their fold and the clock when they were read. */
    public record History(String accountId, List<EventStoreReader.StoredEvent> stored, List<AccountEvent> events,
                          LedgerFold fold, Instant now) {
        public BillingCalendar calendar() {
            return new BillingCalendar(java.time.ZoneId.of(fold.zone));
        }
    }

    public WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario) {
        History h = history(accountId);
        BillingCalendar cal = h.calendar();
        YearMonth first = cal.monthOf(h.fold().openedAt);
        YearMonth last = cal.monthOf(h.now());
        YearMonth start = from == null || from.isBefore(first) ? first : from;
        YearMonth end = to == null || to.isAfter(last) ? last : to;
        if (start.isAfter(end)) {
            throw ApiException.validation("from (" + from + ") must not be after to (" + to + "), and the range must"
                    + " meet the account's life so far (" + first + " to " + last + ")");
        }
        Rerating.Rerated rerated = Rerating.rerate(h.events(), scenario, policy, h.now());
        List<WhatIfView.MonthComparison> months = new ArrayList<>();
        BigDecimal totalActual = Money.ZERO;
        BigDecimal totalWhatIf = Money.ZERO;
        for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
            StatementQueries.Statement actual = h.fold().statement(m, policy, h.now());
            StatementQueries.Statement whatIf = statementOf(accountId, rerated.month(m), h);
            totalActual = Money.add(totalActual, actual.figures().totalSpend());
            totalWhatIf = Money.add(totalWhatIf, whatIf.figures().totalSpend());
            months.add(new WhatIfView.MonthComparison(m.toString(), StatementView.of(actual, cal.zone()),
                    StatementView.of(whatIf, cal.zone()), Json.money(whatIf.figures().totalSpend()
                    .subtract(actual.figures().totalSpend())), differences(actual.figures(), whatIf.figures())));
        }
        return new WhatIfView(accountId, start.toString(), end.toString(), months, Json.money(totalActual),
                Json.money(totalWhatIf), Json.money(totalWhatIf.subtract(totalActual)), rerated.notes());
    }

    /** A re-rated month with the status the clock gives it, as the ledger would show it. */
    private StatementQueries.Statement statementOf(String accountId, Rerating.RatedMonth r, History h) {
        StatementFigures f = r.figures();
        if (r.closed()) {
            return new StatementQueries.Statement(accountId, r.month(), StatementQueries.Status.CLOSED, r.closedAt(), f);
        }
        StatementQueries.Statement s = new StatementQueries.Statement(accountId, r.month(), f.awaitingPrice()
                ? StatementQueries.Status.AWAITING_PRICE : StatementQueries.Status.OPEN, null, f);
        boolean pastDeadline = !h.now().isBefore(h.calendar().closeDeadline(r.month(), policy.closeGrace()));
        return pastDeadline && !f.awaitingPrice()
                ? StatementQueries.closedByTheClock(s, h.calendar().zone(), policy) : s;
    }

    /** Each service line whose count, tier or amount differs, and the prepaid spend when it differs. */
    static List<WhatIfView.LineDifference> differences(StatementFigures actual, StatementFigures whatIf) {
        List<WhatIfView.LineDifference> out = new ArrayList<>();
        for (com.faceid.ledger.pricing.Service s : com.faceid.ledger.pricing.Service.values()) {
            StatementLine a = line(actual, s);
            StatementLine w = line(whatIf, s);
            if (a == null && w == null) {
                continue;
            }
            long ac = a == null ? 0 : a.postpaidCount();
            long wc = w == null ? 0 : w.postpaidCount();
            int at = a == null ? 1 : a.tier();
            int wt = w == null ? 1 : w.tier();
            BigDecimal aa = a == null ? Money.ZERO : a.amount();
            BigDecimal wa = w == null ? Money.ZERO : w.amount();
            if (ac != wc || at != wt || !Objects.equals(aa, wa)) {
                out.add(new WhatIfView.LineDifference(s.name(), ac, wc, at, wt, Json.money(aa), Json.money(wa),
                        aa == null || wa == null ? null : Json.money(wa.subtract(aa))));
            }
        }
        if (actual.prepaidSpend().compareTo(whatIf.prepaidSpend()) != 0) {
            out.add(new WhatIfView.LineDifference(WhatIfView.PREPAID, 0, 0, 0, 0, Json.money(actual.prepaidSpend()),
                    Json.money(whatIf.prepaidSpend()), Json.money(whatIf.prepaidSpend().subtract(actual.prepaidSpend()))));
        }
        return out;
    }

    private static StatementLine line(StatementFigures f, com.faceid.ledger.pricing.Service s) {
        return f.lines().stream().filter(l -> l.service() == s).findFirst().orElse(null);
    }
}
