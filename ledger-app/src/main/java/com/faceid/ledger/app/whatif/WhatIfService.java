package com.faceid.ledger.app.whatif;

import com.faceid.ledger.account.BillingCalendar;
import com.faceid.ledger.app.history.LedgerFold;
import com.faceid.ledger.app.limits.FairShare;
import com.faceid.ledger.app.statement.StatementQueries;
import com.faceid.ledger.app.statement.StatementView;
import com.faceid.ledger.app.store.EventStoreReader;
import com.faceid.ledger.app.web.ApiException;
import com.faceid.ledger.app.web.Json;
import com.faceid.ledger.error.ErrorCode;
import com.faceid.ledger.error.LedgerException;
import com.faceid.ledger.event.AccountEvent;
import com.faceid.ledger.event.Money;
import com.faceid.ledger.event.Service;
import com.faceid.ledger.event.StatementLine;
import com.faceid.ledger.pricing.BillingPolicy;
import com.faceid.ledger.statement.StatementFigures;
import com.faceid.ledger.whatif.Rerating;
import com.faceid.ledger.whatif.Scenario;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Answers a what-if from the account's events alone: the actual side is the fold of the events (each closed
 * month its StatementClosed, an open one its running figures, a month past its deadline closed by the clock),
 * the what-if side the {@link Rerating} of the same events under the scenario. Neither reads a read model, so
 * the answer never depends on whether a projection or the scheduler has caught up.
 */
@Component
public record WhatIfService(EventStoreReader events, BillingPolicy policy, Clock clock, FairShare fairShare)
        implements WhatIfRuns.WhatIfs {
    /** Events read from the store at a time: a history is streamed through the re-rating, never held whole. */
    static final int PAGE = 10_000;

    /** The what-if, within the caller's fair share of the node (a run's own queue bounds the runs instead). */
    public WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario) {
        return fairShare.run("a what-if", accountId, () -> whatIf(accountId, from, to, scenario, (done, total) -> { }));
    }

    /** How far a re-rating has read: events read so far, of the account's events. */
    @FunctionalInterface
    public interface Progress {
        void read(long done, long total);
    }

    /** The what-if, telling {@code progress} after each page of {@link #PAGE} events (the command line shows it). */
    public WhatIfView whatIf(String accountId, YearMonth from, YearMonth to, Scenario scenario, Progress progress) {
        long last = check(accountId, from, to) - 1;
        Instant now = clock.instant();
        LedgerFold fold = new LedgerFold(accountId);
        // one pass over the events up to the last one now: the re-rating reads them, the fold (the actual side)
        // takes each as it passes
        Rerating.Rerated rerated = Rerating.rerate(streamed(accountId, last, fold, progress), scenario, policy, now);
        BillingCalendar cal = new BillingCalendar(ZoneId.of(fold.zone));
        // the what-if's months closed in effect: the ledger's own rule (StatementQueries.closedThrough), from the
        // re-rating's last close, each later month past its deadline until one awaits a price
        YearMonth closedThrough = StatementQueries.closedThrough(rerated.months().stream()
                        .filter(Rerating.RatedMonth::closed).map(Rerating.RatedMonth::month).max(YearMonth::compareTo)
                        .orElse(null), fold.openedAt, cal.zone(), policy, now,
                m -> rerated.month(m) != null && rerated.month(m).figures().awaitingPrice());
        YearMonth first = cal.monthOf(fold.openedAt);
        YearMonth lastMonth = cal.monthOf(now);
        YearMonth start = from == null || from.isBefore(first) ? first : from;
        YearMonth end = to == null || to.isAfter(lastMonth) ? lastMonth : to;
        if (start.isAfter(end)) {
            throw ApiException.validation("the months asked (" + from + " to " + to + ") are outside the account's"
                    + " life so far (" + first + " to " + lastMonth + ")");
        }
        List<WhatIfView.MonthComparison> months = new ArrayList<>();
        BigDecimal totalActual = Money.ZERO;
        BigDecimal totalWhatIf = Money.ZERO;
        for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
            StatementQueries.Statement actual = fold.statement(m, policy, now);
            StatementQueries.Statement whatIf = statementOf(accountId, rerated.month(m), closedThrough, cal);
            totalActual = Money.add(totalActual, actual.figures().totalSpend());
            totalWhatIf = Money.add(totalWhatIf, whatIf.figures().totalSpend());
            months.add(new WhatIfView.MonthComparison(m.toString(), StatementView.of(actual, cal.zone()),
                    StatementView.of(whatIf, cal.zone()), Json.money(whatIf.figures().totalSpend()
                    .subtract(actual.figures().totalSpend())), differences(actual.figures(), whatIf.figures())));
        }
        return new WhatIfView(accountId, start.toString(), end.toString(), months, Json.money(totalActual),
                Json.money(totalWhatIf), Json.money(totalWhatIf.subtract(totalActual)), rerated.notes());
    }

    /**
     * What can be refused before any event is read: months in the wrong order, an account that does not exist.
     *
     * @return how many events the account has now (what a re-rating will read)
     */
    public long check(String accountId, YearMonth from, YearMonth to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.validation("from (" + from + ") must not be after to (" + to + ")");
        }
        long last = events.lastSequence(accountId);
        if (last < 0) {
            throw new LedgerException(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + accountId);
        }
        return last + 1;
    }

    /** The account's events up to {@code last}, read {@link #PAGE} at a time, each applied to {@code fold}. */
    private Iterable<AccountEvent> streamed(String accountId, long last, LedgerFold fold, Progress progress) {
        return () -> new Iterator<>() {
            private long after = -1;
            private Iterator<EventStoreReader.StoredEvent> page = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && after < last) {
                    List<EventStoreReader.StoredEvent> next = events.between(accountId, after,
                            Math.min(last, after + PAGE));
                    after = Math.min(last, after + PAGE);
                    page = next.iterator();
                    progress.read(after + 1, last + 1);
                }
                return page.hasNext();
            }

            @Override
            public AccountEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                EventStoreReader.StoredEvent e = page.next();
                fold.apply(e);
                return e.event();
            }
        };
    }

    /** A re-rated month with the status the clock gives it, as the ledger would show it. */
    private StatementQueries.Statement statementOf(String accountId, Rerating.RatedMonth r, YearMonth closedThrough,
                                                   BillingCalendar cal) {
        StatementFigures f = r.figures();
        if (r.closed()) {
            return new StatementQueries.Statement(accountId, r.month(), StatementQueries.Status.CLOSED, r.closedAt(), f);
        }
        StatementQueries.Statement s = new StatementQueries.Statement(accountId, r.month(), f.awaitingPrice()
                ? StatementQueries.Status.AWAITING_PRICE : StatementQueries.Status.OPEN, null, f);
        return r.month().isAfter(closedThrough) ? s : StatementQueries.closedByTheClock(s, cal.zone(), policy);
    }

    /** Each service line whose count, tier or amount differs, and the prepaid spend when it differs. */
    static List<WhatIfView.LineDifference> differences(StatementFigures actual, StatementFigures whatIf) {
        List<WhatIfView.LineDifference> out = new ArrayList<>();
        for (Service s : Service.values()) {
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

    private static StatementLine line(StatementFigures f, Service s) {
        return f.lines().stream().filter(l -> l.service() == s).findFirst().orElse(null);
    }
}
